"""Properties over generated inputs: the parser only ever raises InputError, NIP validation agrees
with python-stdnum, and numbers written the Polish way read back exactly."""

from __future__ import annotations

import contextlib
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.pl import nip as stdnum_nip

from diamond_cli import _core
from diamond_cli.errors import InputError
from diamond_cli.models import SellerFigures
from diamond_cli.nip import nip_problem
from diamond_cli.pipeline import Engine, convert, document
from diamond_cli.pipeline import parse_number as parse_decimal_text
from diamond_cli.thresholds import TableVersion
from tests.conftest import TEST_REF, record
from tests.conftest import parse_record as _parse_record

RECORD_FIELDS = tuple(name for name, _, _ in _core.record_fields())


def parse_record(value: object, table: TableVersion) -> SellerFigures:
    """The core's figures of any value (a record or not): an invalid one raises InputError."""
    if isinstance(value, dict):
        return _parse_record(value, table)
    Engine(table, TEST_REF).verdict(value)  # type: ignore[arg-type]
    raise AssertionError(f"the core took {value!r} as a record")


def parse_document(data: bytes, fmt: str) -> dict[str, Any]:
    """A JSON or YAML document as `check` reads it (the core's parser, or the YAML reader)."""
    table = _table()
    return document(Engine(table, TEST_REF), data, fmt)


def _table() -> TableVersion:
    import datetime as dt

    from diamond_cli.thresholds import load_table

    return load_table().in_force(dt.date(2026, 11, 23))


def as_nip(value: object) -> str:
    nip: str = convert("nip", value)
    return nip


def examples(count: int) -> settings:
    """`count` examples, no per-example deadline (the machine is shared; speed is benchmarked
    elsewhere); the `table` fixture is session-scoped, so reusing it across examples is safe."""
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**1000), max_value=10**1000)
    | st.floats()  # NaN, infinities, -0.0, subnormals, 1e308
    | st.decimals()  # including NaN, sNaN and Infinity
    | st.text(max_size=30)
    | st.sampled_from(["99,8", "1 234,5", "GOOD", "Dobry", "Kids", "7740001454", "1e999999999", "-0", "NaN"])
)
_keys = (
    st.sampled_from(RECORD_FIELDS) | st.sampled_from(["positive", "negative", "Kids", "Moda"]) | st.text(max_size=12)
)
json_values = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=6) | st.dictionaries(_keys, children, max_size=6),
    max_leaves=40,
)


def _assert_only_input_error(action: Any) -> None:
    """Run `action`; an InputError is a fine outcome, anything else escapes and fails the test."""
    with contextlib.suppress(InputError):
        action()


@given(value=json_values)
@examples(150)
def test_any_value_as_a_record_raises_only_input_error(table: TableVersion, value: object) -> None:
    if isinstance(value, dict):
        _assert_only_input_error(lambda: parse_record(value, table))


@given(field=st.sampled_from(RECORD_FIELDS), value=json_values)
@examples(200)
def test_any_value_in_any_field_raises_only_input_error(table: TableVersion, field: str, value: object) -> None:
    """One field of a valid record replaced: reaches every converter, not just the unknown-field check."""
    _assert_only_input_error(lambda: parse_record(record(**{field: value}), table))


def _as_json_text(value: object) -> str | None:
    try:
        return json.dumps(value, default=str)
    except ValueError:  # an int past Python's int-to-text limit; the parser's limit is tested apart
        return None


@given(value=json_values, fmt=st.sampled_from(["json", "yaml"]))
@examples(150)
def test_any_json_document_raises_only_input_error(table: TableVersion, value: object, fmt: str) -> None:
    text = _as_json_text(value)
    if text is None:
        return
    _assert_only_input_error(lambda: parse_record(parse_document(text.encode(), fmt), table))


@given(field=st.sampled_from(RECORD_FIELDS), value=json_values, fmt=st.sampled_from(["json", "yaml"]))
@examples(150)
def test_any_field_value_in_a_document_raises_only_input_error(
    table: TableVersion, field: str, value: object, fmt: str
) -> None:
    text = _as_json_text(record(**{field: value}))
    if text is None:
        return
    _assert_only_input_error(lambda: parse_record(parse_document(text.encode(), fmt), table))


@given(data=st.binary(max_size=200), fmt=st.sampled_from(["json", "yaml"]))
@examples(150)
def test_any_bytes_raise_only_input_error(table: TableVersion, data: bytes, fmt: str) -> None:
    _assert_only_input_error(lambda: parse_record(parse_document(data, fmt), table))


@given(
    depth=st.integers(min_value=1, max_value=60_000),
    opener=st.sampled_from(['{"a":', '{"seller":', "[", '{"revenue": {"Kids":']),
    fmt=st.sampled_from(["json", "yaml"]),
)
@examples(40)
def test_deep_nesting_raises_only_input_error(table: TableVersion, depth: int, opener: str, fmt: str) -> None:
    closer = "".join("]" if ch == "[" else "}" for ch in opener if ch in "[{")[::-1]
    text = opener * depth + "1" + closer * depth
    _assert_only_input_error(lambda: parse_record(parse_document(text.encode(), fmt), table))


