"""The shipped thresholds table, and the exact message for each way a table can be broken.

Broken tables are the shipped text with one edit; where a message points, the test finds the
edited spot in that text itself (`at`), so the expectations hold however the file's comments move.
A message points at the key whose value is wrong (the start of `brand: -1`), as editors show it.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from diamond_cli.errors import ThresholdsError
from diamond_cli.models import Grade
from diamond_cli.thresholds import (
    COMPILED_PATH,
    compile_document,
    compiled_document,
    default_table_path,
    load_table,
    parse_table,
)

SHIPPED = Path(__file__).resolve().parent.parent / "thresholds.yaml"
TEXT = SHIPPED.read_text(encoding="utf-8")
KIDS_ROW = "{company: 4500000, conditional: 2250000, brand: 590000, pl: Dziecko}"
FASHION_ROW = "{company: 3200000, conditional: 800000, brand: 350000, pl: Moda}"
GARDEN_ROW = "{company: 7500000, conditional: 3750000, brand: 830000, pl: Ogród}"

# Typed from the program page (Allegro's help article kept beside RULES.md):
# category: (threshold for companies, conditional threshold, brand threshold), PLN.
PROGRAM_PAGE = {
    "Automotive": (3_500_000, 1_750_000, 550_000),
    "Books & Media": (3_500_000, 1_750_000, 550_000),
    "Collectibles & Art": (2_200_000, 1_100_000, 550_000),
    "Electronics": (8_000_000, 6_000_000, 4_500_000),
    "Fashion": (3_200_000, 800_000, 350_000),
    "Health & Beauty": (5_000_000, 2_500_000, 2_000_000),
    "Home Decoration & Office": (6_000_000, 3_000_000, 1_500_000),
    "Industry": (7_000_000, 3_500_000, 1_800_000),
    "Bathroom & Heating": (8_000_000, 4_000_000, 1_800_000),
    "Tools & Accessories": (7_000_000, 3_500_000, 1_800_000),
    "Building & Accessories": (8_000_000, 4_000_000, 1_800_000),
    "Garden": (7_500_000, 3_750_000, 830_000),
    "Kids": (4_500_000, 2_250_000, 590_000),
    "Sport & Leisure": (7_000_000, 3_500_000, 2_000_000),
    "Supermarket": (7_300_000, 3_650_000, 1_000_000),
}


def at(text: str, anchor: str, needle: str = "", skip: int = 0) -> str:
    """`line:column` (1-based) of `needle` (or `skip` characters into it) at or after the first
    `anchor` in `text`."""
    index = text.index(anchor)
    if needle:
        index = text.index(needle, index)
    index += skip
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def problems(tmp_path: Path, text: str) -> tuple[str, list[str]]:
    """Write `text` as a table and return its path and the problems loading it reports."""
    path = tmp_path / "thresholds.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThresholdsError) as info:
        load_table(path)
    return str(path), info.value.problems


def edited(old: str, new: str, text: str = TEXT) -> str:
    assert text.count(old) == 1, f"the shipped table no longer holds {old!r} once"
    return text.replace(old, new)


# ---------------------------------------------------------------- the shipped table


def test_the_shipped_table_holds_the_program_pages_numbers() -> None:
    version = load_table().in_force(dt.date(2026, 11, 23))
    assert [c.name for c in version.categories] == list(PROGRAM_PAGE)
    for category in version.categories:
        company, conditional, brand = PROGRAM_PAGE[category.name]
        assert (category.company, category.conditional, category.brand) == (company, conditional, brand)
    kids = version.category("Kids")
    assert (kids.company, kids.conditional, kids.brand) == (Decimal(4500000), Decimal(2250000), Decimal(590000))


def test_the_shipped_rule_parameters_and_their_sources() -> None:
    version = load_table().in_force(dt.date(2026, 11, 23))
    expected = {
        ("positive_ratings", "min_pct"): (Decimal(99), "program page"),
        ("main_account_quality", "min_grade"): (Grade.GOOD, "program page"),
        ("other_accounts_quality", "min_grade"): (Grade.NEUTRAL, "program page"),
        ("revenue_growth", "min_growth_pct"): (Decimal(0), "interpretation"),
        ("revenue_threshold", "inclusive"): (True, "interpretation"),
        ("transaction_problems", "max_pct"): (Decimal(2), "interpretation"),
        ("export_potential", "min_pct"): (Decimal(50), "interpretation"),
        ("new_condition", "min_pct"): (Decimal(50), "interpretation"),
    }
    got = {
        (rule, name): (param.value, param.source)
        for rule, names in version.params.items()
        for name, param in names.items()
    }
    assert got == expected


def test_the_packaged_table_is_the_repositorys() -> None:
    assert default_table_path().read_bytes() == SHIPPED.read_bytes()


def test_the_compiled_table_is_the_shipped_tables_text_read() -> None:
    text = SHIPPED.read_bytes().decode("utf-8")
    assert COMPILED_PATH.read_text(encoding="utf-8") == compile_document(text), (
        "thresholds.compiled.json is not the shipped table's: run `python -m diamond_cli.thresholds`"
    )


def test_a_table_read_from_its_compiled_form_is_the_table_read_from_yaml() -> None:
    text = SHIPPED.read_bytes().decode("utf-8")
    assert compiled_document(text) is not None
    # One more comment line: the same table, read from the YAML.
    from_yaml = parse_table(text + "# edited\n", "thresholds.yaml")
    assert parse_table(text, "thresholds.yaml") == from_yaml
    assert compiled_document(text + "# edited\n") is None


def test_only_what_json_can_hold_again_is_compiled() -> None:
    compiled = json.loads(compile_document("a: 99.5\nb: 2026-01-01\nc: [1, x, null]\n"))
    assert compiled["document"] == {"a": {"$decimal": "99.5"}, "b": {"$date": "2026-01-01"}, "c": [1, "x", None]}
    with pytest.raises(ValueError, match="time of day"):
        compile_document("a: 2026-01-01 10:00:00\n")
    with pytest.raises(ValueError, match="written like a tag"):
        compile_document('a: {"$date": x}\n')
    with pytest.raises(ValueError, match="does not load"):
        compile_document("a: [\n")


def test_aliases_and_spellings_find_the_canonical_name() -> None:
    version = load_table().in_force(dt.date(2026, 11, 23))
    assert version.canonical_category("dziecko") == "Kids"
    assert version.canonical_category("books and media") == "Books & Media"
    assert version.canonical_category("Kultura i rozrywka") == "Books & Media"
    assert version.canonical_category("Toys") is None
    assert version.closest_category("Electronic") == "'Electronics'"


def test_the_undated_version_is_in_force_on_any_day() -> None:
    table = load_table()
    assert table.in_force(dt.date(2000, 1, 1)) is table.in_force(dt.date(2100, 1, 1))


# ---------------------------------------------------------------- broken tables


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = edited("format: 1\n", "format: [1\n")
    path, found = problems(tmp_path, text)
    # libyaml notices the unclosed list on the next line, after the key `name`
    assert found == [f"{path}:{at(text, 'name: allegro', skip=len('name'))}: did not find expected ',' or ']'"]


def test_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = edited("format: 1\n", f"format: !!python/object/apply:os.system ['touch {marker}']\n")
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, 'format: !!', '!!')}: format: tag 'tag:yaml.org,2002:python/object/apply:os.system'"
        " is not allowed (safe loading only)"
    ]
    assert not marker.exists()


def test_category_missing_a_threshold(tmp_path: Path) -> None:
    text = edited(KIDS_ROW, "{company: 4500000, conditional: 2250000, pl: Dziecko}")
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, '      Kids:', 'Kids')}: versions[0].categories.Kids: missing threshold 'brand'"
    ]


def test_empty_categories_mapping(tmp_path: Path) -> None:
    text = TEXT[: TEXT.index("    categories:")] + "    categories: {}\n"
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, '    categories:', 'categories')}: versions[0].categories:"
        " must be a mapping of category names to thresholds"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("lots", "must be a number, not 'lots'"),
        ('"590000"', "must be a number, not '590000'"),
        ("true", "must be a number, not True"),
        ("-590000", "must not be negative, not -590000"),
        ("-0.01", "must not be negative, not -0.01"),
        ("590000.001", "PLN amounts have at most 2 decimal places, not 590000.001"),
    ],
)
def test_bad_threshold_values(tmp_path: Path, value: str, message: str) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("brand: 590000", f"brand: {value}"))
    path, found = problems(tmp_path, text)
    where = at(text, "      Kids:", f"brand: {value}")
    assert found == [f"{path}:{where}: versions[0].categories.Kids.brand: {message}"]


def test_conditional_above_company(tmp_path: Path) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("conditional: 2250000", "conditional: 4600000"))
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, '      Kids:', 'conditional: 4600000')}: versions[0].categories.Kids.conditional:"
        " conditional threshold 4600000 is above the company threshold 4500000"
    ]


def test_conditional_equal_to_company_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_text(edited(KIDS_ROW, KIDS_ROW.replace("conditional: 2250000", "conditional: 4500000")))
    assert load_table(path).in_force(dt.date(2026, 1, 1)).category("Kids").conditional == 4500000


def test_unknown_key_with_suggestion(tmp_path: Path) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("brand: 590000", "brand: 590000, brnd_x: 1"))
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, '      Kids:', 'brnd_x')}: versions[0].categories.Kids.brnd_x: unknown key;"
        " did you mean 'brand'?"
    ]


def test_unknown_key_without_a_close_name_lists_the_allowed_ones(tmp_path: Path) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("brand: 590000", "brand: 590000, colour: red"))
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, '      Kids:', 'colour')}: versions[0].categories.Kids.colour: unknown key;"
        " allowed: company, conditional, brand, pl, aliases, source"
    ]


def test_a_mistyped_parameter_is_unknown_and_the_real_one_missing(tmp_path: Path) -> None:
    text = edited("min_pct: {value: 99, source: program page}", "min_pc: {value: 99, source: program page}")
    path, found = problems(tmp_path, text)
    assert found == [  # in file order
        f"{path}:{at(text, 'positive_ratings:')}: versions[0].rules.positive_ratings: missing parameter 'min_pct'",
        f"{path}:{at(text, 'min_pc:')}: versions[0].rules.positive_ratings.min_pc: unknown key;"
        " did you mean 'min_pct'?",
    ]


def test_duplicated_key(tmp_path: Path) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("brand: 590000", "brand: 590000, brand: 1"))
    path, found = problems(tmp_path, text)
    assert found == [f"{path}:{at(text, '      Kids:', 'brand: 1,')}: duplicated key versions[0].categories.Kids.brand"]


def test_duplicated_category(tmp_path: Path) -> None:
    again = f"Kids:\n        {KIDS_ROW}\n      Supermarket:"
    text = edited("      Supermarket:", f"      {again}")
    path, found = problems(tmp_path, text)
    assert found == [f"{path}:{at(text, again)}: duplicated key versions[0].categories.Kids"]


@pytest.mark.parametrize(
    ("aliases", "alias", "owner"),
    [
        ("[Dzieci, Moda]", "Moda", "Fashion"),  # another category's Polish name
        ("[Dzieci, fashion]", "fashion", "Fashion"),  # another category's name, in other case
        ("[Dzieci, Ogrod, Ogród]", "Ogród", "Garden"),  # 'Ogrod' is free, 'Ogród' is Garden's
    ],
)
def test_ambiguous_alias(tmp_path: Path, aliases: str, alias: str, owner: str) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("}", f", aliases: {aliases}}}"))
    path, found = problems(tmp_path, text)
    index = aliases.strip("[]").split(", ").index(alias)
    assert found == [
        f"{path}:{at(text, '      Kids:', f' {alias}]', skip=1)}:"
        f" versions[0].categories.Kids.aliases[{index}]: alias {alias!r} is ambiguous: it already names {owner!r}"
    ]


def test_an_alias_repeating_its_own_category(tmp_path: Path) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("}", ", aliases: [Dzieci, kids]}"))
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, '      Kids:', 'kids]')}: versions[0].categories.Kids.aliases[1]:"
        " alias 'kids' repeats a name of 'Kids'"
    ]


@pytest.mark.parametrize(
    ("polish", "problem"),
    [
        ("Moda", "alias 'Moda' is ambiguous: it already names 'Fashion'"),
        ("KIDS", "alias 'KIDS' repeats a name of 'Kids'"),
        ("''", "must be a name (Allegro's Polish name of the category)"),
        ("[Dziecko]", "must be a name (Allegro's Polish name of the category)"),
    ],
)
def test_a_polish_name_is_claimed_like_an_alias(tmp_path: Path, polish: str, problem: str) -> None:
    text = edited(KIDS_ROW, KIDS_ROW.replace("pl: Dziecko", f"pl: {polish}"))
    path, found = problems(tmp_path, text)
    assert found == [f"{path}:{at(text, '      Kids:', f'pl: {polish}')}: versions[0].categories.Kids.pl: {problem}"]


def test_billion_laughs_is_rejected(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    path, found = problems(tmp_path, "\n".join(lines) + "\n")
    assert len(found) == 1
    assert found[0].startswith(f"{path}:")
    assert found[0].endswith("document too large or too many alias expansions (over 100000 values)")


def test_deep_nesting_is_rejected_without_crashing(tmp_path: Path) -> None:
    path, found = problems(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert found == [f"{path}:1:101: nesting too deep (over 100 levels)"]


def test_several_problems_are_reported_together_in_document_order(tmp_path: Path) -> None:
    text = edited(FASHION_ROW, FASHION_ROW.replace("conditional: 800000", "conditional: 9000000"))
    text = edited(GARDEN_ROW, GARDEN_ROW.replace("brand: 830000", "brand: lots"), text)
    text = edited(KIDS_ROW, KIDS_ROW.replace("brand: 590000", "brand: -1"), text)
    text = edited("max_pct: {value: 2.0,", "max_pct: {value: 200,", text)
    path, found = problems(tmp_path, text)
    assert found == [
        f"{path}:{at(text, 'max_pct:', 'value: 200')}: versions[0].rules.transaction_problems.max_pct.value:"
        " must be a percentage from 0 to 100, not 200",
        f"{path}:{at(text, '      Fashion:', 'conditional: 9000000')}: versions[0].categories.Fashion.conditional:"
        " conditional threshold 9000000 is above the company threshold 3200000",
        f"{path}:{at(text, '      Garden:', 'brand: lots')}: versions[0].categories.Garden.brand:"
        " must be a number, not 'lots'",
        f"{path}:{at(text, '      Kids:', 'brand: -1')}: versions[0].categories.Kids.brand:"
        " must not be negative, not -1",
    ]
    with pytest.raises(ThresholdsError) as info:
        load_table(Path(path))
    assert str(info.value) == f"{found[0]} (and 3 more problem(s))"


@pytest.mark.parametrize(
    ("old", "new", "anchor", "needle", "key", "message"),
    [
        (
            "min_grade: {value: GOOD,",
            "min_grade: {value: GREAT,",
            "main_account_quality:",
            "value: GREAT",
            "versions[0].rules.main_account_quality.min_grade.value",
            "must be a grade: UNACCEPTABLE, NEEDS_IMPROVEMENT, NEUTRAL, GOOD, SUPER, SUPER_PLUS",
        ),
        (
            "inclusive: {value: true,",
            "inclusive: {value: maybe,",
            "inclusive:",
            "value: maybe",
            "versions[0].rules.revenue_threshold.inclusive.value",
            "must be true or false",
        ),
        (
            "min_pct: {value: 99, source: program page}",
            "min_pct: {value: 99, source: my guess}",
            "min_pct: {value: 99",
            "source: my guess",
            "versions[0].rules.positive_ratings.min_pct.source",
            "must be one of: program page, interpretation",
        ),
    ],
)
def test_bad_rule_parameters(
    tmp_path: Path, old: str, new: str, anchor: str, needle: str, key: str, message: str
) -> None:
    text = edited(old, new)
    path, found = problems(tmp_path, text)
    assert found == [f"{path}:{at(text, anchor, needle)}: {key}: {message}"]


def test_a_missing_rule(tmp_path: Path) -> None:
    start = TEXT.index("      new_condition:")
    end = TEXT.index("    # Thresholds for companies")
    text = TEXT[:start] + TEXT[end:]
    path, found = problems(tmp_path, text)
    assert found == [f"{path}:{at(text, '    rules:', 'rules')}: versions[0].rules: missing rule 'new_condition'"]


def test_an_empty_file(tmp_path: Path) -> None:
    path, found = problems(tmp_path, "# nothing here\n")
    assert found == [f"{path}: the document is empty"]


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ThresholdsError) as info:
        load_table(path)
    assert info.value.problems == [f"{path}: cannot read: No such file or directory"]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.yaml"
    path.write_bytes(TEXT.encode("utf-8").replace("Ogród".encode(), "Ogród".encode("latin-1")))
    with pytest.raises(ThresholdsError) as info:
        load_table(path)
    offset = TEXT.encode("utf-8").index("Ogród".encode()) + len("Ogr") + 1  # counted from 1
    assert info.value.problems == [f"{path}: not UTF-8 text (byte {offset})"]
