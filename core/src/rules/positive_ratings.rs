//! `positive_ratings` (required): at least the table's `min_pct` (99% on the program page) of
//! the last 12 months' ratings are positive: positive / (positive + negative) × 100 ≥ 99,
//! exact, so 98.995% fails. (Allegro has had no neutral ratings since 2017: two counts.)
//!
//! Counts decide when given: Allegro publishes its percentage rounded to one decimal, so a given
//! percentage beside counts is only named (`*_over_pct` keys); alone, it decides. Counts 0 and 0
//! leave the rule unknown, even beside a percentage (which the sentence names as set aside). A
//! failing check says how many more positive ratings reach the minimum at the current negatives
//! (none can, at a 100% minimum); a passing one, in `margin`, how many more negative ratings it
//! still allows at the current positives (or how many points the given share is above it).

use crate::check::{Check, Status, Value};
use crate::exact;
use crate::figures::{Figures, Ratings};
use crate::number::{ratio_decimal, shown_ratio, Dec, Wide};
use crate::rules::{
    number_param, Basis, ParamKind, ParamSpec, RuleKind, RuleSpec, Shown, TableError,
};
use crate::table::Table;

pub const RULE: &str = "positive_ratings";
pub const NO_RATINGS: &str = "positive_ratings.no_ratings";
pub const NO_RATINGS_PCT_SET_ASIDE: &str = "positive_ratings.no_ratings_pct_set_aside";
pub const MISSING: &str = "positive_ratings.missing";
pub const PCT_PASS: &str = "positive_ratings.pct_pass";
pub const PCT_FAIL: &str = "positive_ratings.pct_fail";
pub const COUNTS_PASS: &str = "positive_ratings.counts_pass";
pub const COUNTS_FAIL: &str = "positive_ratings.counts_fail";
pub const COUNTS_FAIL_IMPOSSIBLE: &str = "positive_ratings.counts_fail_impossible";
pub const COUNTS_PASS_OVER_PCT: &str = "positive_ratings.counts_pass_over_pct";
pub const COUNTS_FAIL_OVER_PCT: &str = "positive_ratings.counts_fail_over_pct";
pub const COUNTS_FAIL_IMPOSSIBLE_OVER_PCT: &str =
    "positive_ratings.counts_fail_impossible_over_pct";

pub const MIN_PCT: ParamSpec = ParamSpec {
    rule: RULE,
    name: "min_pct",
    kind: ParamKind::Pct,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Required,
    basis: Basis::Page,
    shown: Shown::ShareAtLeastMin,
    params: &[MIN_PCT],
    message_keys: &[
        NO_RATINGS,
        NO_RATINGS_PCT_SET_ASIDE,
        MISSING,
        PCT_PASS,
        PCT_FAIL,
        COUNTS_PASS,
        COUNTS_FAIL,
        COUNTS_FAIL_IMPOSSIBLE,
        COUNTS_PASS_OVER_PCT,
        COUNTS_FAIL_OVER_PCT,
        COUNTS_FAIL_IMPOSSIBLE_OVER_PCT,
    ],
};

#[derive(Clone, Debug, PartialEq)]
pub struct PositiveRatings {
    pub min_pct: Dec,
}

/// The exact figures of the counts' branch.
struct Counts {
    ok: bool,
    /// The share as the sentence shows it (`shown_ratio` against the minimum).
    shown: Dec,
    /// The share to 28 significant digits.
    share: Dec,
    /// Positive ratings still needed at the current negatives; None: no number is enough.
    needed: Option<i128>,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            ok: false,
            shown: Dec::ZERO,
            share: Dec::ZERO,
            needed: None,
        }
    }
}

fn counts<W: Wide>(ratings: &Ratings, minimum: &Dec) -> Option<Counts> {
    let positive = W::of(i128::from(ratings.positive));
    let negative = W::of(i128::from(ratings.negative));
    let total = positive.plus(&negative)?;
    let (min_numerator, min_denominator) = minimum.ratio::<W>()?;
    let hundred_positive = positive.times_i(100)?;
    let ok = hundred_positive.times(&min_denominator)? >= min_numerator.times(&total)?;
    let needed = if ok {
        None
    } else {
        positives_needed(&positive, &negative, &min_numerator, &min_denominator)?
    };
    Some(Counts {
        ok,
        shown: shown_ratio(&hundred_positive, &total, minimum, 2)?,
        share: ratio_decimal(&hundred_positive, &total)?,
        needed,
    })
}

/// How many more negative ratings the minimum `m = numerator / denominator` % still allows at the
/// current positives: `p / (p + n') >= m / 100  <=>  n' <= p·(100 - m) / m`, less the `n` there
/// are. `Some(None)`: any number (a minimum of 0); None: overflow.
fn negatives_spare<W: Wide>(ratings: &Ratings, minimum: &Dec) -> Option<Option<i128>> {
    let (numerator, denominator) = minimum.ratio::<W>()?;
    if numerator.signum() <= 0 {
        return Some(None);
    }
    let room = denominator.times_i(100)?.minus(&numerator)?;
    let allowed = W::of(i128::from(ratings.positive))
        .times(&room)?
        .divmod(&numerator)?
        .0;
    let spare = allowed.minus(&W::of(i128::from(ratings.negative)))?;
    Some(Some(spare.to_i128()?.max(0)))
}

