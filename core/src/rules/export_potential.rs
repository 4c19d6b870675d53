//! `export_potential` (discretionary): the share of the assortment that can be exported (%) is flagged below the table's `min_pct` ("most of the assortment cannot be exported").
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

pub const RULE: &str = "export_potential";
pub const PASS: &str = "export_potential.pass";
pub const FLAG: &str = "export_potential.flag";
pub const MISSING: &str = "export_potential.missing";

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
    field: "exportable_pct",
    limit_name: "min_pct",
    above: false,
};

#[derive(Clone, Debug, PartialEq)]
pub struct ExportPotential {
    pub min_pct: Dec,
}

impl ExportPotential {
    pub fn from_table(table: &Table) -> Result<Self, TableError> {
        Ok(ExportPotential {
            min_pct: number_param(table, &MIN_PCT)?,
        })
    }

    pub fn check(&self, figures: &Figures) -> Check {
        SHARE.check(figures.exportable_pct, self.min_pct)
    }
}
