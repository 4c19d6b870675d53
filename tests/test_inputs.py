"""Seller records in, `SellerFigures` or one precise `InputError` out (issue 2's list of bad inputs).

Each error is checked for the exact field path and problem: that line is what a user reads.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from diamond_cli.errors import InputError
from diamond_cli.models import Grade
from diamond_cli.pipeline import Engine, document
from diamond_cli.thresholds import TableVersion
from tests.conftest import TEST_REF, parse_record, record


def parse_document(data: bytes, fmt: str) -> dict[str, Any]:
    """A JSON or YAML document as `check` reads it, not yet validated."""
    import datetime as dt

    from diamond_cli.thresholds import load_table

    return document(Engine(load_table().in_force(dt.date(2026, 11, 23)), TEST_REF), data, fmt)


def error_of(table: TableVersion, **changes: Any) -> tuple[str | None, str]:
    """The (field, problem) of the error a variant of the base record raises."""
    with pytest.raises(InputError) as info:
        parse_record(record(**changes), table)
    return info.value.field, info.value.problem


def document_error(table: TableVersion, data: bytes, fmt: str = "json") -> tuple[str | None, str]:
    """The (field, problem) of the error a whole document raises, parsed and validated."""
    with pytest.raises(InputError) as info:
        parse_record(parse_document(data, fmt), table)
    return info.value.field, info.value.problem


def base_json(**changes: Any) -> str:
    return json.dumps(record(**changes))


# ---------------------------------------------------------------- documents

DOCUMENTS: list[tuple[str, bytes, str, str | None, str]] = [
    ("empty", b"", "json", None, "the input is empty"),
    ("only whitespace", b" \n\t ", "json", None, "the input is empty"),
    ("empty yaml", b"", "yaml", None, "the input is empty"),
    ("comment-only yaml", b"# nothing\n", "yaml", None, "invalid YAML: the document is empty"),
    (
        "malformed json",
        b'{"business_account": true,',
        "json",
        None,
        "invalid JSON at line 1, column 27: Expecting property name enclosed in double quotes",
    ),
    (
        "json trailing comma",
        b'{"quality": "GOOD",}',
        "json",
        None,
        "invalid JSON at line 1, column 20: Expecting property name enclosed in double quotes",
    ),
    (
        "malformed yaml",
        b"quality: [GOOD\n",
        "yaml",
        None,
        "invalid YAML at line 2, column 1: did not find expected ',' or ']'",
    ),
    ("invalid utf-8", b'{"seller": "\xff"}', "json", None, "not valid UTF-8 text (byte 13)"),
    ("invalid utf-8 yaml", b"seller: \xc3\x28\n", "yaml", None, "not valid UTF-8 text (byte 9)"),
    ("top-level list", b"[1, 2]", "json", None, "expected one seller record (an object), found a list"),
    ("top-level string", b'"seller"', "json", None, "expected one seller record (an object), found text"),
    ("top-level number", b"42", "json", None, "expected one seller record (an object), found a number"),
    ("top-level null", b"null", "json", None, "expected one seller record (an object), found null"),
    ("top-level yaml list", b"- a\n- b\n", "yaml", None, "expected one seller record (an object), found a list"),
    ("top-level yaml scalar", b"hello\n", "yaml", None, "expected one seller record (an object), found text"),
    ("nesting too deep json", b"[" * 100_000 + b"]" * 100_000, "json", None, "nesting too deep"),
    (
        "nesting too deep inside a field",
        b'{"seller": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
        "json",
        None,
        "nesting too deep",
    ),
    (
        "nesting too deep yaml flow",
        b"[" * 50_000 + b"]" * 50_000,
        "yaml",
        None,
        "invalid YAML at line 1, column 101: nesting too deep (over 100 levels)",
    ),
    (
        "nesting too deep yaml block",
        "".join(" " * i + "a:\n" for i in range(300)).encode(),
        "yaml",
        None,
        "invalid YAML at line 101, column 101: nesting too deep (over 100 levels)",
    ),
    ("duplicated top-level key", b'{"quality": "GOOD", "quality": "SUPER"}', "json", "quality", "duplicated key"),
    (
        "duplicated nested key",
        b'{"revenue": {"Kids": 1, "Fashion": 2, "Kids": 3}}',
        "json",
        "revenue.Kids",
        "duplicated key",
    ),
    (
        "duplicated key in yaml",
        b"revenue:\n  Kids: 1\n  Kids: 2\n",
        "yaml",
        None,
        "invalid YAML at line 3, column 3: duplicated key revenue.Kids",
    ),
    (
        "NaN in json",
        b'{"revenue": {"Kids": NaN}}',
        "json",
        "revenue.Kids",
        "numbers must be finite, found NaN",
    ),
    (
        "Infinity in json",
        b'{"business_account": true, "quality": "GOOD", "revenue": {"Kids": 1}, "transaction_problems_pct": Infinity}',
        "json",
        "transaction_problems_pct",
        "numbers must be finite, found Infinity",
    ),
    (
        "-Infinity in json",
        b'{"category_growth_pct": -Infinity}',
        "json",
        "category_growth_pct",
        "numbers must be finite, found -Infinity",
    ),
    (
        ".nan in yaml",
        b"revenue: {Kids: .nan}\n",
        "yaml",
        None,
        "invalid YAML at line 1, column 17: revenue.Kids: '.nan' is not a finite number",
    ),
    (
        ".inf in yaml",
        b"exportable_pct: -.inf\n",
        "yaml",
        None,
        "invalid YAML at line 1, column 17: exportable_pct: '-.inf' is not a finite number",
    ),
    ("overflowing float", b'{"revenue": {"Kids": 1e400}}', "json", "revenue.Kids", "1E+400 is too large"),
    (
        "exponent beyond Decimal's range",
        b'{"revenue": {"Kids": 1e999999999}}',
        "json",
        "revenue.Kids",
        "1E+999999999 is too large",
    ),
    (
        "count with a huge exponent",
        b'{"ratings": {"positive": 1e999999999, "negative": 0}}',
        "json",
        "ratings.positive",
        "1E+999999999 is too large",
    ),
    (
        "integer with thousands of digits",
        b'{"revenue": {"Kids": ' + b"9" * 5000 + b"}}",
        "json",
        "revenue.Kids",
        "1.000000E+5000 is too large",
    ),
    (
        "integer with thousands of digits in a count",
        b'{"ratings": {"positive": ' + b"1" * 6000 + b', "negative": 0}}',
        "json",
        "ratings.positive",
        "1.111111E+5999 is too large",
    ),
    (
        "integer with thousands of digits in yaml",
        b"revenue: {Kids: " + b"1" * 5000 + b"}\n",
        "yaml",
        "revenue.Kids",
        "1.111111E+4999 is too large",
    ),
    (
        "python tag in yaml",
        b"seller: !!python/object/apply:os.system ['echo hacked']\n",
        "yaml",
        None,
        "invalid YAML at line 1, column 9: seller: tag 'tag:yaml.org,2002:python/object/apply:os.system'"
        " is not allowed (safe loading only)",
    ),
    (
        "two yaml documents",
        b"quality: GOOD\n---\nquality: SUPER\n",
        "yaml",
        None,
        "invalid YAML at line 2, column 1: but found another document",
    ),
    (
        "yaml key that is not text",
        b"[1]: 2\n",
        "yaml",
        None,
        "invalid YAML at line 1, column 1: top level: keys must be text",
    ),
]


@pytest.mark.parametrize(("name", "data", "fmt", "field", "problem"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_bad_document(table: TableVersion, name: str, data: bytes, fmt: str, field: str | None, problem: str) -> None:
    assert document_error(table, data, fmt) == (field, problem)


def test_malformed_json_says_where(table: TableVersion) -> None:
    assert document_error(table, b'{\n  "quality": "GOOD"\n  "revenue": {}\n}') == (
        None,
        "invalid JSON at line 3, column 3: Expecting ',' delimiter",
    )


def test_a_yaml_record_reads_like_a_json_one(table: TableVersion) -> None:
    text = """
