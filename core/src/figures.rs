//! One seller's validated figures: what the rules read (Python's `SellerFigures`).

use crate::number::Dec;

/// Allegro's sales-quality grades (`GET /sale/quality`), lowest to highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    Unacceptable,
    NeedsImprovement,
    Neutral,
    Good,
    Super,
    SuperPlus,
}

impl Grade {
    pub const ALL: [Grade; 6] = [
        Grade::Unacceptable,
        Grade::NeedsImprovement,
        Grade::Neutral,
        Grade::Good,
        Grade::Super,
        Grade::SuperPlus,
    ];

    /// The API's code, as JSON output writes it.
    pub fn code(self) -> &'static str {
        match self {
            Grade::Unacceptable => "UNACCEPTABLE",
            Grade::NeedsImprovement => "NEEDS_IMPROVEMENT",
            Grade::Neutral => "NEUTRAL",
            Grade::Good => "GOOD",
            Grade::Super => "SUPER",
            Grade::SuperPlus => "SUPER_PLUS",
        }
    }
}

/// The seller label, echoed back: a text, or an Allegro user id given as a JSON integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seller {
    Text(String),
    Id(i128),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratings {
    pub positive: u64,
    pub negative: u64,
}

/// A category of the thresholds table, by its position in `Table::categories`.
pub type CategoryId = usize;

/// Validated figures; categories are the table's (canonical), in the order the input gave them.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    pub seller: Option<Seller>,
    /// Compact 10-digit NIP, validated.
    pub nip: Option<String>,
    pub business_account: bool,
    pub ratings: Option<Ratings>,
    pub positive_ratings_pct: Option<Dec>,
    pub quality: Grade,
    pub other_accounts_quality: Vec<Grade>,
    pub revenue: Vec<(CategoryId, Dec)>,
    /// 12 or 24 monthly totals, oldest first.
    pub monthly_revenue: Option<Vec<Dec>>,
    pub category_growth_pct: Option<Dec>,
    pub category_market_growth_pct: Option<Dec>,
    pub brand_zone_revenue: Option<Vec<(CategoryId, Dec)>>,
    pub suspended: bool,
    /// Whether the record gave `suspended` and `other_accounts_quality`: a rule decided on their
    /// defaults (no suspension, no other accounts) says it assumed them.
    pub suspended_given: bool,
    pub other_accounts_given: bool,
    pub transaction_problems_pct: Option<Dec>,
    pub exportable_pct: Option<Dec>,
    pub new_condition_pct: Option<Dec>,
}
