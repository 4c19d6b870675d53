"""Every worked example of EXAMPLES.md, as a table-driven test."""

from __future__ import annotations

from typing import Any

import pytest

from diamond_cli.errors import InputError
from diamond_cli.thresholds import TableVersion
from tests.conftest import run

CONDITIONAL = {"revenue": {"Kids": 3000000}}
EXAMPLES: list[tuple[str, dict[str, Any], str, str | None]] = [
    ("base", {}, "eligible", "company"),
    ("inclusive threshold", {"revenue": {"Kids": 4500000}}, "eligible", "company"),
    ("conditional, growth missing", CONDITIONAL, "incomplete", None),
    (
        "conditional, faster growth",
        {**CONDITIONAL, "category_growth_pct": 14, "category_market_growth_pct": 9},
        "eligible",
        "conditional",
    ),
    (
        "conditional, equal growth",
        {**CONDITIONAL, "category_growth_pct": 9, "category_market_growth_pct": 9},
        "not_eligible",
        None,
    ),
    ("brand", {"revenue": {"Kids": 700000}, "brand_zone_revenue": {"Kids": 600000}}, "eligible", "brand"),
    ("exactly 99%", {"ratings": {"positive": 1188, "negative": 12}}, "eligible", "company"),
    ("just under 99%", {"ratings": {"positive": 1187, "negative": 12}}, "not_eligible", "company"),
    ("main grade Neutralny", {"quality": "Neutralny"}, "not_eligible", "company"),
    ("other grade WYMAGA POPRAWY", {"other_accounts_quality": ["WYMAGA POPRAWY"]}, "not_eligible", "company"),
    ("no monthly revenue", {"monthly_revenue": ...}, "incomplete", "company"),
    ("24 months falling", {"monthly_revenue": [500000] * 12 + [499999] * 12}, "not_eligible", "company"),
    ("export flagged", {"exportable_pct": 30}, "review", "company"),
    ("failure outranks flag", {"exportable_pct": 30, "business_account": False}, "not_eligible", "company"),
    ("tie", {"revenue": {"Kids": 4600000, "Garden": 4600000}}, "eligible", "company"),
]


@pytest.mark.parametrize(("name", "changes", "verdict", "route"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_worked_example(
    table: TableVersion, name: str, changes: dict[str, Any], verdict: str, route: str | None
) -> None:
    result = run(table, **changes)
    assert result.verdict.value == verdict
    assert (result.route.value if result.route else None) == route


def test_conditional_example_states_the_company_shortfall(table: TableVersion) -> None:
    check = run(table, **CONDITIONAL).check("revenue_threshold")
    assert check.status.value == "unknown"
    assert check.to_pass["company"]["short_pln"] == 1500000  # type: ignore[index]
    assert set(check.missing) == {"category_growth_pct", "category_market_growth_pct"}


def test_one_more_positive_rating_would_pass(table: TableVersion) -> None:
    check = run(table, ratings={"positive": 1187, "negative": 12}).check("positive_ratings")
    assert check.to_pass["positive_ratings_needed"] == 1


def test_tie_chooses_the_lowest_company_threshold(table: TableVersion) -> None:
    result = run(table, revenue={"Garden": 4600000, "Kids": 4600000})
    assert result.main_category == "Kids"
    assert result.main_category_tied_with == ("Garden",)


def test_invalid_nip_checksum_is_an_input_error(table: TableVersion) -> None:
    with pytest.raises(InputError, match="nip"):
        run(table, nip="7740001455")
