"""Golden outcomes of decoding records, from the Python reference, for core/tests/decode_golden.rs.

Run with the venv that has diamond_cli installed (from the repository root):

    /work/main/.venv/bin/python core/tests/data/decode/make_golden.py

It writes golden.jsonl.gz next to itself: a first line with the tables (categories and aliases),
then one case a line: {"k": kind, "t": table, "s": input text (or "b": its bytes in hex, when
they are not UTF-8), ..., "out": outcome}.
Kinds: "doc" (a JSON document: decode_text, parse_json, parse_record), "line" (a JSON Lines
record through the batch's strict parser, then parse_record), "csv" (a CSV cell read by
batch._csv_number / _csv_count, set into a record, then parse_record), "closest" (inputs.closest
of a word among options: difflib's choice). The outcome is the
figures (Decimals as str()) or the error (str(), field, nip). Inputs on which Python fails with
something other than an InputError are left out, and so are records whose seller id does not fit
an i128 (Figures keeps those digits as text) (an exponent beyond ±10^18 makes Decimal
raise; nesting between 900 and Python's recursion limit is refused by Rust only).
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

from diamond_cli.inputs import RECORD_FIELDS, closest, parse_document, parse_json, parse_record

from diamond_cli import batch
from diamond_cli.errors import InputError
from diamond_cli.models import POLISH_GRADE_NAMES, Grade
from diamond_cli.thresholds import CategoryThresholds, TableVersion, load_table

HERE = Path(__file__).parent
rng = random.Random(20261201)

SHIPPED = load_table().versions[-1]
ZERO = Decimal(0)
ODD = TableVersion(
    version="odd",
    effective_from=None,
    note="names that test normalising",
    params={},
    categories=(
        CategoryThresholds("Dom & Ogród", ZERO, ZERO, ZERO, ("Home and Garden", "STRASSE")),
        CategoryThresholds("Straße", ZERO, ZERO, ZERO, ("Ulica",)),
        CategoryThresholds("Kids", ZERO, ZERO, ZERO, ("Dziecko", "kids & toys")),
        CategoryThresholds("ΣΟΦΙΑ", ZERO, ZERO, ZERO, ()),
    ),
)
TABLES = [SHIPPED, ODD]


def valid_nip() -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = sum(w * d for w, d in zip((6, 5, 7, 2, 3, 4, 5, 6, 7), digits, strict=True)) % 11
        if check != 10 and any(digits):
            return "".join(map(str, digits)) + str(check)


def figures_json(figures: object) -> dict[str, object]:
    def dec(value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    def revenue(mapping: dict[str, Decimal] | None) -> list[list[str]] | None:
        return None if mapping is None else [[k, str(v)] for k, v in mapping.items()]

    f = figures
    seller = f.seller
    return {
        "seller": None if seller is None else (["t", seller] if isinstance(seller, str) else ["i", str(seller)]),
        "nip": f.nip,
        "business_account": f.business_account,
        "ratings": None if f.ratings is None else [f.ratings.positive, f.ratings.negative],
        "positive_ratings_pct": dec(f.positive_ratings_pct),
        "quality": f.quality.name,
        "other_accounts_quality": [g.name for g in f.other_accounts_quality],
        "revenue": revenue(f.revenue),
        "monthly_revenue": None if f.monthly_revenue is None else [str(v) for v in f.monthly_revenue],
        "category_growth_pct": dec(f.category_growth_pct),
        "category_market_growth_pct": dec(f.category_market_growth_pct),
        "brand_zone_revenue": revenue(f.brand_zone_revenue),
        "suspended": f.suspended,
        "transaction_problems_pct": dec(f.transaction_problems_pct),
        "exportable_pct": dec(f.exportable_pct),
        "new_condition_pct": dec(f.new_condition_pct),
    }


I128 = 2**127


def outcome(run) -> dict[str, object] | None:
    try:
        figures = run()
        if isinstance(figures.seller, int) and not -I128 <= figures.seller < I128:
            return None  # a known difference: Rust echoes an id beyond i128 as text
        return {"ok": figures_json(figures)}
    except InputError as exc:
        return {"error": str(exc), "field": exc.field, "nip": exc.nip}
    except Exception:  # noqa: BLE001 - Python's own failure: not a case to hold Rust to
        return None


def run_doc(data: bytes, table: TableVersion):
    return lambda: parse_record(parse_document(data, "json"), table)


def run_line(data: bytes, table: TableVersion):
    """Evaluator.decode's strict path (the msgspec fast path aside)."""

    def run():
        try:
            strict = parse_json(batch._text(data).rstrip("\r\n"))
        except InputError as exc:
            if b"\n" not in data.rstrip():
                raise InputError(exc.field, exc.problem.replace("at line 1, column", "at column")) from None
            raise
        if not isinstance(strict, dict):
            raise InputError(None, f"expected a seller record (an object), found {batch._kind(strict)}")
        return parse_record(strict, table)

    return run


