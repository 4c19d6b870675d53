"""Spreadsheets in and out of `diamond batch` (issue 13): what Polish Excel writes goes in, a CSV
Excel opens comes out. Through the installed command in a real process."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.test_subprocess import run

AS_OF = ("--as-of", "2026-12-01")
MONTHS = ";".join(str(400_000 + 10_000 * month) for month in range(12))
# One Polish sheet: `;`, decimal commas, space thousands separators, PRAWDA/FAŁSZ, Polish names.
SHEET = (
    "seller;nip;business_account;ratings.positive;ratings.negative;quality;revenue.Kids;monthly_revenue;"
    "suspended;transaction_problems_pct;exportable_pct;new_condition_pct\n"
    f'Sklep Łódź;7740001454;PRAWDA;2 400;12;Dobry;5 000 000,50;"{MONTHS}";FAŁSZ;0,8;65;98\n'
    f'Żółta Ćma;;prawda;100;5;Wymaga poprawy;4 499 999,99;"{MONTHS}";fałsz;0,8;65;98\n'
    f'Gęś;;Fałsz;2 400;12;Dobry;100;"{MONTHS}";Prawda;0,8;65;98\n'
)


def results(stdout: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines()]


def batch(path: Path, *args: str, **env: str) -> tuple[int, list[dict[str, Any]], str]:
    done = run("batch", path, "--nip", "show", *AS_OF, *args, **env)
    return done.returncode, results(done.stdout), done.stderr.decode("utf-8")


@pytest.mark.parametrize(
    ("name", "data", "windows_1250"),
    [
        ("utf8.csv", SHEET.encode("utf-8"), False),
        ("bom.csv", b"\xef\xbb\xbf" + SHEET.encode("utf-8"), False),
        ("excel.csv", SHEET.encode("cp1250"), True),
    ],
)
def test_a_polish_excel_sheet_is_checked_whatever_its_encoding(
    tmp_path: Path, name: str, data: bytes, windows_1250: bool
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, got, err = batch(path)
    assert code == 0, err
    assert [r["seller"] for r in got] == ["Sklep Łódź", "Żółta Ćma", "Gęś"]
    first, second, third = got
    assert first["verdict"] == "eligible"
    assert first["nip"] == "7740001454"
    second_checks = {c["rule"]: c for c in second["checks"]}
    assert second_checks["main_account_quality"]["status"] == "fail"  # Wymaga poprawy
    # 4 499 999,99 is short of 4 500 000 by one grosz: exact, never rounded into a pass.
    assert second_checks["revenue_threshold"]["to_pass"]["company"]["short_pln"] == 0.01
    third_checks = {c["rule"]: c["status"] for c in third["checks"]}
    assert third_checks["business_account"] == "fail"  # Fałsz
    assert third_checks["account_suspended"] == "flag"  # Prawda
    said = "input read as Windows-1250 (not UTF-8)" in err
    assert said is windows_1250, err


def test_the_summary_says_windows_1250_in_polish_too(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(SHEET.encode("cp1250"))
    _, _, err = batch(path, "--lang", "pl")
    assert "diamond: dane wejściowe odczytano jako Windows-1250 (nie UTF-8)\n" in err


def test_a_utf8_file_with_a_bad_row_after_its_first_64_kib_keeps_that_rows_error(tmp_path: Path) -> None:
    header, first = SHEET.splitlines()[:2]
    lines = [header] + [first.replace("Sklep Łódź", f"s{n}") for n in range(500)]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    assert len(data) > 65_536
    path = tmp_path / "late.csv"
    path.write_bytes(data + first.replace("Sklep Łódź", "Gdańsk").encode("cp1250") + b"\n")
    code, got, err = batch(path)
    assert code == 3
    assert got[-1] == {"line": 502, "record": 501, "verdict": "error", "error": "not valid UTF-8 text"}
    assert "Windows-1250" not in err


def test_a_word_that_is_no_boolean_names_its_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(SHEET.replace("PRAWDA", "PRAWDA?", 1), encoding="utf-8")
    code, got, _ = batch(path)
    assert code == 3
    assert got[0]["error"] == "business_account: expected true or false, found 'PRAWDA?'"


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_the_table_view_shows_each_errors_reason_in_its_row(tmp_path: Path, width: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(SHEET.replace("5 000 000,50", "12x", 1), encoding="utf-8")
    done = run("batch", path, "--format", "table", *AS_OF, COLUMNS=width)
    assert done.returncode == 3
    # The reason may fold within its cell (the row's other cells are empty beside it): its
    # characters are all there, in order.
    shown = "".join(done.stdout.decode("utf-8").split())
    assert "2errorrevenue.Kids:'12x'isnotanumber3" in shown, shown


def csv_rows(data: bytes, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter))


@pytest.mark.parametrize(
    ("args", "env", "polish"),
    [
        (("--lang", "pl"), {}, True),
        ((), {"LC_ALL": "pl_PL.UTF-8"}, True),
        (("--lang", "pl", "--csv-dialect", "excel"), {}, False),
        ((), {}, False),
        (("--csv-dialect", "excel-pl"), {}, True),
    ],
)
def test_csv_dialect_follows_the_language_unless_chosen(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], polish: bool
) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    done = run("batch", path, "--format", "csv", "--nip", "show", *AS_OF, *args, **env)
    assert done.returncode == 1 or done.returncode == 0, done.stderr
    data = done.stdout
    if polish:
        assert data.startswith(b"\xef\xbb\xbfline;record;seller;nip;verdict;")
        rows = csv_rows(data[3:], ";")
        assert rows[1]["short_pln"] == "0,01"
        assert rows[2]["short_pln"] == "4499900,00"
        assert rows[2]["failing_rules"] == "business_account;revenue_threshold"  # quoted, as `;` needs
        assert b'"business_account;revenue_threshold"' in data
    else:
        assert data.startswith(b"line,record,seller,nip,verdict,")
        rows = csv_rows(data, ",")
        assert rows[1]["short_pln"] == "0.01"
        assert rows[2]["short_pln"] == "4499900.00"
    assert [row["seller"] for row in rows] == ["Sklep Łódź", "Żółta Ćma", "Gęś"]
    assert [row["failing_rules_count"] for row in rows] == ["0", "2", "2"]
    assert rows[0]["short_pln"] == rows[0]["short_pct"] == rows[0]["positive_ratings_needed"] == ""
    assert rows[1]["positive_ratings_needed"] == "395"
    assert all(line.endswith(b"\r\n") for line in data.splitlines(keepends=True))


def test_excel_pl_figures_match_the_json_exactly(tmp_path: Path) -> None:
    """The sortable columns are the JSON's `to_pass` figures, only the decimal point turned."""
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    saved = run("batch", path, *AS_OF).stdout.decode("utf-8")
    results_json = [json.loads(line, parse_float=Decimal) for line in saved.splitlines()]
    done = run("batch", path, "--format", "csv", "--csv-dialect", "excel-pl", *AS_OF)
    rows = csv_rows(done.stdout.removeprefix(b"\xef\xbb\xbf"), ";")
    for row, result in zip(rows, results_json, strict=True):
        checks = {c["rule"]: c for c in result["checks"]}
        company = checks["revenue_threshold"]["to_pass"].get("company", {})
        for column in ("short_pln", "short_pct"):
            want = company.get(column)
            got = row[column]
            assert (Decimal(got.replace(",", ".")) if got else None) == (None if want is None else Decimal(want))
        assert row["failing_rules_count"] == str(sum(c["status"] == "fail" for c in result["checks"]))


