//! What the three share rules have in common (engine.py's `_share_flag`): a discretionary share
//! of 0-100%, flagged beyond its limit, not assessed without a figure.

use crate::check::{Check, Status, Value};
use crate::number::{shown_against, Dec};

/// One share rule's names: its id, message keys, the figure it reads and its limit's name.
pub(crate) struct Share {
    pub rule: &'static str,
    pub pass: &'static str,
    pub flag: &'static str,
    pub missing: &'static str,
    pub field: &'static str,
    pub limit_name: &'static str,
    /// Flagged above the limit (a maximum), or below it (a minimum).
    pub above: bool,
}

impl Share {
    pub fn check(&self, value: Option<Dec>, limit: Dec) -> Check {
        let Some(value) = value else {
            return Check {
                rule: self.rule,
                status: Status::Unknown,
                message_key: self.missing,
                params: vec![("limit", Value::Dec(limit))],
                actual: Value::Null,
                required: Value::Dec(limit),
                to_pass: Vec::new(),
                missing: vec![self.field],
                interpretation: true,
                margin: Vec::new(),
                assumed: false,
            };
        };
        let flagged = if self.above {
            value > limit
        } else {
            value < limit
        };
        // Shares are 0-100 with at most 12 decimals: always shown; beyond, the value as given.
        let shown = shown_against(&value, &limit, 2).unwrap_or(value);
        Check {
            rule: self.rule,
            status: if flagged { Status::Flag } else { Status::Pass },
            message_key: if flagged { self.flag } else { self.pass },
            params: vec![("pct", Value::Dec(shown)), ("limit", Value::Dec(limit))],
            actual: Value::Dec(value),
            required: Value::Dec(limit),
            to_pass: if flagged {
                vec![(self.limit_name, Value::Dec(limit))]
            } else {
                Vec::new()
            },
            missing: Vec::new(),
            interpretation: true,
            margin: if flagged {
                Vec::new()
            } else {
                self.margin(value, limit)
            },
            assumed: false,
        }
    }

    /// How far an unflagged share is from its limit, in points (exact): `below_pct` under a
    /// maximum, `above_pct` over a minimum; and the limit.
    fn margin(&self, value: Dec, limit: Dec) -> Vec<(&'static str, Value)> {
        let (key, room) = if self.above {
            ("below_pct", limit.sub_rounded(&value))
        } else {
            ("above_pct", value.sub_rounded(&limit))
        };
        vec![
            (key, Value::Dec(room.unwrap_or(Dec::ZERO))),
            (self.limit_name, Value::Dec(limit)),
        ]
    }
}
