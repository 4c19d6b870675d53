//! Input errors: a record (or a flag, or a CSV cell) that cannot be evaluated.

use std::fmt;

/// `field` is the dotted path (`revenue.Kids`, `monthly_revenue[3]`), when there is one.
/// `nip` holds the offending NIP text of an invalid-NIP error: it is kept out of the message and
/// shown only where the `--nip show` mode allows (a NIP can identify a person).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub field: Option<String>,
    pub problem: String,
    pub nip: Option<String>,
}

impl InputError {
    pub fn new(field: Option<String>, problem: impl Into<String>) -> InputError {
        InputError {
            field,
            problem: problem.into(),
            nip: None,
        }
    }

    /// The same error with its field nested under `prefix`.
    pub fn within(mut self, prefix: &str) -> InputError {
        self.field = Some(match self.field {
            Some(inner) => format!("{prefix}.{inner}"),
            None => prefix.to_string(),
        });
        self
    }
}

impl fmt::Display for InputError {
    /// `field: problem`, or the problem alone (Python's `InputError.__str__`, where an empty
    /// field, e.g. a record's key `""`, shows no prefix either).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) if !field.is_empty() => write!(f, "{field}: {}", self.problem),
            _ => f.write_str(&self.problem),
        }
    }
}
