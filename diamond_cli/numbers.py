"""Exact numbers: parsing text as people write it, and showing values without misleading rounding."""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation
from fractions import Fraction

# Input limits of the format (not rules of the program): no real figure comes near them, and they
# keep exact arithmetic cheap.
MAX_ABS_VALUE = Decimal(10) ** 15
MAX_DECIMAL_PLACES = 12

_SPACES = (" ", "\u00a0", "\u202f", "_")


def parse_decimal_text(text: str) -> Decimal:
    """Read `1 234 567,89`, `1234567.89`, `99,8` or `-3.5` exactly; raise ValueError otherwise."""
    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not cleaned or not all(ch in "0123456789.+-eE" for ch in cleaned):
        raise ValueError(f"{text!r} is not a number")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    return value


def to_decimal(value: Fraction | Decimal | int, places: int = 28) -> Decimal:
    """A Decimal for display or JSON: exact where it can be, else `places` significant digits."""
    if isinstance(value, (Decimal, int)):
        return Decimal(value)
    if value.denominator == 1:
        return Decimal(value.numerator)
    return Context(prec=places).divide(Decimal(value.numerator), Decimal(value.denominator))


def shown_against(value: Fraction | Decimal | int, limit: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """`value` rounded to `places` decimals, or more where rounding would cross `limit`.

    98.995 against 99 is shown as 98.995, never as 99.00; 99.5 stays 99.50.
    """
    exact = Fraction(value)
    bound = Fraction(limit)
    for digits in range(places, places + 20):
        shown = round(exact, digits)
        if (shown > bound) == (exact > bound) and (shown < bound) == (exact < bound):
            return (Decimal(shown.numerator) / Decimal(shown.denominator)).quantize(Decimal(1).scaleb(-digits))
    return to_decimal(exact)
