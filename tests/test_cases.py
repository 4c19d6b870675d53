"""`diamond thresholds test`: the cases runner, its file checks, and the shipped examples/cases.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from diamond_cli.cases import CasesError, parse_cases
from diamond_cli.cli import app
from diamond_cli.errors import InputError
from diamond_cli.models import ALL_RULES, DISCRETIONARY_RULES, Route, Status, TableRef, VerdictCode
from diamond_cli.pipeline import Engine
from diamond_cli.safe_yaml import dump
from diamond_cli.thresholds import load_table
from tests.tables import TWO_VERSIONS, table_text, version_text, write

ENV = {"COLUMNS": "120", "NO_COLOR": "1", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
SHIPPED_CASES = Path("examples/cases.yaml")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["thresholds", "test", *args], env=ENV, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_shipped_cases_pass_against_the_shipped_table() -> None:
    code, out, err = invoke(str(SHIPPED_CASES), "--as-of", "2026-11-23")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert all(line.startswith("PASS ") for line in lines[:-1])
    assert lines[-1] == f"{len(lines) - 1} of {len(lines) - 1} case(s) passed."


def test_shipped_cases_exercise_every_rule_status_route_and_verdict() -> None:
    table = load_table()
    cases = parse_cases(SHIPPED_CASES.read_text(encoding="utf-8"), str(SHIPPED_CASES))
    version = table.in_force(dt.date(2026, 11, 23))
    ref = TableRef(table.name, version.version, None, "test")
    seen: set[tuple[str, Status]] = set()
    routes: set[Route | None] = set()
    verdicts: set[VerdictCode] = set()
    errors = 0
    engine = Engine(version, ref)
    for case in cases:
        try:
            verdict = engine.verdict(case.record)
        except InputError:
            errors += 1
            continue
        seen.update((check.rule, check.status) for check in verdict.checks)
        routes.add(verdict.route)
        verdicts.add(verdict.verdict)
    # which statuses each rule can take (RULES.md): discretionary rules flag, never fail; a rule
    # decided by a boolean or a grade is never unknown
    never_unknown = {"business_account", "main_account_quality", "other_accounts_quality", "account_suspended"}
    wanted = {
        (rule, status)
        for rule in ALL_RULES
        for status in Status
        if (status is not Status.FLAG or rule in DISCRETIONARY_RULES)
        and (status is not Status.FAIL or rule not in DISCRETIONARY_RULES)
        and (status is not Status.UNKNOWN or rule not in never_unknown)
    }
    assert wanted - seen == set()
    assert routes == {*Route, None}
    assert verdicts == set(VerdictCode)
    assert errors >= 3


# ---------------------------------------------------------------- pass and fail output

FAILING = """\
base: {business_account: true, ratings: {positive: 100, negative: 0}, quality: GOOD,
       revenue: {Kids: 5000000}, monthly_revenue: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}
cases:
  - name: right
    record: {}
    expect: {verdict: eligible, route: company, main_category: Dziecko, checks: {revenue_threshold: pass}}
  - name: wrong verdict, route, category and status
    record: {revenue: {Kids: 3000000, Garden: 10}}
    expect: {verdict: eligible, route: company, main_category: Garden,
             checks: {revenue_threshold: pass, new_condition: unknown}}
  - name: error expected, verdict came
    record: {}
    expect: {error: nip}
  - name: verdict expected, error came
    record: {quality: GREAT}
    expect: {verdict: eligible}
  - name: another error came
    record: {quality: GREAT}
    expect: {error: nip}
  - name: expected error came
    record: {nip: "123"}
    expect: {error: "NIP HAS 10 DIGITS"}
