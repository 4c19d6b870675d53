//! Compiles the catalogues (`catalogues/<lang>.toml`) into Rust tables, so that no sentence is
//! read or parsed at run time: each template becomes its literal pieces and its fields, with the
//! field's format (`pln`, `pct`, `count|...`) already decided.
//!
//! A template the messages module could not fill (an unknown format, a field that is not a plain
//! name, an unclosed brace) stops the build with its key, rather than misprinting at run time.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// The languages, English first: it is the fallback for a key another language lacks.
const LANGUAGES: [&str; 2] = ["en", "pl"];

fn main() {
    let dir = Path::new("catalogues");
    println!("cargo:rerun-if-changed=build.rs");
    let mut catalogues = Vec::new();
    for lang in LANGUAGES {
        let path = dir.join(format!("{lang}.toml"));
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("{}: cannot read: {err}", path.display()));
        let table: toml::Table = source
            .parse()
            .unwrap_or_else(|err| panic!("{}: not valid TOML: {err}", path.display()));
        let mut entries = BTreeMap::new();
        for (key, value) in table {
            let template = match value {
                toml::Value::String(text) => text,
                other => panic!("{}: {key}: expected a text, found {other}", path.display()),
            };
            entries.insert(key, template);
        }
        catalogues.push(entries);
    }
    let keys: BTreeSet<&String> = catalogues.iter().flat_map(|c| c.keys()).collect();
    let english = &catalogues[0];
    let mut out = String::new();
    writeln!(out, "pub(crate) static KEYS: [&str; {}] = [", keys.len()).unwrap();
    for key in &keys {
        writeln!(out, "    {key:?},").unwrap();
    }
    out.push_str("];\n\n");
    for (lang, catalogue) in LANGUAGES.iter().zip(&catalogues) {
        let upper = lang.to_uppercase();
        // The keys this language's file defines itself (the others fall back to English).
        writeln!(
            out,
            "pub(crate) static {upper}_OWN: [bool; {}] = {:?};\n",
            keys.len(),
            keys.iter()
                .map(|key| catalogue.contains_key(*key))
                .collect::<Vec<_>>()
        )
        .unwrap();
        writeln!(
            out,
            "pub(crate) static {upper}: [Option<Template>; {}] = [",
            keys.len()
        )
        .unwrap();
        for key in &keys {
            match catalogue.get(*key).or_else(|| english.get(*key)) {
                Some(source) => writeln!(out, "    Some({}),", template_code(key, source)).unwrap(),
                None => out.push_str("    None,\n"),
            }
        }
        out.push_str("];\n\n");
    }
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogue.rs");
    fs::write(&target, out)
        .unwrap_or_else(|err| panic!("{}: cannot write: {err}", target.display()));
}

/// One template as a `Template` expression: `{{`/`}}` are literal braces, as in `str.format`.
fn template_code(key: &str, source: &str) -> String {
    let mut fields = String::new();
    let mut literal = String::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '}' => panic!("{key}: a single '}}' in {source:?}"),
            '{' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => panic!("{key}: an unclosed field in {source:?}"),
                        Some(inner) => field.push(inner),
                    }
                }
                let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
                let (name, conversion) = match head.split_once('!') {
                    Some((name, "r")) => (name, "Conversion::Repr"),
                    Some((_, other)) => panic!("{key}: conversion !{other} is not supported"),
                    None => (head, "Conversion::None"),
                };
                let plain_name = name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_');
                assert!(plain_name, "{key}: field {name:?} is not a plain name");
                write!(
                    fields,
                    "Field {{ literal: {literal:?}, name: {name:?}, conversion: {conversion}, spec: {} }}, ",
                    spec_code(key, spec)
                )
                .unwrap();
                literal.clear();
            }
            other => literal.push(other),
        }
    }
    format!("Template {{ source: {source:?}, fields: &[{fields}], tail: {literal:?} }}")
}

fn spec_code(key: &str, spec: &str) -> String {
    match spec {
        "" => "Spec::Plain".into(),
        "pln" => "Spec::Pln".into(),
        "pct" => "Spec::Pct".into(),
        "int" => "Spec::Int".into(),
        "grade" => "Spec::Grade".into(),
        "list" => "Spec::List".into(),
        "fields" => "Spec::Fields".into(),
        "accounts" => "Spec::Accounts".into(),
        _ => match spec.strip_prefix("count|") {
            Some(forms) => format!("Spec::Count(&{:?})", forms.split('|').collect::<Vec<_>>()),
            None => panic!("{key}: unknown format {spec:?}"),
        },
    }
}
