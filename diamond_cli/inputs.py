"""Seller records (JSON/YAML documents, flags) into validated `SellerFigures`, with precise errors.

Every error names the field (`revenue.Kidz`, `monthly_revenue[3]`) and, where a name was
mistyped, the closest valid one. Numbers stay exact: JSON floats are read as `Decimal`.
"""

from __future__ import annotations

import codecs
import difflib
import json
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

from diamond_cli.errors import InputError
from diamond_cli.models import POLISH_GRADE_NAMES, Grade, Ratings, SellerFigures
from diamond_cli.nip import compact_nip, nip_problem
from diamond_cli.numbers import MAX_ABS_VALUE, MAX_DECIMAL_PLACES, parse_decimal_text
from diamond_cli.thresholds import TableVersion

RECORD_FIELDS: tuple[str, ...] = (
    "seller",
    "nip",
    "business_account",
    "ratings",
    "positive_ratings_pct",
    "quality",
    "other_accounts_quality",
    "revenue",
    "monthly_revenue",
    "category_growth_pct",
    "category_market_growth_pct",
    "brand_zone_revenue",
    "suspended",
    "transaction_problems_pct",
    "exportable_pct",
    "new_condition_pct",
)
REQUIRED_FIELDS = ("business_account", "quality", "revenue")
MONTH_COUNTS = (12, 24)
_MAX_INT_DIGITS = 4300  # Python's default limit on converting text to int
_KNOWN_FIELDS = frozenset(RECORD_FIELDS)
_MAX_INT = int(MAX_ABS_VALUE)
_ZERO, _HUNDRED = Decimal(0), Decimal(100)  # bounds as Decimals: an int is converted at each comparison
# A Decimal in plain notation (no exponent) this short has at most MAX_DECIMAL_PLACES places
# (after "0.") and fewer digits than MAX_ABS_VALUE: it is within the format's limits.
_PLAIN_LENGTH = min(MAX_DECIMAL_PLACES + 2, MAX_ABS_VALUE.adjusted())
_NUMBERS = frozenset((int, Decimal))  # the types of JSON numbers as read (not bool, a subclass of int)
_DECIMALS = frozenset((Decimal,))
_T = TypeVar("_T")
_CACHE_SIZE = 1024  # spellings of grades and of categories remembered: records repeat a few

_GRADE_NAMES: dict[str, Grade] = {}
for _grade in Grade:
    _GRADE_NAMES[_grade.name.casefold()] = _grade
    _GRADE_NAMES[POLISH_GRADE_NAMES[_grade].casefold()] = _grade
_GRADE_SPELLINGS: dict[str, Grade] = {}  # grades as records spelled them ("SUPER", "good"), bounded


# ---------------------------------------------------------------- documents


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is ignored); invalid bytes are an input error naming their offset."""
    try:
        # Not decode("utf-8-sig"): that codec is a module imported at each start; same result and offsets.
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(None, f"not valid UTF-8 text (byte {exc.start + 1})") from None  # counted from 1


class _Duplicated(dict[str, Any]):
    """An object that repeated `key`: kept until the whole document is read, so that the error
    can name the key's full path (the hook only sees one object, not where it sits)."""

    key: str


def _unique_object(pairs: list[tuple[str, Any]], found: list[_Duplicated]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            duplicated = _Duplicated(result)
            duplicated.key = key
            found.append(duplicated)
            return duplicated
        result[key] = value
    return result


def _find_duplicate(value: object, path: str) -> None:
    """Raise for the first object in document order that repeated a key, naming its path."""
    stack: list[tuple[object, str]] = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, _Duplicated):
            field = f"{where}.{item.key}" if where else item.key
            raise InputError(field, "duplicated key")
        if isinstance(item, dict):
            children = [(v, f"{where}.{k}" if where else k) for k, v in item.items()]
        elif isinstance(item, list):
            children = [(v, f"{where}[{i}]") for i, v in enumerate(item)]
        else:
            continue
        stack.extend(reversed(children))


