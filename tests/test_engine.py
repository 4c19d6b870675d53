"""Every line of RULES.md against the engine, table-driven.

Expected values are worked out by hand in the comments beside them, never copied from the
engine's output. Figures are built directly (not through the input parser) so that each test
exercises the engine alone; the shipped table supplies the numbers unless a test says otherwise.
"""

from __future__ import annotations

import dataclasses
import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diamond_cli.errors import InputError
from diamond_cli.messages import check_message
from diamond_cli.models import (
    ALL_RULES,
    Grade,
    Ratings,
    Route,
    SellerFigures,
    Status,
    TableRef,
    Verdict,
    VerdictCode,
)
from diamond_cli.pipeline import Engine
from diamond_cli.thresholds import CategoryThresholds, Param, TableVersion
from tests.conftest import run

D = Decimal
REF = TableRef("allegro-diamond-partners", "test", None, "test")
# The EXAMPLES.md base months: the trend is rising.
RISING_12 = tuple(
    D(m) for m in (400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000)
)
BASE = SellerFigures(
    business_account=True,
    quality=Grade.GOOD,
    revenue={"Kids": D(5000000), "Fashion": D(300000)},
    seller="example",
    ratings=Ratings(2400, 12),
    other_accounts_quality=(Grade.NEUTRAL, Grade.SUPER),
    monthly_revenue=RISING_12,
    transaction_problems_pct=D("0.8"),
    exportable_pct=D(65),
    new_condition_pct=D(98),
)


def to_decimal(value: Fraction) -> Decimal:
    """An exact ratio as the core writes it: 28 significant digits."""
    return decimal.Context(prec=28).divide(Decimal(value.numerator), Decimal(value.denominator))


def _raw(value: object) -> object:
    if isinstance(value, Grade):
        return value.name
    if isinstance(value, Ratings):
        return {"positive": value.positive, "negative": value.negative}
    if isinstance(value, tuple):
        return [_raw(item) for item in value]
    return value


def as_record(figures: SellerFigures) -> dict[str, object]:
    """The raw record the core reads into `figures` (a field of None: not given)."""
    fields = {f.name: getattr(figures, f.name) for f in dataclasses.fields(figures)}
    return {name: _raw(value) for name, value in fields.items() if value is not None}


def judge(table: TableVersion, **changes: Any) -> Verdict:
    return Engine(table, REF).verdict(as_record(dataclasses.replace(BASE, **changes)))


def main_category(revenue: dict[str, Decimal], table: TableVersion) -> tuple[str, tuple[str, ...]]:
    verdict = judge(table, revenue=revenue)
    assert verdict.main_category is not None
    return verdict.main_category, tuple(verdict.main_category_tied_with)


def status(table: TableVersion, rule: str, **changes: Any) -> Status:
    return judge(table, **changes).check(rule).status


def with_params(table: TableVersion, **values: tuple[str, str, object]) -> TableVersion:
    """A copy of the table with some rule parameters changed: `rule=(rule, name, value)`."""
    params = {rule: dict(names) for rule, names in table.params.items()}
    for rule, name, value in values.values():
        params[rule][name] = Param(value, "interpretation")
    return dataclasses.replace(table, params=params, _lookup={})


def test_every_rule_is_checked_once_in_order(table: TableVersion) -> None:
    assert tuple(c.rule for c in judge(table).checks) == ALL_RULES
    assert len(ALL_RULES) == 10


# ---------------------------------------------------------------- business_account


@pytest.mark.parametrize(("active", "expected"), [(True, Status.PASS), (False, Status.FAIL)])
def test_business_account(table: TableVersion, active: bool, expected: Status) -> None:
    check = judge(table, business_account=active).check("business_account")
    assert check.status is expected
    assert check.to_pass == ({} if active else {"business_account": True})


# ---------------------------------------------------------------- positive_ratings

# (positive, negative, status, exact share, positives needed)
# needed = 99 × negatives − positives (RULES.md); share = positive / (positive + negative) × 100.
RATINGS: list[tuple[int, int, Status, Fraction | None, int | None]] = [
    (2400, 12, Status.PASS, Fraction(240000, 2412), None),  # 99.502...%
    (1188, 12, Status.PASS, Fraction(99), None),  # 1188/1200 = 0.99 exactly: inclusive
    (1187, 12, Status.FAIL, Fraction(118700, 1199), 1),  # 98.9991...%; 99×12 − 1187 = 1188 − 1187 = 1
    (98995, 1005, Status.FAIL, Fraction("98.995"), 500),  # 98995/100000; 99×1005 − 98995 = 99495 − 98995
    (19799, 200, Status.FAIL, Fraction(1979900, 19999), 1),  # 98.99995%; 19800 − 19799 = 1
    (19800, 200, Status.PASS, Fraction(99), None),  # 19800/20000 = 0.99
    (100, 2, Status.FAIL, Fraction(10000, 102), 98),  # 98.04%; 198 − 100 = 98
    (0, 1, Status.FAIL, Fraction(0), 99),  # 0%; 99 × 1 − 0 = 99
    (0, 3, Status.FAIL, Fraction(0), 297),  # 99 × 3 = 297
    (5, 0, Status.PASS, Fraction(100), None),  # no negatives: 100%
    (1, 0, Status.PASS, Fraction(100), None),
]


