"""JSON Schemas (draft 2020-12) of a seller record and of a result, built from the code's own types.

Nothing here restates a list the code already has: the fields come from the core's record
(`_core.record_fields()`: each field, the kind of value it is read as, whether it is required),
grade spellings from `Grade` and its Polish names, verdicts, statuses, routes and rule ids from
`models`, the table reference from `TableRef`. A field added to the record with a new kind of
value makes `input_schema()` fail until it is described here, and the tests compare real
`check --format json` output with `result_schema()`.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

from diamond_cli import SCHEMA_VERSION, _core
from diamond_cli.models import (
    ALL_RULES,
    DISCRETIONARY_RULES,
    POLISH_GRADE_NAMES,
    REQUIRED_RULES,
    Frozen,
    Grade,
    Route,
    Status,
    TableRef,
    VerdictCode,
)
from diamond_cli.numbers import MAX_ABS_VALUE, MAX_DECIMAL_PLACES

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_LIMIT = int(MAX_ABS_VALUE)
_SEPARATORS = "\\s\u00a0\u202f_"  # what parse_decimal_text ignores inside a number


_SYNTAX = set("\\^$.|?*+()[]{}/")  # escaped in a pattern; nothing else is (ECMA-262 rejects needless escapes)


def _any_case(text: str, *, code: bool) -> str:
    """A regex matching `text` in any letter case; in a grade code `_` may also be `-` or a space."""
    parts = []
    for char in text:
        if code and char == "_":
            parts.append("[-_ ]")
        elif char.lower() != char.upper():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(f"\\{char}" if char in _SYNTAX else char)
    return "".join(parts)


def grade_schema() -> dict[str, Any]:
    names = [_any_case(grade.name, code=True) for grade in Grade]
    names += [_any_case(POLISH_GRADE_NAMES[grade], code=False) for grade in Grade]
    names = list(dict.fromkeys(names))  # SUPER is spelled alike in both
    return {
        "type": "string",
        "pattern": f"^\\s*(?:{'|'.join(names)})\\s*$",
        "description": "Allegro's sales-quality grade, lowest to highest: "
        + ", ".join(f"{g.name} ({POLISH_GRADE_NAMES[g]})" for g in Grade)
        + "; codes in any case with - or a space for _, or the Polish names in any case.",
    }


def _number(minimum: int | None, maximum: int | None) -> dict[str, Any]:
    """A JSON number within the given bounds, else within the format's limits (|x| < 10^15)."""
    lower = {"minimum": minimum} if minimum is not None else {"exclusiveMinimum": -_LIMIT}
    upper = {"maximum": maximum} if maximum is not None else {"exclusiveMaximum": _LIMIT}
    return {"type": "number", **lower, **upper}


_NUMBER_TEXT = {
    "type": "string",
    "pattern": f"^\\s*[+-]?[{_SEPARATORS}\\d]*(?:[.,][{_SEPARATORS}\\d]*)?(?:[eE][+-]?\\d+)?\\s*$",
    "description": 'a number as text: a decimal comma or point, spaces as thousands separators (e.g. "99,8")',
}
_MONEY = {**_number(0, None), "description": f"PLN, exact; at most {MAX_DECIMAL_PLACES} decimal places"}
_SHARE = {"anyOf": [_number(0, 100), _NUMBER_TEXT], "description": "a share, 0-100 %"}
_COUNT = {"type": "integer", "minimum": 0, "exclusiveMaximum": _LIMIT}


def _revenue(*, at_least_one: bool) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": _MONEY,
        "minProperties": 1 if at_least_one else 0,
        "description": "12-month revenue in PLN by category: the table's names or aliases, matched ignoring "
        "case, spacing and &/and (see `diamond thresholds show`)",
    }


# The schema of each kind of value the core reads a field as.
_KIND_SCHEMAS: dict[str, dict[str, Any]] = {
    "seller": {"type": ["string", "integer"], "description": "a label echoed back"},
    "nip": {
        "anyOf": [
            {"type": "string", "pattern": "^[\\s-]*(?:[pP][lL])?[\\s-]*(?:\\d[\\s-]*){10}$"},
            {"type": "integer", "minimum": 1000000000, "maximum": 9999999999},
        ],
        "description": "a NIP: 10 digits with a valid check digit (not checked by this schema); "
        "PL prefix, spaces and dashes allowed",
    },
    "bool": {"type": "boolean"},
    "ratings": {
        "type": "object",
        "properties": {"positive": _COUNT, "negative": _COUNT},
        "required": ["positive", "negative"],
        "additionalProperties": False,
        "description": "12-month counts of recommending and not recommending buyers",
    },
    "share_pct": _SHARE,
    "grade": grade_schema(),
    "grades": {"type": "array", "items": grade_schema()},
    "months": {
        "type": "array",
        "items": _MONEY,
        "anyOf": [{"minItems": n, "maxItems": n} for n in _core.MONTH_COUNTS],
        "description": "monthly revenue totals in PLN, oldest first: " + " or ".join(map(str, _core.MONTH_COUNTS)),
    },
    "number": {"anyOf": [_number(None, None), _NUMBER_TEXT], "description": "%, may be negative"},
    "revenue": _revenue(at_least_one=True),
    "revenue_or_empty": _revenue(at_least_one=False),
}


def _field_schema(field: str, kind: str) -> dict[str, Any]:
    if kind not in _KIND_SCHEMAS:
        raise LookupError(f"no JSON Schema for {field!r} (read as {kind})")
    return _KIND_SCHEMAS[kind]


