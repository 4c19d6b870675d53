"""Batch results as views and reports: every renderer of results, in one place.

`batch --format table` prints its chunks through `TableWriter`; `diamond render` turns saved
results (the JSON Lines `batch --format jsonl` writes) back into the same table, the same CSV,
or a CI report (JUnit XML, GitHub workflow commands, Markdown), without running the rules again.
A result's CSV row is derived from the core's column list (`_core.csv_header`, the one
definition) and holds what the core's CSV encoder writes: a test compares them byte for byte.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from diamond_cli.errors import InputError
from diamond_cli.messages import text
from diamond_cli.sink import signals_held

VERDICTS = ("eligible", "review", "not_eligible", "incomplete", "error")
STATUSES = ("pass", "fail", "unknown", "flag")
# The check whose sentence is a row's main shortfall: the first failure, else unknown, else flag
# (as the core's CSV encoder picks it).
SHORTFALL_ORDER = ("fail", "unknown", "flag")
Result = dict[str, Any]


# ---------------------------------------------------------------- reading saved results


def read_results(stream: IO[bytes], name: str) -> Iterator[Result]:
    """The results of a JSON Lines file, in order (blank lines skipped). A line that is not a
    result is an InputError naming `name:line` (results before it have been given)."""
    from diamond_cli.pipeline import parse_json

    position = 0
    for number, raw in enumerate(stream, start=1):
        line = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
        if not line.strip():
            continue
        position += 1
        try:
            value = parse_json(line)
        except InputError as exc:
            raise InputError(f"{name}:{number}", f"not a JSON result: {exc}") from None
        problem = _not_a_result(value)
        if problem is not None:
            raise InputError(f"{name}:{number}", f"not a result of diamond batch: {problem}")
        assert isinstance(value, dict)
        value.setdefault("line", number)  # a saved `check --format json` result has no place
        value.setdefault("record", position)
        yield value


def _not_a_result(value: object) -> str | None:
    """What keeps `value` from being a result object (CONTRACT.md), or None."""
    if not isinstance(value, dict):
        return "expected an object"
    for key in ("line", "record"):
        if key in value and (not isinstance(value[key], int) or isinstance(value[key], bool)):
            return f"{key!r} is not a number"
    verdict = value.get("verdict")
    if verdict not in VERDICTS:
        return f"'verdict' is {verdict!r}, not one of {', '.join(VERDICTS)}"
    if verdict == "error":
        return None if isinstance(value.get("error"), str) else "an error result without an 'error' text"
    checks = value.get("checks")
    if not isinstance(checks, list) or not checks:
        return "missing 'checks'"
    for i, check in enumerate(checks):
        if not isinstance(check, dict):
            return f"checks[{i}] is not an object"
        for key in ("rule", "status", "message"):
            if not isinstance(check.get(key), str):
                return f"checks[{i}].{key} is missing or not text"
        if check["status"] not in STATUSES:
            return f"checks[{i}].status is {check['status']!r}"
    for key in ("seller", "nip", "main_category", "route"):
        if value.get(key) is not None and not isinstance(value[key], (str, int)):
            return f"{key!r} is not text"
    return None


# ---------------------------------------------------------------- one result's facts


def _text(value: object) -> str:
    return "" if value is None else str(value)


def failing(result: Result) -> list[Result]:
    return [c for c in result.get("checks", ()) if c["status"] == "fail"]


def main_shortfall(result: Result) -> str:
    checks = result.get("checks", ())
    for status in SHORTFALL_ORDER:
        for check in checks:
            if check["status"] == status:
                return str(check["message"])
    return ""


def label(result: Result) -> str:
    """How reports name a seller: its label, else its record's position."""
    seller = result.get("seller")
    return f"record {result['record']}" if seller in (None, "") else str(seller)


def _figure(result: Result, rule: str, path: list[str], pln: bool) -> str:
    """A sortable figure's cell, as the core's CSV writes it: the JSON's digits (amounts in PLN
    with two decimals at least), with the decimal point the dialect's encoder turns to a comma."""
    checks = {c["rule"]: c for c in result.get("checks", ())}
    value: Any = checks.get(rule, {}).get("to_pass", {})
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None or isinstance(value, bool | dict | list):
        return ""
    shown = str(value) if isinstance(value, int) else format(value, "f")
    if pln:
        whole, _, fraction = shown.partition(".")
        shown = f"{whole}.{fraction.rstrip('0').ljust(2, '0')}"
    return shown


