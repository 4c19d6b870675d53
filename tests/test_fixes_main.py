"""Regressions fixed on main: a missing --thresholds file is a usage error; floats encode as numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diamond_cli.cli import app
from diamond_cli.jsontext import dumps


def test_missing_thresholds_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = CliRunner().invoke(app, ["check", "examples/seller.json", "--thresholds", str(missing)])
    assert result.exit_code == 2
    assert "--thresholds" in result.output
    assert "no such file" in result.output


def test_a_float_is_written_as_a_json_number() -> None:
    assert dumps({"a": 0.1, "b": 2.5}) == '{"a":0.1,"b":2.5}'


def test_the_installed_command_still_lists_every_command() -> None:
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    diamond = Path(sys.executable).with_name("diamond")
    command = str(diamond) if diamond.exists() else shutil.which("diamond")
    assert command is not None
    listing = subprocess.run([command, "--help"], capture_output=True, text=True, check=True).stdout
    for name in ("check", "batch", "explain", "thresholds", "schema"):
        assert f" {name} " in listing
    check_only = subprocess.run(
        [command, "check", "examples/seller.json", "--format", "json"], capture_output=True, text=True, check=False
    )
    assert check_only.returncode == 0
    assert '"verdict":"eligible"' in check_only.stdout


def test_an_unpaired_surrogate_in_check_input_is_an_input_error(tmp_path: Path) -> None:
    seller = tmp_path / "seller.json"
    seller.write_text(
        '{"seller": "\\ud800", "business_account": true, "quality": "GOOD",'
        ' "revenue": {"Kids": 1}, "ratings": {"positive": 1, "negative": 0}}'
    )
    result = CliRunner().invoke(app, ["check", str(seller), "--format", "json"])
    assert result.exit_code == 3
    assert '"verdict":"error"' in result.stdout
    assert "unpaired" in result.stdout


def test_a_batch_error_quotes_an_invalid_nip_only_under_show(tmp_path: Path) -> None:
    rows = tmp_path / "sellers.jsonl"
    rows.write_text(
        '{"nip": "7740001455", "business_account": true, "quality": "GOOD",'
        ' "revenue": {"Kids": 1}, "ratings": {"positive": 1, "negative": 0}}\n'
    )
    shown = CliRunner().invoke(app, ["batch", str(rows), "--format", "jsonl", "--nip", "show"])
    masked = CliRunner().invoke(app, ["batch", str(rows), "--format", "jsonl"])
    assert shown.exit_code == masked.exit_code == 3
    assert "7740001455" in shown.stdout
    assert "7740001455" not in masked.stdout
    assert "nip: the NIP's check digit does not match" in masked.stdout


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"seller": "a\\udcff"}', "seller"),
        ('{"revenue": {"K\\udcffx": 1}}', "revenue.K\\udcffx"),  # the key itself: shown escaped
        ('{"monthly_revenue": [1, "\\ud800"]}', "monthly_revenue[1]"),
    ],
)
def test_an_unpaired_surrogate_error_names_its_field(text: str, field: str) -> None:
    for args in (["check", "-", "--format", "json"], ["batch", "-", "--format", "jsonl"]):
        result = CliRunner().invoke(app, args, input=text + "\n")
        assert result.exit_code == 3, result.output
        error = json.loads(result.stdout.splitlines()[0])["error"]
        assert error == f"{field}: text with an unpaired \\ud800-\\udfff escape is not valid Unicode"


@pytest.mark.parametrize(("text", "found"), [("null", "null"), ("[1]", "a list"), ('"ab"', "text"), ("1", "a number")])
def test_a_document_that_is_not_an_object_is_an_input_error(text: str, found: str) -> None:
    result = CliRunner().invoke(app, ["check", "-", "--format", "json"], input=text + "\n")
    assert result.exit_code == 3, result.output
    assert (
        json.loads(result.stdout.splitlines()[0])["error"] == f"expected one seller record (an object), found {found}"
    )
