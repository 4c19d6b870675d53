//! A `Value` to `Figures`: every field's validation and every input error's wording.
//!
//! A port of `diamond_cli.inputs` (`validate_fields`, `build_figures`, the `as_*` converters,
//! `revenue_by_category`, `closest`) with identical error texts and the same order of checks:
//! unknown fields first (the first one, with the closest valid name), then each field in the
//! record's order (the first error wins), then the required fields.
//!
//! # Numbers in a `Value`
//!
//! A `Value::Number` literal is read as Python would hold the value: an `int` when it is
//! `-?[0-9]+` of at most 4,300 characters (JSON integers; `str()` of a Python int), otherwise
//! `Decimal(literal)` (JSON fractions and exponents, `NaN`, `Infinity`, `-Infinity`; `repr()` of
//! a Python float). The difference matters: `seller` and `nip` take integers, not Decimals, and a
//! negative integer count is "cannot be negative" where a Decimal is checked as a number first.
//! A Python `Decimal` (a CSV cell, a YAML value) must therefore be handed over through
//! [`decimal_literal`], which never looks like an integer; CSV cells through [`csv_number`] and
//! [`csv_count`] (ports of `batch._csv_number` and `batch._csv_count`).

mod decimal;
mod difflib;
mod pytext;
mod unicode;
mod words;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::{Arg, InputError};
use crate::figures::{CategoryId, Figures, Grade, Ratings, Seller};
use crate::hash::WordMap;
use crate::json::{parse_json, type_key, type_name};
use crate::nip::{compact_nip, nip_problem};
use crate::number::Dec;
use crate::table::{Category, Table};
use crate::value::{Text, Value};
use decimal::{BigDec, PyNum, Refusal};

pub use decimal::decimal_str;
pub use pytext::py_repr;

/// The fields a record may have, in the order errors suggest them.
pub const RECORD_FIELDS: [&str; 16] = [
    "seller",
    "nip",
    "business_account",
    "ratings",
    "positive_ratings_pct",
    "quality",
    "other_accounts_quality",
    "revenue",
    "monthly_revenue",
    "category_growth_pct",
    "category_market_growth_pct",
    "brand_zone_revenue",
    "suspended",
    "transaction_problems_pct",
    "exportable_pct",
    "new_condition_pct",
];

/// A null is an error for these (not "not given"), and `build` requires them.
pub const REQUIRED_FIELDS: [&str; 3] = ["business_account", "quality", "revenue"];

#[cfg(test)]
mod field_table {
    #[test]
    fn every_field_has_a_kind() {
        for field in super::RECORD_FIELDS {
            assert!(super::field_kind(field).is_some(), "{field}");
        }
    }

    /// `convert_field` reads every field of the list, and only those (it tells unknown keys).
    #[test]
    fn every_field_is_read() {
        let categories = super::Categories::of(&[]);
        let known = |key: &str| {
            let mut fields = super::Fields::default();
            let value = crate::value::Value::Bool(true);
            !matches!(
                super::convert_field(&mut fields, key, &value, &categories),
                Ok(false)
            )
        };
        for field in super::RECORD_FIELDS {
            assert!(known(field), "{field}");
        }
        assert!(!known("revenues") && !known(""));
    }
}

// ---------------------------------------------------------------- the record

/// A record's fields, each validated, before the required ones are checked (`validate_fields`'s
/// dict): the batch may still merge saved Allegro responses into it. A field given as null is
/// `None` like an absent one. `brand_zone_revenue` given as `{}` is `Some(vec![])` here and
/// `None` in `Figures`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields {
    pub seller: Option<Seller>,
    pub nip: Option<String>,
    pub business_account: Option<bool>,
    pub ratings: Option<Ratings>,
    pub positive_ratings_pct: Option<Dec>,
    pub quality: Option<Grade>,
    pub other_accounts_quality: Option<Vec<Grade>>,
    pub revenue: Option<Vec<(CategoryId, Dec)>>,
    pub monthly_revenue: Option<Vec<Dec>>,
    pub category_growth_pct: Option<Dec>,
    pub category_market_growth_pct: Option<Dec>,
    pub brand_zone_revenue: Option<Vec<(CategoryId, Dec)>>,
    pub suspended: Option<bool>,
    pub transaction_problems_pct: Option<Dec>,
    pub exportable_pct: Option<Dec>,
    pub new_condition_pct: Option<Dec>,
}

/// One seller record (`check --json`, a file): JSON bytes to validated figures.
pub fn decode_json(bytes: &[u8], categories: &Categories) -> Result<Figures, InputError> {
    decode(&parse_json(bytes)?, categories)
}

/// A record to figures (`parse_record`); not an object: `parse_document`'s error.
pub fn decode(value: &Value, categories: &Categories) -> Result<Figures, InputError> {
    match value {
        Value::Object(members) => validate_fields(members, categories)?.build(),
        other => Err(InputError::new(
            None,
            format!(
                "expected one seller record (an object), found {}",
                type_name(other)
            ),
        )),
    }
}

