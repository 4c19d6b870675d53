"""Golden data of the result encoders: verdicts of the Python reference, dumped structurally, with
the bytes the Python CLI writes for them.

Run from the repository root with the reference's Python:

    /work/main/.venv/bin/python core/tests/data/result/make_golden.py

It writes core/tests/data/result/golden.json.gz, which core/tests/result_golden.rs reads: each
case holds a Verdict as the engine made it (every check's rule, status, message key, params,
actual, required, to_pass, missing, interpretation; decimals as `str()` so exponents are kept;
grades and categories by name) and the expected encodings. The expected JSON is
`result.dumps(result_dict(...))`, the one encoder `check --format json` and `batch` share (batch
lines today go through msgspec, which writes decimals as `str()`: `2.0` where dumps writes `2`).
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import io
import json
import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

# The reference is this checkout's diamond_cli, whichever copy the interpreter has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[4]))

from diamond_cli.batch import Evaluator, Settings, Summary, csv_header, joined
from diamond_cli.engine import evaluate
from diamond_cli.inputs import parse_record
from diamond_cli.result import dumps, error_dict, result_dict

from diamond_cli import SCHEMA_VERSION, __version__
from diamond_cli.errors import InputError
from diamond_cli.messages import EN, PL
from diamond_cli.models import SHIPPED_TABLE, Grade, TableRef
from diamond_cli.safe_yaml import load as load_yaml
from diamond_cli.thresholds import Param, load_table

HERE = Path(__file__).parent
ROOT = HERE.parents[3]
NIP_KEY = b"golden-key \x00\xff"
MODES = ("show", "mask", "hash")
LANGS = ("en", "pl")
CATEGORY_PARAMS = {"category", "brand_category", "tied"}

SELLERS = [
    "example",
    "Sklep Żółw & Syn",
    'quote " and \\ backslash',
    "comma, semicolon; tab\tend",
    "line\nbreak\rreturn\r\nboth",
    "controls \x00\x01\x1f\x7f\x80\x9f",
    "separators \u2028\u2029 nbsp\u00a0 bom\ufeff",
    "emoji 😀 and 𝔘",
    " leading and trailing ",
    "",
    "'single' quotes",
    12345,
    -7,
    10**15,
]


def nip_from(digits: str) -> str | None:
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    check = sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11
    return None if check == 10 else digits + str(check)


def random_nip(rng: random.Random) -> str:
    while True:
        nip = nip_from("".join(rng.choice("0123456789") for _ in range(9)))
        if nip is not None and nip != "0000000000":
            return nip


def amount(rng: random.Random, low: int, high: int) -> Decimal:
    whole = rng.randint(low, high)
    form = rng.random()
    if form < 0.5:
        return Decimal(whole)
    if form < 0.7:
        return Decimal(whole) + Decimal(rng.randint(0, 99)) / 100  # grosze, trailing zeros kept
    if form < 0.8:
        return Decimal(f"{whole}.000")
    if form < 0.9:
        return Decimal(whole).scaleb(-3).normalize()  # exponent forms such as 4.5E+3
    return Decimal(f"{whole}.{rng.randint(0, 999999):06d}")


def pct(rng: random.Random, low: str = "0", high: str = "100") -> Decimal:
    places = rng.choice([0, 0, 1, 2, 3])
    lo, hi = int(Decimal(low) * 10**places), int(Decimal(high) * 10**places)
    return Decimal(rng.randint(lo, hi)).scaleb(-places)


def random_record(rng: random.Random, categories: list[str]) -> dict[str, Any]:
    record: dict[str, Any] = {"business_account": rng.random() < 0.85, "quality": rng.choice(list(Grade)).name}
    if rng.random() < 0.9:
        record["seller"] = rng.choice(SELLERS)
    if rng.random() < 0.8:
        record["nip"] = random_nip(rng)
    choice = rng.random()
    if choice < 0.75:
        positive = rng.choice([0, 1, 2, 5, 99, 100, 2400, rng.randint(0, 100000)])
        negative = rng.choice([0, 0, 1, 2, 12, rng.randint(0, 3000)])
        record["ratings"] = {"positive": positive, "negative": negative}
        if rng.random() < 0.2:
            record["positive_ratings_pct"] = pct(rng, "95")
    else:
        record["positive_ratings_pct"] = pct(rng, "95")
    if rng.random() < 0.6:
        record["other_accounts_quality"] = [rng.choice(list(Grade)).name for _ in range(rng.randint(1, 4))]
    chosen = rng.sample(categories, rng.randint(1, 4))
    revenue = {name: amount(rng, 0, 12_000_000) for name in chosen}
    if len(chosen) > 1 and rng.random() < 0.2:  # ties: the lowest threshold decides
        top = max(revenue.values())
        for name in chosen[1:]:
            if rng.random() < 0.7:
                revenue[name] = top
    record["revenue"] = revenue
    months = rng.random()
    if months < 0.4:
        record["monthly_revenue"] = [amount(rng, 0, 900_000) for _ in range(12)]
    elif months < 0.7:
        record["monthly_revenue"] = [amount(rng, 0, 900_000) for _ in range(24)]
    elif months < 0.75:
        record["monthly_revenue"] = [Decimal(0)] * rng.choice([12, 24])
    elif months < 0.8:
        record["monthly_revenue"] = [Decimal(0)] * 12 + [amount(rng, 0, 900_000) for _ in range(12)]
    if rng.random() < 0.5:
        record["category_growth_pct"] = pct(rng, "-50", "80")
    if rng.random() < 0.5:
        record["category_market_growth_pct"] = pct(rng, "-50", "80")
    if rng.random() < 0.3:
        zone = rng.sample(categories, rng.randint(1, 2))
        record["brand_zone_revenue"] = {name: amount(rng, 0, 8_000_000) for name in zone}
    if rng.random() < 0.5:
        record["suspended"] = rng.random() < 0.2
    for name in ("transaction_problems_pct", "exportable_pct", "new_condition_pct"):
        if rng.random() < 0.7:
            record[name] = pct(rng)
    return record


def case_records() -> list[dict[str, Any]]:
    """The records of examples/: seller.json and every case of cases.yaml over its base."""
    records = [json.loads((ROOT / "examples" / "seller.json").read_text(), parse_float=Decimal)]
    cases, _ = load_yaml((ROOT / "examples" / "cases.yaml").read_text())
    base = cases["base"]
    for case in cases["cases"]:
        record = copy.deepcopy(base)
        for key, value in (case.get("record") or {}).items():
            if value is None:
                record.pop(key, None)
            else:
                record[key] = value
        records.append(record)
    return records


def value(v: object, category: bool = False) -> object:
    """A figure, tagged so that the Rust test rebuilds the same `check::Value`."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, Grade):
        return {"grade": v.name}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, Decimal):
        return {"dec": str(v)}
    if isinstance(v, str):
        return {"cat": v} if category else v
    if isinstance(v, (list, tuple)):
        return {"list": [value(item, category) for item in v]}
    if isinstance(v, dict):
        return {"map": [[str(k), value(item, str(k) in CATEGORY_PARAMS)] for k, item in v.items()]}
    raise TypeError(type(v))


