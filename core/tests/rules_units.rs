//! The assertions of tests/test_engine.py, test_to_pass.py and test_trend.py, table-driven as
//! there, against the rules of the core; and a property: `evaluate` never panics.

// The cases are tables of tuples, as in the Python tests: spelled out where they are used.
#![allow(clippy::type_complexity)]

use diamond_core::check::{Check, Route, Status, Value, Verdict, VerdictCode};
use diamond_core::figures::{CategoryId, Figures, Grade, Ratings};
use diamond_core::number::{ratio_decimal, Dec};
use diamond_core::rules::{self, main_category, verdict_of, RuleKind, Rules, TableError};
use diamond_core::table::{Category, Param, ParamValue, Table, TableRef};
use proptest::prelude::*;

/// `"4499999.99"` → 449999999 × 10^-2.
fn d(text: &str) -> Dec {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let coeff: i128 = format!("{whole}{fraction}").parse().unwrap();
    Dec::new(coeff, -(fraction.len() as i32))
}

fn n(value: i128) -> Dec {
    Dec::int(value)
}

/// The exact same decimal (coefficient and exponent), as Python's `str()` would show it.
fn same(a: Dec, b: Dec) -> bool {
    (a.coeff, a.exp) == (b.coeff, b.exp)
}

const CATEGORIES: [(&str, i128, i128, i128); 15] = [
    ("Automotive", 3500000, 1750000, 550000),
    ("Books & Media", 3500000, 1750000, 550000),
    ("Collectibles & Art", 2200000, 1100000, 550000),
    ("Electronics", 8000000, 6000000, 4500000),
    ("Fashion", 3200000, 800000, 350000),
    ("Health & Beauty", 5000000, 2500000, 2000000),
    ("Home Decoration & Office", 6000000, 3000000, 1500000),
    ("Industry", 7000000, 3500000, 1800000),
    ("Bathroom & Heating", 8000000, 4000000, 1800000),
    ("Tools & Accessories", 7000000, 3500000, 1800000),
    ("Building & Accessories", 8000000, 4000000, 1800000),
    ("Garden", 7500000, 3750000, 830000),
    ("Kids", 4500000, 2250000, 590000),
    ("Sport & Leisure", 7000000, 3500000, 2000000),
    ("Supermarket", 7300000, 3650000, 1000000),
];

fn param(rule: &str, name: &str, value: ParamValue) -> Param {
    Param {
        rule: rule.into(),
        name: name.into(),
        value,
        interpretation: true,
    }
}

fn table_with(categories: &[(&str, i128, i128, i128)]) -> Table {
    Table {
        reference: TableRef {
            name: "allegro-diamond-partners".into(),
            version: "test".into(),
            effective_from: None,
            source: "test".into(),
        },
        params: vec![
            param("positive_ratings", "min_pct", ParamValue::Number(n(99))),
            param(
                "main_account_quality",
                "min_grade",
                ParamValue::Grade(Grade::Good),
            ),
            param(
                "other_accounts_quality",
                "min_grade",
                ParamValue::Grade(Grade::Neutral),
            ),
            param("revenue_growth", "min_growth_pct", ParamValue::Number(n(0))),
            param("revenue_threshold", "inclusive", ParamValue::Bool(true)),
            param(
                "transaction_problems",
                "max_pct",
                ParamValue::Number(d("2.0")),
            ),
            param("export_potential", "min_pct", ParamValue::Number(n(50))),
            param("new_condition", "min_pct", ParamValue::Number(n(50))),
        ],
        categories: categories
            .iter()
            .map(|&(name, company, conditional, brand)| Category {
                name: name.into(),
                company: n(company),
                conditional: n(conditional),
                brand: n(brand),
                pl: None,
                aliases: Vec::new(),
            })
            .collect(),
    }
}

/// The shipped table (diamond_cli/thresholds.yaml).
fn shipped() -> Table {
    table_with(&CATEGORIES)
}

fn with_param(mut table: Table, rule: &str, name: &str, value: ParamValue) -> Table {
    for p in &mut table.params {
        if p.rule == rule && p.name == name {
            p.value = value.clone();
        }
    }
    table
}

fn cat(table: &Table, name: &str) -> CategoryId {
    table
        .categories
        .iter()
        .position(|c| c.name == name)
        .unwrap()
}

fn amounts(table: &Table, revenue: &[(&str, &str)]) -> Vec<(CategoryId, Dec)> {
    revenue
        .iter()
        .map(|(name, amount)| (cat(table, name), d(amount)))
        .collect()
}

fn months(values: &[i128]) -> Option<Vec<Dec>> {
    Some(values.iter().map(|v| n(*v)).collect())
}

const RISING_12: [i128; 12] = [
    400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000,
];

/// tests/test_engine.py's BASE seller: eligible on every rule.
fn base(table: &Table) -> Figures {
    Figures {
        seller: None,
        nip: None,
        business_account: true,
        ratings: Some(Ratings {
            positive: 2400,
            negative: 12,
        }),
        positive_ratings_pct: None,
        quality: Grade::Good,
        other_accounts_quality: vec![Grade::Neutral, Grade::Super],
        revenue: amounts(table, &[("Kids", "5000000"), ("Fashion", "300000")]),
        monthly_revenue: months(&RISING_12),
        category_growth_pct: None,
        category_market_growth_pct: None,
        brand_zone_revenue: None,
        suspended: false,
        suspended_given: true,
        other_accounts_given: true,
        transaction_problems_pct: Some(d("0.8")),
        exportable_pct: Some(n(65)),
        new_condition_pct: Some(n(98)),
    }
}

fn judge_in(table: &Table, change: impl FnOnce(&mut Figures)) -> Verdict {
    let mut figures = base(table);
    change(&mut figures);
    Rules::new(table).unwrap().evaluate(table, figures)
}

fn judge(change: impl FnOnce(&mut Figures, &Table)) -> (Verdict, Table) {
    let table = shipped();
    let verdict = judge_in(&table, |f| change(f, &table));
    (verdict, table)
}

fn check<'v>(verdict: &'v Verdict, rule: &str) -> &'v Check {
    verdict.checks.iter().find(|c| c.rule == rule).unwrap()
}

fn status(rule: &str, change: impl FnOnce(&mut Figures, &Table)) -> Status {
    check(&judge(change).0, rule).status
}

fn dec_of(value: &Value) -> Dec {
    match value {
        Value::Dec(d) => *d,
        other => panic!("not a decimal: {other:?}"),
    }
}

fn to_pass<'c>(check: &'c Check, key: &str) -> &'c Value {
    &check
        .to_pass
        .iter()
        .find(|(k, _)| *k == key)
        .unwrap_or_else(|| panic!("{key}"))
        .1
}

fn map_get<'m>(value: &'m Value, key: &str) -> &'m Value {
    match value {
        Value::Map(pairs) => &pairs.iter().find(|(k, _)| *k == key).unwrap().1,
        other => panic!("not a map: {other:?}"),
    }
}

