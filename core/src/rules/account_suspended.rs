//! `account_suspended` (discretionary): flagged when any account under the NIP is suspended.
//!
//! The program page keeps Allegro's right to decline a seller whose account was suspended: a
//! discretionary point, so it flags and never fails. "Any account under the NIP" for the page's
//! "your account" is our reading (an interpretation, as every check of this rule says). A record
//! without `suspended` passes on the assumption of no suspension, which its check says (`assumed`).

use crate::check::{Check, Status, Value};
use crate::figures::Figures;
use crate::rules::{Basis, RuleKind, RuleSpec, Shown};

pub const RULE: &str = "account_suspended";
pub const PASS: &str = "account_suspended.pass";
pub const FLAG: &str = "account_suspended.flag";
pub const ASSUMED: &str = "account_suspended.assumed";

pub const SPEC: RuleSpec = RuleSpec {
    id: RULE,
    kind: RuleKind::Discretionary,
    basis: Basis::Both,
    shown: Shown::YesNo,
    params: &[],
    message_keys: &[PASS, FLAG, ASSUMED],
};

pub fn check(figures: &Figures) -> Check {
    let flagged = figures.suspended;
    let assumed = !figures.suspended_given;
    Check {
        rule: RULE,
        status: if flagged { Status::Flag } else { Status::Pass },
        message_key: match (flagged, assumed) {
            (true, _) => FLAG,
            (false, true) => ASSUMED,
            (false, false) => PASS,
        },
        params: Vec::new(),
        actual: Value::Bool(flagged),
        required: Value::Bool(false),
        to_pass: Vec::new(),
        missing: Vec::new(),
        interpretation: true,
        margin: Vec::new(),
        // Not given reads as not suspended: a default, and said so.
        assumed,
    }
}
