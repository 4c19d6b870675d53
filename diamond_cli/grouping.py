"""`--group-by nip`: account rows merged into one seller per NIP, as the company threshold counts them.

The program judges a company (a NIP) by all its accounts together, while exports from Allegro
come one account a row. Rows are folded into a running `Company` as they arrive: sums, not the
rows themselves, so memory grows with the number of distinct NIPs (plus a label per account and
one stored result per invalid row), never with the revenue detail of the rows. Results come out
at the end, in the order each NIP (or invalid row) first appeared.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from diamond_cli.batch import CellError, Evaluator, RawRecord, Summary
from diamond_cli.errors import InputError
from diamond_cli.inputs import as_bool, as_nip, as_seller, validate_fields
from diamond_cli.messages import text
from diamond_cli.models import Grade, Ratings
from diamond_cli.result import shown_nip

ACCOUNT_FIELDS = ("account", "main", "brand_zone")
DERIVED_FIELDS = ("other_accounts_quality", "brand_zone_revenue")
# Seller-level figures that cannot be added up across accounts: every row that gives one must agree.
SHARED_FIELDS = (
    "business_account",
    "category_growth_pct",
    "category_market_growth_pct",
    "transaction_problems_pct",
    "exportable_pct",
    "new_condition_pct",
)


@dataclass(slots=True)
class Company:
    """The running totals of one NIP's account rows."""

    nip: str
    line: int
    record: int
    accounts: list[str] = field(default_factory=list)
    seller: str | int | None = None
    main: list[tuple[str, Grade, str | int | None]] = field(default_factory=list)
    others: list[Grade] = field(default_factory=list)
    brand_zone: list[str] = field(default_factory=list)
    brand_zone_revenue: dict[str, Decimal] = field(default_factory=dict)
    revenue: dict[str, Decimal] = field(default_factory=dict)
    positive: int = 0
    negative: int = 0
    with_counts: list[str] = field(default_factory=list)
    pct_only: list[tuple[str, Decimal]] = field(default_factory=list)
    months: list[Decimal] | None = None
    months_from: str = ""
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    shared: dict[str, tuple[object, str]] = field(default_factory=dict)
    suspended: bool = False

    def add(self, label: str, main: bool, brand_zone: bool, fields: dict[str, Any]) -> None:
        self.accounts.append(label)
        grade = fields.pop("quality")
        seller = fields.pop("seller", None)
        if main:
            self.main.append((label, grade, seller))
        else:
            self.others.append(grade)
        if self.seller is None:
            self.seller = seller
        revenue: dict[str, Decimal] = fields.pop("revenue", {})
        for category, amount in revenue.items():
            self.revenue[category] = self.revenue.get(category, Decimal(0)) + amount
        if brand_zone:
            self.brand_zone.append(label)
            for category, amount in revenue.items():
                self.brand_zone_revenue[category] = self.brand_zone_revenue.get(category, Decimal(0)) + amount
        ratings = fields.pop("ratings", None)
        pct = fields.pop("positive_ratings_pct", None)
        if ratings is not None:  # counts decide over a percentage, as for one seller
            self.positive += ratings.positive
            self.negative += ratings.negative
            self.with_counts.append(label)
        elif pct is not None:
            self.pct_only.append((label, pct))
        months = fields.pop("monthly_revenue", None)
        if months is not None:
            if self.months is None:
                self.months, self.months_from = list(months), label
            elif len(months) != len(self.months):
                self.problem(
                    "batch.group.months",
                    field="monthly_revenue",
                    first=self.months_from,
                    first_count=len(self.months),
                    account=label,
                    count=len(months),
                )
            else:
                self.months = [a + b for a, b in zip(self.months, months, strict=True)]
        self.suspended = self.suspended or bool(fields.pop("suspended", False))
        fields.pop("nip", None)
        for name in SHARED_FIELDS:
            if name not in fields:
                continue
            value = fields.pop(name)
            seen = self.shared.get(name)
            if seen is None:
                self.shared[name] = (value, label)
            elif seen[0] != value:
                self.problem("batch.group.differs", field=name, first=seen[1], account=label)

    def problem(self, key: str, **params: Any) -> None:
        self.problems.append((key, params))

    def fields(self) -> dict[str, Any]:
        """The merged seller record (validated values), or InputError for the first conflict."""
        if not self.main:
            self.problem("batch.group.no_main", accounts=self.accounts)
        elif len(self.main) > 1:
            self.problem("batch.group.two_main", accounts=[label for label, _, _ in self.main])
        if len(self.brand_zone) > 1:
            self.problem("batch.group.two_brand_zone", accounts=self.brand_zone)
        pct_labels = [label for label, _ in self.pct_only]
        if self.with_counts and self.pct_only:
            self.problem("batch.group.ratings", accounts=pct_labels, counted=self.with_counts)
        elif len(self.pct_only) > 1:
            self.problem("batch.group.pct", accounts=pct_labels)
        if self.problems:
            raise GroupConflict(self.problems)
        _, grade, seller = self.main[0]
        fields: dict[str, Any] = {name: value for name, (value, _) in self.shared.items()}
        if self.with_counts:
            fields["ratings"] = Ratings(self.positive, self.negative)
        elif self.pct_only:
            fields["positive_ratings_pct"] = self.pct_only[0][1]
        fields.update(
            nip=self.nip,
            quality=grade,
            other_accounts_quality=tuple(self.others),
            suspended=self.suspended,
        )
        if self.revenue:
            fields["revenue"] = self.revenue
        seller = seller if seller is not None else self.seller
        if seller is not None:
            fields["seller"] = seller
        if self.months is not None:
            fields["monthly_revenue"] = tuple(self.months)
        if self.brand_zone:
            fields["brand_zone_revenue"] = self.brand_zone_revenue or None
        return fields


