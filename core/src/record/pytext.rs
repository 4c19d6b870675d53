//! Python's text operations that error messages and name matching depend on: `repr`,
//! `str.strip`, `str.casefold`, `str.isdigit`, as Python 3.11 does them (its Unicode tables).

use super::unicode::{CASEFOLD, DIGITS, NON_PRINTABLE};
use crate::json::is_python_space;

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let code = u32::from(c);
    ranges
        .binary_search_by(|&(low, high)| {
            if high < code {
                std::cmp::Ordering::Less
            } else if low > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `str.isdigit` of one character.
pub(super) fn is_digit(c: char) -> bool {
    in_ranges(DIGITS, c)
}

/// `str.strip()`.
pub(super) fn strip(text: &str) -> &str {
    text.trim_matches(is_python_space)
}

/// `str.casefold()`: the full case folding, which differs from lowercasing for a few hundred
/// characters (`ß` → `ss`, `ſ` → `s`, final sigma, Cherokee...).
pub(super) fn casefold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            match CASEFOLD.binary_search_by(|(k, _)| k.cmp(&c)) {
                Ok(i) => out.push_str(CASEFOLD.get(i).map_or("", |(_, folded)| folded)),
                Err(_) => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// `repr(text)`: quotes as Python picks them, escapes for what it does not print.
pub fn py_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if !in_ranges(NON_PRINTABLE, c) => out.push(c),
            _ => {
                let code = u32::from(c);
                let escaped = if code <= 0xff {
                    format!("\\x{code:02x}")
                } else if code <= 0xffff {
                    format!("\\u{code:04x}")
                } else {
                    format!("\\U{code:08x}")
                };
                out.push_str(&escaped);
            }
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_as_python() {
        assert_eq!(py_repr("abc"), "'abc'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("'\""), "'\\'\"'");
        assert_eq!(
            py_repr("a\u{0}\u{7f}\u{a0}\u{ad}é\u{10ffff}\n"),
            "'a\\x00\\x7f\\xa0\\xadé\\U0010ffff\\n'"
        );
        assert_eq!(py_repr("\u{2028}"), "'\\u2028'");
    }

    #[test]
    fn casefold_as_python() {
        assert_eq!(casefold("Straße ſUPER ﬀ ΣΑΣ"), "strasse super ff σασ");
        assert!(is_digit('²') && is_digit('7') && !is_digit('½'));
        assert_eq!(strip("\u{1c} x \u{3000}"), "x");
    }
}
