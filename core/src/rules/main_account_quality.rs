//! `main_account_quality` (required): the main account's sales-quality grade is at least the
//! table's minimum (GOOD in the shipped table, from the program page).

use crate::check::{Check, Status, Value};
use crate::figures::{Figures, Grade};
use crate::rules::{
    grade_param, Basis, ParamKind, ParamSpec, RuleKind, RuleSpec, Shown, TableError,
};
use crate::table::Table;

pub const RULE: &str = "main_account_quality";
pub const PASS: &str = "main_account_quality.pass";
pub const FAIL: &str = "main_account_quality.fail";

pub const MIN_GRADE: ParamSpec = ParamSpec {
    rule: RULE,
    name: "min_grade",
    kind: ParamKind::Grade,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Required,
    basis: Basis::Page,
    shown: Shown::Grade,
    params: &[MIN_GRADE],
    message_keys: &[PASS, FAIL],
};

#[derive(Clone, Debug, PartialEq)]
pub struct MainAccountQuality {
    pub min_grade: Grade,
}

impl MainAccountQuality {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(MainAccountQuality {
            min_grade: grade_param(table, &MIN_GRADE)?,
        })
    }

    /// `actual`, `required` and `grade_needed` hold grades where Python holds their names:
    /// the result encoder writes a `Value::Grade` as its name.
    pub fn check(&self, figures: &Figures) -> Check {
        let (grade, minimum) = (figures.quality, self.min_grade);
        let ok = grade >= minimum;
        Check {
            rule: RULE,
            status: if ok { Status::Pass } else { Status::Fail },
            message_key: if ok { PASS } else { FAIL },
            params: vec![
                ("grade", Value::Grade(grade)),
                ("min", Value::Grade(minimum)),
            ],
            actual: Value::Grade(grade),
            required: Value::Grade(minimum),
            to_pass: if ok {
                Vec::new()
            } else {
                vec![("grade_needed", Value::Grade(minimum))]
            },
            missing: Vec::new(),
            interpretation: false,
            margin: if ok {
                grade_margin(grade, minimum)
            } else {
                Vec::new()
            },
            assumed: false,
        }
    }
}

/// How many grades a passing `grade` is above `minimum` (0: one grade lower fails), under the
/// `margin` keys both quality rules share.
pub(crate) fn grade_margin(grade: Grade, minimum: Grade) -> Vec<(&'static str, Value)> {
    let above = grade as i128 - minimum as i128;
    vec![
        ("grade", Value::Grade(grade)),
        ("grades_above", Value::Int(above)),
        ("min_grade", Value::Grade(minimum)),
    ]
}
