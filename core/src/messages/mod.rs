//! The sentences: catalogues per language, CLDR plurals, number formats.
//!
//! The catalogues are data (`core/catalogues/<lang>.toml`), compiled into tables by `build.rs`:
//! a template is already split into its literal pieces and fields when the program starts. The
//! rules name a sentence by key and give its figures; this module puts them into words exactly as
//! `diamond_cli.messages` does. Keys never change with the language; only the words do.

mod catalogue;
pub(crate) mod digits;
mod format;
mod plural;

use std::fmt::Write as _;

use crate::check::{Check, Status, Value};
use crate::figures::Grade;
use crate::rules::revenue_threshold;
use crate::table::Table;

pub use catalogue::{keys, own_keys, placeholders, template_source};
pub use format::{number, write_number};
pub use plural::{english_plural, plural_form, polish_plural, PluralCategory, PluralOperand};

/// A language of the catalogues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Pl,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Pl];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "pl" => Some(Lang::Pl),
            _ => None,
        }
    }
}

/// Where each input a rule can miss comes from: the field of a record, and the flag of `check`
/// (Python's `FIELD_FLAGS`).
pub const FIELD_FLAGS: [(&str, &str); 8] = [
    ("ratings", "--positive/--negative"),
    ("positive_ratings_pct", "--positive-pct"),
    ("monthly_revenue", "--monthly-revenue"),
    ("category_growth_pct", "--category-growth"),
    ("category_market_growth_pct", "--market-growth"),
    ("transaction_problems_pct", "--transaction-problems"),
    ("exportable_pct", "--exportable"),
    ("new_condition_pct", "--new-condition"),
];

/// The flag that supplies the input field `field`, if `check` has one.
pub fn field_flag(field: &str) -> Option<&'static str> {
    FIELD_FLAGS
        .iter()
        .find(|(name, _)| *name == field)
        .map(|(_, flag)| *flag)
}

/// Allegro's own name of a grade: the API code in English, the Polish name in Polish.
pub fn grade_name(grade: Grade, lang: Lang) -> &'static str {
    match lang {
        Lang::En => grade.code(),
        Lang::Pl => match grade {
            Grade::Unacceptable => "Nieakceptowalny",
            Grade::NeedsImprovement => "Wymaga poprawy",
            Grade::Neutral => "Neutralny",
            Grade::Good => "Dobry",
            Grade::Super => "Super",
            Grade::SuperPlus => "Super+",
        },
    }
}

/// The sentence `key` in `lang` with `params` filled in, appended to `out`; false when there is
/// no such key. A category id among the params is shown by its name in `table`.
pub fn text(
    out: &mut String,
    key: &str,
    lang: Lang,
    params: &[(&str, Value)],
    table: &Table,
) -> bool {
    match catalogue::template(key, lang) {
        Some(template) => {
            template.fill(out, lang, table, &|name| {
                lookup(params, name).map(format::Arg::Value)
            });
            true
        }
        None => false,
    }
}

/// The sentence a seller reads for one rule (Python's `check_message`): a positive-ratings
/// sentence whose key ends in `_over_pct` gets the sentence on the given percentage after it;
/// a failing revenue check with a Brand Zone account gets that account's shortfall, and one
/// whose category (or the Brand Zone account's) was chosen among tied ones what settled it.
pub fn check_message(out: &mut String, check: &Check, lang: Lang, table: &Table) {
    let key = check.message_key;
    let over_pct = key.strip_suffix("_over_pct");
    check_text(out, over_pct.unwrap_or(key), lang, check, table);
    if over_pct.is_some() {
        out.push(' ');
        check_text(out, "positive_ratings.over_pct", lang, check, table);
    }
    if check.rule != revenue_threshold::RULE {
        return;
    }
    if check.status != Status::Pass && check.param("short_brand").is_some() {
        out.push(' ');
        check_text(out, revenue_threshold::BRAND_SHORT, lang, check, table);
    }
    for (stem, by) in [
        (revenue_threshold::TIE, "tie_by"),
        (revenue_threshold::BRAND_TIE, "brand_tie_by"),
    ] {
        if let Some(Value::Text(by)) = check.param(by) {
            out.push(' ');
            check_text(out, &format!("{stem}_{by}"), lang, check, table);
        }
    }
}

/// `check_message` as a new text.
pub fn check_message_text(check: &Check, lang: Lang, table: &Table) -> String {
    let mut out = String::new();
    check_message(&mut out, check, lang, table);
    out
}

/// Sentence `key` filled from the check's params and, as `missing`, the fields it lacks.
fn check_text(out: &mut String, key: &str, lang: Lang, check: &Check, table: &Table) {
    match catalogue::template(key, lang) {
        Some(template) => template.fill(out, lang, table, &|name| {
            if name == "missing" {
                Some(format::Arg::Names(&check.missing))
            } else {
                check.param(name).map(format::Arg::Value)
            }
        }),
        // A key the rules name but no catalogue has: shown as itself, never a panic.
        None => out.push_str(key),
    }
}

fn lookup<'a>(params: &'a [(&str, Value)], name: &str) -> Option<&'a Value> {
    params
        .iter()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// `items` joined as a sentence lists them: `a, b and c` (`a, b i c` in Polish).
pub fn join(out: &mut String, items: &[&str], lang: Lang) {
    join_with(out, items.len(), lang, |out, i| {
        if let Some(item) = items.get(i) {
            out.push_str(item);
        }
    });
}

/// Alternatives: `'A', 'B' or 'C'` in the language's words, each quoted as Python's `repr`.
pub fn either(items: &[String], lang: Lang) -> String {
    let mut out = String::new();
    join_words(&mut out, items.len(), lang, "word.or", |out, i| {
        if let Some(item) = items.get(i) {
            out.push_str(&crate::record::py_repr(item));
        }
    });
    out
}

/// `join` over `count` items that `write` appends one by one.
fn join_with(out: &mut String, count: usize, lang: Lang, write: impl FnMut(&mut String, usize)) {
    join_words(out, count, lang, "word.and", write);
}

fn join_words(
    out: &mut String,
    count: usize,
    lang: Lang,
    last: &str,
    mut write: impl FnMut(&mut String, usize),
) {
    for i in 0..count {
        if i + 1 == count && count > 1 {
            out.push(' ');
            out.push_str(word(lang, last));
            out.push(' ');
        } else if i > 0 {
            out.push_str(", ");
        }
        write(out, i);
    }
}

/// A catalogue entry without fields (a word), as it is written.
pub fn word(lang: Lang, key: &str) -> &'static str {
    catalogue::template(key, lang).map_or("", |t| t.tail)
}

/// `account 2 (NEUTRAL)`, one per entry of `[index, grade]` pairs, joined.
fn write_accounts(out: &mut String, items: &[Value], lang: Lang, table: &Table) {
    let account = word(lang, "word.account");
    join_with(out, items.len(), lang, |out, i| {
        let Some(item) = items.get(i) else { return };
        match item {
            Value::List(pair) => match pair.as_slice() {
                [index, Value::Grade(grade)] => {
                    out.push_str(account);
                    out.push(' ');
                    format::write_str(out, index, table);
                    let _ = write!(out, " ({})", grade_name(*grade, lang));
                }
                _ => format::write_str(out, item, table),
            },
            other => format::write_str(out, other, table),
        }
    });
}