@pytest.mark.parametrize(("positive", "negative", "expected", "share", "needed"), RATINGS)
def test_positive_ratings_from_counts(
    table: TableVersion, positive: int, negative: int, expected: Status, share: Fraction, needed: int | None
) -> None:
    check = judge(table, ratings=Ratings(positive, negative)).check("positive_ratings")
    assert check.status is expected
    assert check.actual == to_decimal(share)
    assert check.required == D(99)
    if needed is None:
        assert check.to_pass == {}
    else:
        assert check.to_pass == {"positive_ratings_needed": needed, "at_negative_ratings": negative, "min_pct": D(99)}
        # and the count really is the least that passes: one fewer still fails
        more = judge(table, ratings=Ratings(positive + needed, negative)).check("positive_ratings")
        fewer = judge(table, ratings=Ratings(positive + needed - 1, negative)).check("positive_ratings")
        assert (more.status, fewer.status) == (Status.PASS, Status.FAIL)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (D("98.995"), Status.FAIL),  # exact: not rounded up to 99
        (D("98.999999999999"), Status.FAIL),
        (D("99"), Status.PASS),  # inclusive
        (D("99.0"), Status.PASS),
        (D("99.8"), Status.PASS),
        (D("100"), Status.PASS),
        (D("0"), Status.FAIL),
    ],
)
def test_positive_ratings_from_a_given_percentage(table: TableVersion, given: Decimal, expected: Status) -> None:
    check = judge(table, ratings=None, positive_ratings_pct=given).check("positive_ratings")
    assert check.status is expected
    assert check.actual == given


def test_98_995_percent_is_never_shown_as_99(table: TableVersion) -> None:
    check = judge(table, ratings=None, positive_ratings_pct=D("98.995")).check("positive_ratings")
    assert check_message(check) == "98.995% of ratings are positive, below the required 99%."


def test_just_under_99_percent_from_counts_is_shown_below_99(table: TableVersion) -> None:
    check = judge(table, ratings=Ratings(1187, 12)).check("positive_ratings")
    # 118700/1199 = 98.99916...: two decimals would show 99.00, so three are shown
    assert check_message(check) == (
        "98.999% of ratings are positive (1,187 of 1,199), below the required 99%;"
        " 1 more positive rating would reach it."
    )


@pytest.mark.parametrize(
    ("counts", "given", "expected"),
    [
        (Ratings(1187, 12), D("99.8"), Status.FAIL),  # counts 98.999% decide over the rounded 99.8
        (Ratings(2400, 12), D("90"), Status.PASS),  # counts 99.50% decide over 90
        (Ratings(1188, 12), D("98.9"), Status.PASS),  # exactly 99% by counts
    ],
)
def test_counts_decide_over_a_given_percentage(
    table: TableVersion, counts: Ratings, given: Decimal, expected: Status
) -> None:
    check = judge(table, ratings=counts, positive_ratings_pct=given).check("positive_ratings")
    assert check.status is expected
    assert check.message_key.endswith("_over_pct")
    assert check_message(check).endswith(
        f"The counts decide over the given {given}%, which Allegro publishes rounded to one decimal."
    )


def test_counts_alone_do_not_mention_a_percentage(table: TableVersion) -> None:
    check = judge(table).check("positive_ratings")
    assert "counts decide" not in check_message(check)
    assert check_message(check) == "99.50% of ratings are positive (2,400 of 2,412); at least 99% is required."


@pytest.mark.parametrize("given", [None, D("99.5")])
def test_no_ratings_at_all_is_unknown(table: TableVersion, given: Decimal | None) -> None:
    """Counts 0 and 0 -> unknown; the counts decide, so a given percentage does not rescue it."""
    result = judge(table, ratings=Ratings(0, 0), positive_ratings_pct=given)
    check = result.check("positive_ratings")
    assert check.status is Status.UNKNOWN
    assert check.missing == ("ratings",)
    assert result.verdict is VerdictCode.INCOMPLETE


def test_neither_counts_nor_percentage_is_refused_by_the_reader(table: TableVersion) -> None:
    # figures with neither are unknown in the rules (core/tests/rules_units.rs::no_ratings_at_all_is_unknown);
    # a record cannot reach them: the reader refuses it first
    with pytest.raises(InputError, match="give rating counts or positive_ratings_pct"):
        judge(table, ratings=None, positive_ratings_pct=None)


def test_the_minimum_comes_from_the_table(table: TableVersion) -> None:
    lenient = with_params(table, p=("positive_ratings", "min_pct", D(95)))
    # 95/100 = 95% meets 95; 94/99 = 94.9...% does not; needed = 95×5/5 − 94 = 1 (19 × 5 − 94)
    assert status(lenient, "positive_ratings", ratings=Ratings(95, 5)) is Status.PASS
    check = judge(lenient, ratings=Ratings(94, 5)).check("positive_ratings")
    assert check.status is Status.FAIL
    assert check.to_pass["positive_ratings_needed"] == 1


# ---------------------------------------------------------------- grades


def test_grades_are_ordered_as_allegro_orders_them() -> None:
    assert sorted(Grade) == [
        Grade.UNACCEPTABLE,
        Grade.NEEDS_IMPROVEMENT,
        Grade.NEUTRAL,
        Grade.GOOD,
        Grade.SUPER,
        Grade.SUPER_PLUS,
    ]


def test_the_grade_minimums_come_from_the_table(table: TableVersion) -> None:
    assert table.grade("main_account_quality", "min_grade") is Grade.GOOD
    assert table.grade("other_accounts_quality", "min_grade") is Grade.NEUTRAL


