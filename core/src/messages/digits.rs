//! Decimal text without allocating: the sentences and the JSON of a batch write millions of
//! figures, so digits go through a buffer on the stack straight into the output.

use crate::number::Dec;

/// The decimal digits of `n`, most significant first (`0` for zero).
pub(crate) struct Digits {
    buf: [u8; 39],
    start: usize,
}

impl Digits {
    pub(crate) fn new(mut n: u128) -> Digits {
        let mut digits = Digits {
            buf: [b'0'; 39],
            start: 39,
        };
        // A wider value than u64 (a ratio's 28 digits) gives its low nine digits at a time,
        // divided in 64-bit steps: a 128-bit division is a slow library call.
        while n > u128::from(u64::MAX) {
            let (high, low) = divmod_billion(n);
            n = high;
            let end = digits.start;
            digits.push_u64(low);
            digits.start = end - 9; // the low part's leading zeros are digits too
        }
        digits.push_u64(n as u64);
        digits
    }

    /// `n`'s digits before those written already, two at a time.
    fn push_u64(&mut self, mut n: u64) {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        while n >= 100 {
            let pair = (n % 100) as usize * 2;
            n /= 100;
            self.start -= 2;
            if let (Some(to), Some(from)) = (
                self.buf.get_mut(self.start..self.start + 2),
                PAIRS.get(pair..pair + 2),
            ) {
                to.copy_from_slice(from);
            }
        }
        if n >= 10 {
            let pair = n as usize * 2;
            self.start -= 2;
            if let (Some(to), Some(from)) = (
                self.buf.get_mut(self.start..self.start + 2),
                PAIRS.get(pair..pair + 2),
            ) {
                to.copy_from_slice(from);
            }
        } else {
            self.start -= 1;
            if let Some(to) = self.buf.get_mut(self.start) {
                *to = b'0' + n as u8;
            }
        }
    }

    /// The digits as ASCII bytes (no text check: a figure's digits are written millions of
    /// times, and only `0`..`9` are ever in them).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or(b"0")
    }
}

/// `n / 10^9` and `n % 10^9`, by long division over its four 32-bit limbs (each step's
/// dividend, the last remainder and one limb, fits 64 bits).
fn divmod_billion(n: u128) -> (u128, u64) {
    const BILLION: u64 = 1_000_000_000;
    let mut quotient = 0u128;
    let mut rest = 0u64;
    for shift in [96u32, 64, 32, 0] {
        let limb = u64::from((n >> shift) as u32);
        let dividend = (rest << 32) | limb;
        quotient |= u128::from(dividend / BILLION) << shift;
        rest = dividend % BILLION;
    }
    (quotient, rest)
}

/// Where anything textual goes: a `String` (sentences) or bytes (JSON, CSV).
pub(crate) trait Sink {
    fn text(&mut self, text: &str);
    /// ASCII digits (`Digits::as_bytes`).
    fn digits(&mut self, digits: &[u8]);
    fn zeros(&mut self, count: usize);
}

impl Sink for String {
    fn text(&mut self, text: &str) {
        self.push_str(text);
    }
    fn digits(&mut self, digits: &[u8]) {
        self.extend(digits.iter().map(|&digit| char::from(digit)));
    }
    fn zeros(&mut self, count: usize) {
        self.extend(std::iter::repeat_n('0', count));
    }
}

impl Sink for Vec<u8> {
    fn text(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }
    fn digits(&mut self, digits: &[u8]) {
        self.extend_from_slice(digits);
    }
    fn zeros(&mut self, count: usize) {
        self.extend(std::iter::repeat_n(b'0', count));
    }
}

