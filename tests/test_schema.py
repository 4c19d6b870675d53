"""`diamond schema`: valid draft 2020-12 schemas that agree with what the code reads and writes."""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from diamond_cli.cli import app
from diamond_cli.errors import InputError
from diamond_cli.jsontext import dumps
from diamond_cli.models import POLISH_GRADE_NAMES, Grade
from diamond_cli.pipeline import convert
from diamond_cli.thresholds import TableVersion
from tests.conftest import parse_record, record
from tests.test_examples import EXAMPLES

ENV = {"COLUMNS": "120", "NO_COLOR": "1", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "DIAMOND_NIP_KEY": "k"}


@functools.cache
def cli_schema(which: str) -> Draft202012Validator:
    """The schema as the command prints it, checked against the 2020-12 meta-schema."""
    result = CliRunner().invoke(app, ["schema", which], env=ENV, catch_exceptions=False)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, instance: object) -> list[str]:
    return [error.message for error in validator.iter_errors(instance)]


@pytest.mark.parametrize("which", ["input", "result"])
def test_schemas_are_valid_draft_2020_12(which: str) -> None:
    assert cli_schema(which).schema["title"].startswith("diamond_cli")


def test_unknown_schema_name_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["schema", "output"], env=ENV)
    assert result.exit_code == 2


def test_shipped_example_is_a_valid_record() -> None:
    example = json.loads(Path("examples/seller.json").read_text(encoding="utf-8"), parse_float=Decimal)
    assert errors(cli_schema("input"), example) == []


# ---------------------------------------------------------------- the record: schema and reader agree


def as_json(value: Any) -> Any:
    """The value as `check` would read it from a JSON document: exact numbers, JSON types."""
    return json.loads(dumps(value), parse_float=Decimal)


VALID = {
    "base": {},
    "polish grade, any case": {"quality": "dobry", "other_accounts_quality": ["NEUTRALNY", "Super+"]},
    "grade with dashes": {"quality": "super-plus", "other_accounts_quality": ["Needs Improvement"]},
    "percentage only, with a decimal comma": {"ratings": ..., "positive_ratings_pct": "99,8"},
    "both rating forms": {"positive_ratings_pct": Decimal("99.5")},
    "NIP as an integer": {"nip": 7740001454},
    "NIP with PL and dashes": {"nip": "PL 774-000-14-54"},
    "optional figures null": {"monthly_revenue": None, "exportable_pct": None, "suspended": None},
    "24 months": {"monthly_revenue": [100] * 24},
    "negative growth as text": {"category_growth_pct": "-3,5", "category_market_growth_pct": -2},
    "brand zone": {"brand_zone_revenue": {"Dziecko": 600000}},
    "seller as a number": {"seller": 42},
}
INVALID = {
    "unknown field": {"quailty": "GOOD"},
    "missing required": {"business_account": ...},
    "required null": {"quality": None},
    "no ratings in any form": {"ratings": ...},
    "ratings null, no percentage": {"ratings": None},
    "negative revenue": {"revenue": {"Kids": -1}},
    "no revenue category": {"revenue": {}},
    "share above 100": {"exportable_pct": Decimal("100.5")},
    "share as bad text": {"exportable_pct": "lots"},
    "13 months": {"monthly_revenue": [1] * 13},
    "negative count": {"ratings": {"positive": -1, "negative": 0}},
    "fractional count": {"ratings": {"positive": Decimal("1.5"), "negative": 0}},
    "extra ratings key": {"ratings": {"positive": 1, "negative": 0, "neutral": 0}},
    "unknown grade": {"quality": "GREAT"},
    "boolean as text": {"business_account": "yes"},
    "NIP too short": {"nip": "123"},
    "amount too large": {"revenue": {"Kids": 10**15}},
    "seller as a boolean": {"seller": True},
}


def tool_accepts(table: TableVersion, data: dict[str, Any]) -> bool:
    try:
        parse_record(as_json(data), table)
    except InputError:
        return False
    return True


@pytest.mark.parametrize("name", list(VALID))
def test_valid_records_pass_both(table: TableVersion, name: str) -> None:
    data = record(**VALID[name])
    assert tool_accepts(table, data)
    assert errors(cli_schema("input"), as_json(data)) == []


@pytest.mark.parametrize("name", list(INVALID))
def test_invalid_records_fail_both(table: TableVersion, name: str) -> None:
    data = record(**INVALID[name])
    assert not tool_accepts(table, data)
    assert errors(cli_schema("input"), as_json(data)) != []


