"""The typed values the core passes around: seller figures in, a frozen verdict out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import FrozenInstanceError, dataclass
from decimal import Decimal
from enum import IntEnum, StrEnum
from typing import Any

from diamond_cli import _core

# How a Frozen record's __init__ sets its fields past its own __setattr__.
set_field = object.__setattr__


class Frozen:
    """An immutable value compared, hashed, shown and pickled by its `__slots__`, like a frozen dataclass.

    `diamond check` builds these classes at every start, and each `@dataclass` compiles generated
    methods at import (about 1 ms a class, most of the start-up budget left over). Subclasses list
    their fields in `__slots__`, in constructor order (repr and pickling follow it, hence the noqa),
    and set each with `set_field` in `__init__`, as a dataclass's generated __init__ does (a loop
    over the fields would make these values, built per record in a batch, slower to create).
    SellerFigures and TableVersion stay dataclasses: callers derive variants with `dataclasses.replace`.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Frozen)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return (type(self), self._values())


class Grade(IntEnum):
    """Allegro's sales-quality grades (`GET /sale/quality`), ordered lowest to highest."""

    UNACCEPTABLE = 0
    NEEDS_IMPROVEMENT = 1
    NEUTRAL = 2
    GOOD = 3
    SUPER = 4
    SUPER_PLUS = 5


POLISH_GRADE_NAMES: dict[Grade, str] = {
    Grade.UNACCEPTABLE: "Nieakceptowalny",
    Grade.NEEDS_IMPROVEMENT: "Wymaga poprawy",
    Grade.NEUTRAL: "Neutralny",
    Grade.GOOD: "Dobry",
    Grade.SUPER: "Super",
    Grade.SUPER_PLUS: "Super+",
}


