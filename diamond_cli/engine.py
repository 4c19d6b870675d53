"""The rules of RULES.md applied to one seller: pure, exact, no I/O.

Every comparison is exact, on integer ratios (cross-multiplied) or `Fraction`s built from exact
`Decimal` inputs and table values, so 98.995% fails a 99% minimum and 4,500,000 meets a 4,500,000
threshold. Messages are left as keys and parameters for `messages` to put into words in the
user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from math import ceil, lcm
from operator import mul

from diamond_cli.models import (
    REQUIRED_RULES,
    Check,
    Grade,
    Route,
    SellerFigures,
    Status,
    TableRef,
    Verdict,
    VerdictCode,
)
from diamond_cli.numbers import ratio_decimal, shown_against, shown_ratio
from diamond_cli.thresholds import CategoryThresholds, TableVersion

_HUNDRED = Fraction(100)


def evaluate(figures: SellerFigures, table: TableVersion, table_ref: TableRef) -> Verdict:
    """Check every rule and reach the one verdict RULES.md defines."""
    main, tied = main_category(figures.revenue, table)
    revenue_check, route = _revenue_threshold(figures, table, main, tied)
    checks = (
        _business_account(figures),
        _positive_ratings(figures, table),
        _main_account_quality(figures, table),
        _other_accounts_quality(figures, table),
        _revenue_growth(figures, table),
        revenue_check,
        _account_suspended(figures),
        _share_flag("transaction_problems", figures.transaction_problems_pct, table, "max_pct", above=True),
        _share_flag("export_potential", figures.exportable_pct, table, "min_pct", above=False),
        _share_flag("new_condition", figures.new_condition_pct, table, "min_pct", above=False),
    )
    return Verdict(
        seller=figures.seller,
        nip=figures.nip,
        verdict=verdict_of(checks),
        main_category=main,
        route=route,
        checks=checks,
        thresholds=table_ref,
        main_category_tied_with=tied,
        figures=figures,
    )


def verdict_of(checks: tuple[Check, ...]) -> VerdictCode:
    """Dominance: a failure outranks a missing figure, which outranks a flag."""
    required = [c.status for c in checks if c.rule in REQUIRED_RULES]
    if Status.FAIL in required:
        return VerdictCode.NOT_ELIGIBLE
    if Status.UNKNOWN in required:
        return VerdictCode.INCOMPLETE
    if any(c.status is Status.FLAG for c in checks):
        return VerdictCode.REVIEW
    return VerdictCode.ELIGIBLE


def main_category(revenue: Mapping[str, Decimal], table: TableVersion) -> tuple[str, tuple[str, ...]]:
    """The category with the highest revenue, and the others tied with it.

    Ties (an interpretation) go to the lowest company, then conditional, then brand threshold,
    then the category listed first in the table.
    """
    top = max(revenue.values())
    tied = [name for name, amount in revenue.items() if amount == top]
    if len(tied) == 1:
        return tied[0], ()
    order = {c.name: i for i, c in enumerate(table.categories)}

    def tie_key(name: str) -> tuple[Decimal, Decimal, Decimal, int]:
        c = table.category(name)
        return (c.company, c.conditional, c.brand, order[name])

    tied.sort(key=tie_key)
    return tied[0], tuple(tied[1:])


# Rules whose inputs take a handful of values (a flag, a grade) give one shared Check object per
# distinct input: a batch builds each such outcome once, and writers can reuse what they render
# from it (see `is_shared`). Checks are immutable, so sharing them is safe. Bounded: cleared when full.
_SHARED: dict[tuple[object, ...], Check] = {}
_SHARED_IDS: set[int] = set()
_SHARED_LIMIT = 4096


def _shared(key: tuple[object, ...], make: Callable[[], Check]) -> Check:
    check = _SHARED.get(key)
    if check is None:
        if len(_SHARED) >= _SHARED_LIMIT:
            _SHARED.clear()
            _SHARED_IDS.clear()
        check = _SHARED[key] = make()
        _SHARED_IDS.add(id(check))
    return check


def is_shared(check: Check) -> bool:
    """Whether `check` is one of the shared outcomes, alive for as long as the caller holds it."""
    return id(check) in _SHARED_IDS


def _business_account(figures: SellerFigures) -> Check:
    ok = figures.business_account
    return _shared(
        ("business_account", ok),
        lambda: Check(
            "business_account",
            Status.PASS if ok else Status.FAIL,
            "business_account.pass" if ok else "business_account.fail",
            actual=ok,
            required=True,
            to_pass={} if ok else {"business_account": True},
        ),
    )


def _positive_ratings(figures: SellerFigures, table: TableVersion) -> Check:
    minimum = table.decimal("positive_ratings", "min_pct")
    rule = "positive_ratings"
    ratings = figures.ratings
    if ratings is not None:
        total = ratings.positive + ratings.negative
        both = figures.positive_ratings_pct is not None
        if total == 0:
            return Check(
                rule,
                Status.UNKNOWN,
                "positive_ratings.no_ratings",
                {"min": minimum},
                required=minimum,
                missing=("ratings",),
            )
        min_numerator, min_denominator = minimum.as_integer_ratio()
        ok = ratings.positive * 100 * min_denominator >= min_numerator * total  # share >= minimum, in integers
        params: dict[str, object] = {
            "pct": shown_ratio(ratings.positive * 100, total, minimum),
            "min": minimum,
            "positive": ratings.positive,
            "total": total,
            "given_pct": figures.positive_ratings_pct,
        }
        to_pass: dict[str, object] = {}
        key = "positive_ratings.counts_pass" if ok else "positive_ratings.counts_fail"
        if not ok:
            needed = _positives_needed(ratings.positive, ratings.negative, Fraction(minimum))
            to_pass = {"positive_ratings_needed": needed, "at_negative_ratings": ratings.negative, "min_pct": minimum}
            if needed is None:
                key = "positive_ratings.counts_fail_impossible"
            else:
                params["needed"] = needed
        if both:
            key += "_over_pct"
        return Check(
            rule,
            Status.PASS if ok else Status.FAIL,
            key,
            params,
            actual=ratio_decimal(ratings.positive * 100, total),
            required=minimum,
            to_pass=to_pass,
        )
    given = figures.positive_ratings_pct
    if given is None:  # inputs require one of the two; kept for direct library use
        return Check(
            rule,
            Status.UNKNOWN,
            "positive_ratings.missing",
            {"min": minimum},
            required=minimum,
            missing=("ratings", "positive_ratings_pct"),
        )
    ok = given >= minimum
    return Check(
        rule,
        Status.PASS if ok else Status.FAIL,
        "positive_ratings.pct_pass" if ok else "positive_ratings.pct_fail",
        {"pct": given, "min": minimum},
        actual=given,
        required=minimum,
        to_pass={} if ok else {"min_pct": minimum, "short_pct": minimum - given},
    )


def _positives_needed(positive: int, negative: int, minimum: Fraction) -> int | None:
    """How many more positive ratings reach `minimum` % at the current negatives (None: never)."""
    if minimum >= _HUNDRED:
        return None if negative else 0
    # (p + x) / (p + x + n) >= m / 100  <=>  p + x >= m * n / (100 - m)
    return max(0, ceil(minimum * negative / (_HUNDRED - minimum)) - positive)


def _main_account_quality(figures: SellerFigures, table: TableVersion) -> Check:
    minimum = table.grade("main_account_quality", "min_grade")
    grade = figures.quality
    ok = grade >= minimum
    return _shared(
        ("main_account_quality", grade, minimum),
        lambda: Check(
            "main_account_quality",
            Status.PASS if ok else Status.FAIL,
            "main_account_quality.pass" if ok else "main_account_quality.fail",
            {"grade": grade, "min": minimum},
            actual=grade.name,
            required=minimum.name,
            to_pass={} if ok else {"grade_needed": minimum.name},
        ),
    )


def _other_accounts_quality(figures: SellerFigures, table: TableVersion) -> Check:
    minimum = table.grade("other_accounts_quality", "min_grade")
    grades = figures.other_accounts_quality
    return _shared(("other_accounts_quality", grades, minimum), lambda: _other_accounts_check(grades, minimum))


def _other_accounts_check(grades: tuple[Grade, ...], minimum: Grade) -> Check:
    low = [(i + 1, g) for i, g in enumerate(grades) if g < minimum]
    actual = [g.name for g in grades]
    if not grades:
        return Check(
            "other_accounts_quality",
            Status.PASS,
            "other_accounts_quality.none",
            {"min": minimum},
            actual=actual,
            required=minimum.name,
        )
    if not low:
        return Check(
            "other_accounts_quality",
            Status.PASS,
            "other_accounts_quality.pass",
            {"count": len(grades), "min": minimum},
            actual=actual,
            required=minimum.name,
        )
    return Check(
        "other_accounts_quality",
        Status.FAIL,
        "other_accounts_quality.fail",
        {"low": low, "min": minimum},
        actual=actual,
        required=minimum.name,
        to_pass={"grade_needed": minimum.name, "accounts_below": [i for i, _ in low]},
    )


def _revenue_growth(figures: SellerFigures, table: TableVersion) -> Check:
    minimum = table.decimal("revenue_growth", "min_growth_pct")
    months = figures.monthly_revenue
    rule = "revenue_growth"
    if months is None:
        return _shared(
            (rule, str(minimum)),
            lambda: Check(
                rule,
                Status.UNKNOWN,
                "revenue_growth.missing",
                {"min": minimum},
                required=minimum,
                missing=("monthly_revenue",),
                interpretation=True,
            ),
        )
    scaled, scale = _scaled(months)  # exact integers over one denominator: the sums below are cheap
    min_numerator, min_denominator = minimum.as_integer_ratio()
    if len(months) == 24:
        previous = sum(months[:12], Decimal(0))
        last = sum(months[12:], Decimal(0))
        next_month = _yoy_bound(scaled, scale, Fraction(minimum))
        if previous == 0:
            ok = last > 0
            return Check(
                rule,
                Status.PASS if ok else Status.FAIL,
                "revenue_growth.yoy_from_zero_pass" if ok else "revenue_growth.yoy_from_zero_fail",
                {"last": last, "previous": previous},
                actual=None,
                required=minimum,
                to_pass={}
                if ok
                else {
                    "last_12_months_revenue_above": previous,
                    "last_12_months_short_pln": Decimal(0),
                    "next_month_revenue_above": _grosz_up(next_month),
                },
                interpretation=True,
            )
        previous_scaled = sum(scaled[:12])
        growth = ((sum(scaled[12:]) - previous_scaled) * 100, previous_scaled)  # yoy_pct as a ratio
        ok = growth[0] * min_denominator > min_numerator * growth[1]
        needed = Fraction(previous) * (1 + Fraction(minimum) / 100)
        return Check(
            rule,
            Status.PASS if ok else Status.FAIL,
            "revenue_growth.yoy_pass" if ok else "revenue_growth.yoy_fail",
            {"growth": shown_ratio(*growth, minimum), "min": minimum, "last": last, "previous": previous},
            actual=ratio_decimal(*growth),
            required=minimum,
            to_pass={}
            if ok
            else {
                "min_growth_pct": minimum,
                "growth_pct": ratio_decimal(*growth),
                "last_12_months_revenue_above": _grosz_up(needed),
                "last_12_months_short_pln": _grosz_up(needed - Fraction(last)),
                "next_month_revenue_above": _grosz_up(next_month),
            },
            interpretation=True,
        )
    bound = _trend_bound(scaled[1:], scale, min_numerator, min_denominator)
    turn: dict[str, object] = {} if bound is None else {"next_month_revenue_above": _grosz_up_ratio(*bound)}
    total = sum(scaled)
    if total == 0:
        return Check(
            rule,
            Status.FAIL,
            "revenue_growth.trend_zero",
            {"min": minimum},
            actual=None,
            required=minimum,
            to_pass={"min_growth_pct": minimum, **turn},
            interpretation=True,
        )
    n = len(scaled)
    trend = (7200 * _weighted(scaled, n), (n * n - 1) * total)  # trend_pct as a ratio
    ok = trend[0] * min_denominator > min_numerator * trend[1]
    return Check(
        rule,
        Status.PASS if ok else Status.FAIL,
        "revenue_growth.trend_pass" if ok else "revenue_growth.trend_fail",
        {"trend": shown_ratio(*trend, minimum), "min": minimum},
        actual=ratio_decimal(*trend),
        required=minimum,
        to_pass={} if ok else {"min_growth_pct": minimum, "growth_pct": ratio_decimal(*trend), **turn},
        interpretation=True,
    )


def _grosz_up(amount: Fraction) -> Decimal:
    """An amount to exceed, rounded up to the grosz: exceeding the rounded amount is always enough."""
    return _grosz_up_ratio(amount.numerator, amount.denominator)


def _grosz_up_ratio(numerator: int, denominator: int) -> Decimal:
    grosze = -(-numerator * 100 // denominator)  # ceil, in integers
    return Decimal(grosze) / 100 if grosze % 100 else Decimal(grosze // 100)


def yoy_pct(months: tuple[Decimal, ...]) -> Fraction | None:
    """Year-on-year growth of 24 monthly totals, %; None when the previous 12 months sum to 0."""
    previous = _exact_sum(months[:12])
    last = _exact_sum(months[12:])
    return None if previous == 0 else (last - previous) / previous * 100


def trend_pct(months: tuple[Decimal, ...] | list[Fraction]) -> Fraction | None:
    """Least-squares slope of the monthly totals as a yearly % of their mean; None when the mean is 0."""
    # slope = Σ(i - c)·v / Σ(i - c)² with c = (n-1)/2 and Σ(i - c)² = n(n²-1)/12, so
    # slope · 12 / (S/n) · 100 = 7200·W / ((n²-1)·S), with W = Σ(2i - n + 1)·v and S = Σv:
    # the same exact value as the textbook form, from two sums (a batch evaluates millions).
    scaled, _ = _scaled(months)
    total = sum(scaled)
    if total == 0:
        return None
    n = len(months)
    return Fraction(7200 * _weighted(scaled, n), (n * n - 1) * total)


_WEIGHTS: dict[int, tuple[int, ...]] = {}


def _weighted(values: list[int], n: int) -> int:
    """W = Σ(2i - n + 1)·v over the first len(values) of n months."""
    weights = _WEIGHTS.get(n)
    if weights is None:
        weights = _WEIGHTS[n] = tuple(2 * i - n + 1 for i in range(n))
    return sum(map(mul, weights, values))


def _scaled(months: Sequence[Decimal | Fraction]) -> tuple[list[int], int]:
    """The amounts as integers over one common denominator `scale`: exact, and cheap to add."""
    ratios = [m.as_integer_ratio() for m in months]
    scale = lcm(*[denominator for _, denominator in ratios])
    return [numerator * (scale // denominator) for numerator, denominator in ratios], scale


def _exact_sum(months: Sequence[Decimal]) -> Fraction:
    scaled, scale = _scaled(months)
    return Fraction(sum(scaled), scale)


def _next_month_for_yoy(months: tuple[Decimal, ...], minimum: Fraction) -> Fraction:
    """Next month's revenue above which the 24-month window, moved on by a month, shows growth.

    Negative: the oldest month dropping out is enough, whatever next month brings.
    """
    scaled, scale = _scaled(months)
    return _yoy_bound(scaled, scale, minimum)


def _yoy_bound(scaled: list[int], scale: int, minimum: Fraction) -> Fraction:
    """`_next_month_for_yoy` from the 24 amounts as integers over `scale`."""
    previous = Fraction(sum(scaled[1:13]), scale)
    kept = Fraction(sum(scaled[13:]), scale)
    if previous == 0:
        return -kept
    return previous * (1 + minimum / 100) - kept


def _next_month_for_trend(months: tuple[Decimal, ...], minimum: Fraction) -> Fraction | None:
    """Next month's revenue above which the 12-month trend, moved on by a month, exceeds `minimum`.

    The trend of (kept months + x) is linear in x over its mean, so the bound is exact. None: no
    single month can do it (a minimum above the steepest trend one month can make).
    Negative: the oldest month dropping out is enough, whatever next month brings.
    """
    kept, scale = _scaled(months[1:])
    bound = _trend_bound(kept, scale, minimum.numerator, minimum.denominator)
    return None if bound is None else Fraction(*bound)


def _trend_bound(kept: list[int], scale: int, min_numerator: int, min_denominator: int) -> tuple[int, int] | None:
    """`_next_month_for_trend` as (numerator, denominator > 0), from the kept months over `scale`."""
    # With c = (n-1)/2, spread = Σ(i - c)² = n(n²-1)/12 and weighted = Σ(i - c)·v over the kept
    # months: trend > m  <=>  (weighted + (n-1-c) x) / spread * 1200 > m (total + x) / n, which
    # solves to x > (m·T·(n²-1) - 7200·W) / (scale·(n-1)·(7200 - m(n+1))), where T = Σ kept and
    # W = Σ(2i - n + 1)·kept in integers over `scale`; possible only when 7200 > m(n+1).
    # Here m = min_numerator / min_denominator, and both sides are multiplied by min_denominator.
    n = len(kept) + 1
    room = 7200 * min_denominator - min_numerator * (n + 1)
    if room <= 0:
        return None
    total = sum(kept)
    numerator = min_numerator * total * (n * n - 1) - 7200 * min_denominator * _weighted(kept, n)
    denominator = scale * (n - 1) * room
    if numerator * scale < -total * denominator:  # below -total: dropping the oldest month is enough
        return -total, scale
    return numerator, denominator


def _reaches(amount: Decimal, threshold: Decimal, inclusive: bool) -> bool:
    return amount >= threshold if inclusive else amount > threshold


def _shortfall(amount: Decimal, threshold: Decimal) -> dict[str, object]:
    short = max(threshold - amount, Decimal(0))
    if not threshold:
        return {"threshold": threshold, "short_pln": short, "short_pct": Decimal(0)}
    short_numerator, short_denominator = short.as_integer_ratio()
    threshold_numerator, threshold_denominator = threshold.as_integer_ratio()
    pct = ratio_decimal(short_numerator * threshold_denominator * 100, short_denominator * threshold_numerator)
    return {"threshold": threshold, "short_pln": short, "short_pct": pct}


def _revenue_threshold(
    figures: SellerFigures, table: TableVersion, main: str, tied: tuple[str, ...]
) -> tuple[Check, Route | None]:
    """The routes in order (an interpretation): company, Brand Zone, conditional."""
    rule = "revenue_threshold"
    inclusive = bool(table.param("revenue_threshold", "inclusive").value)
    limits = table.category(main)
    amount = figures.revenue[main]
    base: dict[str, object] = {
        "category": main,
        "amount": amount,
        "tied": tied,
        "company": limits.company,
        "conditional": limits.conditional,
        "brand": limits.brand,
    }
    seller_growth, market_growth = figures.category_growth_pct, figures.category_market_growth_pct
    growth_needed = {"growth_pct": seller_growth, "growth_above_pct": market_growth}
    shortfalls: dict[str, object] = {}

    if _reaches(amount, limits.company, inclusive):
        params = {**base, "threshold": limits.company}
        return Check(
            rule,
            Status.PASS,
            "revenue_threshold.company_pass",
            params,
            actual=amount,
            required=limits.company,
            interpretation=True,  # "at least" and the order of routes are our reading
        ), Route.COMPANY
    shortfalls["company"] = _shortfall(amount, limits.company)

    brand = _brand_route(figures, table, inclusive)
    if brand is not None:
        brand_category, brand_amount, brand_limits, ok = brand
        base.update(brand_category=brand_category, brand_amount=brand_amount, brand_threshold=brand_limits.brand)
        params = {**base, "threshold": brand_limits.brand}
        if ok:
            return Check(
                rule,
                Status.PASS,
                "revenue_threshold.brand_pass",
                params,
                actual=brand_amount,
                required=brand_limits.brand,
                interpretation=True,
            ), Route.BRAND
        shortfalls["brand"] = {"category": brand_category, **_shortfall(brand_amount, brand_limits.brand)}

    params = {**base, "short_company": limits.company - amount}
    if not _reaches(amount, limits.conditional, inclusive):
        shortfalls["conditional"] = {**_shortfall(amount, limits.conditional), **growth_needed}
        params["short_conditional"] = limits.conditional - amount
        return Check(
            rule,
            Status.FAIL,
            "revenue_threshold.fail",
            params,
            actual=amount,
            required=limits.company,
            to_pass=shortfalls,
            interpretation=True,
        ), None

    if seller_growth is None or market_growth is None:
        missing = tuple(
            name
            for name, value in (("category_growth_pct", seller_growth), ("category_market_growth_pct", market_growth))
            if value is None
        )
        shortfalls["conditional"] = {**_shortfall(amount, limits.conditional), **growth_needed}
        return Check(
            rule,
            Status.UNKNOWN,
            "revenue_threshold.conditional_unknown",
            params,
            actual=amount,
            required=limits.conditional,
            to_pass=shortfalls,
            missing=missing,
            interpretation=True,
        ), None
    params = {**params, "growth": seller_growth, "market_growth": market_growth}
    if seller_growth > market_growth:
        return Check(
            rule,
            Status.PASS,
            "revenue_threshold.conditional_pass",
            params,
            actual=amount,
            required=limits.conditional,
            interpretation=True,
        ), Route.CONDITIONAL
    shortfalls["conditional"] = {**_shortfall(amount, limits.conditional), **growth_needed}
    return Check(
        rule,
        Status.FAIL,
        "revenue_threshold.conditional_fail",
        params,
        actual=amount,
        required=limits.conditional,
        to_pass=shortfalls,
        interpretation=True,
    ), None


def _brand_route(
    figures: SellerFigures, table: TableVersion, inclusive: bool
) -> tuple[str, Decimal, CategoryThresholds, bool] | None:
    """The Brand Zone account against its own top category's brand threshold; None: no such account."""
    revenue = figures.brand_zone_revenue
    if not revenue:
        return None
    category, _ = main_category(revenue, table)
    limits = table.category(category)
    amount = revenue[category]
    return category, amount, limits, _reaches(amount, limits.brand, inclusive)


