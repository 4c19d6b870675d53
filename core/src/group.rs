//! `--group-by nip`: account rows merged into one seller per NIP, as the company threshold counts
//! them (Python's `grouping.py`).
//!
//! The program judges a company (a NIP) by all its accounts together, while exports from
//! Allegro come one account a row. Rows are folded into a running `Company` as they arrive:
//! sums, not the rows themselves, so memory grows with the number of distinct NIPs (plus a label
//! per account and one stored error per invalid row), never with the revenue detail of the rows.
//! Results come out at the end, in the order each NIP (or invalid row) first appeared: a merged
//! seller record (a `Value` the validator decodes as it decodes any record), the NIP's conflicts,
//! or an invalid row's error.
//!
//! Each row's own fields are validated by the caller's `RowValidator` (Python's
//! `validate_fields`), so a row's error is worded as any record's is; the wording of the
//! conflicts (`batch.group.*` messages) is the caller's too: they come out as `Problem`s.

use std::collections::HashMap;

use crate::error::InputError;
use crate::figures::{CategoryId, Grade, Ratings, Seller};
use crate::io::CellError;
use crate::nip::{compact_nip, nip_problem};
use crate::number::Dec;
use crate::record::{self, Categories, Fields};
use crate::table::Table;
use crate::value::{Text, Value};

/// One input row, as the reader and the JSON decoder give it.
#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    /// A decoded record: the members of its object.
    Fields(Vec<(Text, Value)>),
    /// The record cannot be read (bad JSON, bad UTF-8, too large...).
    Unreadable(InputError),
    /// A CSV row with a bad cell: its NIP still ties it to its company.
    Cell(CellError),
}

/// A row's own fields (its account fields taken out) as validation gives them: Python's
/// `validate_fields` of the row. Absent or null optional fields are `None`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowFields {
    pub seller: Option<Seller>,
    pub quality: Option<Grade>,
    /// Canonical categories, in the row's order.
    pub revenue: Vec<(CategoryId, Dec)>,
    pub ratings: Option<Ratings>,
    pub positive_ratings_pct: Option<Dec>,
    pub monthly_revenue: Option<Vec<Dec>>,
    pub suspended: Option<bool>,
    pub business_account: Option<bool>,
    pub category_growth_pct: Option<Dec>,
    pub category_market_growth_pct: Option<Dec>,
    pub transaction_problems_pct: Option<Dec>,
    pub exportable_pct: Option<Dec>,
    pub new_condition_pct: Option<Dec>,
}

/// Validates a row's own fields; the error names the field, as for any record.
pub trait RowValidator {
    fn validate(&mut self, own: &[(Text, Value)]) -> Result<RowFields, InputError>;
}

/// The record validator as a `RowValidator`: `record::validate_fields` of the row's own fields
/// against the table's categories (Python's `validate_fields(own, version)`), so a row's error is
/// worded as any record's is.
pub struct RecordValidator<'a> {
    categories: &'a Categories,
}

impl<'a> RecordValidator<'a> {
    pub fn new(categories: &'a Categories) -> RecordValidator<'a> {
        RecordValidator { categories }
    }
}

impl RowValidator for RecordValidator<'_> {
    fn validate(&mut self, own: &[(Text, Value)]) -> Result<RowFields, InputError> {
        let fields = record::validate_fields(own, self.categories)?;
        Ok(RowFields {
            seller: fields.seller,
            quality: fields.quality,
            revenue: fields.revenue.unwrap_or_default(),
            ratings: fields.ratings,
            positive_ratings_pct: fields.positive_ratings_pct,
            monthly_revenue: fields.monthly_revenue,
            suspended: fields.suspended,
            business_account: fields.business_account,
            category_growth_pct: fields.category_growth_pct,
            category_market_growth_pct: fields.category_market_growth_pct,
            transaction_problems_pct: fields.transaction_problems_pct,
            exportable_pct: fields.exportable_pct,
            new_condition_pct: fields.new_condition_pct,
        })
    }
}

