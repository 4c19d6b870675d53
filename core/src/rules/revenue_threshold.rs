//! `revenue_threshold` (required): "high enough revenue" in the main category (the one with the
//! most revenue; see `main_category` for ties). Three routes, tried in this order (our reading
//! of RULES.md, an interpretation, as is "at least" for `inclusive: true`):
//!
//! 1. company: revenue of all accounts under the NIP reaches the category's company threshold;
//! 2. brand: a Brand Zone account's revenue, in its own top category, reaches that category's
//!    brand threshold;
//! 3. conditional: revenue reaches the conditional threshold and the seller's growth in the
//!    category exceeds the market's (unknown without both growth figures).
//!
//! A check that does not pass lists each route's shortfall (`to_pass.company`, `.brand`,
//! `.conditional`: threshold, PLN short, % of the threshold short), and its sentence states them,
//! the Brand Zone account's included. A passing check's `margin` says how far above the
//! threshold of its route the revenue is. A tie for the main category (or the Brand Zone
//! account's top one) is explained by what settled it (`rules::tie_by`).

use crate::check::{Check, Route, Status, Value};
use crate::exact;
use crate::figures::{CategoryId, Figures};
use crate::number::{floor_ratio, ratio_decimal, shown_against, Dec, Wide};
use crate::rules::{
    bool_param, main_category, tie_by, Basis, ParamKind, ParamSpec, RuleKind, RuleSpec, Shown,
    TableError,
};
use crate::table::{Category, Table};

pub const RULE: &str = "revenue_threshold";
pub const COMPANY_PASS: &str = "revenue_threshold.company_pass";
pub const BRAND_PASS: &str = "revenue_threshold.brand_pass";
pub const FAIL: &str = "revenue_threshold.fail";
pub const CONDITIONAL_UNKNOWN: &str = "revenue_threshold.conditional_unknown";
pub const CONDITIONAL_PASS: &str = "revenue_threshold.conditional_pass";
pub const CONDITIONAL_FAIL: &str = "revenue_threshold.conditional_fail";
/// Sentences added after the rule's own (`messages::check_message`): the Brand Zone account's
/// shortfall on a failing check, and what settled a tie (`_company`, `_conditional`, `_brand`,
/// `_order` after these stems, from `TieBy::code`).
pub const BRAND_SHORT: &str = "revenue_threshold.brand_short";
pub const TIE: &str = "revenue_threshold.tie";
pub const BRAND_TIE: &str = "revenue_threshold.brand_tie";

pub const INCLUSIVE: ParamSpec = ParamSpec {
    rule: RULE,
    name: "inclusive",
    kind: ParamKind::Bool,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Required,
    basis: Basis::Both,
    shown: Shown::Revenue,
    params: &[INCLUSIVE],
    message_keys: &[
        COMPANY_PASS,
        BRAND_PASS,
        FAIL,
        CONDITIONAL_UNKNOWN,
        CONDITIONAL_PASS,
        CONDITIONAL_FAIL,
        BRAND_SHORT,
        "revenue_threshold.tie_company",
        "revenue_threshold.tie_conditional",
        "revenue_threshold.tie_brand",
        "revenue_threshold.tie_order",
        "revenue_threshold.brand_tie_company",
        "revenue_threshold.brand_tie_conditional",
        "revenue_threshold.brand_tie_brand",
        "revenue_threshold.brand_tie_order",
    ],
};

#[derive(Clone, Debug, PartialEq)]
pub struct RevenueThreshold {
    /// A threshold is reached when revenue is at least equal to it (else: above it).
    pub inclusive: bool,
}

/// Thresholds of 0 stand for a category the table does not have (never given by `record`).
const NO_LIMITS: (Dec, Dec, Dec) = (Dec::ZERO, Dec::ZERO, Dec::ZERO);

fn limits(table: &Table, id: CategoryId) -> (Dec, Dec, Dec) {
    table.categories.get(id).map_or(NO_LIMITS, |c: &Category| {
        (c.company, c.conditional, c.brand)
    })
}

/// `part / threshold · 100` as an exact ratio `(numerator, denominator)` (threshold not 0).
fn pct_of<W: Wide>(part: &Dec, threshold: &Dec) -> Option<(W, W)> {
    let (part_numerator, part_denominator) = part.ratio::<W>()?;
    let (threshold_numerator, threshold_denominator) = threshold.ratio::<W>()?;
    Some((
        part_numerator.times(&threshold_denominator)?.times_i(100)?,
        part_denominator.times(&threshold_numerator)?,
    ))
}

