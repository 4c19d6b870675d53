"""The "what would make it pass" figures, against cases computed by hand."""

from __future__ import annotations

import decimal
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from typer.testing import CliRunner

from diamond_cli.cli import app
from diamond_cli.pipeline import Engine
from diamond_cli.thresholds import TableVersion
from tests.conftest import TEST_REF, record, run


def to_decimal(value: Fraction) -> Decimal:
    """An exact ratio as the core writes it: 28 significant digits."""
    return decimal.Context(prec=28).divide(Decimal(value.numerator), Decimal(value.denominator))


def check_dict(table: TableVersion, lang: str, rule: str, **changes: Any) -> dict[str, Any]:
    """One check of the base record with `changes`, as `check --format json` writes it in `lang`."""
    _, encoded = Engine(table, TEST_REF).result_json(record(**changes), lang, "show")
    checks: list[dict[str, Any]] = json.loads(encoded)["checks"]
    return next(check for check in checks if check["rule"] == rule)


# The "done when" seller: Kids 4,300,000 PLN (200,000 short of the company threshold of
# 4,500,000) and 987 positive of 1,000 ratings (98.7%).
DONE_WHEN: dict[str, Any] = {"revenue": {"Kids": 4300000}, "ratings": {"positive": 987, "negative": 13}}


def test_done_when_ratings(table: TableVersion) -> None:
    check = run(table, **DONE_WHEN).check("positive_ratings")
    # (987 + x) / (1000 + x) >= 0.99  <=>  x >= 0.99 * 13 / 0.01 - 987 = 1287 - 987 = 300
    assert dict(check.to_pass) == {"positive_ratings_needed": 300, "at_negative_ratings": 13, "min_pct": 99}


def test_done_when_revenue(table: TableVersion) -> None:
    check = run(table, **DONE_WHEN).check("revenue_threshold")
    assert check.status.value == "unknown"
    company = check.to_pass["company"]
    assert company == {"threshold": 4500000, "short_pln": 200000, "short_pct": Decimal(200000) / 45000}  # type: ignore[comparator-overlap]
    conditional = check.to_pass["conditional"]
    # the conditional threshold is reached; only the growth figures are missing
    assert conditional == {
        "threshold": 2250000,
        "short_pln": 0,
        "short_pct": 0,
        "growth_pct": None,
        "growth_above_pct": None,
    }
    assert check.missing == ("category_growth_pct", "category_market_growth_pct")


def test_below_the_conditional_threshold_with_brand_zone(table: TableVersion) -> None:
    check = run(table, revenue={"Kids": 2000000}, brand_zone_revenue={"Garden": 500000}).check("revenue_threshold")
    t: Any = check.to_pass
    assert t["company"]["short_pln"] == 2500000
    assert t["company"]["short_pct"] == to_decimal(Fraction(2500000, 4500000) * 100)
    # the Brand Zone account's own top category decides its threshold: Garden's 830,000
    assert t["brand"] == {
        "category": "Garden",
        "threshold": 830000,
        "short_pln": 330000,
        "short_pct": t["brand"]["short_pct"],
    }
    assert Fraction(t["brand"]["short_pct"]) == pytest.approx(Fraction(330000, 830000) * 100)
    assert t["conditional"]["short_pln"] == 250000
    assert t["conditional"]["growth_above_pct"] is None


def test_conditional_needs_growth_above_the_category(table: TableVersion) -> None:
    check = run(table, revenue={"Kids": 2000000}, category_growth_pct=5, category_market_growth_pct=9).check(
        "revenue_threshold"
    )
    conditional: Any = check.to_pass["conditional"]
    assert conditional["short_pln"] == 250000
    assert (conditional["growth_pct"], conditional["growth_above_pct"]) == (5, 9)


def test_conditional_reached_but_growth_too_slow(table: TableVersion) -> None:
    check = run(table, revenue={"Kids": 3000000}, category_growth_pct=9, category_market_growth_pct=9).check(
        "revenue_threshold"
    )
    assert check.status.value == "fail"
    conditional: Any = check.to_pass["conditional"]
    assert (conditional["short_pln"], conditional["growth_pct"], conditional["growth_above_pct"]) == (0, 9, 9)
    assert check.to_pass["company"]["short_pln"] == 1500000  # type: ignore[index]


def test_percentage_only_states_the_points_short(table: TableVersion) -> None:
    check = run(table, ratings=..., positive_ratings_pct="98,7").check("positive_ratings")
    assert dict(check.to_pass) == {"min_pct": 99, "short_pct": Decimal("0.3")}


