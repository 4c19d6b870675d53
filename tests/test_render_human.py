"""Exact text of the human view, at fixed widths, for every verdict in both languages.

The expected texts live in tests/data/render/<verdict>-<lang>-<width>.txt. Rich pads table cells
and wrapped lines with spaces; lines are compared with trailing spaces removed, nothing else.
To re-record after a deliberate change: DIAMOND_RECORD_RENDER=1 pytest tests/test_render_human.py,
then read every changed file before committing it.
"""

from __future__ import annotations

import io
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from diamond_cli.models import Verdict
from diamond_cli.render_human import render_verdict
from diamond_cli.thresholds import TableVersion
from tests.conftest import run, run_in

DATA = Path(__file__).parent / "data" / "render"
WIDTHS = (60, 120)
FALLING_24 = [500000] * 12 + [480000] * 11 + [470000]
GROWING_24 = [300000 + 1000 * i for i in range(24)]

CASES: dict[str, dict[str, Any]] = {
    "eligible": {},
    "review": {"exportable_pct": 30, "monthly_revenue": GROWING_24},
    "not_eligible": {
        "revenue": {"Kids": 4300000, "Fashion": 300000},
        "ratings": {"positive": 987, "negative": 13},
        "category_growth_pct": 5,
        "category_market_growth_pct": 9,
        "brand_zone_revenue": {"Kids": 500000},
        "monthly_revenue": FALLING_24,
        "quality": "NEUTRAL",
    },
    "incomplete": {"revenue": {"Kids": 3000000}, "monthly_revenue": ..., "transaction_problems_pct": ...},
}


def render(verdict: Verdict, lang: str, width: int) -> str:
    buffer = io.StringIO()
    render_verdict(verdict, Console(width=width, color_system=None, file=buffer), lang)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_exact_text(table: TableVersion, case: str, lang: str, width: int) -> None:
    verdict = run_in(table, lang, **CASES[case])
    assert verdict.verdict.value == case
    shown = render(verdict, lang, width)
    path = DATA / f"{case}-{lang}-{width}.txt"
    if os.environ.get("DIAMOND_RECORD_RENDER"):
        path.write_text(shown, encoding="utf-8")
    assert shown == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [60, 200])
