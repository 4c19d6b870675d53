"""Shared checks: rules with few distinct inputs give one Check object per input, never a wrong one."""

from __future__ import annotations

import datetime as dt

from diamond_cli import engine
from diamond_cli.engine import is_shared
from diamond_cli.result import check_dict
from diamond_cli.thresholds import TableVersion, parse_table
from tests.conftest import run
from tests.tables import table_text, version_text

SHARED_RULES = ("business_account", "main_account_quality", "other_accounts_quality", "account_suspended")


def test_same_inputs_give_the_same_check_object(table: TableVersion) -> None:
    first = run(table, seller="a", exportable_pct=...)
    second = run(table, seller="b", ratings={"positive": 10, "negative": 10}, exportable_pct=...)
    for rule in (*SHARED_RULES, "export_potential"):
        assert first.check(rule) is second.check(rule)
        assert is_shared(first.check(rule))
    # figures that vary from seller to seller are never shared
    assert not is_shared(first.check("positive_ratings"))
    assert not is_shared(first.check("revenue_threshold"))


def test_different_inputs_give_different_checks(table: TableVersion) -> None:
    good = run(table, quality="GOOD", suspended=False, business_account=True, other_accounts_quality=[])
    poor = run(table, quality="NEUTRAL", suspended=True, business_account=False, other_accounts_quality=["NEUTRAL"])
    for rule in SHARED_RULES:
        assert good.check(rule) is not poor.check(rule)
        assert good.check(rule).status != poor.check(rule).status or rule == "other_accounts_quality"
    assert check_dict(good.check("main_account_quality"), "en")["actual"] == "GOOD"
    assert check_dict(poor.check("main_account_quality"), "en")["actual"] == "NEUTRAL"


def test_equal_limits_written_differently_are_not_confused() -> None:
    """A limit of 2.0 and one of 2 compare equal but are written differently in the result."""
    tables = []
    for limit in ("2.0", "2"):
        text = table_text(version_text("v", "2026-01-01")).replace("max_pct: {value: 2.0", f"max_pct: {{value: {limit}")
        tables.append(parse_table(text, "test").in_force(dt.date(2026, 11, 23)))
    written = [
        check_dict(run(t, transaction_problems_pct=..., revenue={"Kids": 1}).check("transaction_problems"), "en")[
            "required"
        ]
        for t in tables
    ]
    assert [str(w) for w in written] == ["2.0", "2"]


def test_the_shared_outcomes_stay_bounded(table: TableVersion, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(engine, "_SHARED_LIMIT", 3)
    monkeypatch.setattr(engine, "_SHARED", {})
    monkeypatch.setattr(engine, "_SHARED_IDS", set())
    seen = []
    for grades in ([], ["GOOD"], ["SUPER"], ["NEUTRAL"], ["GOOD", "GOOD"]):
        verdict = run(table, other_accounts_quality=grades)
        seen.append(verdict.check("other_accounts_quality"))
        assert len(engine._SHARED) <= 3
        assert len(engine._SHARED_IDS) == len(engine._SHARED)
    assert [c.actual for c in seen] == [[], ["GOOD"], ["SUPER"], ["NEUTRAL"], ["GOOD", "GOOD"]]


def test_a_batch_writes_shared_checks_exactly_as_fresh_ones(table: TableVersion) -> None:
    """The batch's pre-encoded JSON of a shared check is byte-for-byte what encoding it afresh gives."""
    import json

    import msgspec

    from diamond_cli.batch import Evaluator, Settings, Summary
    from diamond_cli.models import TableRef
    from diamond_cli.result import result_dict
    from tests.conftest import record

    ref = TableRef("allegro-diamond-partners", "test", None, "test")
    evaluator = Evaluator(Settings(table, ref, "pl", "mask", None, "jsonl"))
    encoder = msgspec.json.Encoder(decimal_format="number")
    lines = [json.dumps(record(seller=f"s{i}", suspended=bool(i % 2), quality="GOOD")).encode() for i in range(4)]
    for number, line in enumerate(lines, 1):
        written = evaluator.result((number, number, line), Summary())
        verdict = evaluator.evaluate(evaluator.fields(line))
        fresh = encoder.encode({"line": number, "record": number, **result_dict(verdict, "pl", "mask")}) + b"\n"
        assert written == fresh
    assert len(evaluator.shared_json) >= 4  # the shared outcomes were written from their pre-encoded JSON
    shared = verdict.check("business_account")
    assert evaluator.check_json(shared, "en") == check_dict(shared, "en")  # not the cached Polish JSON
