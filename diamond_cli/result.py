"""The result object of CONTRACT.md, and a JSON encoder that keeps Decimals exact."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from diamond_cli import SCHEMA_VERSION, __version__
from diamond_cli.messages import FIELD_FLAGS, check_message
from diamond_cli.models import Check, Grade, Verdict
from diamond_cli.nip import mask_nip

NIP_MODES = ("show", "mask", "hash")


def shown_nip(nip: str | None, mode: str, key: bytes | None = None) -> str | None:
    """The NIP as the chosen privacy mode allows it to appear anywhere in output."""
    if nip is None or mode == "show":
        return nip
    if mode == "mask":
        return mask_nip(nip)
    import hashlib
    import hmac

    assert key is not None, "hash mode needs a key (checked by the CLI)"
    return hmac.new(key, nip.encode("ascii"), hashlib.sha256).hexdigest()


def check_dict(check: Check, lang: str) -> dict[str, Any]:
    actual = check.actual
    required = check.required
    missing = check.missing
    return {
        "rule": check.rule,
        # `_value_` is the plain attribute behind `.value`, a Python-level descriptor (a batch reads ten a record).
        "status": check.status._value_,
        "message": check_message(check, lang),
        "kind": _KINDS.get(check.rule) or _kind(check),
        "interpretation": check.interpretation,
        # Most figures are plain already, and most checks pass with nothing to add: no call for those.
        "actual": actual if type(actual) in _SCALARS else _plain(actual),
        "required": required if type(required) in _SCALARS else _plain(required),
        "to_pass": to_pass(check) if check.to_pass or missing else {},
        "missing": [*missing],
    }


# "discretionary" or "required" by rule: it follows from the rule alone.
_KINDS: dict[str, str] = {}


def _kind(check: Check) -> str:
    kind = _KINDS[check.rule] = "discretionary" if check.discretionary else "required"
    return kind


def to_pass(check: Check) -> dict[str, object]:
    """The engine's figures as plain values, plus the field and flag that supply each missing input."""
    figures = _plain_mapping(check.to_pass)
    if check.missing:
        figures["inputs"] = [{"field": name, "flag": FIELD_FLAGS.get(name)} for name in check.missing]
    return figures


def result_dict(
    verdict: Verdict,
    lang: str = "en",
    nip_mode: str = "show",
    nip_key: bytes | None = None,
    check_render: Callable[[Check, str], object] = check_dict,
) -> dict[str, Any]:
    """The result object; `check_render` may give a check as anything the encoder writes as
    `check_dict` would (a batch passes pre-encoded JSON for outcomes shared by many sellers)."""
    ref = verdict.thresholds
    route = verdict.route
    return {
        "seller": verdict.seller,
        "nip": shown_nip(verdict.nip, nip_mode, nip_key),
        "verdict": verdict.verdict._value_,
        "main_category": verdict.main_category,
        "main_category_tied_with": list(verdict.main_category_tied_with),
        "route": route._value_ if route else None,
        "checks": [check_render(c, lang) for c in verdict.checks],
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "thresholds": {
            "name": ref.name,
            "version": ref.version,
            "effective_from": ref.effective_from,
            "source": ref.source,
        },
    }


def error_dict(message: str) -> dict[str, Any]:
    return {"verdict": "error", "error": message}


_SCALARS = frozenset({Decimal, int, str, bool, type(None)})


def _plain(value: object) -> object:
    kind = type(value)
    if kind in _SCALARS:  # most figures: nothing to convert (checked first, a batch calls this a lot)
        return value
    if kind is not dict and kind is not list:  # the engine's containers: neither a Grade nor an Enum
        if isinstance(value, Grade):
            return value.name
        if isinstance(value, Enum):
            return value.value
    if isinstance(value, dict) or (kind is not list and isinstance(value, Mapping)):
        return _plain_mapping(value)
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    return value


def _plain_mapping(value: Mapping[Any, object]) -> dict[str, object]:
    plain: dict[str, object] = {}
    for k, v in value.items():  # a loop, not a comprehension: that would be one more call a mapping
        plain[str(k)] = v if type(v) in _SCALARS else _plain(v)  # inner figures too are mostly plain
    return plain


def dumps(value: object, indent: int | None = None) -> str:
    """JSON text in which Decimals are written as exact JSON numbers, never through float."""
    return "".join(_encode(value, indent, 0))


def _encode(value: object, indent: int | None, level: int) -> list[str]:
    if isinstance(value, Decimal):
        return [_decimal_text(value)]
    if isinstance(value, float):
        return [_decimal_text(Decimal(repr(value)))]
    if isinstance(value, (str, bool, int)) or value is None:
        return [json.dumps(value, ensure_ascii=False)]
    if isinstance(value, Enum):
        return _encode(value.value, indent, level)
    newline = "" if indent is None else "\n" + " " * (indent * (level + 1))
    closing = "" if indent is None else "\n" + " " * (indent * level)
    separator = ","
    colon = ":" if indent is None else ": "
    if isinstance(value, Mapping):
        if not value:
            return ["{}"]
        parts: list[str] = ["{"]
        for i, (k, v) in enumerate(value.items()):
            parts.append((separator if i else "") + newline + json.dumps(str(k), ensure_ascii=False) + colon)
            parts.extend(_encode(v, indent, level + 1))
        parts.append(closing + "}")
        return parts
    if isinstance(value, (list, tuple)):
        if not value:
            return ["[]"]
        parts = ["["]
        for i, item in enumerate(value):
            parts.append((separator if i else "") + newline)
            parts.extend(_encode(item, indent, level + 1))
        parts.append(closing + "]")
        return parts
    return [json.dumps(str(value), ensure_ascii=False)]


def _decimal_text(value: Decimal) -> str:
    if value == value.to_integral_value() and abs(value) < Decimal(10) ** 18:
        return str(int(value))
    return format(value, "f")