def _cells() -> dict[str, Callable[[Result], str]]:
    """Each CSV column's cell of a result; the figures' definitions come from the core."""
    from diamond_cli import _core

    cells: dict[str, Callable[[Result], str]] = {
        "line": lambda r: _text(r["line"]),
        "record": lambda r: _text(r["record"]),
        "seller": lambda r: _text(r.get("seller")),
        "nip": lambda r: _text(r.get("nip")),
        "verdict": lambda r: str(r["verdict"]),
        "main_category": lambda r: _text(r.get("main_category")),
        "route": lambda r: _text(r.get("route")),
        "failing_rules": lambda r: ";".join(c["rule"] for c in failing(r)),
        "main_shortfall": main_shortfall,
        "error": lambda r: _text(r.get("error")),
        "failing_rules_count": lambda r: "" if r["verdict"] == "error" else str(len(failing(r))),
        "accounts": lambda r: ";".join(r["accounts"]) if "accounts" in r else "",
    }
    for name, rule, path, pln in _core.figure_columns():
        cells[name] = _figure_cell(rule, path, pln)
    return cells


def _figure_cell(rule: str, path: list[str], pln: bool) -> Callable[[Result], str]:
    return lambda result: _figure(result, rule, path, pln)


def csv_columns() -> list[str]:
    """The columns of `batch --format csv`, as the core defines them."""
    from diamond_cli import _core

    return _core.csv_header().decode("utf-8").strip().split(",")


def csv_start(dialect: str) -> bytes:
    """What a CSV of results starts with: Polish Excel's UTF-8 BOM for `excel-pl`, the header."""
    from diamond_cli import _core

    bom = b"\xef\xbb\xbf" if dialect == "excel-pl" else b""
    return bom + _core.csv_header(dialect)


def csv_row(result: Result, columns: list[str], cells: dict[str, Callable[[Result], str]]) -> list[str]:
    """A result's row of `batch --format csv`: the same cells the core's encoder writes."""
    return [cells[column](result) for column in columns]


def write_csv(results: Iterable[Result], out: Callable[[bytes], None], dialect: str = "excel") -> None:
    """`batch --format csv`'s output (header, CRLF rows, minimal quoting as the core quotes)."""
    from diamond_cli import _core

    columns = csv_columns()
    cells = _cells()
    figures = {name for name, *_ in _core.figure_columns()}
    polish = dialect == "excel-pl"
    out(csv_start(dialect))
    for chunk in _chunks(results):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";" if polish else ",")
        for result in chunk:
            row = csv_row(result, columns, cells)
            if polish:
                row = [
                    cell.replace(".", ",") if column in figures else cell
                    for column, cell in zip(columns, row, strict=True)
                ]
            writer.writerow(row)
        out(buffer.getvalue().encode("utf-8"))


def _chunks(results: Iterable[Result], size: int = 1000) -> Iterator[list[Result]]:
    """Results a chunk at a time; a bad line's error comes after the results before it."""
    chunk: list[Result] = []
    found = iter(results)
    while True:
        try:
            result = next(found)
        except StopIteration:
            break
        except InputError:
            if chunk:
                yield chunk
            raise
        chunk.append(result)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------- the table view


class TableWriter:
    """The Rich view of results for people (`batch --format table`): printed a chunk at a time,
    so it streams like the machine formats. Rows are CSV rows of `batch --format csv`."""

    def __init__(self, lang: str) -> None:
        from diamond_cli.render_human import make_console

        self.console = make_console("auto")
        self.lang = lang
        self.first = True
        self.columns = csv_columns()

    def print(self, rows: list[tuple[Any, ...]] | list[list[str]]) -> None:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        lang = self.lang
        table = Table(box=box.SIMPLE_HEAD, show_header=self.first, pad_edge=False)
        # On a narrow terminal the columns before the reason shrink together (to 60% of the
        # width at most), so an error's reason, or the main shortfall, stays readable in its row.
        columns = (
            (text("label.seller", lang), 18),
            ("NIP", 10),
            (text("batch.col.verdict", lang), 12),
            (text("label.main_category", lang), 14),
            (text("batch.col.failing", lang), 22),
        )
        share = min(1.0, self.console.width * 0.6 / sum(width + 2 for _, width in columns))
        table.add_column(text("batch.col.line", lang), justify="right", no_wrap=True)
        for name, width in columns:
            table.add_column(name, max_width=max(3, int(width * share)), overflow="fold")
        table.add_column(text("batch.col.shortfall", lang), ratio=1, overflow="fold")
        styles = {"eligible": "green", "review": "yellow", "not_eligible": "red", "incomplete": "cyan"}
        at = {column: place for place, column in enumerate(self.columns)}
        for row in rows:
            cell = {column: row[place] for column, place in at.items()}
            verdict = cell["verdict"]
            table.add_row(
                str(cell["line"]),
                cell["seller"] or "",
                cell["nip"] or "",
                Text(verdict, style=styles.get(verdict, "bold red")),
                cell["main_category"] or "",
                cell["failing_rules"].replace(";", ", "),
                cell["error"] or cell["main_shortfall"] or "",
            )
        self.first = False
        with signals_held():
            self.console.print(table)


def print_table(results: Iterable[Result], lang: str) -> None:
    columns = csv_columns()
    cells = _cells()
    writer = TableWriter(lang)
    for chunk in _chunks(results):
        writer.print([csv_row(result, columns, cells) for result in chunk])


