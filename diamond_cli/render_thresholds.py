"""The human view of a thresholds table version: categories × thresholds, then the rule parameters.

It renders the same plain dict that `--format json|yaml` prints, so the three views cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from diamond_cli.messages import grade_name, number, text
from diamond_cli.models import SHIPPED_TABLE, Grade
from diamond_cli.thresholds import PARAM_KINDS

_INTERPRETATION_STYLE = "yellow"


def render_version(data: Mapping[str, Any], console: Console, lang: str) -> None:
    start = data["effective_from"] or text("note.no_start", lang)
    source = text("note.shipped", lang) if data["source"] == SHIPPED_TABLE else data["source"]
    console.print(
        text("note.thresholds", lang, name=data["table"], version=data["version"], start=start, source=source)
    )
    console.print(text("thresholds.as_of", lang, day=data["as_of"]))
    if data["note"]:
        console.print(Text(data["note"], style="dim"))
    if data["inherits"]:
        console.print(Text(text("thresholds.inherits", lang, base=data["inherits"])))
    if data["removed"]:
        console.print(Text(text("thresholds.removed", lang, names=data["removed"])))
    if len(data["versions"]) > 1:
        console.print(text("thresholds.versions", lang))
        for version in data["versions"]:
            key = "thresholds.valid_version" if version["effective_from"] else "thresholds.undated_version"
            console.print(f"  {text(key, lang, version=version['version'], start=version['effective_from'])}")
    console.print(categories_table(data["categories"], lang))
    console.print(parameters_table(data["rules"], lang))
    console.print(Text(text("thresholds.sources", lang), style="dim"))


def _source_cell(source: str, lang: str) -> Text:
    style = _INTERPRETATION_STYLE if source == "interpretation" else ""
    return Text(text(f"source.{source}", lang), style=style)


def categories_table(categories: list[Mapping[str, Any]], lang: str) -> Table:
    table = Table(title=text("thresholds.categories_title", lang), title_justify="left")
    table.add_column(text("label.category", lang))
    for kind in ("company", "conditional", "brand"):
        table.add_column(text(f"label.{kind}", lang), justify="right")
    table.add_column(text("label.aliases", lang))
    table.add_column(text("label.source", lang))
    for category in categories:
        table.add_row(
            category["name"],
            number(category["company"], lang),
            number(category["conditional"], lang),
            number(category["brand"], lang),
            ", ".join([*([category["pl"]] if category.get("pl") else []), *category["aliases"]]),
            _source_cell(category["source"], lang),
        )
    return table


def parameters_table(rules: Mapping[str, Mapping[str, Mapping[str, Any]]], lang: str) -> Table:
    table = Table(title=text("thresholds.params_title", lang), title_justify="left")
    for label in ("label.rule", "label.parameter", "label.value", "label.meaning", "label.source"):
        table.add_column(text(label, lang), justify="right" if label == "label.value" else "left")
    for rule, params in rules.items():
        for name, param in params.items():
            table.add_row(
                text(f"rule.{rule}", lang),
                name,
                _value_cell(param["value"], PARAM_KINDS[rule][name], lang),
                text(f"param.{rule}.{name}", lang),
                _source_cell(param["source"], lang),
            )
    return table


def _value_cell(value: object, kind: str, lang: str) -> str:
    if kind == "grade":
        return grade_name(Grade[str(value)], lang)
    if kind == "bool":
        return text("word.yes" if value else "word.no", lang)
    return f"{number(value, lang)}%"


# ---------------------------------------------------------------- diff


def _version_text(version: Mapping[str, Any], lang: str) -> str:
    key = "thresholds.valid_version" if version["effective_from"] else "thresholds.undated_version"
    return text(key, lang, version=version["version"], start=version["effective_from"])


def render_diff(data: Mapping[str, Any], console: Console, lang: str) -> None:
    """`diamond thresholds diff`: the same dict `--format json` prints, as two tables."""
    old, new = _version_text(data["from"], lang), _version_text(data["to"], lang)
    console.print(Text(text("diff.title", lang, name=data["table"], old=old, new=new)))
    if not data["categories"] and not data["rules"]:
        console.print(text("diff.none", lang))
        return
    if data["categories"]:
        table = Table(title=text("thresholds.categories_title", lang), title_justify="left")
        for label in ("label.category", "label.change", "label.parameter", "label.before", "label.after"):
            table.add_column(text(label, lang), justify="right" if label in ("label.before", "label.after") else "left")
        for category in data["categories"]:
            change = category["change"]
            for index, entry in enumerate(category["parameters"]):
                table.add_row(
                    category["name"] if index == 0 else "",
                    Text(text(f"diff.change.{change}", lang), style=_CHANGE_STYLES[change]) if index == 0 else "",
                    entry["parameter"],
                    _category_value(entry["parameter"], entry["old"], lang),
                    _category_value(entry["parameter"], entry["new"], lang),
                )
        console.print(table)
    if data["rules"]:
        table = Table(title=text("thresholds.params_title", lang), title_justify="left")
        for label in ("label.rule", "label.parameter", "label.before", "label.after"):
            table.add_column(text(label, lang), justify="right" if label in ("label.before", "label.after") else "left")
        for entry in data["rules"]:
            rule, parameter = entry["rule"], entry["parameter"]
            table.add_row(
                text(f"rule.{rule}", lang),
                parameter,
                _rule_value(rule, parameter, entry["old"], lang),
                _rule_value(rule, parameter, entry["new"], lang),
            )
        console.print(table)
    console.print(text("diff.summary", lang, categories=len(data["categories"]), parameters=len(data["rules"])))


_CHANGE_STYLES = {"added": "green", "removed": "red", "changed": "yellow"}


def _category_value(parameter: str, value: object, lang: str) -> str | Text:
    if value is None:
        return "—"
    if parameter == "aliases":
        return ", ".join(str(alias) for alias in value) if isinstance(value, list) and value else "—"
    if parameter == "source":
        return _source_cell(str(value), lang)
    if parameter == "pl":
        return str(value)
    return number(value, lang)


def _rule_value(rule: str, parameter: str, value: object, lang: str) -> str | Text:
    if parameter.endswith(".source"):
        return _source_cell(str(value), lang)
    return _value_cell(value, PARAM_KINDS[rule][parameter], lang)


# ---------------------------------------------------------------- validate --format github


def _github_data(value: str) -> str:
    """A workflow command's message, escaped as GitHub's runner reads it back."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotations(source: str, located: list[tuple[int | None, int | None, str]]) -> str:
    """One `::error file=F,line=L,col=C::message` a problem: GitHub shows each on its line of the
    pull request's diff. A problem without a position is annotated on the file."""
    lines = []
    for line, column, message in located:
        where = f"file={_github_property(source)}"
        if line:
            where += f",line={line}" + (f",col={column}" if column else "")
        lines.append(f"::error {where}::{_github_data(message)}\n")
    return "".join(lines)
