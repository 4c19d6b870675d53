"""Rules with few distinct inputs: the same inputs give the same check, different ones never a
wrong one; a batch writes every check as `check` writes it. (The Python engine's shared-check
cache is gone with the Python engine; the core words every check afresh.)"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from diamond_cli.pipeline import Batch, Engine
from diamond_cli.thresholds import TableVersion, parse_table
from tests.conftest import TEST_REF, record, run
from tests.tables import table_text, version_text

SHARED_RULES = ("business_account", "main_account_quality", "other_accounts_quality", "account_suspended")


def check_dict(table: TableVersion, lang: str, rule: str, **changes: Any) -> dict[str, Any]:
    """One check of the base record with `changes` as `check --format json` writes it."""
    _, encoded = Engine(table, TEST_REF).result_json(record(**changes), lang, "show")
    checks: list[dict[str, Any]] = json.loads(encoded)["checks"]
    return next(check for check in checks if check["rule"] == rule)


def test_same_inputs_give_the_same_check(table: TableVersion) -> None:
    first = run(table, seller="a", exportable_pct=...)
    second = run(table, seller="b", ratings={"positive": 10, "negative": 10}, exportable_pct=...)
    for rule in (*SHARED_RULES, "export_potential"):
        assert first.check(rule) == second.check(rule)
    assert first.check("positive_ratings") != second.check("positive_ratings")


def test_different_inputs_give_different_checks(table: TableVersion) -> None:
    good: dict[str, Any] = {"quality": "GOOD", "suspended": False, "business_account": True}
    poor: dict[str, Any] = {"quality": "NEUTRAL", "suspended": True, "business_account": False}
    good_verdict = run(table, **good, other_accounts_quality=[])
    poor_verdict = run(table, **poor, other_accounts_quality=["NEUTRAL"])
    for rule in SHARED_RULES:
        assert good_verdict.check(rule) != poor_verdict.check(rule)
        assert good_verdict.check(rule).status != poor_verdict.check(rule).status or rule == "other_accounts_quality"
    assert check_dict(table, "en", "main_account_quality", **good)["actual"] == "GOOD"
    assert check_dict(table, "en", "main_account_quality", **poor)["actual"] == "NEUTRAL"


def test_equal_limits_written_differently_are_not_confused() -> None:
    """A limit of 2.0 and one of 2 compare equal but are written differently in the result."""
    tables = []
    for limit in ("2.0", "2"):
        text = table_text(version_text("v", "2026-01-01")).replace("max_pct: {value: 2.0", f"max_pct: {{value: {limit}")
        tables.append(parse_table(text, "test").in_force(dt.date(2026, 11, 23)))
    # the check's figures keep the table's spelling (JSON writes both as the integer 2)
    written = [
        run(t, transaction_problems_pct=..., revenue={"Kids": 1}).check("transaction_problems").required for t in tables
    ]
    assert [str(w) for w in written] == ["2.0", "2"]


def test_many_distinct_inputs_each_get_their_own_check(table: TableVersion) -> None:
    seen = [
        run(table, other_accounts_quality=grades).check("other_accounts_quality")
        for grades in ([], ["GOOD"], ["SUPER"], ["NEUTRAL"], ["GOOD", "GOOD"])
    ]
    assert [c.actual for c in seen] == [[], ["GOOD"], ["SUPER"], ["NEUTRAL"], ["GOOD", "GOOD"]]


def test_a_batch_writes_checks_exactly_as_check_does(table: TableVersion, tmp_path: Path) -> None:
    """Each batch row's result is byte-for-byte `check --format json`'s, after its line and record."""
    engine = Engine(table, TEST_REF)
    records = [record(seller=f"s{i}", suspended=bool(i % 2), quality="GOOD") for i in range(4)]
    path = tmp_path / "sellers.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = b"".join(chunk for chunk, _ in Batch(engine, str(path), "jsonl", "jsonl", "pl", "mask", None, 2, 1 << 20))
    lines = out.splitlines()
    assert len(lines) == len(records)
    for number, (line, seller) in enumerate(zip(lines, records, strict=True), 1):
        _, fresh = engine.result_json(seller, "pl", "mask")
        assert line == f'{{"line":{number},"record":{number},'.encode() + fresh[1:]
