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

/// Python's default decimal precision: every computed figure is rounded to it, as `Decimal`
/// arithmetic in the default context is.
pub const PRECISION: u32 = 28;

/// Integers the exact computations run on, in two widths: `i128` with checked operations (the
/// fast path, enough for every real figure) and `BigInt` (never overflows, the fallback). A
/// computation is written once, generic over `Wide`, and tried in `i128` first (see `exact`).
pub trait Wide: Clone + Ord + Sized {
    fn of(value: i128) -> Self;
    fn plus(&self, other: &Self) -> Option<Self>;
    fn minus(&self, other: &Self) -> Option<Self>;
    fn times(&self, other: &Self) -> Option<Self>;
    /// Floor division and its remainder, as Python's `divmod`; None for a zero divisor.
    fn divmod(&self, other: &Self) -> Option<(Self, Self)>;
    fn pow10(power: u32) -> Option<Self>;
    fn signum(&self) -> i32;
    fn is_odd(&self) -> bool;
    /// Decimal digits of the magnitude (`0` has one, as `len(str(0))`).
    fn digits(&self) -> u32;
    fn to_i128(&self) -> Option<i128>;

    fn is_zero(&self) -> bool {
        self.signum() == 0
    }

    fn negated(&self) -> Option<Self> {
        Self::of(0).minus(self)
    }

    fn abs(&self) -> Option<Self> {
        if self.signum() < 0 {
            self.negated()
        } else {
            Some(self.clone())
        }
    }

    fn times_i(&self, other: i128) -> Option<Self> {
        self.times(&Self::of(other))
    }

    /// `self × 10^power` floor-divided by `divisor`, with its remainder.
    fn scaled_divmod(&self, power: u32, divisor: &Self) -> Option<(Self, Self)> {
        self.times(&Self::pow10(power)?)?.divmod(divisor)
    }
}

