"""The human view of a verdict: a headline, a table of every rule, and what would make it pass."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from diamond_cli.messages import check_message, grade_name, number, text
from diamond_cli.models import Check, Grade, Status, Verdict, VerdictCode
from diamond_cli.result import shown_nip

# At this width and above the reasons sit in the table; below it they follow the table.
WIDE_LAYOUT = 120

_STATUS_STYLE = {
    Status.PASS: ("✔", "green"),
    Status.FAIL: ("✘", "bold red"),
    Status.UNKNOWN: ("?", "yellow"),
    Status.FLAG: ("!", "magenta"),
}
_VERDICT_STYLE = {
    VerdictCode.ELIGIBLE: "bold green",
    VerdictCode.REVIEW: "bold magenta",
    VerdictCode.NOT_ELIGIBLE: "bold red",
    VerdictCode.INCOMPLETE: "bold yellow",
}
# Which flag supplies each input field, for "give ..." hints.
FIELD_FLAGS = {
    "ratings": "--positive/--negative",
    "positive_ratings_pct": "--positive-pct",
    "monthly_revenue": "--monthly-revenue",
    "category_growth_pct": "--category-growth",
    "category_market_growth_pct": "--market-growth",
    "transaction_problems_pct": "--transaction-problems",
    "exportable_pct": "--exportable",
    "new_condition_pct": "--new-condition",
}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader went away (`| head`): leave it to the command, as for JSON output. Rich's
        default exits with status 1, which `diamond check` documents as "not eligible"."""
        self.quiet = True
        raise BrokenPipeError


def make_console(color: str, stderr: bool = False, width: int | None = None) -> Console:
    """`color`: auto (a terminal, unless NO_COLOR is set), always or never."""
    if color == "always":
        return _Console(stderr=stderr, force_terminal=True, width=width, highlight=False)
    if color == "never":
        return _Console(stderr=stderr, color_system=None, width=width, highlight=False, emoji=False)
    return _Console(stderr=stderr, width=width, highlight=False)


def figure_cells(check: Check, lang: str) -> tuple[str, str]:
    """The actual and required figures of a rule, as shown (never rounded across the limit)."""
    p: dict[str, Any] = dict(check.params)
    rule = check.rule
    if rule in ("business_account", "account_suspended"):
        yes, no = text("word.yes", lang), text("word.no", lang)
        return (yes if check.actual else no, yes if check.required else no)
    if rule == "positive_ratings":
        actual = f"{number(p['pct'], lang)}%" if "pct" in p else "—"
        return actual, f"≥ {number(p['min'], lang)}%"
    if rule == "main_account_quality":
        return grade_name(p["grade"], lang), f"≥ {grade_name(p['min'], lang)}"
    if rule == "other_accounts_quality":
        grades = [grade_name(Grade[name], lang) for name in check.actual] if isinstance(check.actual, list) else []
        return (", ".join(grades) or "—"), f"≥ {grade_name(p['min'], lang)}"
    if rule == "revenue_growth":
        value = p.get("growth", p.get("trend"))
        return (f"{number(value, lang)}%" if value is not None else "—"), f"> {number(p['min'], lang)}%"
    if rule == "revenue_threshold":
        amount = p.get("brand_amount") if check.message_key.endswith("brand_pass") else p.get("amount")
        required = check.required
        return f"{number(amount, lang)} PLN", f"≥ {number(required, lang)} PLN"
    limit = p.get("limit")
    sign = "≤" if rule == "transaction_problems" else "≥"
    actual = f"{number(p['pct'], lang)}%" if "pct" in p else "—"
    return actual, f"{sign} {number(limit, lang)}%"


