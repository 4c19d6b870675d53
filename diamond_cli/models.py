"""The typed values the core passes around: seller figures in, a frozen verdict out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum, StrEnum


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


REQUIRED_RULES: tuple[str, ...] = (
    "business_account",
    "positive_ratings",
    "main_account_quality",
    "other_accounts_quality",
    "revenue_growth",
    "revenue_threshold",
)
DISCRETIONARY_RULES: tuple[str, ...] = (
    "account_suspended",
    "transaction_problems",
    "export_potential",
    "new_condition",
)
ALL_RULES: tuple[str, ...] = REQUIRED_RULES + DISCRETIONARY_RULES


@dataclass(frozen=True, slots=True)
class Ratings:
    positive: int
    negative: int


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


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one rule.

    `message_key` and `params` are rendered into a sentence in the user's language by
    `diamond_cli.messages`; `actual`/`required` are the figures compared (exact values);
    `to_pass` holds what would make a failing or unknown rule pass, under stable keys;
    `missing` names the input fields whose absence left the rule unknown.
    """

    rule: str
    status: Status
    message_key: str
    params: Mapping[str, object] = field(default_factory=dict)
    actual: object = None
    required: object = None
    to_pass: Mapping[str, object] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    interpretation: bool = False

    @property
    def discretionary(self) -> bool:
        return self.rule in DISCRETIONARY_RULES


# `TableRef.source` of the table packaged with diamond_cli (shown in the user's language).
SHIPPED_TABLE = "shipped with diamond_cli"


@dataclass(frozen=True, slots=True)
class TableRef:
    """Which table and which dated version decided a verdict."""

    name: str
    version: str
    effective_from: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Verdict:
    seller: str | int | None
    nip: str | None
    verdict: VerdictCode
    main_category: str | None
    route: Route | None
    checks: tuple[Check, ...]
    thresholds: TableRef
    main_category_tied_with: tuple[str, ...] = ()
    # The figures the verdict was reached from, for the pictures of the human view.
    figures: SellerFigures | None = None

    def check(self, rule: str) -> Check:
        for check in self.checks:
            if check.rule == rule:
                return check
        raise KeyError(rule)
