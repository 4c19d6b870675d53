"""The catalogues: every key in every language, the same placeholders, Polish numbers and wording."""

from __future__ import annotations

import string
from decimal import Decimal

import pytest

from diamond_cli import messages
from diamond_cli.messages import CATALOGUES, EN, LANGUAGES, PL, number, plural, text
from diamond_cli.models import Grade

_PARSER = string.Formatter()


def placeholders(template: str) -> set[tuple[str, str]]:
    """(name, kind) of each placeholder; a count's noun forms are language-specific, its kind is not."""
    found = set()
    for _, name, spec, _ in _PARSER.parse(template):
        if name is not None:
            kind = (spec or "").split("|")[0]
            found.add((name, kind))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_language_misses_a_key(lang: str) -> None:
    catalogue = CATALOGUES[lang]
    assert sorted(set(EN) - set(catalogue)) == []
    assert sorted(set(catalogue) - set(EN)) == []
    assert all(value.strip() for value in catalogue.values())


@pytest.mark.parametrize("key", sorted(EN))
def test_polish_template_has_the_english_placeholders(key: str) -> None:
    assert placeholders(PL[key]) == placeholders(EN[key])


def test_polish_is_a_translation_not_a_copy() -> None:
    same = [key for key in EN if EN[key] == PL[key] and any(c.isalpha() for c in EN[key])]
    # Only format-like entries (name = value) may read the same in both languages.
    assert same == ["explain.param"]


def test_wording_says_meets_never_will_be_invited() -> None:
    for catalogue in (EN, PL):
        for value in catalogue.values():
            lowered = value.lower()
            assert "will be invited" not in lowered
            assert "zostanie zaproszon" not in lowered
    assert "spełnia opublikowane kryteria" in PL["verdict.eligible"].lower()
    assert "nie spełnia opublikowanych kryteriów" in PL["verdict.not_eligible"].lower()


def test_polish_numbers() -> None:
    assert number(Decimal("4300000"), "pl") == "4\u00a0300\u00a0000"
    assert number(Decimal("98.70"), "pl") == "98,70"
    assert text("gauge.short", "pl", short=Decimal(200000)) == "brakuje 200\u00a0000 PLN"
    assert text("gauge.short", "en", short=Decimal(200000)) == "200,000 PLN short"


@pytest.mark.parametrize(
    ("count", "form"),
    [(1, "ocena"), (2, "oceny"), (4, "oceny"), (5, "ocen"), (12, "ocen"), (14, "ocen"), (22, "oceny"), (300, "ocen")],
)
def test_polish_plural_forms(count: int, form: str) -> None:
    assert plural(count, ["ocena", "oceny", "ocen"], "pl") == form


def test_counts_take_their_plural_form() -> None:
    assert text("hint.positive_ratings", "en", n=1, negative=12, min=99).startswith("1 more positive rating would")
    assert text("hint.positive_ratings", "en", n=300, negative=13, min=99).startswith("300 more positive ratings")
    assert "potrzeba jeszcze 3 ocen pozytywnych" in text("hint.positive_ratings", "pl", n=3, negative=1, min=99)
    assert "potrzeba jeszcze 1 oceny pozytywnej" in text("hint.positive_ratings", "pl", n=1, negative=1, min=99)


def test_polish_grades_use_allegro_names() -> None:
    sentence = text("main_account_quality.fail", "pl", grade=Grade.NEUTRAL, min=Grade.GOOD)
    assert "Neutralny" in sentence
    assert "Dobry" in sentence


def test_formatter_resolves_fields_and_conversions_as_str_format_does() -> None:
    formatter = messages._Formatter("en")
    params = {"a": [5, {"k": "v"}], "d": Decimal("1.50")}
    for name in ("a[0]", "a[1][k]", "d.real"):
        assert formatter.get_field(name, params) == _PARSER.get_field(name, (), params)[0]
    for conversion in "rsa":
        assert formatter.convert_field("zł", conversion) == _PARSER.convert_field("zł", conversion)
    with pytest.raises(ValueError, match="Unknown conversion"):
        formatter.convert_field("x", "q")
