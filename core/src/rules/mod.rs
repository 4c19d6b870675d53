//! The rules of RULES.md, one module per rule, and the registry that orders them.
//!
//! A port of diamond_cli/engine.py: every `Check` equals the engine's field by field, down to
//! the exponent of every decimal (they are written into sentences and JSON). Comparisons are
//! exact (cross-multiplied integers); computations run in `i128` and fall back to `BigInt` where
//! that overflows (`number::exact`), never in floats.
//!
//! Figures beyond the input limits (which `record` refuses) never panic; where a figure then has
//! no exact answer at all, it reads as 0 (documented on each rule).

pub mod account_suspended;
pub mod business_account;
pub mod export_potential;
pub mod main_account_quality;
pub mod new_condition;
pub mod other_accounts_quality;
pub mod positive_ratings;
pub mod revenue_growth;
pub mod revenue_threshold;
mod share;
pub mod transaction_problems;

use std::cmp::Ordering;
use std::fmt;

use crate::check::{Check, Status, Verdict, VerdictCode};
use crate::figures::{CategoryId, Figures, Grade};
use crate::number::Dec;
use crate::table::{Category, ParamValue, Table};

/// Where a rule comes from: the program page as written, our interpretation of it where it is
/// vague (RULES.md), or the page's criterion with our reading of how it is measured.
/// The shape of a rule's figures in the human view's table (`actual`, `required`): a yes or no;
/// a share of at least the `min` param; a share at most or at least the `limit` param; a grade;
/// grades; a growth; an amount of revenue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    YesNo,
    ShareAtLeastMin,
    ShareAtMostLimit,
    ShareAtLeastLimit,
    Grade,
    Grades,
    Growth,
    Revenue,
}

impl Shown {
    pub fn code(self) -> &'static str {
        match self {
            Shown::YesNo => "yes_no",
            Shown::ShareAtLeastMin => "share_at_least_min",
            Shown::ShareAtMostLimit => "share_at_most_limit",
            Shown::ShareAtLeastLimit => "share_at_least_limit",
            Shown::Grade => "grade",
            Shown::Grades => "grades",
            Shown::Growth => "growth",
            Shown::Revenue => "revenue",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Page,
    Interpretation,
    Both,
}

impl Basis {
    pub fn code(self) -> &'static str {
        match self {
            Basis::Page => "page",
            Basis::Interpretation => "interpretation",
            Basis::Both => "both",
        }
    }
}

/// Whether a rule decides eligibility (required) or only asks for a human look (discretionary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleKind {
    Required,
    Discretionary,
}

impl RuleKind {
    pub fn code(self) -> &'static str {
        match self {
            RuleKind::Required => "required",
            RuleKind::Discretionary => "discretionary",
        }
    }
}

/// What a table parameter holds (thresholds.py's `PARAM_KINDS`): the table validation checks
/// each kind's range (a percentage 0-100, a growth of at least -100%).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamKind {
    Pct,
    Grade,
    Growth,
    Bool,
}

impl ParamKind {
    pub fn code(self) -> &'static str {
        match self {
            ParamKind::Pct => "pct",
            ParamKind::Grade => "grade",
            ParamKind::Growth => "growth",
            ParamKind::Bool => "bool",
        }
    }
}

/// One parameter a rule reads from the table: `rules.<rule>.<name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSpec {
    pub rule: &'static str,
    pub name: &'static str,
    pub kind: ParamKind,
}

/// A rule as the registry lists it: enough for the table validation and `explain` to derive
/// from it rather than repeat it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSpec {
    pub id: &'static str,
    pub kind: RuleKind,
    /// Whose reading the rule is (`diamond explain` says so).
    pub basis: Basis,
    /// How the human view's table shows its figures (the view has one way per shape, so a new
    /// rule of a known shape needs nothing there).
    pub shown: Shown,
    pub params: &'static [ParamSpec],
    /// Every message key the rule can give, for the catalogues to be checked against.
    pub message_keys: &'static [&'static str],
}

