//! The catalogues as `build.rs` compiled them from `core/catalogues/<lang>.toml`.

use std::sync::OnceLock;

use super::Lang;
use crate::hash::WordMap;

/// One sentence in one language: literal pieces, each followed by a field, then the tail.
#[derive(Debug)]
pub(crate) struct Template {
    /// The template as the catalogue writes it.
    pub source: &'static str,
    pub fields: &'static [Field],
    pub tail: &'static str,
}

/// `{name!conversion:spec}`, after the literal text before it.
#[derive(Debug)]
pub(crate) struct Field {
    pub literal: &'static str,
    pub name: &'static str,
    pub conversion: Conversion,
    pub spec: Spec,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Conversion {
    None,
    /// `!r`: the value as Python's `repr` shows it (a text in quotes).
    Repr,
}

/// How a field's value is written (Python's `_spec_writer`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spec {
    /// No spec: the value as Python's `str` shows it.
    Plain,
    /// The number, then ` PLN`.
    Pln,
    /// The number, then `%`.
    Pct,
    /// The number alone.
    Int,
    Grade,
    /// The number, a space, and the noun form its plural category takes.
    Count(&'static [&'static str]),
    List,
    Fields,
    Accounts,
}

mod generated {
    use super::{Conversion, Field, Spec, Template};
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

fn table(lang: Lang) -> &'static [Option<Template>] {
    match lang {
        Lang::En => &generated::EN,
        Lang::Pl => &generated::PL,
    }
}

fn own(lang: Lang) -> &'static [bool] {
    match lang {
        Lang::En => &generated::EN_OWN,
        Lang::Pl => &generated::PL_OWN,
    }
}

/// The sentence `key` in `lang`, or in English where `lang` lacks it.
pub(crate) fn template(key: &str, lang: Lang) -> Option<&'static Template> {
    let index = *key_index().get(key)?;
    table(lang).get(index)?.as_ref()
}

/// Each key's place in `KEYS`: a record's sentences look up a dozen keys, and a binary search
/// over the catalogue compared strings a hundred times a record (5% of a batch's time).
fn key_index() -> &'static WordMap<&'static str, usize> {
    static INDEX: OnceLock<WordMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        generated::KEYS
            .iter()
            .enumerate()
            .map(|(index, key)| (*key, index))
            .collect()
    })
}

/// The template text of `key` in `lang` (English where `lang` lacks it), as the catalogue
/// writes it: for callers that fill it themselves.
pub fn template_source(key: &str, lang: Lang) -> Option<&'static str> {
    template(key, lang).map(|t| t.source)
}

/// Every key of every catalogue, sorted.
pub fn keys() -> &'static [&'static str] {
    &generated::KEYS
}

/// The keys `lang`'s own file defines (the others fall back to English).
pub fn own_keys(lang: Lang) -> impl Iterator<Item = &'static str> {
    generated::KEYS
        .iter()
        .zip(own(lang))
        .filter(|(_, own)| **own)
        .map(|(key, _)| *key)
}

/// The fields of `key` in `lang` as (name, kind): a count's kind is `count`, whatever its forms
/// (they are the language's own).
pub fn placeholders(key: &str, lang: Lang) -> Option<Vec<(&'static str, &'static str)>> {
    let template = template(key, lang)?;
    Some(
        template
            .fields
            .iter()
            .map(|field| {
                let kind = match field.spec {
                    Spec::Plain => "",
                    Spec::Pln => "pln",
                    Spec::Pct => "pct",
                    Spec::Int => "int",
                    Spec::Grade => "grade",
                    Spec::Count(_) => "count",
                    Spec::List => "list",
                    Spec::Fields => "fields",
                    Spec::Accounts => "accounts",
                };
                let kind = match field.conversion {
                    Conversion::None => kind,
                    Conversion::Repr if kind.is_empty() => "!r",
                    Conversion::Repr => kind,
                };
                (field.name, kind)
            })
            .collect(),
    )
}
