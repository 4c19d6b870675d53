"""The two-sum form of the revenue trend equals its textbook definition in exact fractions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from diamond_cli.engine import trend_pct


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