@pytest.mark.parametrize("lang", ["en", "pl"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_no_line_overflows(table: TableVersion, case: str, lang: str, width: int) -> None:
    shown = render(run_in(table, lang, **CASES[case]), lang, width)
    assert max(len(line) for line in shown.splitlines()) <= width


def test_every_verdict_has_a_golden_file_in_each_language() -> None:
    expected = {f"{c}-{lang}-{w}.txt" for c in CASES for lang in ("en", "pl") for w in WIDTHS}
    assert expected <= {p.name for p in DATA.iterdir()}


def test_eligible_seller_is_not_told_what_would_make_it_pass(table: TableVersion) -> None:
    verdict = run(table, transaction_problems_pct=...)
    assert verdict.verdict.value == "eligible"
    shown = render(verdict, "en", 120)
    assert "What would make it pass" not in shown
    assert "Not assessed for lack of figures" in shown
    assert "What the program offers" in shown


def test_gauge_never_draws_a_shortfall_as_reached(table: TableVersion) -> None:
    """One grosz short of the company threshold still shows a hatched cell, at any width."""
    verdict = run(table, revenue={"Kids": Decimal("4499999.99")})
    for width in (60, 120, 200):
        company = [
            line for line in render(verdict, "en", width).splitlines() if "4,500,000 PLN · 0.01 PLN short" in line
        ]
        assert company
        lines = render(verdict, "en", width).splitlines()
        at = lines.index(company[0])
        bar = company[0] if "█" in company[0] else lines[at + 1]
        assert "░" in bar


@pytest.mark.parametrize("width", [60, 120, 200])
@pytest.mark.parametrize("case", sorted(CASES))
def test_polish_numbers_are_never_split_across_lines(table: TableVersion, case: str, width: int) -> None:
    """Rich breaks at non-breaking spaces; the view wraps its sentences itself so "2 250 000" holds."""
    shown = render(run_in(table, "pl", **CASES[case]), "pl", width)
    assert not re.search(r"\d *\n *\d{3}(?!\d)", shown)


NOT_ELIGIBLE_FLAGS = ("--positive", "987", "--negative", "13", "--quality", "neutral")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_last_lines_of_an_80x24_terminal_repeat_the_verdict_and_the_first_step(lang: str) -> None:
    from tests.test_subprocess import run as diamond

    args = ("check", "examples/seller.json", *NOT_ELIGIBLE_FLAGS, "--lang", lang, "--color", "never")
    done = diamond(*args, COLUMNS="80", LINES="24")
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert len(lines) > 24  # the rest scrolled away
    screen = "\n".join(lines[-4:])
    assert {"en": "✘ Does not meet", "pl": "✘ Nie spełnia"}[lang] in screen
    # The first rule that fails in the program's order, with the first thing that makes it pass.
    assert {"en": "First step (Positive ratings): 300 more positive", "pl": "Pierwszy krok (Oceny pozytywne)"}[
        lang
    ] in screen
    assert max(len(line) for line in lines) <= 80


def test_a_seller_who_meets_every_criterion_ends_on_the_verdict_alone() -> None:
    from tests.test_subprocess import run as diamond

    done = diamond("check", "examples/seller.json", "--color", "never", COLUMNS="80")
    assert done.returncode == 0
    assert done.stdout.decode().splitlines()[-1] == "✔ Meets the published criteria of Allegro Diamond Partners"


def test_at_a_narrow_width_a_passing_rule_appears_once(table: TableVersion) -> None:
    shown = render(run(table, **CASES["not_eligible"]), "en", 60)
    assert shown.count("Business Account") == 1
    assert shown.count("Positive ratings") >= 2  # failing: its row, then its reason


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_brief_prints_the_verdict_and_only_what_does_not_pass(lang: str) -> None:
    from tests.test_subprocess import run as diamond

    done = diamond("check", "examples/seller.json", *NOT_ELIGIBLE_FLAGS, "--brief", "--lang", lang, "--color", "never")
    assert done.returncode == 1
    shown = done.stdout.decode()
    full = diamond("check", "examples/seller.json", *NOT_ELIGIBLE_FLAGS, "--lang", lang, "--color", "never")
    assert shown.splitlines()[:2] == full.stdout.decode().splitlines()[:2]  # the headline and who
    titles = {"en": ("Positive ratings", "Main account quality"), "pl": ("Oceny pozytywne", "Jakość konta głównego")}
    for title in titles[lang]:
        assert f"✘ {title}:" in shown
    assert {"en": "Business Account", "pl": "Konto Firma"}[lang] not in shown
    assert "  • " in shown  # what would make them pass
    assert len(shown.splitlines()) < len(full.stdout.decode().splitlines()) / 3


def test_brief_with_json_is_a_usage_error() -> None:
    from tests.test_subprocess import run as diamond

    done = diamond("check", "examples/seller.json", "--brief", "--format", "json")
    assert done.returncode == 2
    assert b"--brief" in done.stderr


def test_polish_output_names_a_category_by_its_polish_name_and_json_keeps_the_table_name() -> None:
    from tests.test_subprocess import run as diamond

    short = ("check", "examples/seller.json", "--revenue", "Kids=4000000", "--color", "never")
    polish = diamond(*short, "--lang", "pl").stdout.decode()
    assert "Kategoria główna: Dziecko" in polish
    assert "w kategorii Dziecko do progu dla firm" in polish
    assert "Kids" not in polish
    assert "Main category: Kids" in diamond(*short, "--lang", "en").stdout.decode()
    result = json.loads(diamond(*short, "--lang", "pl", "--format", "json").stdout)
    assert result["main_category"] == "Kids"  # keys and codes never change with --lang
    threshold = next(c for c in result["checks"] if c["rule"] == "revenue_threshold")
    assert "Dziecko" in threshold["message"]