/// The ten rules in RULES.md's order, which is the order of a result's checks.
pub const RULES: [RuleSpec; 10] = [
    business_account::SPEC,
    positive_ratings::SPEC,
    main_account_quality::SPEC,
    other_accounts_quality::SPEC,
    revenue_growth::SPEC,
    revenue_threshold::SPEC,
    account_suspended::SPEC,
    transaction_problems::SPEC,
    export_potential::SPEC,
    new_condition::SPEC,
];

/// The registry's entry for a rule id.
pub fn spec(rule: &str) -> Option<&'static RuleSpec> {
    RULES.iter().find(|spec| spec.id == rule)
}

/// Why a table cannot be applied: a parameter the rules read is absent or of another kind, or
/// there is no category to rank revenue in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    Missing(ParamSpec),
    WrongKind(ParamSpec),
    NoCategories,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TableError::Missing(p) => write!(f, "missing parameter rules.{}.{}", p.rule, p.name),
            TableError::WrongKind(p) => {
                let expected = match p.kind {
                    ParamKind::Pct | ParamKind::Growth => "a number",
                    ParamKind::Grade => "a grade",
                    ParamKind::Bool => "true or false",
                };
                write!(
                    f,
                    "parameter rules.{}.{} must be {expected}",
                    p.rule, p.name
                )
            }
            TableError::NoCategories => f.write_str("the table has no categories"),
        }
    }
}

impl std::error::Error for TableError {}

fn param<'t>(table: &'t Table, spec: &ParamSpec) -> Result<&'t ParamValue, TableError> {
    table
        .param(spec.rule, spec.name)
        .map(|p| &p.value)
        .ok_or(TableError::Missing(*spec))
}

/// A number parameter (`pct` or `growth`).
pub(crate) fn number_param(table: &Table, spec: &ParamSpec) -> Result<Dec, TableError> {
    match param(table, spec)? {
        ParamValue::Number(value) => Ok(*value),
        _ => Err(TableError::WrongKind(*spec)),
    }
}

pub(crate) fn grade_param(table: &Table, spec: &ParamSpec) -> Result<Grade, TableError> {
    match param(table, spec)? {
        ParamValue::Grade(value) => Ok(*value),
        _ => Err(TableError::WrongKind(*spec)),
    }
}

pub(crate) fn bool_param(table: &Table, spec: &ParamSpec) -> Result<bool, TableError> {
    match param(table, spec)? {
        ParamValue::Bool(value) => Ok(*value),
        _ => Err(TableError::WrongKind(*spec)),
    }
}

/// Dominance: a failure outranks a missing figure, which outranks a flag.
pub fn verdict_of(checks: &[Check]) -> VerdictCode {
    let required = |check: &&Check| spec(check.rule).is_some_and(|s| s.kind == RuleKind::Required);
    if checks
        .iter()
        .filter(required)
        .any(|c| c.status == Status::Fail)
    {
        return VerdictCode::NotEligible;
    }
    if checks
        .iter()
        .filter(required)
        .any(|c| c.status == Status::Unknown)
    {
        return VerdictCode::Incomplete;
    }
    if checks.iter().any(|c| c.status == Status::Flag) {
        return VerdictCode::Review;
    }
    VerdictCode::Eligible
}

/// The category with the highest revenue, its amount, and the others tied with it.
///
/// Ties (an interpretation) go to the lowest company, then conditional, then brand threshold,
/// then the category listed first in the table. Categories the table does not have (which
/// `record` never gives) are left out; None when no category is left.
pub fn main_category(
    revenue: &[(CategoryId, Dec)],
    table: &Table,
) -> Option<(CategoryId, Dec, Vec<CategoryId>)> {
    let known = || {
        revenue
            .iter()
            .filter(|(id, _)| table.categories.get(*id).is_some())
    };
    let mut top: Option<&(CategoryId, Dec)> = None;
    let mut count = 0usize;
    for entry in known() {
        match top {
            Some(best) if entry.1 < best.1 => {}
            Some(best) if entry.1 == best.1 => count += 1,
            _ => {
                top = Some(entry);
                count = 1;
            }
        }
    }
    let &(first, top_amount) = top?;
    if count == 1 {
        return Some((first, top_amount, Vec::new()));
    }
    let mut tied: Vec<CategoryId> = known()
        .filter(|(_, amount)| *amount == top_amount)
        .map(|(id, _)| *id)
        .collect();
    tied.sort_by(|a, b| tie_order(table, *a, *b));
    let main = *tied.first()?;
    tied.remove(0);
    let amount = known().find(|(id, _)| *id == main).map(|(_, a)| *a)?;
    Some((main, amount, tied))
}

