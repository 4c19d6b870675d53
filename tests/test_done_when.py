"""Issue 5's "done when", tried as a new user would: through the command, in English and Polish.

A seller 200,000 PLN short of the company threshold with 98.7% positive ratings (987 of 1,000)
reads how much revenue and how many positive ratings they need, sees the gap drawn, and the JSON
carries the same numbers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest
from typer.testing import CliRunner

from diamond_cli.cli import app

FLAGS = [
    "check",
    "--business-account",
    "--quality",
    "good",
    "--positive",
    "987",
    "--negative",
    "13",
    "--revenue",
    "Kids=4300000",
    "--monthly-revenue",
    "400000,410000,380000,420000,430000,400000,390000,440000,450000,470000,480000,500000",
    "--color",
    "never",
]
NBSP = "\u00a0"


def unwrapped(text: str) -> str:
    """The text with wrapping undone (ordinary spaces and line breaks only: NBSP groups digits)."""
    return re.sub(r"[ \n]+", " ", text)


def human(lang: str, width: int) -> str:
    result = CliRunner().invoke(app, [*FLAGS, "--lang", lang], env={"COLUMNS": str(width)})
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("width", [60, 200])
def test_english(width: int) -> None:
    out = unwrapped(human("en", width))
    assert "200,000 PLN more revenue in Kids reaches the company threshold of 4,500,000 PLN" in out
    assert "300 more positive ratings would reach 99% at the current number of negative ratings (13)" in out
    assert "4,500,000 PLN · 200,000 PLN short" in out


@pytest.mark.parametrize("width", [60, 200])
def test_polish(width: int) -> None:
    out = unwrapped(human("pl", width))
    zl = f"{NBSP}zł"
    assert f"w kategorii Dziecko do progu dla firm (4{NBSP}500{NBSP}000{zl}) brakuje 200{NBSP}000{zl} obrotu" in out
    assert "potrzeba jeszcze 300 ocen pozytywnych, by przy obecnej liczbie ocen negatywnych (13) osiągnąć 99%" in out
    assert f"brakuje 200{NBSP}000{NBSP}zł" in out


@pytest.mark.parametrize("width", [60, 200])
def test_the_gap_is_drawn(width: int) -> None:
    lines = human("en", width).splitlines()
    bars = [line.strip() for line in lines if line.strip().startswith("█")]
    company = next(line for line in lines if "4,500,000 PLN · 200,000 PLN short" in line)
    # wide: the bar is on the figures' line; narrow: on the next line
    bar = company if "█" in company else lines[lines.index(company) + 1]
    filled, short = bar.count("█"), bar.count("░")
    assert short >= 1
    # 200,000 of 4,500,000 is 4.4% of the bar: within one cell of the drawn share
    assert abs(short / (filled + short) - 200000 / 4500000) <= 1 / (filled + short)
    assert bars


def test_json_carries_the_same_numbers() -> None:
    result = CliRunner().invoke(app, [*FLAGS, "--format", "json", "--lang", "pl"])
    data: dict[str, Any] = json.loads(result.stdout)
    checks = {c["rule"]: c for c in data["checks"]}
    assert checks["positive_ratings"]["to_pass"]["positive_ratings_needed"] == 300
    assert checks["positive_ratings"]["to_pass"]["at_negative_ratings"] == 13
    company = checks["revenue_threshold"]["to_pass"]["company"]
    assert (company["short_pln"], company["threshold"]) == (200000, 4500000)


def test_installed_command_in_polish() -> None:
    """The real console script, as a user runs it, with Polish from the locale."""
    script = [sys.executable, "-c", "from diamond_cli.entry import main; main()", *FLAGS]
    done = subprocess.run(
        script, capture_output=True, text=True, env={"LANG": "pl_PL.UTF-8", "COLUMNS": "80"}, check=False
    )
    assert done.returncode == 1
    assert "Nie spełnia opublikowanych kryteriów" in done.stdout
    assert "300 ocen pozytywnych" in done.stdout
