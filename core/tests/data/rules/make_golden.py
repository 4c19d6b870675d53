"""Golden checks for core/tests/rules_golden.rs, from the Python reference (diamond_cli.engine).

Run from the repository root with the reference's interpreter:
    /work/main/.venv/bin/python core/tests/data/rules/make_golden.py
It writes core/tests/data/rules/golden.jsonl.gz: a first line with the tables, then one line per
seller: the table's index, the figures, and every check's fields and the verdict.

Values are typed so that nothing is lost: {"d": str(Decimal)} keeps the exponent, {"g": name} is
a Grade (a bare string is a str, as in `actual`), {"i": "123"} an int of any size, {"m": [[k, v]]}
a mapping in its order (JSON objects would not keep it through serde_json).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
from decimal import Decimal
from pathlib import Path

from diamond_cli.engine import evaluate

from diamond_cli.models import Grade, Ratings, SellerFigures, TableRef
from diamond_cli.thresholds import CategoryThresholds, Param, TableVersion, load_table

OUT = Path(__file__).with_name("golden.jsonl.gz")
D = Decimal
REF = TableRef("allegro-diamond-partners", "golden", None, "golden")
GRADES = list(Grade)


def value(v: object) -> object:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, Decimal):
        return {"d": str(v)}
    if isinstance(v, Grade):
        return {"g": v.name}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    if isinstance(v, dict):
        return {"m": [[k, value(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def with_params(table: TableVersion, *changes: tuple[str, str, object]) -> TableVersion:
    params = {rule: dict(names) for rule, names in table.params.items()}
    for rule, name, v in changes:
        params[rule][name] = Param(v, "interpretation")
    return dataclasses.replace(table, params=params, _lookup={})


def with_categories(table: TableVersion, rows: list[tuple[str, int, int, int]]) -> TableVersion:
    categories = tuple(CategoryThresholds(n, D(a), D(b), D(c)) for n, a, b, c in rows)
    return dataclasses.replace(table, categories=categories, _lookup={})


def table_json(table: TableVersion) -> dict[str, object]:
    params = [
        [rule, name, value(p.value), p.interpretation]
        for rule, names in table.params.items()
        for name, p in names.items()
    ]
    categories = [[c.name, str(c.company), str(c.conditional), str(c.brand)] for c in table.categories]
    return {"params": params, "categories": categories}


SHIPPED = load_table().versions[-1]
TABLES = [
    SHIPPED,
    with_params(SHIPPED, ("revenue_growth", "min_growth_pct", D("5.5")), ("revenue_threshold", "inclusive", False)),
    with_params(
        SHIPPED,
        ("revenue_growth", "min_growth_pct", D(-50)),
        ("positive_ratings", "min_pct", D("99.95")),
        ("transaction_problems", "max_pct", D("2.25")),
    ),
    with_params(
        SHIPPED,
        ("revenue_growth", "min_growth_pct", D(700)),
        ("positive_ratings", "min_pct", D(100)),
        ("main_account_quality", "min_grade", Grade.SUPER),
        ("other_accounts_quality", "min_grade", Grade.GOOD),
    ),
    with_params(
        SHIPPED, ("revenue_growth", "min_growth_pct", D("999999999999.99")), ("positive_ratings", "min_pct", D(0))
    ),
    with_categories(
        SHIPPED,
        [
            ("A", 100, 50, 20),
            ("B", 100, 40, 30),
            ("C", 100, 40, 10),
            ("D", 90, 80, 70),
            ("E", 0, 0, 0),
            ("F", 100, 40, 10),
        ],
    ),
]


def dec(text: str) -> Decimal:
    return D(text) + 0


def amount(rng: random.Random, near: Decimal | None = None) -> Decimal:
    kind = rng.randrange(10)
    if near is not None and kind < 4:
        delta = rng.choice([0, 0, D("0.01"), D("-0.01"), 1, -1, D(rng.randrange(1, 10**6))])
        return max(near + delta, D(0)) + 0
    if kind < 6:
        return D(rng.randrange(0, 10**7))
    places = rng.choice([1, 2, 2, 3, 12])
    top = rng.choice([10**3, 10**7, 10**15 - 1])
    return dec(f"{D(rng.randrange(0, top * 10**places)).scaleb(-places)}")


def share(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.2:
        return None
    special = ["2.0", "2", "2.005", "2.25", "49.995", "50", "50.0", "99", "98.995", "0", "100", "99.999999999999"]
    if rng.random() < 0.4:
        return dec(rng.choice(special))
    places = rng.choice([0, 1, 2, 3, 5, 12])
    return dec(str(D(rng.randrange(0, 100 * 10**places + 1)).scaleb(-places)))


def months(rng: random.Random) -> tuple[Decimal, ...] | None:
    kind = rng.randrange(12)
    n = rng.choice([12, 24])
    if kind == 0:
        return None
    if kind == 1:
        return tuple(D(0) for _ in range(n))
    if kind == 2:  # a zero first year
        return tuple(D(0) for _ in range(12)) + tuple(amount(rng) if rng.random() < 0.3 else D(0) for _ in range(12))
    if kind == 3:  # flat
        v = amount(rng)
        return tuple(v for _ in range(n))
    if kind == 4:  # the largest amounts with 12 decimals: sums past 28 digits, the wide path
        return tuple(dec(str(D(rng.randrange(10**26, 10**27)).scaleb(-12))) for _ in range(n))
    if kind == 5:  # steady rise or fall
        start, step = rng.randrange(0, 10**6), rng.randrange(-(10**4), 10**4)
        return tuple(D(max(start + step * i, 0)) for i in range(n))
    if kind == 6:  # one month moves
        base = [D(1000)] * n
        base[rng.randrange(n)] += rng.choice([1, -1, D("0.01"), 500])
        return tuple(b + 0 for b in base)
    return tuple(amount(rng) for _ in range(n))


def revenue(rng: random.Random, table: TableVersion, empty: bool = False) -> dict[str, Decimal]:
    names = [c.name for c in table.categories]
    count = rng.choice([0, 1, 1, 2, 3]) if empty else rng.choice([1, 1, 2, 3, 4])
    chosen = rng.sample(names, min(count, len(names)))
    out: dict[str, Decimal] = {}
    for name in chosen:
        c = table.category(name)
        out[name] = amount(rng, rng.choice([c.company, c.conditional, c.brand]))
    if len(chosen) >= 2 and rng.random() < 0.3:  # a tie, maybe written differently
        tie = out[chosen[0]]
        out[chosen[1]] = tie.quantize(D("0.01")) if rng.random() < 0.5 and tie.adjusted() < 12 else tie
    return out


def growth(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.25:
        return None
    return dec(str(D(rng.randrange(-2000, 2000)).scaleb(-rng.choice([0, 1, 2]))))


def random_figures(rng: random.Random, table: TableVersion) -> SellerFigures:
    ratings = None
    if rng.random() < 0.8:
        kind = rng.randrange(5)
        if kind == 0:
            ratings = Ratings(0, 0)
        elif kind == 1:
            negative = rng.randrange(0, 2000)
            ratings = Ratings(99 * negative + rng.randrange(-3, 3) if negative else rng.randrange(0, 3), negative)
            ratings = Ratings(max(ratings.positive, 0), negative)
        elif kind == 2:
            ratings = Ratings(rng.randrange(0, 10**15), rng.randrange(0, 10**13))
        else:
            ratings = Ratings(rng.randrange(0, 10**5), rng.randrange(0, 10**3))
    pct = share(rng) if ratings is None or rng.random() < 0.3 else None
    return SellerFigures(
        business_account=rng.random() < 0.9,
        quality=rng.choice(GRADES),
        revenue=revenue(rng, table),
        ratings=ratings,
        positive_ratings_pct=pct,
        other_accounts_quality=tuple(rng.choice(GRADES) for _ in range(rng.choice([0, 0, 1, 2, 4]))),
        monthly_revenue=months(rng),
        category_growth_pct=growth(rng),
        category_market_growth_pct=growth(rng),
        brand_zone_revenue=None if rng.random() < 0.5 else revenue(rng, table, empty=True),
        suspended=rng.random() < 0.1,
        transaction_problems_pct=share(rng),
        exportable_pct=share(rng),
        new_condition_pct=share(rng),
    )


RISING_12 = tuple(
    D(m) for m in (400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000)
)
BASE = SellerFigures(
    business_account=True,
    quality=Grade.GOOD,
    revenue={"Kids": D(5000000), "Fashion": D(300000)},
    seller="example",
    ratings=Ratings(2400, 12),
    other_accounts_quality=(Grade.NEUTRAL, Grade.SUPER),
    monthly_revenue=RISING_12,
    transaction_problems_pct=D("0.8"),
    exportable_pct=D(65),
    new_condition_pct=D(98),
)


def ms(*values: object) -> tuple[Decimal, ...]:
    return tuple(D(v) for v in values)


def edge_cases() -> list[dict[str, object]]:
    """The cases of tests/test_engine.py, test_trend.py and test_to_pass.py, on the base seller."""
    cases: list[dict[str, object]] = [{}]
    for p, n in [
        (2400, 12),
        (1188, 12),
        (1187, 12),
        (98995, 1005),
        (19799, 200),
        (19800, 200),
        (100, 2),
        (0, 1),
        (0, 3),
        (5, 0),
        (1, 0),
        (987, 13),
        (0, 0),
        (95, 5),
        (94, 5),
    ]:
        cases.append({"ratings": Ratings(p, n)})
        cases.append({"ratings": Ratings(p, n), "positive_ratings_pct": D("99.8")})
    for given in ["98.995", "98.999999999999", "99", "99.0", "99.8", "100", "0", "98.9", "90"]:
        cases.append({"ratings": None, "positive_ratings_pct": D(given)})
    cases.append({"ratings": None, "positive_ratings_pct": None})
    twelve = [
        ms(*range(10, 121, 10)),
        ms(*range(120, 9, -10)),
        ms(*[100] * 12),
        ms(*[100] * 6, *[200] * 6),
        ms(*[1000] * 11, 1001),
        ms(*[0] * 12),
        ms(*range(130, 19, -10)),
        ms(*[0] * 11, 5),
        ms(5, *[0] * 11),
    ]
    twenty_four = [
        ms(*[500000] * 12, *[499999] * 12),
        ms(*[100] * 12, *[110] * 12),
        ms(*[100] * 24),
        ms(*[100] * 12, *[100] * 11, 101),
        ms(*range(120, 9, -10), *range(130, 19, -10)),
        ms(*[0] * 12, *[0] * 11, 1),
        ms(*[0] * 24),
        ms(*[100] * 12, *[110] * 11, 111),
        ms(*[0] * 13, *[7] * 11),
    ]
    for m in [*twelve, *twenty_four, None]:
        cases.append({"monthly_revenue": m})
    for grade in GRADES:
        cases.append({"quality": grade})
        cases.append({"other_accounts_quality": (grade, Grade.SUPER, grade)})
    cases.append({"other_accounts_quality": ()})
    cases.append({"business_account": False})
    cases.append({"suspended": True})
    revenue_cases = [
        {"revenue": {"Kids": D(4300000)}, "ratings": Ratings(987, 13)},
        {"revenue": {"Kids": D(2000000)}, "brand_zone_revenue": {"Garden": D(500000)}},
        {"revenue": {"Kids": D(2000000)}, "category_growth_pct": D(5), "category_market_growth_pct": D(9)},
        {"revenue": {"Kids": D(3000000)}, "category_growth_pct": D(9), "category_market_growth_pct": D(9)},
        {"revenue": {"Kids": D(3000000)}, "category_growth_pct": D(14), "category_market_growth_pct": D(9)},
        {"revenue": {"Kids": D(3000000)}, "category_growth_pct": D(14)},
        {"revenue": {"Kids": D(3000000)}, "category_market_growth_pct": D(9)},
        {"revenue": {"Fashion": D(300000), "Kids": D(5000000), "Garden": D(4999999)}},
        {"revenue": {"Garden": D(4600000), "Kids": D(4600000)}},
        {"revenue": {"Garden": D(0), "Kids": D(0)}},
        {"revenue": {"Kids": D(5000000)}},
        {"revenue": {"Kids": D(4500000)}},
        {"revenue": {"Kids": D("4499999.99")}},
        {"revenue": {"Kids": D(5000000)}, "brand_zone_revenue": {"Kids": D(600000)}},
        {"revenue": {"Kids": D(1000)}, "brand_zone_revenue": {"Kids": D(590000)}},
        {"revenue": {"Kids": D(1000)}, "brand_zone_revenue": {"Kids": D("589999.99")}},
        {"revenue": {"Kids": D(1000)}, "brand_zone_revenue": {}},
        {"revenue": {"Kids": D(2250000)}, "category_growth_pct": D("9.01"), "category_market_growth_pct": D(9)},
        {"revenue": {"Kids": D("2250000.00")}, "brand_zone_revenue": {"Kids": D(100), "Garden": D("100.0")}},
    ]
    cases.extend(revenue_cases)
    for name, v in [
        ("transaction_problems_pct", "2.0"),
        ("transaction_problems_pct", "2.005"),
        ("transaction_problems_pct", "2.01"),
        ("exportable_pct", "49.995"),
        ("exportable_pct", "50"),
        ("new_condition_pct", "49.99"),
        ("new_condition_pct", None),
        ("exportable_pct", None),
        ("transaction_problems_pct", None),
        ("new_condition_pct", "0.004"),
    ]:
        cases.append({name: None if v is None else D(v)})
    # digits far past two decimals: shares a hair from their limits, trends a hair above zero
    for p, n in [(99 * 10**12 - 1, 10**12), (99 * 10**13, 10**13), (10**15 - 1, 10**13), (10**15 - 1, 1)]:
        cases.append({"ratings": Ratings(p, n)})
    for v in ["1.999999999999", "2.000000000001", "49.999999999999", "50.000000000001"]:
        cases.append({"transaction_problems_pct": D(v), "exportable_pct": D(v), "new_condition_pct": D(v)})
    tiny = D("0.000000000001")
    cases.append({"monthly_revenue": (D(10**14),) * 11 + (D(10**14) + tiny,)})
    cases.append({"monthly_revenue": (D(10**14) + tiny,) + (D(10**14),) * 11})
    cases.append({"monthly_revenue": (D(10**14),) * 23 + (D(10**14) + tiny,)})
    cases.append({"monthly_revenue": (tiny,) + (D(0),) * 23})
    return cases


def main() -> None:
    rng = random.Random(20261201)
    lines = [json.dumps({"tables": [table_json(t) for t in TABLES]})]

    def emit(index: int, figures: SellerFigures) -> None:
        verdict = evaluate(figures, TABLES[index], REF)
        record = {
            "table": index,
            "figures": {
                "business_account": figures.business_account,
                "quality": figures.quality.name,
                "revenue": [[k, str(v)] for k, v in figures.revenue.items()],
                "ratings": None if figures.ratings is None else [figures.ratings.positive, figures.ratings.negative],
                "positive_ratings_pct": None
                if figures.positive_ratings_pct is None
                else str(figures.positive_ratings_pct),
                "other_accounts_quality": [g.name for g in figures.other_accounts_quality],
                "monthly_revenue": None
                if figures.monthly_revenue is None
                else [str(m) for m in figures.monthly_revenue],
                "category_growth_pct": None
                if figures.category_growth_pct is None
                else str(figures.category_growth_pct),
                "category_market_growth_pct": None
                if figures.category_market_growth_pct is None
                else str(figures.category_market_growth_pct),
                "brand_zone_revenue": None
                if figures.brand_zone_revenue is None
                else [[k, str(v)] for k, v in figures.brand_zone_revenue.items()],
                "suspended": figures.suspended,
                "transaction_problems_pct": None
                if figures.transaction_problems_pct is None
                else str(figures.transaction_problems_pct),
                "exportable_pct": None if figures.exportable_pct is None else str(figures.exportable_pct),
                "new_condition_pct": None if figures.new_condition_pct is None else str(figures.new_condition_pct),
            },
            "verdict": verdict.verdict.value,
            "main_category": verdict.main_category,
            "tied": list(verdict.main_category_tied_with),
            "route": verdict.route.value if verdict.route else None,
            "checks": [
                {
                    "rule": c.rule,
                    "status": c.status.value,
                    "message_key": c.message_key,
                    "params": value(dict(c.params)),
                    "actual": value(c.actual),
                    "required": value(c.required),
                    "to_pass": value(dict(c.to_pass)),
                    "missing": list(c.missing),
                    "interpretation": c.interpretation,
                }
                for c in verdict.checks
            ],
        }
        lines.append(json.dumps(record, ensure_ascii=False))

    for index in range(len(TABLES)):
        for changes in edge_cases():
            figures = dataclasses.replace(BASE, **changes)
            if index == len(TABLES) - 1:  # the tie table has its own categories
                figures = dataclasses.replace(figures, revenue={"A": D(7), "B": D(7)}, brand_zone_revenue=None)
            emit(index, figures)
    tie_table = len(TABLES) - 1
    for revenue_ in [
        {"A": D(7), "B": D(7), "C": D("7.0"), "D": D(7)},
        {"F": D(7), "C": D(7)},
        {"E": D(1), "A": D(1)},
        {"D": D(0), "A": D(0), "E": D(0)},
        {"B": D(100), "A": D(100)},
    ]:
        emit(tie_table, dataclasses.replace(BASE, revenue=revenue_, brand_zone_revenue=dict(revenue_)))
    for _ in range(3000):
        index = 0 if rng.random() < 0.6 else rng.randrange(len(TABLES))
        emit(index, random_figures(rng, TABLES[index]))
    data = ("\n".join(lines) + "\n").encode()
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(data)  # mtime 0: the same figures give the same bytes
    print(f"{len(lines) - 1} sellers -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
