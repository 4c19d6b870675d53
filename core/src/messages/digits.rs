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
        let mut buf = [b'0'; 39];
        let mut start = buf.len();
        // u64 steps where the value allows: 128-bit division is several times slower.
        while n > u128::from(u64::MAX) {
            start -= 1;
            buf[start] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        let mut small = n as u64;
        loop {
            start -= 1;
            buf[start] = b'0' + (small % 10) as u8;
            small /= 10;
            if small == 0 {
                break;
            }
        }
        Digits { buf, start }
    }

    /// The digits as ASCII bytes (no text check: a figure's digits are written millions of
    /// times, and only `0`..`9` are ever in them).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(self.start..).unwrap_or(b"0")
    }
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
}
