//! Input errors: a record (or a flag, or a CSV cell) that cannot be evaluated.

use std::fmt;

use crate::check::Value;
use crate::messages::{self, Lang};
use crate::table::Table;

/// `field` is the dotted path (`revenue.Kids`, `monthly_revenue[3]`), when there is one.
/// `nip` holds the offending NIP text of an invalid-NIP error: it is kept out of the message and
/// shown only where the `--nip show` mode allows (a NIP can identify a person).
/// `message` is the catalogue sentence `problem` was worded from, when there is one, so that the
/// same problem can be said in another language; `problem` is its English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub field: Option<String>,
    pub problem: String,
    pub nip: Option<String>,
    pub message: Option<Box<Message>>,
}

/// A catalogue key and its figures, each a text, (`Word`) another catalogue key, such as a
/// type's name, or (`Either`) names offered as alternatives (`'A' or 'B'`), said in the
/// sentence's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Word(&'static str),
    Either(Vec<String>),
}

impl Message {
    pub fn new(key: &'static str, args: Vec<(&'static str, Arg)>) -> Message {
        Message { key, args }
    }

    /// The sentence in `lang`; the key itself if no catalogue has it (never a panic).
    pub fn text(&self, lang: Lang) -> String {
        let params: Vec<(&str, Value)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let shown = match arg {
                    Arg::Text(text) => text.clone(),
                    Arg::Word(key) => messages::word(lang, key).to_string(),
                    Arg::Either(names) => messages::either(names, lang),
                };
                (*name, Value::Text(shown))
            })
            .collect();
        let mut out = String::new();
        if !messages::text(&mut out, self.key, lang, &params, &Table::EMPTY) {
            out.push_str(self.key);
        }
        out
    }
}

impl InputError {
    pub fn new(field: Option<String>, problem: impl Into<String>) -> InputError {
        InputError {
            field,
            problem: problem.into(),
            nip: None,
            message: None,
        }
    }

    /// An error worded by catalogue sentence `key`.
    pub fn keyed(
        field: Option<String>,
        key: &'static str,
        args: Vec<(&'static str, Arg)>,
    ) -> InputError {
        let message = Message::new(key, args);
        InputError {
            field,
            problem: message.text(Lang::En),
            nip: None,
            message: Some(Box::new(message)),
        }
    }

    /// The problem in `lang`: its sentence, or the English text where it has none.
    pub fn problem_in(&self, lang: Lang) -> String {
        match (&self.message, lang) {
            (Some(message), Lang::Pl) => message.text(lang),
            _ => self.problem.clone(),
        }
    }

    /// Whether this is a required field that was not given at all.
    pub fn is_missing(&self) -> bool {
        self.message
            .as_ref()
            .is_some_and(|message| message.key.starts_with("input.missing"))
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