@pytest.mark.parametrize("digits", [4301, 10_000, 50_000])
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_integers_of_thousands_of_digits_are_input_errors(table: TableVersion, digits: int, fmt: str) -> None:
    text = '{"seller": "x", "revenue": {"Kids": ' + "7" * digits + "}}"
    with pytest.raises(InputError) as info:
        parse_record(parse_document(text.encode(), fmt), table)
    assert info.value.field == "revenue.Kids"
    assert info.value.problem.endswith("is too large")
    assert len(str(info.value)) < 100


# ---------------------------------------------------------------- NIP against the oracle

ten_digits = st.text(alphabet="0123456789", min_size=10, max_size=10)


@given(number=ten_digits)
@examples(300)
def test_nip_agrees_with_stdnum_on_random_digits(number: str) -> None:
    if number == "0000000000":
        return  # RULES.md rejects all zeros; stdnum's checksum alone accepts it (tested below)
    assert (nip_problem(number) is None) == stdnum_nip.is_valid(number)


_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


@st.composite
def valid_nips(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda b: b != "000000000"))
    check = sum(w * int(d) for w, d in zip(_WEIGHTS, body, strict=True)) % 11
    if check == 10:  # no check digit makes such a body valid; use the next body up
        body = f"{(int(body) + 1) % 10**9:09d}"
        check = sum(w * int(d) for w, d in zip(_WEIGHTS, body, strict=True)) % 11
    if check == 10 or body == "000000000":
        body, check = "774000145", 4
    return body + str(check)


@st.composite
def written_nips(draw: st.DrawFn) -> tuple[str, str]:
    """A valid NIP and the way a person might write it: PL prefix, spaces and dashes anywhere."""
    nip = draw(valid_nips())
    prefix = draw(st.sampled_from(["", "PL", "pl", "PL ", "PL-"]))
    text = prefix
    for digit in nip:
        text += digit + draw(st.sampled_from(["", "", "", " ", "-"]))
    return nip, text


@given(nip=valid_nips())
@examples(150)
def test_generated_valid_nips_are_valid_for_both(nip: str) -> None:
    assert stdnum_nip.is_valid(nip)
    assert nip_problem(nip) is None
    assert as_nip(nip) == nip
    if nip[0] != "0":
        assert as_nip(int(nip)) == nip


@given(written=written_nips())
@examples(150)
def test_written_forms_of_valid_nips(written: tuple[str, str]) -> None:
    nip, text = written
    assert stdnum_nip.is_valid(text)
    assert as_nip(text) == nip


@given(nip=valid_nips(), position=st.integers(min_value=0, max_value=9), delta=st.integers(min_value=1, max_value=9))
@examples(150)
def test_one_changed_digit_is_caught_by_both(nip: str, position: int, delta: int) -> None:
    digits = list(nip)
    digits[position] = str((int(digits[position]) + delta) % 10)
    changed = "".join(digits)
    if changed == "0000000000":
        return
    assert (nip_problem(changed) is None) == stdnum_nip.is_valid(changed)


def test_all_zeros_is_where_rules_md_is_stricter_than_stdnum() -> None:
    assert stdnum_nip.is_valid("0000000000")  # the checksum of zeros is zero
    assert nip_problem("0000000000") == "a NIP cannot be all zeros"


# ---------------------------------------------------------------- numbers written the Polish way

polish_decimals = st.decimals(
    min_value=Decimal("-999999999999"), max_value=Decimal("999999999999"), allow_nan=False, allow_infinity=False
)


def _polish(value: Decimal, space: str) -> str:
    """`1234567.89` -> `1 234 567,89`: a decimal comma and spaces between thousands."""
    return f"{value:,f}".replace(",", "\x00").replace(".", ",").replace("\x00", space)


@given(value=polish_decimals, space=st.sampled_from([" ", "\u00a0", "\u202f"]))
@examples(150)
def test_decimal_comma_and_space_thousands_round_trip(value: Decimal, space: str) -> None:
    text = _polish(value, space)
    parsed = parse_decimal_text(text)
    assert parsed == value
    assert parse_decimal_text(f"  {text} ") == value


@given(value=polish_decimals)
@examples(200)
def test_plain_decimal_text_round_trips(value: Decimal) -> None:
    assert parse_decimal_text(f"{value:f}") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234 567,89", Decimal("1234567.89")),
        ("-1 000,5", Decimal("-1000.5")),
        ("99,8", Decimal("99.8")),
        ("0,001", Decimal("0.001")),
        ("1\u00a0000", Decimal(1000)),
    ],
)
def test_polish_examples(text: str, value: Decimal) -> None:
    assert parse_decimal_text(text) == value
