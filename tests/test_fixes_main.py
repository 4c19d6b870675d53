"""Regressions fixed on main: a missing --thresholds file is a usage error; floats encode as numbers."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from diamond_cli.cli import app
from diamond_cli.result import dumps


def test_missing_thresholds_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = CliRunner().invoke(app, ["check", "examples/seller.json", "--thresholds", str(missing)])
    assert result.exit_code == 2
    assert "--thresholds" in result.output
    assert "no such file" in result.output


def test_a_float_is_written_as_a_json_number() -> None:
    assert dumps({"a": 0.1, "b": 2.5}) == '{"a":0.1,"b":2.5}'