# (grade, main account >= GOOD, another account >= NEUTRAL)
GRADE_CASES = [
    (Grade.UNACCEPTABLE, Status.FAIL, Status.FAIL),
    (Grade.NEEDS_IMPROVEMENT, Status.FAIL, Status.FAIL),
    (Grade.NEUTRAL, Status.FAIL, Status.PASS),
    (Grade.GOOD, Status.PASS, Status.PASS),
    (Grade.SUPER, Status.PASS, Status.PASS),
    (Grade.SUPER_PLUS, Status.PASS, Status.PASS),
]


@pytest.mark.parametrize(("grade", "main", "other"), GRADE_CASES)
def test_quality_minimums(table: TableVersion, grade: Grade, main: Status, other: Status) -> None:
    result = judge(table, quality=grade, other_accounts_quality=(grade,))
    assert result.check("main_account_quality").status is main
    assert result.check("other_accounts_quality").status is other


def test_no_other_accounts_pass(table: TableVersion) -> None:
    check = judge(table, other_accounts_quality=()).check("other_accounts_quality")
    assert check.status is Status.PASS
    assert check_message(check) == "There are no other accounts under the NIP."


def test_every_other_account_must_reach_neutral(table: TableVersion) -> None:
    grades = (Grade.SUPER, Grade.NEEDS_IMPROVEMENT, Grade.UNACCEPTABLE, Grade.NEUTRAL)
    check = judge(table, other_accounts_quality=grades).check("other_accounts_quality")
    assert check.status is Status.FAIL
    assert check.to_pass == {"grade_needed": "NEUTRAL", "accounts_below": [2, 3]}  # 1-based
    assert check_message(check) == (
        "Other accounts below the required NEUTRAL: account 2 (NEEDS_IMPROVEMENT) and account 3 (UNACCEPTABLE)."
    )


# ---------------------------------------------------------------- revenue_growth


def months(*values: int) -> tuple[Decimal, ...]:
    return tuple(D(v) for v in values)


# Twelve months: trend = least-squares slope × 12 / mean × 100; months are x = 0..11 around
# their centre 5.5, Σ(x − 5.5)² = 143.
TREND_CASES: list[tuple[str, tuple[Decimal, ...], Status, Fraction | None]] = [
    # slope 10 a month, mean 65: 10 × 12 / 65 × 100 = 2400/13 ≈ 184.6% a year
    ("steady rise", months(*range(10, 121, 10)), Status.PASS, Fraction(2400, 13)),
    # the mirror image: −2400/13
    ("steady fall", months(*range(120, 9, -10)), Status.FAIL, Fraction(-2400, 13)),
    # flat: a trend of 0 does not exceed the minimum of 0
    ("flat", months(*[100] * 12), Status.FAIL, Fraction(0)),
    # a step: Σ(x − c)(v − mean) = 50 × 18 + 50 × 18 = 1800, slope 1800/143, mean 150:
    # 1800/143 × 12 / 150 × 100 = 14400/143 ≈ 100.7%
    ("step up", months(*[100] * 6, *[200] * 6), Status.PASS, Fraction(14400, 143)),
    # one extra zloty in the last month: slope 5.5/143 = 1/26, mean 12001/12:
    # 1/26 × 12 × 12/12001 × 100 = 7200/156013 ≈ 0.046%: growing, however little
    ("last month up by 1", months(*[1000] * 11, 1001), Status.PASS, Fraction(7200, 156013)),
    # all zero: mean 0, not growing (fail, not unknown: the figures are there)
    ("all zero", months(*[0] * 12), Status.FAIL, None),
]


@pytest.mark.parametrize(("name", "values", "expected", "trend"), TREND_CASES, ids=[c[0] for c in TREND_CASES])
def test_revenue_growth_over_12_months(
    table: TableVersion, name: str, values: tuple[Decimal, ...], expected: Status, trend: Fraction | None
) -> None:
    check = judge(table, monthly_revenue=values).check("revenue_growth")
    assert check.status is expected
    assert check.actual == (None if trend is None else to_decimal(trend))
    assert check.interpretation


# Twenty-four months: year-on-year growth = (last 12 − previous 12) / previous 12 × 100 > 0.
YOY_CASES: list[tuple[str, tuple[Decimal, ...], Status, Decimal | None]] = [
    # 6,000,000 then 5,999,988: −12 / 6,000,000 × 100 = −0.0002%
    ("EXAMPLES: slightly down", months(*[500000] * 12, *[499999] * 12), Status.FAIL, D("-0.0002")),
    # 1,200 then 1,320: +120 / 1,200 × 100 = 10%
    ("up 10%", months(*[100] * 12, *[110] * 12), Status.PASS, D(10)),
    # equal sums: 0% does not exceed 0
    ("level", months(*[100] * 24), Status.FAIL, D(0)),
    # 1,200 then 1,201: 1/1200 × 100 = 1/12 %
    ("up by one zloty", months(*[100] * 12, *[100] * 11, 101), Status.PASS, to_decimal(Fraction(1, 12))),
    # falling inside each year but up year on year (780 then 900: +15.38%): seasonality ignored
    ("seasonal", months(*range(120, 9, -10), *range(130, 19, -10)), Status.PASS, to_decimal(Fraction(12000, 780))),
    # previous 12 months all zero: growing when the last 12 are above zero, else not
    ("from zero", months(*[0] * 12, *[0] * 11, 1), Status.PASS, None),
    ("zero throughout", months(*[0] * 24), Status.FAIL, None),
]