/// `short_pln / threshold · 100` to 28 digits (threshold not 0).
fn short_pct<W: Wide>(short: &Dec, threshold: &Dec) -> Option<Dec> {
    let (numerator, denominator) = pct_of::<W>(short, threshold)?;
    ratio_decimal(&numerator, &denominator)
}

/// `above / threshold · 100` rounded down at the 12th decimal (a margin: never read larger).
fn above_pct<W: Wide>(above: &Dec, threshold: &Dec) -> Option<Dec> {
    let (numerator, denominator) = pct_of::<W>(above, threshold)?;
    floor_ratio(&numerator, &denominator, 12)
}

/// How far a passing `amount` is above `threshold` on `route` (`margin`): PLN exact, % of the
/// threshold rounded down (`null` for a threshold of 0).
fn margin(route: Route, amount: Dec, threshold: Dec) -> Vec<(&'static str, Value)> {
    let above = amount.sub_rounded(&threshold).unwrap_or(Dec::ZERO);
    let pct = if threshold.is_zero() {
        Value::Null
    } else {
        exact!(above_pct(&above, &threshold)).map_or(Value::Null, Value::Dec)
    };
    vec![
        ("route", Value::Text(route.code().to_string())),
        ("threshold", Value::Dec(threshold)),
        ("above_pln", Value::Dec(above)),
        ("above_pct", pct),
    ]
}

