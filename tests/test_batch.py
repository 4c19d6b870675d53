"""`diamond batch`: lossless streaming, the input formats, grouping by NIP, exit codes, pipes, --output."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from diamond_cli.cli import app
from tests.conftest import record

ENV = {"COLUMNS": "200", "LC_ALL": "C", "LANG": "C", "NO_COLOR": "1"}
AS_OF = ["--as-of", "2026-11-23"]


def run_cli(*args: str, input: str | bytes | None = None) -> Any:
    return CliRunner().invoke(app, ["batch", *args, *AS_OF], input=input, env=ENV, catch_exceptions=False)


def jsonl(*records: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def results(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines()]


# ---------------------------------------------------------------- lossless, in order

BROKEN = st.sampled_from(
    [
        "{not json",
        "[1, 2]",
        '"text"',
        '{"seller": "x"}',
        '{"business_account": true, "quality": "GOOD", "revenue": {"Kidz": 1}, "positive_ratings_pct": 99}',
        '{"a": 1, "a": 2}',
        '{"nip": "7740001455", "business_account": true}',
        "\xff\xfe not utf-8",
        "NaN",
        '{"seller": "\\ud800", "business_account": true}',
    ]
)


def _raw(text: str) -> bytes:
    return text.encode("latin-1") if text.startswith("\xff") else text.encode()


LINE_OF = st.one_of(
    st.just(b"{}"),
    st.just(b'{"a": 1}'),
    st.sampled_from([b"", b"   ", b"\t", b"\r", b"\x0b", b"\x0c", b" \r"]),  # blank: not records
    st.just(b"{not json"),
)


@settings(max_examples=12, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("ok"), st.integers(0, 10**6)),
            st.tuples(st.just("bad"), BROKEN),
            st.tuples(st.just("blank"), st.sampled_from(["", "   "])),
        ),
        min_size=1,
        max_size=40,
    ),
    st.integers(1, 4),
    st.sampled_from(["0", "2"]),
)
def test_worker_processes_give_what_one_process_gives(items: list[tuple[str, Any]], chunk: int, jobs: str) -> None:
    """Byte for byte, whether records are evaluated in-process, by workers from the start, or first
    in-process and then by workers (`--jobs 0` switches after a few chunks)."""
    text = "\ufeff" + "".join(
        (json.dumps(record(seller=f"s{v}", revenue={"Kids": v})) if kind == "ok" else v) + "\n" for kind, v in items
    )
    data = text.encode("utf-8", "surrogateescape")
    one = run_cli("-", "--input-format", "jsonl", "--jobs", "1", "--chunk", str(chunk), input=data)
    many = run_cli("-", "--input-format", "jsonl", "--jobs", jobs, "--chunk", str(chunk), input=data)
    assert many.stdout == one.stdout
    assert many.exit_code == one.exit_code


def test_mixed_file_through_the_cli_exits_3_with_a_correct_summary() -> None:
    good = record()
    lines = [good if i % 7 else '{"seller": "broken"' for i in range(1, 50)]
    result = run_cli("-", input=jsonl(*lines))
    assert result.exit_code == 3
    got = results(result.stdout)
    assert len(got) == 49
    errors = [r["line"] for r in got if r["verdict"] == "error"]
    assert errors == [7, 14, 21, 28, 35, 42, 49]
    assert "49 result(s): eligible 42 · error 7" in result.stderr
    assert "by main category: Kids 42" in result.stderr


# ---------------------------------------------------------------- input formats

CSV_COMMA = (
    "seller,nip,business_account,ratings.positive,ratings.negative,quality,other_accounts_quality,"
    "revenue.Kids,revenue.Fashion,monthly_revenue,suspended,transaction_problems_pct,exportable_pct,new_condition_pct\n"
    "example,7740001454,true,2400,12,GOOD,NEUTRAL;SUPER,5000000,300000,"
    "400000;410000;380000;420000;430000;400000;390000;440000;450000;470000;480000;500000,false,0.8,65,98\n"
)
CSV_SEMICOLON_PL = (
    "\ufeffseller;nip;business_account;ratings.positive;ratings.negative;quality;other_accounts_quality;"
    "revenue.Kids;revenue.Fashion;monthly_revenue;suspended;transaction_problems_pct;exportable_pct;new_condition_pct\n"
    'example;774-000-14-54;tak;2 400;12;Dobry;"Neutralny;SUPER";5 000 000;300 000;'
    '"400 000;410 000;380 000;420 000;430 000;400 000;390 000;440 000;450 000;470 000;480 000;500 000";nie;0,8;65;98\n'
)


def _comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in ("line", "record")}


def test_csv_with_either_delimiter_gives_the_same_result_as_json(tmp_path: Path) -> None:
    reference = results(run_cli("-", "--nip", "show", input=jsonl(record())).stdout)[0]
    for name, text in (("a.csv", CSV_COMMA), ("b.csv", CSV_SEMICOLON_PL)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run_cli(str(path), "--nip", "show")
        assert result.exit_code == 0, result.stdout
        got = results(result.stdout)
        assert len(got) == 1
        assert got[0]["line"] == 2
        assert _comparable(got[0]) == _comparable(reference)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("1e999999999", "1E+999999999 is too large"),  # int() of it would build a billion digits
        ("1e5000", "1E+5000 is too large"),  # past Python's 4,300-digit limit on int -> text
        ("-1e5000", "-1E+5000 is too large"),
        ("1.5", "expected a whole number, found 1.5"),
    ],
)
def test_csv_counts_out_of_range_are_one_line_errors(cell: str, problem: str) -> None:
    text = f"seller,business_account,quality,revenue.Kids,ratings.positive\ns,true,GOOD,1,{cell}\n"
    result = run_cli("-", "--input-format", "csv", input=text)
    assert result.exit_code == 3
    assert results(result.stdout)[0]["error"] == f"ratings.positive: {problem}"


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (b'{"seller": "\xff"}', "not valid UTF-8 text (byte 13 of the record)"),  # inside a string
        (b'{"x": ' + b"[" * 1000 + b"]" * 1000 + b"}", "nesting too deep"),
    ],
)
@pytest.mark.parametrize("shape", ["jsonl", "array", "sniffed"])
def test_json_msgspec_cannot_read_is_an_error_in_its_place(bad: bytes, problem: str, shape: str) -> None:
    """msgspec raises UnicodeDecodeError and RecursionError for these, not DecodeError."""
    good = json.dumps(record()).encode()
    if shape == "array":
        data, args = b"[" + bad + b",\n" + good + b"]", ["--input-format", "json"]
    else:
        data, args = bad + b"\n" + good + b"\n", ["--input-format", "jsonl"] if shape == "jsonl" else []
    result = run_cli("-", *args, input=data)
    assert result.exit_code == 3
    got = results(result.stdout)
    assert [(r["line"], r["verdict"]) for r in got] == [(1, "error"), (2, "eligible")]
    assert got[0]["error"] == problem


def test_json_lines_error_at_the_end_of_a_record_is_on_its_line() -> None:
    """The line's own newline is not a second line: `{"a":` ends at its column 6, not line 2."""
    result = run_cli("-", "--input-format", "jsonl", input=b'{"a":\r\n')
    assert results(result.stdout)[0]["error"] == "invalid JSON at column 6: Expecting value"


