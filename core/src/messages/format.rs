//! Filling a template: each field's value written as its spec says, in the language's style.

use std::fmt::Write as _;

use super::catalogue::{Conversion, Spec, Template};
use super::digits::{self, Sink as _};
use super::{grade_name, join_with, plural, write_accounts, Lang};
use crate::check::Value;
use crate::figures::Grade;
use crate::number::Dec;
use crate::table::Table;

/// A field's value: one of the params, or the names of missing fields a check carries.
#[derive(Clone, Copy)]
pub(crate) enum Arg<'a> {
    Value(&'a Value),
    Names(&'a [&'static str]),
}

impl Template {
    /// Appends the sentence with the values `arg` gives for its fields. A field without a value
    /// is written as `{name}`: a gap to see, never a panic.
    pub(crate) fn fill<'a>(
        &self,
        out: &mut String,
        lang: Lang,
        table: &Table,
        arg: &dyn Fn(&str) -> Option<Arg<'a>>,
    ) {
        for field in self.fields {
            out.push_str(field.literal);
            match arg(field.name) {
                Some(Arg::Value(Value::Category(id))) => {
                    let name = shown_category(table, *id, lang);
                    match field.conversion {
                        Conversion::Repr => write_text_repr(out, name),
                        _ => out.push_str(name),
                    }
                }
                Some(value) if field.conversion == Conversion::Repr => {
                    let mut shown = String::new();
                    write_repr(&mut shown, value, table);
                    write_spec(out, &Value::Text(shown), field.spec, lang, table);
                }
                Some(Arg::Value(value)) => write_spec(out, value, field.spec, lang, table),
                // The fields a check misses: the templates list them (`{missing:fields}`).
                Some(Arg::Names(names)) => super::join(out, names, lang),
                None => {
                    let _ = write!(out, "{{{}}}", field.name);
                }
            }
        }
        out.push_str(self.tail);
    }
}

fn write_spec(out: &mut String, value: &Value, spec: Spec, lang: Lang, table: &Table) {
    match spec {
        Spec::Plain => write_str(out, value, table),
        Spec::Pln => {
            write_number(out, value, lang, table);
            // Polish text writes the złoty as Poles do; English keeps the currency code.
            out.push_str(match lang {
                Lang::En => " PLN",
                Lang::Pl => "\u{a0}zł",
            });
        }
        Spec::Pct => {
            write_number(out, value, lang, table);
            out.push('%');
        }
        Spec::Int => write_number(out, value, lang, table),
        Spec::Grade => match value {
            Value::Grade(grade) => out.push_str(grade_name(*grade, lang)),
            other => write_str(out, other, table),
        },
        Spec::Count(forms) => {
            write_number(out, value, lang, table);
            out.push(' ');
            out.push_str(plural::plural_form(value, forms, lang));
        }
        Spec::List | Spec::Fields => match value {
            Value::List(items) => join_with(out, items.len(), lang, |out, i| match items.get(i) {
                Some(Value::Category(id)) => out.push_str(shown_category(table, *id, lang)),
                Some(item) => write_str(out, item, table),
                None => {}
            }),
            other => write_str(out, other, table),
        },
        Spec::Accounts => match value {
            Value::List(items) => write_accounts(out, items, lang, table),
            other => write_str(out, other, table),
        },
    }
}

/// A number as people read it in `lang` (Python's `messages.number`): thousands grouped (`,` in
/// English, a no-break space in Polish), the decimal point `.` or `,`, every decimal as given
/// (never rounded here), an integer with a positive exponent written in full. A value that is
/// not a number is written as Python's `str` shows it.
pub fn number(value: &Value, lang: Lang) -> String {
    let mut out = String::new();
    write_number(&mut out, value, lang, &Table::EMPTY);
    out
}

/// `number`, appended to `out`; a category id is shown by its name in `table`.
pub fn write_number(out: &mut String, value: &Value, lang: Lang, table: &Table) {
    let (group, point) = match lang {
        Lang::En => (",", "."),
        Lang::Pl => ("\u{a0}", ","),
    };
    match value {
        Value::Dec(dec) => digits::write_plain(out, dec, Some(group), point),
        Value::Int(int) => digits::write_integer(out, *int, Some(group)),
        // An IntEnum in Python: its integer.
        Value::Grade(grade) => out.push_str(grade_index(*grade)),
        other => write_str(out, other, table),
    }
}

