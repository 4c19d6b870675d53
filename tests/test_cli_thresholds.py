"""`diamond thresholds show` and `validate` through the CLI (fixed width), and one real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diamond_cli.cli import app
from diamond_cli.safe_yaml import load
from diamond_cli.thresholds import default_table_path
from tests.tables import TWO_VERSIONS, table_text, version_text, write

ENV = {"COLUMNS": "160", "NO_COLOR": "1", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------- show


def test_show_lists_every_category_threshold_and_parameter_with_its_source() -> None:
    code, out, _ = invoke("thresholds", "show", "--as-of", "2026-11-23", "--color", "never")
    assert code == 0
    assert "version program-page-2026 (in force from: start date not published), shipped with diamond_cli" in out
    kids = next(line for line in out.splitlines() if "│ Kids " in line)
    assert [cell.strip() for cell in kids.split("│")[1:-1]] == [
        "Kids",
        "4,500,000",
        "2,250,000",
        "590,000",
        "Dziecko",
        "program page",
    ]
    growth = next(line for line in out.splitlines() if "min_growth_pct" in line)
    assert "0%" in growth
    assert "interpretation" in growth
    assert sum("│" in line and "program page" in line for line in out.splitlines()) == 15 + 3


def test_show_json_is_exact_and_follows_the_as_of_date(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_VERSIONS)
    days = {"2026-12-31": ("2026", 4500000), "2027-01-01": ("2027", 5000000), "2027-01-02": ("2027", 5000000)}
    for day, (version, company) in days.items():
        code, out, _ = invoke("thresholds", "show", "--thresholds", str(path), "--as-of", day, "--format", "json")
        assert code == 0
        data = json.loads(out)
        assert (data["as_of"], data["version"]) == (day, version)
        assert data["categories"][0] == {
            "name": "Kids",
            "company": company,
            "conditional": 2250000,
            "brand": 590000,
            "aliases": ["Dziecko"],
            "source": "program page",
        }
    assert data["versions"] == [
        {"version": "2026", "effective_from": None},
        {"version": "2027", "effective_from": "2027-01-01"},
    ]
    assert data["rules"]["transaction_problems"]["max_pct"] == {"value": 2, "source": "interpretation"}


def test_show_json_and_yaml_keep_decimals_exact(tmp_path: Path) -> None:
    text = TWO_VERSIONS.replace("brand: 590000", "brand: 590000.07").replace(
        "max_pct: {value: 2.0", "max_pct: {value: 2.35"
    )
    path = write(tmp_path, text)
    code, out, _ = invoke("thresholds", "show", "--thresholds", str(path), "--format", "json", "--category", "Kids")
    assert code == 0
    data = json.loads(out, parse_float=Decimal)
    assert data["categories"][0]["brand"] == Decimal("590000.07")
    assert data["rules"]["transaction_problems"]["max_pct"]["value"] == Decimal("2.35")
    code, out, _ = invoke("thresholds", "show", "--thresholds", str(path), "--format", "yaml", "--category", "Kids")
    assert "brand: 590000.07\n" in out
    assert "value: 2.35\n" in out


def test_show_yaml_reads_back_to_the_same_values() -> None:
    code, out, _ = invoke("thresholds", "show", "--format", "yaml", "--category", "ŁAZIENKA I OGRZEWANIE")
    assert code == 0
    data, _ = load(out)
    assert isinstance(data, dict)
    assert data["categories"] == [
        {
            "name": "Bathroom & Heating",
            "company": 8000000,
            "conditional": 4000000,
            "brand": 1800000,
            "pl": "Łazienka i ogrzewanie",
            "aliases": [],
            "source": "program page",
        }
    ]
    assert data["rules"]["main_account_quality"]["min_grade"] == {"value": "GOOD", "source": "program page"}


def test_show_unknown_category_suggests_the_closest() -> None:
    code, out, err = invoke("thresholds", "show", "--category", "Kidz")
    assert (code, out) == (2, "")
    assert err == "diamond: error: --category: unknown category 'Kidz'; did you mean 'Kids'?\n"
    code, _, err = invoke("thresholds", "show", "--category", "Zzzzzz")
    assert code == 2
    assert "run `diamond thresholds show` for the list" in err


def test_show_in_polish() -> None:
    code, out, _ = invoke("thresholds", "show", "--lang", "pl", "--category", "Moda")
    assert code == 0
    assert "Progi obrotu według kategorii" in out
    assert "3\u00a0200\u00a0000" in out  # Polish grouping: no-break spaces
    assert "strona programu" in out


def test_show_before_the_first_version_is_an_invalid_table_for_that_day(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(version_text("2027", "2027-01-01")))
    code, _, err = invoke("thresholds", "show", "--thresholds", str(path), "--as-of", "2026-12-31")
    assert code == 3
    assert "no version is in force on 2026-12-31 (the first starts 2027-01-01)" in err


def test_show_bad_date_is_a_usage_error() -> None:
    code, _, err = invoke("thresholds", "show", "--as-of", "31/12/2026")
    assert code == 2
    assert "--as-of: '31/12/2026' is not a date (YYYY-MM-DD or DD.MM.YYYY)" in err


def test_as_of_takes_the_polish_form_of_a_date_too() -> None:
    iso = invoke("thresholds", "show", "--as-of", "2026-12-31", "--format", "json")
    polish = invoke("thresholds", "show", "--as-of", "31.12.2026", "--format", "json")
    assert iso[0] == 0
    assert polish == iso
    code, _, err = invoke("thresholds", "show", "--as-of", "31.13.2026")
    assert code == 2
    assert "is not a date" in err


# ---------------------------------------------------------------- validate


def test_validate_shipped_table() -> None:
    code, out, err = invoke("thresholds", "validate")
    assert (code, err) == (0, "")
    assert out == (
        f"{default_table_path()}: valid; 1 version(s):"
        " program-page-2026 (start date not published: in force until a newer version).\n"
    )


def test_validate_lists_every_problem_one_a_line(tmp_path: Path) -> None:
    text = TWO_VERSIONS.replace("format: 1", "format: 2").replace("brand: 590000", "brand: -5")
    path = write(tmp_path, text)
    code, out, err = invoke("thresholds", "validate", str(path))
    assert code == 3
    assert out.splitlines() == [
        f"{path}:1:1: format: only format 1 is understood",
        f"{path}:25:54: versions[0].categories.Kids.brand: must not be negative, not -5",
        f"{path}:48:54: versions[1].categories.Kids.brand: must not be negative, not -5",
    ]
    assert err == f"{path}: 3 problem(s) found.\n"


def test_validate_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = invoke("thresholds", "validate", str(tmp_path / "nope.yaml"))
    assert (code, out) == (2, "")
    assert err == f"diamond: error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_check_runs_the_same_validation(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_VERSIONS.replace("brand: 590000", "brand: -5"))
    code, _, err = invoke("check", "examples/seller.json", "--thresholds", str(path))
    assert code == 3
    assert f"{path}:25:54: versions[0].categories.Kids.brand: must not be negative, not -5" in err


@pytest.mark.skipif(shutil.which("diamond") is None, reason="the installed console script is needed")
def test_installed_validate_exit_codes(tmp_path: Path) -> None:
    good = subprocess.run(["diamond", "thresholds", "validate"], capture_output=True, text=True, check=False)
    assert good.returncode == 0
    bad = write(tmp_path, "format: 1\nname: x\nversions: []\n")
    run = subprocess.run(["diamond", "thresholds", "validate", str(bad)], capture_output=True, text=True, check=False)
    assert run.returncode == 3
    assert run.stdout == f"{bad}:3:1: versions: must be a non-empty list of versions\n"
    assert "Traceback" not in run.stderr