def test_csv_unknown_columns_are_one_error_before_any_row() -> None:
    """A misspelt column would fail every row: the header is refused once, naming each."""
    data = "seller,revenu.Kids,business_acount,Obrot\na,1,true,2\nb,1,true,2\n"
    result = run_cli("-", "--input-format", "csv", input=data)
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert (
        "line 1: the CSV header names unknown columns: 'revenu.Kids' (did you mean 'revenue.Kids'?), "
        "'business_acount' (did you mean 'business_account'?), 'Obrot'; no row was read" in result.stderr
    )


def test_a_header_of_no_known_field_is_not_read_as_csv() -> None:
    result = run_cli("-", "--input-format", "csv", input='{"seller": "a", "quality": "GOOD"}\n')
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "the CSV header names no field of a seller record" in result.stderr


def test_json_array_and_gzip_through_the_cli(tmp_path: Path) -> None:
    array = tmp_path / "sellers.json"
    array.write_text(json.dumps([record(seller="a"), {"seller": "b"}, record(seller="c")], indent=2))
    packed = tmp_path / "sellers.jsonl.gz"
    packed.write_bytes(gzip.compress(jsonl(record(seller="a"), {"seller": "b"}, record(seller="c")).encode()))
    for path in (array, packed):
        result = run_cli(str(path))
        assert result.exit_code == 3
        got = results(result.stdout)
        assert [r.get("seller") for r in got] == ["a", None, "c"]
        assert got[1]["verdict"] == "error"
    stdin = run_cli("-", input=gzip.compress(jsonl(record(seller="z")).encode()))
    assert results(stdin.stdout)[0]["seller"] == "z"