def _parse_int(text: str) -> int | Decimal:
    """Integers beyond Python's int-from-text limit stay exact Decimals (reported as too large
    for their field) instead of failing the whole document with an interpreter message."""
    return Decimal(text) if len(text) > _MAX_INT_DIGITS else int(text)


def parse_json(text: str) -> object:
    """Strict JSON: duplicate keys, NaN/Infinity and runaway nesting are errors."""
    if not text.strip():
        raise InputError(None, "the input is empty")
    duplicates: list[_Duplicated] = []
    try:
        value = json.loads(
            text,
            parse_float=Decimal,
            parse_int=_parse_int,
            parse_constant=Decimal,  # NaN, Infinity: rejected by the field's check, which names the field
            object_pairs_hook=partial(_unique_object, found=duplicates),
        )
    except json.JSONDecodeError as exc:
        raise InputError(None, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError(None, "nesting too deep") from None
    if duplicates:
        _find_duplicate(value, "")
    if "\\u" in text:
        reject_lone_surrogates(value)
    return value


def reject_lone_surrogates(value: object) -> None:
    """JSON may spell an unpaired surrogate (`"\\ud800"`), which no output can encode: refuse it here
    rather than fail when the result is written."""
    try:
        json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        field = _surrogate_field(value, "") or None  # shown escaped: the path itself may hold the surrogate
        shown = field.encode("utf-8", "backslashreplace").decode("utf-8") if field else None
        raise InputError(shown, "text with an unpaired \\ud800-\\udfff escape is not valid Unicode") from None


def _surrogate_field(value: object, where: str) -> str | None:
    """The path of the first key or text that UTF-8 cannot encode ('' for `value` itself), or None."""
    if isinstance(value, str):
        return None if _encodable(value) else where
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            found = path if isinstance(key, str) and not _encodable(key) else _surrogate_field(item, path)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _surrogate_field(item, f"{where}[{i}]")
            if found is not None:
                return found
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_yaml(text: str) -> object:
    from diamond_cli import safe_yaml

    if not text.strip():
        raise InputError(None, "the input is empty")
    try:
        value, _ = safe_yaml.load(text)
    except safe_yaml.YamlError as exc:
        where = f" at line {exc.line}, column {exc.column}" if exc.line is not None else ""
        raise InputError(None, f"invalid YAML{where}: {exc.message}") from None
    return value


def parse_document(data: bytes, fmt: str) -> Mapping[str, object]:
    """One seller record from a JSON or YAML document (`fmt` is "json" or "yaml")."""
    text = decode_text(data)
    document = parse_json(text) if fmt == "json" else parse_yaml(text)
    if not isinstance(document, dict):
        raise InputError(None, f"expected one seller record (an object), found {_type_name(document)}")
    return document


# ---------------------------------------------------------------- fields


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, Decimal)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def closest(name: str, options: list[str] | tuple[str, ...]) -> str:
    """`; did you mean 'x'?` when there is a close option, else an empty string."""
    match = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise InputError(None, f"expected true or false, found {_type_name(value)}")