/// Each present field of a record, validated; an unknown field is an error. The first error
/// only (a batch row's); `validate_all` collects them.
pub fn validate_fields(
    members: &[(Text, Value)],
    categories: &Categories,
) -> Result<Fields, InputError> {
    let (fields, mut errors) = validate_all(members, categories);
    match errors.is_empty() {
        true => Ok(fields),
        false => Err(errors.swap_remove(0)),
    }
}

/// Every present field validated, and every error: the unknown fields first (each with the
/// closest valid name), then each invalid field's first problem, in the record's order. A field
/// in error stays `None`.
pub fn validate_all(
    members: &[(Text, Value)],
    categories: &Categories,
) -> (Fields, Vec<InputError>) {
    let mut errors: Vec<InputError> = Vec::new();
    let mut invalid: Vec<InputError> = Vec::new();
    let mut fields = Fields::default();
    for (key, value) in members {
        let key = key.as_str();
        if matches!(value, Value::Null) && !REQUIRED_FIELDS.contains(&key) {
            // null means "not given" for an optional figure
            if !RECORD_FIELDS.contains(&key) {
                errors.push(unknown_record_field(key));
            }
            continue;
        }
        match convert_field(&mut fields, key, value, categories) {
            Ok(true) => {}
            Ok(false) => errors.push(unknown_record_field(key)),
            Err(error) => invalid.push(under(key, error)),
        }
    }
    errors.append(&mut invalid);
    (fields, errors)
}

/// A record to figures, or every problem it has: its fields' (`validate_all`), then each
/// required field it does not give at all.
pub fn decode_all(value: &Value, categories: &Categories) -> Result<Figures, Vec<InputError>> {
    let Value::Object(members) = value else {
        return decode(value, categories).map_err(|error| vec![error]);
    };
    let (fields, mut errors) = validate_all(members, categories);
    let given = |key: &str| members.iter().any(|(name, _)| name == key);
    errors.extend(
        fields
            .missing()
            .into_iter()
            .filter(|error| error.field.as_deref().is_some_and(|field| !given(field)))
            .filter(|error| {
                error.field.as_deref() != Some("ratings") || !given("positive_ratings_pct")
            }),
    );
    match errors.is_empty() {
        true => fields.build().map_err(|error| vec![error]),
        false => Err(errors),
    }
}

/// The kind of value each field is read as (what `convert_field` reads it with), named for the
/// JSON Schema that `diamond schema input` derives from it.
pub fn field_kind(field: &str) -> Option<&'static str> {
    Some(match field {
        "seller" => "seller",
        "nip" => "nip",
        "business_account" | "suspended" => "bool",
        "ratings" => "ratings",
        "positive_ratings_pct"
        | "transaction_problems_pct"
        | "exportable_pct"
        | "new_condition_pct" => "share_pct",
        "quality" => "grade",
        "other_accounts_quality" => "grades",
        "revenue" => "revenue",
        "brand_zone_revenue" => "revenue_or_empty",
        "monthly_revenue" => "months",
        "category_growth_pct" | "category_market_growth_pct" => "number",
        _ => return None,
    })
}

/// How many monthly totals `monthly_revenue` may hold (a year-on-year pair, or one year).
pub const MONTH_COUNTS: [usize; 2] = [12, 24];

/// The field `key` of a record read into `fields`; false for a key that names no field.
fn convert_field(
    fields: &mut Fields,
    key: &str,
    value: &Value,
    categories: &Categories,
) -> Result<bool, InputError> {
    match key {
        "seller" => fields.seller = Some(as_seller(value)?),
        "nip" => fields.nip = Some(as_nip(value)?),
        "business_account" => fields.business_account = Some(as_bool(value)?),
        "ratings" => fields.ratings = Some(as_ratings(value)?),
        "positive_ratings_pct" => fields.positive_ratings_pct = Some(as_share_pct(value, true)?),
        "quality" => fields.quality = Some(as_grade(value)?),
        "other_accounts_quality" => fields.other_accounts_quality = Some(as_grades(value)?),
        "revenue" => fields.revenue = Some(revenue_by_category(value, categories, false)?),
        "monthly_revenue" => fields.monthly_revenue = Some(as_months(value)?),
        "category_growth_pct" => fields.category_growth_pct = Some(as_number(value, true)?),
        "category_market_growth_pct" => {
            fields.category_market_growth_pct = Some(as_number(value, true)?)
        }
        "brand_zone_revenue" => {
            fields.brand_zone_revenue = Some(revenue_by_category(value, categories, true)?)
        }
        "suspended" => fields.suspended = Some(as_bool(value)?),
        "transaction_problems_pct" => {
            fields.transaction_problems_pct = Some(as_share_pct(value, true)?)
        }
        "exportable_pct" => fields.exportable_pct = Some(as_share_pct(value, true)?),
        "new_condition_pct" => fields.new_condition_pct = Some(as_share_pct(value, true)?),
        _ => return Ok(false),
    }
    Ok(true)
}