def run_csv(base: dict[str, object], field: str, key: str | None, text: str, table: TableVersion):
    def run():
        record = json.loads(json.dumps(base), parse_float=Decimal)
        where = f"{field}.{key}" if key else field
        value = batch._csv_count(where, text) if field == "ratings" else batch._csv_number(where, text)
        if key is None:
            record[field] = value
        else:
            inner = record.get(field)
            if not isinstance(inner, dict):
                inner = record[field] = {}
            inner[key] = value
        return parse_record(record, table)

    return run


# ---------------------------------------------------------------- inputs

CATEGORY_SPELLINGS = [c.name for t in TABLES for c in t.categories] + [
    a for t in TABLES for c in t.categories for a in c.aliases
]


def base_record() -> dict[str, object]:
    table_names = [c.name for c in SHIPPED.categories]
    record: dict[str, object] = {
        "seller": rng.choice(["shop", "Sklep Łódź", 12345, "x" * 40]),
        "nip": rng.choice([valid_nip(), "PL" + valid_nip(), None]),
        "business_account": rng.choice([True, False]),
        "ratings": {"positive": rng.randrange(0, 10**6), "negative": rng.randrange(0, 1000)},
        "quality": rng.choice([g.name for g in Grade]),
        "revenue": {rng.choice(table_names): rng.randrange(10**5, 10**7)},
    }
    if rng.random() < 0.15:
        record["monthly_revenue"] = [rng.randrange(0, 10**6) for _ in range(rng.choice((12, 24)))]
    for name in ("positive_ratings_pct", "transaction_problems_pct", "exportable_pct", "new_condition_pct"):
        if rng.random() < 0.3:
            record[name] = rng.choice([99, "99,5", 50.25, 0, 100])
    for name in ("category_growth_pct", "category_market_growth_pct"):
        if rng.random() < 0.3:
            record[name] = rng.choice([-5.5, 12, "3,25"])
    if rng.random() < 0.3:
        record["brand_zone_revenue"] = rng.choice([{}, {table_names[0]: 1000}])
    if rng.random() < 0.3:
        record["other_accounts_quality"] = rng.sample([g.name for g in Grade], 2)
    if rng.random() < 0.3:
        record["suspended"] = rng.choice([True, False])
    return record


NUMBER_LITERALS = [
    "0",
    "-0",
    "-0.0",
    "0.000",
    "1",
    "-1",
    "1.5",
    "-2.25",
    "99.999",
    "100",
    "100.0",
    "100.0000000001",
    "101",
    "1e2",
    "1E+2",
    "1e-2",
    "5e3",
    "1e14",
    "1e15",
    "-1e15",
    "999999999999999",
    "1000000000000000",
    "999999999999999.999999999999",
    "999999999999999.9999999999999",
    "1.0000000000001",
    "1.000000000001",
    "1.0000000000000000000",
    "0.0000000000001",
    "1e-13",
    "1e-12",
    "0E-30",
    "0e999",
    "0.1e-11",
    "123.456e-10",
    "1e999999999",
    "-1e999999999",
    "1e-999999999",
    "1e999999999999999999",
    "-1.5e-999999999999999999",
    "1e99999999999999999999",
    "0e999999999999999999",
    "0.0e-999999999999999999",
    "NaN",
    "Infinity",
    "-Infinity",
    "1.5e15",
    "0.0000001",
    "12345678901234567890123456789012345",
    "-12345678901234567890123456789012345",
    "123456789012345678901234567890",
    "1234567890123456789012345678901",
    "9" * 4300,
    "-" + "9" * 4300,
    "-" + "9" * 4299,
    "9" * 5000,
    "1" + "0" * 40 + ".5",
    "2.5000000000000000000000001",
    "1.2345675e40",
    "12345665" + "0" * 30,
    "12345675" + "0" * 30,
    "1.2345665000000000000000000000001e40",
    "0.5",
    "3.0",
    "7.000000000000000000",
    "-3.5",
    "1e1",
    "2E0",
    "4.0e1",
]
TEXT_NUMBERS = [
    "99,5",
    " 99.5 ",
    "1 234,5",
    "1\u00a0234,5",
    "1\u202f234",
    "1_000",
    "12,5,1",
    "1.234,5",
    "abc",
    "",
    " ",
    "NaN",
    "inf",
    "1e2",
    "1E+2",
    "+5",
    "-5",
    ".5",
    "5.",
    "1..2",
    "--1",
    "1e",
    "e1",
    "1,",
    ",5",
    "99.5%",
    "٣",
    "1e999999999",
    "0,0000000000001",
    "100,0000",
    "50",
    "-0",
    "1 000 000,123",
    "\t7\n",
    "1e-13",
    "2,50",
]
OTHER_VALUES = ["null", "true", "false", '"text"', "[]", "{}", "[1]", '{"a": 1}', '""']