@pytest.mark.parametrize(("name", "values", "expected", "growth"), YOY_CASES, ids=[c[0] for c in YOY_CASES])
def test_revenue_growth_over_24_months(
    table: TableVersion, name: str, values: tuple[Decimal, ...], expected: Status, growth: Decimal | None
) -> None:
    check = judge(table, monthly_revenue=values).check("revenue_growth")
    assert check.status is expected
    assert check.actual == growth
    assert check.interpretation


def test_24_months_use_year_on_year_not_the_trend(table: TableVersion) -> None:
    # the same 12 months alone trend downwards; with the year before they grow year on year
    falling = months(*range(130, 19, -10))
    assert status(table, "revenue_growth", monthly_revenue=falling) is Status.FAIL
    assert status(table, "revenue_growth", monthly_revenue=months(*range(120, 9, -10)) + falling) is Status.PASS


def test_a_falling_year_says_what_would_pass(table: TableVersion) -> None:
    check = judge(table, monthly_revenue=months(*[500000] * 12, *[499999] * 12)).check("revenue_growth")
    # growth must exceed 0%: more than the previous 6,000,000 in the last 12 months (12 more than
    # 5,999,988); -12 / 6,000,000 × 100 = -0.0002%. Moved on a month, the window keeps 11 × 499,999
    # against 11 × 500,000 + 499,999: a next month above 5,999,999 − 5,499,989 = 500,010 grows.
    assert check.to_pass == {
        "min_growth_pct": D(0),
        "growth_pct": D("-0.0002"),
        "last_12_months_revenue_above": D(6000000),
        "last_12_months_short_pln": D(12),
        "next_month_revenue_above": D(500010),
    }


def test_no_monthly_revenue_is_unknown(table: TableVersion) -> None:
    result = judge(table, monthly_revenue=None)
    check = result.check("revenue_growth")
    assert check.status is Status.UNKNOWN
    assert check.missing == ("monthly_revenue",)
    assert result.verdict is VerdictCode.INCOMPLETE


def test_the_growth_minimum_comes_from_the_table(table: TableVersion) -> None:
    strict = with_params(table, g=("revenue_growth", "min_growth_pct", D(10)))
    # exactly 10% year on year does not exceed 10; 1,200 -> 1,321 is 10.08%
    assert status(strict, "revenue_growth", monthly_revenue=months(*[100] * 12, *[110] * 12)) is Status.FAIL
    assert status(strict, "revenue_growth", monthly_revenue=months(*[100] * 12, *[110] * 11, 111)) is Status.PASS


# ---------------------------------------------------------------- main category and ties


def custom_table(table: TableVersion, *rows: tuple[str, int, int, int]) -> TableVersion:
    """The shipped rules with made-up categories, to isolate each step of the tie rule."""
    categories = tuple(CategoryThresholds(name, D(a), D(b), D(c)) for name, a, b, c in rows)
    return dataclasses.replace(table, categories=categories, _lookup={})


def test_main_category_is_the_highest_revenue(table: TableVersion) -> None:
    result = judge(table, revenue={"Fashion": D(300000), "Kids": D(5000000), "Garden": D(4999999)})
    assert (result.main_category, result.main_category_tied_with) == ("Kids", ())


# (revenue, main, tied with); shipped table: Kids 4.5M/2.25M/590k, Garden 7.5M/3.75M/830k,
# Industry and Tools & Accessories 7M/3.5M/1.8M, Sport & Leisure 7M/3.5M/2M,
# Electronics 8M/6M/4.5M, Bathroom & Heating and Building & Accessories 8M/4M/1.8M.
TIES: list[tuple[str, dict[str, int], str, tuple[str, ...]]] = [
    ("EXAMPLES: lowest company threshold", {"Garden": 4600000, "Kids": 4600000}, "Kids", ("Garden",)),
    (
        "same company, lower brand",
        {"Sport & Leisure": 10, "Tools & Accessories": 10},
        "Tools & Accessories",
        ("Sport & Leisure",),
    ),
    (
        "same company, lower conditional",
        {"Electronics": 10, "Bathroom & Heating": 10},
        "Bathroom & Heating",
        ("Electronics",),
    ),
    (
        "all thresholds equal: table order",
        {"Tools & Accessories": 10, "Industry": 10},
        "Industry",
        ("Tools & Accessories",),
    ),
    (
        "three-way",
        {"Building & Accessories": 5, "Electronics": 5, "Bathroom & Heating": 5},
        "Bathroom & Heating",
        ("Building & Accessories", "Electronics"),
    ),
    # company thresholds Kids 4.5M < Supermarket 7.3M < Garden 7.5M
    ("all revenue zero is a tie", {"Garden": 0, "Supermarket": 0, "Kids": 0}, "Kids", ("Supermarket", "Garden")),
    ("a tie below the top does not count", {"Garden": 5, "Fashion": 5, "Kids": 6}, "Kids", ()),
]


@pytest.mark.parametrize(("name", "revenue", "main", "tied"), TIES, ids=[t[0] for t in TIES])
def test_main_category_ties(
    table: TableVersion, name: str, revenue: dict[str, int], main: str, tied: tuple[str, ...]
) -> None:
    amounts = {k: D(v) for k, v in revenue.items()}
    assert main_category(amounts, table) == (main, tied)
    reversed_order = dict(reversed(list(amounts.items())))
    assert main_category(reversed_order, table) == (main, tied)