impl Fields {
    /// Typed figures (`build_figures`); a missing required field is an input error.
    pub fn build(self) -> Result<Figures, InputError> {
        if let Some(error) = self.missing().into_iter().next() {
            return Err(error);
        }
        let (Some(business_account), Some(quality), Some(revenue)) =
            (self.business_account, self.quality, self.revenue)
        else {
            return Err(missing_field("revenue")); // not reached: `missing` found them all
        };
        Ok(Figures {
            seller: self.seller,
            nip: self.nip,
            business_account,
            ratings: self.ratings,
            positive_ratings_pct: self.positive_ratings_pct,
            quality,
            other_accounts_given: self.other_accounts_quality.is_some(),
            other_accounts_quality: self.other_accounts_quality.unwrap_or_default(),
            revenue,
            monthly_revenue: self.monthly_revenue,
            category_growth_pct: self.category_growth_pct,
            category_market_growth_pct: self.category_market_growth_pct,
            brand_zone_revenue: self.brand_zone_revenue.filter(|zone| !zone.is_empty()),
            suspended_given: self.suspended.is_some(),
            suspended: self.suspended.unwrap_or(false),
            transaction_problems_pct: self.transaction_problems_pct,
            exportable_pct: self.exportable_pct,
            new_condition_pct: self.new_condition_pct,
        })
    }
}

fn missing_field(field: &str) -> InputError {
    InputError::keyed(Some(field.to_string()), "input.missing", vec![])
}

impl Fields {
    /// An error for each required field that is not here, in the order of `REQUIRED_FIELDS`,
    /// then the ratings (counts or a percentage).
    pub fn missing(&self) -> Vec<InputError> {
        let given = [
            self.business_account.is_some(),
            self.quality.is_some(),
            self.revenue.is_some(),
        ];
        let mut errors: Vec<InputError> = REQUIRED_FIELDS
            .iter()
            .zip(given)
            .filter(|(_, given)| !given)
            .map(|(field, _)| missing_field(field))
            .collect();
        if self.ratings.is_none() && self.positive_ratings_pct.is_none() {
            errors.push(InputError::keyed(
                Some("ratings".to_string()),
                "input.missing_ratings",
                vec![],
            ));
        }
        errors
    }
}

/// An error in the value at `key`, its field (if any) nested under `key`: `revenue.Kids`, but
/// `monthly_revenue[3]` (a key that merely starts with `[` is still joined with a dot).
fn under(key: &str, mut error: InputError) -> InputError {
    error.field = Some(match error.field.take() {
        None => key.to_string(),
        Some(inner) => {
            let mut chars = inner.chars();
            let index = chars.next() == Some('[') && chars.next().is_some_and(pytext::is_digit);
            let joiner = if index { "" } else { "." };
            format!("{key}{joiner}{inner}")
        }
    });
    error
}

fn problem(text: impl Into<String>) -> InputError {
    InputError::new(None, text)
}

/// The error of sentence `key` (its field named by the caller).
fn keyed(key: &'static str, args: Vec<(&'static str, Arg)>) -> InputError {
    InputError::keyed(None, key, args)
}

fn text(value: impl Into<String>) -> Arg {
    Arg::Text(value.into())
}

/// `expected_…, found <the value's type>`.
fn wrong_type(key: &'static str, value: &Value) -> InputError {
    keyed(key, vec![("found", Arg::Word(type_key(value)))])
}

/// `unknown field`, with the closest of `options` when one is close enough.
fn unknown_field<'a>(key: &str, options: impl IntoIterator<Item = &'a str>) -> InputError {
    unknown_field_named(key, difflib::close_match(key, options))
}

/// `unknown_field` among the record's fields. A batch meets the same unknown column on row
/// after row, and scoring it against every field costs more than the rest of a record: each
/// thread remembers the last names it scored (forgotten all at once when full, so that memory
/// stays flat).
fn unknown_record_field(key: &str) -> InputError {
    const REMEMBERED: usize = 64;
    thread_local! {
        static SCORED: RefCell<Vec<(Text, Option<&'static str>)>> = const { RefCell::new(Vec::new()) };
    }
    let known = SCORED.with_borrow(|scored| {
        scored
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, closest)| *closest)
    });
    let closest = known.unwrap_or_else(|| {
        let closest = difflib::close_match(key, RECORD_FIELDS);
        SCORED.with_borrow_mut(|scored| {
            if key.len() > REMEMBERED_LEN {
                return; // an outlandish name is scored again rather than held
            }
            if scored.len() >= REMEMBERED {
                scored.clear();
            }
            scored.push((key.into(), closest));
        });
        closest
    });
    unknown_field_named(key, closest)
}

