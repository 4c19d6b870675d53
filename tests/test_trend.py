"""The two-sum form of the revenue trend equals its textbook definition in exact fractions."""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diamond_cli.thresholds import TableVersion
from tests.conftest import run


def to_decimal(value: Fraction) -> Decimal:
    """An exact ratio as the core writes it: 28 significant digits."""
    return decimal.Context(prec=28).divide(Decimal(value.numerator), Decimal(value.denominator))


def grosz_up(value: Fraction) -> Decimal:
    """A bound as to_pass states it: rounded up to the grosz."""
    return Decimal(math.ceil(value * 100)).scaleb(-2)


def growth(table: TableVersion, months: list[Decimal]) -> Any:
    return run(table, monthly_revenue=months).check("revenue_growth")


def textbook_trend(months: list[Fraction]) -> Fraction | None:
    values = [Fraction(m) for m in months]
    mean = sum(values, Fraction(0)) / len(values)
    if mean == 0:
        return None
    centre = Fraction(len(values) - 1, 2)
    spread = sum(((i - centre) ** 2 for i in range(len(values))), Fraction(0))
    slope = sum(((i - centre) * (v - mean) for i, v in enumerate(values)), Fraction(0)) / spread
    return slope * 12 / mean * 100


AMOUNTS = (
    st.decimals(min_value=0, max_value=10**14, allow_nan=False, allow_infinity=False, places=2)
    | st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False, places=12)
    | st.integers(0, 10**14).map(Decimal)
    | st.just(Decimal(0))
)


ONCE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ONCE
@given(st.lists(AMOUNTS, min_size=12, max_size=12))
def test_trend_of_decimals_equals_the_textbook_definition(table: TableVersion, months: list[Decimal]) -> None:
    expected = textbook_trend([Fraction(m) for m in months])
    check = growth(table, months)
    if expected is not None:
        assert check.actual == to_decimal(expected)
        # the shipped minimum is 0%: the bound of the next month where the trend fails
        if check.status.value == "fail":
            bound = reference_next_month_for_trend(months, Fraction(0))
            assert check.to_pass["next_month_revenue_above"] == (None if bound is None else grosz_up(bound))


def reference_next_month_for_trend(months: list[Decimal], minimum: Fraction) -> Fraction | None:
    """The bound as first written, in Fractions term by term."""
    kept = [Fraction(m) for m in months[1:]]
    n = len(kept) + 1
    centre = Fraction(n - 1, 2)
    spread = sum(((i - centre) ** 2 for i in range(n)), Fraction(0))
    weighted = sum(((i - centre) * v for i, v in enumerate(kept)), Fraction(0))
    total = sum(kept, Fraction(0))
    coefficient = (n - 1 - centre) * 1200 / spread - minimum / n
    if coefficient <= 0:
        return None
    bound = (minimum * total / n - weighted * 1200 / spread) / coefficient
    return max(bound, -total)


@ONCE
@given(st.lists(AMOUNTS, min_size=24, max_size=24))
def test_year_on_year_sums_are_exact(table: TableVersion, months: list[Decimal]) -> None:
    previous = sum((Fraction(m) for m in months[:12]), Fraction(0))
    last = sum((Fraction(m) for m in months[12:]), Fraction(0))
    check = growth(table, months)
    if previous != 0:
        assert check.actual == to_decimal((last - previous) / previous * 100)
    if check.status.value == "fail":
        before = sum((Fraction(m) for m in months[1:13]), Fraction(0))
        kept = sum((Fraction(m) for m in months[13:]), Fraction(0))
        expected = -kept if before == 0 else before - kept  # the shipped minimum: 0%
        assert check.to_pass["next_month_revenue_above"] == grosz_up(expected)
