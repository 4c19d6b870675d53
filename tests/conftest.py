"""Shared fixtures: the shipped table, a base seller record, and helpers to evaluate variants."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from diamond_cli.engine import evaluate
from diamond_cli.inputs import parse_record
from diamond_cli.models import TableRef, Verdict
from diamond_cli.thresholds import TableVersion, load_table

BASE_RECORD: dict[str, Any] = {
    "seller": "example",
    "nip": "7740001454",
    "business_account": True,
    "ratings": {"positive": 2400, "negative": 12},
    "quality": "GOOD",
    "other_accounts_quality": ["NEUTRAL", "SUPER"],
    "revenue": {"Kids": 5000000, "Fashion": 300000},
    "monthly_revenue": [400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000],
    "suspended": False,
    "transaction_problems_pct": 0.8,
    "exportable_pct": 65,
    "new_condition_pct": 98,
}


@pytest.fixture(scope="session")
def table() -> TableVersion:
    return load_table().in_force(dt.date(2026, 11, 23))


def record(**changes: Any) -> dict[str, Any]:
    """The EXAMPLES.md base record with `changes` applied; a value of `...` removes the field."""
    result = copy.deepcopy(BASE_RECORD)
    for key, value in changes.items():
        if value is ...:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def run(table: TableVersion, **changes: Any) -> Verdict:
    ref = TableRef("allegro-diamond-partners", "test", None, "test")
    return evaluate(parse_record(record(**changes), table), table, ref)