/// The longest name or spelling a thread's memory keeps (so that it stays a few KiB).
const REMEMBERED_LEN: usize = 64;

fn unknown_field_named(key: &str, closest: Option<&str>) -> InputError {
    let error = match closest {
        Some(name) => keyed(
            "input.unknown_field_hint",
            vec![("name", text(py_repr(name)))],
        ),
        None => keyed("input.unknown_field", vec![]),
    };
    InputError {
        field: Some(key.to_string()),
        ..error
    }
}

/// The option closest to `name` (`difflib`, cutoff 0.6), if one is close enough.
pub fn close_match<'a>(name: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    difflib::close_match(name, options)
}

/// `; did you mean 'x'?` when an option is close enough (`difflib`, cutoff 0.6), else nothing.
pub fn closest<'a>(name: &str, options: impl IntoIterator<Item = &'a str>) -> String {
    match difflib::close_match(name, options) {
        Some(option) => format!("; did you mean {}?", py_repr(option)),
        None => String::new(),
    }
}

// ---------------------------------------------------------------- numbers

/// Literals of at most 27 digits with at most 15 before the point and 12 after, no sign but
/// `-`, no exponent: what nearly every record holds, read without allocating.
fn plain_number(literal: &str) -> Option<Dec> {
    let bytes = literal.as_bytes();
    let (negative, body) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let (whole, fraction) = match body.iter().position(|&b| b == b'.') {
        Some(at) => (body.get(..at)?, Some(body.get(at + 1..)?)),
        None => (body, None),
    };
    // At most 15 significant digits before the point and 12 after: each part fits a u64.
    let digits = |part: &[u8], most: usize| -> Option<u64> {
        let zeros = part.iter().take_while(|&&b| b == b'0').count();
        if part.len() - zeros > most {
            return None;
        }
        part.iter().try_fold(0u64, |value, &b| {
            let digit = b.wrapping_sub(b'0');
            (digit <= 9).then(|| value * 10 + u64::from(digit))
        })
    };
    if whole.is_empty() || fraction.is_some_and(<[u8]>::is_empty) {
        return None;
    }
    let mut coeff = i128::from(digits(whole, 15)?);
    let mut exp = 0;
    if let Some(fraction) = fraction {
        if fraction.len() > 12 {
            return None;
        }
        let places = u32::try_from(fraction.len()).ok()?;
        coeff = coeff * 10i128.pow(places) + i128::from(digits(fraction, 12)?);
        exp = -i32::try_from(places).ok()?;
    }
    Some(Dec::new(if negative { -coeff } else { coeff }, exp))
}

fn not_a_number(literal: &str) -> InputError {
    keyed("input.not_a_number", vec![("text", text(py_repr(literal)))])
}

fn read_number(literal: &str) -> Result<PyNum, InputError> {
    decimal::read(literal).ok_or_else(|| not_a_number(literal))
}

fn checked(number: &BigDec) -> Result<Dec, InputError> {
    number.checked().map_err(|refusal| match refusal {
        Refusal::TooLarge(shown) => problem(format!("{shown} is too large")),
        Refusal::Places => problem(format!("more than {} decimal places", decimal::MAX_PLACES)),
    })
}

fn finite(number: PyNum) -> Result<Dec, InputError> {
    match number {
        PyNum::Special(shown) => Err(problem(format!("numbers must be finite, found {shown}"))),
        other => match other.to_decimal() {
            Some(decimal) => checked(&decimal),
            None => Err(problem("expected a number")),
        },
    }
}

/// `numbers.parse_decimal_text`: `1 234 567,89`, `99,8`, `-3.5` (spaces, NBSP, thin spaces and
/// underscores dropped; one comma and no point is a decimal comma).
pub fn parse_decimal_text(text: &str) -> Result<PyNumber, InputError> {
    let mut cleaned: String = pytext::strip(text)
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .collect();
    if cleaned.matches(',').count() == 1 && !cleaned.contains('.') {
        cleaned = cleaned.replace(',', ".");
    }
    if cleaned.is_empty() || !cleaned.chars().all(|c| "0123456789.+-eE".contains(c)) {
        return Err(not_a_number(text));
    }
    match decimal::read_decimal(&cleaned) {
        Some(PyNum::Finite(number)) => Ok(PyNumber(number)),
        _ => Err(not_a_number(text)),
    }
}

/// A finite Python `Decimal` read from text (see [`parse_decimal_text`]).
pub struct PyNumber(BigDec);

impl PyNumber {
    /// A literal that reads back as this Decimal, never as an integer.
    pub fn literal(&self) -> Box<str> {
        let sign = if self.0.negative { "-" } else { "" };
        format!("{sign}{}E{}", self.0.digits, self.0.exp).into_boxed_str()
    }
}

