"""The human view of a verdict: a headline, a table of every rule, and what would make it pass."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from diamond_cli import _core
from diamond_cli.messages import FIELD_FLAGS, check_message, grade_name, number, text
from diamond_cli.models import RULE_SHOWN, SHIPPED_TABLE, Check, Grade, Status, Verdict, VerdictCode
from diamond_cli.numbers import shown_against
from diamond_cli.render_pictures import revenue_gauge, revenue_sparkline, wrap

# At this width and above the reasons sit in the table; below it they follow the table.
WIDE_LAYOUT = 120

_STATUS_STYLE = {
    Status.PASS: ("✔", "green"),
    Status.FAIL: ("✘", "bold red"),
    Status.UNKNOWN: ("?", "yellow"),
    Status.FLAG: ("!", "magenta"),
}
BENEFITS = ("manager", "audits", "priority", "hotline", "workshops", "campaigns", "bonus")
_VERDICT_STYLE = {
    VerdictCode.ELIGIBLE: "bold green",
    VerdictCode.REVIEW: "bold magenta",
    VerdictCode.NOT_ELIGIBLE: "bold red",
    VerdictCode.INCOMPLETE: "bold yellow",
}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): leave it to the command, as for JSON output. Rich's
        default exits with status 1, which `diamond check` documents as "not eligible"."""
        self.quiet = True
        raise BrokenPipeError


def make_console(color: str, stderr: bool = False, width: int | None = None) -> Console:
    """`color`: auto (a terminal, unless NO_COLOR is set), always or never.

    No markup and no emoji codes: printed text includes what users typed (seller labels, error
    messages quoting a value, category names of a custom table), and `[/]` or `:smile:` in it
    must show as typed, not crash or turn into something else. Styles are given as Text styles.
    """
    return _Console(
        stderr=stderr,
        width=width,
        force_terminal=True if color == "always" else None,
        color_system=None if color == "never" else "auto",
        highlight=False,
        markup=False,
        emoji=False,
    )


def figure_cells(check: Check, lang: str) -> tuple[str, str]:
    """The actual and required figures of a rule, as shown (never rounded across the limit), by
    the shape of its figures that the core's registry gives (`RULE_SHOWN`)."""
    p: dict[str, Any] = dict(check.params)
    shown = RULE_SHOWN[check.rule]
    if check.assumed and shown == "yes_no":
        # A default stands in for the figure: never shown as if it had been given.
        return text("word.not_given", lang), text("word.no", lang)
    if shown == "yes_no":
        yes, no = text("word.yes", lang), text("word.no", lang)
        return (yes if check.actual else no, yes if check.required else no)
    if shown == "grade":
        return grade_name(p["grade"], lang), f"≥ {grade_name(p['min'], lang)}"
    if shown == "grades":
        grades = [grade_name(Grade[name], lang) for name in check.actual] if isinstance(check.actual, list) else []
        return (", ".join(grades) or "—"), f"≥ {grade_name(p['min'], lang)}"
    if shown == "growth":
        value = p.get("growth", p.get("trend"))
        return (f"{number(value, lang)}%" if value is not None else "—"), f"> {number(p['min'], lang)}%"
    if shown == "revenue":
        amount = p.get("brand_amount") if check.message_key.endswith("brand_pass") else p.get("amount")
        return f"{number(amount, lang)} PLN", f"≥ {number(check.required, lang)} PLN"
    actual = f"{number(p['pct'], lang)}%" if "pct" in p else "—"
    if shown == "share_at_least_min":
        return actual, f"≥ {number(p['min'], lang)}%"
    sign = "≤" if shown == "share_at_most_limit" else "≥"
    return actual, f"{sign} {number(p.get('limit'), lang)}%"


