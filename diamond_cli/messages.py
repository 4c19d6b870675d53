"""The sentences the views say, from the core's catalogues (`core/catalogues/*.toml`).

The core words every sentence (rules, errors, the CLI's texts) in the user's language; this module
is the views' door to it. Keys, rule ids, statuses and verdict codes never change with the
language; only the words do.
"""

from __future__ import annotations

from decimal import Decimal

from diamond_cli import _core
from diamond_cli.models import Check, Grade
from diamond_cli.pipeline import figure

LANGUAGES = ("en", "pl")

# Where each input a rule can miss comes from: the field of a record, and the flag of `check`.
FIELD_FLAGS: dict[str, str] = dict(_core.field_flags())


def text(key: str, lang: str = "en", **params: object) -> str:
    """The sentence `key` in `lang` (English where `lang` lacks it), with `params` filled in."""
    found = _core.text(key, lang, {name: figure(value) for name, value in params.items()})
    if found is None:
        raise KeyError(key)
    return found


def number(value: object, lang: str = "en") -> str:
    """Thousands grouped, the decimals as given (never rounded here), in the language's style."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    return _core.number(figure(value), lang)


def grade_name(grade: object, lang: str = "en") -> str:
    return _core.grade_name(grade.name, lang) if isinstance(grade, Grade) else str(grade)


def check_message(check: Check, lang: str = "en") -> str:
    """The sentence a seller reads for one rule, as the core words it."""
    if check.message:  # worded by the core with the verdict, in the run's language
        return check.message
    params = {name: figure(value) for name, value in check.params.items()}
    return _core.word_check(check.rule, check.message_key, params, list(check.missing), lang)