def as_number(value: object, *, allow_text: bool = False) -> Decimal:
    """An exact, finite number within the format's limits."""
    # Fast path: JSON numbers arrive as ints and Decimals; one plainly within the limits is returned
    # as the general code below would return it. Anything else takes that code and its messages.
    if type(value) is int:  # not a bool, whose type is bool
        if -_MAX_INT < value < _MAX_INT:
            return Decimal(value)
    elif type(value) is Decimal:
        text = str(value)  # the cheapest look at the exponent (as_tuple() costs several times more)
        if len(text) <= _PLAIN_LENGTH and "E" not in text and value.is_finite():
            return value if value else value + 0  # the exponent is not positive: + 0 only turns -0 into 0
    if isinstance(value, bool):
        raise InputError(None, "expected a number, found a boolean")
    if isinstance(value, str) and allow_text:
        try:
            value = parse_decimal_text(value)
        except ValueError as exc:
            raise InputError(None, str(exc)) from None
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # the shortest text that reads back as this float
    elif isinstance(value, Decimal):
        number = value
    else:
        raise InputError(None, f"expected a number, found {_type_name(value)}")
    if not number.is_finite():
        raise InputError(None, f"numbers must be finite, found {number}")
    if number.copy_abs() >= MAX_ABS_VALUE:  # copy_abs: no context, so no Overflow at 1E+999999999
        raise InputError(None, f"{_shown(number)} is too large")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    if exponent < -MAX_DECIMAL_PLACES:
        places = Decimal(1).scaleb(-MAX_DECIMAL_PLACES)
        if number.quantize(places) != number:  # 1.50000000000000 has only 2 decimal places
            raise InputError(None, f"more than {MAX_DECIMAL_PLACES} decimal places")
        number = number.quantize(places).normalize()  # exact: at most 27 digits here
    return number + 0  # a normalised copy, e.g. Decimal('1E+3') -> Decimal('1000')


def _shown(number: Decimal) -> str:
    """A number as an error message quotes it: thousands of digits are shortened to 1.234568E+4999."""
    return str(number) if len(number.as_tuple().digits) <= 30 else f"{number:.6E}"


def as_money(value: object) -> Decimal:
    number = as_number(value)
    if number < _ZERO:
        raise InputError(None, f"an amount cannot be negative ({number})")
    return number


def as_share_pct(value: object, *, allow_text: bool = False) -> Decimal:
    number = as_number(value, allow_text=allow_text)
    if not _ZERO <= number <= _HUNDRED:
        raise InputError(None, f"a percentage share must be from 0 to 100, found {number}")
    return number


def as_share_pct_or_text(value: object) -> Decimal:
    """A share 0-100, also as text the way Allegro's API writes it (`"99,8"`)."""
    return as_share_pct(value, allow_text=True)


def as_number_or_text(value: object) -> Decimal:
    """Any number (a growth may be negative), also as text with a decimal comma."""
    return as_number(value, allow_text=True)


def as_count(value: object) -> int:
    if type(value) is int and 0 <= value < _MAX_INT:  # fast path: a plain count
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        if not isinstance(value, (Decimal, float)):
            raise InputError(None, f"expected a whole number, found {_type_name(value)}")
        number = as_number(value)  # finite and in range before int(): 1E+999999999 would take minutes
        if number != number.to_integral_value():
            raise InputError(None, f"expected a whole number, found {number}")
        value = int(number)
    if value < 0:
        raise InputError(None, f"a count cannot be negative ({_shown(Decimal(value))})")
    if value >= MAX_ABS_VALUE:
        raise InputError(None, f"{_shown(Decimal(value))} is too large")  # str() of 4,301+ digits raises
    return value


def as_grade(value: object) -> Grade:
    """Allegro's codes in any case with `-`/space for `_`, or the Polish names."""
    if not isinstance(value, str):
        raise InputError(None, f"expected a grade, found {_type_name(value)}")
    grade = _GRADE_SPELLINGS.get(value)
    if grade is not None:  # fast path: a spelling seen before
        return grade
    key = value.strip().casefold()
    grade = _GRADE_NAMES.get(key) or _GRADE_NAMES.get(key.replace("-", "_").replace(" ", "_"))
    if grade is None:
        choices = [g.name for g in Grade] + list(POLISH_GRADE_NAMES.values())
        hint = closest(value.strip().upper().replace("-", "_").replace(" ", "_"), choices) or closest(
            value.strip(), choices
        )
        raise InputError(
            None, f"unknown grade {value!r}{hint or '; expected one of ' + ', '.join(g.name for g in Grade)}"
        )
    if len(_GRADE_SPELLINGS) < _CACHE_SIZE:
        _GRADE_SPELLINGS[value] = grade
    return grade


