//! `other_accounts_quality` (required): every other account under the same NIP has at least the
//! table's minimum grade (NEUTRAL in the shipped table, from the program page). No other
//! account passes; when the record does not give the field at all, the check says it assumed
//! none (`assumed`). A pass's `margin` is the lowest account's distance from the minimum.

use crate::check::{Check, Status, Value};
use crate::figures::{Figures, Grade};
use crate::rules::main_account_quality::grade_margin;
use crate::rules::{
    grade_param, Basis, ParamKind, ParamSpec, RuleKind, RuleSpec, Shown, TableError,
};
use crate::table::Table;

pub const RULE: &str = "other_accounts_quality";
pub const NONE: &str = "other_accounts_quality.none";
pub const PASS: &str = "other_accounts_quality.pass";
pub const FAIL: &str = "other_accounts_quality.fail";
pub const ASSUMED: &str = "other_accounts_quality.assumed";

pub const MIN_GRADE: ParamSpec = ParamSpec {
    rule: RULE,
    name: "min_grade",
    kind: ParamKind::Grade,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Required,
    basis: Basis::Page,
    shown: Shown::Grades,
    params: &[MIN_GRADE],
    message_keys: &[NONE, PASS, FAIL, ASSUMED],
};

#[derive(Clone, Debug, PartialEq)]
pub struct OtherAccountsQuality {
    pub min_grade: Grade,
}

impl OtherAccountsQuality {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(OtherAccountsQuality {
            min_grade: grade_param(table, &MIN_GRADE)?,
        })
    }

    /// `low` lists `[position from 1, grade]` of each account below the minimum, as Python's
    /// `(i + 1, grade)` pairs; `actual` the grades (the encoder writes their names).
    pub fn check(&self, figures: &Figures) -> Check {
        let grades = &figures.other_accounts_quality;
        let minimum = self.min_grade;
        let actual = Value::List(grades.iter().map(|g| Value::Grade(*g)).collect());
        let below = || {
            grades
                .iter()
                .zip(1i128..)
                .filter(|(grade, _)| **grade < minimum)
        };
        let mut margin = Vec::new();
        let (status, message_key, params, to_pass) = if grades.is_empty() {
            (
                Status::Pass,
                if figures.other_accounts_given {
                    NONE
                } else {
                    ASSUMED
                },
                vec![("min", Value::Grade(minimum))],
                Vec::new(),
            )
        } else if below().next().is_none() {
            let count = i128::try_from(grades.len()).unwrap_or(i128::MAX);
            if let Some(lowest) = grades.iter().min() {
                margin = grade_margin(*lowest, minimum);
            }
            (
                Status::Pass,
                PASS,
                vec![("count", Value::Int(count)), ("min", Value::Grade(minimum))],
                Vec::new(),
            )
        } else {
            let low = below()
                .map(|(grade, at)| Value::List(vec![Value::Int(at), Value::Grade(*grade)]))
                .collect();
            let positions = below().map(|(_, at)| Value::Int(at)).collect();
            (
                Status::Fail,
                FAIL,
                vec![("low", Value::List(low)), ("min", Value::Grade(minimum))],
                vec![
                    ("grade_needed", Value::Grade(minimum)),
                    ("accounts_below", Value::List(positions)),
                ],
            )
        };
        Check {
            rule: RULE,
            status,
            message_key,
            params,
            actual,
            required: Value::Grade(minimum),
            to_pass,
            missing: Vec::new(),
            interpretation: false,
            margin,
            // No other accounts given reads as none, a default and not a fact.
            assumed: !figures.other_accounts_given,
        }
    }
}
