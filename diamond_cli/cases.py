"""Self-tests for a thresholds table: seller records and the verdict each must get.

A maintainer who edits the table proves the edit with a cases file before a nightly job uses it:

    base: {business_account: true, quality: GOOD, ...}   # optional; every case's record is laid over it
    cases:
      - name: inclusive company threshold
        record: {revenue: {Kids: 4500000}}                # null for a field removes it from the base
        as_of: 2027-01-01                                 # optional; else the command's --as-of
        expect: {verdict: eligible, route: company, main_category: Kids, checks: {revenue_threshold: pass}}
      - name: bad NIP
        record: {nip: "7740001455"}
        expect: {error: nip}                              # an input error whose message contains this

The file is checked like the table (every problem with file:line:column); running it yields one
result per case with the differences found, for the CLI to print. No I/O and no printing here.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from diamond_cli import safe_yaml
from diamond_cli.errors import DiamondError, InputError, ThresholdsError
from diamond_cli.models import ALL_RULES, DISCRETIONARY_RULES, Check, Route, Status, TableRef, VerdictCode
from diamond_cli.thresholds import Table

_TOP_KEYS = ("base", "cases")
_CASE_KEYS = ("name", "record", "as_of", "expect")
_EXPECT_KEYS = ("verdict", "route", "main_category", "checks", "error")
_NOT_GIVEN = object()


class CasesError(DiamondError):
    """The cases file itself is invalid (exit 3); each problem has its file:line:column."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(problems[0] if len(problems) == 1 else f"{source}: {len(problems)} problems")


@dataclass(frozen=True)
class Case:
    name: str
    record: dict[str, object]
    as_of: dt.date | None
    verdict: VerdictCode | None = None
    error: str | None = None
    route: object = _NOT_GIVEN  # a Route, None (no route), or _NOT_GIVEN (not checked)
    main_category: str | None = None  # any name or alias of the category; None: not checked
    checks: dict[str, Status] = field(default_factory=dict)

    @property
    def route_expected(self) -> bool:
        return self.route is not _NOT_GIVEN


@dataclass(frozen=True, slots=True)
class Difference:
    """One way a case's outcome differs, for the CLI to word.

    `what` is "verdict" (actual None: the record raised an input error instead), "route" (None:
    no route), "main_category" (canonical names), a rule id (statuses), "error" (expected: the
    text wanted in an input error; actual: the error message, or None when a verdict came
    instead) or "table" (no version in force on the case's day; actual: why).
    """

    what: str
    expected: object
    actual: object


@dataclass(frozen=True)
class CaseResult:
    case: Case
    day: dt.date
    version: str | None
    differences: tuple[Difference, ...]
    error: str | None = None  # the input error the record raised, if any
    verdict: VerdictCode | None = None
    checks: tuple[Check, ...] = ()  # every rule's outcome, when a verdict came

    @property
    def passed(self) -> bool:
        return not self.differences

    def check(self, rule: str) -> Check | None:
        return next((check for check in self.checks if check.rule == rule), None)

    @property
    def behind_verdict(self) -> tuple[Check, ...]:
        """When the verdict is not the expected one: the rules that made the verdict it got (the
        failed required rules, else the unknown ones, else the flags), so a maintainer sees which
        rule and figure a threshold change moved; rules the case already expects are left out,
        their status difference says it."""
        if self.verdict is None or not any(d.what == "verdict" for d in self.differences):
            return ()
        wanted = {
            VerdictCode.NOT_ELIGIBLE: (Status.FAIL, False),
            VerdictCode.INCOMPLETE: (Status.UNKNOWN, False),
            VerdictCode.REVIEW: (Status.FLAG, True),
        }.get(self.verdict)
        if wanted is None:
            return ()
        status, discretionary = wanted
        return tuple(
            check
            for check in self.checks
            if check.status is status
            and (check.rule in DISCRETIONARY_RULES) == discretionary
            and check.rule not in self.case.checks
        )


# ---------------------------------------------------------------- reading


