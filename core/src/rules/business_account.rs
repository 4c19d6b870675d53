//! `business_account` (required): the seller sells on a business (company) account.
//!
//! RULES.md: only companies can join the programme, so a private account fails. Nothing is read
//! from the table: the requirement is a yes/no.

use crate::check::{Check, Status, Value};
use crate::figures::Figures;
use crate::rules::{Basis, RuleKind, RuleSpec, Shown};

pub const RULE: &str = "business_account";
pub const PASS: &str = "business_account.pass";
pub const FAIL: &str = "business_account.fail";

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Required,
    basis: Basis::Page,
    shown: Shown::YesNo,
    params: &[],
    message_keys: &[PASS, FAIL],
};

pub fn check(figures: &Figures) -> Check {
    let ok = figures.business_account;
    Check {
        rule: RULE,
        status: if ok { Status::Pass } else { Status::Fail },
        message_key: if ok { PASS } else { FAIL },
        params: Vec::new(),
        actual: Value::Bool(ok),
        required: Value::Bool(true),
        to_pass: if ok {
            Vec::new()
        } else {
            vec![("business_account", Value::Bool(true))]
        },
        missing: Vec::new(),
        interpretation: false,
        margin: Vec::new(),
        assumed: false,
    }
}
