//! `transaction_problems` (discretionary): the share of transactions with a problem (%) is flagged above the table's `max_pct` ("many transaction problems").
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

pub const RULE: &str = "transaction_problems";
pub const PASS: &str = "transaction_problems.pass";
pub const FLAG: &str = "transaction_problems.flag";
pub const MISSING: &str = "transaction_problems.missing";

pub const MAX_PCT: ParamSpec = ParamSpec {
    rule: RULE,
    name: "max_pct",
    kind: ParamKind::Pct,
};

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Discretionary,
    basis: Basis::Both,
    shown: Shown::ShareAtMostLimit,
    params: &[MAX_PCT],
    message_keys: &[PASS, FLAG, MISSING],
};

const SHARE: Share = Share {
    rule: RULE,
    pass: PASS,
    flag: FLAG,
    missing: MISSING,
    field: "transaction_problems_pct",
    limit_name: "max_pct",
    above: true,
};

#[derive(Clone, Debug, PartialEq)]
pub struct TransactionProblems {
    pub max_pct: Dec,
}

impl TransactionProblems {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(TransactionProblems {
            max_pct: number_param(table, &MAX_PCT)?,
        })
    }

    pub fn check(&self, figures: &Figures) -> Check {
        SHARE.check(figures.transaction_problems_pct, self.max_pct)
    }
}