@pytest.mark.parametrize("name", ["sellers.jsonl.gz", "sellers.json.gz", "sellers.gz"])
@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda packed: packed + b"junk", "is not gzip data"),  # text after the last member
        (lambda packed: packed + packed[:15], "ends before the end of the compressed data"),  # a member cut short
    ],
)
def test_damaged_gzip_keeps_the_records_before_the_damage(tmp_path: Path, name: str, damage: Any, problem: str) -> None:
    sellers = [record(seller=f"s{i}") for i in range(3)]
    text = jsonl(*sellers) if "jsonl" in name else json.dumps(sellers)
    path = tmp_path / name
    path.write_bytes(damage(gzip.compress(text.encode())))
    result = run_cli(str(path))
    assert result.exit_code == 3
    assert [r["seller"] for r in results(result.stdout)] == ["s0", "s1", "s2"]
    assert result.stderr.startswith("diamond: error: the gzip data is damaged or cut short (")
    assert problem in result.stderr


@pytest.mark.parametrize("jobs", ["0", "2"])
def test_damaged_gzip_json_lines_keep_as_many_records_with_workers(tmp_path: Path, jobs: str) -> None:
    """The workers' share of lines read when the damage shows is still sent, as in one process."""
    packed = gzip.compress(jsonl(*(record(seller=f"s{i}") for i in range(60))).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[:-40])  # the last lines are cut off with the gzip trailer
    one = run_cli(str(path), "--jobs", "1", "--chunk", "7")
    many = run_cli(str(path), "--jobs", jobs, "--chunk", "7")
    assert (many.exit_code, many.stdout) == (one.exit_code, one.stdout)
    assert one.exit_code == 3
    assert 40 < len(results(one.stdout)) < 60


def test_gzip_magic_alone_is_a_one_line_error() -> None:
    result = run_cli("-", input=b"\x1f\x8b")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith("diamond: error: the gzip data is damaged or cut short (")