# Made-up rows that separate the steps the shipped table cannot: (name, company, conditional, brand).
CUSTOM_TIES: list[tuple[str, list[tuple[str, int, int, int]], str]] = [
    # company decides before conditional: D has the lower company threshold, the higher conditional
    ("company first", [("A", 1000, 500, 100), ("D", 900, 800, 800)], "D"),
    # conditional decides before brand: A has the lower conditional, the higher brand
    ("conditional before brand", [("B", 1000, 600, 100), ("A", 1000, 500, 900)], "A"),
    # brand decides before table order
    ("brand before order", [("A", 1000, 500, 900), ("C", 1000, 500, 800)], "C"),
    # all equal: the first in the table
    ("table order", [("Y", 1000, 500, 100), ("X", 1000, 500, 100)], "Y"),
]


@pytest.mark.parametrize(("name", "rows", "main"), CUSTOM_TIES, ids=[c[0] for c in CUSTOM_TIES])
def test_tie_rule_step_by_step(
    table: TableVersion, name: str, rows: list[tuple[str, int, int, int]], main: str
) -> None:
    custom = custom_table(table, *rows)
    revenue = {row[0]: D(7) for row in reversed(rows)}
    assert main_category(revenue, custom)[0] == main


def test_a_tie_is_explained_as_an_interpretation(table: TableVersion) -> None:
    result = judge(table, revenue={"Garden": D(4600000), "Kids": D(4600000)})
    check = result.check("revenue_threshold")
    assert check.interpretation
    assert check_message(check) == (
        "Kids revenue of 4,600,000 PLN meets the company threshold of 4,500,000 PLN."
        " Kids was chosen as the main category over Garden, which have the same revenue,"
        " because its company threshold is the lowest (our interpretation)."
    )


def test_all_revenue_zero_fails_against_the_chosen_category(table: TableVersion) -> None:
    result = judge(table, revenue={"Garden": D(0), "Kids": D(0)})
    check = result.check("revenue_threshold")
    assert (result.main_category, check.status, result.route) == ("Kids", Status.FAIL, None)
    # nothing earned: 100% short of both Kids thresholds
    assert check.to_pass == {
        "company": {"threshold": D(4500000), "short_pln": D(4500000), "short_pct": D(100)},
        "conditional": {**shortfall(2250000, 2250000, 100), **NO_GROWTH},
    }


# ---------------------------------------------------------------- routes

KIDS_3M = {"Kids": D(3000000)}  # below company 4.5M, above conditional 2.25M
FASTER = {"category_growth_pct": D(14), "category_market_growth_pct": D(9)}

# (name, changes, status, route); Kids: company 4,500,000, conditional 2,250,000, brand 590,000.
ROUTES: list[tuple[str, dict[str, Any], Status, Route | None]] = [
    ("company, above", {"revenue": {"Kids": D(5000000)}}, Status.PASS, Route.COMPANY),
    ("company, exactly (inclusive)", {"revenue": {"Kids": D(4500000)}}, Status.PASS, Route.COMPANY),
    ("company, a grosz short", {"revenue": {"Kids": D("4499999.99")}}, Status.UNKNOWN, None),
    # company is tried first even when the other two would pass too
    (
        "company before brand and conditional",
        {"revenue": {"Kids": D(5000000)}, "brand_zone_revenue": {"Kids": D(600000)}, **FASTER},
        Status.PASS,
        Route.COMPANY,
    ),
    # brand is tried before conditional
    (
        "brand before conditional",
        {"revenue": KIDS_3M, "brand_zone_revenue": {"Kids": D(600000)}, **FASTER},
        Status.PASS,
        Route.BRAND,
    ),
    (
        "EXAMPLES: brand",
        {"revenue": {"Kids": D(700000)}, "brand_zone_revenue": {"Kids": D(600000)}},
        Status.PASS,
        Route.BRAND,
    ),
    (
        "brand, exactly",
        {"revenue": {"Kids": D(700000)}, "brand_zone_revenue": {"Kids": D(590000)}},
        Status.PASS,
        Route.BRAND,
    ),
    (
        "brand, one short",
        {"revenue": {"Kids": D(700000)}, "brand_zone_revenue": {"Kids": D(589999)}},
        Status.FAIL,
        None,
    ),
    # the brand account's own top category decides, not the main category: Fashion brand 350,000
    (
        "brand in its own top category",
        {"revenue": {"Kids": D(1000000)}, "brand_zone_revenue": {"Fashion": D(360000), "Kids": D(100000)}},
        Status.PASS,
        Route.BRAND,
    ),
    # brand tie: Fashion (company 3.2M) is chosen over Kids (4.5M); 400,000 >= Fashion's 350,000,
    # though it would be short of Kids' 590,000
    (
        "brand tie, same rule",
        {"revenue": {"Kids": D(1000000)}, "brand_zone_revenue": {"Kids": D(400000), "Fashion": D(400000)}},
        Status.PASS,
        Route.BRAND,
    ),
    # and the other way: Kids (4.5M) is chosen over Garden (7.5M); 600,000 >= 590,000 (Garden: 830,000)
    (
        "brand tie, Kids over Garden",
        {"revenue": {"Kids": D(1000000)}, "brand_zone_revenue": {"Garden": D(600000), "Kids": D(600000)}},
        Status.PASS,
        Route.BRAND,
    ),
    ("conditional, faster", {"revenue": KIDS_3M, **FASTER}, Status.PASS, Route.CONDITIONAL),
    (
        "conditional, exactly at the threshold",
        {"revenue": {"Kids": D(2250000)}, **FASTER},
        Status.PASS,
        Route.CONDITIONAL,
    ),
    ("conditional, a zloty short", {"revenue": {"Kids": D(2249999)}, **FASTER}, Status.FAIL, None),
    (
        "conditional, faster by a hundredth",
        {"revenue": KIDS_3M, "category_growth_pct": D("9.01"), "category_market_growth_pct": D(9)},
        Status.PASS,
        Route.CONDITIONAL,
    ),
    (
        "conditional, equal growth fails",
        {"revenue": KIDS_3M, "category_growth_pct": D(9), "category_market_growth_pct": D(9)},
        Status.FAIL,
        None,
    ),
    (
        "conditional, slower",
        {"revenue": KIDS_3M, "category_growth_pct": D(5), "category_market_growth_pct": D(9)},
        Status.FAIL,
        None,
    ),
    (
        "conditional, both shrinking, seller less",
        {"revenue": KIDS_3M, "category_growth_pct": D(-5), "category_market_growth_pct": D(-9)},
        Status.PASS,
        Route.CONDITIONAL,
    ),
    (
        "conditional after a failed brand",
        {"revenue": KIDS_3M, "brand_zone_revenue": {"Kids": D(500000)}, **FASTER},
        Status.PASS,
        Route.CONDITIONAL,
    ),
    ("growth missing", {"revenue": KIDS_3M}, Status.UNKNOWN, None),
    (
        "growth missing after a failed brand",
        {"revenue": KIDS_3M, "brand_zone_revenue": {"Kids": D(500000)}},
        Status.UNKNOWN,
        None,
    ),
    # below the conditional threshold the growth figures cannot help, so none is missing
    ("below every threshold", {"revenue": {"Kids": D(1000000)}}, Status.FAIL, None),
]