/// A literal for a Python `Decimal` given as its `str()`: `5` becomes `5E0`, so that it is not
/// read as an integer; any other text is kept.
pub fn decimal_literal(text: &str) -> Box<str> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        format!("{text}E0").into_boxed_str()
    } else {
        text.into()
    }
}

/// `batch._csv_number`: a CSV cell's number, its error naming `field`.
pub fn csv_number(field: &str, text: &str) -> Result<Value, InputError> {
    match parse_decimal_text(text) {
        Ok(number) => Ok(Value::Number(number.literal().into())),
        Err(error) => Err(InputError::new(Some(field.to_string()), error.problem)),
    }
}

/// `batch._csv_count`: an integer when whole and below 10^15 (as JSON gives a count), else the
/// Decimal, which validation then refuses with its own message.
pub fn csv_count(field: &str, text: &str) -> Result<Value, InputError> {
    let number = match parse_decimal_text(text) {
        Ok(PyNumber(number)) => number,
        Err(error) => return Err(InputError::new(Some(field.to_string()), error.problem)),
    };
    if let Some(whole) = number.checked().ok().as_ref().and_then(integral) {
        return Ok(Value::Number(whole.to_string().into()));
    }
    Ok(Value::Number(PyNumber(number).literal().into()))
}

/// The value as an integer, when it is one.
fn integral(number: &Dec) -> Option<i128> {
    let (numerator, scale) = number.scaled()?;
    let unit = 10i128.checked_pow(scale)?;
    (numerator % unit == 0).then(|| numerator / unit)
}

/// `as_number`: an exact, finite number within the format's limits; text (`"99,8"`) only
/// where `allow_text`.
fn as_number(value: &Value, allow_text: bool) -> Result<Dec, InputError> {
    match value {
        Value::Number(literal) => match plain_number(literal) {
            Some(number) => Ok(number),
            None => finite(read_number(literal)?),
        },
        Value::Bool(_) => Err(wrong_type("input.expected_number", value)),
        Value::String(text) if allow_text => {
            let PyNumber(number) = parse_decimal_text(text)?;
            checked(&number)
        }
        other => Err(wrong_type("input.expected_number", other)),
    }
}

fn as_money(value: &Value) -> Result<Dec, InputError> {
    let number = as_number(value, false)?;
    if number.is_negative() {
        return Err(keyed(
            "input.negative_amount",
            vec![("number", text(decimal_str(&number)))],
        ));
    }
    Ok(number)
}

pub fn as_share_pct(value: &Value, allow_text: bool) -> Result<Dec, InputError> {
    let number = as_number(value, allow_text)?;
    if number.is_negative() || number > Dec::int(100) {
        return Err(keyed(
            "input.share_range",
            vec![("number", text(decimal_str(&number)))],
        ));
    }
    Ok(number)
}

pub fn as_count(value: &Value) -> Result<u64, InputError> {
    let literal = match value {
        Value::Number(literal) => literal,
        other => return Err(wrong_type("input.expected_count", other)),
    };
    if literal.len() <= 15 && literal.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(count) = literal.parse::<u64>() {
            return Ok(count); // the fast path: a plain count
        }
    }
    match read_number(literal)? {
        PyNum::Int { negative, digits } => {
            let shown = || {
                BigDec {
                    negative,
                    digits: digits.clone(),
                    exp: 0,
                }
                .shown()
            };
            if negative {
                return Err(keyed(
                    "input.negative_count",
                    vec![("number", text(shown()))],
                ));
            }
            match digits.parse::<u64>() {
                Ok(count) if digits.len() <= 15 => Ok(count),
                _ => Err(problem(format!("{} is too large", shown()))),
            }
        }
        other => {
            let number = finite(other)?;
            let whole = integral(&number).ok_or_else(|| {
                keyed(
                    "input.expected_count",
                    vec![("found", text(decimal_str(&number)))],
                )
            })?;
            if whole < 0 {
                return Err(keyed(
                    "input.negative_count",
                    vec![("number", text(whole.to_string()))],
                ));
            }
            u64::try_from(whole).map_err(|_| problem(format!("{whole} is too large")))
        }
    }
}

// ---------------------------------------------------------------- the other fields

fn as_bool(value: &Value) -> Result<bool, InputError> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        other => Err(wrong_type("input.expected_bool", other)),
    }
}

fn as_seller(value: &Value) -> Result<Seller, InputError> {
    match value {
        Value::String(text) => Ok(Seller::Text(text.to_string())),
        Value::Number(literal) => match decimal::read(literal) {
            // An id beyond i128 (Python keeps any int) is echoed as its digits.
            Some(PyNum::Int { negative, digits }) => {
                let text = if negative {
                    format!("-{digits}")
                } else {
                    digits
                };
                Ok(match text.parse::<i128>() {
                    Ok(id) => Seller::Id(id),
                    Err(_) => Seller::Text(text),
                })
            }
            _ => Err(wrong_type("input.expected_text", value)),
        },
        other => Err(wrong_type("input.expected_text", other)),
    }
}

