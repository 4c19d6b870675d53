"""The `diamond` command: parse flags, load the table, evaluate, render, exit with a documented code.

Kept thin and light: rich and the heavier modules are imported only on the paths that need them,
so a `--format json` check in a shell loop starts fast.
"""

# No `from __future__ import annotations` here (nor in cli_*.py): Typer reads every command's
# signature at each start, and string annotations would be eval'd again each time (about 10 ms).

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from diamond_cli import __version__
from diamond_cli.errors import DiamondError, ExitCode, InputError, ThresholdsError, UsageError
from diamond_cli.models import SHIPPED_TABLE, TableRef, Verdict, VerdictCode
from diamond_cli.streams import write_utf8

EXIT_CODES_HELP = """\
Exit codes: 0 eligible (batch: all records valid) · 1 not eligible (batch: a --fail-on verdict met)
· 2 usage error · 3 invalid input or thresholds file · 4 review · 5 incomplete · 70 internal error
· 74 output error · 75 output busy · 129 hangup · 130 interrupted · 143 terminated."""

app = typer.Typer(
    name="diamond",
    help="Check sellers against the Allegro Diamond Partners published criteria.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


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
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: {value!r} is not a date (YYYY-MM-DD)") from None


def load_version(path: Path | None, as_of: dt.date) -> tuple[Any, TableRef]:
    """The table version in force on `as_of`, and the reference every verdict carries."""
    from diamond_cli.thresholds import load_table

    if path is not None and not path.is_file():
        what = (
            "is a directory, not a file" if path.is_dir() else "not a regular file" if path.exists() else "no such file"
        )
        raise UsageError(f"--thresholds: {path}: {what}")
    table = load_table(path)
    version = table.in_force(as_of)
    start = version.effective_from.isoformat() if version.effective_from else None
    source = str(path) if path else SHIPPED_TABLE
    return version, TableRef(table.name, version.version, start, source)


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
        if isinstance(exc, ThresholdsError) and len(exc.problems) > 1:
            for problem in exc.problems:
                sys.stderr.write(f"diamond: error: {problem}\n")
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


# ---------------------------------------------------------------- check


def _pair(flag: str, text: str) -> tuple[str, str]:
    name, sep, amount = text.rpartition("=")
    if not sep or not name.strip():
        raise InputError(flag, f"expected CATEGORY=PLN, found {text!r}")
    return name.strip(), amount


def flag_fields(table: Any, **flags: Any) -> dict[str, Any]:
    """Validated fields from the flags that were given (None means "not given")."""
    from diamond_cli import inputs
    from diamond_cli.numbers import parse_decimal_text

    fields: dict[str, Any] = {}

    def number(flag: str, text: str) -> Any:
        try:
            return parse_decimal_text(text)
        except ValueError as exc:
            raise InputError(flag, str(exc)) from None

    def put(field: str, flag: str, value: Any) -> None:
        try:
            fields[field] = inputs.validate_fields({field: value}, table)[field]
        except InputError as exc:
            raise _flag_error(exc, field, flag) from None

    simple = {
        "seller": "--seller",
        "nip": "--seller-nip",
        "business_account": "--business-account",
        "quality": "--quality",
        "suspended": "--suspended",
        "positive_ratings_pct": "--positive-pct",
        "category_growth_pct": "--category-growth",
        "category_market_growth_pct": "--market-growth",
        "transaction_problems_pct": "--transaction-problems",
        "exportable_pct": "--exportable",
        "new_condition_pct": "--new-condition",
    }
    for field, flag in simple.items():
        if flags.get(field) is not None:
            put(field, flag, flags[field])
    if flags.get("other_accounts_quality"):
        put("other_accounts_quality", "--other-quality", list(flags["other_accounts_quality"]))
    if flags.get("monthly_revenue") is not None:
        raw = flags["monthly_revenue"]
        parts = raw.split(";") if ";" in raw else raw.split(",")
        put("monthly_revenue", "--monthly-revenue", [number("--monthly-revenue", p) for p in parts])
    for field, flag in (("revenue", "--revenue"), ("brand_zone_revenue", "--brand-zone-revenue")):
        if flags.get(field):
            pairs = [_pair(flag, item) for item in flags[field]]
            put(field, flag, {name: number(f"{flag} {name}", amount) for name, amount in pairs})
    return fields


def _flag_error(exc: InputError, field: str, flag: str) -> InputError:
    """The error named by the flag the user typed, not the record field behind it:
    `--revenue Kidz`, `--monthly-revenue[3]`, `--seller-nip` (not `--seller-nip.nip`)."""
    inner = (exc.field or "").removeprefix(field)
    return InputError(flag + (" " + inner[1:] if inner.startswith(".") else inner), exc.problem, nip=exc.nip)


def merge_flags(fields: dict[str, Any], overrides: dict[str, Any], positive: int | None, negative: int | None) -> None:
    """Flags override file values; revenue flags merge per category; counts merge per side."""
    from diamond_cli.inputs import as_count
    from diamond_cli.models import Ratings

    for key, value in overrides.items():
        if key in ("revenue", "brand_zone_revenue") and fields.get(key):
            fields[key] = {**fields[key], **value}
        else:
            fields[key] = value
    for flag, count in (("--positive", positive), ("--negative", negative)):
        if count is not None:
            try:
                as_count(count)  # the limits a file's counts have (negative, too large)
            except InputError as exc:
                raise InputError(flag, exc.problem) from None
    if positive is not None or negative is not None:
        current = fields.get("ratings")
        pos = positive if positive is not None else (current.positive if current else None)
        neg = negative if negative is not None else (current.negative if current else None)
        if pos is None or neg is None:
            missing = "--negative" if neg is None else "--positive"
            raise InputError(missing, "give both --positive and --negative (or ratings in the file)")
        fields["ratings"] = Ratings(pos, neg)


@app.command(
    epilog="Examples:\n\n"
    "  diamond check examples/seller.json\n\n"
    "  diamond check examples/seller.json --format json | jq .verdict\n\n"
    "  cat seller.yaml | diamond check - --revenue Kids=4600000\n\n"
    "  diamond check revenue.yaml --allegro saved-responses/ --nip mask\n\n"
    "  diamond check --business-account --quality good --positive 4210 --negative 21 "
    "--revenue Electronics=9000000 --monthly-revenue 1,2,3,4,5,6,7,8,9,10,11,12\n\n" + EXIT_CODES_HELP,
)
def check(
    file: Annotated[str | None, typer.Argument(help="Seller record: a JSON or YAML file, or - for stdin.")] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="human (default) or json.")
    ] = OutputFormat.human,
    thresholds: Annotated[Path | None, typer.Option(help="Thresholds table (default: the shipped one).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Use the table version in force on this date.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language (default from LC_ALL/LC_MESSAGES/LANG).")] = None,
    nip: Annotated[
        NipMode,
        typer.Option(
            "--nip",
            help="How the NIP appears in output and errors: show, mask (last 3 digits), "
            "hash (HMAC-SHA-256 keyed by DIAMOND_NIP_KEY).",
        ),
    ] = NipMode.show,
    color: Annotated[
        Color, typer.Option(help="Colour: auto (terminal, honours NO_COLOR), always, never.")
    ] = Color.auto,
    input_format: Annotated[InputFormat | None, typer.Option(help="Force the file's format.")] = None,
    allegro: Annotated[
        Path | None,
        typer.Option(
            "--allegro",
            metavar="DIR",
            help="Saved Allegro API responses (ratings-summary.json, sale-quality.json, me.json): they give "
            "ratings, quality and NIP over the file; flags still win. Never calls the network.",
        ),
    ] = None,
    seller: Annotated[str | None, typer.Option(help="Label echoed in the result.")] = None,
    seller_nip: Annotated[str | None, typer.Option("--seller-nip", help="The seller's NIP.")] = None,
    business_account: Annotated[bool | None, typer.Option("--business-account/--no-business-account")] = None,
    positive: Annotated[int | None, typer.Option(help="Positive ratings, last 12 months.")] = None,
    negative: Annotated[int | None, typer.Option(help="Negative ratings, last 12 months.")] = None,
    positive_pct: Annotated[str | None, typer.Option("--positive-pct", help="Share of positive ratings, %.")] = None,
    quality: Annotated[str | None, typer.Option(help="Main account's sales-quality grade.")] = None,
    other_quality: Annotated[
        list[str] | None, typer.Option("--other-quality", help="Another account's grade (repeat).")
    ] = None,
    revenue: Annotated[list[str] | None, typer.Option(help="CATEGORY=PLN, 12-month revenue (repeat).")] = None,
    monthly_revenue: Annotated[
        str | None, typer.Option("--monthly-revenue", help="12 or 24 monthly totals, oldest first, comma-separated.")
    ] = None,
    category_growth: Annotated[
        str | None, typer.Option("--category-growth", help="Seller's growth in the main category, %.")
    ] = None,
    market_growth: Annotated[
        str | None, typer.Option("--market-growth", help="All sellers' growth in that category, %.")
    ] = None,
    brand_zone_revenue: Annotated[
        list[str] | None, typer.Option("--brand-zone-revenue", help="CATEGORY=PLN of the Brand Zone account (repeat).")
    ] = None,
    suspended: Annotated[bool | None, typer.Option("--suspended/--not-suspended")] = None,
    transaction_problems: Annotated[
        str | None, typer.Option("--transaction-problems", help="Share of transactions with a problem, %.")
    ] = None,
    exportable: Annotated[str | None, typer.Option(help="Share of the assortment sellable abroad, %.")] = None,
    new_condition: Annotated[
        str | None, typer.Option("--new-condition", help="Share of the assortment in New condition, %.")
    ] = None,
    debug: Annotated[bool, typer.Option(help="Show a traceback on internal errors.")] = False,
) -> None:
    """Check one seller: from a JSON/YAML file, stdin (-), or flags alone (flags override the file)."""
    language = (lang.value if lang else None) or default_lang()
    as_json = output_format is OutputFormat.json

    def body() -> int:
        try:
            return evaluate_one()
        except InputError as exc:
            raise exc.revealing(nip.value) from None

    def evaluate_one() -> int:
        key = nip_key(nip.value)
        day = parse_as_of(as_of)
        version, ref = load_version(thresholds, day)
        from diamond_cli import inputs

        fields: dict[str, Any] = {}
        if file is not None:
            data = read_input_bytes(file)
            fields = inputs.validate_fields(
                inputs.parse_document(data, guess_format(file, data, input_format)), version
            )
        elif allegro is None and not _any_flag(locals_flags):
            raise UsageError("no input: give a FILE, - for stdin, --allegro DIR, or the figures as flags (see --help)")
        if allegro is not None:
            from diamond_cli.allegro import merge_api, read_directory

            merge_api(fields, read_directory(allegro, language))
        overrides = flag_fields(version, **locals_flags)
        merge_flags(fields, overrides, positive, negative)
        figures = inputs.build_figures(fields)
        from diamond_cli.engine import evaluate

        verdict = evaluate(figures, version, ref)
        emit(verdict, language, nip.value, key)
        return int(VERDICT_EXIT[verdict.verdict])

    locals_flags = {
        "seller": seller,
        "nip": seller_nip,
        "business_account": business_account,
        "quality": quality,
        "suspended": suspended,
        "positive_ratings_pct": positive_pct,
        "category_growth_pct": category_growth,
        "category_market_growth_pct": market_growth,
        "transaction_problems_pct": transaction_problems,
        "exportable_pct": exportable,
        "new_condition_pct": new_condition,
        "other_accounts_quality": other_quality,
        "monthly_revenue": monthly_revenue,
        "revenue": revenue,
        "brand_zone_revenue": brand_zone_revenue,
        "positive": positive,
        "negative": negative,
    }

    def emit(verdict: Verdict, language: str, mode: str, key: bytes | None) -> None:
        if as_json:
            from diamond_cli.result import dumps, result_dict

            write_utf8(dumps(result_dict(verdict, language, mode, key)) + "\n")
            return
        from diamond_cli.render_human import make_console, render_verdict

        render_verdict(verdict, make_console(color.value), language, mode, key)

    def json_error(exc: DiamondError) -> None:
        if as_json and exc.exit_code is ExitCode.INVALID_INPUT:
            from diamond_cli.result import dumps, error_dict

            write_utf8(dumps(error_dict(str(exc))) + "\n")

    guarded(body, debug=debug, on_error=json_error)


def _any_flag(flags: dict[str, Any]) -> bool:
    return any(value not in (None, [], ()) for value in flags.values())


def register_subcommands() -> None:
    """Add the commands that live in their own modules (cli_*.py) to `app`.

    Each must keep its module-level imports light and its annotations unquoted (no
    `from __future__ import annotations`): typer builds every registered command at each start.
    """
    from diamond_cli import cli_batch, cli_explain, cli_thresholds  # noqa: F401  (batch; explain; thresholds, schema)


def only_check_invoked(argv: list[str]) -> bool:
    """A `diamond check ...` start needs no other command: skipping them saves ~20 ms per check in
    shell loops (measured with benchmarks/startup.py). Help of `check` is unaffected."""
    return len(argv) > 1 and argv[1] == "check"


if not only_check_invoked(sys.argv):
    register_subcommands()
