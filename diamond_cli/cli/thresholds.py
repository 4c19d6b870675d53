"""`diamond thresholds show|validate|test`: tools for whoever maintains the table.

Everything heavier than typer is imported inside the commands, so other commands do not pay for
them at start-up.
"""

# No `from __future__ import annotations`: see common.py.

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from diamond_cli.cli.common import (
    Color,
    DebugOption,
    Lang,
    OutputFormat,
    app,
    default_lang,
    guarded,
    parse_as_of,
    read_input_bytes,
)
from diamond_cli.errors import ExitCode, InputError, UsageError
from diamond_cli.models import SHIPPED_TABLE
from diamond_cli.streams import write_utf8

if TYPE_CHECKING:
    from diamond_cli.thresholds import TableVersion

thresholds_app = typer.Typer(
    name="thresholds",
    help="Inspect, validate and self-test a thresholds table.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(thresholds_app)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


ThresholdsOption = Annotated[Path | None, typer.Option(help="Thresholds table (default: the shipped one).")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Use the version in force on this date, YYYY-MM-DD or DD.MM.YYYY (default: today)."),
]
LangOption = Annotated[Lang | None, typer.Option(help="Language (default from LC_ALL/LC_MESSAGES/LANG).")]


def _language(lang: Lang | None) -> str:
    return lang.value if lang else default_lang()


def version_label(version: str, start: dt.date | None, lang: str) -> str:
    """A version and when it starts; an undated one says honestly that its start is not known."""
    from diamond_cli.messages import text

    if start is None:
        return text("thresholds.undated_version", lang, version=version)
    return text("thresholds.valid_version", lang, version=version, start=start.isoformat())


@thresholds_app.command(
    epilog="Examples:\n\n"
    "  diamond thresholds show\n\n"
    "  diamond thresholds show --category Dziecko --as-of 2027-01-01\n\n"
    "  diamond thresholds show --format json | jq '.categories[0]'",
)
def show(
    as_of: AsOfOption = None,
    category: Annotated[
        str | None, typer.Option(help="Only this category (any spelling or alias the table accepts).")
    ] = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", help="table (default), or json / yaml for scripts (exact numbers).")
    ] = ShowFormat.table,
    thresholds: ThresholdsOption = None,
    lang: LangOption = None,
    color: Annotated[
        Color, typer.Option(help="Colour: auto (terminal, honours NO_COLOR), always, never.")
    ] = Color.auto,
    debug: DebugOption = False,
) -> None:
    """Show the table version in force: categories × thresholds, and the rule parameters, each with its source."""
    language = _language(lang)

    def body() -> int:
        from diamond_cli.messages import text
        from diamond_cli.thresholds import load_table, version_dict

        day = parse_as_of(as_of)
        table = load_table(thresholds)
        version = table.in_force(day)
        chosen = None
        if category is not None:
            canonical = version.canonical_category(category)
            if canonical is None:
                close = version.closest_category(category, language)
                key = "thresholds.unknown_category" if close else "thresholds.unknown_category_no_hint"
                raise UsageError(text(key, language, name=category, close=close))
            chosen = (canonical,)
        data: dict[str, Any] = {
            "as_of": day.isoformat(),
            "source": str(thresholds) if thresholds else SHIPPED_TABLE,
            **version_dict(table, version, chosen),
        }
        if output_format is ShowFormat.json:
            from diamond_cli.jsontext import dumps

            write_utf8(dumps(data, indent=2) + "\n")
        elif output_format is ShowFormat.yaml:
            from diamond_cli.safe_yaml import dump

            write_utf8(dump(data))
        else:
            from diamond_cli.render_human import make_console
            from diamond_cli.render_thresholds import render_version

            render_version(data, make_console(color.value), language)
        return int(ExitCode.OK)

    guarded(body, debug=debug)


class ValidateFormat(StrEnum):
    human = "human"
    github = "github"