pub fn as_nip(value: &Value) -> Result<String, InputError> {
    let (text, given) = match value {
        Value::String(given) => (compact_nip(given), given.to_string()),
        Value::Number(literal) => match decimal::read(literal) {
            Some(PyNum::Int { negative, digits }) => {
                let text = if negative {
                    format!("-{digits}")
                } else {
                    digits
                };
                (text.clone(), text)
            }
            _ => return Err(problem("expected a NIP as text, found a number")),
        },
        other => {
            return Err(problem(format!(
                "expected a NIP as text, found {}",
                type_name(other)
            )))
        }
    };
    match nip_problem(&text) {
        None => Ok(text),
        Some(why) => {
            let mut error = problem(why);
            error.nip = Some(given);
            Err(error)
        }
    }
}

/// The grades' names as `as_grade` matches them (casefolded): API codes, Polish names.
const GRADE_NAMES: [(&str, Grade); 12] = [
    ("unacceptable", Grade::Unacceptable),
    ("nieakceptowalny", Grade::Unacceptable),
    ("needs_improvement", Grade::NeedsImprovement),
    ("wymaga poprawy", Grade::NeedsImprovement),
    ("neutral", Grade::Neutral),
    ("neutralny", Grade::Neutral),
    ("good", Grade::Good),
    ("dobry", Grade::Good),
    ("super", Grade::Super),
    ("super_plus", Grade::SuperPlus),
    ("super+", Grade::SuperPlus),
    ("super", Grade::Super),
];

/// What an unknown grade's suggestion is chosen from.
const GRADE_CHOICES: [&str; 12] = [
    "UNACCEPTABLE",
    "NEEDS_IMPROVEMENT",
    "NEUTRAL",
    "GOOD",
    "SUPER",
    "SUPER_PLUS",
    "Nieakceptowalny",
    "Wymaga poprawy",
    "Neutralny",
    "Dobry",
    "Super",
    "Super+",
];

fn grade_named(key: &str) -> Option<Grade> {
    GRADE_NAMES
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, grade)| *grade)
}

/// Allegro's codes in any case with `-`/space for `_`, or the Polish names.
pub fn as_grade(value: &Value) -> Result<Grade, InputError> {
    let text = match value {
        Value::String(text) => text,
        other => return Err(wrong_type("input.expected_grade", other)),
    };
    if let Some(grade) = Grade::ALL.into_iter().find(|grade| grade.code() == text) {
        return Ok(grade); // the fast path: the API's own code
    }
    let stripped = pytext::strip(text);
    let key = pytext::casefold(stripped);
    if let Some(grade) = grade_named(&key).or_else(|| grade_named(&key.replace(['-', ' '], "_"))) {
        return Ok(grade);
    }
    let code = stripped.to_uppercase().replace(['-', ' '], "_");
    let given = ("grade", Arg::Text(py_repr(text)));
    Err(
        match close_match(&code, GRADE_CHOICES).or_else(|| close_match(stripped, GRADE_CHOICES)) {
            Some(name) => keyed(
                "input.unknown_grade_hint",
                vec![given, ("name", Arg::Text(py_repr(name)))],
            ),
            None => keyed("input.unknown_grade", vec![given]),
        },
    )
}

/// Each item converted; an error names the item's index (`[3]`).
fn items<T>(
    values: &[Value],
    convert: impl Fn(&Value) -> Result<T, InputError>,
) -> Result<Vec<T>, InputError> {
    let mut out = Vec::with_capacity(values.len());
    for (index, item) in values.iter().enumerate() {
        out.push(convert(item).map_err(|error| under(&format!("[{index}]"), error))?);
    }
    Ok(out)
}

fn as_grades(value: &Value) -> Result<Vec<Grade>, InputError> {
    match value {
        Value::Array(values) => items(values, as_grade),
        other => Err(wrong_type("input.expected_grades", other)),
    }
}

fn as_months(value: &Value) -> Result<Vec<Dec>, InputError> {
    match value {
        Value::Array(values) if MONTH_COUNTS.contains(&values.len()) => items(values, as_money),
        Value::Array(values) => Err(keyed(
            "input.month_count",
            vec![("count", text(values.len().to_string()))],
        )),
        other => Err(wrong_type("input.expected_months", other)),
    }
}

fn as_ratings(value: &Value) -> Result<Ratings, InputError> {
    let members = match value {
        Value::Object(members) => members,
        other => return Err(wrong_type("input.expected_ratings", other)),
    };
    const KEYS: [&str; 2] = ["positive", "negative"];
    if let Some((key, _)) = members
        .iter()
        .find(|(key, _)| !KEYS.contains(&key.as_str()))
    {
        return Err(unknown_field(key, KEYS));
    }
    let mut counts = [0u64; 2];
    for (slot, key) in counts.iter_mut().zip(KEYS) {
        let Some((_, count)) = members.iter().rev().find(|(name, _)| name == key) else {
            return Err(InputError::new(Some(key.to_string()), "missing"));
        };
        *slot = as_count(count).map_err(|error| under(key, error))?;
    }
    let [positive, negative] = counts;
    Ok(Ratings { positive, negative })
}

