//! CLDR plural rules for the integers a count shows: English one/other, Polish one/few/many.

use super::Lang;
use crate::check::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

/// What a plural rule reads of an integer `n`: whether it is 1, and `n mod 100` (Python's floor
/// modulo, so never negative). A count too large for the machine keeps both exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PluralOperand {
    pub is_one: bool,
    pub last_two: u8,
}

impl PluralOperand {
    pub fn of_integer(n: i128) -> PluralOperand {
        PluralOperand {
            is_one: n == 1,
            last_two: n.rem_euclid(100) as u8,
        }
    }

    /// The count a template's value stands for: an integer, a decimal cut to its integer part
    /// (Python's `int()`), anything else 0.
    pub fn of_value(value: &Value) -> PluralOperand {
        match value {
            Value::Int(n) => PluralOperand::of_integer(*n),
            Value::Dec(dec) if dec.exp >= 0 => {
                // coeff × 10^exp: its last two digits are coeff's, shifted left by exp.
                let shift = 10i128.pow(dec.exp.min(2) as u32);
                match 10i128
                    .checked_pow(dec.exp as u32)
                    .and_then(|f| dec.coeff.checked_mul(f))
                {
                    Some(n) => PluralOperand::of_integer(n),
                    None => PluralOperand {
                        is_one: false,
                        last_two: (dec.coeff.rem_euclid(100) * shift).rem_euclid(100) as u8,
                    },
                }
            }
            Value::Dec(dec) => {
                let truncated = 10i128
                    .checked_pow(dec.exp.unsigned_abs())
                    .map_or(0, |f| dec.coeff / f);
                PluralOperand::of_integer(truncated)
            }
            _ => PluralOperand::of_integer(0),
        }
    }
}

/// English: one for 1, other for every other integer.
pub fn english_plural(n: PluralOperand) -> PluralCategory {
    if n.is_one {
        PluralCategory::One
    } else {
        PluralCategory::Other
    }
}

/// Polish: one for 1; few when the last digit is 2–4 but the last two are not 12–14; many else.
pub fn polish_plural(n: PluralOperand) -> PluralCategory {
    let last = n.last_two % 10;
    if n.is_one {
        PluralCategory::One
    } else if (2..=4).contains(&last) && !(12..=14).contains(&n.last_two) {
        PluralCategory::Few
    } else {
        PluralCategory::Many
    }
}

/// The noun form for `count` among a template's `forms` (Python's `messages.plural`): a single
/// form is always used; Polish with three forms takes one|few|many, anything else one|other.
pub fn plural_form<'a>(count: &Value, forms: &[&'a str], lang: Lang) -> &'a str {
    let n = PluralOperand::of_value(count);
    let index = match (forms.len(), lang) {
        (1, _) => 0,
        (3.., Lang::Pl) => match polish_plural(n) {
            PluralCategory::One => 0,
            PluralCategory::Few => 1,
            _ => 2,
        },
        _ => match english_plural(n) {
            PluralCategory::One => 0,
            _ => 1,
        },
    };
    forms.get(index).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::Dec;

    #[test]
    fn polish_forms_as_test_messages_lists_them() {
        let forms = ["ocena", "oceny", "ocen"];
        for (count, form) in [
            (1, "ocena"),
            (2, "oceny"),
            (4, "oceny"),
            (5, "ocen"),
            (12, "ocen"),
            (14, "ocen"),
            (22, "oceny"),
            (300, "ocen"),
        ] {
            assert_eq!(plural_form(&Value::Int(count), &forms, Lang::Pl), form);
        }
    }

    #[test]
    fn english_is_one_or_other() {
        let forms = ["rating", "ratings"];
        assert_eq!(plural_form(&Value::Int(1), &forms, Lang::En), "rating");
        assert_eq!(plural_form(&Value::Int(0), &forms, Lang::En), "ratings");
        assert_eq!(plural_form(&Value::Int(21), &forms, Lang::En), "ratings");
    }

    #[test]
    fn decimals_count_by_their_integer_part() {
        let forms = ["a", "b", "c"];
        let pl = |coeff, exp| plural_form(&Value::Dec(Dec::new(coeff, exp)), &forms, Lang::Pl);
        assert_eq!(pl(19, -1), "a");
        assert_eq!(pl(3, 0), "b");
        assert_eq!(pl(2, 1), "c");
        assert_eq!(pl(3, 40), "c");
        assert_eq!(pl(-7, -100), "c");
        assert_eq!(plural_form(&Value::Text("2".into()), &forms, Lang::Pl), "c");
    }
}