/// Why a row gets its own error result.
#[derive(Clone, Debug, PartialEq)]
pub enum RowError {
    /// The record's own error (`field: problem`; its `nip` shown only under `--nip show`).
    Input(InputError),
    /// A field derived from the account rows when grouping (`other_accounts_quality`,
    /// `brand_zone_revenue`): `field: ` + the message `batch.group.derived`.
    Derived { field: &'static str },
}

/// Why a NIP's rows cannot be merged; each is one `batch.group.*` message (`key()`), with the
/// parameters it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    InvalidRow {
        account: String,
        line: u64,
    },
    Months {
        first: String,
        first_count: usize,
        account: String,
        count: usize,
    },
    Differs {
        field: &'static str,
        first: String,
        account: String,
    },
    NoMain {
        accounts: Vec<String>,
    },
    TwoMain {
        accounts: Vec<String>,
    },
    TwoBrandZone {
        accounts: Vec<String>,
    },
    Ratings {
        accounts: Vec<String>,
        counted: Vec<String>,
    },
    Pct {
        accounts: Vec<String>,
    },
    /// Rows without `monthly_revenue` beside rows that give it: the sums would be short.
    NoMonths {
        accounts: Vec<String>,
        given: Vec<String>,
    },
}

impl Problem {
    /// The message key of the catalogues.
    pub fn key(&self) -> &'static str {
        match self {
            Problem::InvalidRow { .. } => "batch.group.invalid_row",
            Problem::Months { .. } => "batch.group.months",
            Problem::Differs { .. } => "batch.group.differs",
            Problem::NoMain { .. } => "batch.group.no_main",
            Problem::TwoMain { .. } => "batch.group.two_main",
            Problem::TwoBrandZone { .. } => "batch.group.two_brand_zone",
            Problem::Ratings { .. } => "batch.group.ratings",
            Problem::Pct { .. } => "batch.group.pct",
            Problem::NoMonths { .. } => "batch.group.no_months",
        }
    }
}

/// One result of a grouped batch, in the order of first appearance.
#[derive(Clone, Debug, PartialEq)]
pub enum Grouped {
    /// A NIP's rows merged: the seller record (`fields`, as any record's value tree) and its
    /// fields as validation gives them (`figures`, which the batch evaluates: the rows are
    /// validated already); `accounts` names its rows. A missing required field of it is the
    /// result `NIP <nip>: <error>`.
    Seller {
        line: u64,
        record: u64,
        nip: String,
        accounts: Vec<String>,
        fields: Value,
        figures: Box<Fields>,
    },
    /// A NIP whose rows cannot be merged: `NIP <nip>: ` + the problems' messages joined by `; `.
    /// `seller`: the label the seller would have had (the first main account's, else the first
    /// row's), so that the group's result still names it.
    Conflict {
        line: u64,
        record: u64,
        nip: String,
        accounts: Vec<String>,
        seller: Option<Seller>,
        problems: Vec<Problem>,
    },
    /// An invalid row's own result.
    Row {
        line: u64,
        record: u64,
        error: RowError,
    },
}

const ACCOUNT_FIELDS: [&str; 3] = ["account", "main", "brand_zone"];
const DERIVED_FIELDS: [&str; 2] = ["other_accounts_quality", "brand_zone_revenue"];

/// Seller-level figures that cannot be added up across accounts: every row that gives one must
/// agree.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shared {
    Bool(bool),
    Number(Dec),
}