def as_nip(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value if value.isdigit() else compact_nip(value)  # fast path: digits alone are compact
    else:
        raise InputError(None, f"expected a NIP as text, found {_type_name(value)}")
    problem = nip_problem(text)
    if problem:
        raise InputError(None, problem, nip=str(value))
    return text


def as_seller(value: object) -> str | int:
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise InputError(None, f"expected text, found {_type_name(value)}")


def as_ratings(value: object) -> Ratings:
    if not isinstance(value, dict):
        raise InputError(None, f'expected {{"positive": N, "negative": N}}, found {_type_name(value)}')
    for key in value:
        if key not in ("positive", "negative"):
            raise InputError(key, f"unknown field{closest(key, ('positive', 'negative'))}")
    counts = []
    for key in ("positive", "negative"):
        if key not in value:
            raise InputError(key, "missing")
        try:
            counts.append(as_count(value[key]))
        except InputError as exc:
            raise _under(key, exc) from None
    return Ratings(*counts)


def as_grades(value: object) -> tuple[Grade, ...]:
    if not isinstance(value, list):
        raise InputError(None, f"expected a list of grades, found {_type_name(value)}")
    return _items(as_grade, value)


def as_months(value: object) -> tuple[Decimal, ...]:
    if not isinstance(value, list):
        raise InputError(None, f"expected a list of 12 or 24 monthly amounts, found {_type_name(value)}")
    if len(value) not in MONTH_COUNTS:
        raise InputError(None, f"expected 12 or 24 monthly amounts (oldest first), found {len(value)}")
    amounts = _plain_amounts(value)
    return _items(as_money, value) if amounts is None else amounts


def _plain_amounts(values: list[Any]) -> tuple[Decimal, ...] | None:
    """Fast path of `as_months`, for the whole list at once: ints and Decimals whose text has no sign,
    no exponent and at most _PLAIN_LENGTH characters are amounts as `as_money` reads them.
    None when any item is not such a number: `as_money` then reads each and names the one at fault."""
    types = set(map(type, values))
    if types == _DECIMALS:
        amounts = tuple(values)
    elif types <= _NUMBERS:
        amounts = tuple(map(Decimal, values))
    else:
        return None
    texts = list(map(str, amounts))
    if max(map(len, texts)) <= _PLAIN_LENGTH and "".join(texts).replace(".", "").isdigit():
        return amounts
    return None


def _items(convert: Callable[[object], _T], values: list[object]) -> tuple[_T, ...]:
    """Each item converted; an error names the item's index (`[3]`)."""
    converted: list[_T] = []
    try:
        for item in values:
            converted.append(convert(item))
    except InputError as exc:
        raise _under(f"[{len(converted)}]", exc) from None
    return tuple(converted)


def _under(key: str, exc: InputError) -> InputError:
    """An error in the value at `key`, with its field (if any) nested under `key`."""
    if exc.field is None:
        return InputError(key, exc.problem, nip=exc.nip)
    joiner = "" if exc.field.startswith("[") and exc.field[1:2].isdigit() else "."  # list[3], not a key "[/]"
    return InputError(f"{key}{joiner}{exc.field}", exc.problem, nip=exc.nip)


def revenue_by_category(value: object, table: TableVersion, *, allow_empty: bool = False) -> dict[str, Decimal]:
    """`{category: PLN}` keyed by the table's canonical names; two spellings of one are an error."""
    if not isinstance(value, dict):
        raise InputError(None, f"expected {{category: PLN}}, found {_type_name(value)}")
    if not value and not allow_empty:
        raise InputError(None, "at least one category is needed")
    result: dict[str, Decimal] = {}
    categories = _categories_of(table)
    known = categories.canonical
    for name, amount in value.items():
        canonical = known.get(name) or categories.look_up(name)
        if canonical in result:
            raise InputError(name, f"duplicates category {canonical!r}")
        try:
            result[canonical] = as_money(amount)
        except InputError as exc:
            raise _under(name, exc) from None
    return result


class _Categories:
    """Category spellings seen before in records, for one table (a run reads against one), bounded:
    the canonical name of each known one (cheaper than normalising it again), and the problem with
    each unknown one (finding the closest name takes some 100 µs; a CSV column repeats a typo)."""

    def __init__(self, table: TableVersion) -> None:
        self.table = table
        self.canonical: dict[str, str] = {}
        self.unknown: dict[str, str] = {}

    def look_up(self, name: str) -> str:
        """The canonical name of a spelling not in `canonical` yet; an InputError for an unknown one."""
        problem = self.unknown.get(name)
        if problem is None:
            canonical = self.table.canonical_category(name)
            if canonical is not None:
                if len(self.canonical) < _CACHE_SIZE:
                    self.canonical[name] = canonical
                return canonical
            suggestion = self.table.closest_category(name)
            hint = f"; did you mean {suggestion!r}?" if suggestion else "; see `diamond thresholds show`"
            problem = f"unknown category{hint}"
            if len(self.unknown) < _CACHE_SIZE:
                self.unknown[name] = problem
        raise InputError(name, problem)


_categories: _Categories | None = None


def _categories_of(table: TableVersion) -> _Categories:
    global _categories
    if _categories is None or _categories.table is not table:
        _categories = _Categories(table)
    return _categories


# ---------------------------------------------------------------- records


def validate_fields(record: Mapping[str, object], table: TableVersion) -> dict[str, Any]:
    """Each present field of a record, validated; unknown fields are errors. Required ones are
    checked later by `build_figures`, after flags may have supplied them."""
    if not _KNOWN_FIELDS.issuperset(record):
        for key in record:
            if key not in RECORD_FIELDS:
                raise InputError(key, f"unknown field{closest(key, RECORD_FIELDS)}")
    fields: dict[str, Any] = {}
    for key, value in record.items():
        if value is None and key not in REQUIRED_FIELDS:
            continue  # null means "not given" for an optional figure
        name = sys.intern(key)  # as the parameter names are: SellerFigures(**fields) then skips comparing text
        convert = _CONVERTERS.get(name)
        try:
            if convert is not None:
                fields[name] = convert(value)
            elif name == "revenue":
                fields[name] = revenue_by_category(value, table)
            else:
                fields[name] = revenue_by_category(value, table, allow_empty=True) or None
        except InputError as exc:
            raise _under(key, exc) from None
    return fields


_CONVERTERS: dict[str, Callable[[object], object]] = {
    "seller": as_seller,
    "nip": as_nip,
    "business_account": as_bool,
    "ratings": as_ratings,
    "positive_ratings_pct": as_share_pct_or_text,
    "quality": as_grade,
    "other_accounts_quality": as_grades,
    "monthly_revenue": as_months,
    "category_growth_pct": as_number_or_text,
    "category_market_growth_pct": as_number_or_text,
    "suspended": as_bool,
    "transaction_problems_pct": as_share_pct_or_text,
    "exportable_pct": as_share_pct_or_text,
    "new_condition_pct": as_share_pct_or_text,
}


def build_figures(fields: Mapping[str, Any]) -> SellerFigures:
    """Typed figures from validated fields; a missing required field is an input error."""
    for key in REQUIRED_FIELDS:
        if key not in fields:
            raise InputError(key, "missing (required)")
    if "ratings" not in fields and "positive_ratings_pct" not in fields:
        raise InputError("ratings", "missing: give rating counts or positive_ratings_pct")
    return SellerFigures(**fields)


def parse_record(record: Mapping[str, object], table: TableVersion) -> SellerFigures:
    return build_figures(validate_fields(record, table))
