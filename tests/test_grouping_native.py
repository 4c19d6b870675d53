"""`batch --group-by nip` in the native core against the Python reference (`grouping.Grouper`):
the same results in the same order over many generated account rows (merges, every kind of
conflict, invalid rows, CSV cells that cannot be read), in both languages, every NIP mode, JSON
Lines and CSV out. Numbers are compared by value: the core writes the one number encoding
(`4500000`, where the reference wrote `4500000.00`); everything else is byte for byte."""

from __future__ import annotations

import csv
import io
import json
import random
from decimal import Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from diamond_cli.cli import app

AS_OF = "2026-11-23"
KEY = "a key for the tests"
ENV = {"COLUMNS": "200", "LC_ALL": "C", "LANG": "C", "NO_COLOR": "1", "DIAMOND_NIP_KEY": KEY}
CATEGORIES = ["Kids", "Fashion", "Garden", "kids"]
WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def valid_nips(count: int) -> list[str]:
    """NIPs with a matching check digit, from 100000000 on."""
    nips: list[str] = []
    body = 100000000
    while len(nips) < count:
        digits = [int(d) for d in str(body)]
        check = sum(w * d for w, d in zip(WEIGHTS, digits, strict=True)) % 11
        if check != 10:
            nips.append(f"{body}{check}")
        body += 7919
    return nips


NIPS = valid_nips(400)