/// 10^0 ..= 10^38, every power of ten an `i128` holds.
const POWERS_OF_TEN: [i128; 39] = {
    let mut powers = [1i128; 39];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

impl Wide for i128 {
    fn of(value: i128) -> Self {
        value
    }
    fn plus(&self, other: &Self) -> Option<Self> {
        self.checked_add(*other)
    }
    fn minus(&self, other: &Self) -> Option<Self> {
        self.checked_sub(*other)
    }
    fn times(&self, other: &Self) -> Option<Self> {
        self.checked_mul(*other)
    }
    fn divmod(&self, other: &Self) -> Option<(Self, Self)> {
        // Most figures fit 64 bits, where a division is one instruction.
        let (quotient, remainder) = match (i64::try_from(*self), i64::try_from(*other)) {
            (Ok(a), Ok(b)) if b != 0 && !(a == i64::MIN && b == -1) => {
                (i128::from(a / b), i128::from(a % b))
            }
            _ => {
                let quotient = self.checked_div(*other)?;
                // Exact: |quotient × other| ≤ |self|.
                (quotient, self.wrapping_sub(quotient.wrapping_mul(*other)))
            }
        };
        if remainder != 0 && (remainder < 0) != (*other < 0) {
            Some((quotient.checked_sub(1)?, remainder.checked_add(*other)?))
        } else {
            Some((quotient, remainder))
        }
    }
    fn pow10(power: u32) -> Option<Self> {
        POWERS_OF_TEN.get(usize::try_from(power).ok()?).copied()
    }
    fn signum(&self) -> i32 {
        i128::signum(*self) as i32
    }
    fn is_odd(&self) -> bool {
        self & 1 != 0
    }
    fn digits(&self) -> u32 {
        self.unsigned_abs()
            .checked_ilog10()
            .map_or(1, |log| log + 1)
    }
    fn to_i128(&self) -> Option<i128> {
        Some(*self)
    }
    /// By long division, a few digits at a time, so that only the quotient must fit: a ratio
    /// of two 12-digit figures to 28 digits stays in `i128` instead of falling back to `BigInt`.
    fn scaled_divmod(&self, power: u32, divisor: &Self) -> Option<(Self, Self)> {
        if *divisor <= 0 {
            return self.checked_mul(i128::pow10(power)?)?.divmod(divisor);
        }
        let (mut quotient, mut remainder) = self.divmod(divisor)?;
        // 0 <= remainder < divisor, so remainder × 10^room stays below 10^38 < i128::MAX.
        let room = 38u32
            .checked_sub(divisor.digits())
            .filter(|room| *room > 0)?;
        let mut left = power;
        while left > 0 {
            let step = left.min(room);
            let unit = POWERS_OF_TEN[step as usize];
            let (digits, rest) = (remainder * unit).divmod(divisor)?;
            quotient = quotient.checked_mul(unit)?.checked_add(digits)?;
            remainder = rest;
            left -= step;
        }
        Some((quotient, remainder))
    }
}

impl Wide for num_bigint::BigInt {
    fn of(value: i128) -> Self {
        num_bigint::BigInt::from(value)
    }
    fn plus(&self, other: &Self) -> Option<Self> {
        Some(self + other)
    }
    fn minus(&self, other: &Self) -> Option<Self> {
        Some(self - other)
    }
    fn times(&self, other: &Self) -> Option<Self> {
        Some(self * other)
    }
    fn divmod(&self, other: &Self) -> Option<(Self, Self)> {
        if other.signum() == 0 {
            return None;
        }
        let quotient = self / other;
        let remainder = self % other;
        if remainder.signum() != 0 && (remainder.signum() < 0) != (other.signum() < 0) {
            Some((quotient - 1, remainder + other))
        } else {
            Some((quotient, remainder))
        }
    }
    fn pow10(power: u32) -> Option<Self> {
        // Figures within the input limits never need more; beyond them, no unbounded memory.
        (power <= MAX_WIDE_POWER).then(|| num_bigint::BigInt::from(10).pow(power))
    }
    fn signum(&self) -> i32 {
        match self.sign() {
            num_bigint::Sign::Minus => -1,
            num_bigint::Sign::NoSign => 0,
            num_bigint::Sign::Plus => 1,
        }
    }
    fn is_odd(&self) -> bool {
        self.bit(0)
    }
    fn digits(&self) -> u32 {
        u32::try_from(self.magnitude().to_string().len()).unwrap_or(u32::MAX)
    }
    fn to_i128(&self) -> Option<i128> {
        i128::try_from(self).ok()
    }
}

/// The largest power of ten the wide path builds: figures within the input limits (below
/// 10^15, at most 12 decimals, 28-digit results) stay far below it.
const MAX_WIDE_POWER: u32 = 400;

/// Runs an exact computation in `i128`, and again in `BigInt` when `i128` overflowed.
///
/// `None` only when the computation has no answer in either (a zero divisor, or figures far
/// beyond the input limits).
pub fn exact<T>(fast: impl FnOnce() -> Option<T>, wide: impl FnOnce() -> Option<T>) -> Option<T> {
    fast().or_else(wide)
}

/// `exact(|| f::<i128>(args), || f::<BigInt>(args))` for a function generic over `Wide`.
#[macro_export]
macro_rules! exact {
    ($f:ident($($arg:expr),* $(,)?)) => {
        $crate::number::exact(
            || $f::<i128>($($arg),*),
            || $f::<$crate::number::BigInt>($($arg),*),
        )
    };
}

pub use num_bigint::BigInt;

impl Dec {
    /// The value as `(numerator, denominator > 0)`, not reduced (equal ratios give equal
    /// results everywhere they are used: comparisons, floors, divisions to 28 digits).
    pub fn ratio<W: Wide>(&self) -> Option<(W, W)> {
        if self.exp >= 0 {
            Some((
                W::of(self.coeff).times(&W::pow10(self.exp.unsigned_abs())?)?,
                W::of(1),
            ))
        } else {
            Some((W::of(self.coeff), W::pow10(self.exp.unsigned_abs())?))
        }
    }

    /// `coeff × 10^exp` rounded to 28 significant digits (ROUND_HALF_EVEN), as Python's
    /// `Context._fix` does after every operation; None when even the rounded coefficient does
    /// not fit (only beyond the input limits).
    pub fn rounded<W: Wide>(coeff: &W, exp: i32) -> Option<Dec> {
        Dec::rounded_above(coeff, exp, false)
    }

    /// `rounded`, for a value a little above `coeff × 10^exp` when `above` (an inexact
    /// quotient's remainder): a dropped half then rounds up.
    fn rounded_above<W: Wide>(coeff: &W, exp: i32, above: bool) -> Option<Dec> {
        let (coeff, exp) = round_digits(coeff, exp, PRECISION, above)?;
        Some(Dec::new(coeff.to_i128()?, exp))
    }

    /// Python's `Decimal(integer)`: exact (rounded to 28 digits only where no `i128` holds it,
    /// beyond the input limits).
    pub fn whole<W: Wide>(integer: &W) -> Option<Dec> {
        match integer.to_i128() {
            Some(value) => Some(Dec::int(value)),
            None => Dec::rounded(integer, 0),
        }
    }

    /// Python's `self + other` in the default context: the exact sum at the smaller exponent,
    /// then rounded to 28 significant digits (a zero sum keeps the smaller exponent).
    pub fn add_rounded(&self, other: &Dec) -> Option<Dec> {
        // Figures of one exponent far below 28 digits (monthly revenues) add exactly as they are.
        const SMALL: u128 = 10u128.pow(26);
        if self.exp == other.exp
            && self.coeff.unsigned_abs() < SMALL
            && other.coeff.unsigned_abs() < SMALL
        {
            return Some(Dec::new(self.coeff + other.coeff, self.exp));
        }
        exact(
            || add_in::<i128>(self, other),
            || add_in::<num_bigint::BigInt>(self, other),
        )
    }

    /// Python's `self - other` in the default context.
    pub fn sub_rounded(&self, other: &Dec) -> Option<Dec> {
        let negated = Dec::new(other.coeff.checked_neg()?, other.exp);
        self.add_rounded(&negated)
    }

    /// Python's `self.quantize(Decimal(1).scaleb(exp)) + 0` for an exponent at or above `exp`:
    /// the same value written with `exp` (trailing zeros added). None when it would not fit.
    pub fn padded_to(&self, exp: i32) -> Option<Dec> {
        if self.exp < exp {
            return None;
        }
        let factor = 10i128.checked_pow(self.exp.checked_sub(exp)?.unsigned_abs())?;
        Some(Dec::new(self.coeff.checked_mul(factor)?, exp))
    }
}

fn add_in<W: Wide>(a: &Dec, b: &Dec) -> Option<Dec> {
    let exp = a.exp.min(b.exp);
    let scale = |d: &Dec| W::of(d.coeff).times(&W::pow10(d.exp.checked_sub(exp)?.unsigned_abs())?);
    let sum = scale(a)?.plus(&scale(b)?)?;
    Dec::rounded(&sum, exp)
}

/// Rounds `coeff × 10^exp` to at most `precision` significant digits, half to even; `above`:
/// the value is a little above `coeff` in magnitude (it has more digits than `coeff` shows).
fn round_digits<W: Wide>(coeff: &W, exp: i32, precision: u32, above: bool) -> Option<(W, i32)> {
    let digits = coeff.digits();
    if digits <= precision {
        return Some((coeff.clone(), exp));
    }
    let drop = digits - precision;
    let magnitude = coeff.abs()?;
    let unit = W::pow10(drop)?;
    let (mut kept, remainder) = magnitude.divmod(&unit)?;
    let twice = remainder.times_i(2)?;
    if twice > unit || (twice == unit && (above || kept.is_odd())) {
        kept = kept.plus(&W::of(1))?;
    }
    let mut exp = exp.checked_add(i32::try_from(drop).ok()?)?;
    if kept.digits() > precision {
        // 99…9 rounded up to 10…0: one digit more than the precision, so one zero less.
        kept = kept.divmod(&W::of(10))?.0;
        exp = exp.checked_add(1)?;
    }
    let signed = if coeff.signum() < 0 {
        kept.negated()?
    } else {
        kept
    };
    Some((signed, exp))
}

/// `numerator / denominator` as Python's `Context(prec=28).divide(Decimal(n), Decimal(d))`:
/// exact quotients as close to exponent 0 as they can be, others rounded half to even to 28
/// significant digits. A denominator of 1 gives `Decimal(numerator)` (diamond_cli's
/// `ratio_decimal`). None for a zero denominator.
pub fn ratio_decimal<W: Wide>(numerator: &W, denominator: &W) -> Option<Dec> {
    if denominator.is_zero() {
        return None;
    }
    if *denominator == W::of(1) || numerator.is_zero() {
        return Dec::whole(numerator);
    }
    let negative = (numerator.signum() < 0) != (denominator.signum() < 0);
    let (a, b) = (numerator.abs()?, denominator.abs()?);
    let shift = i64::from(b.digits()) - i64::from(a.digits()) + i64::from(PRECISION) + 1;
    let mut exp = i32::try_from(-shift).ok()?;
    let (mut coeff, remainder) = if shift >= 0 {
        a.scaled_divmod(u32::try_from(shift).ok()?, &b)?
    } else {
        a.divmod(&b.times(&W::pow10(u32::try_from(-shift).ok()?)?)?)?
    };
    // Inexact, `coeff` has at least 29 digits and the true value is a little above it: Python
    // adds 1 to a last digit of 0 or 5 for that; a dropped half rounding up is the same.
    let inexact = !remainder.is_zero();
    if !inexact {
        // The trailing zeros go, as many at a time as divide evenly (a 29-digit quotient of
        // whole numbers has up to 28 of them; one division each was most of a ratio's cost).
        for step in [16u32, 8, 4, 2, 1] {
            while exp < 0 && u32::try_from(-exp).is_ok_and(|places| places >= step) {
                let (shorter, rest) = coeff.divmod(&W::pow10(step)?)?;
                if !rest.is_zero() {
                    break;
                }
                coeff = shorter;
                exp += i32::try_from(step).ok()?;
            }
        }
    }
    if negative {
        coeff = coeff.negated()?;
    }
    Dec::rounded_above(&coeff, exp, inexact)
}

/// diamond_cli's `shown_ratio`: `numerator / denominator` (denominator > 0) rounded half to
/// even to `places` decimals, or to more where rounding would put it on the other side of
/// `limit` (98.995 against 99 stays 98.995); after 20 more digits, the 28-digit quotient.
pub fn shown_ratio<W: Wide>(
    numerator: &W,
    denominator: &W,
    limit: &Dec,
    places: u32,
) -> Option<Dec> {
    let (bound_numerator, bound_denominator) = limit.ratio::<W>()?;
    let exact_side = numerator
        .times(&bound_denominator)?
        .minus(&bound_numerator.times(denominator)?)?
        .signum();
    for digits in places..places + 20 {
        let shift = W::pow10(digits)?;
        let (floor, remainder) = numerator.scaled_divmod(digits, denominator)?;
        let twice = remainder.times_i(2)?;
        let shown = if twice > *denominator || (twice == *denominator && floor.is_odd()) {
            floor.plus(&W::of(1))?
        } else {
            floor
        };
        let side = shown
            .times(&bound_denominator)?
            .minus(&bound_numerator.times(&shift)?)?
            .signum();
        if side == exact_side {
            return Dec::rounded(&shown, -i32::try_from(digits).ok()?);
        }
    }
    ratio_decimal(numerator, denominator)
}

/// diamond_cli's `shown_against` for a `Decimal` value: rounded to `places` decimals, or more
/// where rounding would cross `limit`; values with no more decimals than that are only padded.
pub fn shown_against(value: &Dec, limit: &Dec, places: u32) -> Option<Dec> {
    let exp = -i32::try_from(places).ok()?;
    if value.exp >= exp {
        return value.padded_to(exp);
    }
    exact(
        || {
            let (n, d) = value.ratio::<i128>()?;
            shown_ratio(&n, &d, limit, places)
        },
        || {
            let (n, d) = value.ratio::<num_bigint::BigInt>()?;
            shown_ratio(&n, &d, limit, places)
        },
    )
}

/// Python's `-(-numerator * 100 // denominator)` as diamond_cli's `_grosz_up_ratio` shows it:
/// the amount in PLN rounded up to the grosz, `Decimal(grosze) / 100`, or a whole number of
/// PLN when the grosze are a whole number of PLN.
pub fn grosz_up<W: Wide>(numerator: &W, denominator: &W) -> Option<Dec> {
    let grosze = numerator.times_i(-100)?.divmod(denominator)?.0.negated()?;
    let (pln, rest) = grosze.divmod(&W::of(100))?;
    if rest.is_zero() {
        Dec::whole(&pln)
    } else {
        ratio_decimal(&grosze, &W::of(100))
    }
}

/// `numerator / denominator` rounded down to `places` decimals (trailing zeros dropped): a
/// margin from a limit, which must never read larger than it is. None for a zero denominator.
pub fn floor_ratio<W: Wide>(numerator: &W, denominator: &W, places: u32) -> Option<Dec> {
    let shift = W::pow10(places)?;
    // `divmod` floors, as Python's `//` does.
    let floor = numerator.scaled_divmod(places, denominator)?.0;
    ratio_decimal(&floor, &shift)
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

    /// `str()` of a Python Decimal as coefficient and exponent.
    fn py(coeff: i128, exp: i32) -> Dec {
        Dec::new(coeff, exp)
    }

    fn same(a: Option<Dec>, b: Dec) {
        let a = a.expect("a value");
        assert_eq!(
            (a.coeff, a.exp),
            (b.coeff, b.exp),
            "{} against {}",
            a.to_plain(),
            b.to_plain()
        );
    }

    #[test]
    fn divides_as_python_context_28_divides() {
        // expected values from diamond_cli.numbers.ratio_decimal
        same(
            ratio_decimal(&2i128, &3),
            py(6666666666666666666666666667, -28),
        );
        same(ratio_decimal(&-1i128, &8), py(-125, -3));
        same(ratio_decimal(&100i128, &4), py(25, 0));
        // every trailing zero of an exact quotient goes, however many (here 28, then 27)
        same(ratio_decimal(&10i128.pow(20), &10i128.pow(20)), py(1, 0));
        same(
            ratio_decimal(&(7 * 10i128.pow(12)), &(2 * 10i128.pow(13))),
            py(35, -2),
        );
        same(ratio_decimal(&-3i128, &30), py(-1, -1));
        // exact halves at the 29th digit go to even; an exact 29-digit integer over 1 stays exact
        same(
            ratio_decimal(&(5 * 10i128.pow(28) + 5), &10),
            py(5 * 10i128.pow(27), 0),
        );
        same(
            ratio_decimal(&(2 * 10i128.pow(28) - 1), &2),
            py(10i128.pow(27), 1),
        );
        same(
            ratio_decimal(&(10i128.pow(29) - 1), &1),
            py(10i128.pow(29) - 1, 0),
        );
        // 10^28 × 10^29 passes i128's bounds, but long division keeps it in i128: as BigInt
        let (a, b) = (25 * 10i128.pow(27) + 5, 10i128.pow(28));
        same(ratio_decimal(&a, &b), py(2500000000000000000000000000, -27));
        same(
            ratio_decimal(&BigInt::of(a), &BigInt::of(b)),
            py(2500000000000000000000000000, -27),
        );
        // a 38-digit divisor leaves long division no room: None in i128 (`exact` retries)
        assert_eq!(ratio_decimal(&1i128, &(3 * 10i128.pow(37))), None);
        let big = BigInt::from(10).pow(40);
        same(
            ratio_decimal(&big, &BigInt::from(3)),
            py(3333333333333333333333333333, 12),
        );
        assert_eq!(ratio_decimal(&1i128, &0), None);
    }

    #[test]
    fn shows_a_ratio_without_crossing_its_limit() {
        // diamond_cli.numbers.shown_ratio / shown_against
        same(
            shown_ratio(&1979900i128, &19999, &Dec::int(99), 2),
            py(989999, -4),
        );
        same(shown_ratio(&-2400i128, &13, &Dec::ZERO, 2), py(-18462, -2));
        same(
            shown_ratio(
                &BigInt::of(1),
                &BigInt::of(3 * 10i128.pow(30)),
                &Dec::ZERO,
                2,
            ),
            py(3333333333333333333333333333, -58),
        );
        same(shown_against(&py(995, -1), &Dec::int(99), 2), py(9950, -2));
        same(
            shown_against(&py(98995, -3), &Dec::int(99), 2),
            py(98995, -3),
        );
        same(shown_against(&Dec::int(5), &Dec::int(2), 2), py(500, -2));
    }

    #[test]
    fn adds_as_python_adds() {
        // one exponent, far below 28 digits: the plain sum
        same(py(4000005, -1).add_rounded(&py(-4000005, -1)), py(0, -1));
        same(py(25, -2).add_rounded(&py(75, -2)), py(100, -2));
        same(Dec::new(1, 3).add_rounded(&Dec::ZERO), py(1000, 0));
        same(Dec::ZERO.add_rounded(&py(0, -3)), py(0, -3));
        same(py(5, -1).sub_rounded(&py(50, -2)), py(0, -2));
        // 28 significant digits, half to even
        same(
            py(10i128.pow(27), 0).add_rounded(&py(5, -1)),
            py(10i128.pow(27), 0),
        );
        same(
            py(10i128.pow(27) + 1, 0).add_rounded(&py(5, -1)),
            py(10i128.pow(27) + 2, 0),
        );
    }

    #[test]
    fn rounds_up_to_the_grosz() {
        // diamond_cli.engine._grosz_up_ratio
        same(grosz_up(&1i128, &3), py(34, -2));
        same(grosz_up(&-1i128, &3), py(-33, -2));
        same(grosz_up(&300i128, &1), py(300, 0));
        same(grosz_up(&12345i128, &1000), py(1235, -2));
    }

    #[test]
    fn divides_to_the_floor_in_both_widths() {
        for (a, b, q, r) in [
            (7, 2, 3, 1),
            (-7, 2, -4, 1),
            (7, -2, -4, -1),
            (-7, -2, 3, -1),
            (i128::MAX, 1, i128::MAX, 0),
        ] {
            assert_eq!(a.divmod(&b), Some((q, r)));
            let wide = BigInt::of(a).divmod(&BigInt::of(b)).unwrap();
            assert_eq!(wide, (BigInt::of(q), BigInt::of(r)));
        }
        assert_eq!(i128::MIN.divmod(&-1), None);
        // scaled by a power of ten, by long division: as BigInt computes it whenever it fits
        for a in [
            0i128,
            1,
            -1,
            7,
            -7,
            123_456_789_012_345,
            -999_999_999_999_999_999,
        ] {
            for b in [
                1i128,
                3,
                -3,
                7,
                99_999_999_999,
                10i128.pow(20) + 7,
                10i128.pow(37),
            ] {
                for power in [0u32, 1, 12, 29, 40] {
                    let wide = BigInt::of(a).scaled_divmod(power, &BigInt::of(b)).unwrap();
                    let fits = wide.0.to_i128().zip(wide.1.to_i128());
                    let fast = a.scaled_divmod(power, &b);
                    if fast.is_some() || b.digits() < 38 && b > 0 {
                        assert_eq!(fast, fits, "{a} × 10^{power} divmod {b}");
                    }
                }
            }
        }
        assert_eq!(5i128.divmod(&0), None);
    }
}
