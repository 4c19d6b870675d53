//! `account_suspended` (discretionary): a suspended account is flagged for a human look.
//!
//! RULES.md names suspension as a reason Allegro may refuse; it does not say that it excludes by
//! itself, so we flag it rather than fail it (an interpretation).

use crate::check::{Check, Status, Value};
use crate::figures::Figures;
use crate::rules::{RuleKind, RuleSpec};

pub const RULE: &str = "account_suspended";
pub const PASS: &str = "account_suspended.pass";
pub const FLAG: &str = "account_suspended.flag";

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Discretionary,
    params: &[],
    message_keys: &[PASS, FLAG],
};

pub fn check(figures: &Figures) -> Check {
    let flagged = figures.suspended;
    Check {
        rule: RULE,
        status: if flagged { Status::Flag } else { Status::Pass },
        message_key: if flagged { FLAG } else { PASS },
        params: Vec::new(),
        actual: Value::Bool(flagged),
        required: Value::Bool(false),
        to_pass: Vec::new(),
        missing: Vec::new(),
        interpretation: true,
    }
}