def test_what_the_schema_cannot_see_is_left_to_the_tool(table: TableVersion) -> None:
    """Checks needing the table or arithmetic: the schema accepts, the tool refuses (documented)."""
    for changes in (
        {"nip": "7740001455"},  # check digit
        {"revenue": {"Kidz": 1}},  # categories are the table's
        {"exportable_pct": Decimal("1.0000000000001")},  # more than 12 decimal places
        {"exportable_pct": "100,5"},  # the range of a number written as text
    ):
        data = record(**changes)
        assert errors(cli_schema("input"), as_json(data)) == []
        assert not tool_accepts(table, data)


def test_a_field_without_a_schema_stops_generation(monkeypatch: pytest.MonkeyPatch) -> None:
    from diamond_cli import _core, schema

    fields = _core.record_fields()
    monkeypatch.setattr(schema._core, "record_fields", lambda: [*fields, ("returns_pct", "returns", False)])
    with pytest.raises(LookupError, match="no JSON Schema for 'returns_pct'"):
        schema.input_schema()


GRADE_WORDS = [g.name for g in Grade] + list(POLISH_GRADE_NAMES.values())


@st.composite
def grade_spellings(draw: st.DrawFn) -> str:
    """A grade name with random case, separators swapped and spaces around, or a near miss."""
    word = draw(st.sampled_from(GRADE_WORDS))
    chars = [draw(st.sampled_from([c.lower(), c.upper()])) for c in word]
    chars = [draw(st.sampled_from(["_", "-", " ", ""])) if c in "_ " else c for c in chars]
    if draw(st.booleans()):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(["x", "+", "-", "ł"])))
    return draw(st.sampled_from(["", " ", "\t"])) + "".join(chars) + draw(st.sampled_from(["", " "]))


@settings(max_examples=300, deadline=None)
@given(grade_spellings())
def test_grade_pattern_accepts_exactly_what_the_reader_accepts(spelling: str) -> None:
    try:
        convert("grade", spelling)
        accepted = True
    except InputError:
        accepted = False
    assert (errors(cli_schema("input"), record(quality=spelling)) == []) == accepted, spelling


# ---------------------------------------------------------------- results: real outputs


def check_json(tmp_path: Path, data: dict[str, Any], *flags: str) -> tuple[int, dict[str, Any]]:
    path = tmp_path / "seller.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json", *flags], env=ENV, catch_exceptions=False)
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    return result.exit_code, json.loads(lines[0], parse_float=Decimal)


@pytest.mark.parametrize(("name", "changes", "verdict", "route"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_real_results_match_the_schema(
    tmp_path: Path, name: str, changes: dict[str, Any], verdict: str, route: str | None
) -> None:
    _, result = check_json(tmp_path, record(**changes))
    assert result["verdict"] == verdict
    assert errors(cli_schema("result"), result) == []
    # every field the code writes is described, so the schema cannot fall behind result.py
    assert set(result) == set(cli_schema("result").schema["oneOf"][0]["properties"])
    described = cli_schema("result").schema["oneOf"][0]["properties"]["checks"]["items"]
    for check in result["checks"]:
        # `margin` and `assumed` are written only where they apply
        assert set(described["required"]) <= set(check) <= set(described["properties"])
    optional = {key for check in result["checks"] for key in check} - set(described["required"])
    assert optional <= {"margin", "assumed"}


@pytest.mark.parametrize("flags", [("--lang", "pl"), ("--nip", "mask"), ("--nip", "hash")])
def test_results_in_every_language_and_privacy_mode_match(tmp_path: Path, flags: tuple[str, ...]) -> None:
    _, result = check_json(tmp_path, record(), *flags)
    assert errors(cli_schema("result"), result) == []


def test_error_result_matches_and_a_verdict_cannot_pass_as_one(tmp_path: Path) -> None:
    code, result = check_json(tmp_path, record(nip="7740001455"))
    assert code == 3
    assert result["verdict"] == "error"
    assert errors(cli_schema("result"), result) == []
    _, good = check_json(tmp_path, record())
    broken = {**good, "checks": good["checks"][:-1]}
    assert errors(cli_schema("result"), broken) != []  # a rule missing from checks
    flagged_required = {**good, "checks": [{**good["checks"][0], "status": "flag"}, *good["checks"][1:]]}
    assert errors(cli_schema("result"), flagged_required) != []  # a required rule never flags
