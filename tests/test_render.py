"""`diamond render`: saved batch results back into batch's own views (byte for byte) and into CI
reports, through the installed command; bad saved lines end in one line and exit 3."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from diamond_cli.render_results import _escape_data, _escape_property
from tests.conftest import record
from tests.test_subprocess import run

SELLERS = [
    record(seller="plain"),
    record(seller='comma, "quoted"', quality="NEUTRAL", ratings={"positive": 10, "negative": 10}),
    record(seller="line\nbreak\r100%: a,b", monthly_revenue=...),  # unknown growth: incomplete
    record(seller="flagged", exportable_pct=30),  # review
    record(seller="bad grade", quality="BEST"),  # an error result
    record(seller=None, nip=...),
    record(seller="bad nip", nip="1234567890"),
    record(seller="brand | zone", revenue={"Kids": 700000}, brand_zone_revenue={"Kids": 600000}),
    record(seller="ctl\x01char", revenue={"Kids": 10}),
]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sellers as JSON Lines, and `diamond batch`'s JSON Lines results of them."""
    folder = tmp_path_factory.mktemp("render")
    sellers = folder / "sellers.jsonl"
    sellers.write_text("".join(json.dumps(s) + "\n" for s in SELLERS), encoding="utf-8")
    results = folder / "results.jsonl"
    done = run("batch", sellers, "--format", "jsonl", "--output", results)
    assert done.returncode == 3, done.stderr
    return sellers, results


def test_csv_is_batch_csv_byte_for_byte(saved: tuple[Path, Path]) -> None:
    sellers, results = saved
    expected = run("batch", sellers, "--format", "csv").stdout
    rendered = run("render", results, "--format", "csv")
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout == expected
    assert b'"comma, ""quoted"""' in expected  # the data exercises the quoting
    from_stdin = run("render", "-", "--format", "csv", stdin=results.read_bytes())
    assert from_stdin.stdout == expected


