"""Issue 13 through the installed `diamond` command: margins, assumed defaults, the figures the
spec now settles, and grouped conflicts, in the human view and in JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import record
from tests.test_subprocess import run


def check_json(changes: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    done = run("check", "-", "--format", "json", "--lang", lang, stdin=json.dumps(record(**changes)).encode())
    assert done.returncode in (0, 1, 4, 5), done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def human(changes: dict[str, Any], lang: str = "en") -> str:
    done = run("check", "-", "--lang", lang, "--color", "never", stdin=json.dumps(record(**changes)).encode())
    assert done.returncode in (0, 1, 4, 5), done.stderr
    return " ".join(done.stdout.decode().split())


def by_rule(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {check["rule"]: check for check in result["checks"]}


@pytest.mark.parametrize(
    ("changes", "rule", "margin"),
    [
        ({"ratings": {"positive": 2400, "negative": 12}}, "positive_ratings", {"negative_ratings_spare": 12}),
        ({"quality": "SUPER_PLUS"}, "main_account_quality", {"grades_above": 2, "min_grade": "GOOD"}),
        ({"revenue": {"Kids": 5000000}}, "revenue_threshold", {"route": "company", "above_pln": 500000}),
        ({"transaction_problems_pct": 0.8}, "transaction_problems", {"below_pct": 1.2, "max_pct": 2.0}),
        ({"exportable_pct": 65}, "export_potential", {"above_pct": 15, "min_pct": 50}),
    ],
)
def test_a_passing_check_carries_its_margin(changes: dict[str, Any], rule: str, margin: dict[str, Any]) -> None:
    check = by_rule(check_json(changes))[rule]
    assert check["status"] == "pass"
    assert margin.items() <= check["margin"].items()


def test_no_margin_on_a_failing_check_nor_on_a_yes_or_no() -> None:
    checks = by_rule(check_json({"quality": "NEUTRAL"}))
    assert "margin" not in checks["main_account_quality"]
    assert "margin" not in checks["business_account"]


def test_margins_read_in_the_human_view_in_both_languages() -> None:
    en = human({"revenue": {"Kids": 5000000}})
    assert "How far from failing:" in en
    assert "Revenue threshold: revenue 500,000 PLN above the company threshold of 4,500,000 PLN" in en
    assert "Positive ratings: 12 more negative ratings would still pass" in en
    pl = human({"revenue": {"Kids": 5000000}}, "pl")
    assert "obrót o 500 000 zł wyższy od progu dla firm (4 500 000 zł)" in pl.replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("field", "rule", "sentence", "polish"),
    [
        (
            "suspended",
            "account_suspended",
            "Not given: assumed no suspended account.",
            "Nie podano: przyjęto, że żadne konto nie jest zawieszone.",
        ),
        (
            "other_accounts_quality",
            "other_accounts_quality",
            "Not given: assumed no other accounts under the NIP.",
            "Nie podano: przyjęto, że pod tym NIP-em nie ma innych kont.",
        ),
    ],
)
def test_a_figure_not_given_is_assumed_and_said_so(field: str, rule: str, sentence: str, polish: str) -> None:
    check = by_rule(check_json({field: ...}))[rule]
    assert (check["status"], check["assumed"], check["message"]) == ("pass", True, sentence)
    assert by_rule(check_json({field: ...}, "pl"))[rule]["message"] == polish
    assert "assumed" not in by_rule(check_json({}))[rule]
    assert sentence in human({field: ...})


def test_zero_counts_beside_a_percentage_name_the_percentage_set_aside() -> None:
    check = by_rule(check_json({"ratings": {"positive": 0, "negative": 0}, "positive_ratings_pct": "99,8"}))
    assert check["positive_ratings"]["status"] == "unknown"
    assert "the counts decide, and the given 99.8% is set aside" in check["positive_ratings"]["message"]


def test_a_seller_under_review_sees_the_benefits_with_the_warning() -> None:
    shown = human({"exportable_pct": 10})
    assert "What the program offers, should Allegro accept the seller despite the flagged points" in shown
    assert "Allegro keeps the right to decline" in shown


def test_a_failing_revenue_states_the_brand_shortfall_and_the_tie() -> None:
    changes = {"revenue": {"Kids": 1000000}, "brand_zone_revenue": {"Kids": 100, "Garden": 100}}
    message = by_rule(check_json(changes))["revenue_threshold"]["message"]
    assert "3,500,000 PLN (77.8%) short of the company threshold" in message
    assert "The Brand Zone account's Kids revenue of 100 PLN is 589,900 PLN (99.98%) short" in message
    assert "top category is Kids rather than Garden" in message
    tie = by_rule(check_json({"revenue": {"Garden": 5000000, "Kids": 5000000}}))["revenue_threshold"]["message"]
    assert "because its company threshold is the lowest (our interpretation)" in tie


NIP = "7740001454"


def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    done = run(
        "batch", "-", "--input-format", "jsonl", "--group-by", "nip", "--format", "jsonl", "--nip", "show", stdin=data
    )
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def account(name: str, **extra: Any) -> dict[str, Any]:
    return {"nip": NIP, "account": name, "quality": "GOOD", "revenue": {"Kids": 1000}, **extra}


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        ([account("A", main=True), account("B", main=True)], f"NIP {NIP}: 2 main accounts: A and B"),
        (
            [
                account("A", main=True, monthly_revenue=[1] * 12),
                account("B", monthly_revenue=[1] * 12),
                account("C"),
            ],
            f"NIP {NIP}: no monthly_revenue for C, beside A and B, which give it",
        ),
    ],
)
def test_a_grouped_conflict_leads_with_its_cause(rows: list[dict[str, Any]], error: str) -> None:
    (result,) = grouped(rows)
    assert result["verdict"] == "error"
    assert result["error"] == error
