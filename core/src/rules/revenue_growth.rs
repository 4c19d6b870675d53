//! `revenue_growth` (required): "revenue is growing steadily" (RULES.md), our reading of it (an
//! interpretation, as every check of this rule says):
//!
//! * 24 monthly totals: the last 12 months' revenue grew by more than the table's
//!   `min_growth_pct` over the 12 before (year on year); from a zero year, any revenue is growth;
//! * 12 monthly totals: the least-squares trend of the months, as a yearly % of their mean,
//!   exceeds `min_growth_pct`; months that are all zero fail.
//!
//! Without monthly totals the rule is unknown. A failing check says what would pass: the growth
//! needed, the 12-month revenue to exceed (24 months), and the next month's revenue above which
//! the window, moved on by a month, passes (`next_month_revenue_above`; absent when no single
//! month can make the trend steep enough). Everything is exact: the months are integers over one
//! power of ten, the trend is `7200·W / ((n²-1)·S)` with `W = Σ(2i - n + 1)·v` and `S = Σv`.

use crate::check::{Check, Status, Value};
use crate::exact;
use crate::figures::Figures;
use crate::number::{floor_ratio, grosz_up, ratio_decimal, shown_ratio, Dec, Wide};
use crate::rules::{
    number_param, Basis, ParamKind, ParamSpec, RuleKind, RuleSpec, Shown, TableError,
};
use crate::table::Table;

pub const RULE: &str = "revenue_growth";
pub const MISSING: &str = "revenue_growth.missing";
pub const YOY_FROM_ZERO_PASS: &str = "revenue_growth.yoy_from_zero_pass";
pub const YOY_FROM_ZERO_FAIL: &str = "revenue_growth.yoy_from_zero_fail";
pub const YOY_PASS: &str = "revenue_growth.yoy_pass";
pub const YOY_FAIL: &str = "revenue_growth.yoy_fail";
pub const TREND_ZERO: &str = "revenue_growth.trend_zero";
pub const TREND_PASS: &str = "revenue_growth.trend_pass";
pub const TREND_FAIL: &str = "revenue_growth.trend_fail";

pub const MIN_GROWTH_PCT: ParamSpec = ParamSpec {
    rule: RULE,
    name: "min_growth_pct",
    kind: ParamKind::Growth,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Required,
    basis: Basis::Interpretation,
    shown: Shown::Growth,
    params: &[MIN_GROWTH_PCT],
    message_keys: &[
        MISSING,
        YOY_FROM_ZERO_PASS,
        YOY_FROM_ZERO_FAIL,
        YOY_PASS,
        YOY_FAIL,
        TREND_ZERO,
        TREND_PASS,
        TREND_FAIL,
    ],
};

/// Months of the year-on-year comparison; other counts are read as a trend.
const YEAR_ON_YEAR_MONTHS: usize = 24;

#[derive(Clone, Debug, PartialEq)]
pub struct RevenueGrowth {
    pub min_growth_pct: Dec,
}

/// The months as integers over `10^-exp`: `exp` is the smallest exponent (at most 0).
#[derive(Clone, Copy)]
struct Months<'a> {
    values: &'a [Dec],
    exp: i32,
}

impl<'a> Months<'a> {
    fn new(values: &'a [Dec]) -> Self {
        let exp = values.iter().map(|m| m.exp).min().unwrap_or(0).min(0);
        Months { values, exp }
    }

    fn scale<W: Wide>(&self) -> Option<W> {
        W::pow10(self.exp.unsigned_abs())
    }

    fn scaled<W: Wide>(&self, month: &Dec) -> Option<W> {
        let shift = month.exp.checked_sub(self.exp)?.unsigned_abs();
        W::of(month.coeff).times(&W::pow10(shift)?)
    }

    /// Σ of the months in `range`, over the scale.
    fn sum<W: Wide>(&self, range: std::ops::Range<usize>) -> Option<W> {
        let mut sum = W::of(0);
        for month in self.values.get(range)? {
            sum = sum.plus(&self.scaled(month)?)?;
        }
        Some(sum)
    }

    /// `W = Σ(2i - n + 1)·v` over the months from `start`, `i` counted from 0 at `start`.
    fn weighted<W: Wide>(&self, start: usize, n: i128) -> Option<W> {
        let mut sum = W::of(0);
        for (i, month) in (0i128..).zip(self.values.get(start..)?) {
            let weight = W::of(2 * i - n + 1);
            sum = sum.plus(&weight.times(&self.scaled(month)?)?)?;
        }
        Some(sum)
    }
}