// ---------------------------------------------------------------- categories

/// `thresholds.normalize_category`: case, spacing and `&`/`and` do not matter.
pub fn normalize_category(text: &str) -> String {
    let folded = pytext::casefold(text).replace('&', " ");
    folded
        .split(crate::json::is_python_space)
        .filter(|word| !word.is_empty() && *word != "and")
        .collect()
}

/// Each `Categories` made gets its own id (a clone shares it, and its spellings).
static NEXT_CATEGORIES_ID: AtomicUsize = AtomicUsize::new(0);

/// The table's categories as records spell them, prepared once per run.
#[derive(Clone, Debug)]
pub struct Categories {
    /// Canonical names, by id.
    names: Vec<String>,
    /// Names and aliases exactly as the table writes them (no normalising on the common path).
    exact: WordMap<String, CategoryId>,
    /// `normalize_category` of every name and alias (a later one wins, as in Python's dict).
    normalized: WordMap<String, CategoryId>,
    /// What an unknown spelling's suggestion is chosen from: (normalized, shown), names first,
    /// then aliases, each normalized key once at its first place with its last text.
    suggestions: Vec<(String, String)>,
    /// The words of every name and alias (`words::words`), with its category and its text, in
    /// the table's order, each category's name before its aliases.
    spellings: Vec<(Vec<String>, CategoryId, String)>,
    /// Unknown spellings (normalized) already scored, and what they were offered: a batch meets
    /// the same misspelling again and again, and scoring it is the costliest step of an invalid
    /// record. Emptied when full, so that memory stays flat.
    scored: Arc<Mutex<HashMap<String, Vec<String>>>>,
    /// Which categories these are, for each thread's memory of the spellings it met (`canonical`).
    id: usize,
}

/// How many unknown spellings `Categories` remembers.
const SCORED_SPELLINGS: usize = 4096;

impl Categories {
    pub fn new(table: &Table) -> Categories {
        Categories::of(&table.categories)
    }

