"""Shared fixtures: the shipped table, a base seller record, and helpers to evaluate variants."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import gc
import os
import signal
from collections.abc import Iterator
from typing import Any

import pytest

from diamond_cli.models import SellerFigures, TableRef, Verdict
from diamond_cli.pipeline import Engine
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


TEST_REF = TableRef("allegro-diamond-partners", "test", None, "test")


def run(table: TableVersion, **changes: Any) -> Verdict:
    """The core's verdict on the base record with `changes` (sentences in English)."""
    return Engine(table, TEST_REF).verdict(record(**changes))


def run_in(table: TableVersion, lang: str, **changes: Any) -> Verdict:
    """`run`, with the sentences in `lang` (as `check --lang` words them)."""
    return Engine(table, TEST_REF).verdict(record(**changes), lang)


def parse_record(record: dict[str, Any], table: TableVersion) -> SellerFigures:
    """The core's validated figures of `record`; an invalid record raises InputError."""
    figures = Engine(table, TEST_REF).verdict(record).figures
    assert figures is not None
    return figures


def _children() -> set[int]:
    """This process's live child processes (zombies not yet reaped count: someone must reap them)."""
    found: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError), open(f"/proc/self/task/{task}/children") as listing:
            found.update(int(pid) for pid in listing.read().split())
    return found


def _open_files() -> dict[int, str]:
    files: dict[int, str] = {}
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            files[int(fd)] = os.readlink(f"/proc/self/fd/{fd}")
    return files


@pytest.fixture(autouse=True)
def _no_leaks() -> Iterator[None]:
    """A test that leaves a process or an open file behind fails: it would hang or break later tests."""
    children, files = _children(), _open_files()
    yield
    left = _children() - children
    for pid in left:  # killed and reaped, so the next test starts clean
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    gc.collect()  # files that only garbage still holds are closed by the collector, not leaked
    opened = {fd: target for fd, target in _open_files().items() if files.get(fd) != target}
    assert not left, f"the test left child processes running: {sorted(left)}"
    assert not opened, f"the test left files open: {opened}"