def hints(check: Check, lang: str, names: Mapping[str, str] | None = None) -> list[str]:
    """What would make a failing or unknown rule pass, or clear a flag, in the user's words: from
    the keys of its `to_pass` (README's table), so that a rule giving known keys needs nothing here.
    `names`: the categories the language names otherwise (`Verdict.category_names`)."""
    if check.status is Status.PASS:
        return []
    t: dict[str, Any] = dict(check.to_pass)
    out: list[str] = []
    if "business_account" in t:
        out.append(text("hint.business_account", lang))
    elif "positive_ratings_needed" in t or "short_pct" in t:
        out.extend(_rating_hints(t, lang))
    elif "grade_needed" in t:
        grade = grade_name(Grade[str(t["grade_needed"])], lang)
        if t.get("accounts_below"):
            accounts = [f"{text('word.account', lang)} {i}" for i in t["accounts_below"]]
            out.append(text("hint.grade_accounts", lang, grade=grade, accounts=accounts))
        else:
            out.append(text("hint.grade", lang, grade=grade))
    elif "min_growth_pct" in t or "next_month_revenue_above" in t:
        out.extend(_growth_hints(t, lang))
    elif any(route in t for route in ("company", "brand", "conditional")):
        out.extend(_revenue_hints(t, lang, str(check.params.get("category", "")), names or {}))
    if check.status is Status.FLAG:
        out.append(text(f"hint.{check.rule}", lang, limit=check.required))
    if check.missing:
        flags = [f"{name} ({FIELD_FLAGS[name]})" if name in FIELD_FLAGS else name for name in check.missing]
        out.append(text("hint.missing", lang, fields=flags))
    return out


def _rating_hints(t: dict[str, Any], lang: str) -> list[str]:
    if "positive_ratings_needed" in t:
        needed = t["positive_ratings_needed"]
        if needed is None:
            return [text("hint.positive_impossible", lang, min=t["min_pct"], negative=t["at_negative_ratings"])]
        return [text("hint.positive_ratings", lang, n=needed, negative=t["at_negative_ratings"], min=t["min_pct"])]
    return [text("hint.positive_pct", lang, short=t["short_pct"], min=t["min_pct"])]


def _growth_hints(t: dict[str, Any], lang: str) -> list[str]:
    out: list[str] = []
    if "last_12_months_short_pln" in t and "min_growth_pct" in t:
        out.append(
            text(
                "hint.growth_yoy",
                lang,
                min=t["min_growth_pct"],
                amount=amount_above(t["last_12_months_revenue_above"]),
                short=amount_above(t["last_12_months_short_pln"]),
            )
        )
    elif "growth_pct" in t:
        growth = shown_against(Decimal(t["growth_pct"]), Decimal(t["min_growth_pct"]))
        out.append(text("hint.growth", lang, min=t["min_growth_pct"], growth=growth))
    bound = t.get("next_month_revenue_above")
    if isinstance(bound, Decimal):
        if bound < 0:
            out.append(text("hint.growth_next_month_any", lang))
        else:
            out.append(text("hint.growth_next_month", lang, amount=amount_above(bound)))
    return out