/// A shortfall's % as a sentence shows it: one decimal, more where rounding would show 0 (no
/// shortfall) or 100 (no revenue at all) when it is neither.
fn shown_short_pct(short: &[(&'static str, Value); 3]) -> Value {
    let Value::Dec(pct) = short[2].1 else {
        return short[2].1.clone();
    };
    let limit = if pct < Dec::int(50) {
        Dec::ZERO
    } else {
        Dec::int(100)
    };
    Value::Dec(shown_against(&pct, &limit, 1).unwrap_or(pct))
}

/// How far `amount` is from `threshold`: `{threshold, short_pln, short_pct}` (0 once reached).
fn shortfall(amount: Dec, threshold: Dec) -> [(&'static str, Value); 3] {
    let difference = threshold.sub_rounded(&amount).unwrap_or(Dec::ZERO);
    // Python's max(difference, Decimal(0)) keeps a zero difference as written (0.00).
    let short = if difference.is_negative() {
        Dec::ZERO
    } else {
        difference
    };
    let pct = if threshold.is_zero() {
        Dec::ZERO
    } else {
        exact!(short_pct(&short, &threshold)).unwrap_or(Dec::ZERO)
    };
    [
        ("threshold", Value::Dec(threshold)),
        ("short_pln", Value::Dec(short)),
        ("short_pct", Value::Dec(pct)),
    ]
}

impl RevenueThreshold {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(RevenueThreshold {
            inclusive: bool_param(table, &INCLUSIVE)?,
        })
    }

    fn reaches(&self, amount: Dec, threshold: Dec) -> bool {
        if self.inclusive {
            amount >= threshold
        } else {
            amount > threshold
        }
    }

    /// The check for the main category `main` (its revenue `amount`, tied with `tied`), and the
    /// route that passed.
    pub fn check(
        &self,
        table: &Table,
        figures: &Figures,
        main: CategoryId,
        amount: Dec,
        tied: &[CategoryId],
    ) -> (Check, Option<Route>) {
        let (company, conditional, brand) = limits(table, main);
        let mut params: Vec<(&'static str, Value)> = Vec::with_capacity(14);
        params.extend([
            ("category", Value::Category(main)),
            ("amount", Value::Dec(amount)),
            (
                "tied",
                Value::List(tied.iter().map(|id| Value::Category(*id)).collect()),
            ),
            ("company", Value::Dec(company)),
            ("conditional", Value::Dec(conditional)),
            ("brand", Value::Dec(brand)),
        ]);
        let check = |status, message_key, params, actual, required, to_pass| Check {
            rule: RULE,
            status,
            message_key,
            params,
            actual,
            required,
            to_pass,
            missing: Vec::new(),
            interpretation: true,
            margin: Vec::new(),
            assumed: false,
        };
        if let Some(by) = tie_by(table, main, tied) {
            params.push(("tie_by", Value::Text(by.code().to_string())));
        }

        if self.reaches(amount, company) {
            params.push(("threshold", Value::Dec(company)));
            let check = Check {
                margin: margin(Route::Company, amount, company),
                ..check(
                    Status::Pass,
                    COMPANY_PASS,
                    params,
                    Value::Dec(amount),
                    Value::Dec(company),
                    Vec::new(),
                )
            };
            return (check, Some(Route::Company));
        }
        let mut shortfalls: Vec<(&'static str, Value)> = Vec::with_capacity(3);
        let company_short = shortfall(amount, company);
        params.push(("short_company_pct", shown_short_pct(&company_short)));
        shortfalls.push(("company", Value::Map(company_short.to_vec())));

        let brand_zone = figures
            .brand_zone_revenue
            .as_deref()
            .and_then(|revenue| main_category(revenue, table));
        if let Some((brand_category, brand_amount, brand_tied)) = brand_zone {
            let brand_threshold = limits(table, brand_category).2;
            params.extend([
                ("brand_category", Value::Category(brand_category)),
                ("brand_amount", Value::Dec(brand_amount)),
                ("brand_threshold", Value::Dec(brand_threshold)),
            ]);
            if let Some(by) = tie_by(table, brand_category, &brand_tied) {
                params.push((
                    "brand_tied",
                    Value::List(brand_tied.iter().map(|id| Value::Category(*id)).collect()),
                ));
                params.push(("brand_tie_by", Value::Text(by.code().to_string())));
            }
            if self.reaches(brand_amount, brand_threshold) {
                params.push(("threshold", Value::Dec(brand_threshold)));
                let mut brand_margin = margin(Route::Brand, brand_amount, brand_threshold);
                brand_margin.insert(1, ("category", Value::Category(brand_category)));
                let check = Check {
                    margin: brand_margin,
                    ..check(
                        Status::Pass,
                        BRAND_PASS,
                        params,
                        Value::Dec(brand_amount),
                        Value::Dec(brand_threshold),
                        Vec::new(),
                    )
                };
                return (check, Some(Route::Brand));
            }
            let brand_short = shortfall(brand_amount, brand_threshold);
            params.extend([
                ("short_brand", brand_short[1].1.clone()),
                ("short_brand_pct", shown_short_pct(&brand_short)),
            ]);
            let mut short = Vec::with_capacity(4);
            short.push(("category", Value::Category(brand_category)));
            short.extend(brand_short);
            shortfalls.push(("brand", Value::Map(short)));
        }

        let to_company = company.sub_rounded(&amount).unwrap_or(Dec::ZERO);
        params.push(("short_company", Value::Dec(to_company)));
        let (seller_growth, market_growth) = (
            figures.category_growth_pct,
            figures.category_market_growth_pct,
        );
        let conditional_short = || {
            let mut short = Vec::with_capacity(5);
            short.extend(shortfall(amount, conditional));
            short.push(("growth_pct", seller_growth.map_or(Value::Null, Value::Dec)));
            short.push((
                "growth_above_pct",
                market_growth.map_or(Value::Null, Value::Dec),
            ));
            ("conditional", Value::Map(short))
        };

        if !self.reaches(amount, conditional) {
            params.push((
                "short_conditional_pct",
                shown_short_pct(&shortfall(amount, conditional)),
            ));
            shortfalls.push(conditional_short());
            let to_conditional = conditional.sub_rounded(&amount).unwrap_or(Dec::ZERO);
            params.push(("short_conditional", Value::Dec(to_conditional)));
            let check = check(
                Status::Fail,
                FAIL,
                params,
                Value::Dec(amount),
                Value::Dec(company),
                shortfalls,
            );
            return (check, None);
        }

        let (Some(growth), Some(market)) = (seller_growth, market_growth) else {
            let mut missing = Vec::with_capacity(2);
            if seller_growth.is_none() {
                missing.push("category_growth_pct");
            }
            if market_growth.is_none() {
                missing.push("category_market_growth_pct");
            }
            shortfalls.push(conditional_short());
            let check = Check {
                missing,
                ..check(
                    Status::Unknown,
                    CONDITIONAL_UNKNOWN,
                    params,
                    Value::Dec(amount),
                    Value::Dec(conditional),
                    shortfalls,
                )
            };
            return (check, None);
        };
        params.push(("growth", Value::Dec(growth)));
        params.push(("market_growth", Value::Dec(market)));
        if growth > market {
            let mut conditional_margin = margin(Route::Conditional, amount, conditional);
            let faster = growth.sub_rounded(&market).unwrap_or(Dec::ZERO);
            conditional_margin.push(("growth_above_pct", Value::Dec(faster)));
            let check = Check {
                margin: conditional_margin,
                ..check(
                    Status::Pass,
                    CONDITIONAL_PASS,
                    params,
                    Value::Dec(amount),
                    Value::Dec(conditional),
                    Vec::new(),
                )
            };
            return (check, Some(Route::Conditional));
        }
        shortfalls.push(conditional_short());
        let check = check(
            Status::Fail,
            CONDITIONAL_FAIL,
            params,
            Value::Dec(amount),
            Value::Dec(conditional),
            shortfalls,
        );
        (check, None)
    }
}
