"""The thresholds validator: every message, with its file:line:column and key path, all at once; dated versions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diamond_cli.errors import ThresholdsError
from diamond_cli.safe_yaml import dump
from diamond_cli.thresholds import load_table, parse_table
from tests.tables import TWO_VERSIONS, table_text, version_text, write

BASE = table_text()
SOURCE = "t.yaml"


def where(text: str, needle: str, nth: int = 1) -> str:
    """`line:column` (1-based) of the nth occurrence of `needle` in `text`."""
    offset = -1
    for _ in range(nth):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def problems(text: str) -> list[str]:
    with pytest.raises(ThresholdsError) as caught:
        parse_table(text, SOURCE)
    return caught.value.problems


# (id, text to replace in BASE, replacement, [(needle locating the problem, "key.path: message")])
CASES: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "unknown top key, close",
        "name:",
        "nmae:",
        [("format", "missing key 'name'"), ("nmae", "nmae: unknown key; did you mean 'name'?")],
    ),
    (
        "unknown top key, far",
        "format: 1\n",
        "format: 1\nzzz: 1\n",
        [("zzz", "zzz: unknown key; allowed: format, name, versions")],
    ),
    ("missing top key", "name: test-table\n", "", [("format", "missing key 'name'")]),
    ("format", "format: 1", "format: 2", [("format", "format: only format 1 is understood")]),
    ("name not text", "name: test-table", "name: [a]", [("name", "name: must be text")]),
    (
        "no versions",
        BASE[BASE.index("versions:") :],
        "versions: []\n",
        [("versions", "versions: must be a non-empty list of versions")],
    ),
    (
        "version not a mapping",
        '  - version: "2025"\n',
        "  - 5\n  - version: x\n",
        [
            ("5", "versions[0]: must be a mapping"),
            ("effective_from", "versions[1].effective_from: only the first version may have no start date"),
        ],
    ),
    (
        "version missing a key",
        "    effective_from: null\n",
        "",
        [("version:", "versions[0]: missing key 'effective_from'")],
    ),
    (
        "version label empty",
        'version: "2025"',
        'version: ""',
        [("version:", "versions[0].version: must be non-empty text")],
    ),
    (
        "start not a date",
        "effective_from: null",
        "effective_from: soon",
        [("effective_from", "versions[0].effective_from: must be a date (YYYY-MM-DD) or null")],
    ),
    (
        "start with a time",
        "effective_from: null",
        "effective_from: 2026-01-01 10:00:00",
        [("effective_from", "versions[0].effective_from: must be a date (YYYY-MM-DD) or null")],
    ),
    ("note not text", "note: test version 2025", "note: [1]", [("note", "versions[0].note: must be text")]),
    (
        "unknown version key",
        "note: test",
        "notes: test",
        [("notes", "versions[0].notes: unknown key; did you mean 'note'?")],
    ),
    (
        "missing rule",
        "      new_condition:\n        min_pct: {value: 50, source: interpretation}\n",
        "",
        [("rules", "versions[0].rules: missing rule 'new_condition'")],
    ),
    (
        "unknown rule",
        "      positive_ratings:",
        "      positive_rating:",
        [
            ("rules", "versions[0].rules: missing rule 'positive_ratings'"),
            ("positive_rating", "versions[0].rules.positive_rating: unknown key; did you mean 'positive_ratings'?"),
        ],
    ),
    (
        "unknown parameter",
        "min_pct: {value: 99",
        "min_pc: {value: 99",
        [
            ("positive_ratings", "versions[0].rules.positive_ratings: missing parameter 'min_pct'"),
            ("min_pc", "versions[0].rules.positive_ratings.min_pc: unknown key; did you mean 'min_pct'?"),
        ],
    ),
    (
        "parameter not a mapping",
        "min_pct: {value: 99, source: program page}",
        "min_pct: 99",
        [("min_pct", "versions[0].rules.positive_ratings.min_pct: must be a mapping")],
    ),
    (
        "unknown source",
        "{value: 99, source: program page}",
        "{value: 99, source: program}",
        [
            (
                "source: program}",
                "versions[0].rules.positive_ratings.min_pct.source: must be one of: program page, interpretation",
            )
        ],
    ),
    (
        "missing value",
        "{value: 99, source: program page}",
        "{source: program page}",
        [("min_pct", "versions[0].rules.positive_ratings.min_pct: missing key 'value'")],
    ),
    (
        "not a boolean",
        "{value: true,",
        "{value: 1,",
        [("value: 1", "versions[0].rules.revenue_threshold.inclusive.value: must be true or false")],
    ),
    (
        "not a grade",
        "{value: GOOD,",
        "{value: GREAT,",
        [
            (
                "value: GREAT",
                "versions[0].rules.main_account_quality.min_grade.value: must be a grade:"
                " UNACCEPTABLE, NEEDS_IMPROVEMENT, NEUTRAL, GOOD, SUPER, SUPER_PLUS",
            )
        ],
    ),
    (
        "not a number",
        "{value: 99,",
        '{value: "99",',
        [('value: "99"', "versions[0].rules.positive_ratings.min_pct.value: must be a number, not '99'")],
    ),
    (
        "percentage above 100",
        "{value: 99,",
        "{value: 101,",
        [
            (
                "value: 101",
                "versions[0].rules.positive_ratings.min_pct.value: must be a percentage from 0 to 100, not 101",
            )
        ],
    ),
    (
        "fractional percentage",
        "{value: 99,",
        "{value: 98.995,",
        [
            (
                "value: 98.995",
                "versions[0].rules.positive_ratings.min_pct.value:"
                " percentages have at most 2 decimal places, not 98.995",
            )
        ],
    ),
    (
        "impossible growth",
        "min_growth_pct: {value: 0,",
        "min_growth_pct: {value: -150,",
        [
            (
                "value: -150",
                "versions[0].rules.revenue_growth.min_growth_pct.value:"
                " a growth of -150% is impossible (revenue cannot fall by more than 100%)",
            )
        ],
    ),
    (
        "no categories",
        BASE[BASE.index("    categories:") :],
        "    categories: {}\n",
        [("categories", "versions[0].categories: must be a mapping of category names to thresholds")],
    ),
    (
        "missing threshold",
        "brand: 590000, ",
        "",
        [("Kids", "versions[0].categories.Kids: missing threshold 'brand'")],
    ),
    (
        "unknown category key",
        "{company: 4500000",
        "{compnay: 4500000",
        [
            ("Kids", "versions[0].categories.Kids: missing threshold 'company'"),
            ("compnay", "versions[0].categories.Kids.compnay: unknown key; did you mean 'company'?"),
        ],
    ),
    (
        "negative threshold",
        "brand: 590000",
        "brand: -590000",
        [("brand: -", "versions[0].categories.Kids.brand: must not be negative, not -590000")],
    ),
    (
        "fractional money",
        "brand: 590000",
        "brand: 590000.001",
        [
            (
                "brand: 590000.001",
                "versions[0].categories.Kids.brand: PLN amounts have at most 2 decimal places, not 590000.001",
            )
        ],
    ),
    (
        "too large",
        "brand: 590000",
        "brand: 1000000000000000",
        [("brand: 1", "versions[0].categories.Kids.brand: 1000000000000000 is too large (the limit is below 1E+15)")],
    ),
    (
        "text threshold",
        "brand: 590000",
        'brand: "590 000"',
        [('brand: "', "versions[0].categories.Kids.brand: must be a number, not '590 000'")],
    ),
    (
        "conditional above company",
        "conditional: 2250000",
        "conditional: 4500001",
        [
            (
                "conditional: 4500001",
                "versions[0].categories.Kids.conditional:"
                " conditional threshold 4500001 is above the company threshold 4500000",
            )
        ],
    ),
    (
        "unknown category source",
        "aliases: [Dziecko]}",
        "aliases: [Dziecko], source: newsletter}",
        [("source: newsletter", "versions[0].categories.Kids.source: must be one of: program page, interpretation")],
    ),
    (
        "aliases not a list",
        "aliases: [Dziecko]",
        "aliases: Dziecko",
        [("aliases: Dziecko", "versions[0].categories.Kids.aliases: must be a list of names")],
    ),
    (
        "empty alias",
        "[Dziecko]",
        "[Dziecko, ' & ']",
        [("' & '", "versions[0].categories.Kids.aliases[1]: a category name cannot be empty")],
    ),
    (
        "alias repeated",
        "[Dziecko]",
        "[Dziecko, dziecko]",
        [("dziecko]", "versions[0].categories.Kids.aliases[1]: alias 'dziecko' repeats a name of 'Kids'")],
    ),
    (
        "alias ambiguous",
        "[Ogród]",
        "[Ogród, Dziecko]",
        [
            (
                "Dziecko]",
                "versions[0].categories.Garden.aliases[1]: alias 'Dziecko' is ambiguous: it already names 'Kids'",
            )
        ],
    ),
    (
        "category listed twice",
        "      Garden:",
        "      KIDS:",
        [
            (
                "KIDS",
                "versions[0].categories.KIDS: category 'KIDS' is listed twice: it matches 'Kids'"
                " (case, spacing and &/and are ignored)",
            ),
        ],
    ),
    (
        "duplicated key",
        "      Garden:",
        "      Kids:",
        [("Kids", "duplicated key versions[0].categories.Kids")],
    ),
]
# Where a needle's first occurrence is not the place meant.
NTH = {("alias ambiguous", "Dziecko]"): 2, ("duplicated key", "Kids"): 2}


@pytest.mark.parametrize(("name", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES])
def test_validation_message(name: str, old: str, new: str, expected: list[tuple[str, str]]) -> None:
    assert BASE.count(old) == 1, "the test's replacement must be unambiguous"
    text = BASE.replace(old, new)
    wanted = [f"{SOURCE}:{where(text, needle, NTH.get((name, needle), 1))}: {message}" for needle, message in expected]
    assert problems(text) == wanted


# ---------------------------------------------------------------- versions and dates


def test_versions_out_of_order_duplicated_and_undated_are_all_reported() -> None:
    text = table_text(
        version_text("2026", "null"),
        version_text("2028", "2028-01-01"),
        version_text("2027", "2027-01-01"),
        version_text("2027", "2027-01-01"),
        version_text("later", "null"),
    )
    label, start = 'version: "2027"', "effective_from"
    assert problems(text) == [
        f"{SOURCE}:{where(text, start, 3)}: versions[2].effective_from: date 2027-01-01 is out of order (oldest first)",
        f"{SOURCE}:{where(text, label, 2)}: versions[3].version: version '2027' is duplicated",
        f"{SOURCE}:{where(text, start, 4)}: versions[3].effective_from: date 2027-01-01 is duplicated",
        f"{SOURCE}:{where(text, start, 5)}: versions[4].effective_from: only the first version may have no start date",
    ]


def test_every_version_must_have_the_whole_rule_set() -> None:
    newer = version_text("2027", "2027-01-01").replace(
        "      export_potential:\n        min_pct: {value: 50, source: interpretation}\n", ""
    )
    text = table_text(version_text("2026", "null"), newer)
    assert problems(text) == [f"{SOURCE}:{where(text, 'rules', 2)}: versions[1].rules: missing rule 'export_potential'"]


def test_as_of_boundaries_of_a_dated_version(tmp_path: Path) -> None:
    table = load_table(write(tmp_path, TWO_VERSIONS))
    change = dt.date(2027, 1, 1)
    before = table.in_force(change - dt.timedelta(days=1))
    on = table.in_force(change)
    after = table.in_force(change + dt.timedelta(days=1))
    assert (before.version, before.effective_from) == ("2026", None)
    assert before.category("Kids").company == 4500000
    assert (on.version, on.effective_from) == ("2027", change)
    assert on.category("Kids").company == 5000000
    assert after.version == "2027"


def test_no_version_in_force_before_the_first_dated_one(tmp_path: Path) -> None:
    path = write(tmp_path, table_text(version_text("2027", "2027-01-01")))
    table = load_table(path)
    with pytest.raises(ThresholdsError, match=r"no version is in force on 2026-12-31 \(the first starts 2027-01-01\)"):
        table.in_force(dt.date(2026, 12, 31))
    assert table.in_force(dt.date(2027, 1, 1)).version == "2027"


# ---------------------------------------------------------------- aliases


def test_aliases_and_spellings_find_the_canonical_category() -> None:
    version = parse_table(BASE, SOURCE).versions[0]
    for spelling in ("Kids", "kids", " KIDS ", "Dziecko", "dziecko", "ogród", "OGRÓD", "Garden"):
        assert version.canonical_category(spelling) in ("Kids", "Garden"), spelling
    assert version.canonical_category("Dziecko") == "Kids"
    assert version.canonical_category("Ogrod") is None
    assert version.closest_category("Ogrod") == "'Ogród'"


def test_shipped_aliases_match_ampersand_and_and() -> None:
    version = load_table().in_force(dt.date(2026, 11, 23))
    assert version.canonical_category("home decoration and office") == "Home Decoration & Office"
    assert version.canonical_category("Łazienka i ogrzewanie") == "Bathroom & Heating"
    assert version.category("Supermarket").source == "program page"


# ---------------------------------------------------------------- YAML and files


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    text = (
        BASE.replace("format: 1", "format: 2")
        .replace("{value: 99,", "{value: 101,")
        .replace("brand: 590000", "brand: -1")
    )
    text = text.replace("      Garden:", "      Kids:")
    found = problems(text)
    assert [p.split(": ", 1)[0] for p in found] == [
        f"{SOURCE}:{where(text, 'format')}",
        f"{SOURCE}:{where(text, 'value: 101')}",
        f"{SOURCE}:{where(text, 'brand: -1')}",
        f"{SOURCE}:{where(text, 'Kids', 2)}",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: 1\nname: [unclosed\n", r"^t\.yaml:3:1: .*"),
        (
            "format: !!python/object:os.system 1\n",
            r"^t\.yaml:1:9: format: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed",
        ),
        ("base: &b {format: 1}\nother:\n  <<: *b\n", r"^t\.yaml:3:3: merge keys \(<<\) are not allowed$"),
        ("a: &a [1, *a]\n", r"^t\.yaml:1:4: an anchor cannot be used inside itself \(recursive alias\)$"),
        ("", r"^t\.yaml: the document is empty$"),
        ("- 1\n", r"^t\.yaml:1:1: must be a mapping$"),
    ],
)
def test_unreadable_yaml_is_one_located_problem(text: str, message: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert re.match(message, found[0]), found[0]


def billion_laughs(levels: int = 10) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_rejected_not_expanded() -> None:
    # Speed is measured in benchmarks/thresholds_load.py; here: the right message at the right place.
    text = billion_laughs()
    assert problems(text) == [
        f"{SOURCE}:{where(text, '&a5 ')}: document too large or too many alias expansions (over 100000 values)"
    ]


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ThresholdsError, match=r"missing\.yaml: cannot read: No such file or directory"):
        load_table(tmp_path / "missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"name: \xb3\n")
    with pytest.raises(ThresholdsError, match=r"latin1\.yaml: not UTF-8 text \(byte 7\)"):
        load_table(bad)


def test_shipped_table_is_valid_and_says_its_start_is_unknown() -> None:
    table = load_table()
    assert [v.effective_from for v in table.versions] == [None]
    assert len(table.versions[0].categories) == 15


# Any YAML a maintainer might write: a table or ThresholdsError with located problems, never a crash.
_KEYS = ["format", "name", "versions", "version", "effective_from", "rules", "categories", "Kids", "aliases", "value"]
_numbers = st.one_of(st.integers(), st.decimals(allow_nan=False, allow_infinity=False))
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=6))
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(_KEYS), inner)),
    max_leaves=14,
)


@settings(max_examples=150, deadline=None)
@given(_documents)
def test_validator_never_crashes(document: object) -> None:
    problems: list[str] = []
    try:
        parse_table(dump(document), SOURCE)
    except ThresholdsError as exc:
        problems = exc.problems
    assert all(p.startswith(f"{SOURCE}:") for p in problems)
