//! `new_condition` (discretionary): the share of products in New condition (%) is flagged below the table's `min_pct` ("most products in a condition other than New").
//!
//! The limit and its direction are our reading of RULES.md (an interpretation): the program page
//! names the reason without a number.

use crate::check::Check;
use crate::figures::Figures;
use crate::number::Dec;
use crate::rules::share::Share;
use crate::rules::{
    number_param, Basis, ParamKind, ParamSpec, RuleKind, RuleSpec, Shown, TableError,
};
use crate::table::Table;

pub const RULE: &str = "new_condition";
pub const PASS: &str = "new_condition.pass";
pub const FLAG: &str = "new_condition.flag";
pub const MISSING: &str = "new_condition.missing";

pub const MIN_PCT: ParamSpec = ParamSpec {
    rule: RULE,
    name: "min_pct",
    kind: ParamKind::Pct,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Discretionary,
    basis: Basis::Both,
    shown: Shown::ShareAtLeastLimit,
    params: &[MIN_PCT],
    message_keys: &[PASS, FLAG, MISSING],
};

const SHARE: Share = Share {
    rule: RULE,
    pass: PASS,
    flag: FLAG,
    missing: MISSING,
    field: "new_condition_pct",
    limit_name: "min_pct",
    above: false,
};

#[derive(Clone, Debug, PartialEq)]
pub struct NewCondition {
    pub min_pct: Dec,
}

impl NewCondition {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(NewCondition {
            min_pct: number_param(table, &MIN_PCT)?,
        })
    }

    pub fn check(&self, figures: &Figures) -> Check {
        SHARE.check(figures.new_condition_pct, self.min_pct)
    }
}