def test_grades_needed(table: TableVersion) -> None:
    main = run(table, quality="NEUTRAL").check("main_account_quality")
    assert dict(main.to_pass) == {"grade_needed": "GOOD"}
    other = run(table, other_accounts_quality=["SUPER", "NEEDS_IMPROVEMENT", "UNACCEPTABLE"]).check(
        "other_accounts_quality"
    )
    assert dict(other.to_pass) == {"grade_needed": "NEUTRAL", "accounts_below": [2, 3]}


def test_year_on_year_figures(table: TableVersion) -> None:
    check = run(table, monthly_revenue=[500000] * 12 + [499999] * 12).check("revenue_growth")
    t: Any = check.to_pass
    assert t["last_12_months_revenue_above"] == 6000000
    assert t["last_12_months_short_pln"] == 12
    # next window: previous = 11 x 500,000 + 499,999 = 5,999,999; kept = 11 x 499,999 = 5,499,989
    assert t["next_month_revenue_above"] == 500010
    assert t["growth_pct"] == Decimal(-12) / 60000


def test_flat_trend_turns_with_a_month_above_the_others(table: TableVersion) -> None:
    check = run(table, monthly_revenue=[100000] * 12).check("revenue_growth")
    assert check.status.value == "fail"
    assert dict(check.to_pass) == {"min_growth_pct": 0, "growth_pct": 0, "next_month_revenue_above": 100000}


@pytest.mark.parametrize(
    "months",
    [
        [500000, 480000, 470000, 450000, 440000, 390000, 400000, 430000, 420000, 380000, 410000, 400000],
        [900000, 100000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1],
    ],
)
def test_next_month_bound_is_exact(table: TableVersion, months: list[int]) -> None:
    """Above the bound (rounded up to the grosz) the moved-on window passes; a grosz below, it does not."""
    check = run(table, monthly_revenue=months).check("revenue_growth")
    assert check.status.value == "fail"
    bound = check.to_pass["next_month_revenue_above"]
    assert isinstance(bound, Decimal)

    def passes(x: Decimal) -> bool:
        moved = run(table, monthly_revenue=[*months[1:], x]).check("revenue_growth")
        return moved.status.value == "pass"

    assert passes(max(bound, Decimal(0)) + Decimal("0.01"))
    if bound > 0:
        assert not passes(bound - Decimal("0.01"))


def test_missing_inputs_name_field_and_flag(table: TableVersion) -> None:
    growth = check_dict(table, "en", "revenue_growth", monthly_revenue=..., exportable_pct=...)
    assert growth["to_pass"]["inputs"] == [{"field": "monthly_revenue", "flag": "--monthly-revenue"}]
    export = check_dict(table, "pl", "export_potential", monthly_revenue=..., exportable_pct=...)
    assert export["to_pass"]["inputs"] == [{"field": "exportable_pct", "flag": "--exportable"}]


def _json_check(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", "--format", "json", *args])
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_done_when_json_carries_the_same_numbers(tmp_path: Any) -> None:
    path = tmp_path / "seller.json"
    path.write_text(json.dumps(record(**DONE_WHEN)))
    data = _json_check([str(path)])
    checks = {c["rule"]: c for c in data["checks"]}
    assert checks["positive_ratings"]["to_pass"]["positive_ratings_needed"] == 300
    assert checks["revenue_threshold"]["to_pass"]["company"]["short_pln"] == 200000
    assert checks["revenue_threshold"]["to_pass"]["company"]["threshold"] == 4500000
    assert checks["revenue_threshold"]["to_pass"]["inputs"] == [
        {"field": "category_growth_pct", "flag": "--category-growth"},
        {"field": "category_market_growth_pct", "flag": "--market-growth"},
    ]


def test_json_structure_does_not_change_with_language(tmp_path: Any) -> None:
    path = tmp_path / "seller.json"
    path.write_text(json.dumps(record(**DONE_WHEN, exportable_pct=30, monthly_revenue=...)))
    en, pl = _json_check([str(path), "--lang", "en"]), _json_check([str(path), "--lang", "pl"])

    def skeleton(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: skeleton(v) for k, v in value.items() if k != "message"}
        if isinstance(value, list):
            return [skeleton(v) for v in value]
        return value

    assert skeleton(en) == skeleton(pl)
    assert [c["message"] for c in en["checks"]] != [c["message"] for c in pl["checks"]]
    assert all(c["message"] for c in pl["checks"])