def literal_pool() -> list[str]:
    return NUMBER_LITERALS + [json.dumps(t) for t in TEXT_NUMBERS] + OTHER_VALUES


def grade_spellings() -> list[str]:
    out = []
    for grade in Grade:
        out += [
            grade.name,
            grade.name.lower(),
            grade.name.title(),
            grade.name.replace("_", "-").lower(),
            grade.name.replace("_", " "),
            " " + grade.name + " ",
            POLISH_GRADE_NAMES[grade],
            POLISH_GRADE_NAMES[grade].upper(),
            POLISH_GRADE_NAMES[grade].lower(),
        ]
    out += [
        "ſuper",
        "ſuper_plus",
        "GOOD\u00a0",
        "\u3000good",
        "SUPER+",
        "super +",
        "super-+",
        "wymaga-poprawy",
        "wymaga_poprawy",
        "goood",
        "god",
        "NEEDS_IMPROVMENT",
        "supr",
        "unaceptable",
        "neutrall",
        "",
        " ",
        "x",
        "Dobre",
        "Neutralna",
        "SUPERPLUS",
        "super plus",
        "Super Plus",
        "GOÖD",
        "good\n",
        "ǅobry",
        "ß",
        "straße",
        "NIEAKCEPTOWALNY",
        "nieakceptowalna",
        "a" * 250,
        "good" * 60,
        "'good'",
        'goo"d',
        "go\\od",
        "\u0000good",
        "gööd",
        "G\u0301OOD",
        "dobry\u200b",
        "Ｇｏｏｄ",
    ]
    return out


def category_spellings() -> list[str]:
    out = list(CATEGORY_SPELLINGS)
    for name in CATEGORY_SPELLINGS:
        out += [name.upper(), name.lower(), " " + name + " ", name.replace(" i ", " I "), name.replace(" ", "  ")]
        out.append(typo(name))
    out += [
        "Elektronik",
        "elektronika and",
        "and",
        "&",
        "",
        " ",
        "Unknown",
        "Motoryzacj",
        "Dom & Ogrod",
        "dom and ogród",
        "home & garden",
        "strasse",
        "STRASSE",
        "Strasse",
        "ulica",
        "σοφια",
        "ΣΟΦΙΑΣ",
        "σοφιας",
        "Kids&Toys",
        "kids and toys",
        "kidstoys",
        "[1]",
        "[x",
        "a.b",
        "x" * 300,
        "Elektronika" * 30,
        "Łazienka",
        "łazienka i ogrzewanie",
        "Kultura  i\trozrywka",
        "Zdrowie i Uroda",
        "ZDROWIE I URODA",
        "zdrowieiuroda",
        "Moda and",
        "and Moda",
    ]
    return out


