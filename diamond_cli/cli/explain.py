"""`diamond explain [RULE]`: what each rule checks, whose reading it is, and its numbers in force.

A user must be able to tell Allegro's words from ours (RULES.md): every rule says whether it is
the program page's criterion, our interpretation, or the page's criterion read by ours, and each
parameter carries the source the table gives it. Module-level imports stay light; rich is loaded
only when the command runs.
"""

# No `from __future__ import annotations`: see common.py.

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer

from diamond_cli.cli.common import Color, Lang, app, default_lang, guarded, load_version, parse_as_of
from diamond_cli.errors import UsageError
from diamond_cli.models import ALL_RULES, DISCRETIONARY_RULES, RULE_BASIS, Grade


def closest_rule(name: str) -> str:
    """The rule id nearest to what the user typed (always one: the list is short)."""
    import difflib

    matches = difflib.get_close_matches(name, ALL_RULES, n=1, cutoff=0.0)
    return matches[0] if matches else ALL_RULES[0]


def normalize_rule(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


@app.command(
    epilog="Examples:\n\n  diamond explain\n\n  diamond explain revenue_threshold --lang pl\n\n"
    "  diamond explain positive_ratings --thresholds my-table.yaml --as-of 2027-01-01",
)
def explain(
    rule: Annotated[str | None, typer.Argument(help="A rule id (all rules when omitted).")] = None,
    thresholds: Annotated[Path | None, typer.Option(help="Thresholds table (default: the shipped one).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Use the table version in force on this date.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language (default from LC_ALL/LC_MESSAGES/LANG).")] = None,
    color: Annotated[
        Color, typer.Option(help="Colour: auto (terminal, honours NO_COLOR), always, never.")
    ] = Color.auto,
    debug: Annotated[bool, typer.Option(help="Show a traceback on internal errors.")] = False,
) -> None:
    """Explain the rules: what each checks, whether it is the program page's or our interpretation."""
    language = (lang.value if lang else None) or default_lang()

    def body() -> int:
        from diamond_cli.messages import text

        rules = list(ALL_RULES)
        if rule is not None:
            wanted = normalize_rule(rule)
            if wanted not in ALL_RULES:
                raise UsageError(
                    text(
                        "explain.unknown_rule",
                        language,
                        rule=rule,
                        closest=closest_rule(wanted),
                        rules=", ".join(ALL_RULES),
                    )
                )
            rules = [wanted]
        version, ref = load_version(thresholds, parse_as_of(as_of))
        render_explanation(version, ref, rules, language, color.value, single=rule is not None)
        return 0

    guarded(body, debug=debug)


def render_explanation(version: Any, ref: Any, rules: list[str], lang: str, color: str, *, single: bool) -> None:
    from rich.text import Text

    from diamond_cli.messages import grade_name, number, text
    from diamond_cli.render_human import make_console, print_wrapped

    console = make_console(color)
    start = ref.effective_from or text("note.no_start", lang)
    console.print(Text(text("explain.title", lang, name=ref.name, version=ref.version, start=start), style="bold"))
    for rule in rules:
        console.print()
        console.print(Text.assemble((rule, "bold"), " — ", text(f"rule.{rule}", lang)))
        kind = "discretionary" if rule in DISCRETIONARY_RULES else "required"
        grades = ", ".join(grade_name(g, lang) for g in Grade)
        for line in (
            text(f"explain.{rule}", lang, grades=grades),
            text(f"explain.{kind}", lang),
            text(f"explain.basis.{RULE_BASIS[rule]}", lang),
        ):
            print_wrapped(console, line, "  ", "  ")
        params = version.params.get(rule, {})
        if params:
            console.print(Text("  " + text("explain.parameters", lang)))
            for name, param in params.items():
                value = _value(param.value, lang)
                source = text(f"explain.source.{param.source}", lang)
                console.print(Text("    " + text("explain.param", lang, name=name, value=value, source=source)))
        if rule == "revenue_threshold" and single:
            print_wrapped(console, text("explain.categories", lang), "  ", "  ")
            width = max(len(c.name) for c in version.categories)
            digits = max(len(number(c.company, lang)) for c in version.categories)
            for c in version.categories:
                amounts = " · ".join(f"{number(a, lang):>{digits}}" for a in (c.company, c.conditional, c.brand))
                console.print(Text(f"    {c.name:<{width}}  {amounts}"))
    if not single:
        console.print()
        console.print(Text(text("explain.more", lang), style="dim"))


def _value(value: object, lang: str) -> str:
    from diamond_cli.messages import grade_name, number, text

    if isinstance(value, bool):
        return text("word.yes" if value else "word.no", lang)
    if isinstance(value, Grade):
        return grade_name(value, lang)
    if isinstance(value, (Decimal, int)):
        return number(value, lang)
    return str(value)
