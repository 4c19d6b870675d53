"""JSON text with exact numbers for the table's own views (`thresholds show --format json`):
Decimals are written as JSON numbers, never through float. Results are encoded by the core."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum


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