@pytest.mark.parametrize("dialect", ["excel", "excel-pl"])
def test_render_writes_the_batch_csv_byte_for_byte(tmp_path: Path, dialect: str) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(SHEET + "bad;;tak;;;GOOD;12x;;;;;\n", encoding="utf-8")
    saved = tmp_path / "results.jsonl"
    saved.write_bytes(run("batch", path, *AS_OF).stdout)
    direct = run("batch", path, "--format", "csv", "--csv-dialect", dialect, *AS_OF)
    rendered = run("render", saved, "--format", "csv", "--csv-dialect", dialect)
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout == direct.stdout
    assert direct.stdout.count(b"\r\n") == 5


def test_grouped_rows_carry_their_accounts_and_seller(tmp_path: Path) -> None:
    path = tmp_path / "accounts.csv"
    path.write_text(
        "nip;account;seller;main;business_account;quality;revenue.Kids;ratings.positive;ratings.negative\n"
        "7740001454;a;Sklep Łódź;PRAWDA;PRAWDA;Dobry;100;10;0\n"
        "7740001454;b;;FAŁSZ;PRAWDA;Dobry;100;10;0\n"
        "5260250274;x;Inny;PRAWDA;PRAWDA;Dobry;100;10;0\n"
        "5260250274;y;;PRAWDA;PRAWDA;Dobry;100;10;0\n",
        encoding="utf-8",
    )
    done = run("batch", path, "--group-by", "nip", "--format", "csv", "--csv-dialect", "excel", *AS_OF)
    rows = csv_rows(done.stdout, ",")
    assert [(row["seller"], row["accounts"]) for row in rows] == [("Sklep Łódź", "a;b"), ("Inny", "x;y")]
    assert rows[0]["short_pln"] == "4499800.00"
    assert rows[1]["verdict"] == "error"
    assert rows[1]["error"].startswith("NIP *******274: 2 main accounts: x and y")
    lines = run("batch", path, "--group-by", "nip", "--format", "jsonl", *AS_OF).stdout.decode("utf-8")
    conflict = json.loads(lines.splitlines()[1])
    assert (conflict["seller"], conflict["accounts"], conflict["verdict"]) == ("Inny", ["x", "y"], "error")
    saved = tmp_path / "results.jsonl"
    saved.write_text(lines, encoding="utf-8")
    rendered = run("render", saved, "--format", "csv", "--csv-dialect", "excel")
    assert rendered.stdout == done.stdout