def parse_cases(text: str, source: str) -> list[Case]:
    """Every case of a cases file; raises CasesError listing every problem in it."""
    duplicates: list[safe_yaml.YamlError] = []
    try:
        document, positions = safe_yaml.load(text, duplicates)
    except safe_yaml.YamlError as exc:
        where = f"{exc.line}:{exc.column}:" if exc.line is not None else ""
        raise CasesError(source, [f"{source}:{where} {exc.message}"]) from None
    if isinstance(document, dict) and "versions" in document and "cases" not in document:
        # One line saying so, instead of a list of every key a cases file lacks.
        raise CasesError(
            source,
            [
                f"{source}: this is a thresholds table (it has `versions:`), not a cases file;"
                " give it with --thresholds and a cases file as CASES.yaml"
            ],
        )
    reader = _Reader(source, positions)
    for duplicate in duplicates:
        reader.problems.append(f"{source}:{duplicate.line}:{duplicate.column}: {duplicate.message}")
    cases = reader.document(document)
    if reader.problems:
        raise CasesError(source, reader.problems)
    return cases


class _Reader:
    def __init__(self, source: str, positions: dict[safe_yaml.Path, safe_yaml.Position]) -> None:
        self.source = source
        self.positions = positions
        self.problems: list[str] = []

    def problem(self, path: safe_yaml.Path, message: str) -> None:
        position = safe_yaml.locate(self.positions, path)
        self.problems.append(safe_yaml.problem_text(self.source, position, path, message))

    def mapping(self, value: object, path: safe_yaml.Path, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, "must be a mapping")
            return None
        for key in value:
            if key not in allowed:
                self.unknown((*path, key), key, allowed)
        return value

    def unknown(self, path: safe_yaml.Path, key: str, allowed: tuple[str, ...], what: str = "key") -> None:
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(allowed)}"
        self.problem(path, f"unknown {what}{hint}")

    def document(self, document: object) -> list[Case]:
        top = self.mapping(document, (), _TOP_KEYS)
        if top is None:
            return []
        base = top.get("base", {})
        if not isinstance(base, dict):
            self.problem(("base",), "must be a mapping (a seller record every case starts from)")
            base = {}
        raw_cases = top.get("cases")
        if not isinstance(raw_cases, list) or not raw_cases:
            self.problem(("cases",) if "cases" in top else (), "needs `cases:`, a non-empty list of cases")
            return []
        cases = [self.case(raw, ("cases", i), base) for i, raw in enumerate(raw_cases)]
        names: set[str] = set()
        for index, case in enumerate(cases):
            if case is not None and case.name in names:
                self.problem(("cases", index, "name"), f"case name {case.name!r} is duplicated")
            if case is not None:
                names.add(case.name)
        return [case for case in cases if case is not None]

    def case(self, raw: object, path: safe_yaml.Path, base: dict[str, object]) -> Case | None:
        body = self.mapping(raw, path, _CASE_KEYS)
        if body is None:
            return None
        before = len(self.problems)
        for key in ("name", "record", "expect"):
            if key not in body:
                self.problem(path, f"missing key {key!r}")
        name = body.get("name")
        if "name" in body and not (isinstance(name, str) and name.strip()):
            self.problem((*path, "name"), "must be non-empty text")
        changes = body.get("record", {})
        if not isinstance(changes, dict):
            self.problem((*path, "record"), "must be a mapping (a seller record, laid over `base`)")
            changes = {}
        as_of = body.get("as_of")
        if isinstance(as_of, dt.datetime) or not (as_of is None or isinstance(as_of, dt.date)):
            self.problem((*path, "as_of"), "must be a date (YYYY-MM-DD)")
        expect = self.expect(body.get("expect"), (*path, "expect")) if "expect" in body else None
        if len(self.problems) > before or expect is None:
            return None
        record = {**base, **changes}
        assert isinstance(name, str)
        assert as_of is None or isinstance(as_of, dt.date)
        return Case(name=name, record=record, as_of=as_of, **expect)

    def expect(self, raw: object, path: safe_yaml.Path) -> dict[str, Any] | None:
        body = self.mapping(raw, path, _EXPECT_KEYS)
        if body is None:
            return None
        result: dict[str, Any] = {}
        if ("verdict" in body) == ("error" in body):
            self.problem(path, "give exactly one of `verdict` (a verdict code) or `error` (text of an input error)")
        if "verdict" in body:
            result["verdict"] = self.choice(body["verdict"], (*path, "verdict"), VerdictCode)
        if "error" in body:
            if isinstance(body["error"], str) and body["error"].strip():
                result["error"] = body["error"]
            else:
                self.problem((*path, "error"), "must be non-empty text that the error message contains")
            if any(key in body for key in ("route", "main_category", "checks")):
                self.problem(path, "`route`, `main_category` and `checks` need a verdict, not an error")
        if "route" in body:
            result["route"] = None if body["route"] is None else self.choice(body["route"], (*path, "route"), Route)
        if "main_category" in body:
            if isinstance(body["main_category"], str) and body["main_category"].strip():
                result["main_category"] = body["main_category"]
            else:
                self.problem((*path, "main_category"), "must be a category name")
        if "checks" in body:
            checks = body["checks"]
            if not isinstance(checks, dict) or not checks:
                self.problem((*path, "checks"), "must be a mapping of rule ids to statuses")
            else:
                result["checks"] = {}
                for rule, status in checks.items():
                    if rule not in ALL_RULES:
                        self.unknown((*path, "checks", rule), rule, ALL_RULES, "rule")
                        continue
                    result["checks"][rule] = self.choice(status, (*path, "checks", rule), Status)
        return result

    def choice(self, raw: object, path: safe_yaml.Path, kind: type[VerdictCode] | type[Route] | type[Status]) -> Any:
        values = [member.value for member in kind]
        if isinstance(raw, str) and raw in values:
            return kind(raw)
        self.problem(path, f"must be one of: {', '.join(values)}" + (", null" if kind is Route else ""))
        return None


