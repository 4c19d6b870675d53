//! Exact decimals as Python's `Decimal` keeps them: a coefficient and a power of ten.
//!
//! Trailing zeros are kept (`2.50` stays `2.50`), because figures are echoed as given. Values
//! compare by value (`2.0 == 2`). No float ever touches a figure.

use std::cmp::Ordering;

/// `coeff × 10^exp`, exact. Inputs are below 10^15 with at most 12 decimal places, so any input
/// fits an `i128` coefficient; computed figures carry at most 28 significant digits.
#[derive(Clone, Copy, Debug)]
pub struct Dec {
    pub coeff: i128,
    pub exp: i32,
}

impl Dec {
    pub const ZERO: Dec = Dec { coeff: 0, exp: 0 };

    pub const fn int(value: i128) -> Dec {
        Dec {
            coeff: value,
            exp: 0,
        }
    }

    pub const fn new(coeff: i128, exp: i32) -> Dec {
        Dec { coeff, exp }
    }

    pub fn is_zero(&self) -> bool {
        self.coeff == 0
    }

    pub fn is_negative(&self) -> bool {
        self.coeff < 0
    }

    /// The value as an exact ratio `numerator / 10^scale` with `scale >= 0`, when it fits.
    pub fn scaled(&self) -> Option<(i128, u32)> {
        if self.exp >= 0 {
            let factor = 10i128.checked_pow(self.exp as u32)?;
            Some((self.coeff.checked_mul(factor)?, 0))
        } else {
            Some((self.coeff, (-self.exp) as u32))
        }
    }

    /// Plain decimal text as Python's `format(d, "f")` writes it: no exponent, trailing zeros kept.
    pub fn to_plain(&self) -> String {
        let negative = self.coeff < 0;
        let digits = self.coeff.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + 4);
        if negative {
            out.push('-');
        }
        if self.exp >= 0 {
            out.push_str(&digits);
            if self.coeff != 0 {
                out.extend(std::iter::repeat_n('0', self.exp as usize));
            }
        } else {
            let places = (-self.exp) as usize;
            if digits.len() > places {
                let (whole, frac) = digits.split_at(digits.len() - places);
                out.push_str(whole);
                out.push('.');
                out.push_str(frac);
            } else {
                out.push_str("0.");
                out.extend(std::iter::repeat_n('0', places - digits.len()));
                out.push_str(&digits);
            }
        }
        out
    }
}

impl PartialEq for Dec {
    fn eq(&self, other: &Dec) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Dec {}

impl PartialOrd for Dec {
    fn partial_cmp(&self, other: &Dec) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Dec {
    /// By value: the coefficients are brought to one exponent (in 256 bits where they must be).
    fn cmp(&self, other: &Dec) -> Ordering {
        let (a, b) = (self.coeff, other.coeff);
        if (a < 0) != (b < 0) || a == 0 || b == 0 {
            return a.signum().cmp(&b.signum());
        }
        let shift = self.exp - other.exp;
        let (mut big, small, flip) = if shift >= 0 {
            (a, b, false)
        } else {
            (b, a, true)
        };
        let mut steps = shift.unsigned_abs();
        let mut ordering = Ordering::Equal;
        while steps > 0 {
            match big.checked_mul(10) {
                Some(next) => big = next,
                // `big` already exceeds any i128 `small` in magnitude.
                None => {
                    ordering = if big > 0 {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    };
                    break;
                }
            }
            steps -= 1;
        }
        if steps == 0 {
            ordering = big.cmp(&small);
        }
        if flip {
            ordering.reverse()
        } else {
            ordering
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_by_value() {
        assert_eq!(Dec::new(20, -1), Dec::int(2));
        assert!(Dec::new(98995, -3) < Dec::int(99));
        assert!(Dec::new(-5, 0) < Dec::new(1, -30));
        assert!(Dec::new(1, 40) > Dec::new(i128::MAX, 0));
    }

    #[test]
    fn plain_text_keeps_trailing_zeros() {
        assert_eq!(Dec::new(250, -2).to_plain(), "2.50");
        assert_eq!(Dec::new(-5, -3).to_plain(), "-0.005");
        assert_eq!(Dec::new(45, 5).to_plain(), "4500000");
        assert_eq!(Dec::new(0, -2).to_plain(), "0.00");
    }
}
