"""`diamond thresholds diff`: what changed between two versions, per category and parameter."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from diamond_cli.table_diff import diff_versions
from diamond_cli.thresholds import parse_table
from tests.tables import table_text, version_text, write
from tests.test_subprocess import run

FIRST = version_text("2026", "null")


def later(body: str, label: str = "2027", start: str = "2027-01-01") -> str:
    return f'  - version: "{label}"\n    effective_from: {start}\n    inherits: previous\n' + body


def changes(body: str) -> dict[str, Any]:
    table = parse_table(table_text(FIRST, later(body)), "t.yaml")
    return diff_versions(table, *table.versions)


# (id, the later version's keys, expected categories, expected rules)
CASES: list[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]] = [
    ("nothing restated", "    note: same\n", [], []),
    (
        "one threshold",
        "    categories:\n      Kids: {company: 5000000}\n",
        [
            {
                "name": "Kids",
                "change": "changed",
                "parameters": [
                    {"parameter": "company", "change": "changed", "old": Decimal(4500000), "new": Decimal(5000000)}
                ],
            }
        ],
        [],
    ),
    (
        "restated with the same value is no change",
        "    categories:\n      Kids: {company: 4500000.00, aliases: [Dziecko]}\n",
        [],
        [],
    ),
    (
        "aliases and source",
        "    categories:\n      Garden: {aliases: [Ogród, Działka], source: interpretation}\n",
        [
            {
                "name": "Garden",
                "change": "changed",
                "parameters": [
                    {"parameter": "aliases", "change": "changed", "old": ["Ogród"], "new": ["Ogród", "Działka"]},
                    {"parameter": "source", "change": "changed", "old": "program page", "new": "interpretation"},
                ],
            }
        ],
        [],
    ),
    (
        "removed and added",
        "    removed: [Garden]\n    categories:\n      Toys: {company: 3, conditional: 2, brand: 1}\n",
        [
            {
                "name": "Garden",
                "change": "removed",
                "parameters": [
                    {"parameter": "company", "change": "removed", "old": Decimal(7500000), "new": None},
                    {"parameter": "conditional", "change": "removed", "old": Decimal(3750000), "new": None},
                    {"parameter": "brand", "change": "removed", "old": Decimal(830000), "new": None},
                    {"parameter": "aliases", "change": "removed", "old": ["Ogród"], "new": None},
                    {"parameter": "source", "change": "removed", "old": "program page", "new": None},
                ],
            },
            {
                "name": "Toys",
                "change": "added",
                "parameters": [
                    {"parameter": "company", "change": "added", "old": None, "new": Decimal(3)},
                    {"parameter": "conditional", "change": "added", "old": None, "new": Decimal(2)},
                    {"parameter": "brand", "change": "added", "old": None, "new": Decimal(1)},
                    {"parameter": "aliases", "change": "added", "old": None, "new": []},
                    {"parameter": "source", "change": "added", "old": None, "new": "program page"},
                ],
            },
        ],
        [],
    ),
    (
        "rule parameters: value, grade, source",
        "    rules:\n"
        "      transaction_problems:\n        max_pct: {value: 1.5}\n"
        "      main_account_quality:\n        min_grade: {value: SUPER}\n"
        "      revenue_growth:\n        min_growth_pct: {value: 0, source: program page}\n",
        [],
        [
            {
                "rule": "main_account_quality",
                "parameter": "min_grade",
                "change": "changed",
                "old": "GOOD",
                "new": "SUPER",
            },
            {
                "rule": "revenue_growth",
                "parameter": "min_growth_pct.source",
                "change": "changed",
                "old": "interpretation",
                "new": "program page",
            },
            {
                "rule": "transaction_problems",
                "parameter": "max_pct",
                "change": "changed",
                "old": Decimal("2.0"),
                "new": Decimal("1.5"),
            },
        ],
    ),
]


@pytest.mark.parametrize(("name", "body", "categories", "rules"), CASES, ids=[case[0] for case in CASES])
def test_diff_versions(name: str, body: str, categories: list[dict[str, Any]], rules: list[dict[str, Any]]) -> None:
    found = changes(body)
    assert found["categories"] == categories
    assert found["rules"] == rules
    assert (found["from"], found["to"]) == (
        {"version": "2026", "effective_from": None},
        {"version": "2027", "effective_from": "2027-01-01"},
    )


# ---------------------------------------------------------------- the command, in a real process

THREE = table_text(
    FIRST,
    later("    categories:\n      Kids: {company: 5000000}\n"),
    later("    categories:\n      Garden: {brand: 900000}\n", label="2028", start="2028-01-01"),
)


def diff_json(path: Path, *args: str) -> dict[str, Any]:
    result = run("thresholds", "diff", "--thresholds", path, "--format", "json", *args)
    assert (result.returncode, result.stderr) == (0, b"")
    data: dict[str, Any] = json.loads(result.stdout, parse_float=Decimal)
    return data


def test_defaults_compare_the_newest_version_with_the_one_before(tmp_path: Path) -> None:
    data = diff_json(write(tmp_path, THREE))
    assert (data["from"]["version"], data["to"]["version"]) == ("2027", "2028")
    assert [c["name"] for c in data["categories"]] == ["Garden"]


@pytest.mark.parametrize(
    ("args", "pair", "changed"),
    [
        (("--as-of", "2027-06-30"), ("2026", "2027"), ["Kids"]),  # the version in force that day
        (("--to", "2027"), ("2026", "2027"), ["Kids"]),
        (("--from", "2026"), ("2026", "2028"), ["Kids", "Garden"]),
        (("--from", "2028", "--to", "2026"), ("2028", "2026"), ["Kids", "Garden"]),  # either way round
        (("--from", "2027", "--to", "2027"), ("2027", "2027"), []),
    ],
)
def test_from_to_and_as_of(tmp_path: Path, args: tuple[str, ...], pair: tuple[str, str], changed: list[str]) -> None:
    data = diff_json(write(tmp_path, THREE), *args)
    assert (data["from"]["version"], data["to"]["version"]) == pair
    assert [c["name"] for c in data["categories"]] == changed


def test_json_numbers_are_exact(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(FIRST, later("    categories:\n      Kids: {brand: 590000.07}\n")))
    data = diff_json(path)
    assert data["categories"][0]["parameters"] == [
        {"parameter": "brand", "change": "changed", "old": 590000, "new": Decimal("590000.07")}
    ]


def test_human_view(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        table_text(
            FIRST,
            later(
                "    removed: [Garden]\n    rules:\n      transaction_problems:\n        max_pct: {value: 1.5}\n"
                "    categories:\n      Kids: {company: 5000000}\n"
            ),
        ),
    )
    result = run("thresholds", "diff", "--thresholds", path, COLUMNS="120")
    assert result.returncode == 0
    out = result.stdout.decode()
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in out.splitlines() if line.startswith("│")]
    assert ["Kids", "changed", "company", "4,500,000", "5,000,000"] in rows
    assert ["Garden", "removed", "company", "7,500,000", "—"] in rows
    assert ["Transaction problems", "max_pct", "2.0%", "1.5%"] in rows
    assert out.splitlines()[0] == (
        "test-table: from 2026 (start date not published: in force until a newer version)"
        " to 2027 (in force from 2027-01-01)"
    )
    assert out.splitlines()[-1] == "2 category(ies) and 1 rule parameter(s) changed."
    assert "\x1b[" not in out  # not a terminal: no colour


def test_human_view_in_polish_and_without_changes(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(FIRST, later("    note: same\n")))
    result = run("thresholds", "diff", "--thresholds", path, "--lang", "pl", COLUMNS="200")
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[-1] == "Brak różnic: obie wersje mają te same progi i parametry reguł."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--from", "2025"),
            "--from: no version '2025' in this table; its versions: 2026, 2027 and 2028.",
        ),
        (("--to", "x"), "--to: no version 'x' in this table; its versions: 2026, 2027 and 2028."),
        (
            ("--to", "2026"),
            "'2026' is the first version of the table: no version comes before it to compare with;"
            " give --from and --to.",
        ),
        (("--as-of", "tomorrow"), "--as-of: 'tomorrow' is not a date (YYYY-MM-DD or DD.MM.YYYY)"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run("thresholds", "diff", "--thresholds", write(tmp_path, THREE), *args)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == f"diamond: error: {message}\n"


def test_invalid_table_exits_3(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(FIRST, later("    note: x\n").replace("inherits: previous", "inherits: nope")))
    result = run("thresholds", "diff", "--thresholds", path)
    assert result.returncode == 3
    assert "versions[1].inherits: no earlier version is named 'nope'" in result.stderr.decode()
    assert b"Traceback" not in result.stderr
