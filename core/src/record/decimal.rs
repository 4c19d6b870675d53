//! Numbers as Python reads them from a `Value::Number` literal (an `int`, or a `Decimal` of any
//! size and exponent), and `as_number`'s checks and texts on them: finite, `|x| < 10^15`, at most
//! 12 decimal places (`1.50000000000000` has 2), then `x + 0` in Python's default context.

use crate::number::Dec;

const MAX_INT_DIGITS: usize = 4300; // Python's limit on int(text): longer literals stay Decimals
pub(super) const MAX_PLACES: i64 = 12;
const MAX_ADJUSTED: i64 = 14; // |x| < 10^15: the leading digit's power of ten at most 14
const EXP_LIMIT: i64 = 1 << 60; // exponents beyond this are treated alike (Python overflows)

/// A number as Python holds it: `int` (canonical digits) or `Decimal`.
pub(super) enum PyNum {
    Int {
        negative: bool,
        digits: String,
    },
    Finite(BigDec),
    /// `NaN`, `-NaN`, `sNaN`, `Infinity`, `-Infinity`: `str()` of the Decimal.
    Special(&'static str),
}

/// `(-1)^negative × digits × 10^exp`; `digits` has no leading zeros (`"0"` for zero).
pub(super) struct BigDec {
    pub negative: bool,
    pub digits: String,
    pub exp: i64,
}

/// How a literal is read: an `int` when it is `-?[0-9]+` of at most 4,300 characters (JSON
/// integers, `str()` of a Python int), else Python's `Decimal(literal)`. None: neither.
pub(super) fn read(literal: &str) -> Option<PyNum> {
    let unsigned = literal.strip_prefix('-').unwrap_or(literal);
    if !unsigned.is_empty()
        && unsigned.bytes().all(|b| b.is_ascii_digit())
        && literal.len() <= MAX_INT_DIGITS
    {
        let digits = strip_leading_zeros(unsigned);
        return Some(PyNum::Int {
            negative: literal.starts_with('-') && digits != "0",
            digits: digits.to_string(),
        });
    }
    read_decimal(literal)
}

fn strip_leading_zeros(digits: &str) -> &str {
    let stripped = digits.trim_start_matches('0');
    if stripped.is_empty() {
        "0"
    } else {
        stripped
    }
}

/// `Decimal(text)` for text without surrounding spaces or underscores.
pub(super) fn read_decimal(text: &str) -> Option<PyNum> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let lower = body.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(if negative { "-Infinity" } else { "Infinity" }),
        "nan" => Some(if negative { "-NaN" } else { "NaN" }),
        "snan" => Some(if negative { "-sNaN" } else { "sNaN" }),
        _ => None,
    };
    if let Some(shown) = special {
        return Some(PyNum::Special(shown));
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (body.get(..at)?, Some(body.get(at + 1..)?)),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.find('.') {
        Some(at) => (mantissa.get(..at)?, mantissa.get(at + 1..)?),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut exp: i64 = 0;
    if let Some(exponent) = exponent {
        let (sign, digits) = match exponent.as_bytes().first() {
            Some(b'-') => (-1, exponent.get(1..)?),
            Some(b'+') => (1, exponent.get(1..)?),
            _ => (1, exponent),
        };
        if digits.is_empty() || !all_digits(digits) {
            return None;
        }
        for b in digits.bytes() {
            exp = exp
                .saturating_mul(10)
                .saturating_add(i64::from(b - b'0'))
                .min(EXP_LIMIT);
        }
        exp *= sign;
    }
    let fraction_len = i64::try_from(fraction.len()).unwrap_or(EXP_LIMIT);
    exp = exp
        .saturating_sub(fraction_len)
        .clamp(-EXP_LIMIT, EXP_LIMIT);
    let mut digits = String::with_capacity(whole.len() + fraction.len());
    digits.push_str(whole);
    digits.push_str(fraction);
    let digits = strip_leading_zeros(&digits).to_string();
    Some(PyNum::Finite(BigDec {
        negative,
        digits,
        exp,
    }))
}

impl PyNum {
    /// `Decimal(value)` of an int: the same digits, exponent 0.
    pub(super) fn to_decimal(&self) -> Option<BigDec> {
        match self {
            PyNum::Int { negative, digits } => Some(BigDec {
                negative: *negative,
                digits: digits.clone(),
                exp: 0,
            }),
            PyNum::Finite(number) => Some(BigDec {
                negative: number.negative,
                digits: number.digits.clone(),
                exp: number.exp,
            }),
            PyNum::Special(_) => None,
        }
    }
}

/// Why `as_number` refuses a finite number.
pub(super) enum Refusal {
    TooLarge(String),
    Places,
}

impl BigDec {
    fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    fn len(&self) -> i64 {
        i64::try_from(self.digits.len()).unwrap_or(EXP_LIMIT)
    }

    /// `as_number` on a finite Decimal: the checks in Python's order, then `x + 0`.
    pub(super) fn checked(&self) -> Result<Dec, Refusal> {
        if !self.is_zero() && self.exp.saturating_add(self.len() - 1) > MAX_ADJUSTED {
            return Err(Refusal::TooLarge(self.shown()));
        }
        let mut digits = self.digits.as_str();
        let mut exp = self.exp;
        if exp < -MAX_PLACES {
            // quantize(1E-12) must not round; normalize() then drops every trailing zero.
            let kept = digits.trim_end_matches('0');
            let zeros = i64::try_from(digits.len() - kept.len()).unwrap_or(EXP_LIMIT);
            if self.is_zero() {
                return Ok(Dec::ZERO);
            }
            exp = exp.saturating_add(zeros);
            if exp < -MAX_PLACES {
                return Err(Refusal::Places);
            }
            digits = kept;
        }
        // Here |x| < 10^15 and exp >= -12: at most 27 digits once scaled to exp 0 or below.
        let mut coeff: i128 = 0;
        for b in digits.bytes() {
            coeff = coeff * 10 + i128::from(b - b'0');
        }
        if coeff == 0 {
            exp = exp.min(0);
        }
        while exp > 0 {
            coeff *= 10;
            exp -= 1;
        }
        if self.negative {
            coeff = -coeff;
        }
        Ok(Dec::new(coeff, i32::try_from(exp).unwrap_or(0)))
    }

    /// `_shown`: `str()` up to 30 digits, else `{:.6E}` (1.234568E+4999).
    pub(super) fn shown(&self) -> String {
        if self.digits.len() <= 30 {
            return sci_string(self.negative, &self.digits, self.exp);
        }
        let Some((head, rest)) = self.digits.split_at_checked(7) else {
            return sci_string(self.negative, &self.digits, self.exp);
        };
        let mut kept: Vec<u8> = head.bytes().collect();
        let first_rest = rest.as_bytes().first().copied().unwrap_or(b'0');
        let tail_nonzero = rest.bytes().skip(1).any(|b| b != b'0');
        let odd = kept.last().is_some_and(|b| (b - b'0') % 2 == 1);
        let up = first_rest > b'5' || (first_rest == b'5' && (tail_nonzero || odd));
        let mut adjusted = self.exp.saturating_add(self.len() - 1);
        if up {
            let mut carry = true;
            for digit in kept.iter_mut().rev() {
                if *digit == b'9' {
                    *digit = b'0';
                } else {
                    *digit += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                kept.insert(0, b'1');
                kept.pop();
                adjusted = adjusted.saturating_add(1);
            }
        }
        let text = String::from_utf8(kept).unwrap_or_default();
        let (lead, frac) = text.split_at_checked(1).unwrap_or((&text, ""));
        let sign = if self.negative { "-" } else { "" };
        format!("{sign}{lead}.{frac}E{adjusted:+}")
    }
}

/// Python's `Decimal.__str__` (`to_sci_string`) of `(-1)^negative × digits × 10^exp`.
pub(super) fn sci_string(negative: bool, digits: &str, exp: i64) -> String {
    let len = i64::try_from(digits.len()).unwrap_or(EXP_LIMIT);
    let left = exp.saturating_add(len);
    let dot = if exp <= 0 && left > -6 { left } else { 1 };
    let mut out = String::with_capacity(digits.len() + 8);
    if negative {
        out.push('-');
    }
    if dot <= 0 {
        out.push_str("0.");
        for _ in 0..-dot {
            out.push('0');
        }
        out.push_str(digits);
    } else if dot >= len {
        out.push_str(digits);
        for _ in 0..dot - len {
            out.push('0');
        }
    } else {
        let at = usize::try_from(dot).unwrap_or(0);
        let (whole, frac) = digits.split_at_checked(at).unwrap_or((digits, ""));
        out.push_str(whole);
        out.push('.');
        out.push_str(frac);
    }
    if left != dot {
        out.push_str(&format!("E{:+}", left - dot));
    }
    out
}

/// `str()` of a `Dec` as Python's `Decimal` writes it (`1E-7`, `0.00`, `-2.5`).
pub fn decimal_str(value: &Dec) -> String {
    let digits = value.coeff.unsigned_abs().to_string();
    sci_string(value.coeff < 0, &digits, i64::from(value.exp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(literal: &str) -> String {
        match read(literal) {
            Some(PyNum::Finite(n)) => match n.checked() {
                Ok(d) => decimal_str(&d),
                Err(Refusal::TooLarge(s)) => format!("{s} is too large"),
                Err(Refusal::Places) => "places".into(),
            },
            Some(PyNum::Int { negative, digits }) => format!("int {negative} {digits}"),
            Some(PyNum::Special(s)) => s.into(),
            None => "invalid".into(),
        }
    }

    #[test]
    fn as_python_reads_and_checks() {
        let cases = [
            ("1.50", "1.50"),
            ("-0.0", "0.0"),
            ("1e3", "1000"),
            ("1.5000000000000000", "1.5"),
            ("100.0000000000000", "100"),
            ("0E-20", "0"),
            ("1e-13", "places"),
            ("1e15", "1E+15 is too large"),
            ("999999999999999.9", "999999999999999.9"),
            ("1e999999999", "1E+999999999 is too large"),
            ("0.0000001", "1E-7"),
            ("-0", "int false 0"),
            ("007", "int false 7"),
            ("1.", "1"),
            (".5", "0.5"),
            ("1e", "invalid"),
            ("NaN", "NaN"),
        ];
        for (literal, expected) in cases {
            assert_eq!(checked(literal), expected, "{literal}");
        }
        let big = format!("{}e0", "9".repeat(40));
        assert_eq!(checked(&big), "1.000000E+40 is too large");
        let half = format!("12345665{}e0", "0".repeat(30));
        assert_eq!(checked(&half), "1.234566E+37 is too large");
    }
}