class Status(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"
    FLAG = "flag"


class VerdictCode(StrEnum):
    ELIGIBLE = "eligible"
    REVIEW = "review"
    NOT_ELIGIBLE = "not_eligible"
    INCOMPLETE = "incomplete"


class Route(StrEnum):
    """The ways the revenue rule can pass, in the order they are tried (an interpretation)."""

    COMPANY = "company"
    BRAND = "brand"
    CONDITIONAL = "conditional"


# The rules, in the order results list them: the core's registry (core/src/rules/mod.rs) is the one list.
REQUIRED_RULES: tuple[str, ...] = tuple(rule for rule, kind, _, _ in _core.rules() if kind == "required")
DISCRETIONARY_RULES: tuple[str, ...] = tuple(rule for rule, kind, _, _ in _core.rules() if kind == "discretionary")
ALL_RULES: tuple[str, ...] = REQUIRED_RULES + DISCRETIONARY_RULES
# Whose reading each rule is: "page", "interpretation", or "both" (the page names the criterion,
# the numbers or the method that decide it are ours; each such parameter says so in the table).
RULE_BASIS: dict[str, str] = {rule: basis for rule, _, basis, _ in _core.rules()}
# The shape of each rule's figures in the human view (render_human.figure_cells has one way per shape).
RULE_SHOWN: dict[str, str] = {rule: shown for rule, _, _, shown in _core.rules()}


class Ratings(Frozen):
    __slots__ = ("positive", "negative")  # noqa: RUF023
    positive: int
    negative: int

    def __init__(self, positive: int, negative: int) -> None:
        set_field(self, "positive", positive)
        set_field(self, "negative", negative)


@dataclass(frozen=True, slots=True)
class SellerFigures:
    """One seller's validated 12-month figures; categories are canonical table names."""

    business_account: bool
    quality: Grade
    revenue: Mapping[str, Decimal]
    seller: str | int | None = None
    nip: str | None = None
    ratings: Ratings | None = None
    positive_ratings_pct: Decimal | None = None
    other_accounts_quality: tuple[Grade, ...] = ()
    monthly_revenue: tuple[Decimal, ...] | None = None
    category_growth_pct: Decimal | None = None
    category_market_growth_pct: Decimal | None = None
    brand_zone_revenue: Mapping[str, Decimal] | None = None
    suspended: bool = False
    transaction_problems_pct: Decimal | None = None
    exportable_pct: Decimal | None = None
    new_condition_pct: Decimal | None = None


class Check(Frozen):
    """The outcome of one rule.

    `message_key` and `params` are rendered into a sentence in the user's language by
    `diamond_cli.messages`; `actual`/`required` are the figures compared (exact values);
    `to_pass` holds what would make a failing or unknown rule pass, under stable keys;
    `missing` names the input fields whose absence left the rule unknown; `margin` how far a
    passing figure is from failing (README's keys); `assumed`, that the rule was decided on the
    default of a figure not given.
    """

    __slots__ = (  # noqa: RUF023
        "rule",
        "status",
        "message_key",
        "params",
        "actual",
        "required",
        "to_pass",
        "missing",
        "interpretation",
        "message",
        "margin",
        "assumed",
    )
    rule: str
    status: Status
    message_key: str
    params: Mapping[str, object]
    actual: object
    required: object
    to_pass: Mapping[str, object]
    missing: tuple[str, ...]
    interpretation: bool
    # The sentence a seller reads, in the run's language (worded by the core).
    message: str
    margin: Mapping[str, object]
    assumed: bool

    def __init__(
        self,
        rule: str,
        status: Status,
        message_key: str,
        params: Mapping[str, object] | None = None,
        actual: object = None,
        required: object = None,
        to_pass: Mapping[str, object] | None = None,
        missing: tuple[str, ...] = (),
        interpretation: bool = False,
        message: str = "",
        margin: Mapping[str, object] | None = None,
        assumed: bool = False,
    ) -> None:
        set_field(self, "rule", rule)
        set_field(self, "status", status)
        set_field(self, "message_key", message_key)
        set_field(self, "params", {} if params is None else params)
        set_field(self, "actual", actual)
        set_field(self, "required", required)
        set_field(self, "to_pass", {} if to_pass is None else to_pass)
        set_field(self, "missing", missing)
        set_field(self, "interpretation", interpretation)
        set_field(self, "message", message)
        set_field(self, "margin", {} if margin is None else margin)
        set_field(self, "assumed", assumed)

    @property
    def discretionary(self) -> bool:
        return self.rule in DISCRETIONARY_RULES


# `TableRef.source` of the table packaged with diamond_cli (shown in the user's language).
SHIPPED_TABLE = "shipped with diamond_cli"


class TableRef(Frozen):
    """Which table and which dated version decided a verdict."""

    __slots__ = ("name", "version", "effective_from", "source")  # noqa: RUF023
    name: str
    version: str
    effective_from: str | None
    source: str

    def __init__(self, name: str, version: str, effective_from: str | None, source: str) -> None:
        set_field(self, "name", name)
        set_field(self, "version", version)
        set_field(self, "effective_from", effective_from)
        set_field(self, "source", source)


class Verdict(Frozen):
    __slots__ = (  # noqa: RUF023
        "seller",
        "nip",
        "verdict",
        "main_category",
        "route",
        "checks",
        "thresholds",
        "main_category_tied_with",
        "figures",
        "category_names",
    )
    seller: str | int | None
    nip: str | None
    verdict: VerdictCode
    main_category: str | None
    route: Route | None
    checks: tuple[Check, ...]
    thresholds: TableRef
    main_category_tied_with: tuple[str, ...]
    # The figures the verdict was reached from, for the pictures of the human view.
    figures: SellerFigures | None
    # The categories its language names otherwise than the table (Polish names), by table name.
    category_names: Mapping[str, str]

    def __init__(
        self,
        seller: str | int | None,
        nip: str | None,
        verdict: VerdictCode,
        main_category: str | None,
        route: Route | None,
        checks: tuple[Check, ...],
        thresholds: TableRef,
        main_category_tied_with: tuple[str, ...] = (),
        figures: SellerFigures | None = None,
        category_names: Mapping[str, str] | None = None,
    ) -> None:
        set_field(self, "seller", seller)
        set_field(self, "nip", nip)
        set_field(self, "verdict", verdict)
        set_field(self, "main_category", main_category)
        set_field(self, "route", route)
        set_field(self, "checks", checks)
        set_field(self, "thresholds", thresholds)
        set_field(self, "main_category_tied_with", main_category_tied_with)
        set_field(self, "figures", figures)
        set_field(self, "category_names", category_names or {})

    def category_name(self, name: str) -> str:
        """A category as the verdict's language names it."""
        return self.category_names.get(name, name)

    def check(self, rule: str) -> Check:
        for check in self.checks:
            if check.rule == rule:
                return check
        raise KeyError(rule)
