//! What the rules produce: one `Check` per rule, and the `Verdict` over them.

use crate::figures::{CategoryId, Figures, Grade};
use crate::number::Dec;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Pass,
    Fail,
    Unknown,
    Flag,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
            Status::Flag => "flag",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerdictCode {
    Eligible,
    Review,
    NotEligible,
    Incomplete,
}

impl VerdictCode {
    pub fn code(self) -> &'static str {
        match self {
            VerdictCode::Eligible => "eligible",
            VerdictCode::Review => "review",
            VerdictCode::NotEligible => "not_eligible",
            VerdictCode::Incomplete => "incomplete",
        }
    }
}

/// The ways the revenue rule can pass, in the order they are tried (an interpretation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    Company,
    Brand,
    Conditional,
}

impl Route {
    pub fn code(self) -> &'static str {
        match self {
            Route::Company => "company",
            Route::Brand => "brand",
            Route::Conditional => "conditional",
        }
    }
}

/// A figure in a check's params, `actual`, `required` or `to_pass`, as JSON shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Dec(Dec),
    Text(String),
    Grade(Grade),
    Category(CategoryId),
    List(Vec<Value>),
    Map(Vec<(&'static str, Value)>),
}

/// The outcome of one rule. `message_key` and `params` become a sentence in the user's language
/// (the messages module); `to_pass` holds what would make it pass, under stable keys;
/// `missing` names the input fields whose absence left the rule unknown; `margin` holds how far
/// a passing figure is from failing (rounded towards failing, never away from it); `assumed`
/// says the rule was decided on a default for a figure not given (no suspension, no other
/// accounts), not on a fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub rule: &'static str,
    pub status: Status,
    pub message_key: &'static str,
    pub params: Vec<(&'static str, Value)>,
    pub actual: Value,
    pub required: Value,
    pub to_pass: Vec<(&'static str, Value)>,
    pub missing: Vec<&'static str>,
    pub interpretation: bool,
    pub margin: Vec<(&'static str, Value)>,
    pub assumed: bool,
}

impl Check {
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub verdict: VerdictCode,
    pub main_category: CategoryId,
    pub main_category_tied_with: Vec<CategoryId>,
    pub route: Option<Route>,
    /// Every rule, in the registry's order.
    pub checks: Vec<Check>,
    pub figures: Figures,
}