def rows(seed: int, count: int) -> list[dict[str, Any]]:
    """About `count` account rows of companies of 1 to 4 accounts each, interleaved; most
    companies merge, some have a conflict of each kind or an invalid row."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    company = 0
    while len(out) < count:
        nip = NIPS[company % len(NIPS)] if rng.random() < 0.95 else rng.choice(NIPS[: company + 1])
        company += 1
        shared = {
            name: rng.choice([60, 60.0, 40, 1.5])
            for name in ("exportable_pct", "new_condition_pct", "transaction_problems_pct", "category_growth_pct")
            if rng.random() < 0.3
        }
        business = rng.random() < 0.9
        months = 12 if rng.random() < 0.5 else None
        pct_only = rng.random() < 0.15
        size = rng.randint(1, 4)
        for j in range(size):
            row: dict[str, Any] = {"account": rng.choice([f"c{company}-{j}", j + 100 * company, None, f"a,{j}"])}
            row["nip"] = nip
            if rng.random() < 0.1:
                row["nip"] = f"PL {nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
            elif rng.random() < 0.1:
                row["nip"] = int(nip)
            if j == 0 or rng.random() < 0.03:
                row["main"] = True
            elif rng.random() < 0.3:
                row["main"] = False
            if j == 1 and rng.random() < 0.4:
                row["brand_zone"] = True
            row["quality"] = rng.choice(["GOOD", "NEUTRAL", "SUPER", "super plus", "SUPER_PLUS", "dobry"])
            row["revenue"] = {
                rng.choice(CATEGORIES): rng.choice([1000000, 2500000.5, 0, 120.25, 4000000, 3])
                for _ in range(rng.randint(1, 2))
            }
            if pct_only and j == 0:
                row["positive_ratings_pct"] = rng.choice([99, 99.5, 98.25])
            elif not pct_only:
                row["ratings"] = {"positive": rng.randint(0, 5000), "negative": rng.randint(0, 30)}
            if months is not None:
                row["monthly_revenue"] = [rng.randint(0, 500000) for _ in range(months)]
            if rng.random() < 0.7:
                row["business_account"] = business
            if rng.random() < 0.3:
                row["suspended"] = rng.random() < 0.2
            row.update(shared)
            if rng.random() < 0.3:
                row["seller"] = rng.choice(["shop", 12345, f"s{company}"])
            if rng.random() < 0.04:
                fault = rng.choice(FAULTS)
                row.update(fault)
                for name, value in fault.items():
                    if value is None:
                        del row[name]
            out.append(row)
    rng.shuffle(out)
    return out


FAULTS: list[dict[str, Any]] = [
    {"other_accounts_quality": ["GOOD"]},
    {"brand_zone_revenue": {"Kids": 1}},
    {"unknown_field": 1},
    {"quality": "bad"},
    {"quality": None},
    {"revenue": {"Kidz": 1}},
    {"revenue": {"Kids": -1}},
    {"main": "yes"},
    {"account": [1]},
    {"nip": "7740001455"},
    {"nip": None},
    {"nip": True},
    {"exportable_pct": 55},
    {"monthly_revenue": [1] * 24},
    {"ratings": None, "positive_ratings_pct": 99},
    {"main": True},
    {"brand_zone": True},
    {"business_account": False},
]


def jsonl(records: list[dict[str, Any]], seed: int) -> bytes:
    rng = random.Random(seed)
    lines = [json.dumps(r) if rng.random() > 0.01 else "{broken" for r in records]
    return "".join(line + "\n" for line in lines).encode()


def csv_text(records: list[dict[str, Any]]) -> bytes:
    columns = ["nip", "account", "main", "brand_zone", "quality", "business_account", "suspended"]
    columns += ["revenue.Kids", "revenue.Fashion", "ratings.positive", "ratings.negative", "positive_ratings_pct"]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    for r in records:
        cells = []
        for column in columns:
            name, _, key = column.partition(".")
            value = r.get(name)
            if key:
                value = value.get(key) if isinstance(value, dict) else None
            cells.append("" if value is None else str(value).lower() if isinstance(value, bool) else str(value))
        writer.writerow(cells)
    return text.getvalue().encode()


def native(data: bytes, fmt: str, lang: str, nip_mode: str, output: str, *extra: str) -> tuple[int, bytes]:
    args = ["batch", "-", "--input-format", fmt, "--group-by", "nip", "--nip", nip_mode, "--lang", lang]
    args += ["--format", output, "--as-of", AS_OF, *extra]
    result = CliRunner().invoke(app, args, input=data, env=ENV, catch_exceptions=False)
    out = result.stdout_bytes
    if output == "csv":
        out = out.partition(b"\r\n")[2]  # the header: the reference's rows come without it
    return result.exit_code, out


def same(ours: bytes, theirs: bytes, output: str) -> None:
    if output == "csv":
        assert ours == theirs
        return
    mine, reference_lines = ours.decode().splitlines(), theirs.decode().splitlines()
    assert len(mine) == len(reference_lines)
    for a, b in zip(mine, reference_lines, strict=True):
        if a != b:  # numbers by value: 4500000 and 4500000.00 are one number
            assert json.loads(a, parse_float=Decimal) == json.loads(b, parse_float=Decimal), (a, b)


@pytest.mark.parametrize("extra", [("--jobs", "1"), ("--jobs", "2", "--chunk", "1"), ("--chunk", "7")])
def test_threads_and_chunks_change_nothing(extra: tuple[str, ...]) -> None:
    data = jsonl(rows(6, 200), 6)
    _, whole = native(data, "jsonl", "en", "show", "jsonl")
    code, ours = native(data, "jsonl", "en", "show", "jsonl", *extra)
    assert ours == whole
    assert code in (0, 1, 3)


def test_a_break_off_while_grouping_writes_no_result() -> None:
    data = b'[{"nip": "7740001454", "account": "a", "main": true, "quality": "GOOD"}, {"nip": '
    result = CliRunner().invoke(
        app,
        ["batch", "-", "--input-format", "json", "--group-by", "nip", "--as-of", AS_OF],
        input=data,
        env=ENV,
        catch_exceptions=False,
    )
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "not closed" in result.stderr


@pytest.mark.parametrize("output", ["jsonl", "csv"])
def test_sums_beyond_the_input_limits_are_evaluated_as_the_reference_evaluates_them(output: str) -> None:
    """The rows are validated; their sums are not refused as a record's figures would be."""
    big = {"revenue": {"Kids": 900000000000000}, "ratings": {"positive": 900000000000000, "negative": 0}}
    rows = [
        {
            "nip": "7740001454",
            "account": "a",
            "main": True,
            "business_account": True,
            "quality": "GOOD",
            **big,
            "monthly_revenue": [9 * 10**14] * 12,
        },
        {"nip": "7740001454", "account": "b", "quality": "GOOD", **big, "monthly_revenue": [9 * 10**14] * 12},
        {"nip": "7740001454", "account": "c", "quality": "GOOD", **big, "monthly_revenue": [9 * 10**14] * 12},
    ]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    code, ours = native(data, "jsonl", "en", "show", output)
    assert code != 3
    if output == "jsonl":
        (merged,) = [json.loads(line) for line in ours.splitlines()]
        assert merged["verdict"] != "error"
        assert merged["nip"] == "7740001454"
    else:
        (row,) = list(csv.reader(io.StringIO(ours.decode())))
        assert row[3] == "7740001454"
        assert row[4] != "error"
