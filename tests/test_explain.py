"""`diamond explain`: every rule, whose reading it is, the parameters of the table in force."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diamond_cli.cli import app
from diamond_cli.models import ALL_RULES, RULE_BASIS
from diamond_cli.thresholds import default_table_path, load_table

ENV = {"COLUMNS": "100"}


def explain(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["explain", "--color", "never", *args], env=ENV)
    return result.exit_code, result.stdout, result.stderr


def test_every_rule_is_explained() -> None:
    code, out, _ = explain("--lang", "en")
    assert code == 0
    for rule in ALL_RULES:
        assert f"\n{rule} — " in out


def test_basis_agrees_with_the_table() -> None:
    """A rule with a parameter the table marks as interpretation is never called the page's alone."""
    version = load_table().in_force(dt.date(2026, 11, 23))
    assert set(RULE_BASIS) == set(ALL_RULES)
    for rule, params in version.params.items():
        if any(p.interpretation for p in params.values()):
            assert RULE_BASIS[rule] != "page", rule


def test_one_rule_with_its_parameters_and_categories() -> None:
    code, out, _ = explain("revenue_threshold", "--lang", "en")
    assert code == 0
    assert "from the program page, read by our interpretation where it is vague" in out
    assert "inclusive = yes (our interpretation)" in out
    assert re.search(r"Kids\s+4,500,000 · 2,250,000 ·   590,000", out)
    assert "positive_ratings —" not in out


def test_polish() -> None:
    code, out, _ = explain("positive-ratings", "--lang", "pl")
    assert code == 0
    assert "positive_ratings — Oceny pozytywne" in out
    assert "min_pct = 99 (strona programu)" in out
    assert "ze strony programu" in out
    code, out, _ = explain("revenue_growth", "--lang", "pl")
    assert "nasza interpretacja: strona programu jest tu nieprecyzyjna" in out


def test_parameters_follow_thresholds_and_as_of(tmp_path: Path) -> None:
    shipped = default_table_path().read_text(encoding="utf-8")
    newer = shipped + ('  - version: "stricter-2027"\n    effective_from: 2027-01-01\n    note: test\n    rules:\n')
    # A second version: the first one's rules with a higher minimum, in force from 2027.
    block = shipped.split("    rules:\n", 1)[1]
    stricter = "min_pct: {value: 99.5, source: interpretation}"
    newer += block.replace("min_pct: {value: 99, source: program page}", stricter)
    path = tmp_path / "table.yaml"
    path.write_text(newer, encoding="utf-8")
    _, before, _ = explain("positive_ratings", "--thresholds", str(path), "--as-of", "2026-12-31")
    _, after, _ = explain("positive_ratings", "--thresholds", str(path), "--as-of", "2027-01-01", "--lang", "pl")
    assert "min_pct = 99 (program page)" in before
    assert "min_pct = 99,5 (nasza interpretacja)" in after
    assert "stricter-2027" in after


def test_unknown_rule_is_a_usage_error_naming_the_closest() -> None:
    code, out, err = explain("postive_ratings")
    assert code == 2
    assert out == ""
    assert "did you mean positive_ratings?" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_no_line_overflows_at_60(lang: str) -> None:
    result = CliRunner().invoke(
        app, ["explain", "revenue_threshold", "--color", "never", "--lang", lang], env={"COLUMNS": "60"}
    )
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_json_check_loads_nothing_of_the_human_view() -> None:
    """`check --format json` start-up: no rich, no renderer, only the message catalogue; and no
    PyYAML, since the shipped table is taken read already (thresholds.compiled.json)."""
    root = Path(__file__).parent.parent
    code = (
        "import sys\n"
        "from diamond_cli.entry import main\n"
        "sys.argv = ['diamond', 'check', 'examples/seller.json', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('rich', 'diamond_cli.render', 'yaml')))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False)
    assert "LOADED []" in done.stderr, done.stderr
