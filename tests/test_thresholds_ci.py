"""The table maintainer's commands as CI and a terminal see them, through the installed `diamond`:
`thresholds test --format json|junit`, PASS/FAIL in colour, the rules behind a wrong verdict,
`thresholds validate --format github`, and a cases file and a table given in each other's place."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from diamond_cli.render_thresholds import github_annotations
from tests.tables import TWO_VERSIONS, write
from tests.test_subprocess import COLOUR_SGR, ROOT, run, run_in_terminal

# Kids' company threshold rises from 4,500,000 to 5,000,000 on 2027-01-01 (TWO_VERSIONS).
CASES = """\
base: {business_account: true, ratings: {positive: 100, negative: 0}, quality: GOOD,
       revenue: {Kids: 4600000}, monthly_revenue: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
cases:
  - name: above the company threshold
    record: {}
    expect: {verdict: eligible, route: company, checks: {revenue_threshold: pass}}
  - name: ratings below 99% <&>
    record: {ratings: {positive: 98, negative: 2}}
    expect: {verdict: eligible}
  - name: flagged
    record: {transaction_problems_pct: 5}
    expect: {verdict: review}
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, TWO_VERSIONS), write(tmp_path, CASES, "cases.yaml")


def test_failing_case_names_the_rules_and_figures_that_differ(files: tuple[Path, Path]) -> None:
    table, cases = files
    result = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2027-01-01")
    assert (result.returncode, result.stderr) == (1, b"")
    version = "(table version 2027, as of 2027-01-01)"
    assert result.stdout.decode().splitlines() == [
        f"FAIL above the company threshold {version}",
        "    verdict: expected eligible, got incomplete",
        "    route: expected company, got null",
        "    revenue_threshold: expected pass, got unknown (4,600,000 PLN; needed ≥ 2,250,000 PLN)",
        f"FAIL ratings below 99% <&> {version}",
        "    verdict: expected eligible, got not_eligible",
        "    behind the verdict: positive_ratings fail (98.00%; needed ≥ 99%)",
        f"FAIL flagged {version}",
        "    verdict: expected review, got incomplete",
        "    behind the verdict: revenue_threshold unknown (4,600,000 PLN; needed ≥ 2,250,000 PLN)",
        "0 of 3 case(s) passed.",
    ]


def test_behind_the_verdict_in_polish(files: tuple[Path, Path]) -> None:
    table, cases = files
    result = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2026-06-01", "--lang", "pl")
    assert result.returncode == 1
    assert "    o werdykcie zdecydowało: positive_ratings fail (98,00%; wymagane ≥ 99%)" in result.stdout.decode()


def test_json_report(files: tuple[Path, Path]) -> None:
    table, cases = files
    result = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2026-06-01", "--format", "json")
    assert (result.returncode, result.stderr) == (1, b"")
    data = json.loads(result.stdout)
    assert (data["passed"], data["failed"], data["total"]) == (2, 1, 3)
    assert [case["passed"] for case in data["cases"]] == [True, False, True]
    failed = data["cases"][1]
    assert (failed["version"], failed["as_of"], failed["verdict"]) == ("2026", "2026-06-01", "not_eligible")
    assert failed["differences"] == [
        {
            "what": "verdict",
            "expected": "eligible",
            "actual": "not_eligible",
            "message": "verdict: expected eligible, got not_eligible",
        }
    ]
    [behind] = failed["behind_verdict"]
    assert (behind["rule"], behind["status"], behind["figure"]) == (
        "positive_ratings",
        "fail",
        {"actual": "98.00%", "required": "≥ 99%"},
    )
    assert "98" in behind["message"]


def test_json_report_keeps_null_routes_null(files: tuple[Path, Path]) -> None:
    table, cases = files
    result = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2027-01-01", "--format", "json")
    route = next(d for d in json.loads(result.stdout)["cases"][0]["differences"] if d["what"] == "route")
    assert (route["expected"], route["actual"]) == ("company", None)
    status = next(d for d in json.loads(result.stdout)["cases"][0]["differences"] if d["what"] == "revenue_threshold")
    assert status["figure"] == {"actual": "4,600,000 PLN", "required": "≥ 2,250,000 PLN"}


def test_junit_report_is_one_testcase_a_case(files: tuple[Path, Path]) -> None:
    table, cases = files
    result = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2026-06-01", "--format", "junit")
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "0")
    [suite] = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    testcases = suite.findall("testcase")
    assert [case.get("name") for case in testcases] == [
        "above the company threshold",
        "ratings below 99% <&>",
        "flagged",
    ]
    assert {case.get("classname") for case in testcases} == {str(cases)}
    assert [case.find("failure") is not None for case in testcases] == [False, True, False]
    failure = testcases[1].find("failure")
    assert failure is not None
    assert failure.get("message") == "verdict: expected eligible, got not_eligible"
    assert failure.text is not None
    assert failure.text.splitlines() == [
        "FAIL ratings below 99% <&> (table version 2026, as of 2026-06-01)",
        "verdict: expected eligible, got not_eligible",
        "behind the verdict: positive_ratings fail (98.00%; needed ≥ 99%)",
    ]