/// Python's `sum(months, Decimal(0))`: rounded to 28 digits after every addition, as shown
/// (0 where it has no answer, beyond the input limits).
fn decimal_sum(months: &[Dec]) -> Dec {
    months
        .iter()
        .try_fold(Dec::ZERO, |sum, month| sum.add_rounded(month))
        .unwrap_or(Dec::ZERO)
}

struct YearOnYear {
    ok: bool,
    shown: Dec,
    growth: Dec,
    last_above: Dec,
    last_short: Dec,
    /// A pass's margin: points above the minimum, and PLN above the 12-month revenue it needs
    /// (both rounded down at the 12th decimal).
    above_pct: Dec,
    last_margin: Dec,
}

/// `numerator / denominator − minimum` (denominator > 0), rounded down at the 12th decimal:
/// how far a growth is above the minimum it must exceed.
fn above_minimum<W: Wide>(numerator: &W, denominator: &W, minimum: &Dec) -> Option<Dec> {
    let (min_numerator, min_denominator) = minimum.ratio::<W>()?;
    floor_ratio(
        &numerator
            .times(&min_denominator)?
            .minus(&min_numerator.times(denominator)?)?,
        &denominator.times(&min_denominator)?,
        12,
    )
}

/// Next month's revenue above which the 24 months, moved on by a month, show growth above
/// `minimum` (negative: the oldest month dropping out is enough).
fn next_month_for_yoy<W: Wide>(months: Months, minimum: &Dec) -> Option<Dec> {
    let previous: W = months.sum(1..13)?;
    let kept: W = months.sum(13..YEAR_ON_YEAR_MONTHS)?;
    let scale: W = months.scale()?;
    if previous.is_zero() {
        return grosz_up(&kept.negated()?, &scale);
    }
    let (numerator, denominator) = minimum.ratio::<W>()?;
    let hundred = denominator.times_i(100)?;
    let above = previous
        .times(&hundred.plus(&numerator)?)?
        .minus(&kept.times(&hundred)?)?;
    grosz_up(&above, &scale.times(&hundred)?)
}

/// The 12-month trend of `months` (a yearly % of their mean) as the views show it against
/// `minimum`: 2 decimals, more where rounding would cross it; None when the months sum to 0.
pub fn shown_trend(months: &[Dec], minimum: &Dec) -> Option<Dec> {
    let months = Months::new(months);
    let shown = exact!(trend(months, minimum))?;
    (!shown.zero).then_some(shown.shown)
}

/// Year-on-year growth of 24 `months`, shown as `shown_trend` shows the trend; None when the
/// previous 12 months sum to 0.
pub fn shown_year_on_year(months: &[Dec], minimum: &Dec) -> Option<Dec> {
    if months.len() != YEAR_ON_YEAR_MONTHS {
        return None;
    }
    let (previous, last) = (
        decimal_sum(months.get(..12)?),
        decimal_sum(months.get(12..)?),
    );
    if previous.is_zero() {
        return None;
    }
    let growth = exact!(year_on_year(Months::new(months), minimum, &previous, &last))?;
    Some(growth.shown)
}

fn year_on_year<W: Wide>(
    months: Months,
    minimum: &Dec,
    previous: &Dec,
    last: &Dec,
) -> Option<YearOnYear> {
    let before: W = months.sum(0..12)?;
    let after: W = months.sum(12..YEAR_ON_YEAR_MONTHS)?;
    let growth_numerator = after.minus(&before)?.times_i(100)?;
    let (min_numerator, min_denominator) = minimum.ratio::<W>()?;
    let ok = growth_numerator.times(&min_denominator)? > min_numerator.times(&before)?;
    // The 12-month revenue to exceed, from the sums as shown: previous · (1 + m / 100).
    let hundred = min_denominator.times_i(100)?;
    let (previous_numerator, previous_denominator) = previous.ratio::<W>()?;
    let (last_numerator, last_denominator) = last.ratio::<W>()?;
    let needed_numerator = previous_numerator.times(&hundred.plus(&min_numerator)?)?;
    let needed_denominator = previous_denominator.times(&hundred)?;
    let short_numerator = needed_numerator
        .times(&last_denominator)?
        .minus(&last_numerator.times(&needed_denominator)?)?;
    let short_denominator = needed_denominator.times(&last_denominator)?;
    Some(YearOnYear {
        ok,
        shown: shown_ratio(&growth_numerator, &before, minimum, 2)?,
        growth: ratio_decimal(&growth_numerator, &before)?,
        last_above: grosz_up(&needed_numerator, &needed_denominator)?,
        last_short: grosz_up(&short_numerator, &short_denominator)?,
        above_pct: above_minimum(&growth_numerator, &before, minimum)?,
        last_margin: floor_ratio(&short_numerator.negated()?, &short_denominator, 12)?,
    })
}