class Trickle(io.RawIOBase):
    """A pipe that hands over `step` bytes at a time, as a slow writer's pipe does."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = min(self.step, len(buffer), len(self.data))
        buffer[:size], self.data = self.data[:size], self.data[size:]
        return size


# ---------------------------------------------------------------- grouping by NIP

NIP_A = "7740001454"
NIP_B = "5260250274"


def account(nip: str, name: str, *, main: bool = False, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "nip": nip,
        "account": name,
        "main": main,
        "quality": "GOOD",
        "revenue": {"Kids": 1000000},
        "ratings": {"positive": 100, "negative": 0},
    }
    row.update(changes)
    return row


def grouped(*rows: Any, args: tuple[str, ...] = ()) -> tuple[int, list[dict[str, Any]]]:
    result = run_cli("-", "--group-by", "nip", "--nip", "show", *args, input=jsonl(*rows))
    return result.exit_code, results(result.stdout)


def test_group_by_nip_merges_accounts_into_one_seller_each() -> None:
    months = [100000 + 1000 * i for i in range(12)]
    code, got = grouped(
        account(NIP_A, "main-a", main=True, business_account=True, ratings={"positive": 1000, "negative": 5},
                monthly_revenue=months, revenue={"Kids": 2500000}),
        account(NIP_B, "solo", main=True, business_account=True, ratings={"positive": 10, "negative": 0},
                revenue={"Fashion": 10}),
        account(NIP_A, "brand", quality="NEUTRAL", brand_zone=True, ratings={"positive": 1000, "negative": 4},
                monthly_revenue=months, revenue={"Kids": 2000000}),
    )  # fmt: skip
    assert code == 0
    assert [(r["nip"], r["accounts"]) for r in got] == [(NIP_A, ["main-a", "brand"]), (NIP_B, ["solo"])]
    first = got[0]
    checks = {c["rule"]: c for c in first["checks"]}
    assert checks["revenue_threshold"]["actual"] == 4500000  # 2.5M + 2M meets the company threshold
    assert first["route"] == "company"
    assert checks["positive_ratings"]["message"].endswith("(2,000 of 2,009); at least 99% is required.")
    assert checks["other_accounts_quality"]["actual"] == ["NEUTRAL"]
    assert checks["main_account_quality"]["actual"] == "GOOD"


def test_group_by_nip_brand_zone_revenue_and_suspension() -> None:
    code, got = grouped(
        account(NIP_A, "m", main=True, business_account=True, revenue={"Kids": 100000}, suspended=False),
        account(NIP_A, "bz", brand_zone=True, revenue={"Kids": 600000}, suspended=True),
    )
    checks = {c["rule"]: c for c in got[0]["checks"]}
    assert got[0]["route"] == "brand"
    assert checks["account_suspended"]["status"] == "flag"
    assert code == 0


@pytest.mark.parametrize(
    ("rows", "fragment"),
    [
        ([account(NIP_A, "x", main=True), account(NIP_A, "y", main=True)], "2 main accounts: x and y"),
        ([account(NIP_A, "x"), account(NIP_A, "y")], "no main account among x and y"),
        (
            [
                account(NIP_A, "x", main=True, ratings=None, positive_ratings_pct=99.5),
                account(NIP_A, "y", ratings=None, positive_ratings_pct=99),
            ],
            "2 shares of positive ratings without counts: x and y, which cannot be summed",
        ),
        (
            [account(NIP_A, "x", main=True, exportable_pct=60), account(NIP_A, "y", exportable_pct=40)],
            "different exportable_pct in accounts x and y",
        ),
        (
            [
                account(NIP_A, "x", main=True, monthly_revenue=[1] * 12),
                account(NIP_A, "y", monthly_revenue=[1] * 24),
            ],
            "monthly_revenue of different lengths: 12 months in account x, 24 in account y",
        ),
        (
            [account(NIP_A, "x", main=True), account(NIP_A, "y", revenue={"Kidz": 1})],
            "invalid row of account y (line 2), so the NIP is not evaluated",
        ),
    ],
)
def test_group_by_nip_conflicts_are_errors_naming_the_nip_and_accounts(rows: list[Any], fragment: str) -> None:
    code, got = grouped(*rows)
    assert code == 3
    group = next(r for r in got if r.get("nip") == NIP_A)
    assert group["verdict"] == "error"
    assert group["error"].startswith(f"NIP {NIP_A}: ")
    assert fragment in group["error"]


def test_group_by_nip_invalid_rows_get_their_own_result_in_order() -> None:
    code, got = grouped(
        account(NIP_A, "x", main=True, business_account=True),
        {"account": "nonip", "main": True, "quality": "GOOD"},
        account(NIP_B, "y", main=True, business_account=True),
        account(NIP_A, "z", other_accounts_quality=["GOOD"]),
    )
    assert code == 3
    assert [(r["line"], r["verdict"]) for r in got] == [(1, "error"), (2, "error"), (3, "not_eligible"), (4, "error")]
    assert "nip: missing" in got[1]["error"]
    assert "other_accounts_quality: is derived from the account rows" in got[3]["error"]
    assert "account z (line 4)" in got[0]["error"]


@pytest.mark.parametrize("bad_cell", ["main=maybe", "revenue.Kids=12x"])
def test_group_by_nip_csv_row_with_an_unreadable_cell_still_belongs_to_its_nip(bad_cell: str) -> None:
    """As with JSON rows: the company is not judged without the account whose row is invalid."""
    columns = ["nip", "account", "main", "business_account", "quality", "revenue.Kids"]
    rows = [[NIP_A, "d1", "false", "true", "GOOD", "1"], [NIP_A, "d2", "true", "true", "GOOD", "1"]]
    name, value = bad_cell.split("=")
    rows[0][columns.index(name)] = value
    text = "".join(",".join(row) + "\n" for row in [columns, *rows])
    result = run_cli("-", "--input-format", "csv", "--group-by", "nip", "--nip", "show", input=text)
    assert result.exit_code == 3
    got = results(result.stdout)
    assert [(r["line"], r["verdict"]) for r in got] == [(2, "error"), (2, "error")]
    assert got[0]["error"].startswith(f"{name}: ")
    assert got[1]["error"] == f"NIP {NIP_A}: invalid row of account d1 (line 2), so the NIP is not evaluated"


def test_group_by_nip_row_with_an_invalid_nip_says_so_not_missing() -> None:
    code, got = grouped(account("7740001455", "x", main=True, business_account=True))
    assert code == 3
    assert got[0]["error"] == "nip: the NIP's check digit does not match ('7740001455')"


def test_group_by_nip_masks_the_nip_in_errors_by_default() -> None:
    result = run_cli("-", "--group-by", "nip", input=jsonl(account(NIP_A, "x"), account(NIP_A, "y")))
    assert results(result.stdout)[0]["error"].startswith("NIP *******454: ")
    assert NIP_A not in result.stdout + result.stderr


# ---------------------------------------------------------------- exit codes and options


def test_fail_on_and_exit_3_wins_over_1() -> None:
    not_eligible = record(business_account=False)
    assert run_cli("-", input=jsonl(not_eligible)).exit_code == 0
    assert run_cli("-", "--fail-on", "not_eligible", input=jsonl(not_eligible)).exit_code == 1
    assert run_cli("-", "--fail-on", "review,incomplete", input=jsonl(not_eligible)).exit_code == 0
    assert run_cli("-", "--fail-on", "not_eligible", input=jsonl(not_eligible, "{")).exit_code == 3


def test_usage_errors_exit_2() -> None:
    bad = run_cli("-", "--fail-on", "maybe", input="")
    assert bad.exit_code == 2
    assert "--fail-on: unknown verdict 'maybe'" in bad.stderr
    assert run_cli("/nonexistent/file.jsonl").exit_code == 2
    assert run_cli("-", "--format", "table", "--output", "x.txt", input="").exit_code == 2
    nowhere = run_cli("-", "--output", "/nonexistent/dir/out.jsonl", input=jsonl(record()))
    assert nowhere.exit_code == 2
    assert "--output /nonexistent/dir/out.jsonl: cannot write there" in nowhere.stderr


@pytest.mark.parametrize("where", ["dir", "", "."])
def test_output_that_is_a_directory_is_a_usage_error_before_the_batch_runs(tmp_path: Path, where: str) -> None:
    target = str(tmp_path) if where == "dir" else where
    result = run_cli("-", "--output", target, input=jsonl(record()))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"diamond: error: --output {target or '.'}: cannot write there: Is a directory\n"


def test_output_that_cannot_be_renamed_into_place_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    from diamond_cli.errors import UsageError
    from diamond_cli.sink import Sink

    target = tmp_path / "out.jsonl"
    sink = Sink(target, "en")
    sink.open()
    sink.write(b"{}\n")
    target.mkdir()  # FILE became a directory while the batch ran
    with pytest.raises(UsageError, match="cannot write there"):
        sink.commit()
    sink.abort()
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_csv_output_and_polish_summary() -> None:
    result = CliRunner().invoke(
        app,
        ["batch", "-", "--format", "csv", "--lang", "pl", "--csv-dialect", "excel", *AS_OF],
        input=jsonl(record(), record(business_account=False), "{"),
        env=ENV,
    )
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "line,record,seller,nip,verdict,main_category,route,failing_rules,main_shortfall,error,"
        "failing_rules_count,short_pln,short_pct,positive_ratings_needed,accounts"
    )
    assert lines[1].startswith("1,1,example,*******454,eligible,Kids,company,,,")
    assert lines[2].startswith("2,2,example,*******454,not_eligible,Kids,company,business_account,")
    assert lines[3].startswith("3,3,,,error,")
    assert "najczęściej niespełnione kryterium: Konto Firma" in result.stderr


def test_table_output_shows_every_record() -> None:
    result = run_cli("-", "--format", "table", input=jsonl(record(seller="alpha"), "{"))
    assert "alpha" in result.stdout
    assert "eligible" in result.stdout
    assert "error" in result.stdout


def test_table_shows_markup_and_emoji_codes_in_user_text_as_typed() -> None:
    """Rich markup in a label or in a quoted value crashed the table (MarkupError, exit 70)."""
    labels = ["[/]", "[red]acme[/red]", ":smile:"]
    rows = [record(seller=label) for label in labels] + [record(quality="[/]")]
    result = run_cli("-", "--format", "table", input=jsonl(*rows))
    assert result.exit_code == 3
    for label in labels:
        assert label in result.stdout
    assert "unknown grade '[/]'" in result.stdout


def test_a_second_bom_is_an_error_with_workers_too() -> None:
    data = b"\xef\xbb\xbf\xef\xbb\xbf" + json.dumps(record()).encode() + b"\n"
    one, two = (run_cli("-", "--input-format", "jsonl", "--jobs", jobs, input=data) for jobs in ("1", "2"))
    assert one.stdout == two.stdout
    assert "Unexpected UTF-8 BOM" in results(two.stdout)[0]["error"]


def test_empty_input_says_it_holds_no_records() -> None:
    result = run_cli("-", input=gzip.compress(b""))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.splitlines()[0] == "diamond: 0 results: the input holds no records"


def test_worker_processes_keep_the_order() -> None:
    rows = [record(seller=f"s{i}") if i % 5 else "{" for i in range(1, 41)]
    result = run_cli("-", "--jobs", "2", "--chunk", "3", input=jsonl(*rows))
    got = results(result.stdout)
    assert [r["line"] for r in got] == list(range(1, 41))
    assert [r.get("seller") for r in got] == [f"s{i}" if i % 5 else None for i in range(1, 41)]
    assert result.exit_code == 3
    assert "40 result(s): eligible 32 · error 8" in result.stderr


# ---------------------------------------------------------------- real processes: pipes and --output

DIAMOND = shutil.which("diamond") or str(Path(sys.executable).with_name("diamond"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_closed_pipe_ends_quietly(tmp_path: Path, jobs: str) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text(jsonl(*[record(seller=f"s{i}") for i in range(3000)]))
    done = subprocess.run(
        f"'{DIAMOND}' batch '{big}' --as-of 2026-11-23 --chunk 100 --jobs {jobs} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **ENV},
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["seller"] == "s0"
    assert "Traceback" not in done.stderr
    assert "BrokenPipe" not in done.stderr
    assert "Exception ignored" not in done.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_input_that_breaks_off_keeps_the_results_before_it(tmp_path: Path, jobs: str) -> None:
    """A JSON array cut short: every element read before the break is written, with worker
    processes too (they used to drop the chunks still in flight), then the one-line error."""
    broken = tmp_path / "broken.json"
    broken.write_text("[" + ",".join(json.dumps(record(seller=f"s{i}")) for i in range(30)) + ",")
    done = subprocess.run(
        [DIAMOND, "batch", str(broken), "--jobs", jobs, "--chunk", "4", *AS_OF],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **ENV},
    )
    assert [json.loads(line)["seller"] for line in done.stdout.splitlines()] == [f"s{i}" for i in range(30)]
    assert done.returncode == 3
    assert done.stderr.strip().splitlines()[-1].startswith("diamond: error: line 1: the JSON array is not closed")


def test_output_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "results.jsonl"
    target.write_text("old results\n")
    broken = tmp_path / "broken.json"  # the array is cut short: the batch fails after some results
    broken.write_text("[" + ",".join(json.dumps(record(seller=f"s{i}")) for i in range(20)) + ",")

    def run(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DIAMOND, "batch", str(path), "--output", str(target), "--as-of", "2026-11-23"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **ENV},
        )

    failed = run(broken)
    assert failed.returncode == 3
    assert "not closed" in failed.stderr
    assert target.read_text() == "old results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "results.jsonl"]

    good = tmp_path / "good.jsonl"
    good.write_text(jsonl(*[record(seller=f"s{i}") for i in range(20)]))
    done = run(good)
    assert done.returncode == 0
    assert len(target.read_text().splitlines()) == 20
    assert "results written to" in done.stderr
    assert done.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "good.jsonl", "results.jsonl"]


def test_batch_results_carry_the_same_values_as_check(tmp_path: Path) -> None:
    """msgspec writes the batch's JSON; its numbers must read back as exactly what `check` writes."""
    variants = [
        record(),
        record(revenue={"Kids": 3000000}, category_growth_pct=14, category_market_growth_pct=9),
        record(ratings={"positive": 1187, "negative": 12}, exportable_pct=30.125),
        record(monthly_revenue=[500000] * 12 + [499999.99] * 12, positive_ratings_pct="99,8"),
    ]
    out = run_cli("-", "--nip", "show", input=jsonl(*variants)).stdout
    batch = [json.loads(line, parse_float=Decimal) for line in out.splitlines()]
    for variant, got in zip(variants, batch, strict=True):
        path = tmp_path / "one.json"
        path.write_text(json.dumps(variant))
        single = CliRunner().invoke(app, ["check", str(path), "--format", "json", *AS_OF], env=ENV)
        expected = json.loads(single.stdout, parse_float=Decimal)
        assert _comparable(got) == expected


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_with_130_one_line_and_whole_results(tmp_path: Path, jobs: str) -> None:
    import signal

    big = tmp_path / "big.jsonl"
    big.write_text(jsonl(*[record(seller=f"s{i}") for i in range(3000)]))
    target = tmp_path / "out.jsonl"
    for output in ([], ["--output", str(target)]):
        child = subprocess.Popen(
            [DIAMOND, "batch", str(big), "--jobs", jobs, "--chunk", "10", "--as-of", "2026-11-23", *output],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **ENV},
            bufsize=0,  # unbuffered: communicate() must see every byte after the first line
            start_new_session=True,  # a terminal's Ctrl-C reaches the whole process group
        )
        assert child.stdout is not None
        first = child.stdout.readline() if not output else b""
        deadline = time.monotonic() + 60
        while (
            output and time.monotonic() < deadline and not any(p.suffix == ".diamond-tmp" for p in tmp_path.iterdir())
        ):
            time.sleep(0.01)  # wait until the batch is under way
        os.killpg(child.pid, signal.SIGINT)
        rest, err = child.communicate(timeout=60)
        assert child.returncode == 130
        assert err.decode().splitlines() == ["diamond: interrupted"]
        out = first + rest
        assert out.endswith(b"\n") or not out
        assert all(json.loads(line)["seller"] for line in out.splitlines())
        assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl"]


