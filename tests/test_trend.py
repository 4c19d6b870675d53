"""The two-sum form of the revenue trend equals its textbook definition in exact fractions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from diamond_cli.engine import _next_month_for_trend, _next_month_for_yoy, trend_pct, yoy_pct


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


@given(st.lists(AMOUNTS, min_size=12, max_size=12))
def test_trend_of_decimals_equals_the_textbook_definition(months: list[Decimal]) -> None:
    assert trend_pct(tuple(months)) == textbook_trend([Fraction(m) for m in months])


@given(st.lists(st.fractions(min_value=0, max_value=10**9), min_size=12, max_size=13))
def test_trend_of_fractions_equals_the_textbook_definition(months: list[Fraction]) -> None:
    assert trend_pct(months) == textbook_trend(months)


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


@given(
    st.lists(AMOUNTS, min_size=12, max_size=12),
    st.decimals(min_value=-50, max_value=700, places=2, allow_nan=False, allow_infinity=False),
)
def test_next_month_for_trend_equals_the_term_by_term_form(months: list[Decimal], minimum: Decimal) -> None:
    got = _next_month_for_trend(tuple(months), Fraction(minimum))
    assert got == reference_next_month_for_trend(months, Fraction(minimum))


@given(st.lists(AMOUNTS, min_size=24, max_size=24), st.decimals(min_value=-50, max_value=50, places=1))
def test_year_on_year_sums_are_exact(months: list[Decimal], minimum: Decimal) -> None:
    previous = sum((Fraction(m) for m in months[:12]), Fraction(0))
    last = sum((Fraction(m) for m in months[12:]), Fraction(0))
    assert yoy_pct(tuple(months)) == (None if previous == 0 else (last - previous) / previous * 100)
    before = sum((Fraction(m) for m in months[1:13]), Fraction(0))
    kept = sum((Fraction(m) for m in months[13:]), Fraction(0))
    expected = -kept if before == 0 else before * (1 + Fraction(minimum) / 100) - kept
    assert _next_month_for_yoy(tuple(months), Fraction(minimum)) == expected
