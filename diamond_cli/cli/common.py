"""What every command shares: the app, the common options, the table loading, and `guarded`,
the one place where errors become one line and a documented exit code.

Kept light: rich and the heavier modules are imported only on the paths that need them, so a
`--format json` check in a shell loop starts fast.
"""

# No `from __future__ import annotations` here (nor in the command modules): Typer reads every
# command's signature at each start, and string annotations would be eval'd again each time.

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import UsageError as ClickUsageError  # typer 0.28 ships click inside

from diamond_cli import __version__
from diamond_cli.errors import DiamondError, ExitCode, InputError, ThresholdsError, UsageError
from diamond_cli.models import TableRef, VerdictCode

if TYPE_CHECKING:
    from diamond_cli.api import Thresholds

EXIT_CODES_HELP = """\
Exit codes: 0 eligible (batch: all records valid) · 1 not eligible (batch: a --fail-on verdict met)
· 2 usage error · 3 invalid input or thresholds file · 4 review · 5 incomplete · 70 internal error
· 74 output error · 75 output busy · 129 hangup · 130 interrupted · 143 terminated."""

# The commands, in the order `diamond --help` lists them, and the module that defines each. A
# command's module is imported (and Typer builds it from its signature) only when it is asked
# for: a `check` in a shell loop does not pay for building the other commands.
COMMANDS: dict[str, str] = {
    "check": "diamond_cli.cli.check",
    "batch": "diamond_cli.cli.batch",
    "explain": "diamond_cli.cli.explain",
    "render": "diamond_cli.cli.render",
    "schema": "diamond_cli.cli.schema",
    "thresholds": "diamond_cli.cli.thresholds",
}


class _Commands(typer.core.TyperGroup):
    """The root group: lists `COMMANDS` and builds a command when the command line names it."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            import importlib

            importlib.import_module(COMMANDS[cmd_name])  # it registers itself on `app`
            built = _build(cmd_name)
            if built is not None:
                self.commands[cmd_name] = built
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Typer suggests from the commands built so far; here, from every command."""
        saved, self.suggest_commands = self.suggest_commands, False
        try:
            return super().resolve_command(ctx, args)
        except ClickUsageError as error:
            import difflib

            matches = difflib.get_close_matches(args[0], list(COMMANDS)) if saved and args else []
            if matches:
                error.message = f"{error.message.rstrip('.')}. Did you mean {', '.join(map(repr, matches))}?"
            raise
        finally:
            self.suggest_commands = saved


def _build(name: str) -> Any:
    """The command or group `name` as Typer builds it from what its module registered."""
    from typer.main import get_command_from_info, get_command_name, get_group_from_info

    for info in app.registered_commands:
        if info.callback is not None and (info.name or get_command_name(info.callback.__name__)) == name:
            return get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
    for group in app.registered_groups:
        own = group.typer_instance.info.name if group.typer_instance is not None else None
        if (group.name or own) == name:
            return get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                suggest_commands=app.suggest_commands,
                rich_markup_mode=app.rich_markup_mode,
            )
    return None


class HelpCommand(typer.core.TyperCommand):
    """A command whose help is put together only when it is shown: its texts from the catalogue
    (`help.<command>` and `help.<command>.<parameter>`) in the locale's language (`--lang` is not
    parsed yet), and its options grouped in panels by their `rich_help_panel` (a key
    `help.panel.<name>`). Running the command never reads them."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from diamond_cli.messages import text
        from diamond_cli.models import POLISH_GRADE_NAMES, Grade

        lang = default_lang()
        grades = {"grades": ", ".join(g.name for g in Grade), "names": ", ".join(POLISH_GRADE_NAMES.values())}
        with contextlib.suppress(KeyError):  # a command without its text keeps its docstring
            self.help = text(f"help.{self.name}", lang)
        for param in self.get_params(ctx):  # click's --help among them
            with contextlib.suppress(KeyError):  # a parameter without its text keeps its own
                param.help = text(f"help.{self.name}.{param.name}", lang, **grades)  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        from diamond_cli.messages import text

        panels: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                panels.setdefault(getattr(param, "rich_help_panel", None) or "other", []).append(record)
        for panel, records in panels.items():
            with formatter.section(text(f"help.panel.{panel}", default_lang())):
                formatter.write_dl(records)


app = typer.Typer(
    name="diamond",
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Check sellers against the Allegro Diamond Partners published criteria.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


DebugOption = Annotated[bool, typer.Option(help="Show a traceback on internal errors.")]


class OutputFormat(StrEnum):
    human = "human"
    json = "json"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class Lang(StrEnum):
    en = "en"
    pl = "pl"


class CsvDialect(StrEnum):
    excel = "excel"
    excel_pl = "excel-pl"


CSV_DIALECT_HELP = (
    "CSV for the spreadsheet that opens it: excel (`,`, decimal point) or excel-pl (`;`, decimal commas, "
    "a UTF-8 BOM, as Polish Excel opens it); default: excel-pl when the output is Polish, else excel."
)


def csv_dialect(chosen: CsvDialect | None, language: str) -> str:
    """`--csv-dialect`, else the one the output's language suggests."""
    if chosen is not None:
        return chosen.value
    return CsvDialect.excel_pl.value if language == "pl" else CsvDialect.excel.value