def typo(text: str) -> str:
    if not text:
        return "x"
    chars = list(text)
    op = rng.randrange(4)
    i = rng.randrange(len(chars))
    if op == 0:
        del chars[i]
    elif op == 1:
        chars.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz_ ."))
    elif op == 2:
        chars[i] = rng.choice("abcdefghijklmnopqrstuvwxyz_")
    elif i + 1 < len(chars):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def nip_spellings() -> list[str]:
    out = []
    for _ in range(30):
        nip = valid_nip()
        out += [
            json.dumps(nip),
            nip,
            json.dumps(f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"),
            json.dumps(f"PL {nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}"),
            json.dumps("pl" + nip),
            json.dumps("Pl-" + nip),
            json.dumps(nip[:3] + "\u00a0" + nip[3:]),
            json.dumps(nip[:9]),
            json.dumps(nip + "0"),
            json.dumps(nip[:9] + str((int(nip[9]) + 1) % 10)),
            "-" + nip,
            json.dumps(" " + nip + "\t"),
            nip + ".0",
            json.dumps("PL" + nip + "x"),
            json.dumps("DE" + nip),
        ]
    out += [
        '"0000000000"',
        "0",
        '""',
        '"PL"',
        '"１２３４５６３２１８"',
        '"١٢٣٤٥٦٣٢١٨"',
        '"1234563218"',
        "1234563218",
        '"123456321８"',
        "true",
        "[]",
        "null",
        '"12345 63218"',
        '"1234-563-218"',
        '"1234567890"',
        "1e9",
        "9" * 5000,
    ]
    return out


FIELD_NAMES = list(RECORD_FIELDS)


def random_number() -> str:
    sign = rng.choice(["", "", "-"])
    whole = rng.choice(
        ["0", str(rng.randrange(1, 10)) + "".join(rng.choice("0123456789") for _ in range(rng.randrange(0, 40)))]
    )
    frac = rng.choice(["", "." + "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 35)))])
    if rng.random() < 0.3:
        frac = frac.rstrip("123456789") if frac else frac
        frac = "" if frac == "." else frac
    exp = rng.choice(
        ["", "", "e" + str(rng.randrange(-40, 40)), "E+" + str(rng.randrange(0, 30)), "e-" + str(rng.randrange(0, 30))]
    )
    return sign + whole + frac + exp


def random_number_text() -> str:
    text = random_number()
    if rng.random() < 0.5:
        text = text.replace(".", ",")
    for _ in range(rng.randrange(3)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice([" ", "\u00a0", "\u202f", "_", ",", ".", "+", "x", "\t"]) + text[i:]
    return text


def random_text() -> str:
    pools = [
        "abcdefghijklmnopqrstuvwxyz_- +",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "ąćęłńóśźżĄĆĘŁŃÓŚŹŻßſﬀİıΣσςǅ",
        "\x00\x07\x1b\x7f\x85\xa0\xad\u2028\u200b\ufeff\u0378\U0001f600\U000e0001\u1e9e\U00011f00\u0870'\"\\",
        "SUPERGODNEUTRALPLSAC",
    ]
    pool = "".join(rng.sample(pools, rng.randrange(1, len(pools) + 1)))
    return "".join(rng.choice(pool) for _ in range(rng.randrange(0, 20)))


def mutate(text: str) -> str:
    for _ in range(rng.choice([0, 1, 1, 2, 3, 6])):
        text = typo(text)
    if rng.random() < 0.2:
        text = rng.choice([str.upper, str.lower, str.title, lambda t: " " + t + " ", lambda t: t.replace(" ", " & ")])(
            text
        )
    return text


def unknown_field_names() -> list[str]:
    out = []
    for name in FIELD_NAMES:
        out += [typo(name), typo(typo(name)), name.upper(), name + "s", name.replace("_", "")]
    out += [
        "x",
        "",
        "revenu",
        "quallity",
        "sellr",
        "nips",
        "rating",
        "monthly",
        "growth",
        "brand_zone",
        "Revenue",
        "[0]",
        "[x",
        "a.b",
        "ratings.positive",
        "zzzzzzzzzzzz",
        "quality" * 40,
        "q" * 300,
        "revenue" + "_" * 200,
        "sélleur",
        "NIP",
        "business account",
        "business-account",
        "positive_ratings",
        "category_growth",
        "new_condition",
        "suspend",
        "ß",
        "'",
        '"',
        "\\",
        "\u0000",
        "\u2028",
    ]
    return out


def record_text(record: dict[str, object], raw: dict[str, str] | None = None, indent: int | None = None) -> str:
    """JSON text of `record` where values in `raw` are spliced in as literal JSON text."""
    raw = raw or {}
    parts = []
    for key, value in record.items():
        text = raw[key] if key in raw else json.dumps(value, ensure_ascii=False)
        parts.append(f"{json.dumps(key, ensure_ascii=False)}: {text}")
    if indent:
        return "{\n  " + ",\n  ".join(parts) + "\n}"
    return "{" + ", ".join(parts) + "}"


def cases() -> list[tuple[str, int, bytes, dict[str, object] | None]]:
    out: list[tuple[str, int, bytes, dict[str, object] | None]] = []

    def doc(text: str | bytes, table: int = 0) -> None:
        data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
        out.append(("doc", table, data, None))

    for _ in range(200):
        doc(record_text(base_record(), indent=rng.choice([None, 2])))
    # every field with every kind of value
    pool = literal_pool()
    for field in FIELD_NAMES:
        for literal in pool:
            base = base_record()
            base[field] = None
            doc(record_text(base, {field: literal}))
    # percentages and numbers as text
    for field in ("positive_ratings_pct", "category_growth_pct", "exportable_pct"):
        for text in TEXT_NUMBERS:
            base = base_record()
            base[field] = text
            doc(record_text(base))
    # ratings
    for literal in pool:
        for key in ("positive", "negative"):
            base = base_record()
            base["ratings"] = {"positive": 1, "negative": 2}
            doc(
                record_text(
                    base,
                    {
                        "ratings": json.dumps(base["ratings"]).replace(
                            f'"{key}": ' + str(base["ratings"][key]), f'"{key}": {literal}'
                        )
                    },
                )
            )
    for ratings in [
        '{"positive": 5}',
        '{"negative": 5}',
        "{}",
        '{"positiv": 1, "negative": 2}',
        '{"positive": 1, "negative": 2, "x": 3}',
        '{"[1]": 1}',
        '{"positive": -1, "negative": "a"}',
        '{"POSITIVE": 1}',
        "[1, 2]",
    ]:
        base = base_record()
        doc(record_text(base, {"ratings": ratings}))
    base = base_record()
    del base["ratings"]
    doc(record_text(base))
    base["positive_ratings_pct"] = "99,9"
    doc(record_text(base))
    # required fields missing or null
    for field in ("business_account", "quality", "revenue"):
        base = base_record()
        del base[field]
        doc(record_text(base))
        base = base_record()
        base[field] = None
        doc(record_text(base))
    # grades
    for spelling in grade_spellings():
        base = base_record()
        base["quality"] = spelling
        doc(record_text(base))
        base = base_record()
        base["other_accounts_quality"] = ["GOOD", spelling]
        doc(record_text(base))
    # categories, on both tables
    for spelling in category_spellings():
        for table in (0, 1):
            base = base_record()
            base["revenue"] = {spelling: 1000}
            doc(record_text(base), table)
    for table, t in enumerate(TABLES):
        names = [c.name for c in t.categories] + [a for c in t.categories for a in c.aliases]
        for _ in range(30):
            a, b = rng.choice(names), rng.choice(names)
            base = base_record()
            base["revenue"] = {a: 1, b.upper(): 2}
            doc(record_text(base), table)
            base = base_record()
            base["brand_zone_revenue"] = {a: 5, rng.choice(category_spellings()): rng.choice([1, -1, "x", 1.5])}
            doc(record_text(base), table)
    for value in ["{}", "[]", '"x"', '{"Elektronika": -5}', '{"Elektronika": "5"}', '{"Elektronika": null}']:
        for field in ("revenue", "brand_zone_revenue"):
            base = base_record()
            doc(record_text(base, {field: value}))
    # NIPs
    for spelling in nip_spellings():
        base = base_record()
        doc(record_text(base, {"nip": spelling}))
    # unknown fields
    for name in unknown_field_names():
        base = base_record()
        base[name] = 1
        doc(record_text(base))
        base = base_record()
        items = list(base.items())
        items.insert(rng.randrange(len(items) + 1), (name, "x"))
        doc(record_text(dict(items)))
    # monthly revenue
    for count in (0, 1, 11, 12, 13, 23, 24, 25):
        base = base_record()
        base["monthly_revenue"] = [1] * count
        doc(record_text(base))
    for literal in pool:
        base = base_record()
        months = [str(rng.randrange(100)) for _ in range(12)]
        months[rng.randrange(12)] = literal
        doc(record_text(base, {"monthly_revenue": "[" + ", ".join(months) + "]"}))
    # seller
    for literal in ['"x"', '""', "0", "-5", "12345678901234567890", "9" * 50, "1.5", "true", "[]", "{}", '"\\u00e9"']:
        doc(record_text(base_record(), {"seller": literal}))
    # duplicated keys, nested and not
    for text in [
        '{"seller": 1, "seller": 2}',
        '{"revenue": {"Elektronika": 1, "Elektronika": 2}, "quality": "GOOD"}',
        '{"revenue": {"a": {"x": 1, "x": 2}}, "revenue": 3}',
        '{"b": {"y": 1, "y": 2}, "a": 1, "a": 2}',
        '{"a": [1, {"k": 1, "k": 2}], "b": {"k": 1, "k": 1}}',
        '[{"a": 1}, {"b": 1, "b": 2}]',
        '{"": {"x": 1, "x": 2}}',
        '{"": 1, "": 2}',
        '{"x": {"": {"y": 1, "y": 1}}}',
        '{"ratings": {"positive": 1, "positive": 2}}',
        '{"a": 1, "b": 2, "a": 3, "b": 4}',
        '{"k": [[{"z": 1, "z": 2}]], "k": 0}',
        '{"a.b": {"c": 1, "c": 2}}',
        '{"x": [0, 1, {"\\u00e9": 1, "é": 2}]}',
        '{"d": {"x": 1, "x": 2, "y": "\\ud800"}}',
        '{"s": "\\ud800", "d": {"x": 1, "x": 2}}',
    ]:
        doc(text)
    # unpaired surrogates
    for text in [
        '{"seller": "\\ud800"}',
        '{"seller": "\\udc00"}',
        '{"seller": "a\\ud800b"}',
        '{"seller": "\\ud800\\u0041"}',
        '{"seller": "\\ud83d\\ude00"}',
        '{"seller": "\\ud800\\ud800"}',
        '{"seller": "\\ude00\\ud83d"}',
        '{"revenue": {"a\\ud800": 1}}',
        '{"revenue": {"Elektronika": 1}, "x\\udfff": 1}',
        '{"\\ud800": 1}',
        '{"other_accounts_quality": ["GOOD", "\\udbff"]}',
        '{"a": [[1, "\\ud800"]]}',
        '"\\ud800"',
        '["\\ud800"]',
        '{"": "\\ud800"}',
        '{"x": {"": "\\ud800"}}',
        '{"k\\ud800\\udc00": "\\ud800"}',
        '{"k\\ud800x\\udc01": 1}',
        '{"seller": "\\ud800", "quality": "BAD"}',
        '{"quality": "\\ud800"}',
        '{"nip": "\\ud800"}',
        '{"seller": "\\ud800\\u12"}',
        '{"seller": "\\ud800\\uZZZZ"}',
        '{"seller": "\\ud800\\"}',
    ]:
        doc(text)
    # empty and BOMs
    for data in [
        b"",
        b"  ",
        b"\n\t\r",
        b"\x0c",
        b"\x1c",
        "\u00a0".encode(),
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf  ",
        b"\xef\xbb\xbf\xef\xbb\xbf{}",
        b"\xef\xbb\xbf{}",
        "\u2028".encode(),
        b"\x0b{}",
    ]:
        doc(data)
    # nesting
    for depth in (1, 10, 100, 899, 1100, 5000):
        doc("[" * depth + "]" * depth)
        doc('{"revenue": ' + "[" * depth + "]" * depth + "}")
        doc('{"a": ' + '{"a": ' * depth + "1" + "}" * depth + "}")
        doc("[" * depth)
    doc("[" * 1200 + "}")
    doc("[" * 1200 + '"\\x')
    # syntax errors: truncations and edits of valid texts
    for _ in range(700):
        text = record_text(base_record(), indent=rng.choice([None, 2]))
        op = rng.randrange(5)
        i = rng.randrange(len(text) + 1)
        if op == 0:
            text = text[:i]
        elif op == 1:
            text = text[:i] + text[i + 1 :]
        elif op == 2:
            text = (
                text[:i]
                + rng.choice(
                    [
                        ",",
                        ":",
                        "{",
                        "}",
                        "[",
                        "]",
                        '"',
                        "\\",
                        "x",
                        "\x01",
                        "\t",
                        "1",
                        "-",
                        ".",
                        "e",
                        "\\u12",
                        "\\x",
                        "é",
                        "\n",
                        "'",
                        "NaN",
                        "tru",
                        "nul",
                        "/",
                        "\u2028",
                    ]
                )
                + text[i:]
            )
        elif op == 3:
            text = text + rng.choice([" x", "}", ",", "\n1", " ", "\n", "{}", "\u00a0"])
        else:
            text = rng.choice(["", " ", "\n\n"]) + text[i:]
        doc(text)
    for text in [
        "[1,]",
        '{"a":1,}',
        '{"a" 1}',
        "{a:1}",
        "[1 2]",
        '"abc',
        '"a\x01"',
        '"\\x"',
        '"\\u12"',
        '"\\u12G4"',
        "1 2",
        "[",
        "{",
        '{"a":',
        "-",
        "01",
        "1.",
        "1e",
        "1.5e+",
        "tru",
        "nul",
        "[1,,2]",
        '{"a":1 "b":2}',
        '{"a":1,"a"',
        '"\\',
        '"a\\u"',
        "-Infinity",
        "-Inf",
        "[-]",
        '{"":}',
        "1\n 2",
        "NaN1",
        "[1]]",
        '"\t"',
        '{"a":1}x',
        " \n [1,\n 2,,]",
        '"é\x01"',
        '"\\u1234',
        '"\\ud800\\udc00',
        '"\\ud800\\udc0',
        "[NaN, Infinity]",
        "[-0, 1E5, 1e-5]",
        "'a'",
        "{'a': 1}",
        "[1.e5]",
        "[.5]",
        "[+1]",
        "[0x10]",
        "[1_0]",
        "[\u00a01]",
        '{"a": 1}\u00a0',
        "1\r\n\r\n",
        '\r\n{\r\n"a" 1}',
        "é é",
        '"\u2028"',
        "[true false]",
        '{"a"}',
        '{"a":1,,}',
        "\ufeff{}",
        "123",
        "null",
        "true",
        '"str"',
        "[1, 2]",
        "{}",
    ]:
        doc(text)
    # bad UTF-8
    for _ in range(150):
        text = record_text(base_record()).encode()
        i = rng.randrange(len(text) + 1)
        bad = rng.choice(
            [b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80", b"\xc0\xaf", b"\xf0\x9f\x98"]
        )
        doc(text[:i] + bad + text[i:])
    doc(b"\xef\xbb\xbf\xff")
    doc(b"\xef\xbb")
    # random JSON-like texts: the scanner's every path
    alphabet = [
        *list('{}[],:"\\ud80c0aefE-+.1 \n\tnNIé\x01x'),
        '"a"',
        "null",
        "true",
        "\\u",
        "NaN",
        "-Infinity",
        "\u2028",
    ]
    for _ in range(2500):
        doc("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14))))
    # random number literals in number fields
    for _ in range(1500):
        literal = random_number()
        base = base_record()
        field = rng.choice(
            ["positive_ratings_pct", "category_growth_pct", "ratings", "revenue", "monthly_revenue", "nip", "seller"]
        )
        if field == "ratings":
            doc(record_text(base, {field: '{"positive": ' + literal + ', "negative": 0}'}))
        elif field == "revenue":
            doc(record_text(base, {field: '{"Kids": ' + literal + "}"}))
        elif field == "monthly_revenue":
            doc(record_text(base, {field: "[" + ", ".join([literal] * 12) + "]"}))
        else:
            doc(record_text(base, {field: literal}))
    for _ in range(600):
        base = base_record()
        base[rng.choice(["positive_ratings_pct", "category_growth_pct"])] = random_number_text()
        doc(record_text(base))
    # random texts as grades and categories: repr, casefold, upper, the suggestions
    for _ in range(800):
        base = base_record()
        base["quality"] = random_text()
        doc(record_text(base))
    for _ in range(800):
        base = base_record()
        table = rng.randrange(2)
        names = [c.name for c in TABLES[table].categories] + [a for c in TABLES[table].categories for a in c.aliases]
        base["revenue"] = {mutate(rng.choice(names)): 1}
        doc(record_text(base), table)
    for _ in range(600):
        base = base_record()
        base[mutate(rng.choice(FIELD_NAMES))] = 1
        doc(record_text(base))
    # JSON Lines records through the batch's strict path
    line_cases: list[bytes] = []
    for _kind, table, data, _ in list(out):
        if rng.random() < 0.15:
            line_cases.append(data)
    for data in [
        b'{"a" 1}\r\n',
        b'{"a" 1}\n\n',
        b'{\n"a" 1}',
        b'{"a" 1}\n \x0b',
        b"\xef\xbb\xbf{}",
        b"[1]",
        b'"x"\n',
        b"\xff{}",
        b"\n",
        b"  \r\n",
        b'{"seller": "\\ud800"}\n',
        b'{"a":1,"a":2}\r\n',
        b"1 2\n3",
    ]:
        line_cases.append(data)
    for data in line_cases:
        out.append(("line", 0, data, None))
    # CSV cells
    csv_targets = [
        ("positive_ratings_pct", None),
        ("ratings", "positive"),
        ("ratings", "negative"),
        ("revenue", "Elektronika"),
        ("revenue", "Moda"),
        ("category_growth_pct", None),
        ("exportable_pct", None),
        ("brand_zone_revenue", "Moda"),
        ("revenue", "Nieznana"),
        ("ratings", "pozytywne"),
    ]
    csv_texts = [
        *TEXT_NUMBERS,
        "1 000 000",
        "5.0",
        "-5.0",
        "1e20",
        "-1e20",
        "2.5",
        "-100000000000000000000",
        "7,0",
        "1e-20",
        "0.0000000000000000001",
        "100000000000000",
        "999999999999999,5",
        "1" + "0" * 40,
    ]
    csv_cases = []
    for field, key in csv_targets:
        for text in csv_texts:
            if not text.strip():
                continue
            base = base_record()
            base.pop(field, None)
            csv_cases.append((base, field, key, text))
    return out, csv_cases


def closest_cases() -> list[tuple[str, list[str]]]:
    """difflib on many pairs: small alphabets (many matches, ties), words past 200 characters
    (autojunk), options near and far."""
    out = []
    for _ in range(1500):
        alphabet = rng.choice(["ab", "abc", "abcd", "abcdefgh", "aab ", "xyz_-", "łóßa"])
        length = rng.choice([0, 1, 2, 3, 5, 8, 13, 30, 0, 1, 2, 3, 5, 8, 13, 30, 199, 200, 201, 250])
        word = "".join(rng.choice(alphabet) for _ in range(length))
        options = []
        for _ in range(rng.randrange(1, 8)):
            if word and rng.random() < 0.6:
                option = list(word)
                for _ in range(rng.randrange(0, max(2, len(word) // 3))):
                    i = rng.randrange(len(option) + 1)
                    if rng.random() < 0.5 and i < len(option):
                        del option[i]
                    else:
                        option.insert(i, rng.choice(alphabet))
                options.append("".join(option))
            else:
                options.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))))
        out.append((word, options))
    return out


def spelled(data: bytes) -> dict[str, str]:
    """The input as text ("s") when it is UTF-8, else as hex ("b")."""
    try:
        return {"s": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"b": data.hex()}


def main() -> None:
    doc_cases, csv_cases = cases()
    lines = [json.dumps({"tables": [[[c.name, list(c.aliases)] for c in t.categories] for t in TABLES]})]
    skipped = 0
    for kind, table, data, _ in doc_cases:
        run = run_doc if kind == "doc" else run_line
        result = outcome(run(data, TABLES[table]))
        if result is None:
            skipped += 1
            continue
        lines.append(json.dumps({"k": kind, "t": table, **spelled(data), "out": result}))
    for base, field, key, text in csv_cases:
        result = outcome(run_csv(base, field, key, text, SHIPPED))
        if result is None:
            skipped += 1
            continue
        lines.append(
            json.dumps(
                {"k": "csv", "t": 0, **spelled(json.dumps(base).encode()), "csv": [field, key, text], "out": result}
            )
        )
    for word, options in closest_cases():
        lines.append(json.dumps({"k": "closest", "t": 0, "s": word, "options": options, "out": closest(word, options)}))
    with gzip.GzipFile(HERE / "golden.jsonl.gz", "wb", compresslevel=9, mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(lines) - 1} cases, {skipped} left out", file=sys.stderr)


if __name__ == "__main__":
    sys.setrecursionlimit(1000)
    main()