def test_ctrl_c_is_seen_at_once_while_a_pipe_given_as_a_path_waits(tmp_path: Path) -> None:
    """`diamond batch <(slow producer)`: the file is a pipe, so the batch neither reads ahead nor
    waits for the producer when it is interrupted, and each chunk's results come out as read."""
    import signal

    records = tmp_path / "records.jsonl"
    records.write_text(jsonl(*[record(seller=f"s{i}") for i in range(5)]))
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    script = 'exec "$D" batch <(cat "$R"; exec sleep 120 2>/dev/null) --chunk 2 --as-of 2026-11-23'
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            ["bash", "-c", script],
            stdout=stdout,
            stderr=stderr,
            env={**os.environ, **ENV, "D": DIAMOND, "R": str(records)},
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 60
            while out.read_bytes().count(b"\n") < 4 and time.monotonic() < deadline:
                time.sleep(0.02)  # the first two chunks, while the producer still sleeps
            assert out.read_bytes().count(b"\n") == 4
            os.kill(child.pid, signal.SIGINT)
            assert child.wait(timeout=30) == 130  # not the producer's two minutes
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)  # the sleeping producer
    assert err.read_text().splitlines() == ["diamond: interrupted"]
    assert [json.loads(line)["seller"] for line in out.read_text().splitlines()] == ["s0", "s1", "s2", "s3"]