struct Trend {
    /// The months sum to 0: no mean to measure a trend against.
    zero: bool,
    ok: bool,
    shown: Dec,
    trend: Dec,
    next_month: Option<Dec>,
    /// Points above the minimum, rounded down at the 12th decimal.
    above_pct: Dec,
}

/// Next month's revenue above which the trend of the months, moved on by a month, exceeds
/// `minimum`: the trend of (kept months + x) is linear in x over its mean, so
/// `x > (m·T·(n²-1) - 7200·W) / (scale·(n-1)·(7200 - m(n+1)))`, possible only when
/// `7200 > m(n+1)` (`Some(None)` otherwise); never below `-T`, where dropping the oldest month
/// is enough whatever next month brings.
fn next_month_for_trend<W: Wide>(months: Months, minimum: &Dec) -> Option<Option<Dec>> {
    let n = i128::try_from(months.values.len()).ok()?;
    let (min_numerator, min_denominator) = minimum.ratio::<W>()?;
    let seven_thousand_two_hundred = min_denominator.times_i(7200)?;
    let room = seven_thousand_two_hundred.minus(&min_numerator.times_i(n.checked_add(1)?)?)?;
    if room.signum() <= 0 || n < 2 {
        return Some(None);
    }
    let scale: W = months.scale()?;
    let total: W = months.sum(1..months.values.len())?;
    let weighted: W = months.weighted(1, n)?;
    let numerator = min_numerator
        .times(&total)?
        .times_i(n.checked_mul(n)?.checked_sub(1)?)?
        .minus(&seven_thousand_two_hundred.times(&weighted)?)?;
    let denominator = scale.times_i(n - 1)?.times(&room)?;
    let floor = total.negated()?;
    if numerator.times(&scale)? < floor.times(&denominator)? {
        return Some(Some(grosz_up(&floor, &scale)?));
    }
    Some(Some(grosz_up(&numerator, &denominator)?))
}

fn trend<W: Wide>(months: Months, minimum: &Dec) -> Option<Trend> {
    let total: W = months.sum(0..months.values.len())?;
    if total.is_zero() {
        return Some(Trend {
            zero: true,
            ok: false,
            shown: Dec::ZERO,
            trend: Dec::ZERO,
            next_month: next_month_for_trend::<W>(months, minimum)?,
            above_pct: Dec::ZERO,
        });
    }
    let n = i128::try_from(months.values.len()).ok()?;
    let numerator = months.weighted::<W>(0, n)?.times_i(7200)?;
    let denominator = total.times_i(n.checked_mul(n)?.checked_sub(1)?)?;
    let (min_numerator, min_denominator) = minimum.ratio::<W>()?;
    let ok = numerator.times(&min_denominator)? > min_numerator.times(&denominator)?;
    // Only a failing trend says which next month would turn it.
    let next_month = if ok {
        None
    } else {
        next_month_for_trend::<W>(months, minimum)?
    };
    Some(Trend {
        zero: false,
        ok,
        shown: shown_ratio(&numerator, &denominator, minimum, 2)?,
        trend: ratio_decimal(&numerator, &denominator)?,
        next_month,
        above_pct: above_minimum(&numerator, &denominator, minimum)?,
    })
}