def structural(verdict: Any) -> dict[str, object]:
    return {
        "seller": verdict.seller,
        "nip": verdict.nip,
        "verdict": verdict.verdict.value,
        "main_category": verdict.main_category,
        "main_category_tied_with": list(verdict.main_category_tied_with),
        "route": verdict.route.value if verdict.route else None,
        "checks": [
            {
                "rule": c.rule,
                "status": c.status.value,
                "message_key": c.message_key,
                "params": [[k, value(v, k in CATEGORY_PARAMS)] for k, v in c.params.items()],
                "actual": value(c.actual),
                "required": value(c.required),
                "to_pass": [[k, value(v, k in CATEGORY_PARAMS)] for k, v in c.to_pass.items()],
                "missing": list(c.missing),
                "interpretation": c.interpretation,
            }
            for c in verdict.checks
        ],
    }


def main() -> None:
    rng = random.Random(20261201)
    table = load_table()
    version = table.in_force(dt.date(2026, 12, 1))
    categories = [c.name for c in version.categories]
    refs = [
        TableRef(table.name, version.version, None, SHIPPED_TABLE),
        TableRef(table.name, 'v"2"\u2028', "2026-12-01", "/tmp/tables/ż\\t.yaml"),
    ]
    # A stricter table where a 100% minimum cannot be reached while there are negative ratings.
    params = {**version.params, "positive_ratings": {"min_pct": Param(Decimal(100), "program page")}}
    strict = replace(version, params=params)
    records = case_records() + [random_record(rng, categories) for _ in range(2000)]
    strict_from = len(records)
    records += [random_record(rng, categories) for _ in range(40)]
    evaluators = {
        (lang, mode): Evaluator(Settings(version, refs[0], lang, mode, NIP_KEY, "csv"))
        for lang in LANGS
        for mode in MODES
    }
    cases: list[dict[str, object]] = []
    errors: list[dict[str, object]] = []
    for n, record in enumerate(records):
        ref = refs[n % 7 == 3]
        try:
            figures = parse_record(record, version)
        except InputError as exc:
            errors.append({"message": str(exc)})
            continue
        if n >= strict_from and n % 8 == 0:  # no ratings at all: only the library can say so
            figures = replace(figures, ratings=None, positive_ratings_pct=None)
        verdict = evaluate(figures, strict if n >= strict_from else version, ref)
        line, number = rng.randint(1, 10**6), n + 1
        accounts = [str(rng.choice(SELLERS)) for _ in range(rng.randint(1, 3))] if n % 9 == 4 else None
        mode = MODES[n % 3]
        expected: dict[str, object] = {}
        for lang in LANGS:
            prefix: dict[str, object] = {"line": line, "record": number}
            if accounts is not None:
                prefix["accounts"] = accounts
            result = result_dict(verdict, lang, mode, NIP_KEY)
            csv_row = evaluators[(lang, mode)].verdict_result(line, number, verdict, Summary())
            expected[lang] = {
                "batch_line": dumps({**prefix, **result}) + "\n",
                "csv_row": joined([csv_row], "csv").decode(),
            }
            if n % 5 == 0:
                expected[lang]["check"] = dumps(result_dict(verdict, lang, "show", NIP_KEY))
            if n % 25 == 0:
                expected[lang]["indented"] = dumps(result, indent=2)
        cases.append(
            {
                "thresholds": ref.__reduce__()[1],
                "verdict": structural(verdict),
                "line": line,
                "record": number,
                "accounts": accounts,
                "mode": mode,
                "expected": expected,
            }
        )
    for i, message in enumerate([*sorted({e["message"] for e in errors}), 'quote " \\ \n\x01 ż \u2028']):
        line, number = rng.randint(1, 10**6), i + 1
        group = i % 3 == 1
        mode = MODES[i % 3]
        shown = "*******454" if group else None
        extra: dict[str, object] = {"nip": shown, "accounts": ["a,1", 'b"2']} if group else {}
        evaluator = evaluators[("en", mode)]
        errors.append(
            {
                "message": message,
                "line": line,
                "record": number,
                "group": extra or None,
                "batch_line": dumps({"line": line, "record": number, **extra, "verdict": "error", "error": message})
                + "\n",
                "csv_row": joined([evaluator.error(line, number, message, Summary(), **extra)], "csv").decode(),
                "check": dumps(error_dict(message)),
                "indented": dumps(error_dict(message), indent=3),
            }
        )
    golden = {
        "nip_key": list(NIP_KEY),
        "schema_version": SCHEMA_VERSION,
        "tool_version": __version__,
        "categories": categories,
        "csv_header": csv_header().decode(),
        "catalogues": {"en": EN, "pl": PL},
        "cases": cases,
        "errors": [e for e in errors if "batch_line" in e],
    }
    # Every control character and the characters JSON encoders disagree on (result_encoding.rs).
    escaped = "".join(map(chr, range(0x20))) + '\x7f\x80\u2028\u2029\ufeff"\\/<>&😀ż'
    (HERE / "escaped.json").write_text(dumps(error_dict(escaped)) + "\n", encoding="utf-8")
    data = json.dumps(golden, ensure_ascii=False, indent=0).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed:
        packed.write(data)
    (HERE / "golden.json.gz").write_bytes(buffer.getvalue())
    print(f"{len(cases)} verdicts, {len(golden['errors'])} errors, {len(buffer.getvalue())} bytes")


if __name__ == "__main__":
    main()