def test_csv_of_grouped_results(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts.csv"
    accounts.write_text(
        "nip,account,main,business_account,quality,ratings.positive,ratings.negative,revenue.Kids\n"
        "7740001454,a,true,true,GOOD,100,0,5000000\n"
        "7740001454,b,true,true,GOOD,100,0,1\n"  # two main accounts: the NIP's error result
        "5260250274,c,true,true,GOOD,100,0,1\n",
        encoding="utf-8",
    )
    results = tmp_path / "results.jsonl"
    run("batch", accounts, "--group-by", "nip", "--format", "jsonl", "--output", results)
    expected = run("batch", accounts, "--group-by", "nip", "--format", "csv").stdout
    assert b"*******454" in expected
    assert run("render", results, "--format", "csv").stdout == expected


def test_table_is_batch_table(saved: tuple[Path, Path]) -> None:
    sellers, results = saved
    expected = run("batch", sellers, "--format", "table").stdout
    rendered = run("render", results)  # the default format
    assert rendered.returncode == 0
    assert rendered.stdout == expected
    assert b"plain" in expected


def test_table_headings_follow_lang(saved: tuple[Path, Path]) -> None:
    rendered = run("render", saved[1], "--format", "markdown", "--lang", "pl").stdout.decode()
    assert "Werdykt" in rendered or "werdykt" in rendered.lower()


def test_junit(saved: tuple[Path, Path]) -> None:
    done = run("render", saved[1], "--format", "junit")
    assert done.returncode == 0
    root = ET.fromstring(done.stdout)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == len(SELLERS)
    assert [c.get("name") for c in cases][:3] == ["plain", 'comma, "quoted"', "line\nbreak\r100%: a,b"]
    assert cases[5].get("name") == "record 6"  # no label: the record's position
    failing = cases[1].findall("failure")
    assert {f.get("type") for f in failing} == {"positive_ratings", "main_account_quality"}
    assert all(f.get("message") for f in failing)
    assert cases[2].find("skipped") is not None  # incomplete
    assert cases[3].find("failure") is None  # review: flagged, not failed
    assert "export_potential: flag" in (cases[3].findtext("system-out") or "")
    error = cases[4].find("error")
    assert error is not None
    assert (error.get("message") or "").startswith("quality: ")
    assert cases[8].get("name") == "ctl\ufffdchar"  # XML cannot hold U+0001
    assert (suite.get("tests"), suite.get("errors"), suite.get("skipped")) == ("9", "2", "1")
    assert suite.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
    assert root.get("tests") == "9"


def test_github_annotations(saved: tuple[Path, Path]) -> None:
    done = run("render", saved[1], "--format", "github")
    assert done.returncode == 0
    lines = done.stdout.decode().splitlines()
    assert all(line.startswith(("::error title=", "::warning title=")) for line in lines)
    assert "::error title=diamond%3A record 5::quality: " in "\n".join(lines)
    assert any(line.startswith("::warning title=diamond%3A flagged%3A export_potential::") for line in lines)
    escaped = [line for line in lines if "line%0Abreak%0D100%25%3A a%2Cb" in line]
    assert escaped
    assert all(line.startswith("::warning") for line in escaped)  # incomplete: unknown, not failed
    assert not any("plain" in line for line in lines)  # eligible: nothing to say


def test_github_escapes_as_the_toolkit() -> None:
    assert _escape_data("50%\r\nx: y, z") == "50%25%0D%0Ax: y, z"
    assert _escape_property("50%\r\nx: y, z") == "50%25%0D%0Ax%3A y%2C z"


def test_markdown(saved: tuple[Path, Path]) -> None:
    done = run("render", saved[1], "--format", "markdown")
    assert done.returncode == 0
    text = done.stdout.decode()
    assert text.startswith("### Diamond Partners: 9 result(s)")
    assert "| error | 2 |" in text
    assert "| eligible |" in text
    rows = [line for line in text.splitlines() if line.startswith("| 2 |")]
    assert rows == [rows[0]]
    assert 'comma, "quoted"' in rows[0]
    assert "line break 100%: a,b" in text  # no line break inside a row
    assert "brand \\| zone" in text
    seller_rows = [line for line in text.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(seller_rows) == len(SELLERS)
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 7 for line in seller_rows)  # 6 cells, `|` escaped


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json\n", "not a JSON result"),
        (b"[1, 2]\n", "expected an object"),
        (b'{"verdict": "maybe"}\n', "'verdict' is 'maybe'"),
        (b'{"verdict": "eligible", "line": 1, "record": 1}\n', "missing 'checks'"),
        (b'{"verdict": "error", "line": 1, "record": 1}\n', "without an 'error' text"),
    ],
)
def test_bad_line_is_one_error_line(tmp_path: Path, saved: tuple[Path, Path], content: bytes, problem: str) -> None:
    path = tmp_path / "results.jsonl"
    good = saved[1].read_bytes().splitlines(keepends=True)[0]
    path.write_bytes(good + b"\n" + content)
    for fmt in ("csv", "junit", "table", "github", "markdown"):
        done = run("render", path, "--format", fmt)
        assert done.returncode == 3, (fmt, done.stderr)
        err = done.stderr.decode()
        assert err.startswith(f"diamond: error: {path}:3: "), err
        assert problem in err
        assert err.count("\n") == 1
        assert "Traceback" not in err
        if fmt in ("junit", "markdown"):  # whole reports: nothing of a file that is not all results
            assert done.stdout == b""
        elif fmt == "csv":  # streamed, as batch on a break-off: the results before the bad line
            assert len(done.stdout.splitlines()) == 2


def test_usage_errors() -> None:
    done = run("render", "no-such-results.jsonl")
    assert done.returncode == 2
    assert done.stderr == b"diamond: error: no-such-results.jsonl: no such file\n"
    assert run("render", "x.jsonl", "--format", "pdf").returncode == 2


def test_a_saved_check_result_renders(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_bytes(run("check", "examples/seller.json", "--format", "json").stdout)
    done = run("render", path, "--format", "csv")
    assert done.returncode == 0
    assert done.stdout.splitlines()[1] == b"1,1,example,7740001454,eligible,Kids,company,,,,0,,,,"
