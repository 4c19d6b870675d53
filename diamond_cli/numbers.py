"""Exact numbers as the views show them, by the core's rules: never a misleading rounding."""

from __future__ import annotations

from decimal import Decimal

from diamond_cli import _core

# Input limits of the format (not rules of the program), as the core enforces them: the schema
# and the table's validation state them too.
MAX_ABS_VALUE = Decimal(10) ** 15
MAX_DECIMAL_PLACES = 12


def _pair(value: Decimal | int) -> tuple[int, int]:
    sign, digits, exponent = Decimal(value).as_tuple()
    assert isinstance(exponent, int), "a finite number"
    coefficient = int("".join(map(str, digits)) or "0")
    return (-coefficient if sign else coefficient), exponent


def _decimal(pair: tuple[int, int]) -> Decimal:
    return Decimal(pair[0]).scaleb(pair[1])


def shown_against(value: Decimal | int, limit: Decimal | int, places: int = 2) -> Decimal:
    """`value` rounded to `places` decimals, or more where rounding would cross `limit`.

    98.995 against 99 is shown as 98.995, never as 99.00; 99.5 stays 99.50.
    """
    shown = _core.shown_against(_pair(value), _pair(limit), places)
    return Decimal(value) if shown is None else _decimal(shown)


def shown_trend(months: tuple[Decimal, ...], minimum: Decimal) -> Decimal | None:
    """The 12-month trend (% a year of the mean) as shown against `minimum`; None for a zero mean."""
    shown = _core.shown_trend([_pair(m) for m in months], _pair(minimum))
    return None if shown is None else _decimal(shown)


def shown_year_on_year(months: tuple[Decimal, ...], minimum: Decimal) -> Decimal | None:
    """Year-on-year growth of 24 months as shown against `minimum`; None when the first year is 0."""
    shown = _core.shown_year_on_year([_pair(m) for m in months], _pair(minimum))
    return None if shown is None else _decimal(shown)