/// What settled a tie between the chosen category and the next in line: the first of the
/// thresholds (company, conditional, brand) that differs, else the order of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TieBy {
    Company,
    Conditional,
    Brand,
    Order,
}

impl TieBy {
    pub fn code(self) -> &'static str {
        match self {
            TieBy::Company => "company",
            TieBy::Conditional => "conditional",
            TieBy::Brand => "brand",
            TieBy::Order => "order",
        }
    }
}

/// What chose `main` over `tied` (as `main_category` gives them; None: no tie).
pub fn tie_by(table: &Table, main: CategoryId, tied: &[CategoryId]) -> Option<TieBy> {
    let next = *tied.first()?;
    let (Some(a), Some(b)) = (table.categories.get(main), table.categories.get(next)) else {
        return Some(TieBy::Order);
    };
    Some(if a.company != b.company {
        TieBy::Company
    } else if a.conditional != b.conditional {
        TieBy::Conditional
    } else if a.brand != b.brand {
        TieBy::Brand
    } else {
        TieBy::Order
    })
}

fn tie_order(table: &Table, a: CategoryId, b: CategoryId) -> Ordering {
    let key = |id: CategoryId| {
        table
            .categories
            .get(id)
            .map(|c: &Category| (c.company, c.conditional, c.brand))
    };
    key(a).cmp(&key(b)).then(a.cmp(&b))
}

/// The table's parameters, typed and checked once per run; `evaluate` applies them per record.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    positive_ratings: positive_ratings::PositiveRatings,
    main_account_quality: main_account_quality::MainAccountQuality,
    other_accounts_quality: other_accounts_quality::OtherAccountsQuality,
    revenue_growth: revenue_growth::RevenueGrowth,
    revenue_threshold: revenue_threshold::RevenueThreshold,
    transaction_problems: transaction_problems::TransactionProblems,
    export_potential: export_potential::ExportPotential,
    new_condition: new_condition::NewCondition,
}

impl Rules {
    /// Reads every parameter of the registry; an error names the first missing or ill-typed one.
    pub fn new(table: &Table) -> Result<Rules, TableError> {
        if table.categories.is_empty() {
            return Err(TableError::NoCategories);
        }
        Ok(Rules {
            positive_ratings: positive_ratings::PositiveRatings::from_table(table)?,
            main_account_quality: main_account_quality::MainAccountQuality::from_table(table)?,
            other_accounts_quality: other_accounts_quality::OtherAccountsQuality::from_table(
                table,
            )?,
            revenue_growth: revenue_growth::RevenueGrowth::from_table(table)?,
            revenue_threshold: revenue_threshold::RevenueThreshold::from_table(table)?,
            transaction_problems: transaction_problems::TransactionProblems::from_table(table)?,
            export_potential: export_potential::ExportPotential::from_table(table)?,
            new_condition: new_condition::NewCondition::from_table(table)?,
        })
    }

    /// Every rule and the one verdict RULES.md defines, for the table `self` was built from.
    ///
    /// A revenue with no category of the table (which `record` refuses) is read as 0 PLN in the
    /// table's first category.
    pub fn evaluate(&self, table: &Table, figures: Figures) -> Verdict {
        let (main, amount, tied) =
            main_category(&figures.revenue, table).unwrap_or((0, Dec::ZERO, Vec::new()));
        let (revenue_check, route) = self
            .revenue_threshold
            .check(table, &figures, main, amount, &tied);
        let checks = vec![
            business_account::check(&figures),
            self.positive_ratings.check(&figures),
            self.main_account_quality.check(&figures),
            self.other_accounts_quality.check(&figures),
            self.revenue_growth.check(&figures),
            revenue_check,
            account_suspended::check(&figures),
            self.transaction_problems.check(&figures),
            self.export_potential.check(&figures),
            self.new_condition.check(&figures),
        ];
        Verdict {
            verdict: verdict_of(&checks),
            main_category: main,
            main_category_tied_with: tied,
            route,
            checks,
            figures,
        }
    }
}