fn keys(pairs: &[(&'static str, Value)]) -> Vec<&'static str> {
    pairs.iter().map(|(k, _)| *k).collect()
}

fn ratio(numerator: i128, denominator: i128) -> Dec {
    ratio_decimal(&numerator, &denominator).unwrap()
}

#[test]
fn every_rule_is_checked_once_in_order() {
    let (verdict, _) = judge(|_, _| {});
    let rules: Vec<&str> = verdict.checks.iter().map(|c| c.rule).collect();
    let registry: Vec<&str> = rules::RULES.iter().map(|s| s.id).collect();
    assert_eq!(rules, registry);
    assert_eq!(
        registry,
        [
            "business_account",
            "positive_ratings",
            "main_account_quality",
            "other_accounts_quality",
            "revenue_growth",
            "revenue_threshold",
            "account_suspended",
            "transaction_problems",
            "export_potential",
            "new_condition"
        ]
    );
    let required: Vec<&str> = rules::RULES
        .iter()
        .filter(|s| s.kind == RuleKind::Required)
        .map(|s| s.id)
        .collect();
    assert_eq!(required, &registry[..6]);
    assert_eq!(verdict.verdict, VerdictCode::Eligible);
}

#[test]
fn the_registry_lists_the_tables_parameters() {
    // thresholds.py's PARAM_KINDS, in its order
    let params: Vec<(&str, &str, &str)> = rules::RULES
        .iter()
        .flat_map(|s| s.params.iter().map(|p| (p.rule, p.name, p.kind.code())))
        .collect();
    assert_eq!(
        params,
        [
            ("positive_ratings", "min_pct", "pct"),
            ("main_account_quality", "min_grade", "grade"),
            ("other_accounts_quality", "min_grade", "grade"),
            ("revenue_growth", "min_growth_pct", "growth"),
            ("revenue_threshold", "inclusive", "bool"),
            ("transaction_problems", "max_pct", "pct"),
            ("export_potential", "min_pct", "pct"),
            ("new_condition", "min_pct", "pct"),
        ]
    );
    for spec in &rules::RULES {
        assert!(spec.message_keys.iter().all(|k| k.starts_with(spec.id)));
    }
}

#[test]
fn a_table_without_a_parameter_or_of_the_wrong_kind_is_refused() {
    let mut table = shipped();
    table.params.retain(|p| p.rule != "revenue_growth");
    let error = Rules::new(&table).unwrap_err();
    assert!(matches!(error, TableError::Missing(p) if p.name == "min_growth_pct"));
    assert_eq!(
        error.to_string(),
        "missing parameter rules.revenue_growth.min_growth_pct"
    );
    let table = with_param(
        shipped(),
        "main_account_quality",
        "min_grade",
        ParamValue::Bool(true),
    );
    assert_eq!(
        Rules::new(&table).unwrap_err().to_string(),
        "parameter rules.main_account_quality.min_grade must be a grade"
    );
    assert_eq!(
        Rules::new(&table_with(&[])).unwrap_err(),
        TableError::NoCategories
    );
}

#[test]
fn business_account() {
    for (active, expected) in [(true, Status::Pass), (false, Status::Fail)] {
        let (verdict, _) = judge(|f, _| f.business_account = active);
        let check = check(&verdict, "business_account");
        assert_eq!(check.status, expected);
        let expected_to_pass = if active {
            vec![]
        } else {
            vec![("business_account", Value::Bool(true))]
        };
        assert_eq!(check.to_pass, expected_to_pass);
    }
}

/// (positive, negative, status, exact share as a ratio, positives needed); needed = 99 ×
/// negatives − positives (RULES.md).
const RATINGS: [(u64, u64, Status, (i128, i128), Option<i128>); 11] = [
    (2400, 12, Status::Pass, (240000, 2412), None),
    (1188, 12, Status::Pass, (99, 1), None),
    (1187, 12, Status::Fail, (118700, 1199), Some(1)),
    (98995, 1005, Status::Fail, (98995, 1000), Some(500)),
    (19799, 200, Status::Fail, (1979900, 19999), Some(1)),
    (19800, 200, Status::Pass, (99, 1), None),
    (100, 2, Status::Fail, (10000, 102), Some(98)),
    (0, 1, Status::Fail, (0, 1), Some(99)),
    (0, 3, Status::Fail, (0, 1), Some(297)),
    (5, 0, Status::Pass, (100, 1), None),
    (1, 0, Status::Pass, (100, 1), None),
];

#[test]
fn positive_ratings_from_counts() {
    let ratings = |positive, negative| {
        move |f: &mut Figures, _: &Table| f.ratings = Some(Ratings { positive, negative })
    };
    for (positive, negative, expected, (num, den), needed) in RATINGS {
        let (verdict, _) = judge(ratings(positive, negative));
        let check = check(&verdict, "positive_ratings");
        assert_eq!(check.status, expected, "{positive}/{negative}");
        assert!(
            same(dec_of(&check.actual), ratio(num, den)),
            "{positive}/{negative}"
        );
        assert_eq!(check.required, Value::Dec(n(99)));
        match needed {
            None => assert!(check.to_pass.is_empty()),
            Some(needed) => {
                assert_eq!(
                    check.to_pass,
                    vec![
                        ("positive_ratings_needed", Value::Int(needed)),
                        ("at_negative_ratings", Value::Int(i128::from(negative))),
                        ("min_pct", Value::Dec(n(99))),
                    ]
                );
                // the count really is the least that passes: one fewer still fails
                let more = positive + needed as u64;
                assert_eq!(
                    status("positive_ratings", ratings(more, negative)),
                    Status::Pass
                );
                assert_eq!(
                    status("positive_ratings", ratings(more - 1, negative)),
                    Status::Fail
                );
            }
        }
    }
}

#[test]
fn positive_ratings_from_a_given_percentage() {
    for (given, expected) in [
        ("98.995", Status::Fail),
        ("98.999999999999", Status::Fail),
        ("99", Status::Pass),
        ("99.0", Status::Pass),
        ("99.8", Status::Pass),
        ("100", Status::Pass),
        ("0", Status::Fail),
    ] {
        let (verdict, _) = judge(|f, _| {
            f.ratings = None;
            f.positive_ratings_pct = Some(d(given));
        });
        let check = check(&verdict, "positive_ratings");
        assert_eq!(check.status, expected, "{given}");
        assert_eq!(check.actual, Value::Dec(d(given)));
    }
}

#[test]
fn a_share_just_below_the_minimum_is_never_shown_as_the_minimum() {
    let (verdict, _) = judge(|f, _| {
        f.ratings = None;
        f.positive_ratings_pct = Some(d("98.995"));
    });
    assert!(same(
        dec_of(check(&verdict, "positive_ratings").param("pct").unwrap()),
        d("98.995")
    ));
    // 118700/1199 = 98.99916...: two decimals would show 99.00, so three are shown
    let (verdict, _) = judge(|f, _| {
        f.ratings = Some(Ratings {
            positive: 1187,
            negative: 12,
        })
    });
    let check = check(&verdict, "positive_ratings");
    assert!(same(dec_of(check.param("pct").unwrap()), d("98.999")));
    assert_eq!(check.param("needed"), Some(&Value::Int(1)));
    assert_eq!(check.message_key, "positive_ratings.counts_fail");
    // the base seller: 99.50%, two decimals
    let (verdict, _) = judge(|_, _| {});
    assert!(same(
        dec_of(verdict.checks[1].param("pct").unwrap()),
        d("99.50")
    ));
}

#[test]
fn counts_decide_over_a_given_percentage() {
    for (positive, negative, given, expected) in [
        (1187, 12, "99.8", Status::Fail),
        (2400, 12, "90", Status::Pass),
        (1188, 12, "98.9", Status::Pass),
    ] {
        let (verdict, _) = judge(|f, _| {
            f.ratings = Some(Ratings { positive, negative });
            f.positive_ratings_pct = Some(d(given));
        });
        let check = check(&verdict, "positive_ratings");
        assert_eq!(check.status, expected);
        assert!(check.message_key.ends_with("_over_pct"));
        assert_eq!(check.param("given_pct"), Some(&Value::Dec(d(given))));
    }
    let (verdict, _) = judge(|_, _| {});
    assert_eq!(
        verdict.checks[1].message_key,
        "positive_ratings.counts_pass"
    );
}

#[test]
fn no_ratings_at_all_is_unknown() {
    for given in [None, Some(d("99.5"))] {
        let (verdict, _) = judge(|f, _| {
            f.ratings = Some(Ratings {
                positive: 0,
                negative: 0,
            });
            f.positive_ratings_pct = given;
        });
        let check = check(&verdict, "positive_ratings");
        assert_eq!(check.status, Status::Unknown);
        assert_eq!(check.missing, ["ratings"]);
        assert_eq!(verdict.verdict, VerdictCode::Incomplete);
    }
    let (verdict, _) = judge(|f, _| f.ratings = None);
    let check = check(&verdict, "positive_ratings");
    assert_eq!(
        (check.status, check.missing.as_slice()),
        (Status::Unknown, &["ratings", "positive_ratings_pct"][..])
    );
}

#[test]
fn the_ratings_minimum_comes_from_the_table() {
    let lenient = with_param(
        shipped(),
        "positive_ratings",
        "min_pct",
        ParamValue::Number(n(95)),
    );
    let verdict = judge_in(&lenient, |f| {
        f.ratings = Some(Ratings {
            positive: 95,
            negative: 5,
        })
    });
    assert_eq!(check(&verdict, "positive_ratings").status, Status::Pass);
    let verdict = judge_in(&lenient, |f| {
        f.ratings = Some(Ratings {
            positive: 94,
            negative: 5,
        })
    });
    let check = check(&verdict, "positive_ratings");
    assert_eq!(check.status, Status::Fail);
    assert_eq!(to_pass(check, "positive_ratings_needed"), &Value::Int(1));
    // 100% with a negative rating: no number of positives is enough
    let strict = with_param(
        shipped(),
        "positive_ratings",
        "min_pct",
        ParamValue::Number(n(100)),
    );
    let verdict = judge_in(&strict, |f| {
        f.ratings = Some(Ratings {
            positive: 94,
            negative: 5,
        })
    });
    let check = verdict.checks[1].clone();
    assert_eq!(check.message_key, "positive_ratings.counts_fail_impossible");
    assert_eq!(to_pass(&check, "positive_ratings_needed"), &Value::Null);
    assert_eq!(check.param("needed"), None);
}

#[test]
fn percentage_only_states_the_points_short() {
    let (verdict, _) = judge(|f, _| {
        f.ratings = None;
        f.positive_ratings_pct = Some(d("98.7"));
    });
    assert_eq!(
        verdict.checks[1].to_pass,
        vec![
            ("min_pct", Value::Dec(n(99))),
            ("short_pct", Value::Dec(d("0.3")))
        ]
    );
}

#[test]
fn quality_minimums() {
    use Grade::*;
    for (grade, main, other) in [
        (Unacceptable, Status::Fail, Status::Fail),
        (NeedsImprovement, Status::Fail, Status::Fail),
        (Neutral, Status::Fail, Status::Pass),
        (Good, Status::Pass, Status::Pass),
        (Super, Status::Pass, Status::Pass),
        (SuperPlus, Status::Pass, Status::Pass),
    ] {
        let (verdict, _) = judge(|f, _| {
            f.quality = grade;
            f.other_accounts_quality = vec![grade];
        });
        assert_eq!(check(&verdict, "main_account_quality").status, main);
        assert_eq!(check(&verdict, "other_accounts_quality").status, other);
    }
    let (verdict, _) = judge(|f, _| f.quality = Neutral);
    assert_eq!(
        verdict.checks[2].to_pass,
        vec![("grade_needed", Value::Grade(Good))]
    );
}

#[test]
fn other_accounts() {
    let (verdict, _) = judge(|f, _| f.other_accounts_quality = vec![]);
    let check_ = check(&verdict, "other_accounts_quality");
    assert_eq!(
        (check_.status, check_.message_key),
        (Status::Pass, "other_accounts_quality.none")
    );
    let grades = vec![
        Grade::Super,
        Grade::NeedsImprovement,
        Grade::Unacceptable,
        Grade::Neutral,
    ];
    let (verdict, _) = judge(|f, _| f.other_accounts_quality = grades);
    let check_ = check(&verdict, "other_accounts_quality");
    assert_eq!(check_.status, Status::Fail);
    assert_eq!(
        check_.to_pass,
        vec![
            ("grade_needed", Value::Grade(Grade::Neutral)),
            (
                "accounts_below",
                Value::List(vec![Value::Int(2), Value::Int(3)])
            ),
        ]
    );
    assert_eq!(
        check_.param("low"),
        Some(&Value::List(vec![
            Value::List(vec![Value::Int(2), Value::Grade(Grade::NeedsImprovement)]),
            Value::List(vec![Value::Int(3), Value::Grade(Grade::Unacceptable)]),
        ]))
    );
}

fn growth_check(values: Vec<i128>) -> Check {
    let (verdict, _) = judge(|f, _| f.monthly_revenue = months(&values));
    check(&verdict, "revenue_growth").clone()
}

fn repeat(value: i128, count: usize) -> Vec<i128> {
    vec![value; count]
}

fn concat(parts: &[Vec<i128>]) -> Vec<i128> {
    parts.concat()
}

#[test]
fn revenue_growth_over_12_months() {
    // trend = least-squares slope × 12 / mean × 100
    let cases: Vec<(&str, Vec<i128>, Status, Option<(i128, i128)>)> = vec![
        (
            "steady rise",
            (1..=12).map(|i| i * 10).collect(),
            Status::Pass,
            Some((2400, 13)),
        ),
        (
            "steady fall",
            (1..=12).rev().map(|i| i * 10).collect(),
            Status::Fail,
            Some((-2400, 13)),
        ),
        ("flat", repeat(100, 12), Status::Fail, Some((0, 1))),
        (
            "step up",
            concat(&[repeat(100, 6), repeat(200, 6)]),
            Status::Pass,
            Some((14400, 143)),
        ),
        (
            "last month up by 1",
            concat(&[repeat(1000, 11), vec![1001]]),
            Status::Pass,
            Some((7200, 156013)),
        ),
        ("all zero", repeat(0, 12), Status::Fail, None),
    ];
    for (name, values, expected, trend) in cases {
        let check = growth_check(values);
        assert_eq!(check.status, expected, "{name}");
        let actual = trend.map_or(Value::Null, |(a, b)| Value::Dec(ratio(a, b)));
        assert_eq!(check.actual, actual, "{name}");
        assert!(check.interpretation);
    }
}

#[test]
fn revenue_growth_over_24_months() {
    let down: Vec<(&str, Vec<i128>, Status, Option<Dec>)> = vec![
        (
            "slightly down",
            concat(&[repeat(500000, 12), repeat(499999, 12)]),
            Status::Fail,
            Some(d("-0.0002")),
        ),
        (
            "up 10%",
            concat(&[repeat(100, 12), repeat(110, 12)]),
            Status::Pass,
            Some(n(10)),
        ),
        ("level", repeat(100, 24), Status::Fail, Some(n(0))),
        (
            "up by one zloty",
            concat(&[repeat(100, 23), vec![101]]),
            Status::Pass,
            Some(ratio(1, 12)),
        ),
        (
            "seasonal",
            concat(&[
                (1..=12).rev().map(|i| i * 10).collect(),
                (2..=13).rev().map(|i| i * 10).collect(),
            ]),
            Status::Pass,
            Some(ratio(12000, 780)),
        ),
        (
            "from zero",
            concat(&[repeat(0, 23), vec![1]]),
            Status::Pass,
            None,
        ),
        ("zero throughout", repeat(0, 24), Status::Fail, None),
    ];
    for (name, values, expected, growth) in down {
        let check = growth_check(values);
        assert_eq!(check.status, expected, "{name}");
        assert_eq!(
            check.actual,
            growth.map_or(Value::Null, Value::Dec),
            "{name}"
        );
    }
    // the same 12 months alone trend downwards; with the year before they grow year on year
    let falling: Vec<i128> = (2..=13).rev().map(|i| i * 10).collect();
    assert_eq!(growth_check(falling.clone()).status, Status::Fail);
    let before: Vec<i128> = (1..=12).rev().map(|i| i * 10).collect();
    assert_eq!(
        growth_check(concat(&[before, falling])).status,
        Status::Pass
    );
}

#[test]
fn a_falling_year_says_what_would_pass() {
    let check = growth_check(concat(&[repeat(500000, 12), repeat(499999, 12)]));
    assert_eq!(
        check.to_pass,
        vec![
            ("min_growth_pct", Value::Dec(n(0))),
            ("growth_pct", Value::Dec(d("-0.0002"))),
            ("last_12_months_revenue_above", Value::Dec(n(6000000))),
            ("last_12_months_short_pln", Value::Dec(n(12))),
            ("next_month_revenue_above", Value::Dec(n(500010))),
        ]
    );
    assert!(same(
        dec_of(to_pass(&check, "growth_pct")),
        ratio(-12, 60000)
    ));
}

#[test]
fn no_monthly_revenue_is_unknown() {
    let (verdict, _) = judge(|f, _| f.monthly_revenue = None);
    let check = check(&verdict, "revenue_growth");
    assert_eq!(
        (check.status, check.missing.as_slice()),
        (Status::Unknown, &["monthly_revenue"][..])
    );
    assert_eq!(verdict.verdict, VerdictCode::Incomplete);
}

#[test]
fn the_growth_minimum_comes_from_the_table() {
    let strict = with_param(
        shipped(),
        "revenue_growth",
        "min_growth_pct",
        ParamValue::Number(n(10)),
    );
    let at = |values: Vec<i128>| {
        check(
            &judge_in(&strict, |f| f.monthly_revenue = months(&values)),
            "revenue_growth",
        )
        .status
    };
    assert_eq!(
        at(concat(&[repeat(100, 12), repeat(110, 12)])),
        Status::Fail
    );
    assert_eq!(
        at(concat(&[repeat(100, 12), repeat(110, 11), vec![111]])),
        Status::Pass
    );
}

#[test]
fn a_flat_trend_turns_with_a_month_above_the_others() {
    let check = growth_check(repeat(100000, 12));
    assert_eq!(check.status, Status::Fail);
    assert_eq!(
        check.to_pass,
        vec![
            ("min_growth_pct", Value::Dec(n(0))),
            ("growth_pct", Value::Dec(n(0))),
            ("next_month_revenue_above", Value::Dec(n(100000))),
        ]
    );
}

#[test]
fn the_next_month_bound_is_exact() {
    // Above the bound (rounded up to the grosz) the moved-on window passes; a grosz below, not.
    for values in [
        vec![
            500000, 480000, 470000, 450000, 440000, 390000, 400000, 430000, 420000, 380000, 410000,
            400000,
        ],
        concat(&[vec![900000, 100000], repeat(0, 10)]),
        vec![5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1],
    ] {
        let check = growth_check(values.clone());
        assert_eq!(check.status, Status::Fail);
        let bound = dec_of(to_pass(&check, "next_month_revenue_above"));
        let passes = |x: Dec| {
            let mut moved: Vec<Dec> = values[1..].iter().map(|v| n(*v)).collect();
            moved.push(x);
            let (verdict, _) = judge(|f, _| f.monthly_revenue = Some(moved));
            check_status(&verdict)
        };
        let grosz = d("0.01");
        let above = if bound.is_negative() {
            Dec::ZERO
        } else {
            bound
        }
        .add_rounded(&grosz)
        .unwrap();
        assert_eq!(passes(above), Status::Pass, "{values:?}");
        if bound > Dec::ZERO {
            assert_eq!(
                passes(bound.sub_rounded(&grosz).unwrap()),
                Status::Fail,
                "{values:?}"
            );
        }
    }
}

fn check_status(verdict: &Verdict) -> Status {
    check(verdict, "revenue_growth").status
}

#[test]
fn main_category_ties() {
    let table = shipped();
    let ties: Vec<(Vec<(&str, &str)>, &str, Vec<&str>)> = vec![
        (
            vec![("Garden", "4600000"), ("Kids", "4600000")],
            "Kids",
            vec!["Garden"],
        ),
        (
            vec![("Sport & Leisure", "10"), ("Tools & Accessories", "10")],
            "Tools & Accessories",
            vec!["Sport & Leisure"],
        ),
        (
            vec![("Electronics", "10"), ("Bathroom & Heating", "10")],
            "Bathroom & Heating",
            vec!["Electronics"],
        ),
        (
            vec![("Tools & Accessories", "10"), ("Industry", "10")],
            "Industry",
            vec!["Tools & Accessories"],
        ),
        (
            vec![
                ("Building & Accessories", "5"),
                ("Electronics", "5"),
                ("Bathroom & Heating", "5"),
            ],
            "Bathroom & Heating",
            vec!["Building & Accessories", "Electronics"],
        ),
        (
            vec![("Garden", "0"), ("Supermarket", "0"), ("Kids", "0")],
            "Kids",
            vec!["Supermarket", "Garden"],
        ),
        (
            vec![("Garden", "5"), ("Fashion", "5"), ("Kids", "6")],
            "Kids",
            vec![],
        ),
    ];
    for (revenue, main, tied) in ties {
        let mut amounts = amounts(&table, &revenue);
        for _ in 0..2 {
            let (got, _, got_tied) = main_category(&amounts, &table).unwrap();
            assert_eq!(got, cat(&table, main), "{revenue:?}");
            let tied: Vec<CategoryId> = tied.iter().map(|t| cat(&table, t)).collect();
            assert_eq!(got_tied, tied, "{revenue:?}");
            amounts.reverse();
        }
    }
}

#[test]
fn the_tie_rule_step_by_step() {
    let cases: [(&[(&str, i128, i128, i128)], &str); 4] = [
        (&[("A", 1000, 500, 100), ("D", 900, 800, 800)], "D"),
        (&[("B", 1000, 600, 100), ("A", 1000, 500, 900)], "A"),
        (&[("A", 1000, 500, 900), ("C", 1000, 500, 800)], "C"),
        (&[("Y", 1000, 500, 100), ("X", 1000, 500, 100)], "Y"),
    ];
    for (rows, main) in cases {
        let table = table_with(rows);
        let revenue: Vec<(CategoryId, Dec)> = (0..rows.len()).rev().map(|id| (id, n(7))).collect();
        assert_eq!(
            main_category(&revenue, &table).unwrap().0,
            cat(&table, main)
        );
    }
}

#[test]
fn the_main_categorys_own_amount_is_shown() {
    // tied by value, written differently: the chosen category's own amount is the one shown
    let table = shipped();
    let revenue = amounts(&table, &[("Garden", "100"), ("Kids", "100.00")]);
    let (main, amount, _) = main_category(&revenue, &table).unwrap();
    assert_eq!(main, cat(&table, "Kids"));
    assert!(same(amount, d("100.00")));
}

fn shortfall(threshold: i128, short: &str, pct: Dec) -> Value {
    Value::Map(vec![
        ("threshold", Value::Dec(n(threshold))),
        ("short_pln", Value::Dec(d(short))),
        ("short_pct", Value::Dec(pct)),
    ])
}

fn with_growth(shortfall: Value, growth: Option<Dec>, above: Option<Dec>) -> Value {
    let Value::Map(mut pairs) = shortfall else {
        unreachable!()
    };
    pairs.push(("growth_pct", growth.map_or(Value::Null, Value::Dec)));
    pairs.push(("growth_above_pct", above.map_or(Value::Null, Value::Dec)));
    Value::Map(pairs)
}

#[test]
fn all_revenue_zero_fails_against_the_chosen_category() {
    let (verdict, table) = judge(|f, t| f.revenue = amounts(t, &[("Garden", "0"), ("Kids", "0")]));
    let check = check(&verdict, "revenue_threshold");
    assert_eq!(
        (verdict.main_category, check.status, verdict.route),
        (cat(&table, "Kids"), Status::Fail, None)
    );
    assert_eq!(
        check.to_pass,
        vec![
            ("company", shortfall(4500000, "4500000", n(100))),
            (
                "conditional",
                with_growth(shortfall(2250000, "2250000", n(100)), None, None)
            ),
        ]
    );
}

type Change = Box<dyn Fn(&mut Figures, &Table)>;

fn revenue(kids: &'static str) -> Change {
    Box::new(move |f, t| f.revenue = amounts(t, &[("Kids", kids)]))
}

fn and(first: Change, second: Change) -> Change {
    Box::new(move |f, t| {
        first(f, t);
        second(f, t);
    })
}

fn brand(revenue: &'static [(&'static str, &'static str)]) -> Change {
    Box::new(move |f, t| f.brand_zone_revenue = Some(amounts(t, revenue)))
}

fn growth(seller: Option<&'static str>, market: Option<&'static str>) -> Change {
    Box::new(move |f, _| {
        f.category_growth_pct = seller.map(signed);
        f.category_market_growth_pct = market.map(signed);
    })
}

fn signed(text: &str) -> Dec {
    match text.strip_prefix('-') {
        Some(rest) => {
            let v = d(rest);
            Dec::new(-v.coeff, v.exp)
        }
        None => d(text),
    }
}

fn faster() -> Change {
    growth(Some("14"), Some("9"))
}

#[test]
fn revenue_routes() {
    let routes: Vec<(&str, Change, Status, Option<Route>)> = vec![
        (
            "company, above",
            revenue("5000000"),
            Status::Pass,
            Some(Route::Company),
        ),
        (
            "company, exactly",
            revenue("4500000"),
            Status::Pass,
            Some(Route::Company),
        ),
        (
            "company, a grosz short",
            revenue("4499999.99"),
            Status::Unknown,
            None,
        ),
        (
            "company before brand and conditional",
            and(
                and(revenue("5000000"), brand(&[("Kids", "600000")])),
                faster(),
            ),
            Status::Pass,
            Some(Route::Company),
        ),
        (
            "brand before conditional",
            and(
                and(revenue("3000000"), brand(&[("Kids", "600000")])),
                faster(),
            ),
            Status::Pass,
            Some(Route::Brand),
        ),
        (
            "brand",
            and(revenue("700000"), brand(&[("Kids", "600000")])),
            Status::Pass,
            Some(Route::Brand),
        ),
        (
            "brand, exactly",
            and(revenue("700000"), brand(&[("Kids", "590000")])),
            Status::Pass,
            Some(Route::Brand),
        ),
        (
            "brand, one short",
            and(revenue("700000"), brand(&[("Kids", "589999")])),
            Status::Fail,
            None,
        ),
        (
            "brand in its own top category",
            and(
                revenue("1000000"),
                brand(&[("Fashion", "360000"), ("Kids", "100000")]),
            ),
            Status::Pass,
            Some(Route::Brand),
        ),
        (
            "brand tie, same rule",
            and(
                revenue("1000000"),
                brand(&[("Kids", "400000"), ("Fashion", "400000")]),
            ),
            Status::Pass,
            Some(Route::Brand),
        ),
        (
            "brand tie, Kids over Garden",
            and(
                revenue("1000000"),
                brand(&[("Garden", "600000"), ("Kids", "600000")]),
            ),
            Status::Pass,
            Some(Route::Brand),
        ),
        (
            "conditional, faster",
            and(revenue("3000000"), faster()),
            Status::Pass,
            Some(Route::Conditional),
        ),
        (
            "conditional, exactly",
            and(revenue("2250000"), faster()),
            Status::Pass,
            Some(Route::Conditional),
        ),
        (
            "conditional, a zloty short",
            and(revenue("2249999"), faster()),
            Status::Fail,
            None,
        ),
        (
            "conditional, faster by a hundredth",
            and(revenue("3000000"), growth(Some("9.01"), Some("9"))),
            Status::Pass,
            Some(Route::Conditional),
        ),
        (
            "conditional, equal growth",
            and(revenue("3000000"), growth(Some("9"), Some("9"))),
            Status::Fail,
            None,
        ),
        (
            "conditional, slower",
            and(revenue("3000000"), growth(Some("5"), Some("9"))),
            Status::Fail,
            None,
        ),
        (
            "conditional, both shrinking",
            and(revenue("3000000"), growth(Some("-5"), Some("-9"))),
            Status::Pass,
            Some(Route::Conditional),
        ),
        (
            "conditional after a failed brand",
            and(
                and(revenue("3000000"), brand(&[("Kids", "500000")])),
                faster(),
            ),
            Status::Pass,
            Some(Route::Conditional),
        ),
        ("growth missing", revenue("3000000"), Status::Unknown, None),
        (
            "growth missing after a failed brand",
            and(revenue("3000000"), brand(&[("Kids", "500000")])),
            Status::Unknown,
            None,
        ),
        (
            "below every threshold",
            revenue("1000000"),
            Status::Fail,
            None,
        ),
    ];
    for (name, change, expected, route) in routes {
        let (verdict, _) = judge(|f, t| change(f, t));
        assert_eq!(
            check(&verdict, "revenue_threshold").status,
            expected,
            "{name}"
        );
        assert_eq!(verdict.route, route, "{name}");
    }
}

#[test]
fn conditional_unknown_names_the_missing_figures() {
    for (seller, market, missing) in [
        (
            None,
            None,
            vec!["category_growth_pct", "category_market_growth_pct"],
        ),
        (Some("14"), None, vec!["category_market_growth_pct"]),
        (None, Some("9"), vec!["category_growth_pct"]),
    ] {
        let change = and(revenue("3000000"), growth(seller, market));
        let (verdict, _) = judge(|f, t| change(f, t));
        let check = check(&verdict, "revenue_threshold");
        assert_eq!(
            (check.status, &check.missing, verdict.verdict),
            (Status::Unknown, &missing, VerdictCode::Incomplete)
        );
        assert_eq!(check.message_key, "revenue_threshold.conditional_unknown");
    }
}

#[test]
fn no_brand_zone_revenue_means_no_brand_route() {
    for brand_zone in [None, Some(vec![])] {
        let (verdict, t) = judge(|f, t| {
            f.revenue = amounts(t, &[("Kids", "1000000")]);
            f.brand_zone_revenue = brand_zone;
        });
        let check = check(&verdict, "revenue_threshold");
        assert_eq!(check.status, Status::Fail);
        assert_eq!(keys(&check.to_pass), ["company", "conditional"]);
        assert!(check.missing.is_empty());
        assert_eq!(
            check.param("category"),
            Some(&Value::Category(cat(&t, "Kids")))
        );
    }
}

#[test]
fn the_route_is_set_even_when_not_eligible() {
    let cases: Vec<(Change, Route)> = vec![
        (Box::new(|f, _| f.business_account = false), Route::Company),
        (
            Box::new(|f, _| {
                f.ratings = Some(Ratings {
                    positive: 1187,
                    negative: 12,
                })
            }),
            Route::Company,
        ),
        (
            and(
                and(
                    Box::new(|f, _| f.quality = Grade::Neutral),
                    revenue("3000000"),
                ),
                faster(),
            ),
            Route::Conditional,
        ),
        (
            and(
                and(
                    Box::new(|f, _| f.other_accounts_quality = vec![Grade::Unacceptable]),
                    revenue("700000"),
                ),
                brand(&[("Kids", "600000")]),
            ),
            Route::Brand,
        ),
        (
            Box::new(|f, _| f.monthly_revenue = months(&[100; 12])),
            Route::Company,
        ),
    ];
    for (change, route) in cases {
        let (verdict, _) = judge(|f, t| change(f, t));
        assert_eq!(verdict.verdict, VerdictCode::NotEligible);
        assert_eq!(check(&verdict, "revenue_threshold").status, Status::Pass);
        assert_eq!(verdict.route, Some(route));
    }
    let (verdict, _) = judge(|f, t| f.revenue = amounts(t, &[("Kids", "3000000")]));
    assert_eq!(
        (verdict.verdict, verdict.route),
        (VerdictCode::Incomplete, None)
    );
}

#[test]
fn shortfalls() {
    let company_60 = || ("company", shortfall(4500000, "2700000", n(60)));
    let conditional_20 = || {
        (
            "conditional",
            with_growth(shortfall(2250000, "450000", n(20)), None, None),
        )
    };
    let brand = |category: &str, threshold, short: &str| {
        let Value::Map(pairs) = shortfall(threshold, short, n(20)) else {
            unreachable!()
        };
        let table = shipped();
        let mut map = vec![("category", Value::Category(cat(&table, category)))];
        map.extend(pairs);
        ("brand", Value::Map(map))
    };
    let cases: Vec<(&str, Change, Vec<(&'static str, Value)>)> = vec![
        (
            "below both Kids thresholds",
            revenue("1800000"),
            vec![company_60(), conditional_20()],
        ),
        (
            "Fashion",
            Box::new(|f, t| f.revenue = amounts(t, &[("Fashion", "600000")])),
            vec![
                ("company", shortfall(3200000, "2600000", d("81.25"))),
                (
                    "conditional",
                    with_growth(shortfall(800000, "200000", n(25)), None, None),
                ),
            ],
        ),
        (
            "with a failed brand route",
            and(revenue("1800000"), self::brand(&[("Kids", "472000")])),
            vec![
                company_60(),
                brand("Kids", 590000, "118000"),
                conditional_20(),
            ],
        ),
        (
            "a brand shortfall is in the brand account's category",
            and(revenue("1800000"), self::brand(&[("Fashion", "280000")])),
            vec![
                company_60(),
                brand("Fashion", 350000, "70000"),
                conditional_20(),
            ],
        ),
        (
            "a grosz short, growth missing",
            revenue("4499999.99"),
            vec![
                ("company", shortfall(4500000, "0.01", ratio(1, 4500000))),
                (
                    "conditional",
                    with_growth(shortfall(2250000, "0", n(0)), None, None),
                ),
            ],
        ),
        (
            "conditional reached, growth not faster",
            and(revenue("3000000"), growth(Some("9"), Some("9"))),
            vec![
                ("company", shortfall(4500000, "1500000", ratio(100, 3))),
                (
                    "conditional",
                    with_growth(shortfall(2250000, "0", n(0)), Some(n(9)), Some(n(9))),
                ),
            ],
        ),
    ];
    for (name, change, expected) in cases {
        let (verdict, _) = judge(|f, t| change(f, t));
        let check = check(&verdict, "revenue_threshold");
        assert!(
            matches!(check.status, Status::Fail | Status::Unknown),
            "{name}"
        );
        assert_eq!(check.to_pass, expected, "{name}");
    }
    // a zero difference keeps its exponent: 4,500,000.00 − 4,499,999.99 ... and 2,250,000 − 3,000,000.00 → 0
    let (verdict, _) = judge(|f, t| f.revenue = amounts(t, &[("Kids", "3000000.00")]));
    let conditional = map_get(
        to_pass(check(&verdict, "revenue_threshold"), "conditional"),
        "short_pln",
    );
    assert!(same(dec_of(conditional), n(0)));
    let (verdict, _) = judge(|f, t| f.revenue = amounts(t, &[("Kids", "2250000.00")]));
    let conditional = map_get(
        to_pass(check(&verdict, "revenue_threshold"), "conditional"),
        "short_pln",
    );
    assert!(same(dec_of(conditional), d("0.00")));
}

#[test]
fn discretionary_points() {
    let cases: Vec<(&str, &str, Change, Status)> = vec![
        (
            "account_suspended",
            "",
            Box::new(|f, _| f.suspended = true),
            Status::Flag,
        ),
        (
            "account_suspended",
            "",
            Box::new(|f, _| f.suspended = false),
            Status::Pass,
        ),
        (
            "transaction_problems",
            "transaction_problems_pct",
            Box::new(|f, _| f.transaction_problems_pct = Some(d("2.0"))),
            Status::Pass,
        ),
        (
            "transaction_problems",
            "transaction_problems_pct",
            Box::new(|f, _| f.transaction_problems_pct = Some(d("2.01"))),
            Status::Flag,
        ),
        (
            "transaction_problems",
            "transaction_problems_pct",
            Box::new(|f, _| f.transaction_problems_pct = Some(n(0))),
            Status::Pass,
        ),
        (
            "transaction_problems",
            "transaction_problems_pct",
            Box::new(|f, _| f.transaction_problems_pct = None),
            Status::Unknown,
        ),
        (
            "export_potential",
            "exportable_pct",
            Box::new(|f, _| f.exportable_pct = Some(n(50))),
            Status::Pass,
        ),
        (
            "export_potential",
            "exportable_pct",
            Box::new(|f, _| f.exportable_pct = Some(d("49.99"))),
            Status::Flag,
        ),
        (
            "export_potential",
            "exportable_pct",
            Box::new(|f, _| f.exportable_pct = Some(n(30))),
            Status::Flag,
        ),
        (
            "export_potential",
            "exportable_pct",
            Box::new(|f, _| f.exportable_pct = None),
            Status::Unknown,
        ),
        (
            "new_condition",
            "new_condition_pct",
            Box::new(|f, _| f.new_condition_pct = Some(n(50))),
            Status::Pass,
        ),
        (
            "new_condition",
            "new_condition_pct",
            Box::new(|f, _| f.new_condition_pct = Some(d("49.9"))),
            Status::Flag,
        ),
        (
            "new_condition",
            "new_condition_pct",
            Box::new(|f, _| f.new_condition_pct = Some(n(100))),
            Status::Pass,
        ),
        (
            "new_condition",
            "new_condition_pct",
            Box::new(|f, _| f.new_condition_pct = None),
            Status::Unknown,
        ),
    ];
    for (rule, field, change, expected) in cases {
        let (verdict, _) = judge(|f, t| change(f, t));
        let check = check(&verdict, rule);
        assert_eq!(check.status, expected, "{rule}");
        assert_eq!(rules::spec(rule).unwrap().kind, RuleKind::Discretionary);
        let missing: Vec<&str> = if expected == Status::Unknown {
            vec![field]
        } else {
            vec![]
        };
        assert_eq!(check.missing, missing);
        let verdict_code = if expected == Status::Flag {
            VerdictCode::Review
        } else {
            VerdictCode::Eligible
        };
        assert_eq!(verdict.verdict, verdict_code, "{rule}");
    }
    // 2.005 against 2.0 is shown as 2.005, not 2.00 or 2.01; 0.8 is padded to 0.80
    let (verdict, _) = judge(|f, _| f.transaction_problems_pct = Some(d("2.005")));
    let check_ = check(&verdict, "transaction_problems");
    assert!(same(dec_of(check_.param("pct").unwrap()), d("2.005")));
    assert_eq!(check_.to_pass, vec![("max_pct", Value::Dec(d("2.0")))]);
    let (verdict, _) = judge(|_, _| {});
    assert!(same(
        dec_of(
            check(&verdict, "transaction_problems")
                .param("pct")
                .unwrap()
        ),
        d("0.80")
    ));
}

#[test]
fn verdict_dominance() {
    let fail: fn(&mut Figures) = |f| f.business_account = false;
    let unknown: fn(&mut Figures) = |f| f.monthly_revenue = None;
    let flag: fn(&mut Figures) = |f| f.exportable_pct = Some(n(30));
    let discretionary_unknown: fn(&mut Figures) = |f| f.new_condition_pct = None;
    let suspended: fn(&mut Figures) = |f| f.suspended = true;
    let cases: Vec<(Vec<fn(&mut Figures)>, VerdictCode)> = vec![
        (vec![], VerdictCode::Eligible),
        (vec![flag], VerdictCode::Review),
        (vec![suspended], VerdictCode::Review),
        (vec![unknown], VerdictCode::Incomplete),
        (vec![discretionary_unknown], VerdictCode::Eligible),
        (vec![unknown, flag], VerdictCode::Incomplete),
        (vec![fail, flag], VerdictCode::NotEligible),
        (vec![fail, unknown], VerdictCode::NotEligible),
        (
            vec![fail, unknown, flag, discretionary_unknown],
            VerdictCode::NotEligible,
        ),
        (vec![flag, discretionary_unknown], VerdictCode::Review),
    ];
    for (changes, expected) in cases {
        let (verdict, _) = judge(|f, _| changes.iter().for_each(|c| c(f)));
        assert_eq!(verdict.verdict, expected);
    }
}

#[test]
fn verdict_of_statuses() {
    let checks = |statuses: &[(&str, Status)]| -> Vec<Check> {
        rules::RULES
            .iter()
            .map(|spec| Check {
                rule: spec.id,
                status: statuses
                    .iter()
                    .find(|(r, _)| *r == spec.id)
                    .map_or(Status::Pass, |(_, s)| *s),
                message_key: "x",
                params: vec![],
                actual: Value::Null,
                required: Value::Null,
                to_pass: vec![],
                missing: vec![],
                interpretation: false,
                margin: vec![],
                assumed: false,
            })
            .collect()
    };
    let cases: [(&[(&str, Status)], VerdictCode); 5] = [
        (&[], VerdictCode::Eligible),
        (&[("new_condition", Status::Flag)], VerdictCode::Review),
        (&[("new_condition", Status::Unknown)], VerdictCode::Eligible),
        (
            &[
                ("revenue_threshold", Status::Unknown),
                ("export_potential", Status::Flag),
            ],
            VerdictCode::Incomplete,
        ),
        (
            &[
                ("positive_ratings", Status::Unknown),
                ("revenue_growth", Status::Fail),
                ("account_suspended", Status::Flag),
            ],
            VerdictCode::NotEligible,
        ),
    ];
    for (statuses, expected) in cases {
        assert_eq!(verdict_of(&checks(statuses)), expected);
    }
}

#[test]
fn done_when() {
    // Kids 4,300,000 PLN (200,000 short of 4,500,000) and 987 of 1,000 ratings positive
    let (verdict, _) = judge(|f, t| {
        f.revenue = amounts(t, &[("Kids", "4300000")]);
        f.ratings = Some(Ratings {
            positive: 987,
            negative: 13,
        });
    });
    // (987 + x) / (1000 + x) >= 0.99  <=>  x >= 1287 - 987 = 300
    assert_eq!(
        check(&verdict, "positive_ratings").to_pass,
        vec![
            ("positive_ratings_needed", Value::Int(300)),
            ("at_negative_ratings", Value::Int(13)),
            ("min_pct", Value::Dec(n(99))),
        ]
    );
    let revenue = check(&verdict, "revenue_threshold");
    assert_eq!(revenue.status, Status::Unknown);
    assert_eq!(
        to_pass(revenue, "company"),
        &shortfall(4500000, "200000", ratio(200000, 45000))
    );
    assert_eq!(
        to_pass(revenue, "conditional"),
        &with_growth(shortfall(2250000, "0", n(0)), None, None)
    );
    assert_eq!(
        revenue.missing,
        ["category_growth_pct", "category_market_growth_pct"]
    );
}

#[test]
fn figures_are_not_cross_checked() {
    let (verdict, _) = judge(|f, t| {
        f.revenue = amounts(t, &[("Kids", "100")]);
        f.brand_zone_revenue = Some(amounts(t, &[("Kids", "600000")]));
        f.monthly_revenue = months(&(1..=12).collect::<Vec<_>>());
    });
    assert_eq!(
        (verdict.verdict, verdict.route),
        (VerdictCode::Eligible, Some(Route::Brand))
    );
}

#[test]
fn sums_past_28_digits_are_rounded_as_python_rounds_them() {
    // Python's sum([999999999999999.999999999999] * 12, Decimal(0)) rounds after each addition
    // to 28 significant digits: 11999999999999999.99999999999 (the exact sum has 29 digits).
    let largest = Dec::new(999_999_999_999_999_999_999_999_999, -12);
    let (verdict, _) = judge(|f, _| f.monthly_revenue = Some(vec![largest; 24]));
    let check = check(&verdict, "revenue_growth");
    assert_eq!(check.status, Status::Fail);
    assert!(same(
        dec_of(check.param("last").unwrap()),
        d("11999999999999999.99999999999")
    ));
    assert_eq!(check.actual, Value::Dec(n(0)));
}

fn dec_in_limits() -> impl Strategy<Value = Dec> {
    // below 10^15 with at most 12 decimals, as `record` gives them
    (0u32..=12, 0i128..10i128.pow(15)).prop_flat_map(|(places, whole)| {
        (Just(places), Just(whole), 0i128..10i128.pow(places)).prop_map(
            |(places, whole, fraction)| {
                Dec::new(whole * 10i128.pow(places) + fraction, -(places as i32))
            },
        )
    })
}

fn share_in_limits() -> impl Strategy<Value = Dec> {
    (0u32..=12, 0i128..=100).prop_flat_map(|(places, whole)| {
        let top = if whole == 100 { 1 } else { 10i128.pow(places) };
        (Just(places), Just(whole), 0..top)
            .prop_map(|(p, w, f)| Dec::new(w * 10i128.pow(p) + f, -(p as i32)))
    })
}

fn signed_in_limits() -> impl Strategy<Value = Dec> {
    (dec_in_limits(), any::<bool>()).prop_map(|(d, negative)| {
        if negative {
            Dec::new(-d.coeff, d.exp)
        } else {
            d
        }
    })
}

fn grade() -> impl Strategy<Value = Grade> {
    prop::sample::select(Grade::ALL.to_vec())
}

fn figures_in_limits() -> impl Strategy<Value = Figures> {
    let revenue = || prop::collection::vec((0usize..15, dec_in_limits()), 1..4);
    let months = prop::option::of(prop_oneof![
        prop::collection::vec(dec_in_limits(), 12),
        prop::collection::vec(dec_in_limits(), 24),
    ]);
    let count = 0u64..10u64.pow(15) - 1;
    (
        (
            any::<bool>(),
            grade(),
            prop::option::of((count.clone(), count)),
            prop::option::of(share_in_limits()),
        ),
        (prop::collection::vec(grade(), 0..4), revenue(), months),
        (
            prop::option::of(signed_in_limits()),
            prop::option::of(signed_in_limits()),
        ),
        (
            prop::option::of(prop::collection::vec((0usize..15, dec_in_limits()), 0..3)),
            any::<bool>(),
        ),
        (
            prop::option::of(share_in_limits()),
            prop::option::of(share_in_limits()),
            prop::option::of(share_in_limits()),
        ),
    )
        .prop_map(|(a, b, c, e, s)| Figures {
            seller: None,
            nip: None,
            business_account: a.0,
            quality: a.1,
            ratings: a
                .2
                .map(|(positive, negative)| Ratings { positive, negative }),
            positive_ratings_pct: a.3,
            other_accounts_quality: b.0,
            revenue: b.1,
            monthly_revenue: b.2,
            category_growth_pct: c.0,
            category_market_growth_pct: c.1,
            brand_zone_revenue: e.0,
            suspended: e.1,
            suspended_given: true,
            other_accounts_given: true,
            transaction_problems_pct: s.0,
            exportable_pct: s.1,
            new_condition_pct: s.2,
        })
}

fn table_in_limits() -> impl Strategy<Value = Table> {
    let pct = || share_in_limits();
    (
        pct(),
        grade(),
        grade(),
        signed_in_limits(),
        any::<bool>(),
        pct(),
        pct(),
        pct(),
    )
        .prop_map(
            |(min_pct, main, other, growth, inclusive, max_pct, export, new)| {
                // growth of at least -100%
                let growth = if growth < n(-100) { n(-100) } else { growth };
                let mut table = shipped();
                for (rule, name, value) in [
                    ("positive_ratings", "min_pct", ParamValue::Number(min_pct)),
                    ("main_account_quality", "min_grade", ParamValue::Grade(main)),
                    (
                        "other_accounts_quality",
                        "min_grade",
                        ParamValue::Grade(other),
                    ),
                    (
                        "revenue_growth",
                        "min_growth_pct",
                        ParamValue::Number(growth),
                    ),
                    (
                        "revenue_threshold",
                        "inclusive",
                        ParamValue::Bool(inclusive),
                    ),
                    (
                        "transaction_problems",
                        "max_pct",
                        ParamValue::Number(max_pct),
                    ),
                    ("export_potential", "min_pct", ParamValue::Number(export)),
                    ("new_condition", "min_pct", ParamValue::Number(new)),
                ] {
                    table = with_param(table, rule, name, value);
                }
                table
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn evaluate_never_panics_within_the_input_limits(table in table_in_limits(), figures in figures_in_limits()) {
        let rules = Rules::new(&table).unwrap();
        let verdict = rules.evaluate(&table, figures);
        prop_assert_eq!(verdict.checks.len(), 10);
    }

    #[test]
    fn evaluate_never_panics_on_any_decimals(
        coeffs in prop::collection::vec(any::<i128>(), 40),
        exps in prop::collection::vec(-60i32..60, 40),
        figures in figures_in_limits(),
    ) {
        // figures built directly, far beyond the input limits: no panic, whatever they read as
        let wild = |i: usize| Dec::new(coeffs[i], exps[i]);
        let mut figures = figures;
        figures.revenue = vec![(0, wild(0)), (1, wild(1))];
        figures.monthly_revenue = Some((2..26).map(wild).collect());
        figures.category_growth_pct = Some(wild(26));
        figures.category_market_growth_pct = Some(wild(27));
        figures.transaction_problems_pct = Some(wild(28));
        figures.exportable_pct = Some(wild(29));
        figures.positive_ratings_pct = Some(wild(30));
        figures.ratings = Some(Ratings { positive: u64::MAX, negative: u64::MAX });
        figures.brand_zone_revenue = Some(vec![(2, wild(31))]);
        let table = with_param(shipped(), "revenue_growth", "min_growth_pct", ParamValue::Number(wild(32)));
        let table = with_param(table, "positive_ratings", "min_pct", ParamValue::Number(wild(33)));
        let verdict = Rules::new(&table).unwrap().evaluate(&table, figures.clone());
        prop_assert_eq!(verdict.checks.len(), 10);
        figures.monthly_revenue = Some((2..14).map(wild).collect());
        let verdict = Rules::new(&table).unwrap().evaluate(&table, figures);
        prop_assert_eq!(verdict.checks.len(), 10);
    }
}

/// `cargo test -p diamond_core --release --test rules_units -- --ignored --nocapture`: the time
/// one evaluation takes on the base seller (12 months) and on a failing 24-month seller.
#[test]
#[ignore]
fn time_per_evaluation() {
    let table = shipped();
    let rules = Rules::new(&table).unwrap();
    let eligible = base(&table);
    let mut failing = base(&table);
    failing.monthly_revenue = Some(
        (0..24)
            .map(|i| Dec::new(50_000_000 - i * 1234, -2))
            .collect(),
    );
    failing.revenue = amounts(&table, &[("Kids", "3000000.50")]);
    failing.ratings = Some(Ratings {
        positive: 1187,
        negative: 12,
    });
    for (name, figures) in [("eligible", eligible), ("failing", failing)] {
        let rounds = 200_000u32;
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(rules.evaluate(&table, std::hint::black_box(figures.clone())));
        }
        println!(
            "{name}: {:?} per evaluation (with the figures' clone)",
            start.elapsed() / rounds
        );
    }
}

// ---------------------------------------------------------------- margins (issue 13)

fn margin_of<'c>(check: &'c Check, key: &str) -> &'c Value {
    &check
        .margin
        .iter()
        .find(|(k, _)| *k == key)
        .unwrap_or_else(|| panic!("margin.{key} of {}: {:?}", check.rule, check.margin))
        .1
}

/// Each passing rule's margin, rule by rule: (case, rule, change, key, expected value). A margin
/// is exact or rounded down, so stepping past it fails (see `margins_are_exactly_the_room_left`).
#[test]
fn margins_say_how_far_each_passing_figure_is_from_failing() {
    let cases: Vec<(&str, &str, fn(&mut Figures, &Table), &str, Value)> = vec![
        // 2400 / (2400 + 24) ≥ 99%, 2400 / 2425 is not: 24 negatives allowed, 12 there.
        (
            "ratings",
            "positive_ratings",
            |_, _| {},
            "negative_ratings_spare",
            Value::Int(12),
        ),
        (
            "ratings at the limit",
            "positive_ratings",
            |f, _| {
                f.ratings = Some(Ratings {
                    positive: 99,
                    negative: 1,
                })
            },
            "negative_ratings_spare",
            Value::Int(0),
        ),
        (
            "percentage only",
            "positive_ratings",
            |f, _| {
                f.ratings = None;
                f.positive_ratings_pct = Some(d("99.5"));
            },
            "above_pct",
            Value::Dec(d("0.5")),
        ),
        (
            "main grade at the minimum",
            "main_account_quality",
            |_, _| {},
            "grades_above",
            Value::Int(0),
        ),
        (
            "main grade above",
            "main_account_quality",
            |f, _| f.quality = Grade::SuperPlus,
            "grades_above",
            Value::Int(2),
        ),
        (
            "lowest other account",
            "other_accounts_quality",
            |_, _| {},
            "grade",
            Value::Grade(Grade::Neutral),
        ),
        (
            "company route",
            "revenue_threshold",
            |_, _| {},
            "above_pln",
            Value::Dec(n(500000)),
        ),
        (
            "company route, %",
            "revenue_threshold",
            |_, _| {},
            "above_pct",
            Value::Dec(d("11.111111111111")),
        ),
        (
            "company route, exactly",
            "revenue_threshold",
            |f, t| f.revenue = amounts(t, &[("Kids", "4500000")]),
            "above_pln",
            Value::Dec(n(0)),
        ),
        (
            "brand route",
            "revenue_threshold",
            |f, t| {
                f.revenue = amounts(t, &[("Kids", "1000000")]);
                f.brand_zone_revenue = Some(amounts(t, &[("Kids", "600000")]));
            },
            "above_pln",
            Value::Dec(n(10000)),
        ),
        (
            "conditional route",
            "revenue_threshold",
            |f, t| {
                f.revenue = amounts(t, &[("Kids", "3000000")]);
                f.category_growth_pct = Some(n(14));
                f.category_market_growth_pct = Some(n(9));
            },
            "growth_above_pct",
            Value::Dec(n(5)),
        ),
        (
            "transaction problems",
            "transaction_problems",
            |_, _| {},
            "below_pct",
            Value::Dec(d("1.2")),
        ),
        (
            "export",
            "export_potential",
            |_, _| {},
            "above_pct",
            Value::Dec(n(15)),
        ),
        (
            "new condition",
            "new_condition",
            |_, _| {},
            "above_pct",
            Value::Dec(n(48)),
        ),
    ];
    for (name, rule, change, key, expected) in cases {
        let (verdict, _) = judge(change);
        let check = check(&verdict, rule);
        assert_eq!(check.status, Status::Pass, "{name}");
        let got = margin_of(check, key);
        let equal = match (got, &expected) {
            (Value::Dec(a), Value::Dec(b)) => a == b,
            (a, b) => a == b,
        };
        assert!(equal, "{name}: {key} = {got:?}, expected {expected:?}");
    }
}

/// The margin is the room left: one more negative rating than `negative_ratings_spare` fails,
/// revenue `above_pln` lower still passes (inclusive) and a grosz below that fails.
#[test]
fn margins_are_exactly_the_room_left() {
    for (positive, negative) in [(2400u64, 12u64), (99, 1), (100, 0), (12345, 17), (7, 0)] {
        let ratings = Some(Ratings { positive, negative });
        let (verdict, _) = judge(|f, _| f.ratings = ratings);
        let Value::Int(spare) = *margin_of(
            check(&verdict, "positive_ratings"),
            "negative_ratings_spare",
        ) else {
            panic!("no spare");
        };
        let at = |extra: i128| {
            let ratings = Some(Ratings {
                positive,
                negative: negative + extra as u64,
            });
            status("positive_ratings", |f, _| f.ratings = ratings)
        };
        assert_eq!(at(spare), Status::Pass, "{positive}/{negative} + {spare}");
        assert_eq!(
            at(spare + 1),
            Status::Fail,
            "{positive}/{negative} + {spare} + 1"
        );
    }
    let (verdict, table) = judge(|f, t| f.revenue = amounts(t, &[("Kids", "4712345.67")]));
    let above = dec_of(margin_of(check(&verdict, "revenue_threshold"), "above_pln"));
    assert!(above == d("212345.67"));
    let kids = |amount: &str| {
        let revenue = amounts(&table, &[("Kids", amount)]);
        check(
            &judge_in(&table, |f| f.revenue = revenue),
            "revenue_threshold",
        )
        .message_key
    };
    assert_eq!(kids("4500000.00"), "revenue_threshold.company_pass");
    assert_ne!(kids("4499999.99"), "revenue_threshold.company_pass");
}

/// A rule that does not pass has no margin; a check decided on a default says it assumed it.
#[test]
fn no_margin_without_a_pass_and_defaults_are_assumed() {
    let (verdict, _) = judge(|f, _| f.quality = Grade::Neutral);
    assert!(check(&verdict, "main_account_quality").margin.is_empty());
    let (verdict, _) = judge(|f, _| f.transaction_problems_pct = Some(n(5)));
    assert!(check(&verdict, "transaction_problems").margin.is_empty());
    let cases: [(&str, fn(&mut Figures, &Table), &str, bool, &str); 4] = [
        (
            "suspended given",
            |_, _| {},
            "account_suspended",
            false,
            "account_suspended.pass",
        ),
        (
            "suspended not given",
            |f, _| f.suspended_given = false,
            "account_suspended",
            true,
            "account_suspended.assumed",
        ),
        (
            "no other accounts given",
            |f, _| {
                f.other_accounts_quality.clear();
                f.other_accounts_given = false;
            },
            "other_accounts_quality",
            true,
            "other_accounts_quality.assumed",
        ),
        (
            "no other accounts, said so",
            |f, _| f.other_accounts_quality.clear(),
            "other_accounts_quality",
            false,
            "other_accounts_quality.none",
        ),
    ];
    for (name, change, rule, assumed, key) in cases {
        let (verdict, _) = judge(change);
        let check = check(&verdict, rule);
        assert_eq!((check.assumed, check.message_key), (assumed, key), "{name}");
    }
}

/// Counts of 0 and 0 beside a percentage: unknown, the percentage named as set aside.
#[test]
fn no_counts_beside_a_percentage_set_it_aside() {
    let (verdict, table) = judge(|f, _| {
        f.ratings = Some(Ratings {
            positive: 0,
            negative: 0,
        });
        f.positive_ratings_pct = Some(d("99.8"));
    });
    let check = check(&verdict, "positive_ratings");
    assert_eq!(check.status, Status::Unknown);
    let text =
        diamond_core::messages::check_message_text(check, diamond_core::messages::Lang::En, &table);
    assert!(
        text.contains("the counts decide, and the given 99.8% is set aside"),
        "{text}"
    );
}

/// What settled a tie, for the main category and for the Brand Zone account's own top category.
#[test]
fn ties_name_what_settled_them() {
    let cases: [(&str, fn(&mut Figures, &Table), &str); 3] = [
        // Kids' company threshold (4.5M) is below Garden's (7.5M).
        (
            "company",
            |f, t| f.revenue = amounts(t, &[("Garden", "100"), ("Kids", "100")]),
            "company",
        ),
        // Tools & Accessories and Industry share every threshold: the table's order decides.
        (
            "order",
            |f, t| {
                f.revenue = amounts(
                    t,
                    &[("Tools & Accessories", "9000000"), ("Industry", "9000000")],
                )
            },
            "order",
        ),
        // Automotive and Books & Media: the same thresholds too.
        (
            "order again",
            |f, t| f.revenue = amounts(t, &[("Books & Media", "1"), ("Automotive", "1")]),
            "order",
        ),
    ];
    for (name, change, by) in cases {
        let (verdict, _) = judge(change);
        let check = check(&verdict, "revenue_threshold");
        assert_eq!(
            check.param("tie_by"),
            Some(&Value::Text(by.into())),
            "{name}"
        );
    }
    let (verdict, table) = judge(|f, t| {
        f.revenue = amounts(t, &[("Kids", "1000000")]);
        f.brand_zone_revenue = Some(amounts(t, &[("Garden", "100"), ("Kids", "100")]));
    });
    let check = check(&verdict, "revenue_threshold");
    assert_eq!(
        check.param("brand_tie_by"),
        Some(&Value::Text("company".into()))
    );
    let en =
        diamond_core::messages::check_message_text(check, diamond_core::messages::Lang::En, &table);
    assert!(en.contains("is 589,900 PLN (99.98"), "{en}");
    assert!(
        en.contains("top category is Kids rather than Garden"),
        "{en}"
    );
    let pl =
        diamond_core::messages::check_message_text(check, diamond_core::messages::Lang::Pl, &table);
    assert!(
        pl.contains("do progu dla marek (590\u{a0}000\u{a0}zł) brakuje 589\u{a0}900\u{a0}zł"),
        "{pl}"
    );
}
