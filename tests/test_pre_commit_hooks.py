"""The hooks `.pre-commit-hooks.yaml` offers, run as pre-commit runs them: each hook's `entry` and
`args` (and the staged files its `files:` pattern selects, unless `pass_filenames: false`) in a
real process, in a table repository laid out as README describes."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.tables import TWO_VERSIONS, write
from tests.test_subprocess import ROOT, clean_env, diamond

HOOKS: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
CASES = """\
base: {business_account: true, ratings: {positive: 100, negative: 0}, quality: GOOD,
       monthly_revenue: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
cases:
  - {name: Kids before 2027, as_of: 2026-12-31, record: {revenue: {Kids: 4600000}}, expect: {verdict: eligible}}
  - {name: Kids in 2027, as_of: 2027-01-01, record: {revenue: {Kids: 5000000}}, expect: {verdict: eligible}}
"""
# Files of a table repository; the hooks' `files:` patterns choose among them.
STAGED = ("thresholds.yaml", "cases.yaml", "README.md", "notes/seller.json")


def hook(hook_id: str) -> dict[str, Any]:
    return next(h for h in HOOKS if h["id"] == hook_id)


def run_hook(hook_id: str, repo: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: entry + args + the staged files matching `files` (when passed)."""
    spec = hook(hook_id)
    argv = shlex.split(spec["entry"]) + list(spec.get("args", []))
    if spec.get("pass_filenames", True):
        argv += [name for name in STAGED if re.search(spec["files"], name)]
    # pre-commit puts the hook's environment first on PATH: here, the venv this package is installed in.
    env = clean_env(PATH=f"{Path(diamond()).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path, TWO_VERSIONS)
    write(tmp_path, CASES, "cases.yaml")
    (tmp_path / "README.md").write_text("a table repository\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "seller.json").write_text("{}\n", encoding="utf-8")
    return tmp_path


def test_hooks_are_declared_as_pre_commit_reads_them() -> None:
    assert [h["id"] for h in HOOKS] == ["diamond-thresholds-validate", "diamond-thresholds-test"]
    for spec in HOOKS:
        assert spec["language"] == "python"
        assert spec["entry"].split()[0] == "diamond"
        assert {"id", "name", "entry", "language", "files"} <= set(spec)


@pytest.mark.parametrize(
    ("hook_id", "name", "selected"),
    [
        ("diamond-thresholds-validate", "thresholds.yaml", True),
        ("diamond-thresholds-validate", "tables/thresholds-2027.yml", True),
        ("diamond-thresholds-validate", "cases.yaml", False),
        ("diamond-thresholds-validate", "my-thresholds.yaml", False),
        ("diamond-thresholds-validate", "thresholds.json", False),
        ("diamond-thresholds-test", "thresholds.yaml", True),
        ("diamond-thresholds-test", "tests/cases-2027.yaml", True),
        ("diamond-thresholds-test", "README.md", False),
    ],
)
def test_files_patterns(hook_id: str, name: str, selected: bool) -> None:
    assert bool(re.search(hook(hook_id)["files"], name)) is selected


def test_validate_hook_passes_a_valid_table_and_fails_a_broken_one(repo: Path) -> None:
    result = run_hook("diamond-thresholds-validate", repo)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("thresholds.yaml: valid; 2 version(s):")
    (repo / "thresholds.yaml").write_text(TWO_VERSIONS.replace("brand: 590000", "brand: -5", 1), encoding="utf-8")
    result = run_hook("diamond-thresholds-validate", repo)
    assert result.returncode == 3
    assert result.stdout == "thresholds.yaml:25:54: versions[0].categories.Kids.brand: must not be negative, not -5\n"
    assert "Traceback" not in result.stderr


def test_test_hook_runs_the_cases_against_the_table(repo: Path) -> None:
    result = run_hook("diamond-thresholds-test", repo)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == ["PASS Kids before 2027", "PASS Kids in 2027", "2 of 2 case(s) passed."]
    # A table change that breaks an expectation fails the commit, naming the case.
    (repo / "thresholds.yaml").write_text(
        TWO_VERSIONS.replace("company: 5000000", "company: 5100000"), encoding="utf-8"
    )
    result = run_hook("diamond-thresholds-test", repo)
    assert result.returncode == 1
    assert "FAIL Kids in 2027 (table version 2027, as of 2027-01-01)" in result.stdout
    assert "behind the verdict: revenue_threshold" in result.stdout