def test_a_fifo_given_as_a_path_is_read_whole(tmp_path: Path) -> None:
    """A named pipe is opened once (its writer sees one reader) and is not "changed while read"."""
    import threading

    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    lines = jsonl(*[record(seller=f"s{i}") for i in range(5)]).encode()

    def write() -> None:
        with fifo.open("wb") as writer:
            writer.write(lines)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    done = subprocess.run(
        [DIAMOND, "batch", str(fifo), *AS_OF], capture_output=True, env={**os.environ, **ENV}, timeout=60, check=False
    )
    writer.join(timeout=10)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["seller"] for line in done.stdout.splitlines()] == [f"s{i}" for i in range(5)]


def test_nip_hash_and_a_json_array_on_stdin() -> None:
    array = json.dumps([record(seller="a"), record(seller="b", nip="5260250274")])
    result = CliRunner().invoke(
        app, ["batch", "-", "--nip", "hash", *AS_OF], input=array, env={**ENV, "DIAMOND_NIP_KEY": "k"}
    )
    got = results(result.stdout)
    assert [r["seller"] for r in got] == ["a", "b"]
    assert [len(r["nip"]) for r in got] == [64, 64]
    assert got[0]["nip"] != got[1]["nip"]
    assert "7740001454" not in result.stdout
    assert run_cli("-", "--nip", "hash", input=array).exit_code == 2  # no key: a usage error