# ---------------------------------------------------------------- running


def run_case(case: Case, table: Table, default_day: dt.date) -> CaseResult:
    """Evaluate one case against the version of `table` in force on its day; never raises for bad data."""
    day = case.as_of or default_day
    try:
        version = table.in_force(day)
    except ThresholdsError as exc:
        return CaseResult(case, day, None, (Difference("table", None, str(exc)),))
    ref = TableRef(
        table.name,
        version.version,
        version.effective_from.isoformat() if version.effective_from else None,
        table.source,
    )
    from diamond_cli.pipeline import Engine

    try:
        verdict = Engine(version, ref).verdict(case.record)
    except InputError as exc:
        message = str(exc)
        found: list[Difference] = []
        if case.error is None:
            found.append(Difference("verdict", case.verdict, None))
        elif case.error.casefold() not in message.casefold():
            found.append(Difference("error", case.error, message))
        return CaseResult(case, day, version.version, tuple(found), error=message)
    differences: list[Difference] = []
    if case.error is not None:
        differences.append(Difference("error", case.error, None))
    elif verdict.verdict is not case.verdict:
        differences.append(Difference("verdict", case.verdict, verdict.verdict))
    if case.route_expected and verdict.route != case.route:
        differences.append(Difference("route", case.route, verdict.route))
    if case.main_category is not None:
        expected = version.canonical_category(case.main_category) or case.main_category
        if verdict.main_category != expected:
            differences.append(Difference("main_category", expected, verdict.main_category))
    for rule, status in case.checks.items():
        actual = verdict.check(rule).status
        if actual is not status:
            differences.append(Difference(rule, status, actual))
    return CaseResult(case, day, version.version, tuple(differences), verdict=verdict.verdict, checks=verdict.checks)


def run_cases(cases: list[Case], table: Table, default_day: dt.date) -> list[CaseResult]:
    return [run_case(case, table, default_day) for case in cases]