def _account_suspended(figures: SellerFigures) -> Check:
    flagged = figures.suspended
    return _shared(
        ("account_suspended", flagged),
        lambda: Check(
            "account_suspended",
            Status.FLAG if flagged else Status.PASS,
            "account_suspended.flag" if flagged else "account_suspended.pass",
            actual=flagged,
            required=False,
            interpretation=True,
        ),
    )


def _share_flag(rule: str, value: Decimal | None, table: TableVersion, name: str, *, above: bool) -> Check:
    """A discretionary share: flagged beyond its limit, not assessed without a figure."""
    limit = table.decimal(rule, name)
    if value is None:  # keyed by the limit's text: 2.0 and 2 are equal but written differently
        return _shared(
            (rule, str(limit)),
            lambda: Check(
                rule,
                Status.UNKNOWN,
                f"{rule}.missing",
                {"limit": limit},
                required=limit,
                missing=(_SHARE_FIELDS[rule],),
                interpretation=True,
            ),
        )
    flagged = value > limit if above else value < limit
    return Check(
        rule,
        Status.FLAG if flagged else Status.PASS,
        f"{rule}.flag" if flagged else f"{rule}.pass",
        {"pct": shown_against(value, limit), "limit": limit},
        actual=value,
        required=limit,
        to_pass={name: limit} if flagged else {},
        interpretation=True,
    )


_SHARE_FIELDS = {
    "transaction_problems": "transaction_problems_pct",
    "export_potential": "exportable_pct",
    "new_condition": "new_condition_pct",
}

__all__ = ["Grade", "evaluate", "main_category", "verdict_of"]
