"""Versions that state only what changes (`inherits:`), and categories dropped on purpose (`removed:`)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from diamond_cli.errors import ThresholdsError
from diamond_cli.thresholds import Table, parse_table
from tests.tables import table_text, version_text, write
from tests.test_subprocess import run
from tests.test_table_validation import where

SOURCE = "t.yaml"
FIRST = version_text("2026", "null")  # Kids and Garden, every rule


def later(body: str, label: str = "2027", start: str = "2027-01-01") -> str:
    """A version after FIRST with `body` (already indented under the version) as its own keys."""
    return f'  - version: "{label}"\n    effective_from: {start}\n' + body


def parse(*versions: str) -> Table:
    return parse_table(table_text(FIRST, *versions), SOURCE)


def problems(*versions: str) -> tuple[str, list[str]]:
    text = table_text(FIRST, *versions)
    with pytest.raises(ThresholdsError) as caught:
        parse_table(text, SOURCE)
    return text, caught.value.problems


def test_inherits_previous_copies_what_is_not_restated() -> None:
    table = parse(
        later(
            "    inherits: previous\n"
            "    rules:\n"
            "      transaction_problems:\n"
            "        max_pct: {value: 1.5}\n"
            "    categories:\n"
            "      Kids: {company: 5000000}\n"
            "      Toys: {company: 3000000, conditional: 1500000, brand: 500000, aliases: [Zabawki]}\n"
        )
    )
    old, new = table.versions
    assert new.inherits == "2026"
    kids = new.category("Kids")
    assert (kids.company, kids.conditional, kids.brand, kids.aliases) == (
        Decimal(5000000),
        Decimal(2250000),
        Decimal(590000),
        ("Dziecko",),
    )
    assert new.category("Garden") == old.category("Garden")
    assert [c.name for c in new.categories] == ["Kids", "Garden", "Toys"]  # inherited order, then the new
    # A restated parameter keeps its source unless it gives one; other rules are copied.
    assert (
        new.param("transaction_problems", "max_pct").value,
        new.param("transaction_problems", "max_pct").source,
    ) == (
        Decimal("1.5"),
        "interpretation",
    )
    assert new.params["positive_ratings"] == old.params["positive_ratings"]
    assert new.canonical_category("zabawki") == "Toys"
    assert table.in_force(dt.date(2027, 1, 1)) is new


def test_inherits_by_name_and_removed_together() -> None:
    table = parse(
        later("    inherits: previous\n    categories:\n      Kids: {company: 5000000}\n"),
        later(
            "    inherits: '2026'\n    removed: [ogród]\n    categories:\n      KIDS: {brand: 600000}\n",
            label="2028",
            start="2028-01-01",
        ),
    )
    last = table.versions[2]
    assert last.inherits == "2026"
    assert last.removed == ("Garden",)  # an alias or any spelling names the category
    assert [c.name for c in last.categories] == ["Kids"]  # the inherited spelling is kept
    assert last.category("Kids").company == Decimal(4500000)  # from 2026, not 2027
    assert last.category("Kids").brand == Decimal(600000)


def test_inheriting_version_may_restate_nothing_but_its_dates() -> None:
    table = parse(later("    inherits: previous\n    note: same numbers, new start\n"))
    assert table.versions[1].categories == table.versions[0].categories
    assert table.versions[1].params == table.versions[0].params


def test_full_version_may_drop_a_category_it_names_in_removed() -> None:
    full = version_text("2027", "2027-01-01").replace(
        "      Garden: {company: 7500000, conditional: 3750000, brand: 830000, aliases: [Ogród]}\n", ""
    )
    table = parse(full.replace("    note:", "    removed: [Garden]\n    note:"))
    assert [c.name for c in table.versions[1].categories] == ["Kids"]
    assert table.versions[1].removed == ("Garden",)


# (id, versions after FIRST, [(needle, nth occurrence, "key.path: message")])
BAD: list[tuple[str, list[str], list[tuple[str, int, str]]]] = [
    (
        "full version drops a category",
        [
            version_text("2027", "2027-01-01").replace(
                "      Garden: {company: 7500000, conditional: 3750000, brand: 830000, aliases: [Ogród]}\n", ""
            )
        ],
        [
            (
                "categories:",
                2,
                "versions[1].categories: category 'Garden' of version '2026' is missing; list it under"
                " `removed:` if it was dropped, or use `inherits: previous` to copy what is not restated",
            )
        ],
    ),
    (
        "inherits an unknown version",
        [later("    inherits: '2025'\n")],
        [("inherits", 1, "versions[1].inherits: no earlier version is named '2025'; did you mean '2026'?")],
    ),
    (
        "inherits a later version",
        [later("    inherits: '2028'\n"), later("    inherits: previous\n", label="2028", start="2028-01-01")],
        [
            (
                "inherits",
                1,
                "versions[1].inherits: version '2028' comes later; a version can inherit only from an earlier one",
            )
        ],
    ),
    (
        "inherits not text",
        [later("    inherits: [previous]\n")],
        [("inherits", 1, "versions[1].inherits: must be 'previous' or the name of an earlier version")],
    ),
    (
        "restated threshold invalid, new category incomplete",
        [later("    inherits: previous\n    categories:\n      Kids: {company: -1}\n      Toys: {company: 3000000}\n")],
        [
            ("company: -1", 1, "versions[1].categories.Kids.company: must not be negative, not -1"),
            ("Toys", 1, "versions[1].categories.Toys: missing threshold 'conditional'"),
            ("Toys", 1, "versions[1].categories.Toys: missing threshold 'brand'"),
        ],
    ),
    (
        "restated company below the inherited conditional",
        [later("    inherits: previous\n    categories:\n      Kids: {company: 2000000}\n")],
        [
            (
                "company: 2000000",
                1,
                "versions[1].categories.Kids.company: conditional threshold 2250000 is above"
                " the company threshold 2000000",
            )
        ],
    ),
    (
        "new category takes an inherited alias",
        [later("    inherits: previous\n    categories:\n      Dziecko: {company: 1, conditional: 1, brand: 1}\n")],
        [
            (
                "Dziecko: {company: 1",
                1,
                "versions[1].categories.Dziecko: category 'Dziecko' is listed twice: it matches 'Kids'"
                " (case, spacing and &/and are ignored)",
            )
        ],
    ),
    (
        "restated parameter without a value",
        [
            later(
                "    inherits: previous\n    rules:\n      positive_ratings:\n        min_pct: {source: program page}\n"
            )
        ],
        [("min_pct: {source", 1, "versions[1].rules.positive_ratings.min_pct: missing key 'value'")],
    ),
    (
        "removed names no category",
        [later("    inherits: previous\n    removed: [Gardn]\n")],
        [("Gardn", 1, "versions[1].removed[0]: 'Gardn' is not a category of version '2026'; did you mean 'Garden'?")],
    ),
    (
        "removed and restated",
        [later("    inherits: previous\n    removed: [Kids]\n    categories:\n      Kids: {company: 5000000}\n")],
        [("Kids]", 1, "versions[1].removed[0]: 'Kids' is both removed and listed under categories")],
    ),
    (
        "removed not a list",
        [later("    inherits: previous\n    removed: Kids\n")],
        [("removed", 1, "versions[1].removed: must be a list of category names")],
    ),
    (
        "every category removed",
        [later("    inherits: previous\n    removed: [Kids, Garden]\n")],
        [
            (
                'version: "2027"',
                1,
                "versions[1].categories: no category is left (every inherited one is removed);"
                " a version needs at least one",
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "versions", "expected"), BAD, ids=[case[0] for case in BAD])
def test_inherits_and_removed_problems(name: str, versions: list[str], expected: list[tuple[str, int, str]]) -> None:
    text, found = problems(*versions)
    assert found == [f"{SOURCE}:{where(text, needle, nth)}: {message}" for needle, nth, message in expected]


def test_the_first_version_cannot_inherit_or_remove() -> None:
    text = table_text(FIRST.replace("    note:", "    inherits: previous\n    removed: [Kids]\n    note:"))
    with pytest.raises(ThresholdsError) as caught:
        parse_table(text, SOURCE)
    assert caught.value.problems == [
        f"{SOURCE}:{where(text, 'inherits')}: versions[0].inherits: the first version has no previous version to"
        " inherit from",
        f"{SOURCE}:{where(text, 'removed')}: versions[0].removed: the first version has no earlier categories to"
        " remove",
    ]


def test_a_version_inheriting_from_an_invalid_one_adds_no_false_problems() -> None:
    broken = FIRST.replace("brand: 590000", "brand: -5")
    text = table_text(broken, later("    inherits: previous\n    categories:\n      Toys: {company: 1}\n"))
    with pytest.raises(ThresholdsError) as caught:
        parse_table(text, SOURCE)
    # Only the base's own problem: whether Toys is new (and so incomplete) cannot be known.
    assert caught.value.problems == [
        f"{SOURCE}:{where(text, 'brand: -5')}: versions[0].categories.Kids.brand: must not be negative, not -5"
    ]


def test_show_prints_a_version_as_merged_and_says_what_it_inherits(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        table_text(
            FIRST,
            later("    inherits: previous\n    removed: [Garden]\n    categories:\n      Kids: {brand: 600000}\n"),
        ),
    )
    result = run("thresholds", "show", "--thresholds", path, "--as-of", "2027-01-01", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert (data["inherits"], data["removed"]) == ("2026", ["Garden"])
    assert data["categories"] == [
        {
            "name": "Kids",
            "company": 4500000,
            "conditional": 2250000,
            "brand": 600000,
            "aliases": ["Dziecko"],
            "source": "program page",
        }
    ]
    human = run("thresholds", "show", "--thresholds", path, "--as-of", "2027-01-01", COLUMNS="200").stdout.decode()
    assert "Inherits from 2026: what this version does not restate is copied from it." in human
    assert "Categories removed from the earlier version: Garden." in human
