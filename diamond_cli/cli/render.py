"""`diamond render`: saved batch results (JSON Lines) as a view or a report, the rules not run again."""

import sys
from enum import StrEnum
from typing import IO, Annotated

import typer

from diamond_cli.cli.common import (
    CSV_DIALECT_HELP,
    EXIT_CODES_HELP,
    CsvDialect,
    Lang,
    app,
    csv_dialect,
    default_lang,
    guarded,
)
from diamond_cli.errors import UsageError


class RenderFormat(StrEnum):
    table = "table"
    csv = "csv"
    junit = "junit"
    github = "github"
    markdown = "markdown"


@app.command(
    epilog="Examples:\n\n"
    "  diamond batch sellers.csv > results.jsonl && diamond render results.jsonl\n\n"
    "  diamond render results.jsonl --format junit > diamond.xml\n\n"
    "  diamond render results.jsonl --format github     # annotations in a GitHub Actions log\n\n"
    '  diamond render results.jsonl --format markdown >> "$GITHUB_STEP_SUMMARY"\n\n'
    "  diamond batch sellers.csv | tee results.jsonl | diamond render - --format csv\n\n" + EXIT_CODES_HELP,
)
def render(
    results: Annotated[
        str, typer.Argument(help="Results as `diamond batch --format jsonl` writes them, or - for stdin.")
    ] = "-",
    output_format: Annotated[
        RenderFormat,
        typer.Option(
            "--format",
            help="table (batch's view), csv (batch's CSV), junit (XML), github (workflow commands), markdown.",
        ),
    ] = RenderFormat.table,
    lang: Annotated[Lang | None, typer.Option(help="Language of the headings (messages stay as saved).")] = None,
    dialect: Annotated[CsvDialect | None, typer.Option("--csv-dialect", help=CSV_DIALECT_HELP)] = None,
    debug: Annotated[bool, typer.Option(help="Show a traceback on internal errors.")] = False,
) -> None:
    """Render saved results: batch's table or CSV, JUnit XML, GitHub annotations or a Markdown summary."""
    language = (lang.value if lang else None) or default_lang()

    def body() -> int:
        from diamond_cli import render_results as views

        if results == "-" and sys.stdin.isatty():
            raise UsageError("no input: give a results file, or - with results on stdin (see --help)")
        with _opened(results) as stream:
            found = views.read_results(stream, "stdin" if results == "-" else results)
            if output_format is RenderFormat.table:
                views.print_table(found, language)
            elif output_format is RenderFormat.csv:
                views.write_csv(found, write_bytes, csv_dialect(dialect, language))
            elif output_format is RenderFormat.github:
                views.write_github(found, write_bytes)
            elif output_format is RenderFormat.junit:
                write_bytes(views.junit(found))
            else:
                write_bytes(views.markdown(found, language))
        return 0

    guarded(body, debug=debug)


def write_bytes(data: bytes) -> None:
    """One chunk of output, whole: Ctrl-C waits until it is written."""
    from diamond_cli.sink import signals_held

    with signals_held():
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _opened(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")  # the caller's `with` closes it
    except FileNotFoundError:
        raise UsageError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None
