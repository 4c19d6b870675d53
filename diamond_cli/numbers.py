"""Exact numbers: parsing text as people write it, and showing values without misleading rounding."""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation
from fractions import Fraction

from diamond_cli import _core

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


_CONTEXTS = {28: Context(prec=28)}
_SHOWN_STEP = {places: Decimal(1).scaleb(-places) for places in range(4)}


def to_decimal(value: Fraction | Decimal | int, places: int = 28) -> Decimal:
    """A Decimal for display or JSON: exact where it can be, else `places` significant digits."""
    if isinstance(value, (Decimal, int)):
        return Decimal(value)
    return ratio_decimal(value.numerator, value.denominator, places)


def ratio_decimal(numerator: int, denominator: int, places: int = 28) -> Decimal:
    """`numerator / denominator` as `to_decimal` shows it; the ratio need not be in lowest terms
    (Decimal division gives the same result for any equal ratio of integers)."""
    if denominator == 1:
        return Decimal(numerator)
    context = _CONTEXTS.get(places) or Context(prec=places)
    return context.divide(Decimal(numerator), Decimal(denominator))


def shown_against(value: Fraction | Decimal | int, limit: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """`value` rounded to `places` decimals, or more where rounding would cross `limit`.

    98.995 against 99 is shown as 98.995, never as 99.00; 99.5 stays 99.50.
    """
    if isinstance(value, Decimal) and places in _SHOWN_STEP:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -places:  # nothing to round: no limit can be crossed
            return value.quantize(_SHOWN_STEP[places]) + 0  # + 0: -0.00 is shown as 0.00
    numerator, denominator = value.as_integer_ratio()
    return shown_ratio(numerator, denominator, limit, places)


def shown_ratio(numerator: int, denominator: int, limit: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """`shown_against` for the value `numerator / denominator` (denominator > 0), in integers."""
    bound_numerator, bound_denominator = limit.as_integer_ratio()
    exact_side = _sign(numerator * bound_denominator - bound_numerator * denominator)
    for digits in range(places, places + 20):
        shift = 10**digits
        # round half to even at `digits` decimals, as round(Fraction, digits) does
        floor, remainder = divmod(numerator * shift, denominator)
        twice = 2 * remainder
        shown = floor + 1 if twice > denominator or (twice == denominator and floor % 2) else floor
        if _sign(shown * bound_denominator - bound_numerator * shift) == exact_side:
            return Decimal(shown).scaleb(-digits)
    return ratio_decimal(numerator, denominator)


def _sign(number: int) -> int:
    return (number > 0) - (number < 0)


def _pair(value: Decimal | int) -> tuple[int, int]:
    sign, digits, exponent = Decimal(value).as_tuple()
    assert isinstance(exponent, int), "a finite number"
    coefficient = int("".join(map(str, digits)) or "0")
    return (-coefficient if sign else coefficient), exponent


def _decimal(pair: tuple[int, int]) -> Decimal:
    return Decimal(pair[0]).scaleb(pair[1])


def shown_trend(months: tuple[Decimal, ...], minimum: Decimal) -> Decimal | None:
    """The 12-month trend (% a year of the mean) as shown against `minimum`; None for a zero mean."""
    shown = _core.shown_trend([_pair(m) for m in months], _pair(minimum))
    return None if shown is None else _decimal(shown)


def shown_year_on_year(months: tuple[Decimal, ...], minimum: Decimal) -> Decimal | None:
    """Year-on-year growth of 24 months as shown against `minimum`; None when the first year is 0."""
    shown = _core.shown_year_on_year([_pair(m) for m in months], _pair(minimum))
    return None if shown is None else _decimal(shown)