def hints(check: Check, lang: str) -> list[str]:
    """What would make a failing or unknown rule pass, or clear a flag."""
    t = check.to_pass
    out: list[str] = []
    if check.status is Status.PASS:
        return out
    if "business_account" in t:
        out.append(text("hint.business_account", lang))
    if "positive_ratings_needed" in t:
        out.append(text("hint.positive_ratings", lang, n=t["positive_ratings_needed"], min=t["min_pct"]))
    elif check.rule == "positive_ratings" and "min_pct" in t:
        out.append(text("hint.positive_pct", lang, min=t["min_pct"]))
    if "grade_needed" in t:
        out.append(text("hint.grade", lang, grade=grade_name(Grade[str(t["grade_needed"])], lang)))
    if check.rule == "revenue_growth" and "min_growth_pct" in t:
        if "last_12_months_revenue_above" in t:
            out.append(
                text("hint.growth_yoy", lang, min=t["min_growth_pct"], amount=_whole(t["last_12_months_revenue_above"]))
            )
        else:
            out.append(text("hint.growth", lang, min=t["min_growth_pct"]))
    if check.rule == "revenue_threshold":
        for route in ("company", "brand", "conditional"):
            item = t.get(route)
            if not isinstance(item, dict):
                continue
            if item.get("short_pln"):
                out.append(
                    text(
                        f"hint.revenue_{route}",
                        lang,
                        short=item["short_pln"],
                        threshold=item["threshold"],
                        pct=Decimal(str(item["short_pct"])).quantize(Decimal("0.1")),
                        category=item.get("category", ""),
                    )
                )
            elif route == "conditional" and "growth_above_pct" in item:
                out.append(text("hint.conditional_growth", lang, growth=item["growth_above_pct"]))
    if check.status is Status.FLAG and check.rule != "account_suspended":
        out.append(text(f"hint.{check.rule}", lang, limit=check.required))
    if check.status is Status.FLAG and check.rule == "account_suspended":
        out.append(text("hint.account_suspended", lang))
    if check.missing:
        flags = [f"{name} ({FIELD_FLAGS[name]})" if name in FIELD_FLAGS else name for name in check.missing]
        out.append(text("hint.missing", lang, fields=flags))
    return out


def _whole(value: object) -> Decimal:
    """An amount that must be exceeded, shown as the next whole grosz above it when it is not exact."""
    amount = Decimal(str(value))
    return amount.quantize(Decimal("0.01")) if amount != amount.quantize(Decimal("0.01")) else amount


def render_verdict(
    verdict: Verdict, console: Console, lang: str = "en", nip_mode: str = "show", nip_key: bytes | None = None
) -> None:
    code = verdict.verdict
    console.print(Text(text(f"verdict.{code.value}", lang), style=_VERDICT_STYLE[code]))
    who = []
    if verdict.seller is not None:
        who.append(f"{text('label.seller', lang)}: {verdict.seller}")
    nip = shown_nip(verdict.nip, nip_mode, nip_key)
    if nip is not None:
        who.append(f"NIP: {nip}")
    if verdict.main_category:
        who.append(f"{text('label.main_category', lang)}: {verdict.main_category}")
    route = text(f"route.{verdict.route.value}", lang) if verdict.route else "—"
    who.append(f"{text('label.route', lang)}: {route}")
    console.print(Text(" · ".join(who)))

    wide = console.width >= WIDE_LAYOUT
    table = Table(show_header=True, header_style="bold", expand=False, pad_edge=False, box=None)
    table.add_column("", no_wrap=True)
    table.add_column(text("label.rule", lang), no_wrap=not wide or console.width >= 140)
    table.add_column(text("label.actual", lang), justify="right", no_wrap=True)
    table.add_column(text("label.required", lang), justify="right", no_wrap=True)
    if wide:
        table.add_column(text("label.reason", lang), ratio=1, min_width=30)
    any_interpretation = False
    details: list[Text] = []
    for check in verdict.checks:
        mark, style = _STATUS_STYLE[check.status]
        title = text(f"rule.{check.rule}", lang) + (" *" if check.interpretation else "")
        any_interpretation = any_interpretation or check.interpretation
        actual, required = figure_cells(check, lang)
        message = check_message(check, lang)
        row: list[Text | str] = [Text(mark, style=style), title, actual, required]
        if wide:
            row.append(message)
        else:
            details.append(Text.assemble((f"{mark} ", style), (f"{title}: ", "bold"), message))
        table.add_row(*row)
    console.print(table)
    if details:
        console.print()
        for detail in details:
            console.print(detail)
    console.print()

    todo = [(check, hint) for check in verdict.checks for hint in hints(check, lang)]
    if todo:
        console.print(Text(text("label.to_pass", lang), style="bold"))
        for check, hint in todo:
            console.print(Text(f"  • {text(f'rule.{check.rule}', lang)}: {hint}"))
    notes = []
    if any_interpretation:
        notes.append(text("note.interpretation", lang))
    ref = verdict.thresholds
    start = ref.effective_from or text("note.no_start", lang)
    notes.append(text("note.thresholds", lang, name=ref.name, version=ref.version, start=start, source=ref.source))
    if code in (VerdictCode.ELIGIBLE, VerdictCode.REVIEW):
        notes.append(text("note.no_guarantee", lang))
    console.print(Group(*(Text(n, style="dim") for n in notes)))