@pytest.mark.parametrize(("name", "changes", "expected", "route"), ROUTES, ids=[r[0] for r in ROUTES])
def test_revenue_routes(
    table: TableVersion, name: str, changes: dict[str, Any], expected: Status, route: Route | None
) -> None:
    result = judge(table, **changes)
    assert result.check("revenue_threshold").status is expected
    assert result.route is route


@pytest.mark.parametrize(
    ("growth", "missing"),
    [
        ({}, ("category_growth_pct", "category_market_growth_pct")),
        ({"category_growth_pct": D(14)}, ("category_market_growth_pct",)),
        ({"category_market_growth_pct": D(9)}, ("category_growth_pct",)),
    ],
)
def test_conditional_unknown_names_the_missing_figures(
    table: TableVersion, growth: dict[str, Decimal], missing: tuple[str, ...]
) -> None:
    result = judge(table, revenue=KIDS_3M, **growth)
    check = result.check("revenue_threshold")
    assert (check.status, check.missing, result.verdict) == (Status.UNKNOWN, missing, VerdictCode.INCOMPLETE)
    words = " and ".join(missing)
    assert check_message(check) == (
        "Kids revenue of 3,000,000 PLN is 1,500,000 PLN short of the company threshold of 4,500,000 PLN"
        " but reaches the conditional threshold of 2,250,000 PLN; whether the seller's growth in the category"
        f" beats the category's decides it (missing: {words})."
    )


def test_a_conditional_pass_says_allegro_can_invite(table: TableVersion) -> None:
    check = judge(table, revenue=KIDS_3M, **FASTER).check("revenue_threshold")
    assert check_message(check) == (
        "Kids revenue of 3,000,000 PLN reaches the conditional threshold of 2,250,000 PLN and the seller's growth"
        " in the category (14%) beats the category's (9%): on this route Allegro can invite the seller."
    )


@pytest.mark.parametrize("brand", [None, {}])
def test_no_brand_zone_revenue_means_no_brand_route(table: TableVersion, brand: dict[str, Decimal] | None) -> None:
    """Not unknown: the route simply does not apply, so it is not among the shortfalls."""
    check = judge(table, revenue={"Kids": D(1000000)}, brand_zone_revenue=brand).check("revenue_threshold")
    assert check.status is Status.FAIL
    assert "brand" not in check.to_pass
    assert check.missing == ()


# Route is set whenever revenue_threshold passed, whatever the verdict.
ROUTE_WITH_OTHER_FAILURES: list[tuple[dict[str, Any], Route]] = [
    ({"business_account": False}, Route.COMPANY),
    ({"ratings": Ratings(1187, 12)}, Route.COMPANY),
    ({"quality": Grade.NEUTRAL, "revenue": KIDS_3M, **FASTER}, Route.CONDITIONAL),
    (
        {
            "other_accounts_quality": (Grade.UNACCEPTABLE,),
            "revenue": {"Kids": D(700000)},
            "brand_zone_revenue": {"Kids": D(600000)},
        },
        Route.BRAND,
    ),
    ({"monthly_revenue": months(*[100] * 12)}, Route.COMPANY),
]


@pytest.mark.parametrize(("changes", "route"), ROUTE_WITH_OTHER_FAILURES)
def test_route_is_set_even_when_not_eligible(table: TableVersion, changes: dict[str, Any], route: Route) -> None:
    result = judge(table, **changes)
    assert result.verdict is VerdictCode.NOT_ELIGIBLE
    assert result.check("revenue_threshold").status is Status.PASS
    assert result.route is route


def test_route_is_null_when_revenue_is_unknown_even_if_all_else_passes(table: TableVersion) -> None:
    result = judge(table, revenue=KIDS_3M)
    assert (result.verdict, result.route) == (VerdictCode.INCOMPLETE, None)


# ---------------------------------------------------------------- shortfalls


def shortfall(threshold: int, short: int | str, pct: Fraction | int) -> dict[str, Decimal]:
    return {"threshold": D(threshold), "short_pln": D(short), "short_pct": to_decimal(Fraction(pct))}