/// `dec` as plain decimal text, Python's `format(d, "f")` (what `Dec::to_plain` returns), with
/// the integer digits grouped by `group` in threes and the decimal point written as `point`.
pub(crate) fn write_plain(out: &mut impl Sink, dec: &Dec, group: Option<&str>, point: &str) {
    if dec.coeff < 0 {
        out.text("-");
    }
    let digits = Digits::new(dec.coeff.unsigned_abs());
    let digits = digits.as_bytes();
    if dec.exp >= 0 {
        let zeros = if dec.coeff == 0 { 0 } else { dec.exp as usize };
        write_whole(out, digits, zeros, group);
        return;
    }
    let places = dec.exp.unsigned_abs() as usize;
    if digits.len() > places {
        let (whole, fraction) = digits.split_at(digits.len() - places);
        write_whole(out, whole, 0, group);
        out.text(point);
        out.digits(fraction);
    } else {
        out.text("0");
        out.text(point);
        out.zeros(places - digits.len());
        out.digits(digits);
    }
}

/// An integer's digits followed by `zeros` zeros, grouped in threes from the right.
fn write_whole(out: &mut impl Sink, digits: &[u8], zeros: usize, group: Option<&str>) {
    let Some(group) = group else {
        out.digits(digits);
        out.zeros(zeros);
        return;
    };
    let total = digits.len() + zeros;
    // Pieces of three digits, the first as long as `total % 3` (or three).
    let mut start = 0;
    let mut len = match total % 3 {
        0 => 3,
        n => n,
    };
    while start < total {
        if start > 0 {
            out.text(group);
        }
        let end = start + len;
        let digits_end = digits.len().min(end);
        if start < digits_end {
            out.digits(digits.get(start..digits_end).unwrap_or_default());
        }
        out.zeros(end - digits_end.max(start));
        start = end;
        len = 3;
    }
}

/// The integer `n` (signed), grouped when `group` is given.
pub(crate) fn write_integer(out: &mut impl Sink, n: i128, group: Option<&str>) {
    if n < 0 {
        out.text("-");
    }
    write_whole(out, Digits::new(n.unsigned_abs()).as_bytes(), 0, group);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(coeff: i128, exp: i32, group: Option<&str>) -> String {
        let mut out = String::new();
        write_plain(&mut out, &Dec::new(coeff, exp), group, ".");
        out
    }

    #[test]
    fn plain_text_is_to_plain() {
        for (coeff, exp) in [
            (0, 0),
            (0, 3),
            (0, -2),
            (5, -3),
            (-5, -3),
            (45, 5),
            (250, -2),
            (i128::MAX, 0),
            (i128::MIN, -20),
            (123456789, -4),
            (1, 40),
        ] {
            assert_eq!(plain(coeff, exp, None), Dec::new(coeff, exp).to_plain());
        }
    }

    #[test]
    fn digits_of_every_width() {
        for n in [
            0u128,
            7,
            10,
            99,
            100,
            1_000_000_007,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(20),
            10u128.pow(38) + 5,
            u128::MAX,
        ] {
            assert_eq!(Digits::new(n).as_bytes(), n.to_string().as_bytes(), "{n}");
        }
    }

    #[test]
    fn integers_are_grouped_in_threes() {
        assert_eq!(plain(45, 5, Some(",")), "4,500,000");
        assert_eq!(plain(123456789, -4, Some(",")), "12,345.6789");
        assert_eq!(plain(-1000, 0, Some(",")), "-1,000");
        assert_eq!(plain(999, 0, Some(",")), "999");
        assert_eq!(plain(0, 0, Some(",")), "0");
        assert_eq!(plain(1, 7, Some(",")), "10,000,000");
        let mut out = String::new();
        write_integer(&mut out, i128::MIN, Some(","));
        assert_eq!(out, "-170,141,183,460,469,231,731,687,303,715,884,105,728");
    }

    proptest::proptest! {
        #[test]
        fn digits_are_to_string(n in proptest::prelude::any::<u128>(), shift in 0u32..128) {
            let n = n >> shift; // every width, not only 39-digit values
            let digits = Digits::new(n);
            let text = n.to_string();
            proptest::prop_assert_eq!(digits.as_bytes(), text.as_bytes());
        }
    }
}