def input_schema() -> dict[str, Any]:
    """A seller record as `check` reads it from a file (flags can supply the same fields)."""
    properties: dict[str, Any] = {}
    for field, kind, required in _core.record_fields():
        schema = _field_schema(field, kind)
        # null means "not given" for an optional field
        properties[field] = schema if required else {"anyOf": [schema, {"type": "null"}]}
    given = {"not": {"type": "null"}}
    return {
        "$schema": DIALECT,
        "title": "diamond_cli seller record",
        "description": "One seller's 12-month figures (CONTRACT.md); unknown fields are errors.",
        "type": "object",
        "properties": properties,
        "required": [field for field, _, required in _core.record_fields() if required],
        "additionalProperties": False,
        "anyOf": [
            {"required": ["ratings"], "properties": {"ratings": given}},
            {"required": ["positive_ratings_pct"], "properties": {"positive_ratings_pct": given}},
        ],
    }


def _record_schema(cls: type[Frozen]) -> dict[str, Any]:
    """An object with a record's fields (its `__slots__`), typed from its annotations (TableRef's simple types)."""
    names = {str: "string", int: "integer", bool: "boolean", type(None): "null"}
    hints = typing.get_type_hints(cls)
    properties = {}
    for name in cls.__slots__:
        hint = hints[name]
        parts = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        kinds = [names[part] for part in parts]
        properties[name] = {"type": kinds[0] if len(kinds) == 1 else kinds}
    return {"type": "object", "properties": properties, "required": list(properties)}


def _check_schema() -> dict[str, Any]:
    def kind(rules: tuple[str, ...], name: str, statuses: set[Status]) -> dict[str, Any]:
        return {
            "if": {"properties": {"rule": {"enum": list(rules)}}},
            "then": {
                "properties": {"kind": {"const": name}, "status": {"enum": [s.value for s in Status if s in statuses]}}
            },
        }

    return {
        "type": "object",
        "properties": {
            "rule": {"enum": list(ALL_RULES)},
            "status": {"enum": [s.value for s in Status]},
            "message": {"type": "string", "description": "one sentence a seller understands, in --lang"},
            "kind": {"enum": ["required", "discretionary"]},
            "interpretation": {"type": "boolean", "description": "true where the rule rests on our reading"},
            "actual": {"description": "the figure compared (exact number, grade name, list or boolean)"},
            "required": {"description": "the figure it was compared with"},
            "to_pass": {"type": "object", "description": "what would make a failing or unknown rule pass"},
            "margin": {"type": "object", "description": "on a passing rule: how far its figure is from failing"},
            "assumed": {"const": True, "description": "present when a figure not given was assumed (its default)"},
            "missing": {"type": "array", "items": {"enum": [field for field, _, _ in _core.record_fields()]}},
        },
        "required": ["rule", "status", "message", "kind", "interpretation", "actual", "required", "to_pass", "missing"],
        "allOf": [
            # required rules decide (pass, fail, unknown); discretionary ones flag, never fail
            kind(REQUIRED_RULES, "required", {Status.PASS, Status.FAIL, Status.UNKNOWN}),
            kind(DISCRETIONARY_RULES, "discretionary", {Status.PASS, Status.FLAG, Status.UNKNOWN}),
        ],
    }


def result_schema() -> dict[str, Any]:
    """A result of `check --format json` (and a line of `batch --format jsonl`), or an error result."""
    table_ref = {
        **_record_schema(TableRef),
        "description": "which table and which dated version decided the verdict",
    }
    verdict = {
        "type": "object",
        "properties": {
            "seller": {"type": ["string", "integer", "null"]},
            "nip": {"type": ["string", "null"], "description": "as --nip shows it: the NIP, masked, or hashed"},
            "verdict": {"enum": [v.value for v in VerdictCode]},
            "main_category": {"type": ["string", "null"], "description": "canonical name in the table"},
            "main_category_tied_with": {"type": "array", "items": {"type": "string"}},
            "route": {
                "enum": [*(r.value for r in Route), None],
                "description": "the route by which revenue_threshold passed; null when it did not",
            },
            "checks": {
                "type": "array",
                "items": _check_schema(),
                "minItems": len(ALL_RULES),
                "maxItems": len(ALL_RULES),
                "allOf": [{"contains": {"properties": {"rule": {"const": rule}}}} for rule in ALL_RULES],
            },
            "schema_version": {"const": SCHEMA_VERSION},
            "tool_version": {"type": "string"},
            "thresholds": table_ref,
        },
        "required": [
            "seller",
            "nip",
            "verdict",
            "main_category",
            "main_category_tied_with",
            "route",
            "checks",
            "schema_version",
            "tool_version",
            "thresholds",
        ],
    }
    error = {
        "type": "object",
        "properties": {
            "verdict": {"const": "error"},
            "error": {"type": "string"},
            "line": {"type": "integer", "minimum": 1, "description": "batch: the line where the record starts"},
            "record": {"type": "integer", "minimum": 1, "description": "batch: the record's 1-based position"},
        },
        "required": ["verdict", "error"],
    }
    return {
        "$schema": DIALECT,
        "title": "diamond_cli result",
        "description": "One seller's result, or an error result in its place (CONTRACT.md). "
        "Fields may be added in later versions: do not reject unknown ones.",
        "oneOf": [verdict, error],
    }


SCHEMAS: dict[str, Callable[[], dict[str, Any]]] = {"input": input_schema, "result": result_schema}