    /// From the categories alone (their spellings), for the table commands.
    pub fn of(categories: &[Category]) -> Categories {
        let mut normalized = WordMap::default();
        let mut suggestions: Vec<(String, String)> = Vec::new();
        let mut suggest =
            |key: String, shown: &str| match suggestions.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = shown.to_string(),
                None => suggestions.push((key, shown.to_string())),
            };
        for (id, category) in categories.iter().enumerate() {
            normalized.insert(normalize_category(&category.name), id);
            for alias in category.spellings().skip(1) {
                normalized.insert(normalize_category(alias), id);
            }
        }
        for category in categories {
            suggest(normalize_category(&category.name), &category.name);
        }
        for category in categories {
            for alias in category.spellings().skip(1) {
                suggest(normalize_category(alias), alias);
            }
        }
        let mut exact = WordMap::default();
        for category in categories {
            for spelling in category.spellings() {
                if let Some(&id) = normalized.get(&normalize_category(spelling)) {
                    exact.insert(spelling.clone(), id);
                }
            }
        }
        let spellings = categories
            .iter()
            .enumerate()
            .flat_map(|(id, category)| {
                category
                    .spellings()
                    .map(move |text| (words::words(text), id, text.clone()))
            })
            .collect();
        Categories {
            names: categories.iter().map(|c| c.name.clone()).collect(),
            exact,
            normalized,
            suggestions,
            spellings,
            scored: Arc::default(),
            id: NEXT_CATEGORIES_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// The category a record's spelling names (`canonical_category`), or None.
    pub fn canonical(&self, spelling: &str) -> Option<CategoryId> {
        /// Spellings a thread remembers, forgotten all at once when full: few enough that
        /// even keys chosen to collide cost little, enough for a file's own spellings.
        const REMEMBERED: usize = 256;
        thread_local! {
            static MET: RefCell<(usize, WordMap<Text, Option<CategoryId>>)> =
                RefCell::new((usize::MAX, WordMap::default()));
        }
        if let Some(&id) = self.exact.get(spelling) {
            return Some(id);
        }
        // A spelling the table does not write as is ("KIDS", "building and accessories") comes
        // back row after row; normalising it each time cost more than the rest of its lookup.
        MET.with_borrow_mut(|(owner, met)| {
            if *owner != self.id {
                met.clear();
                *owner = self.id;
            }
            if let Some(&known) = met.get(spelling) {
                return known;
            }
            let found = self.normalized.get(&normalize_category(spelling)).copied();
            if spelling.len() > REMEMBERED_LEN {
                return found; // an outlandish spelling is normalised again rather than held
            }
            if met.len() >= REMEMBERED {
                met.clear();
            }
            met.insert(spelling.into(), found);
            found
        })
    }

    /// The names or aliases an unknown spelling most likely means, as the table writes them:
    /// the categories sharing the most whole words with it (up to `MAX_SUGGESTIONS`, in the
    /// table's order, each by its spelling that shares most), else the one `difflib` finds close.
    pub fn closest(&self, spelling: &str) -> Vec<String> {
        let key = normalize_category(spelling);
        if let Some(found) = self
            .scored
            .lock()
            .ok()
            .and_then(|scored| scored.get(&key).cloned())
        {
            return found;
        }
        let found = self.score(spelling, &key);
        if let Ok(mut scored) = self.scored.lock() {
            if scored.len() >= SCORED_SPELLINGS {
                scored.clear();
            }
            scored.insert(key, found.clone());
        }
        found
    }

    fn score(&self, spelling: &str, key: &str) -> Vec<String> {
        let wanted = words::words(spelling);
        // Per category: the most words one of its spellings shares, and that spelling.
        let mut best: Vec<(CategoryId, usize, &str)> = Vec::new();
        for (candidate, id, text) in &self.spellings {
            let shared = words::shared_words(&wanted, candidate);
            match best.iter_mut().find(|(seen, _, _)| seen == id) {
                Some(entry) if shared > entry.1 => *entry = (*id, shared, text),
                Some(_) => {}
                None => best.push((*id, shared, text)),
            }
        }
        let top = best.iter().map(|(_, shared, _)| *shared).max().unwrap_or(0);
        if top > 0 {
            return best
                .iter()
                .filter(|(_, shared, _)| *shared == top)
                .take(words::MAX_SUGGESTIONS)
                .map(|(_, _, text)| (*text).to_string())
                .collect();
        }
        let close = difflib::close_match(key, self.suggestions.iter().map(|(k, _)| k.as_str()));
        self.suggestions
            .iter()
            .filter(|(k, _)| Some(k.as_str()) == close)
            .map(|(_, shown)| shown.clone())
            .take(1)
            .collect()
    }

    /// The category, or the error naming the spelling with a suggestion.
    pub fn look_up(&self, spelling: &str) -> Result<CategoryId, InputError> {
        if let Some(id) = self.canonical(spelling) {
            return Ok(id);
        }
        let offered = self.closest(spelling);
        let error = if offered.is_empty() {
            keyed("input.unknown_category", vec![])
        } else {
            keyed(
                "input.unknown_category_hint",
                vec![("name", Arg::Either(offered))],
            )
        };
        Err(InputError {
            field: Some(spelling.to_string()),
            ..error
        })
    }

    fn name(&self, id: CategoryId) -> &str {
        self.names.get(id).map_or("", String::as_str)
    }
}

/// `{category: PLN}` keyed by the table's categories; two spellings of one are an error.
fn revenue_by_category(
    value: &Value,
    categories: &Categories,
    allow_empty: bool,
) -> Result<Vec<(CategoryId, Dec)>, InputError> {
    let members = match value {
        Value::Object(members) => members,
        other => return Err(wrong_type("input.expected_revenue", other)),
    };
    if members.is_empty() && !allow_empty {
        return Err(keyed("input.no_category", vec![]));
    }
    let mut result: Vec<(CategoryId, Dec)> = Vec::with_capacity(members.len());
    for (name, amount) in members {
        let id = categories.look_up(name)?;
        if result.iter().any(|(seen, _)| *seen == id) {
            return Err(InputError::new(
                Some(name.to_string()),
                format!("duplicates category {}", py_repr(categories.name(id))),
            ));
        }
        result.push((id, as_money(amount).map_err(|error| under(name, error))?));
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The allocation-free reader of plain literals agrees with the general one wherever
        /// it answers, and answers for every literal of at most 15 + 12 digits.
        #[test]
        fn plain_literals_read_as_the_general_reader_reads_them(
            literal in "-?[0-9]{0,17}(\\.[0-9]{0,14})?"
        ) {
            let general = read_number(&literal).ok().and_then(|n| finite(n).ok());
            match plain_number(&literal) {
                Some(fast) => {
                    let general = general.expect("a number the general reader reads");
                    prop_assert_eq!((fast.coeff, fast.exp), (general.coeff, general.exp));
                }
                None => {
                    let (whole, fraction) = literal.trim_start_matches('-').split_once('.')
                        .unwrap_or((literal.trim_start_matches('-'), "0"));
                    let significant = whole.trim_start_matches('0').len();
                    prop_assert!(
                        whole.is_empty() || fraction.is_empty() || significant > 15 || fraction.len() > 12,
                        "{} refused", literal
                    );
                }
            }
        }
    }
}