# The conditional route also names the growth it needs: the seller's and the category's (None: not given).
NO_GROWTH: dict[str, object] = {"growth_pct": None, "growth_above_pct": None}


# (name, changes, to_pass); shortfall % = short / threshold × 100.
SHORTFALLS: list[tuple[str, dict[str, Any], dict[str, object]]] = [
    (
        # Kids 1,800,000: 2,700,000 / 4,500,000 = 60%; 450,000 / 2,250,000 = 20%
        "below both Kids thresholds",
        {"revenue": {"Kids": D(1800000)}},
        {"company": shortfall(4500000, 2700000, 60), "conditional": {**shortfall(2250000, 450000, 20), **NO_GROWTH}},
    ),
    (
        # Fashion 600,000: 2,600,000 / 3,200,000 = 81.25%; 200,000 / 800,000 = 25%
        "Fashion",
        {"revenue": {"Fashion": D(600000)}},
        {
            "company": shortfall(3200000, 2600000, Fraction(8125, 100)),
            "conditional": {**shortfall(800000, 200000, 25), **NO_GROWTH},
        },
    ),
    (
        # plus the brand route: 590,000 − 472,000 = 118,000 = 20% of 590,000
        "with a failed brand route",
        {"revenue": {"Kids": D(1800000)}, "brand_zone_revenue": {"Kids": D(472000)}},
        {
            "company": shortfall(4500000, 2700000, 60),
            "brand": {"category": "Kids", **shortfall(590000, 118000, 20)},
            "conditional": {**shortfall(2250000, 450000, 20), **NO_GROWTH},
        },
    ),
    (
        # brand in Fashion: 350,000 − 280,000 = 70,000 = 20% of 350,000
        "a brand shortfall is in the brand account's category",
        {"revenue": {"Kids": D(1800000)}, "brand_zone_revenue": {"Fashion": D(280000)}},
        {
            "company": shortfall(4500000, 2700000, 60),
            "brand": {"category": "Fashion", **shortfall(350000, 70000, 20)},
            "conditional": {**shortfall(2250000, 450000, 20), **NO_GROWTH},
        },
    ),
    (
        # a grosz short of the company threshold: 0.01 / 4,500,000 × 100 = 1/4,500,000 %
        "a grosz short, growth missing",
        {"revenue": {"Kids": D("4499999.99")}},
        {
            "company": shortfall(4500000, "0.01", Fraction(1, 4500000)),
            "conditional": {**shortfall(2250000, 0, 0), **NO_GROWTH},
        },
    ),
    (
        # 3,000,000: 1,500,000 / 4,500,000 = 33.3...%; growth not faster
        "conditional reached, growth not faster",
        {"revenue": KIDS_3M, "category_growth_pct": D(9), "category_market_growth_pct": D(9)},
        {
            "company": shortfall(4500000, 1500000, Fraction(100, 3)),
            "conditional": {**shortfall(2250000, 0, 0), "growth_pct": D(9), "growth_above_pct": D(9)},
        },
    ),
]


@pytest.mark.parametrize(("name", "changes", "to_pass"), SHORTFALLS, ids=[s[0] for s in SHORTFALLS])
def test_shortfalls(table: TableVersion, name: str, changes: dict[str, Any], to_pass: dict[str, object]) -> None:
    check = judge(table, **changes).check("revenue_threshold")
    assert check.status in (Status.FAIL, Status.UNKNOWN)
    assert check.to_pass == to_pass


def test_the_failure_message_states_both_shortfalls(table: TableVersion) -> None:
    check = judge(table, revenue={"Kids": D(1800000)}).check("revenue_threshold")
    assert check_message(check) == (
        "Kids revenue of 1,800,000 PLN is 2,700,000 PLN (60.0%) short of the company threshold of"
        " 4,500,000 PLN and 450,000 PLN (20.0%) short of the conditional threshold of 2,250,000 PLN."
    )


# ---------------------------------------------------------------- discretionary points

# (field, value, status): flagged beyond the limit, not assessed without a figure.
DISCRETIONARY: list[tuple[str, str, object, Status]] = [
    ("account_suspended", "suspended", True, Status.FLAG),
    ("account_suspended", "suspended", False, Status.PASS),
    ("transaction_problems", "transaction_problems_pct", D("2.0"), Status.PASS),  # > 2.0 is flagged
    ("transaction_problems", "transaction_problems_pct", D("2.01"), Status.FLAG),
    ("transaction_problems", "transaction_problems_pct", D(0), Status.PASS),
    ("transaction_problems", "transaction_problems_pct", None, Status.UNKNOWN),
    ("export_potential", "exportable_pct", D(50), Status.PASS),  # < 50 is flagged
    ("export_potential", "exportable_pct", D("49.99"), Status.FLAG),
    ("export_potential", "exportable_pct", D(30), Status.FLAG),
    ("export_potential", "exportable_pct", None, Status.UNKNOWN),
    ("new_condition", "new_condition_pct", D(50), Status.PASS),
    ("new_condition", "new_condition_pct", D("49.9"), Status.FLAG),
    ("new_condition", "new_condition_pct", D(100), Status.PASS),
    ("new_condition", "new_condition_pct", None, Status.UNKNOWN),
]


