"""The exit codes scripts rely on: README's table, `--help` and the code must say the same thing."""

from __future__ import annotations

import re
from pathlib import Path

from diamond_cli.cli import EXIT_CODES_HELP, VERDICT_EXIT
from diamond_cli.errors import ExitCode
from diamond_cli.models import VerdictCode

README = Path(__file__).resolve().parent.parent / "README.md"

# What README's `check` column says for each code that is not a verdict.
NON_VERDICT_MEANING = {
    ExitCode.USAGE: "usage error",
    ExitCode.INVALID_INPUT: "invalid input or invalid thresholds file",
    ExitCode.INTERNAL: "internal error",
    ExitCode.INTERRUPTED: "interrupted",
    ExitCode.IO_ERROR: "output error",
    ExitCode.OUTPUT_BUSY: "output busy",
    ExitCode.HANGUP: "hangup",
    ExitCode.TERMINATED: "terminated",
}


def readme_exit_codes() -> dict[int, str]:
    """The `## Exit codes` table of README.md: code -> the `check` column."""
    section = README.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows: dict[int, str] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].isdigit():
            assert int(cells[0]) not in rows, f"README lists exit code {cells[0]} twice"
            rows[int(cells[0])] = cells[1]
    return rows


def test_readme_lists_exactly_the_exit_codes_of_the_code() -> None:
    assert sorted(readme_exit_codes()) == sorted(int(code) for code in ExitCode)


def test_readme_check_column_matches_the_verdict_mapping() -> None:
    rows = readme_exit_codes()
    assert set(VERDICT_EXIT) == set(VerdictCode), "every verdict needs an exit code"
    for verdict, code in VERDICT_EXIT.items():
        assert rows[int(code)] == verdict.value.replace("_", " ")


def test_readme_check_column_matches_the_other_codes() -> None:
    rows = readme_exit_codes()
    verdict_codes = {int(code) for code in VERDICT_EXIT.values()}
    for code in ExitCode:
        if int(code) not in verdict_codes:
            assert rows[int(code)] == NON_VERDICT_MEANING[code]


def test_help_epilog_lists_every_code_once() -> None:
    codes = [int(n) for n in re.findall(r"(?:codes: |· )(\d+) ", " ".join(EXIT_CODES_HELP.split()))]
    assert sorted(codes) == sorted(int(code) for code in ExitCode)
    for verdict, code in VERDICT_EXIT.items():
        assert f"{int(code)} {verdict.value.replace('_', ' ')}" in " ".join(EXIT_CODES_HELP.split())
