"""The catalogues (core/catalogues/*.toml, data): every key in every language, the same
placeholders, Polish numbers and wording, as the views get them through `messages`.

The core's own tests check the same of the compiled catalogues (core/tests/messages_catalogue.rs).
"""

from __future__ import annotations

import string
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from diamond_cli.messages import LANGUAGES, number, text
from diamond_cli.models import Grade

_PARSER = string.Formatter()
_FOLDER = Path(__file__).resolve().parent.parent / "core" / "catalogues"
CATALOGUES = {lang: tomllib.loads((_FOLDER / f"{lang}.toml").read_text(encoding="utf-8")) for lang in LANGUAGES}
EN, PL = CATALOGUES["en"], CATALOGUES["pl"]


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
    # Only format-like entries (name = value) and JSON's own word `null` may read the same in both languages.
    assert same == ["explain.param", "type.null"]


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
    assert text("gauge.short", "pl", short=Decimal(200000)) == "brakuje 200\u00a0000\u00a0zł"
    assert text("gauge.short", "en", short=Decimal(200000)) == "200,000 PLN short"


@pytest.mark.parametrize(
    ("count", "form"),
    [(1, "oceny"), (2, "ocen"), (4, "ocen"), (5, "ocen"), (12, "ocen"), (14, "ocen"), (22, "ocen"), (300, "ocen")],
)
def test_polish_plural_forms(count: int, form: str) -> None:
    """CLDR's one / few / many, through a catalogue sentence ("potrzeba jeszcze N ocen(y) ...")."""
    assert f"potrzeba jeszcze {number(count, 'pl')} {form} pozytywn" in text(
        "hint.positive_ratings", "pl", n=count, negative=1, min=99
    )


def test_counts_take_their_plural_form() -> None:
    assert text("hint.positive_ratings", "en", n=1, negative=12, min=99).startswith("1 more positive rating would")
    assert text("hint.positive_ratings", "en", n=300, negative=13, min=99).startswith("300 more positive ratings")
    assert "potrzeba jeszcze 3 ocen pozytywnych" in text("hint.positive_ratings", "pl", n=3, negative=1, min=99)
    assert "potrzeba jeszcze 1 oceny pozytywnej" in text("hint.positive_ratings", "pl", n=1, negative=1, min=99)


def test_polish_grades_use_allegro_names() -> None:
    sentence = text("main_account_quality.fail", "pl", grade=Grade.NEUTRAL, min=Grade.GOOD)
    assert "Neutralny" in sentence
    assert "Dobry" in sentence