# ---------------------------------------------------------------- GitHub workflow commands


def _escape_data(value: str) -> str:
    """A workflow command's message, as GitHub's toolkit escapes it (`%`, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """A workflow command's property value: the message's escapes, and `:` and `,`."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_lines(result: Result) -> Iterator[str]:
    """`::error` for an error result and each failing rule, `::warning` for each unknown or
    flagged one: annotations on a GitHub Actions run."""
    who = label(result)
    if result["verdict"] == "error":
        yield _command("error", f"diamond: {who}", str(result["error"]))
        return
    for check in result["checks"]:
        level = {"fail": "error", "unknown": "warning", "flag": "warning"}.get(check["status"])
        if level is not None:
            yield _command(level, f"diamond: {who}: {check['rule']}", str(check["message"]))


def _command(level: str, title: str, message: str) -> str:
    return f"::{level} title={_escape_property(title)}::{_escape_data(message)}\n"


def write_github(results: Iterable[Result], out: Callable[[bytes], None]) -> None:
    for chunk in _chunks(results):
        out("".join(line for result in chunk for line in github_lines(result)).encode("utf-8"))


# ---------------------------------------------------------------- JUnit XML


@functools.cache
def _not_xml() -> re.Pattern[str]:
    """Characters XML 1.0 cannot hold at all. Compiled when first needed: its ranges took 7 ms
    to compile, which every start of `diamond` paid."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """`text` as XML 1.0 can hold it (a label or a case name may carry anything): each character
    it cannot hold becomes U+FFFD, so that the file parses."""
    return _not_xml().sub("\ufffd", text)


def _xml(value: object) -> str:
    return xml_text(_text(value))


def junit(results: Iterable[Result]) -> bytes:
    """JUnit XML as CI systems read it: one testcase per seller; a `<failure>` per failing rule,
    an error result as `<error>`, an incomplete verdict as `<skipped>` (it could not be decided)."""
    import xml.etree.ElementTree as ET

    suite = ET.Element("testsuite", name="diamond")
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for result in results:
        counts["tests"] += 1
        case = ET.SubElement(suite, "testcase", classname="diamond", name=_xml(label(result)), line=str(result["line"]))
        if result["verdict"] == "error":
            counts["errors"] += 1
            ET.SubElement(case, "error", type="input_error", message=_xml(result["error"]))
            continue
        failures = failing(result)
        for check in failures:
            node = ET.SubElement(case, "failure", type=check["rule"], message=_xml(check["message"]))
            node.text = _xml(check["message"])
        counts["failures"] += bool(failures)
        if result["verdict"] == "incomplete":
            counts["skipped"] += 1
            ET.SubElement(case, "skipped", message=_xml(main_shortfall(result)))
        out = ET.SubElement(case, "system-out")
        out.text = _xml(
            f"verdict: {result['verdict']}; main category: {_text(result.get('main_category'))}; "
            f"route: {_text(result.get('route'))}\n"
            + "".join(f"{c['rule']}: {c['status']}: {c['message']}\n" for c in result["checks"])
        )
    for name, count in counts.items():
        suite.set(name, str(count))
    root = ET.Element("testsuites", {"name": "diamond", **{name: str(count) for name, count in counts.items()}})
    root.append(suite)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


# ---------------------------------------------------------------- Markdown


def _cell(value: object) -> str:
    """A Markdown table cell: no line breaks, `|` escaped, no HTML."""
    shown = " ".join(_text(value).split())
    return shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def markdown(results: Iterable[Result], lang: str) -> bytes:
    """A summary for people (a pull request, `$GITHUB_STEP_SUMMARY`): counts by verdict, then
    one row per seller."""
    counts = dict.fromkeys(VERDICTS, 0)
    rows: list[str] = []
    for result in results:
        counts[result["verdict"]] += 1
        reason = result.get("error") or main_shortfall(result)
        cells = [
            str(result["line"]),
            label(result),
            result["verdict"],
            _text(result.get("main_category")),
            ", ".join(c["rule"] for c in failing(result)),
            reason,
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |\n")
    total = sum(counts.values())
    head = [
        f"### Diamond Partners: {total} result(s)\n\n",
        f"| {_cell(text('batch.col.verdict', lang))} | # |\n|---|---:|\n",
        *(f"| {verdict} | {count} |\n" for verdict, count in counts.items() if count),
        "\n",
        "| "
        + " | ".join(
            _cell(text(key, lang))
            for key in ("batch.col.line", "label.seller", "batch.col.verdict", "label.main_category")
        )
        + f" | {_cell(text('batch.col.failing', lang))} | {_cell(text('batch.col.shortfall', lang))} |\n",
        "|---:|---|---|---|---|---|\n",
    ]
    return "".join(head + rows).encode("utf-8")
