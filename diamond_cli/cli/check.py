"""`diamond check`: one seller from a file, stdin or flags; the verdict as a view or as JSON."""

# No `from __future__ import annotations`: see common.py.

from pathlib import Path
from typing import Annotated, Any

import typer

from diamond_cli.cli.common import (
    EXIT_CODES_HELP,
    VERDICT_EXIT,
    Color,
    InputFormat,
    Lang,
    NipMode,
    OutputFormat,
    app,
    default_lang,
    guarded,
    guess_format,
    load_thresholds,
    nip_key,
    parse_as_of,
    read_input_bytes,
)
from diamond_cli.errors import DiamondError, ExitCode, InputError, UsageError
from diamond_cli.streams import write_utf8


def _pair(flag: str, text: str) -> tuple[str, str]:
    name, sep, amount = text.rpartition("=")
    if not sep or not name.strip():
        raise InputError(flag, f"expected CATEGORY=PLN, found {text!r}")
    return name.strip(), amount


def flag_fields(engine: Any, **flags: Any) -> dict[str, Any]:
    """Record fields from the flags that were given (None means "not given"), as typed; each is
    validated on its own here, so that its error names the flag."""
    from diamond_cli.pipeline import parse_number

    fields: dict[str, Any] = {}

    def number(flag: str, text: str) -> Any:
        try:
            return parse_number(text)
        except InputError as exc:
            raise InputError(flag, exc.problem) from None

    def put(field: str, flag: str, value: Any) -> None:
        try:
            engine.validate({field: value})
        except InputError as exc:
            raise _flag_error(exc, field, flag) from None
        fields[field] = value

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
        parts = _months(flags["monthly_revenue"])
        put("monthly_revenue", "--monthly-revenue", [number("--monthly-revenue", p) for p in parts])
    for field, flag in (("revenue", "--revenue"), ("brand_zone_revenue", "--brand-zone-revenue")):
        if flags.get(field):
            pairs = [_pair(flag, item) for item in flags[field]]
            put(field, flag, {name: number(f"{flag} {name}", amount) for name, amount in pairs})
    return fields


def _months(raw: str) -> list[str]:
    """`--monthly-revenue`: `;`-separated (each amount may have a decimal comma), else
    space-separated, else comma-separated. With commas, an amount of one or two digits among
    amounts of four or more is most likely the decimals of the one before it
    (`240000,5,245000`): that is refused with the form to type, never guessed."""
    if ";" in raw:
        return raw.split(";")
    if len(raw.split()) > 1:
        return raw.split()
    parts = raw.split(",")
    digits = [part.strip().lstrip("-") for part in parts]
    if any(len(d) >= 4 and d.isdigit() for d in digits):
        for at, d in enumerate(digits):
            if at > 0 and d.isdigit() and len(d) <= 2:
                example = (
                    f"{parts[at - 1].strip()},{parts[at].strip()};{';'.join(p.strip() for p in parts[at + 1 : at + 2])}"
                )
                raise InputError(
                    "--monthly-revenue",
                    f"{parts[at].strip()!r} after {parts[at - 1].strip()!r} looks like its decimals: separate "
                    f"the months with ';' and keep the comma for decimals (e.g. {example};…)",
                )
    return parts


def _flag_error(exc: InputError, field: str, flag: str) -> InputError:
    """The error named by the flag the user typed, not the record field behind it:
    `--revenue Kidz`, `--monthly-revenue[3]`, `--seller-nip` (not `--seller-nip.nip`)."""
    inner = (exc.field or "").removeprefix(field)
    return InputError(flag + (" " + inner[1:] if inner.startswith(".") else inner), exc.problem, nip=exc.nip)


def merge_flags(
    engine: Any, fields: dict[str, Any], overrides: dict[str, Any], positive: int | None, negative: int | None
) -> None:
    """Flags override file values; revenue flags merge per category (by the table's name for
    it); counts merge per side."""
    for key, value in overrides.items():
        current = fields.get(key)
        if key in ("revenue", "brand_zone_revenue") and isinstance(current, dict) and current:
            canonical = engine.version.canonical_category
            merged = {canonical(name) or name: amount for name, amount in current.items()}
            merged.update({canonical(name) or name: amount for name, amount in value.items()})
            fields[key] = merged
        else:
            fields[key] = value
    for flag, count in (("--positive", positive), ("--negative", negative)):
        if count is not None:
            try:
                engine.validate({"ratings": {"positive": count, "negative": count}})  # a file's count limits
            except InputError as exc:
                raise InputError(flag, exc.problem) from None
    if positive is not None or negative is not None:
        current = fields.get("ratings") if isinstance(fields.get("ratings"), dict) else None
        pos = positive if positive is not None else (current or {}).get("positive")
        neg = negative if negative is not None else (current or {}).get("negative")
        if pos is None or neg is None:
            missing = "--negative" if neg is None else "--positive"
            raise InputError(missing, "give both --positive and --negative (or ratings in the file)")
        fields["ratings"] = {"positive": pos, "negative": neg}


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
    brief: Annotated[
        bool,
        typer.Option("--brief", help="Only the verdict and the rules that do not pass, with what makes them pass."),
    ] = False,
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
        str | None,
        typer.Option(
            "--monthly-revenue",
            help="12 or 24 monthly totals, oldest first, separated by ';' (then decimal commas are allowed), spaces "
            "or commas.",
        ),
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
        if brief and as_json:
            raise UsageError("--brief shapes the human view; --format json always holds every rule")
        key = nip_key(nip.value)
        day = parse_as_of(as_of)
        engine = load_thresholds(thresholds).engine(day)
        from diamond_cli.pipeline import document

        fields: dict[str, Any] = {}
        if file is not None:
            data = read_input_bytes(file)
            fields = document(engine, data, guess_format(file, data, input_format))
            engine.validate(fields)  # the file's own errors come first
        elif allegro is None and not _any_flag(locals_flags):
            raise UsageError("no input: give a FILE, - for stdin, --allegro DIR, or the figures as flags (see --help)")
        if allegro is not None:
            from diamond_cli.allegro import read_directory
            from diamond_cli.pipeline import merge_responses

            merge_responses(fields, read_directory(allegro, language))
        overrides = flag_fields(engine, **locals_flags)
        merge_flags(engine, fields, overrides, positive, negative)
        return emit(engine, fields, language, nip.value, key)

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

    def emit(engine: Any, fields: dict[str, Any], language: str, mode: str, key: bytes | None) -> int:
        if as_json:
            from diamond_cli.api import result_bytes

            code, encoded = result_bytes(engine, fields, language, mode, key)  # what diamond_cli.check decodes
            write_utf8(encoded.decode("utf-8") + "\n")
            return int(VERDICT_EXIT[code])
        from diamond_cli.render_human import make_console, render_verdict

        verdict = engine.verdict(fields, language)
        render_verdict(verdict, make_console(color.value), language, mode, key, brief=brief)
        return int(VERDICT_EXIT[verdict.verdict])

    def json_error(exc: DiamondError) -> None:
        if as_json and exc.exit_code is ExitCode.INVALID_INPUT:
            from diamond_cli.pipeline import check_error_json

            write_utf8(check_error_json(str(exc)).decode("utf-8") + "\n")

    guarded(body, debug=debug, on_error=json_error)


def _any_flag(flags: dict[str, Any]) -> bool:
    return any(value not in (None, [], ()) for value in flags.values())
