"""`diamond thresholds show|validate|test` and `diamond schema`: tools for whoever maintains the table.

Registered by one import at the bottom of cli.py; everything heavier than typer is imported inside
the commands, so `diamond check` does not pay for them at start-up.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from diamond_cli.cli import Color, Lang, app, default_lang, guarded, parse_as_of, read_input_bytes
from diamond_cli.errors import ExitCode, UsageError

thresholds_app = typer.Typer(
    name="thresholds",
    help="Inspect, validate and self-test a thresholds table.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(thresholds_app)

SHIPPED = "shipped with diamond_cli"  # as `check` names the default table in its verdicts


class ShowFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"


ThresholdsOption = Annotated[Path | None, typer.Option(help="Thresholds table (default: the shipped one).")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Use the version in force on this date, YYYY-MM-DD (default: today).")
]
LangOption = Annotated[Lang | None, typer.Option(help="Language (default from LC_ALL/LC_MESSAGES/LANG).")]
DebugOption = Annotated[bool, typer.Option(help="Show a traceback on internal errors.")]


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
                close = version.closest_category(category)
                key = "thresholds.unknown_category" if close else "thresholds.unknown_category_no_hint"
                raise UsageError(text(key, language, name=category, close=close))
            chosen = (canonical,)
        data: dict[str, Any] = {
            "as_of": day.isoformat(),
            "source": str(thresholds) if thresholds else SHIPPED,
            **version_dict(table, version, chosen),
        }
        if output_format is ShowFormat.json:
            from diamond_cli.result import dumps

            sys.stdout.write(dumps(data, indent=2) + "\n")
        elif output_format is ShowFormat.yaml:
            from diamond_cli.safe_yaml import dump

            sys.stdout.write(dump(data))
        else:
            from diamond_cli.render_human import make_console
            from diamond_cli.render_thresholds import render_version

            render_version(data, make_console(color.value), language)
        return int(ExitCode.OK)

    guarded(body, debug=debug)


@thresholds_app.command(
    epilog="Exit codes: 0 valid · 3 invalid (every problem is listed, one a line) · 2 usage error.\n\n"
    "Examples:\n\n"
    "  diamond thresholds validate\n\n"
    "  diamond thresholds validate my-thresholds.yaml",
)
def validate(
    path: Annotated[Path | None, typer.Argument(help="The table to validate (default: the shipped one).")] = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Validate a table: every problem at once, one a line, as file:line:column: key.path: message."""
    language = _language(lang)

    def body() -> int:
        from diamond_cli.errors import ThresholdsError
        from diamond_cli.messages import text
        from diamond_cli.thresholds import default_table_path, table_from_bytes

        source = str(path or default_table_path())
        # A missing or unreadable file is a usage error (exit 2), as for `check FILE`.
        raw = read_input_bytes(source)
        try:
            table = table_from_bytes(raw, source)
        except ThresholdsError as exc:
            sys.stdout.write("".join(f"{problem}\n" for problem in exc.problems))
            sys.stderr.write(text("thresholds.invalid", language, source=source, count=len(exc.problems)) + "\n")
            return int(ExitCode.INVALID_INPUT)
        versions = [version_label(v.version, v.effective_from, language) for v in table.versions]
        sys.stdout.write(
            text("thresholds.valid", language, source=source, count=len(versions), versions=versions) + "\n"
        )
        return int(ExitCode.OK)

    guarded(body, debug=debug)


class SchemaName(StrEnum):
    input = "input"
    result = "result"


@app.command(
    "schema",
    epilog="Examples:\n\n"
    "  diamond schema input > seller.schema.json\n\n"
    "  diamond check seller.json --format json | check-jsonschema --schemafile <(diamond schema result) -",
)
def schema_command(
    which: Annotated[SchemaName, typer.Argument(help="input: a seller record; result: a check/batch result.")],
    debug: DebugOption = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a seller record or of a result."""

    def body() -> int:
        import json

        from diamond_cli.schema import SCHEMAS

        sys.stdout.write(json.dumps(SCHEMAS[which.value](), indent=2, ensure_ascii=False) + "\n")
        return int(ExitCode.OK)

    guarded(body, debug=debug)