/// How many more positive ratings reach `m = numerator / denominator` % at the current
/// negatives: `(p + x) / (p + x + n) >= m / 100  <=>  p + x >= m·n / (100 - m)`.
/// `Some(None)`: none can (a minimum of 100% with negatives); None: overflow.
fn positives_needed<W: Wide>(
    positive: &W,
    negative: &W,
    numerator: &W,
    denominator: &W,
) -> Option<Option<i128>> {
    let room = denominator.times_i(100)?.minus(numerator)?;
    if room.signum() <= 0 {
        return Some(if negative.is_zero() { Some(0) } else { None });
    }
    // ceil(a / b) = -((-a) // b)
    let ceiling = numerator
        .times(negative)?
        .negated()?
        .divmod(&room)?
        .0
        .negated()?;
    let needed = ceiling.minus(positive)?;
    let needed = if needed.signum() < 0 {
        W::of(0)
    } else {
        needed
    };
    Some(Some(needed.to_i128()?))
}

impl PositiveRatings {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(PositiveRatings {
            min_pct: number_param(table, &MIN_PCT)?,
        })
    }

    pub fn check(&self, figures: &Figures) -> Check {
        let minimum = self.min_pct;
        let given = figures.positive_ratings_pct;
        let unknown = |message_key, missing| Check {
            rule: RULE,
            status: Status::Unknown,
            message_key,
            params: vec![("min", Value::Dec(minimum))],
            actual: Value::Null,
            required: Value::Dec(minimum),
            to_pass: Vec::new(),
            missing,
            interpretation: false,
            margin: Vec::new(),
            assumed: false,
        };
        if let Some(ratings) = &figures.ratings {
            let total = i128::from(ratings.positive) + i128::from(ratings.negative);
            if total == 0 {
                let Some(given) = given else {
                    return unknown(NO_RATINGS, vec!["ratings"]);
                };
                // The counts decide even when there are none: the percentage is set aside, and said so.
                let mut check = unknown(NO_RATINGS_PCT_SET_ASIDE, vec!["ratings"]);
                check.params.push(("given_pct", Value::Dec(given)));
                return check;
            }
            // Only beyond the input limits has this no exact answer: it then reads as 0.
            let counts = exact!(counts(ratings, &minimum)).unwrap_or_default();
            let mut params = vec![
                ("pct", Value::Dec(counts.shown)),
                ("min", Value::Dec(minimum)),
                ("positive", Value::Int(i128::from(ratings.positive))),
                ("total", Value::Int(total)),
                ("given_pct", given.map_or(Value::Null, Value::Dec)),
            ];
            let mut to_pass = Vec::new();
            let mut margin = Vec::new();
            if counts.ok {
                // Only beyond the input limits has this no exact answer: then no margin is shown.
                if let Some(spare) = exact!(negatives_spare(ratings, &minimum)) {
                    margin = vec![
                        (
                            "negative_ratings_spare",
                            spare.map_or(Value::Null, Value::Int),
                        ),
                        ("min_pct", Value::Dec(minimum)),
                    ];
                }
            }
            let message_key = if counts.ok {
                if given.is_some() {
                    COUNTS_PASS_OVER_PCT
                } else {
                    COUNTS_PASS
                }
            } else {
                let needed = counts.needed.map_or(Value::Null, Value::Int);
                to_pass = vec![
                    ("positive_ratings_needed", needed.clone()),
                    (
                        "at_negative_ratings",
                        Value::Int(i128::from(ratings.negative)),
                    ),
                    ("min_pct", Value::Dec(minimum)),
                ];
                match (counts.needed.is_some(), given.is_some()) {
                    (true, over_pct) => {
                        params.push(("needed", needed));
                        if over_pct {
                            COUNTS_FAIL_OVER_PCT
                        } else {
                            COUNTS_FAIL
                        }
                    }
                    (false, true) => COUNTS_FAIL_IMPOSSIBLE_OVER_PCT,
                    (false, false) => COUNTS_FAIL_IMPOSSIBLE,
                }
            };
            return Check {
                rule: RULE,
                status: if counts.ok {
                    Status::Pass
                } else {
                    Status::Fail
                },
                message_key,
                params,
                actual: Value::Dec(counts.share),
                required: Value::Dec(minimum),
                to_pass,
                missing: Vec::new(),
                interpretation: false,
                margin,
                assumed: false,
            };
        }
        // Records require counts or a percentage; this stays for figures built directly.
        let Some(given) = given else {
            return unknown(MISSING, vec!["ratings", "positive_ratings_pct"]);
        };
        let ok = given >= minimum;
        let to_pass = if ok {
            Vec::new()
        } else {
            let short = minimum.sub_rounded(&given).unwrap_or(Dec::ZERO);
            vec![
                ("min_pct", Value::Dec(minimum)),
                ("short_pct", Value::Dec(short)),
            ]
        };
        let margin = match given.sub_rounded(&minimum) {
            Some(above) if ok => vec![
                ("above_pct", Value::Dec(above)),
                ("min_pct", Value::Dec(minimum)),
            ],
            _ => Vec::new(),
        };
        Check {
            rule: RULE,
            status: if ok { Status::Pass } else { Status::Fail },
            message_key: if ok { PCT_PASS } else { PCT_FAIL },
            params: vec![("pct", Value::Dec(given)), ("min", Value::Dec(minimum))],
            actual: Value::Dec(given),
            required: Value::Dec(minimum),
            to_pass,
            missing: Vec::new(),
            interpretation: false,
            margin,
            assumed: false,
        }
    }
}