"""


GREAT = (
    "quality: unknown grade 'GREAT'; expected one of UNACCEPTABLE, NEEDS_IMPROVEMENT, NEUTRAL, GOOD, SUPER, SUPER_PLUS"
)


def test_failing_cases_show_each_difference_and_exit_1(tmp_path: Path) -> None:
    code, out, err = invoke(str(write(tmp_path, FAILING, "cases.yaml")), "--as-of", "2026-11-23")
    assert (code, err) == (1, "")
    version = "(table version program-page-2026, as of 2026-11-23)"
    assert out.splitlines() == [
        "PASS right",
        f"FAIL wrong verdict, route, category and status {version}",
        "    verdict: expected eligible, got incomplete",
        "    route: expected company, got null",
        "    main category: expected Garden, got Kids",
        "    revenue_threshold: expected pass, got unknown (3,000,000 PLN; needed ≥ 2,250,000 PLN)",
        f"FAIL error expected, verdict came {version}",
        "    input error: expected an error containing 'nip', got verdict eligible",
        f"FAIL verdict expected, error came {version}",
        f"    verdict: expected eligible, got an input error: {GREAT}",
        f"FAIL another error came {version}",
        f"    input error: expected an error containing 'nip', got an input error: {GREAT}",
        "PASS expected error came",
        "2 of 6 case(s) passed.",
    ]


def test_failing_cases_in_polish(tmp_path: Path) -> None:
    code, out, _ = invoke(str(write(tmp_path, FAILING, "cases.yaml")), "--as-of", "2026-11-23", "--lang", "pl")
    assert code == 1
    assert "    werdykt: oczekiwano eligible, jest incomplete" in out.splitlines()
    assert out.splitlines()[-1] == "Zaliczone przypadki: 2 z 6."


def test_cases_follow_as_of_per_case_and_per_command(tmp_path: Path) -> None:
    """Kids' company threshold rises from 4,500,000 to 5,000,000 on 2027-01-01."""
    table = write(tmp_path, TWO_VERSIONS)
    cases = write(
        tmp_path,
        "base: {business_account: true, ratings: {positive: 1, negative: 0}, quality: GOOD,"
        " monthly_revenue: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], revenue: {Kids: 4600000}}\n"
        "cases:\n"
        "  - {name: day before, as_of: 2026-12-31, record: {}, expect: {verdict: eligible, route: company}}\n"
        "  - {name: day of, as_of: 2027-01-01, record: {}, expect: {verdict: incomplete, route: null}}\n"
        "  - {name: day after, as_of: 2027-01-02, record: {}, expect: {verdict: incomplete}}\n"
        "  - {name: command's day, record: {}, expect: {verdict: eligible}}\n",
        "cases.yaml",
    )
    code, out, _ = invoke(str(cases), "--thresholds", str(table), "--as-of", "2026-06-01")
    assert (code, out.splitlines()[-1]) == (0, "4 of 4 case(s) passed.")
    code, out, _ = invoke(str(cases), "--thresholds", str(table), "--as-of", "2027-06-01")
    assert code == 1
    assert "FAIL command's day (table version 2027, as of 2027-06-01)" in out


def test_a_case_on_a_day_without_a_version_fails_with_the_reason(tmp_path: Path) -> None:
    table = write(tmp_path, table_text(version_text("2027", "2027-01-01")))
    cases = write(
        tmp_path,
        "cases:\n  - {name: early, as_of: 2026-01-01, record: {}, expect: {verdict: eligible}}\n",
        "cases.yaml",
    )
    code, out, _ = invoke(str(cases), "--thresholds", str(table))
    assert code == 1
    assert out.splitlines()[:2] == [
        "FAIL early (table version -, as of 2026-01-01)",
        f"    {table}: no version is in force on 2026-01-01 (the first starts 2027-01-01)",
    ]