seller: shop
nip: PL 774-000-14-54
business_account: yes
ratings: {positive: 2400, negative: 12}
positive_ratings_pct: "99,5"
quality: dobry
revenue: {dziecko: 5000000.50, moda: 300000}
"""
    figures = parse_record(parse_document(text.encode(), "yaml"), table)
    assert figures.nip == "7740001454"
    assert figures.quality is Grade.GOOD
    assert figures.positive_ratings_pct == Decimal("99.5")
    assert figures.revenue == {"Kids": Decimal("5000000.50"), "Fashion": Decimal(300000)}


def test_a_utf8_bom_is_ignored(table: TableVersion) -> None:
    figures = parse_record(parse_document(b"\xef\xbb\xbf" + base_json().encode(), "json"), table)
    assert figures.seller == "example"


def test_json_floats_stay_exact(table: TableVersion) -> None:
    figures = parse_record(parse_document(base_json(positive_ratings_pct=98.995).encode(), "json"), table)
    assert figures.positive_ratings_pct == Decimal("98.995")


# ---------------------------------------------------------------- fields

FIELD_ERRORS: list[tuple[str, dict[str, Any], str, str]] = [
    # unknown and missing fields
    ("unknown field, close", {"quallity": "GOOD"}, "quallity", "unknown field; did you mean 'quality'?"),
    ("unknown field, far", {"colour": "red"}, "colour", "unknown field"),
    (
        "unknown nested field",
        {"ratings": {"positive": 1, "negativ": 0}},
        "ratings.negativ",
        "unknown field; did you mean 'negative'?",
    ),
    ("missing business_account", {"business_account": ...}, "business_account", "missing (required)"),
    ("missing quality", {"quality": ...}, "quality", "missing (required)"),
    ("missing revenue", {"revenue": ...}, "revenue", "missing (required)"),
    ("missing both rating forms", {"ratings": ...}, "ratings", "missing: give rating counts or positive_ratings_pct"),
    ("missing negative count", {"ratings": {"positive": 5}}, "ratings.negative", "missing"),
    ("null required field", {"quality": None}, "quality", "expected a grade, found null"),
    # wrong types
    ("business_account as text", {"business_account": "yes"}, "business_account", "expected true or false, found text"),
    (
        "business_account as number",
        {"business_account": 1},
        "business_account",
        "expected true or false, found a number",
    ),
    ("suspended as text", {"suspended": "no"}, "suspended", "expected true or false, found text"),
    ("quality as number", {"quality": 3}, "quality", "expected a grade, found a number"),
    (
        "other grades not a list",
        {"other_accounts_quality": "GOOD"},
        "other_accounts_quality",
        "expected a list of grades, found text",
    ),
    ("ratings as list", {"ratings": [1, 2]}, "ratings", 'expected {"positive": N, "negative": N}, found a list'),
    (
        "fractional count",
        {"ratings": {"positive": 1.5, "negative": 0}},
        "ratings.positive",
        "expected a whole number, found 1.5",
    ),
    (
        "count as text",
        {"ratings": {"positive": "12", "negative": 0}},
        "ratings.positive",
        "expected a whole number, found text",
    ),
    (
        "count as boolean",
        {"ratings": {"positive": 1, "negative": True}},
        "ratings.negative",
        "expected a whole number, found a boolean",
    ),
    (
        "negative count",
        {"ratings": {"positive": 1, "negative": -1}},
        "ratings.negative",
        "a count cannot be negative (-1)",
    ),
    (
        "huge count",
        {"ratings": {"positive": 10**20, "negative": 0}},
        "ratings.positive",
        "100000000000000000000 is too large",
    ),
    ("revenue as list", {"revenue": [1]}, "revenue", "expected {category: PLN}, found a list"),
    ("revenue empty", {"revenue": {}}, "revenue", "at least one category is needed"),
    ("revenue amount as text", {"revenue": {"Kids": "5000000"}}, "revenue.Kids", "expected a number, found text"),
    ("revenue amount as boolean", {"revenue": {"Kids": True}}, "revenue.Kids", "expected a number, found a boolean"),
    ("seller as list", {"seller": ["a"]}, "seller", "expected text, found a list"),
    ("seller as boolean", {"seller": False}, "seller", "expected text, found a boolean"),
    (
        "monthly revenue as text",
        {"monthly_revenue": "lots"},
        "monthly_revenue",
        "expected a list of 12 or 24 monthly amounts, found text",
    ),
    (
        "monthly amount as text",
        {"monthly_revenue": [1, 2, 3, "x", *[1] * 8]},
        "monthly_revenue[3]",
        "expected a number, found text",
    ),
    ("growth as word", {"category_growth_pct": "fast"}, "category_growth_pct", "'fast' is not a number"),
    (
        "market growth as list",
        {"category_market_growth_pct": [1]},
        "category_market_growth_pct",
        "expected a number, found a list",
    ),
    (
        "too many decimal places",
        {"revenue": {"Kids": Decimal("1.0000000000001")}},
        "revenue.Kids",
        "more than 12 decimal places",
    ),
    ("python float NaN", {"exportable_pct": float("nan")}, "exportable_pct", "numbers must be finite, found NaN"),
    (
        "python float infinity",
        {"revenue": {"Kids": float("inf")}},
        "revenue.Kids",
        "numbers must be finite, found Infinity",
    ),
    # negative money
    ("negative revenue", {"revenue": {"Kids": -1}}, "revenue.Kids", "an amount cannot be negative (-1)"),
    (
        "negative brand revenue",
        {"brand_zone_revenue": {"Kids": Decimal("-0.01")}},
        "brand_zone_revenue.Kids",
        "an amount cannot be negative (-0.01)",
    ),
    (
        "negative month",
        {"monthly_revenue": [1] * 5 + [-1] + [1] * 6},
        "monthly_revenue[5]",
        "an amount cannot be negative (-1)",
    ),
    # shares outside 0-100
    (
        "ratings share above 100",
        {"positive_ratings_pct": Decimal("100.01")},
        "positive_ratings_pct",
        "a percentage share must be from 0 to 100, found 100.01",
    ),
    (
        "ratings share below 0",
        {"positive_ratings_pct": -1},
        "positive_ratings_pct",
        "a percentage share must be from 0 to 100, found -1",
    ),
    (
        "ratings share text above 100",
        {"positive_ratings_pct": "100,5"},
        "positive_ratings_pct",
        "a percentage share must be from 0 to 100, found 100.5",
    ),
    (
        "problems share above 100",
        {"transaction_problems_pct": 101},
        "transaction_problems_pct",
        "a percentage share must be from 0 to 100, found 101",
    ),
    (
        "exportable share below 0",
        {"exportable_pct": Decimal("-0.5")},
        "exportable_pct",
        "a percentage share must be from 0 to 100, found -0.5",
    ),
    (
        "new share above 100",
        {"new_condition_pct": 150},
        "new_condition_pct",
        "a percentage share must be from 0 to 100, found 150",
    ),
    # monthly revenue length
    (
        "11 months",
        {"monthly_revenue": [1] * 11},
        "monthly_revenue",
        "expected 12 or 24 monthly amounts (oldest first), found 11",
    ),
    (
        "13 months",
        {"monthly_revenue": [1] * 13},
        "monthly_revenue",
        "expected 12 or 24 monthly amounts (oldest first), found 13",
    ),
    (
        "no months",
        {"monthly_revenue": []},
        "monthly_revenue",
        "expected 12 or 24 monthly amounts (oldest first), found 0",
    ),
    (
        "25 months",
        {"monthly_revenue": [1] * 25},
        "monthly_revenue",
        "expected 12 or 24 monthly amounts (oldest first), found 25",
    ),
    # categories
    ("mistyped category", {"revenue": {"Kidz": 1}}, "revenue.Kidz", "unknown category; did you mean 'Kids'?"),
    (
        "category like an index",
        {"revenue": {"[/]": 1}},
        "revenue.[/]",
        "unknown category; see `diamond thresholds show`",
    ),
    (
        "mistyped Polish alias",
        {"revenue": {"Elektronka": 1}},
        "revenue.Elektronka",
        "unknown category; did you mean 'Elektronika'?",
    ),
    (
        "Allegro's department, two categories share its words",
        {"revenue": {"Dom i Ogród": 1}},
        "revenue.Dom i Ogród",
        "unknown category; did you mean 'Dom i biuro' or 'Ogród'?",
    ),
    (
        "a Polish name typed without its marks",
        {"revenue": {"narzedzia": 1}},
        "revenue.narzedzia",
        "unknown category; did you mean 'Narzędzia i akcesoria'?",
    ),
    (
        "one word of a name, not a look-alike of another",
        {"revenue": {"Moda damska": 1}},
        "revenue.Moda damska",
        "unknown category; did you mean 'Moda'?",
    ),
    (
        "mistyped brand category",
        {"brand_zone_revenue": {"Fashon": 1}},
        "brand_zone_revenue.Fashon",
        "unknown category; did you mean 'Fashion'?",
    ),
    (
        "two spellings of one category",
        {"revenue": {"Kids": 1, "dziecko": 2}},
        "revenue.dziecko",
        "duplicates category 'Kids'",
    ),
    (
        "& and 'and' are one category",
        {"revenue": {"Health & Beauty": 1, "health and beauty": 2}},
        "revenue.health and beauty",
        "duplicates category 'Health & Beauty'",
    ),
    (
        "two spellings in brand revenue",
        {"brand_zone_revenue": {"Moda": 1, "FASHION": 2}},
        "brand_zone_revenue.FASHION",
        "duplicates category 'Fashion'",
    ),
    # grades
    ("mistyped grade", {"quality": "GOOOD"}, "quality", "unknown grade 'GOOOD'; did you mean 'GOOD'?"),
    ("mistyped Polish grade", {"quality": "Dobyr"}, "quality", "unknown grade 'Dobyr'; did you mean 'Dobry'?"),
    (
        "mistyped grade in a list",
        {"other_accounts_quality": ["GOOD", "neutrl"]},
        "other_accounts_quality[1]",
        "unknown grade 'neutrl'; did you mean 'NEUTRAL'?",
    ),
    (
        "grade far from any",
        {"quality": "excellent"},
        "quality",
        "unknown grade 'excellent'; expected one of UNACCEPTABLE, NEEDS_IMPROVEMENT, NEUTRAL, GOOD, SUPER, SUPER_PLUS",
    ),
    # NIP
    ("NIP checksum", {"nip": "7740001455"}, "nip", "the NIP's check digit does not match"),
    ("NIP checksum remainder 10", {"nip": "0200000000"}, "nip", "the NIP's check digit does not match"),
    ("NIP all zeros", {"nip": "0000000000"}, "nip", "a NIP cannot be all zeros"),
    ("NIP all zeros with dashes", {"nip": "000-000-00-00"}, "nip", "a NIP cannot be all zeros"),
    ("NIP too short", {"nip": "774000145"}, "nip", "a NIP has 10 digits"),
    ("NIP too long", {"nip": "77400014541"}, "nip", "a NIP has 10 digits"),
    ("NIP with a letter", {"nip": "77400O1454"}, "nip", "a NIP has 10 digits"),
    ("NIP with non-ASCII digits", {"nip": "７７４０００１４５４"}, "nip", "a NIP has 10 digits"),
    ("NIP integer too short", {"nip": 774000145}, "nip", "a NIP has 10 digits"),
    ("NIP zero integer", {"nip": 0}, "nip", "a NIP has 10 digits"),
    ("NIP as float", {"nip": 7740001454.0}, "nip", "expected a NIP as text, found a number"),
    ("NIP as boolean", {"nip": True}, "nip", "expected a NIP as text, found a boolean"),
]


@pytest.mark.parametrize(("name", "changes", "field", "problem"), FIELD_ERRORS, ids=[e[0] for e in FIELD_ERRORS])
def test_bad_field(table: TableVersion, name: str, changes: dict[str, Any], field: str, problem: str) -> None:
    assert error_of(table, **changes) == (field, problem)


def test_the_error_line_is_field_then_problem(table: TableVersion) -> None:
    with pytest.raises(InputError) as info:
        parse_record(record(revenue={"Kidz": 1}), table)
    assert str(info.value) == "revenue.Kidz: unknown category; did you mean 'Kids'?"


# ---------------------------------------------------------------- accepted spellings

GRADES: list[tuple[str, Grade]] = [
    ("GOOD", Grade.GOOD),
    ("good", Grade.GOOD),
    ("Good", Grade.GOOD),
    ("  good ", Grade.GOOD),
    ("NEEDS_IMPROVEMENT", Grade.NEEDS_IMPROVEMENT),
    ("needs-improvement", Grade.NEEDS_IMPROVEMENT),
    ("Needs Improvement", Grade.NEEDS_IMPROVEMENT),
    ("super_plus", Grade.SUPER_PLUS),
    ("SUPER-PLUS", Grade.SUPER_PLUS),
    ("super plus", Grade.SUPER_PLUS),
    ("unacceptable", Grade.UNACCEPTABLE),
    ("Nieakceptowalny", Grade.UNACCEPTABLE),
    ("nieakceptowalny", Grade.UNACCEPTABLE),
    ("Wymaga poprawy", Grade.NEEDS_IMPROVEMENT),
    ("WYMAGA POPRAWY", Grade.NEEDS_IMPROVEMENT),
    ("Neutralny", Grade.NEUTRAL),
    ("NEUTRALNY", Grade.NEUTRAL),
    ("dobry", Grade.GOOD),
    ("Super", Grade.SUPER),
    ("Super+", Grade.SUPER_PLUS),
    ("SUPER+", Grade.SUPER_PLUS),
]


@pytest.mark.parametrize(("text", "grade"), GRADES)
def test_grade_spellings(table: TableVersion, text: str, grade: Grade) -> None:
    figures = parse_record(record(quality=text, other_accounts_quality=[text]), table)
    assert figures.quality is grade
    assert figures.other_accounts_quality == (grade,)


NIPS: list[object] = [
    "7740001454",
    "PL7740001454",
    "pl7740001454",
    "PL 7740001454",
    "774-000-14-54",
    "774 000 14 54",
    "PL 774-000-14-54",
    " 774-00-01-454 ",
    7740001454,
]


@pytest.mark.parametrize("nip", NIPS, ids=[repr(n) for n in NIPS])
def test_accepted_nip_forms(table: TableVersion, nip: object) -> None:
    assert parse_record(record(nip=nip), table).nip == "7740001454"


# (text, value): a decimal comma as Allegro's API writes it, spaces grouping thousands.
PERCENT_TEXTS: list[tuple[str, Decimal]] = [
    ("99,8", Decimal("99.8")),
    ("99.8", Decimal("99.8")),
    (" 99,5 ", Decimal("99.5")),
    ("100", Decimal(100)),
    ("0,0", Decimal(0)),
    ("98,995", Decimal("98.995")),
]


@pytest.mark.parametrize(("text", "value"), PERCENT_TEXTS)
def test_percentages_as_text(table: TableVersion, text: str, value: Decimal) -> None:
    figures = parse_record(
        record(
            positive_ratings_pct=text,
            transaction_problems_pct=text,
            exportable_pct=text,
            new_condition_pct=text,
        ),
        table,
    )
    assert figures.positive_ratings_pct == value
    assert figures.transaction_problems_pct == value
    assert figures.exportable_pct == value
    assert figures.new_condition_pct == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("-3,5", Decimal("-3.5")), ("1 234,5", Decimal("1234.5")), ("-0,25", Decimal("-0.25")), ("250", Decimal(250))],
)
def test_growth_may_be_negative_or_large_text(table: TableVersion, text: str, value: Decimal) -> None:
    figures = parse_record(record(category_growth_pct=text, category_market_growth_pct=text), table)
    assert figures.category_growth_pct == value
    assert figures.category_market_growth_pct == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1,234.5", "NaN", "Infinity", "1e", "--1"])
def test_percentage_text_that_is_not_a_number(table: TableVersion, text: str) -> None:
    assert error_of(table, exportable_pct=text) == ("exportable_pct", f"{text!r} is not a number")


@pytest.mark.parametrize("value", [0, 100, Decimal("0.0"), Decimal("100.00")])
def test_share_bounds_are_inclusive(table: TableVersion, value: object) -> None:
    figures = parse_record(record(exportable_pct=value, positive_ratings_pct=value), table)
    assert figures.exportable_pct == value


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("kids", "Kids"),
        ("KIDS", "Kids"),
        ("Dziecko", "Kids"),
        ("health and beauty", "Health & Beauty"),
        ("HEALTH&BEAUTY", "Health & Beauty"),
        ("Home Decoration and Office", "Home Decoration & Office"),
        ("  sport  &  leisure ", "Sport & Leisure"),
        ("Łazienka i ogrzewanie", "Bathroom & Heating"),
    ],
)
def test_category_spellings(table: TableVersion, written: str, canonical: str) -> None:
    figures = parse_record(record(revenue={written: 1}, brand_zone_revenue={written: 1}), table)
    assert figures.revenue == {canonical: Decimal(1)}
    assert figures.brand_zone_revenue == {canonical: Decimal(1)}


def test_optional_null_means_not_given(table: TableVersion) -> None:
    figures = parse_record(record(monthly_revenue=None, exportable_pct=None, brand_zone_revenue=None), table)
    assert figures.monthly_revenue is None
    assert figures.exportable_pct is None
    assert figures.brand_zone_revenue is None


def test_trailing_zeros_beyond_twelve_places_are_not_extra_places(table: TableVersion) -> None:
    document = b'{"business_account": true, "quality": "GOOD", "ratings": {"positive": 1, "negative": 0},'
    document += b' "revenue": {"Kids": 4500000.000000000000000}}'
    figures = parse_record(parse_document(document, "json"), table)
    assert figures.revenue["Kids"] == Decimal(4500000)


def test_counts_written_as_whole_floats_are_accepted(table: TableVersion) -> None:
    figures = parse_record(record(ratings={"positive": Decimal("2400.0"), "negative": Decimal("12")}), table)
    assert figures.ratings is not None
    assert (figures.ratings.positive, figures.ratings.negative) == (2400, 12)