@thresholds_app.command(
    epilog="Exit codes: 0 valid · 3 invalid (every problem is listed, one a line) · 2 usage error.\n\n"
    "Examples:\n\n"
    "  diamond thresholds validate\n\n"
    "  diamond thresholds validate my-thresholds.yaml next-year.yaml\n\n"
    "  diamond thresholds validate thresholds.yaml --format github   # annotations in a GitHub workflow",
)
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[TABLE.yaml]...", help="The tables to validate (default: the shipped one)."),
    ] = None,
    output_format: Annotated[
        ValidateFormat,
        typer.Option(
            "--format", help="human (default: file:line:column: key.path: message), or github (workflow commands)."
        ),
    ] = ValidateFormat.human,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Validate tables: every problem at once, one a line, as file:line:column: key.path: message."""
    language = _language(lang)

    def body() -> int:
        from diamond_cli.errors import ThresholdsError
        from diamond_cli.messages import text
        from diamond_cli.thresholds import default_table_path, table_from_bytes

        code = ExitCode.OK
        for source in [str(path) for path in paths or [default_table_path()]]:
            # A missing or unreadable file is a usage error (exit 2), as for `check FILE`.
            raw = read_input_bytes(source)
            try:
                table = table_from_bytes(raw, source)
            except ThresholdsError as exc:
                if output_format is ValidateFormat.github:
                    from diamond_cli.render_thresholds import github_annotations

                    sys.stdout.write(github_annotations(source, exc.located))
                else:
                    sys.stdout.write("".join(f"{problem}\n" for problem in exc.problems))
                sys.stderr.write(text("thresholds.invalid", language, source=source, count=len(exc.problems)) + "\n")
                code = ExitCode.INVALID_INPUT
                continue
            versions = [version_label(v.version, v.effective_from, language) for v in table.versions]
            sys.stdout.write(
                text("thresholds.valid", language, source=source, count=len(versions), versions=versions) + "\n"
            )
        return int(code)

    guarded(body, debug=debug)


ColorOption = Annotated[Color, typer.Option(help="Colour: auto (terminal, honours NO_COLOR), always, never.")]


@thresholds_app.command(
    epilog="Defaults: --to is the newest version (with --as-of: the one in force that day); --from is the"
    " version just before --to. Exit codes: 0 (whether or not anything changed) · 2 usage error (an unknown"
    " version) · 3 invalid thresholds file.\n\n"
    "Examples:\n\n"
    "  diamond thresholds diff --thresholds thresholds.yaml\n\n"
    "  diamond thresholds diff --from program-page-2026 --to program-page-2027 --format json",
)
def diff(
    from_version: Annotated[
        str | None,
        typer.Option("--from", metavar="VERSION", help="The earlier version (default: the one before --to)."),
    ] = None,
    to_version: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="VERSION", help="The later version (default: the newest, or the one in force --as-of)."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Without --to: compare the version in force on this date, YYYY-MM-DD or DD.MM.YYYY."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="human (default), or json for scripts (exact numbers).")
    ] = OutputFormat.human,
    thresholds: ThresholdsOption = None,
    lang: LangOption = None,
    color: ColorOption = Color.auto,
    debug: DebugOption = False,
) -> None:
    """What changed between two versions: categories added, removed or changed, and rule parameters, old → new."""
    language = _language(lang)

    def body() -> int:
        from diamond_cli.messages import text
        from diamond_cli.table_diff import default_pair, diff_versions
        from diamond_cli.thresholds import load_table

        day = parse_as_of(as_of) if as_of is not None else None
        table = load_table(thresholds)
        labels = [v.version for v in table.versions]

        def named(option: str, label: str) -> "TableVersion":
            for version in table.versions:
                if version.version == label:
                    return version
            raise UsageError(text("diff.unknown_version", language, option=option, name=label, versions=labels))

        new = named("--to", to_version) if to_version is not None else (table.in_force(day) if day else None)
        before, new = default_pair(table, new)
        old = named("--from", from_version) if from_version is not None else before
        if old is None:
            raise UsageError(text("diff.nothing_before", language, version=new.version))
        data = {"source": str(thresholds) if thresholds else SHIPPED_TABLE, **diff_versions(table, old, new)}
        if output_format is OutputFormat.json:
            from diamond_cli.jsontext import dumps

            write_utf8(dumps(data, indent=2) + "\n")
        else:
            from diamond_cli.render_human import make_console
            from diamond_cli.render_thresholds import render_diff

            render_diff(data, make_console(color.value), language)
        return int(ExitCode.OK)

    guarded(body, debug=debug)


class TestFormat(StrEnum):
    human = "human"
    json = "json"
    junit = "junit"


@thresholds_app.command(
    "test",
    epilog="Exit codes: 0 every case passed · 1 a case failed · 3 invalid cases or thresholds file · 2 usage error"
    " (a table given as the cases file, or the reverse).\n\n"
    "Examples:\n\n"
    "  diamond thresholds test examples/cases.yaml\n\n"
    "  diamond thresholds test examples/cases.yaml --thresholds next-year.yaml --as-of 2027-01-01\n\n"
    "  diamond thresholds test cases.yaml --format junit > report.xml   # a test report for CI",
)
def cases_command(
    cases_file: Annotated[
        Path, typer.Argument(metavar="CASES.yaml", help="Cases: seller records and expected verdicts.")
    ],
    thresholds: ThresholdsOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Table version in force on this date, YYYY-MM-DD or DD.MM.YYYY, unless a case gives as_of."
        ),
    ] = None,
    output_format: Annotated[
        TestFormat,
        typer.Option("--format", help="human (default), json, or junit (JUnit XML, one testcase a case, for CI)."),
    ] = TestFormat.human,
    lang: LangOption = None,
    color: ColorOption = Color.auto,
    debug: DebugOption = False,
) -> None:
    """Run a cases file against a table: each case passes or fails with the difference; exit 1 if any fails."""
    language = _language(lang)

    def body() -> int:
        from diamond_cli.cases import CasesError, parse_cases, run_cases
        from diamond_cli.pipeline import decode_text
        from diamond_cli.thresholds import load_table

        day = parse_as_of(as_of)
        raw = read_input_bytes(str(cases_file))
        table = load_table(thresholds)
        try:
            cases = parse_cases(decode_text(raw), str(cases_file))
        except InputError as exc:  # not UTF-8
            raise InputError(str(cases_file), exc.problem) from None
        except CasesError as exc:
            sys.stderr.write("".join(f"diamond: error: {problem}\n" for problem in exc.problems))
            return int(ExitCode.INVALID_INPUT)
        results = run_cases(cases, table, day)
        if output_format is TestFormat.json:
            from diamond_cli.jsontext import dumps
            from diamond_cli.render_cases import cases_dict

            write_utf8(dumps(cases_dict(str(cases_file), results, language), indent=2) + "\n")
        elif output_format is TestFormat.junit:
            from diamond_cli.render_cases import junit_xml

            write_utf8(junit_xml(str(cases_file), results, language))
        else:
            from diamond_cli.render_cases import render_report
            from diamond_cli.render_human import make_console

            render_report(results, make_console(color.value), language)
        return int(ExitCode.OK if all(result.passed for result in results) else ExitCode.NOT_ELIGIBLE)

    guarded(body, debug=debug)
