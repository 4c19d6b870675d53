"""The integer form of the revenue trend equals its textbook definition in exact fractions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from diamond_cli.engine import _trend_sums


def textbook_trend(months: list[Decimal]) -> Fraction:
    values = [Fraction(m) for m in months]
    mean = sum(values, Fraction(0)) / len(values)
    centre = Fraction(len(values) - 1, 2)
    spread = sum(((i - centre) ** 2 for i in range(len(values))), Fraction(0))
    slope = sum(((i - centre) * (v - mean) for i, v in enumerate(values)), Fraction(0)) / spread
    return slope * 12 / mean * 100


@given(
    st.lists(
        st.decimals(min_value=0, max_value=10**14, allow_nan=False, allow_infinity=False, places=2)
        | st.decimals(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False, places=12)
        | st.integers(0, 10**14).map(Decimal),
        min_size=12,
        max_size=12,
    )
)
def test_integer_trend_equals_the_fraction_definition(months: list[Decimal]) -> None:
    total, weighted = _trend_sums(tuple(months))
    if sum(months) == 0:
        assert total == 0
        return
    n = len(months)
    assert Fraction(7200 * weighted, (n * n - 1) * total) == textbook_trend(months)