impl RevenueGrowth {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(RevenueGrowth {
            min_growth_pct: number_param(table, &MIN_GROWTH_PCT)?,
        })
    }

    /// Figures beyond the input limits that have no exact answer read as 0.
    pub fn check(&self, figures: &Figures) -> Check {
        let minimum = self.min_growth_pct;
        let check = |status, message_key, params, actual, to_pass| Check {
            rule: RULE,
            status,
            message_key,
            params,
            actual,
            required: Value::Dec(minimum),
            to_pass,
            missing: Vec::new(),
            interpretation: true,
            margin: Vec::new(),
            assumed: false,
        };
        let Some(values) = figures.monthly_revenue.as_deref() else {
            return Check {
                missing: vec!["monthly_revenue"],
                ..check(
                    Status::Unknown,
                    MISSING,
                    vec![("min", Value::Dec(minimum))],
                    Value::Null,
                    Vec::new(),
                )
            };
        };
        let months = Months::new(values);
        let status = |ok| if ok { Status::Pass } else { Status::Fail };
        if values.len() == YEAR_ON_YEAR_MONTHS {
            let (first, second) = values.split_at(12);
            let (previous, last) = (decimal_sum(first), decimal_sum(second));
            let params = |growth: Option<Dec>| {
                let mut params = Vec::with_capacity(4);
                if let Some(growth) = growth {
                    params.push(("growth", Value::Dec(growth)));
                    params.push(("min", Value::Dec(minimum)));
                }
                params.push(("last", Value::Dec(last)));
                params.push(("previous", Value::Dec(previous)));
                params
            };
            let next_month = || {
                let value = exact!(next_month_for_yoy(months, &minimum)).unwrap_or(Dec::ZERO);
                ("next_month_revenue_above", Value::Dec(value))
            };
            if previous.is_zero() {
                let ok = last > Dec::ZERO;
                let to_pass = if ok {
                    Vec::new()
                } else {
                    vec![
                        ("last_12_months_revenue_above", Value::Dec(previous)),
                        ("last_12_months_short_pln", Value::Dec(Dec::ZERO)),
                        next_month(),
                    ]
                };
                let key = if ok {
                    YOY_FROM_ZERO_PASS
                } else {
                    YOY_FROM_ZERO_FAIL
                };
                let margin = if ok {
                    vec![("last_12_months_above_pln", Value::Dec(last))]
                } else {
                    Vec::new()
                };
                return Check {
                    margin,
                    ..check(status(ok), key, params(None), Value::Null, to_pass)
                };
            }
            let yoy =
                exact!(year_on_year(months, &minimum, &previous, &last)).unwrap_or(YearOnYear {
                    ok: false,
                    shown: Dec::ZERO,
                    growth: Dec::ZERO,
                    last_above: Dec::ZERO,
                    last_short: Dec::ZERO,
                    above_pct: Dec::ZERO,
                    last_margin: Dec::ZERO,
                });
            let to_pass = if yoy.ok {
                Vec::new()
            } else {
                vec![
                    ("min_growth_pct", Value::Dec(minimum)),
                    ("growth_pct", Value::Dec(yoy.growth)),
                    ("last_12_months_revenue_above", Value::Dec(yoy.last_above)),
                    ("last_12_months_short_pln", Value::Dec(yoy.last_short)),
                    next_month(),
                ]
            };
            let key = if yoy.ok { YOY_PASS } else { YOY_FAIL };
            let margin = if yoy.ok {
                vec![
                    ("min_growth_pct", Value::Dec(minimum)),
                    ("above_pct", Value::Dec(yoy.above_pct)),
                    ("last_12_months_above_pln", Value::Dec(yoy.last_margin)),
                ]
            } else {
                Vec::new()
            };
            return Check {
                margin,
                ..check(
                    status(yoy.ok),
                    key,
                    params(Some(yoy.shown)),
                    Value::Dec(yoy.growth),
                    to_pass,
                )
            };
        }
        let trend = exact!(trend(months, &minimum)).unwrap_or(Trend {
            zero: false,
            ok: false,
            shown: Dec::ZERO,
            trend: Dec::ZERO,
            next_month: None,
            above_pct: Dec::ZERO,
        });
        let turn = trend
            .next_month
            .map(|value| ("next_month_revenue_above", Value::Dec(value)));
        let min = ("min", Value::Dec(minimum));
        let min_growth = ("min_growth_pct", Value::Dec(minimum));
        if trend.zero {
            let to_pass = std::iter::once(min_growth).chain(turn).collect();
            return check(Status::Fail, TREND_ZERO, vec![min], Value::Null, to_pass);
        }
        let to_pass = if trend.ok {
            Vec::new()
        } else {
            [min_growth, ("growth_pct", Value::Dec(trend.trend))]
                .into_iter()
                .chain(turn)
                .collect()
        };
        let key = if trend.ok { TREND_PASS } else { TREND_FAIL };
        let margin = if trend.ok {
            vec![
                ("min_growth_pct", Value::Dec(minimum)),
                ("above_pct", Value::Dec(trend.above_pct)),
            ]
        } else {
            Vec::new()
        };
        Check {
            margin,
            ..check(
                status(trend.ok),
                key,
                vec![("trend", Value::Dec(trend.shown)), min],
                Value::Dec(trend.trend),
                to_pass,
            )
        }
    }
}
