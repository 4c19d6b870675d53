"""`diamond check`: one seller from a file, stdin or flags; the verdict as a view or as JSON."""

# No `from __future__ import annotations`: see common.py.

from pathlib import Path
from typing import Annotated, Any

import typer

from diamond_cli.cli.common import (
    EXIT_CODES_HELP,
    VERDICT_EXIT,
    Color,
    HelpCommand,
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

# The flag that gives each record field, for errors that name both.
FIELD_FLAGS = {
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
    "other_accounts_quality": "--other-quality",
    "monthly_revenue": "--monthly-revenue",
    "revenue": "--revenue",
    "brand_zone_revenue": "--brand-zone-revenue",
    "ratings": "--positive/--negative",
    "ratings.positive": "--positive",
    "ratings.negative": "--negative",
}
SIMPLE_FLAGS = list(FIELD_FLAGS)[:11]  # the flags whose value is the field's, as typed


def flag_fields(engine: Any, lang: str, **flags: Any) -> tuple[dict[str, Any], list[InputError]]:
    """Record fields from the flags that were given (None means "not given"), as typed, and the
    problems of those that are invalid (each validated on its own, its problems in `lang`)."""
    from diamond_cli.pipeline import parse_number

    fields: dict[str, Any] = {}
    problems: list[InputError] = []

    def number(field: str, text: str) -> Any:
        try:
            return parse_number(text, lang)
        except InputError as exc:
            problems.append(InputError(field, exc.problem))
            return None

    def put(field: str, value: Any) -> None:
        found = engine.problems({field: value}, lang, required=False)
        problems.extend(found)
        if not found:
            fields[field] = value

    def pair(field: str, item: str) -> tuple[str, str] | None:
        name, sep, amount = item.rpartition("=")
        if sep and name.strip():
            return name.strip(), amount
        problems.append(InputError(field, engine.text("input.expected_pair", lang, text=repr(item))))
        return None

    for field in SIMPLE_FLAGS:
        if flags.get(field) is not None:
            put(field, flags[field])
    if flags.get("other_accounts_quality"):
        put("other_accounts_quality", list(flags["other_accounts_quality"]))
    if flags.get("monthly_revenue") is not None:
        try:
            months = [number("monthly_revenue", part) for part in _months(flags["monthly_revenue"])]
        except InputError as exc:
            problems.append(InputError("monthly_revenue", exc.problem))
            months = [None]
        if None not in months:
            put("monthly_revenue", months)
    for field in ("revenue", "brand_zone_revenue"):
        if flags.get(field):
            pairs = [found for item in flags[field] if (found := pair(field, item)) is not None]
            amounts = {name: number(f"{field}.{name}", amount) for name, amount in pairs}
            if len(pairs) == len(flags[field]) and None not in amounts.values():
                put(field, amounts)
    return fields, problems


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
                    "monthly_revenue",
                    f"{parts[at].strip()!r} after {parts[at - 1].strip()!r} looks like its decimals: separate "
                    f"the months with ';' and keep the comma for decimals (e.g. {example};…)",
                )
    return parts


def flag_label(field: str | None) -> str | None:
    """A field as `check` names it: with the flag that gives it, `--quality (quality)`,
    `--revenue Kidz (revenue.Kidz)`, `--monthly-revenue[3] (monthly_revenue[3])`."""
    if not field:
        return field
    root = next((name for name in ("ratings.positive", "ratings.negative") if field.startswith(name)), None)
    root = root or field.split(".", 1)[0].split("[", 1)[0]
    flag = FIELD_FLAGS.get(root)
    if flag is None:
        return field
    inner = field[len(root) :]
    return f"{flag}{' ' + inner[1:] if inner.startswith('.') else inner} ({field})"


def merge_flags(
    engine: Any,
    fields: dict[str, Any],
    overrides: dict[str, Any],
    positive: str | None,
    negative: str | None,
    lang: str,
) -> list[InputError]:
    """Flags override file values; revenue flags merge per category (by the table's name for
    it); counts merge per side. The problems of the counts, if any."""
    for key, value in overrides.items():
        current = fields.get(key)
        if key in ("revenue", "brand_zone_revenue") and isinstance(current, dict) and current:
            canonical = engine.version.canonical_category
            merged = {canonical(name) or name: amount for name, amount in current.items()}
            merged.update({canonical(name) or name: amount for name, amount in value.items()})
            fields[key] = merged
        else:
            fields[key] = value
    from diamond_cli.pipeline import parse_number

    problems: list[InputError] = []
    counts: dict[str, object] = {}
    for side, given in (("positive", positive), ("negative", negative)):
        if given is None:
            continue
        try:
            number = parse_number(given, lang)  # `4 210` as people write it
        except InputError as exc:
            problems.append(InputError(f"ratings.{side}", exc.problem))
            continue
        count = int(number) if number == number.to_integral_value() else number
        found = engine.problems({"ratings": {"positive": count, "negative": count}}, lang, required=False)
        problems.extend(InputError(f"ratings.{side}", p.problem) for p in found[:1])  # a file's count limits
        counts[side] = count
    if (positive is not None or negative is not None) and not problems:
        current = fields.get("ratings") if isinstance(fields.get("ratings"), dict) else None
        pos = counts.get("positive", (current or {}).get("positive"))
        neg = counts.get("negative", (current or {}).get("negative"))
        if pos is None or neg is None:
            side = "negative" if neg is None else "positive"
            problems.append(InputError(f"ratings.{side}", engine.text("input.both_counts", lang)))
        else:
            fields["ratings"] = {"positive": pos, "negative": neg}
    return problems


