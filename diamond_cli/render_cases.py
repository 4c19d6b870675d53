"""What `diamond thresholds test` prints: the human report, JSON, and JUnit XML for CI.

All three are built from the same lines (`difference_lines`), so a CI log, a JSON consumer and a
maintainer at a terminal read the same differences. PASS and FAIL are the same in every
language, like verdict codes, so that scripts and CI logs can grep them.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

from rich.console import Console
from rich.text import Text

from diamond_cli.cases import CaseResult
from diamond_cli.messages import text
from diamond_cli.models import Check
from diamond_cli.render_human import figure_cells
from diamond_cli.render_results import xml_text

_STYLES = {"PASS": "bold green", "FAIL": "bold red"}
_DIFFERENCE_WORDS = ("verdict", "route", "main_category", "error")


def code(value: object) -> str:
    """A verdict, route or status as its code; no route is `null`, as in the JSON result."""
    return "null" if value is None else str(getattr(value, "value", value))


def figure(check: Check, lang: str) -> str:
    """The figure that decided a rule and what it needed, as the human view shows them."""
    actual, required = figure_cells(check, lang)
    return text("cases.figure", lang, actual=actual, required=required)


def header(result: CaseResult, lang: str) -> str:
    if result.passed:
        return f"PASS {result.case.name}"
    version, day = result.version or "-", result.day.isoformat()
    return "FAIL " + text("cases.failed", lang, name=result.case.name, version=version, day=day)


def difference_lines(result: CaseResult, lang: str) -> list[str]:
    """One line per difference; a rule's status difference names the figure that decided it, and
    a wrong verdict is followed by the rules behind the verdict that came."""
    lines = []
    for difference in result.differences:
        what, expected, actual = difference.what, difference.expected, difference.actual
        if what == "table":
            lines.append(str(actual))
            continue
        if what == "error":
            expected_text = text("cases.error_containing", lang, text=expected)
            actual_text = (
                text("cases.got_error", lang, error=actual)
                if actual is not None
                else text("cases.got_verdict", lang, verdict=code(result.verdict))
            )
        elif what == "verdict" and actual is None:
            expected_text, actual_text = code(expected), text("cases.got_error", lang, error=result.error)
        else:
            expected_text, actual_text = code(expected), code(actual)
        label = text(f"cases.what.{what}", lang) if what in _DIFFERENCE_WORDS else what
        line = text("cases.diff", lang, what=label, expected=expected_text, actual=actual_text)
        check = result.check(what) if what not in _DIFFERENCE_WORDS else None
        lines.append(f"{line} ({figure(check, lang)})" if check else line)
    for check in result.behind_verdict:
        lines.append(text("cases.behind", lang, rule=check.rule, status=code(check.status), figure=figure(check, lang)))
    return lines


def render_report(results: Sequence[CaseResult], console: Console, lang: str) -> None:
    """`PASS name`, or `FAIL name (...)` and one indented line per difference; PASS and FAIL in
    colour on a terminal (the console decides, honouring --color and NO_COLOR)."""
    for result in results:
        head = header(result, lang)
        word, rest = head[:4], head[4:]
        console.print(Text.assemble((word, _STYLES[word]), rest), soft_wrap=True)
        for line in difference_lines(result, lang):
            console.print(Text(f"    {line}"), soft_wrap=True)
    console.print(Text(summary(results, lang)), soft_wrap=True)


def summary(results: Sequence[CaseResult], lang: str) -> str:
    passed = sum(result.passed for result in results)
    return text("cases.summary", lang, passed=passed, total=len(results))


def cases_dict(source: str, results: Sequence[CaseResult], lang: str) -> dict[str, object]:
    """`--format json`: every case with its outcome and differences (codes as in the result JSON;
    `message`: the line the human report prints)."""
    cases = []
    for result in results:
        differences: list[dict[str, object]] = []
        for difference, line in zip(result.differences, difference_lines(result, lang), strict=False):
            entry: dict[str, object] = {
                "what": difference.what,
                "expected": _json_value(difference.expected),
                "actual": _json_value(difference.actual),
                "message": line,
            }
            check = result.check(difference.what)
            if check is not None:
                actual, required = figure_cells(check, lang)
                entry["figure"] = {"actual": actual, "required": required}
            differences.append(entry)
        behind = []
        for check in result.behind_verdict:
            actual, required = figure_cells(check, lang)
            behind.append(
                {
                    "rule": check.rule,
                    "status": check.status.value,
                    "figure": {"actual": actual, "required": required},
                    "message": check.message,
                }
            )
        cases.append(
            {
                "name": result.case.name,
                "passed": result.passed,
                "version": result.version,
                "as_of": result.day.isoformat(),
                "verdict": code(result.verdict) if result.verdict else None,
                "error": result.error,
                "differences": differences,
                "behind_verdict": behind,
            }
        )
    passed = sum(result.passed for result in results)
    return {
        "cases_file": source,
        "passed": passed,
        "failed": len(results) - passed,
        "total": len(results),
        "cases": cases,
    }


def _json_value(value: object) -> object:
    """Codes for verdicts, routes and statuses; null stays null (no route, or no verdict came)."""
    return None if value is None else code(value)


def junit_xml(source: str, results: Sequence[CaseResult], lang: str) -> str:
    """JUnit XML as CI systems (GitLab, Jenkins, GitHub test reporters) read it: one `testcase` a
    case, a `failure` whose message is the first difference and whose text holds them all."""
    failures = sum(not result.passed for result in results)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": "0", "skipped": "0"}
    root = ElementTree.Element("testsuites", {"name": "diamond thresholds test", **counts})
    suite = ElementTree.SubElement(root, "testsuite", {"name": xml_text(source), **counts})
    for result in results:
        case = ElementTree.SubElement(
            suite, "testcase", {"classname": xml_text(source), "name": xml_text(result.case.name)}
        )
        if result.passed:
            continue
        lines = difference_lines(result, lang)
        failure = ElementTree.SubElement(
            case, "failure", {"message": xml_text(lines[0] if lines else header(result, lang)), "type": "mismatch"}
        )
        failure.text = xml_text("\n".join([header(result, lang), *lines]) + "\n")
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