fn shared_fields(fields: &RowFields) -> [(&'static str, Option<Shared>); 6] {
    let number = |value: Option<Dec>| value.map(Shared::Number);
    [
        (
            "business_account",
            fields.business_account.map(Shared::Bool),
        ),
        ("category_growth_pct", number(fields.category_growth_pct)),
        (
            "category_market_growth_pct",
            number(fields.category_market_growth_pct),
        ),
        (
            "transaction_problems_pct",
            number(fields.transaction_problems_pct),
        ),
        ("exportable_pct", number(fields.exportable_pct)),
        ("new_condition_pct", number(fields.new_condition_pct)),
    ]
}

/// The running totals of one NIP's account rows.
struct Company {
    line: u64,
    record: u64,
    accounts: Vec<String>,
    seller: Option<Seller>,
    main: Vec<(String, Grade, Option<Seller>)>,
    others: Vec<Grade>,
    brand_zone: Vec<String>,
    brand_zone_revenue: Vec<(CategoryId, Dec)>,
    revenue: Vec<(CategoryId, Dec)>,
    positive: u64,
    negative: u64,
    with_counts: Vec<String>,
    pct_only: Vec<(String, Dec)>,
    months: Option<(Vec<Dec>, String)>,
    /// The accounts that give monthly totals, and those that do not.
    with_months: Vec<String>,
    without_months: Vec<String>,
    problems: Vec<Problem>,
    shared: Vec<(&'static str, Shared, String)>,
    /// Suspended on any row that says; None when no row says.
    suspended: Option<bool>,
}

/// `a + b` exactly, as Python's `Decimal` adds (the smaller exponent); validated figures are
/// far from the 38 digits of an `i128`, so the saturation never shows.
fn add(a: Dec, b: Dec) -> Dec {
    let exp = a.exp.min(b.exp);
    let aligned = |d: Dec| {
        let shift = u32::try_from(d.exp.saturating_sub(exp)).unwrap_or(u32::MAX);
        10i128
            .checked_pow(shift)
            .map_or(i128::MAX, |factor| d.coeff.saturating_mul(factor))
    };
    Dec::new(aligned(a).saturating_add(aligned(b)), exp)
}

/// Adds `amount` to `category`'s sum (a new category starts from `Decimal(0)`, as in Python).
fn add_to(sums: &mut Vec<(CategoryId, Dec)>, category: CategoryId, amount: Dec) {
    match sums.iter_mut().find(|(id, _)| *id == category) {
        Some((_, sum)) => *sum = add(*sum, amount),
        None => sums.push((category, add(Dec::ZERO, amount))),
    }
}

impl Company {
    fn new(line: u64, record: u64) -> Company {
        Company {
            line,
            record,
            accounts: Vec::new(),
            seller: None,
            main: Vec::new(),
            others: Vec::new(),
            brand_zone: Vec::new(),
            brand_zone_revenue: Vec::new(),
            revenue: Vec::new(),
            positive: 0,
            negative: 0,
            with_counts: Vec::new(),
            pct_only: Vec::new(),
            months: None,
            with_months: Vec::new(),
            without_months: Vec::new(),
            problems: Vec::new(),
            shared: Vec::new(),
            suspended: None,
        }
    }

    fn add(
        &mut self,
        label: String,
        main: bool,
        brand_zone: bool,
        fields: RowFields,
        grade: Grade,
    ) {
        self.accounts.push(label.clone());
        if main {
            self.main
                .push((label.clone(), grade, fields.seller.clone()));
        } else {
            self.others.push(grade);
        }
        if self.seller.is_none() {
            self.seller = fields.seller.clone();
        }
        for &(category, amount) in &fields.revenue {
            add_to(&mut self.revenue, category, amount);
        }
        if brand_zone {
            self.brand_zone.push(label.clone());
            for &(category, amount) in &fields.revenue {
                add_to(&mut self.brand_zone_revenue, category, amount);
            }
        }
        if let Some(ratings) = fields.ratings {
            // Counts decide over a percentage, as for one seller.
            self.positive = self.positive.saturating_add(ratings.positive);
            self.negative = self.negative.saturating_add(ratings.negative);
            self.with_counts.push(label.clone());
        } else if let Some(pct) = fields.positive_ratings_pct {
            self.pct_only.push((label.clone(), pct));
        }
        if fields.monthly_revenue.is_some() {
            self.with_months.push(label.clone());
        } else {
            self.without_months.push(label.clone());
        }
        if let Some(months) = &fields.monthly_revenue {
            match self.months.as_mut() {
                None => self.months = Some((months.clone(), label.clone())),
                Some((sums, first)) if sums.len() != months.len() => {
                    self.problems.push(Problem::Months {
                        first: first.clone(),
                        first_count: sums.len(),
                        account: label.clone(),
                        count: months.len(),
                    });
                }
                Some((sums, _)) => {
                    for (sum, &month) in sums.iter_mut().zip(months) {
                        *sum = add(*sum, month);
                    }
                }
            }
        }
        if let Some(suspended) = fields.suspended {
            self.suspended = Some(suspended || self.suspended == Some(true));
        }
        for (name, value) in shared_fields(&fields) {
            let Some(value) = value else {
                continue;
            };
            match self.shared.iter().find(|(seen, _, _)| *seen == name) {
                None => self.shared.push((name, value, label.clone())),
                Some((_, first, first_label)) if *first != value => {
                    self.problems.push(Problem::Differs {
                        field: name,
                        first: first_label.clone(),
                        account: label.clone(),
                    });
                }
                Some(_) => {}
            }
        }
    }

    /// The merged seller record (as a record's value tree, and as its validated fields), or the
    /// problems that keep the rows from being merged.
    fn fields(mut self, table: &Table, nip: &str) -> Result<(Value, Fields), Vec<Problem>> {
        match self.main.len() {
            // Every row invalid: those rows' problems say it all.
            0 if self.accounts.is_empty() => {}
            0 => self.problems.push(Problem::NoMain {
                accounts: self.accounts.clone(),
            }),
            1 => {}
            _ => self.problems.push(Problem::TwoMain {
                accounts: self
                    .main
                    .iter()
                    .map(|(label, _, _)| label.clone())
                    .collect(),
            }),
        }
        if self.brand_zone.len() > 1 {
            self.problems.push(Problem::TwoBrandZone {
                accounts: self.brand_zone.clone(),
            });
        }
        let pct_labels: Vec<String> = self
            .pct_only
            .iter()
            .map(|(label, _)| label.clone())
            .collect();
        if !self.with_counts.is_empty() && !self.pct_only.is_empty() {
            self.problems.push(Problem::Ratings {
                accounts: pct_labels,
                counted: self.with_counts.clone(),
            });
        } else if self.pct_only.len() > 1 {
            self.problems.push(Problem::Pct {
                accounts: pct_labels,
            });
        }
        if !self.with_months.is_empty() && !self.without_months.is_empty() {
            self.problems.push(Problem::NoMonths {
                accounts: self.without_months.clone(),
                given: self.with_months.clone(),
            });
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let Some((_, grade, main_seller)) = self.main.into_iter().next() else {
            return Err(Vec::new()); // no main account is a problem above
        };
        let number = |dec: Dec| Value::Number(dec.to_plain().into());
        let by_category = |sums: &[(CategoryId, Dec)]| {
            Value::Object(
                sums.iter()
                    .map(|&(id, amount)| {
                        let name = table
                            .categories
                            .get(id)
                            .map(|c| Text::from(c.name.as_str()))
                            .unwrap_or_default();
                        (name, number(amount))
                    })
                    .collect(),
            )
        };
        let mut fields: Vec<(Text, Value)> = Vec::new();
        for (name, value, _) in &self.shared {
            let value = match *value {
                Shared::Bool(flag) => Value::Bool(flag),
                Shared::Number(dec) => number(dec),
            };
            fields.push(((*name).into(), value));
        }
        if !self.with_counts.is_empty() {
            let count = |n: u64| Value::Number(n.to_string().into());
            fields.push((
                "ratings".into(),
                Value::Object(vec![
                    ("positive".into(), count(self.positive)),
                    ("negative".into(), count(self.negative)),
                ]),
            ));
        } else if let Some((_, pct)) = self.pct_only.first() {
            fields.push(("positive_ratings_pct".into(), number(*pct)));
        }
        let code = |grade: Grade| Value::String(grade.code().into());
        fields.push(("nip".into(), Value::String(nip.into())));
        fields.push(("quality".into(), code(grade)));
        fields.push((
            "other_accounts_quality".into(),
            Value::Array(self.others.iter().map(|&g| code(g)).collect()),
        ));
        if let Some(suspended) = self.suspended {
            fields.push(("suspended".into(), Value::Bool(suspended)));
        }
        if !self.revenue.is_empty() {
            fields.push(("revenue".into(), by_category(&self.revenue)));
        }
        let seller = main_seller.or(self.seller);
        if let Some(seller) = seller.clone() {
            let value = match seller {
                Seller::Text(text) => Value::String(text.into()),
                Seller::Id(id) => Value::Number(id.to_string().into()),
            };
            fields.push(("seller".into(), value));
        }
        if let Some((months, _)) = &self.months {
            fields.push((
                "monthly_revenue".into(),
                Value::Array(months.iter().map(|&m| number(m)).collect()),
            ));
        }
        if !self.brand_zone.is_empty() {
            let value = if self.brand_zone_revenue.is_empty() {
                Value::Null
            } else {
                by_category(&self.brand_zone_revenue)
            };
            fields.push(("brand_zone_revenue".into(), value));
        }
        // The same, already validated: Python evaluates its merged dict as it is, so sums beyond
        // the input format's limits (10^15) are not refused here either.
        let shared = |name: &str| {
            self.shared
                .iter()
                .find(|(seen, _, _)| *seen == name)
                .map(|(_, value, _)| *value)
        };
        let flag = |name: &str| match shared(name) {
            Some(Shared::Bool(flag)) => Some(flag),
            _ => None,
        };
        let figure = |name: &str| match shared(name) {
            Some(Shared::Number(dec)) => Some(dec),
            _ => None,
        };
        let with_counts = !self.with_counts.is_empty();
        let validated = Fields {
            seller,
            nip: Some(nip.to_string()),
            business_account: flag("business_account"),
            ratings: with_counts.then_some(Ratings {
                positive: self.positive,
                negative: self.negative,
            }),
            positive_ratings_pct: if with_counts {
                None
            } else {
                self.pct_only.first().map(|(_, pct)| *pct)
            },
            quality: Some(grade),
            other_accounts_quality: Some(self.others),
            revenue: (!self.revenue.is_empty()).then_some(self.revenue),
            monthly_revenue: self.months.map(|(months, _)| months),
            category_growth_pct: figure("category_growth_pct"),
            category_market_growth_pct: figure("category_market_growth_pct"),
            brand_zone_revenue: (!self.brand_zone.is_empty()).then_some(self.brand_zone_revenue),
            suspended: self.suspended,
            transaction_problems_pct: figure("transaction_problems_pct"),
            exportable_pct: figure("exportable_pct"),
            new_condition_pct: figure("new_condition_pct"),
        };
        Ok((Value::Object(fields), validated))
    }
}

enum Entry {
    Nip(String),
    Row {
        line: u64,
        record: u64,
        error: RowError,
    },
}

/// Folds account rows into companies; `results` gives one result per NIP and per invalid row.
#[derive(Default)]
pub struct Grouper {
    companies: HashMap<String, Company>,
    /// In order of first appearance: a NIP, or an invalid row's error.
    order: Vec<Entry>,
}

fn get<'a>(record: &'a [(Text, Value)], name: &str) -> Option<&'a Value> {
    record
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// Python's `_type_name`.
fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The text Python's `str()` gives a JSON integer (msgspec decodes it as an `int`), if it is one.
fn int_text(literal: &str) -> Option<String> {
    let digits = literal.strip_prefix('-').unwrap_or(literal);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        return Some("0".to_string());
    }
    let negative = literal.starts_with('-');
    Some(if negative {
        format!("-{trimmed}")
    } else {
        trimmed.to_string()
    })
}

/// Python's `as_nip`: the compact NIP, or why the value is not one.
fn as_nip(value: &Value) -> Result<String, InputError> {
    let (text, given) = match value {
        Value::Number(literal) => match int_text(literal) {
            Some(text) => (text.clone(), text),
            None => return Err(expected_nip(value)),
        },
        Value::String(given) => (compact_nip(given), given.to_string()),
        _ => return Err(expected_nip(value)),
    };
    match nip_problem(&text) {
        None => Ok(text),
        Some(problem) => Err(InputError {
            field: None,
            problem: problem.to_string(),
            nip: Some(given),
            message: None,
        }),
    }
}

fn expected_nip(value: &Value) -> InputError {
    InputError::new(
        None,
        format!("expected a NIP as text, found {}", type_name(value)),
    )
}

/// The row's account fields: its label (default `line N`), main, brand_zone.
fn account(record: &[(Text, Value)], line: u64) -> Result<(String, bool, bool), InputError> {
    let label = match get(record, "account") {
        None | Some(Value::Null) => format!("line {line}"),
        Some(Value::String(text)) => text.to_string(),
        Some(value @ Value::Number(literal)) => match int_text(literal) {
            Some(text) => text,
            None => {
                return Err(InputError::new(
                    Some("account".into()),
                    format!("expected text, found {}", type_name(value)),
                ))
            }
        },
        Some(value) => {
            return Err(InputError::new(
                Some("account".into()),
                format!("expected text, found {}", type_name(value)),
            ))
        }
    };
    let flag = |name: &str| match get(record, name) {
        None => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(value) => Err(InputError::new(
            Some(name.to_string()),
            format!("expected true or false, found {}", type_name(value)),
        )),
    };
    Ok((label, flag("main")?, flag("brand_zone")?))
}

/// The label of an invalid row's account in its company's problem (Python's `str(given)` of a
/// text or an int, a boolean included; else `line N`).
fn given_account(given: Option<&Value>, line: u64) -> String {
    match given {
        Some(Value::String(text)) => text.to_string(),
        Some(Value::Bool(true)) => "True".into(),
        Some(Value::Bool(false)) => "False".into(),
        Some(Value::Number(literal)) => int_text(literal).unwrap_or_else(|| format!("line {line}")),
        _ => format!("line {line}"),
    }
}

impl Grouper {
    pub fn new() -> Grouper {
        Grouper::default()
    }

    /// Folds one row in: into its company, or as an invalid row's result (which also keeps its
    /// company, when its NIP is valid, from being judged without it).
    pub fn add(&mut self, line: u64, record: u64, row: Row, validator: &mut impl RowValidator) {
        let (error, nip, given) = match row {
            Row::Unreadable(error) => (RowError::Input(error), None, None),
            Row::Cell(cell) => {
                let nip = cell
                    .nip
                    .as_ref()
                    .and_then(|text| as_nip(&Value::String(text.into())).ok());
                let given = cell.account.map(|account| Value::String(account.into()));
                (RowError::Input(cell.error), nip, given)
            }
            Row::Fields(fields) => {
                let nip = get(&fields, "nip").and_then(|value| as_nip(value).ok());
                match self.fold(line, record, fields, nip.clone(), validator) {
                    Ok(()) => return,
                    Err((error, given)) => (error, nip, given),
                }
            }
        };
        self.order.push(Entry::Row {
            line,
            record,
            error,
        });
        if let Some(nip) = nip {
            let account = given_account(given.as_ref(), line);
            self.company(nip, line, record)
                .problems
                .push(Problem::InvalidRow { account, line });
        }
    }

    /// A readable row into its company; else its error and its `account` value.
    fn fold(
        &mut self,
        line: u64,
        record: u64,
        fields: Vec<(Text, Value)>,
        nip: Option<String>,
        validator: &mut impl RowValidator,
    ) -> Result<(), (RowError, Option<Value>)> {
        let given = || get(&fields, "account").cloned();
        if let Some(field) = DERIVED_FIELDS
            .into_iter()
            .find(|name| get(&fields, name).is_some())
        {
            return Err((RowError::Derived { field }, given()));
        }
        let (label, main, brand_zone) =
            account(&fields, line).map_err(|error| (RowError::Input(error), given()))?;
        let Some(nip) = nip else {
            let error = match get(&fields, "nip") {
                Some(value) if *value != Value::Null => match as_nip(value) {
                    Err(error) => InputError {
                        field: Some("nip".into()),
                        ..error
                    },
                    Ok(_) => InputError::new(Some("nip".into()), "missing"), // valid: not reached
                },
                _ => InputError::new(
                    Some("nip".into()),
                    "missing: every row needs the NIP it belongs to when grouping by NIP",
                ),
            };
            return Err((RowError::Input(error), given()));
        };
        let account_value = given();
        let own: Vec<(Text, Value)> = fields
            .into_iter()
            .filter(|(name, _)| !ACCOUNT_FIELDS.contains(&name.as_str()))
            .collect();
        let validated = validator
            .validate(&own)
            .map_err(|error| (RowError::Input(error), account_value.clone()))?;
        let Some(grade) = validated.quality else {
            let error = InputError::new(
                Some("quality".into()),
                "missing (required: the sales-quality grade of this account)",
            );
            return Err((RowError::Input(error), account_value));
        };
        self.company(nip, line, record)
            .add(label, main, brand_zone, validated, grade);
        Ok(())
    }

    fn company(&mut self, nip: String, line: u64, record: u64) -> &mut Company {
        let order = &mut self.order;
        self.companies.entry(nip).or_insert_with_key(|nip| {
            order.push(Entry::Nip(nip.clone()));
            Company::new(line, record)
        })
    }

    /// Every result, in order of first appearance; category names are `table`'s.
    pub fn results(mut self, table: &Table) -> impl Iterator<Item = Grouped> + '_ {
        let order = std::mem::take(&mut self.order);
        order.into_iter().filter_map(move |entry| match entry {
            Entry::Row {
                line,
                record,
                error,
            } => Some(Grouped::Row {
                line,
                record,
                error,
            }),
            Entry::Nip(nip) => {
                let company = self.companies.remove(&nip)?;
                let (line, record) = (company.line, company.record);
                let accounts = company.accounts.clone();
                let seller = company
                    .main
                    .first()
                    .and_then(|(_, _, seller)| seller.clone())
                    .or_else(|| company.seller.clone());
                Some(match company.fields(table, &nip) {
                    Ok((fields, figures)) => Grouped::Seller {
                        line,
                        record,
                        nip,
                        accounts,
                        fields,
                        figures: Box::new(figures),
                    },
                    Err(problems) => Grouped::Conflict {
                        line,
                        record,
                        nip,
                        accounts,
                        seller,
                        problems,
                    },
                })
            }
        })
    }
}
