"""The hand-written records (models.Frozen) behave like the frozen dataclasses they replaced."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from diamond_cli.models import Check, Ratings, Status, TableRef, Verdict, VerdictCode


def test_records_compare_hash_and_show_by_their_fields() -> None:
    ref = TableRef("t", "v1", None, "s")
    assert ref == TableRef("t", "v1", None, "s")
    assert ref != TableRef("t", "v2", None, "s")
    assert hash(ref) == hash(TableRef("t", "v1", None, "s"))
    assert ref != ("t", "v1", None, "s")
    assert repr(Ratings(3, 1)) == "Ratings(positive=3, negative=1)"


def test_records_are_immutable() -> None:
    ratings = Ratings(3, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ratings.positive = 4
    with pytest.raises(dataclasses.FrozenInstanceError):
        del ratings.negative
    with pytest.raises(AttributeError):
        ratings.extra = 1


def test_check_defaults_are_fresh_and_records_survive_pickling() -> None:
    first, second = Check("r", Status.PASS, "k"), Check("r", Status.PASS, "k")
    assert first.params == {}
    assert first.to_pass == {}
    assert first.params is not second.params
    verdict = Verdict(None, None, VerdictCode.ELIGIBLE, None, None, (first,), TableRef("t", "v", None, "s"))
    assert pickle.loads(pickle.dumps(verdict)) == verdict