# ---------------------------------------------------------------- an invalid cases file: exit 3


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("cases: []\n", "1:1: cases: needs `cases:`, a non-empty list of cases"),
        ("base: {}\n", "1:1: needs `cases:`, a non-empty list of cases"),
        ("base: [1]\ncases: [{name: a, record: {}, expect: {verdict: eligible}}]\n", "1:1: base: must be a mapping"),
        ("cases: [{name: a, record: {}, expect: {verdict: eligible}}]\nbsae: {}\n", "2:1: bsae: unknown key; did you"),
        ("cases: [5]\n", "1:9: cases[0]: must be a mapping"),
        ("cases: [{record: {}, expect: {verdict: eligible}}]\n", "1:9: cases[0]: missing key 'name'"),
        (
            "cases: [{name: '', record: {}, expect: {verdict: eligible}}]\n",
            "1:10: cases[0].name: must be non-empty text",
        ),
        ("cases: [{name: a, record: [], expect: {verdict: eligible}}]\n", "1:19: cases[0].record: must be a mapping"),
        (
            "cases: [{name: a, as_of: soon, record: {}, expect: {verdict: eligible}}]\n",
            "1:19: cases[0].as_of: must be a date",
        ),
        ("cases: [{name: a, record: {}, expect: {}}]\n", "1:31: cases[0].expect: give exactly one of `verdict`"),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, error: x}}]\n",
            "1:31: cases[0].expect: give exactly one of `verdict`",
        ),
        (
            "cases: [{name: a, record: {}, expect: {error: ''}}]\n",
            "1:40: cases[0].expect.error: must be non-empty text",
        ),
        (
            "cases: [{name: a, record: {}, expect: {error: x, route: null}}]\n",
            "1:31: cases[0].expect: `route`, `main_category` and `checks` need a verdict",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligble}}]\n",
            "1:40: cases[0].expect.verdict: must be one of: eligible, review, not_eligible, incomplete",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, route: shop}}]\n",
            "1:59: cases[0].expect.route: must be one of: company, brand, conditional, null",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, main_category: 5}}]\n",
            "1:59: cases[0].expect.main_category: must be a category name",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, checks: {}}}]\n",
            "1:59: cases[0].expect.checks: must be a mapping of rule ids",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, checks: {ratings: pass}}}]\n",
            "1:68: cases[0].expect.checks.ratings: unknown rule; did you mean",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, checks: {business_account: ok}}}]\n",
            "1:68: cases[0].expect.checks.business_account: must be one of: pass, fail, unknown, flag",
        ),
        (
            "cases: [{name: a, record: {}, expect: {verdict: eligible, verdit: x}}]\n",
            "1:59: cases[0].expect.verdit: unknown key; did you mean 'verdict'?",
        ),
        (
            "cases:\n  - {name: a, record: {}, expect: {verdict: eligible}}\n"
            "  - {name: a, record: {}, expect: {verdict: eligible}}\n",
            "3:6: cases[1].name: case name 'a' is duplicated",
        ),
        (
            "cases: [{name: a, name: b, record: {}, expect: {verdict: eligible}}]\n",
            "1:19: duplicated key cases[0].name",
        ),
        ("cases: [\n", "2:1: "),
    ],
)
def test_invalid_cases_file_is_reported_with_positions(text: str, problem: str) -> None:
    with pytest.raises(CasesError) as caught:
        parse_cases(text, "c.yaml")
    assert any(p.startswith(f"c.yaml:{problem}") for p in caught.value.problems), caught.value.problems


def test_invalid_cases_file_exits_3_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "cases:\n  - {name: a, record: {}, expect: {verdict: eligble}}\n  - {nmae: b}\n", "c.yaml")
    code, out, err = invoke(str(path))
    assert (code, out) == (3, "")
    assert err.splitlines() == [
        f"diamond: error: {path}:2:36: cases[0].expect.verdict: must be one of:"
        " eligible, review, not_eligible, incomplete",
        f"diamond: error: {path}:3:6: cases[1].nmae: unknown key; did you mean 'name'?",
        f"diamond: error: {path}:3:5: cases[1]: missing key 'name'",
        f"diamond: error: {path}:3:5: cases[1]: missing key 'record'",
        f"diamond: error: {path}:3:5: cases[1]: missing key 'expect'",
    ]


def test_missing_cases_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke(str(tmp_path / "none.yaml"))
    assert code == 2
    assert err == f"diamond: error: {tmp_path / 'none.yaml'}: no such file\n"


def test_invalid_table_exits_3(tmp_path: Path) -> None:
    table = write(tmp_path, TWO_VERSIONS.replace("format: 1", "format: 9"))
    code, _, err = invoke(str(SHIPPED_CASES), "--thresholds", str(table))
    assert code == 3
    assert f"{table}:1:1: format: only format 1 is understood" in err


def test_cases_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"cases: \xff\n")
    code, _, err = invoke(str(path))
    assert code == 3
    assert err == f"diamond: error: {path}: not valid UTF-8 text (byte 8)\n"


# Any YAML a user might write: the reader answers with cases or CasesError, never anything else.
_KEYS = ["cases", "base", "name", "record", "expect", "verdict", "checks", "x"]
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.sampled_from(["eligible", "pass"])
)
_yaml_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(_KEYS), inner)),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_yaml_values)
def test_cases_reader_never_crashes(document: object) -> None:
    problems: list[str] = []
    try:
        parse_cases(dump(document), "c.yaml")
    except CasesError as exc:
        problems = exc.problems or ["(empty)"]
    assert all(p.startswith("c.yaml:") for p in problems)