def every_problem(engine: Any, fields: dict[str, Any], flag_problems: list[InputError], lang: str) -> None:
    """Raises one InputError carrying every problem of the merged input, each named by field and
    flag: the record's own (a file's values), then the flags', then the required fields that
    neither gave. A field whose flag was invalid is not also reported missing."""
    found = engine.problems(fields, lang)
    flagged = {(p.field or "").split(".", 1)[0].split("[", 1)[0] for p in flag_problems}
    if "positive_ratings_pct" in flagged:
        flagged.add("ratings")  # either gives the ratings
    missing = [p for p in found if p.missing and p.field not in flagged]
    problems = [p for p in found if not p.missing] + flag_problems + missing
    if problems:
        shown = [InputError(flag_label(p.field), p.problem, nip=p.nip) for p in problems]
        raise InputError(shown[0].field, shown[0].problem, nip=shown[0].nip, problems=shown)


# The panels of `check --help` (catalogue keys `help.panel.*`); the help texts are in the catalogue.
INPUT, FIGURES, OUTPUT = "input", "figures", "output"


@app.command(
    cls=HelpCommand,
    epilog="Examples:\n\n"
    "  diamond check examples/seller.json\n\n"
    "  diamond check examples/seller.json --format json | jq .verdict\n\n"
    "  cat seller.yaml | diamond check - --revenue Kids=4600000\n\n"
    "  diamond check revenue.yaml --allegro saved-responses/ --nip mask\n\n"
    "  diamond check --business-account --quality good --positive 4210 --negative 21 "
    "--revenue Electronics=9000000 --monthly-revenue 1,2,3,4,5,6,7,8,9,10,11,12\n\n" + EXIT_CODES_HELP,
)
def check(
    file: Annotated[str | None, typer.Argument(show_default=False, rich_help_panel=INPUT)] = None,
    thresholds: Annotated[Path | None, typer.Option(rich_help_panel=INPUT)] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", rich_help_panel=INPUT)] = None,
    input_format: Annotated[InputFormat | None, typer.Option(rich_help_panel=INPUT)] = None,
    allegro: Annotated[Path | None, typer.Option("--allegro", metavar="DIR", rich_help_panel=INPUT)] = None,
    seller: Annotated[str | None, typer.Option(rich_help_panel=FIGURES)] = None,
    seller_nip: Annotated[str | None, typer.Option("--seller-nip", rich_help_panel=FIGURES)] = None,
    business_account: Annotated[
        bool | None, typer.Option("--business-account/--no-business-account", rich_help_panel=FIGURES)
    ] = None,
    positive: Annotated[str | None, typer.Option(rich_help_panel=FIGURES)] = None,
    negative: Annotated[str | None, typer.Option(rich_help_panel=FIGURES)] = None,
    positive_pct: Annotated[str | None, typer.Option("--positive-pct", rich_help_panel=FIGURES)] = None,
    quality: Annotated[str | None, typer.Option(rich_help_panel=FIGURES)] = None,
    other_quality: Annotated[list[str] | None, typer.Option("--other-quality", rich_help_panel=FIGURES)] = None,
    revenue: Annotated[list[str] | None, typer.Option(rich_help_panel=FIGURES)] = None,
    monthly_revenue: Annotated[str | None, typer.Option("--monthly-revenue", rich_help_panel=FIGURES)] = None,
    category_growth: Annotated[str | None, typer.Option("--category-growth", rich_help_panel=FIGURES)] = None,
    market_growth: Annotated[str | None, typer.Option("--market-growth", rich_help_panel=FIGURES)] = None,
    brand_zone_revenue: Annotated[
        list[str] | None, typer.Option("--brand-zone-revenue", rich_help_panel=FIGURES)
    ] = None,
    suspended: Annotated[bool | None, typer.Option("--suspended/--not-suspended", rich_help_panel=FIGURES)] = None,
    transaction_problems: Annotated[str | None, typer.Option("--transaction-problems", rich_help_panel=FIGURES)] = None,
    exportable: Annotated[str | None, typer.Option(rich_help_panel=FIGURES)] = None,
    new_condition: Annotated[str | None, typer.Option("--new-condition", rich_help_panel=FIGURES)] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", rich_help_panel=OUTPUT)] = OutputFormat.human,
    brief: Annotated[bool, typer.Option("--brief", rich_help_panel=OUTPUT)] = False,
    lang: Annotated[Lang | None, typer.Option(rich_help_panel=OUTPUT)] = None,
    nip: Annotated[NipMode, typer.Option("--nip", rich_help_panel=OUTPUT)] = NipMode.show,
    color: Annotated[Color, typer.Option(rich_help_panel=OUTPUT)] = Color.auto,
    debug: Annotated[bool, typer.Option(rich_help_panel=OUTPUT)] = False,
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
        elif allegro is None and not _any_flag(locals_flags):
            raise UsageError("no input: give a FILE, - for stdin, --allegro DIR, or the figures as flags (see --help)")
        if allegro is not None:
            from diamond_cli.allegro import read_directory
            from diamond_cli.pipeline import merge_responses

            merge_responses(fields, read_directory(allegro, language))
        overrides, problems = flag_fields(engine, language, **locals_flags)
        problems += merge_flags(engine, fields, overrides, positive, negative, language)
        every_problem(engine, fields, problems, language)
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

            encoded = check_error_json(str(exc)).decode("utf-8")
            if isinstance(exc, InputError):  # every problem, the first also as `error`
                import json

                lines = json.dumps([str(p) for p in exc.problems], ensure_ascii=False, separators=(",", ":"))
                encoded = f'{encoded[:-1]},"errors":{lines}}}'
            write_utf8(encoded + "\n")

    guarded(body, debug=debug, on_error=json_error)


def _any_flag(flags: dict[str, Any]) -> bool:
    return any(value not in (None, [], ()) for value in flags.values())