def test_junit_passing_run_exits_0() -> None:
    result = run("thresholds", "test", ROOT / "examples" / "cases.yaml", "--as-of", "2026-11-23", "--format", "junit")
    assert result.returncode == 0
    root = ElementTree.fromstring(result.stdout)
    assert root.get("failures") == "0"
    assert int(root.get("tests") or 0) == len(root.findall("testsuite/testcase")) > 10


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, True),
        ((), {"NO_COLOR": "1"}, False),
        (("--color", "never"), {}, False),
    ],
)
def test_pass_and_fail_in_colour_on_a_terminal(
    files: tuple[Path, Path], args: tuple[str, ...], env: dict[str, str], coloured: bool
) -> None:
    table, cases = files
    out = run_in_terminal("thresholds", "test", cases, "--thresholds", table, "--as-of", "2026-06-01", *args, **env)
    assert bool(COLOUR_SGR.search(out)) is coloured
    plain = COLOUR_SGR.sub("", out).replace("\x1b[0m", "").replace("\x1b[1m", "")
    assert "PASS above the company threshold" in plain
    assert "FAIL ratings below 99% <&>" in plain


def test_colour_always_even_through_a_pipe(files: tuple[Path, Path]) -> None:
    table, cases = files
    result = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2026-06-01", "--color", "always")
    assert COLOUR_SGR.search(result.stdout.decode())
    piped = run("thresholds", "test", cases, "--thresholds", table, "--as-of", "2026-06-01")
    assert b"\x1b[" not in piped.stdout


# ---------------------------------------------------------------- a file in the other's place


def test_a_cases_file_given_as_the_table_is_said_so_in_one_line(files: tuple[Path, Path]) -> None:
    _, cases = files
    message = (
        f"{cases}: this is a cases file (it has `cases:`), not a thresholds table;"
        " run it with `diamond thresholds test CASES.yaml`"
    )
    validate = run("thresholds", "validate", cases)
    assert (validate.returncode, validate.stdout.decode()) == (3, f"{message}\n")
    for args in (("thresholds", "test", cases, "--thresholds", cases), ("check", "examples/seller.json")):
        result = run(*args, "--thresholds", cases) if args[0] == "check" else run(*args)
        assert (result.returncode, result.stderr.decode()) == (3, f"diamond: error: {message}\n")


def test_a_table_given_as_the_cases_file_is_said_so_in_one_line(files: tuple[Path, Path]) -> None:
    table, _ = files
    result = run("thresholds", "test", table, "--thresholds", table)
    assert (result.returncode, result.stdout) == (3, b"")
    assert result.stderr.decode() == (
        f"diamond: error: {table}: this is a thresholds table (it has `versions:`), not a cases file;"
        " give it with --thresholds and a cases file as CASES.yaml\n"
    )


# ---------------------------------------------------------------- validate --format github


@pytest.mark.parametrize(
    ("source", "located", "expected"),
    [
        ("t.yaml", [(3, 5, "a: b")], "::error file=t.yaml,line=3,col=5::a: b\n"),
        ("t.yaml", [(None, None, "cannot read")], "::error file=t.yaml::cannot read\n"),
        ("t.yaml", [(7, None, "x")], "::error file=t.yaml,line=7::x\n"),
        # Data: %, CR and LF; properties also : and ,.
        (
            "t.yaml",
            [(1, 1, "100% sure\r\nnext: a,b")],
            "::error file=t.yaml,line=1,col=1::100%25 sure%0D%0Anext: a,b\n",
        ),
        ("c:/a,b%\n.yaml", [(1, 2, "m")], "::error file=c%3A/a%2Cb%25%0A.yaml,line=1,col=2::m\n"),
    ],
)
def test_github_annotations_escape_as_the_runner_reads_them(
    source: str, located: list[tuple[int | None, int | None, str]], expected: str
) -> None:
    assert github_annotations(source, located) == expected


def test_validate_github_format_through_the_command(tmp_path: Path) -> None:
    bad = write(tmp_path, TWO_VERSIONS.replace("brand: 590000", "brand: -5", 1).replace("format: 1", "format: 2"))
    good = write(tmp_path, TWO_VERSIONS, "good.yaml")
    result = run("thresholds", "validate", good, bad, "--format", "github")
    assert result.returncode == 3
    assert result.stdout.decode().splitlines() == [
        f"{good}: valid; 2 version(s): 2026 (start date not published: in force until a newer version)"
        " and 2027 (in force from 2027-01-01).",
        f"::error file={bad},line=1,col=1::format: only format 1 is understood",
        f"::error file={bad},line=25,col=54::versions[0].categories.Kids.brand: must not be negative, not -5",
    ]
    assert result.stderr.decode() == f"{bad}: 2 problem(s) found.\n"


def test_validate_github_format_of_a_yaml_syntax_error(tmp_path: Path) -> None:
    bad = write(tmp_path, "format: [\n")
    result = run("thresholds", "validate", bad, "--format", "github")
    assert result.returncode == 3
    assert result.stdout.decode() == f"::error file={bad},line=2,col=1::did not find expected node content\n"