class NipMode(StrEnum):
    show = "show"
    mask = "mask"
    hash = "hash"


class InputFormat(StrEnum):
    json = "json"
    yaml = "yaml"


VERDICT_EXIT = {
    VerdictCode.ELIGIBLE: ExitCode.OK,
    VerdictCode.NOT_ELIGIBLE: ExitCode.NOT_ELIGIBLE,
    VerdictCode.REVIEW: ExitCode.REVIEW,
    VerdictCode.INCOMPLETE: ExitCode.INCOMPLETE,
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"diamond {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check sellers against the Allegro Diamond Partners published criteria."""


# ---------------------------------------------------------------- shared helpers


def default_lang() -> str:
    """LC_ALL, then LC_MESSAGES, then LANG (the first that is set); Polish if it says so."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "pl" if value.lower().startswith("pl") else "en"
    return "en"


def nip_key(mode: str) -> bytes | None:
    if mode != "hash":
        return None
    key = os.environ.get("DIAMOND_NIP_KEY")
    if not key:
        raise UsageError("--nip hash needs a key in the DIAMOND_NIP_KEY environment variable")
    return key.encode("utf-8")


def parse_as_of(value: str | None) -> dt.date:
    """`--as-of`: YYYY-MM-DD, or DD.MM.YYYY as Polish users write dates."""
    if value is None:
        return dt.date.today()
    text = value.strip()
    day, dot, rest = text.partition(".")
    month, dot2, year = rest.partition(".")
    if dot and dot2 and len(day) == 2 and len(month) == 2 and len(year) == 4:
        text = f"{year}-{month}-{day}"
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of: {value!r} is not a date (YYYY-MM-DD or DD.MM.YYYY)") from None


def load_version(path: Path | None, as_of: dt.date) -> tuple[Any, TableRef]:
    """The table version in force on `as_of`, and the reference every verdict carries."""
    return load_thresholds(path).in_force(as_of)


def load_thresholds(path: Path | None) -> "Thresholds":
    """The `--thresholds` table (the API's `load_thresholds`); a path that is no file is a usage error."""
    from diamond_cli.api import load_thresholds

    if path is not None and not path.is_file():
        what = (
            "is a directory, not a file" if path.is_dir() else "not a regular file" if path.exists() else "no such file"
        )
        raise UsageError(f"--thresholds: {path}: {what}")
    return load_thresholds(path)


def read_input_bytes(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    path = Path(file)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{file}: is a directory, not a file") from None
    except OSError as exc:
        raise UsageError(f"{file}: cannot read: {exc.strerror or exc}") from None


def guess_format(file: str, data: bytes, chosen: InputFormat | None) -> str:
    if chosen is not None:
        return chosen.value
    suffix = Path(file).suffix.lower() if file != "-" else ""
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "yaml"


def fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"diamond: error: {message}\n")
    raise typer.Exit(int(code))


def guarded(body: Callable[[], int], *, debug: bool, on_error: Callable[[DiamondError], None] | None = None) -> None:
    """Run a command body: user errors end in one line and their exit code, never a traceback."""
    try:
        code = body()
    except DiamondError as exc:
        if on_error is not None:
            on_error(exc)
        lines = [str(p) for p in exc.problems] if isinstance(exc, (ThresholdsError, InputError)) else []
        if len(lines) > 1:  # every problem at once, one line each
            for line in lines:
                sys.stderr.write(f"diamond: error: {line}\n")
            raise typer.Exit(int(exc.exit_code)) from None
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("diamond: interrupted\n")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        _quiet_broken_pipe()
        raise typer.Exit(int(ExitCode.OK)) from None
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the one place that turns bugs into exit 70
        if debug:
            import traceback  # only for a crash: ~4 ms of every start otherwise

            traceback.print_exc()
        fail(
            f"internal error ({type(exc).__name__}): please report it with the input that caused it"
            + ("" if debug else "; run again with --debug for details"),
            ExitCode.INTERNAL,
        )
    raise typer.Exit(code)


def _quiet_broken_pipe() -> None:
    """The reader went away (`| head`): stop quietly, and keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