@pytest.mark.parametrize(("rule", "field", "value", "expected"), DISCRETIONARY)
def test_discretionary_points(table: TableVersion, rule: str, field: str, value: object, expected: Status) -> None:
    result = judge(table, **{field: value})
    check = result.check(rule)
    assert check.status is expected
    assert check.discretionary
    assert check.missing == ((field,) if expected is Status.UNKNOWN else ())
    # a discretionary point never fails and never makes a verdict incomplete
    assert result.verdict is (VerdictCode.REVIEW if expected is Status.FLAG else VerdictCode.ELIGIBLE)


def test_every_discretionary_figure_missing_is_still_eligible(table: TableVersion) -> None:
    result = judge(table, transaction_problems_pct=None, exportable_pct=None, new_condition_pct=None)
    assert result.verdict is VerdictCode.ELIGIBLE
    assert [c.status for c in result.checks if c.discretionary] == [
        Status.PASS,
        Status.UNKNOWN,
        Status.UNKNOWN,
        Status.UNKNOWN,
    ]


def test_the_discretionary_limits_come_from_the_table(table: TableVersion) -> None:
    looser = with_params(table, t=("transaction_problems", "max_pct", D(5)), e=("export_potential", "min_pct", D(20)))
    result = judge(looser, transaction_problems_pct=D(4), exportable_pct=D(30))
    assert (result.check("transaction_problems").status, result.check("export_potential").status) == (
        Status.PASS,
        Status.PASS,
    )


# ---------------------------------------------------------------- verdict

FAIL = {"business_account": False}
UNKNOWN = {"monthly_revenue": None}
FLAG = {"exportable_pct": D(30)}
DISCRETIONARY_UNKNOWN = {"new_condition_pct": None}

DOMINANCE: list[tuple[str, dict[str, Any], VerdictCode]] = [
    ("nothing wrong", {}, VerdictCode.ELIGIBLE),
    ("a flag", FLAG, VerdictCode.REVIEW),
    ("a suspended account", {"suspended": True}, VerdictCode.REVIEW),
    ("a required unknown", UNKNOWN, VerdictCode.INCOMPLETE),
    ("a discretionary unknown", DISCRETIONARY_UNKNOWN, VerdictCode.ELIGIBLE),
    ("unknown over flag", {**UNKNOWN, **FLAG}, VerdictCode.INCOMPLETE),
    ("fail over flag", {**FAIL, **FLAG}, VerdictCode.NOT_ELIGIBLE),
    ("fail over unknown", {**FAIL, **UNKNOWN}, VerdictCode.NOT_ELIGIBLE),
    ("fail over everything", {**FAIL, **UNKNOWN, **FLAG, **DISCRETIONARY_UNKNOWN}, VerdictCode.NOT_ELIGIBLE),
    ("flag with a discretionary unknown", {**FLAG, **DISCRETIONARY_UNKNOWN}, VerdictCode.REVIEW),
]


@pytest.mark.parametrize(("name", "changes", "verdict"), DOMINANCE, ids=[d[0] for d in DOMINANCE])
def test_verdict_dominance(table: TableVersion, name: str, changes: dict[str, Any], verdict: VerdictCode) -> None:
    assert judge(table, **changes).verdict is verdict


# verdict_of on bare statuses: core/tests/rules_units.rs::verdict_of_statuses (the same five cases)


def test_incomplete_names_every_missing_input(table: TableVersion) -> None:
    result = judge(table, monthly_revenue=None, revenue=KIDS_3M, category_growth_pct=D(3))
    missing = {field for check in result.checks if not check.discretionary for field in check.missing}
    assert result.verdict is VerdictCode.INCOMPLETE
    assert missing == {"monthly_revenue", "category_market_growth_pct"}


def test_the_verdict_echoes_the_seller_and_table(table: TableVersion) -> None:
    result = judge(table, nip="7740001454")
    assert (result.seller, result.nip, result.thresholds) == ("example", "7740001454", REF)


def test_figures_are_not_cross_checked(table: TableVersion) -> None:
    """RULES.md: each figure is validated on its own; Brand Zone revenue above the company's own
    and monthly totals that do not add up to the category revenue are taken as given."""
    result = judge(
        table,
        revenue={"Kids": D(100)},
        brand_zone_revenue={"Kids": D(600000)},  # more than the whole company's Kids revenue
        monthly_revenue=months(*range(1, 13)),  # sums to 78, not 100
    )
    assert (result.verdict, result.route) == (VerdictCode.ELIGIBLE, Route.BRAND)


def test_results_name_the_canonical_category(table: TableVersion) -> None:
    result = run(table, revenue={"zdrowie i uroda": 6000000, "moda": 10})
    assert result.main_category == "Health & Beauty"
    assert result.check("revenue_threshold").params["category"] == "Health & Beauty"


@given(positive=st.integers(min_value=0, max_value=10**7), negative=st.integers(min_value=0, max_value=10**5))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_positive_ratings_on_any_counts(table: TableVersion, positive: int, negative: int) -> None:
    """Pass exactly when 100 × positive ≥ 99 × total; when failing, 99 × negatives − positives more pass."""
    check = judge(table, ratings=Ratings(positive, negative)).check("positive_ratings")
    total = positive + negative
    if total == 0:
        assert check.status is Status.UNKNOWN
    elif 100 * positive >= 99 * total:
        assert check.status is Status.PASS
    else:
        assert check.status is Status.FAIL
        assert check.to_pass["positive_ratings_needed"] == 99 * negative - positive


def test_a_company_pass_is_marked_as_an_interpretation(table: TableVersion) -> None:
    # RULES.md: "at least" for every threshold, and the order of the routes, are our reading.
    assert run(table).check("revenue_threshold").interpretation