def test_pretty_printed_objects_one_after_another() -> None:
    """A `.json` file holding one seller (as `check` takes it), or several, is read object by object."""
    example = Path(__file__).parent.parent / "examples" / "seller.json"
    one = example.read_text()
    lines = one.count("\n")
    single = run_cli(str(example))
    assert [r["verdict"] for r in results(single.stdout)] == ["eligible"]
    both = run_cli("-", input=one + one)
    assert [(r["line"], r["record"]) for r in results(both.stdout)] == [(1, 1), (lines + 1, 2)]
    oneline = run_cli("-", input=jsonl(record(), record()))  # JSON Lines on stdin stay JSON Lines
    assert [r["line"] for r in results(oneline.stdout)] == [1, 2]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("out.jsonl", b'{"line":1,'),
        ("out.NDJSON", b'{"line":1,'),
        ("out.json", b'[\n{"line":1,'),
        ("out.csv", b"line,record,"),
    ],
)
def test_output_extension_picks_the_format(tmp_path: Path, name: str, first: bytes) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(record(seller="a"), {"seller": "b"}, record(seller="c")))
    target = tmp_path / name
    result = run_cli(str(source), "--output", str(target))
    assert result.exit_code == 3  # the second record is invalid
    written = target.read_bytes()
    assert written.startswith(first)
    if name.endswith(".json"):
        results = json.loads(written)
        assert [r["verdict"] for r in results][1] == "error"
        assert len(results) == 3


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(record(seller="a")))
    target = tmp_path / "out.csv"
    assert run_cli(str(source), "--output", str(target), "--format", "jsonl").exit_code == 0
    assert json.loads(target.read_text())["seller"] == "a"


def test_an_unknown_output_extension_without_format_is_a_usage_error(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(record(seller="a")))
    result = run_cli(str(source), "--output", str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    assert "no format goes by its extension" in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_json_array_of_no_results_is_an_empty_array() -> None:
    result = run_cli("-", "--format", "json", input="")
    assert json.loads(result.stdout) == []


def test_json_array_spans_chunks() -> None:
    data = jsonl(*(record(seller=f"s{i}") for i in range(7)))
    result = run_cli("-", "--format", "json", "--chunk", "2", input=data)
    assert [r["seller"] for r in json.loads(result.stdout)] == [f"s{i}" for i in range(7)]