/// A grade's value as Python's `IntEnum` holds it.
fn grade_index(grade: Grade) -> &'static str {
    match grade {
        Grade::Unacceptable => "0",
        Grade::NeedsImprovement => "1",
        Grade::Neutral => "2",
        Grade::Good => "3",
        Grade::Super => "4",
        Grade::SuperPlus => "5",
    }
}

/// The value as Python's `str` (and `format(value, "")`) shows it.
pub(crate) fn write_str(out: &mut String, value: &Value, table: &Table) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Int(int) => digits::write_integer(out, *int, None),
        Value::Dec(dec) => write_python_decimal(out, dec),
        Value::Text(text) => out.push_str(text),
        Value::Grade(grade) => out.push_str(grade_index(*grade)),
        Value::Category(id) => out.push_str(category_name(table, *id)),
        Value::List(_) | Value::Map(_) => write_repr(out, Arg::Value(value), table),
    }
}

/// How a sentence in `lang` names a category: Polish ones by Allegro's Polish name, when the
/// table gives it.
fn shown_category(table: &Table, id: usize, lang: Lang) -> &str {
    match table.categories.get(id) {
        Some(category) if lang == Lang::Pl => category.pl.as_deref().unwrap_or(&category.name),
        _ => category_name(table, id),
    }
}

/// A category's name in the table (an id the table lacks shows as its number).
pub(crate) fn category_name(table: &Table, id: usize) -> &str {
    table.categories.get(id).map_or("?", |c| c.name.as_str())
}

/// `str(Decimal)`: plain unless the exponent is positive or the value is below 10^-6, where
/// Python writes scientific notation (`4.5E+6`, `1E-7`).
pub(crate) fn write_python_decimal(out: &mut String, dec: &Dec) {
    let digits = digits::Digits::new(dec.coeff.unsigned_abs());
    let digits = digits.as_bytes();
    let adjusted = i64::from(dec.exp) + digits.len() as i64 - 1;
    if dec.exp <= 0 && adjusted >= -6 {
        digits::write_plain(out, dec, None, ".");
        return;
    }
    if dec.coeff < 0 {
        out.push('-');
    }
    let (first, rest) = digits.split_at(1);
    out.digits(first);
    if !rest.is_empty() {
        out.push('.');
        out.digits(rest);
    }
    let _ = write!(out, "E{}{adjusted}", if adjusted < 0 { "" } else { "+" });
}

/// The value as Python's `repr` shows it. A text is quoted and escaped as Python does for the
/// characters the catalogues' callers pass (controls, separators, format characters); code points
/// Unicode leaves unassigned are shown as they are, where Python escapes them.
fn write_repr(out: &mut String, value: Arg<'_>, table: &Table) {
    match value {
        Arg::Names(names) => {
            out.push('[');
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_text_repr(out, name);
            }
            out.push(']');
        }
        Arg::Value(value) => match value {
            Value::Text(text) => write_text_repr(out, text),
            Value::Category(id) => write_text_repr(out, category_name(table, *id)),
            Value::Dec(dec) => {
                out.push_str("Decimal('");
                write_python_decimal(out, dec);
                out.push_str("')");
            }
            Value::Grade(grade) => {
                let _ = write!(out, "<Grade.{}: {}>", grade.code(), grade_index(*grade));
            }
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(out, Arg::Value(item), table);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (key, item)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_text_repr(out, key);
                    out.push_str(": ");
                    write_repr(out, Arg::Value(item), table);
                }
                out.push('}');
            }
            other => write_str(out, other, table),
        },
    }
}

fn write_text_repr(out: &mut String, text: &str) {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if !printable(c) => {
                let code = u32::from(c);
                let _ = if code < 0x100 {
                    write!(out, "\\x{code:02x}")
                } else if code < 0x10000 {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
            _ => out.push(c),
        }
    }
    out.push(quote);
}

/// Python's `str.isprintable` for one character, as far as the assigned characters go: the
/// controls, separators other than the space, format characters and private use are not.
fn printable(c: char) -> bool {
    let code = u32::from(c);
    !matches!(code,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891
        | 0x8e2 | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064
        | 0x2066..=0x206f | 0x3000 | 0xe000..=0xf8ff | 0xfeff | 0xfff9..=0xfffb | 0x110bd
        | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a | 0xe0001
        | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
}