class GroupConflict(Exception):
    """The rows of one NIP cannot be merged; carries each problem as a message key and params."""

    def __init__(self, problems: list[tuple[str, dict[str, Any]]]) -> None:
        self.problems = problems
        super().__init__(problems[0][0])


class Grouper:
    """Folds account rows into companies; `results()` gives one result per NIP and per invalid row."""

    def __init__(self, evaluator: Evaluator) -> None:
        self.evaluator = evaluator
        self.companies: dict[str, Company] = {}
        # In order of first appearance: a NIP, or the result of an invalid row.
        self.order: list[str | tuple[Any]] = []
        self.summary = Summary()

    def add(self, raw: RawRecord) -> None:
        nip: str | None = None
        record: dict[str, Any] = {}
        try:
            record = self._record(raw.payload)
            nip = _valid_nip(record.get("nip"))
            for name in DERIVED_FIELDS:
                if name in record:
                    raise InputError(name, text("batch.group.derived", self.evaluator.settings.lang))
            label, main, brand_zone = _account(record, raw.line)
            if nip is None:
                raise _nip_error(record.get("nip"))
            own = {name: value for name, value in record.items() if name not in ACCOUNT_FIELDS}
            fields = validate_fields(own, self.evaluator.settings.version)
            if "quality" not in fields:
                raise InputError("quality", "missing (required: the sales-quality grade of this account)")
        except InputError as exc:
            if isinstance(exc, CellError):  # a CSV cell that could not be read: the row still names its NIP
                record = exc.row
                nip = _valid_nip(record.get("nip"))
            self.order.append(
                (
                    self.evaluator.error(
                        raw.line, raw.record, str(exc.revealing(self.evaluator.settings.nip_mode)), self.summary
                    ),
                )
            )
            if nip is not None:
                company = self._company(nip, raw)
                given = record.get("account")
                account = str(given) if isinstance(given, (str, int)) else f"line {raw.line}"
                company.problem("batch.group.invalid_row", account=account, line=raw.line)
            return
        self._company(nip, raw).add(label, main, brand_zone, fields)

    def _record(self, payload: bytes | dict[str, Any] | InputError) -> dict[str, Any]:
        if isinstance(payload, InputError):
            raise payload
        return dict(payload) if isinstance(payload, dict) else self.evaluator.decode(payload)

    def _company(self, nip: str, raw: RawRecord) -> Company:
        company = self.companies.get(nip)
        if company is None:
            company = self.companies[nip] = Company(nip, raw.line, raw.record)
            self.order.append(nip)
        return company

    def results(self) -> Iterator[Any]:
        settings = self.evaluator.settings
        for entry in self.order:
            if isinstance(entry, tuple):
                yield entry[0]
                continue
            company = self.companies.pop(entry)
            shown = shown_nip(company.nip, settings.nip_mode, settings.nip_key)
            extra = {"accounts": company.accounts}
            try:
                verdict = self.evaluator.evaluate(company.fields())
            except GroupConflict as exc:
                message = "; ".join(text(key, settings.lang, **params) for key, params in exc.problems)
                yield self.evaluator.error(
                    company.line,
                    company.record,
                    f"NIP {shown}: {message}",
                    self.summary,
                    nip=shown,
                    **extra,
                )
                continue
            except InputError as exc:
                yield self.evaluator.error(
                    company.line,
                    company.record,
                    f"NIP {shown}: {exc}",
                    self.summary,
                    nip=shown,
                    **extra,
                )
                continue
            yield self.evaluator.verdict_result(company.line, company.record, verdict, self.summary, **extra)


def _valid_nip(value: object) -> str | None:
    if value is None:
        return None
    try:
        return as_nip(value)
    except InputError:
        return None


def _nip_error(value: object) -> InputError:
    """The error of a row without a valid NIP: the NIP's own problem, or that it is missing."""
    if value is not None:
        try:
            as_nip(value)
        except InputError as exc:
            return InputError("nip", exc.problem, nip=exc.nip)
    return InputError("nip", "missing: every row needs the NIP it belongs to when grouping by NIP")


def _account(record: dict[str, Any], line: int) -> tuple[str, bool, bool]:
    """The row's account fields: its label (default `line N`), main, brand_zone."""
    label = record.get("account")
    main = record.get("main", False)
    brand_zone = record.get("brand_zone", False)
    try:
        label = f"line {line}" if label is None else str(as_seller(label))
    except InputError as exc:
        raise exc.within("account") if exc.field else InputError("account", exc.problem) from None
    for name, value in (("main", main), ("brand_zone", brand_zone)):
        try:
            as_bool(value)
        except InputError as exc:
            raise InputError(name, exc.problem) from None
    return label, bool(main), bool(brand_zone)