def _revenue_hints(t: dict[str, Any], lang: str, category: str, names: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    for route in ("company", "brand", "conditional"):
        item = t.get(route)
        if not isinstance(item, dict):
            continue
        short = item["short_pln"]
        growth, market = item.get("growth_pct"), item.get("growth_above_pct")
        known = growth is not None and market is not None
        faster = known and Decimal(str(growth)) > Decimal(str(market))
        figures = {
            "short": short,
            "threshold": item["threshold"],
            "pct": shown_against(Decimal(item["short_pct"]), 0, 1),
            "category": names.get(name := str(item.get("category", category)), name),
            "growth": growth,
            "market": market,
        }
        if short > 0:
            key = f"hint.revenue_{route}"
            if route == "conditional" and known:
                key += "_growth_met" if faster else "_growth"
            out.append(text(key, lang, **figures))
        elif route == "conditional" and known and not faster:
            out.append(text("hint.conditional_growth", lang, **figures))
    return out


def margins(check: Check, lang: str) -> list[str]:
    """How far a passing rule's figure is from failing, from the keys of its `margin` (README's
    table); amounts and points are rounded down, so a margin never reads larger than it is."""
    m: dict[str, Any] = dict(check.margin)
    if check.status is not Status.PASS or not m:
        return []
    if "negative_ratings_spare" in m:
        spare = m["negative_ratings_spare"]
        if spare is None:
            return [text("margin.positive_ratings_any", lang, min=m["min_pct"])]
        return [text("margin.positive_ratings" if spare else "margin.positive_ratings_none", lang, n=spare)]
    if "grades_above" in m:
        n, lowest, minimum = (
            m["grades_above"],
            grade_name(Grade[str(m["grade"])], lang),
            grade_name(Grade[str(m["min_grade"])], lang),
        )
        key = "margin.grades" if check.rule == "other_accounts_quality" else "margin.grade"
        return [text(key if n else f"{key}_none", lang, n=n, lowest=lowest, min=minimum)]
    if "route" in m:
        above = _down(m["above_pln"], 2)
        figures = {
            "above": above,
            "threshold": m["threshold"],
            "pct": _down(m["above_pct"] or 0, 2),
            "category": m.get("category", ""),
            "growth": _down(m.get("growth_above_pct", 0), 2),
        }
        return [text("margin.revenue_exact" if above == 0 else f"margin.revenue_{m['route']}", lang, **figures)]
    if "min_growth_pct" in m:
        above = _down(m["above_pct"], 2)
        if "last_12_months_above_pln" in m:
            pln = _down(m["last_12_months_above_pln"], 2)
            return [text("margin.growth_yoy", lang, above=above, min=m["min_growth_pct"], pln=pln)]
        return [text("margin.growth", lang, above=above, min=m["min_growth_pct"])]
    if "last_12_months_above_pln" in m:
        return [text("margin.growth_from_zero", lang, pln=m["last_12_months_above_pln"])]
    if "below_pct" in m:
        return [text("margin.share_below", lang, below=_down(m["below_pct"], 2), limit=m["max_pct"])]
    if check.discretionary:
        return [text("margin.share_over", lang, above=_down(m["above_pct"], 2), limit=m["min_pct"])]
    return [text("margin.share_above", lang, above=_down(m["above_pct"], 2), min=m["min_pct"])]


def _down(value: object, places: int) -> Decimal:
    """`value` rounded down to `places` decimals (a margin: never shown larger than it is);
    a whole number stays whole."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)


def amount_above(value: object) -> Decimal:
    """An amount to exceed, rounded up to the grosz, so that exceeding the shown amount is enough."""
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def print_wrapped(
    console: Console, line: str, first: str, rest: str, spans: tuple[tuple[int, int, str], ...] = ()
) -> None:
    """`line` wrapped to the console, its first line after `first`, the others indented by `rest`.

    `spans` style parts of the first line (offsets into `line`).
    """
    for i, part in enumerate(wrap(line, console.width, first, rest)):
        shown = Text(part)
        if i == 0:
            for start, end, style in spans:
                shown.stylize(style, len(first) + start, len(first) + end)
        console.print(shown, soft_wrap=True)


def _print_bullets(console: Console, lines: list[str]) -> None:
    """A list whose wrapped lines stay indented under their bullet."""
    for line in lines:
        print_wrapped(console, line, "  • ", "    ")


def render_verdict(
    verdict: Verdict,
    console: Console,
    lang: str = "en",
    nip_mode: str = "show",
    nip_key: bytes | None = None,
    brief: bool = False,
) -> None:
    """Headline, the rules, the pictures, what to do, the notes, and a footer that repeats the
    verdict with the first thing to do, so that a 24-line terminal shows both after scrolling.

    `brief`: the headline, then only the rules that fail, are unknown or flagged, each with what
    would make it pass."""
    code = verdict.verdict
    console.print(Text(text(f"verdict.{code.value}", lang), style=_VERDICT_STYLE[code]))
    who = []
    if verdict.seller is not None:
        who.append(f"{text('label.seller', lang)}: {verdict.seller}")
    nip = None if verdict.nip is None else _core.shown_nip(verdict.nip, nip_mode, nip_key)
    if nip is not None:
        who.append(f"NIP: {nip}")
    if verdict.main_category:
        who.append(f"{text('label.main_category', lang)}: {verdict.category_name(verdict.main_category)}")
    route = text(f"route.{verdict.route.value}", lang) if verdict.route else "—"
    who.append(f"{text('label.route', lang)}: {route}")
    console.print(Text(" · ".join(who)))
    if brief:
        _print_brief(verdict, console, lang)
        return
    _print_checks(verdict, console, lang)
    _print_pictures(verdict, console, lang)
    _print_margins(verdict, console, lang)
    _print_actions(verdict, console, lang)
    _print_notes(verdict, console, lang)
    _print_footer(verdict, console, lang)


def _print_brief(verdict: Verdict, console: Console, lang: str) -> None:
    for check in verdict.checks:
        if check.status is Status.PASS:
            continue
        _print_reason(console, check, text(f"rule.{check.rule}", lang), lang)
        _print_bullets(console, hints(check, lang, verdict.category_names))
    if verdict.verdict in (VerdictCode.ELIGIBLE, VerdictCode.REVIEW):
        print_wrapped(console, text("note.no_guarantee", lang), "", "")


def first_step(verdict: Verdict, lang: str) -> str | None:
    """The one thing to do first: a required rule that fails, else one without figures, else a
    flag to clear, else a discretionary point without figures (rules in the program's order)."""
    order = (
        (Status.FAIL, False),
        (Status.UNKNOWN, False),
        (Status.FLAG, True),
        (Status.FAIL, True),
        (Status.UNKNOWN, True),
    )
    for status, discretionary in order:
        for check in verdict.checks:
            if check.status is status and check.discretionary is discretionary:
                found = hints(check, lang, verdict.category_names)
                if found:
                    return text("label.first_step", lang, rule=text(f"rule.{check.rule}", lang)) + " " + found[0]
    return None


def _print_footer(verdict: Verdict, console: Console, lang: str) -> None:
    code = verdict.verdict
    console.print()
    console.print(Text(text(f"verdict.{code.value}", lang), style=_VERDICT_STYLE[code]))
    step = first_step(verdict, lang)
    if step is not None:
        print_wrapped(console, step, "", "  ")


def _print_checks(verdict: Verdict, console: Console, lang: str) -> None:
    """A table of every rule; its reasons in a column when wide, below it when narrow."""
    wide = console.width >= WIDE_LAYOUT
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False, box=None)
    table.add_column("", no_wrap=True, min_width=1)
    # Rule titles wrap rather than push the figures out (Polish titles are long at 60 columns).
    table.add_column(text("label.rule", lang), no_wrap=console.width >= 140)
    table.add_column(text("label.actual", lang), justify="right", no_wrap=True)
    table.add_column(text("label.required", lang), justify="right", no_wrap=True)
    if wide:
        table.add_column(text("label.reason", lang), ratio=1, min_width=30)
    rows: list[tuple[Check, str, str, str]] = [
        (check, text(f"rule.{check.rule}", lang) + (" *" if check.interpretation else ""), *figure_cells(check, lang))
        for check in verdict.checks
    ]
    columns = [
        [text("label.rule", lang), *(row[1] for row in rows)],
        [text("label.actual", lang), *(row[2] for row in rows)],
        [text("label.required", lang), *(row[3] for row in rows)],
    ]
    # The reasons are wrapped here (see `wrap`) to the width the table leaves them: 4 gaps of 2.
    used = 1 + sum(max(cell_len(cell) for cell in column) for column in columns) + 8
    reason_width = max(console.width - used, 30)
    for check, title, actual, required in rows:
        mark, style = _STATUS_STYLE[check.status]
        row: list[Text | str] = [Text(mark, style=style), title, actual, required]
        if wide:
            row.append("\n".join(wrap(check_message(check, lang), reason_width)))
        table.add_row(*row)
    console.print(table)
    if not wide:
        console.print()
        # A passing rule's row says it all; the others' reasons follow (each rule shown once), and
        # those of a pass decided on an assumed default, which the row cannot explain.
        for check, title, _, _ in (row for row in rows if row[0].status is not Status.PASS or row[0].assumed):
            _print_reason(console, check, title, lang)
    console.print()


def _print_reason(console: Console, check: Check, title: str, lang: str) -> None:
    """`✘ Title: the rule's sentence`, wrapped, its mark and title styled."""
    mark, style = _STATUS_STYLE[check.status]
    line = f"{mark} {title}: {check_message(check, lang)}"
    print_wrapped(console, line, "", "", ((0, len(mark), style), (len(mark) + 1, len(mark) + len(title) + 2, "bold")))


def _print_pictures(verdict: Verdict, console: Console, lang: str) -> None:
    for picture in (revenue_gauge(verdict, lang, console.width), revenue_sparkline(verdict, lang, console.width)):
        if picture:
            for line in picture:
                console.print(line)
            console.print()


def _print_margins(verdict: Verdict, console: Console, lang: str) -> None:
    """How far each passing rule is from failing."""
    lines = [f"{text(f'rule.{check.rule}', lang)}: {line}" for check in verdict.checks for line in margins(check, lang)]
    if lines:
        console.print(Text(text("label.margin", lang), style="bold"))
        _print_bullets(console, lines)
        console.print()


def _print_actions(verdict: Verdict, console: Console, lang: str) -> None:
    """What would make it pass; what was not assessed; the flags to address; the benefits."""
    for label, discretionary in (("label.to_pass", False), ("label.not_assessed", True)):
        todo = [
            f"{text(f'rule.{check.rule}', lang)}: {hint}"
            for check in verdict.checks
            if check.status in (Status.FAIL, Status.UNKNOWN) and check.discretionary is discretionary
            for hint in hints(check, lang, verdict.category_names)
        ]
        if todo:
            console.print(Text(text(label, lang), style="bold"))
            _print_bullets(console, todo)
            console.print()
    flagged = [check for check in verdict.checks if check.status is Status.FLAG]
    if flagged:
        console.print(Text(text("review.title", lang), style="bold"))
        lines = [
            f"{text(f'rule.{check.rule}', lang)}: {' '.join(hints(check, lang))} {text(f'why.{check.rule}', lang)}"
            for check in flagged
        ]
        _print_bullets(console, lines)
        print_wrapped(console, text("review.why", lang), "", "")
        console.print()
    # A seller under review meets the criteria too: the benefits, titled with Allegro's right to decline.
    if verdict.verdict in (VerdictCode.ELIGIBLE, VerdictCode.REVIEW):
        title = "benefits.title" if verdict.verdict is VerdictCode.ELIGIBLE else "benefits.title_review"
        console.print(Text(text(title, lang), style="bold"))
        _print_bullets(console, [text(f"benefits.{name}", lang) for name in BENEFITS])
        console.print()


def _print_notes(verdict: Verdict, console: Console, lang: str) -> None:
    notes = []
    if any(check.interpretation for check in verdict.checks):
        notes.append(text("note.interpretation", lang))
    ref = verdict.thresholds
    start = ref.effective_from or text("note.no_start", lang)
    source = text("note.shipped", lang) if ref.source == SHIPPED_TABLE else ref.source
    notes.append(text("note.thresholds", lang, name=ref.name, version=ref.version, start=start, source=source))
    if verdict.verdict in (VerdictCode.ELIGIBLE, VerdictCode.REVIEW):
        notes.append(text("note.no_guarantee", lang))
    for note in notes:
        print_wrapped(console, note, "", "", ((0, len(note), "dim"),))
