//! Every check of ~3,600 sellers equals what the Python reference (diamond_cli.engine) gives,
//! field by field, decimals compared structurally (same coefficient and exponent).
//!
//! The golden file comes from core/tests/data/rules/make_golden.py (see its docstring).

use std::io::{BufRead, BufReader};

use diamond_core::check::{Check, Value, Verdict};
use diamond_core::figures::{Figures, Grade, Ratings};
use diamond_core::number::Dec;
use diamond_core::rules::Rules;
use diamond_core::table::{Category, Param, ParamValue, Table, TableRef};
use serde_json::Value as J;

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/rules/golden.jsonl.gz"
);

/// `str(Decimal)` read back exactly: `-1.50`, `1.5E+7`, `0E-28`.
fn dec(text: &str) -> Dec {
    let (mantissa, exponent) = match text.find(['E', 'e']) {
        Some(at) => (
            &text[..at],
            text[at + 1..].parse::<i32>().expect("exponent"),
        ),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let coeff: i128 = format!("{whole}{fraction}").parse().expect("coefficient");
    Dec::new(coeff, exponent - fraction.len() as i32)
}

fn grade(name: &str) -> Grade {
    *Grade::ALL
        .iter()
        .find(|g| g.code() == name)
        .unwrap_or_else(|| panic!("grade {name}"))
}

fn table(json: &J) -> Table {
    let params = json["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let value = match &p[2] {
                J::Bool(b) => ParamValue::Bool(*b),
                J::Object(o) if o.contains_key("d") => {
                    ParamValue::Number(dec(o["d"].as_str().unwrap()))
                }
                J::Object(o) => ParamValue::Grade(grade(o["g"].as_str().unwrap())),
                other => panic!("param value {other}"),
            };
            Param {
                rule: p[0].as_str().unwrap().to_owned(),
                name: p[1].as_str().unwrap().to_owned(),
                value,
                interpretation: p[3].as_bool().unwrap(),
            }
        })
        .collect();
    let categories = json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Category {
            name: c[0].as_str().unwrap().to_owned(),
            company: dec(c[1].as_str().unwrap()),
            conditional: dec(c[2].as_str().unwrap()),
            brand: dec(c[3].as_str().unwrap()),
            pl: None,
            aliases: Vec::new(),
        })
        .collect();
    Table {
        reference: TableRef {
            name: "allegro-diamond-partners".into(),
            version: "golden".into(),
            effective_from: None,
            source: "golden".into(),
        },
        params,
        categories,
    }
}

fn category(table: &Table, name: &str) -> usize {
    table
        .categories
        .iter()
        .position(|c| c.name == name)
        .unwrap_or_else(|| panic!("category {name}"))
}

fn opt_dec(json: &J) -> Option<Dec> {
    json.as_str().map(dec)
}

fn amounts(table: &Table, json: &J) -> Vec<(usize, Dec)> {
    json.as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            (
                category(table, pair[0].as_str().unwrap()),
                dec(pair[1].as_str().unwrap()),
            )
        })
        .collect()
}

fn figures(table: &Table, f: &J) -> Figures {
    Figures {
        seller: None,
        nip: None,
        business_account: f["business_account"].as_bool().unwrap(),
        ratings: f["ratings"].as_array().map(|r| Ratings {
            positive: r[0].as_u64().unwrap(),
            negative: r[1].as_u64().unwrap(),
        }),
        positive_ratings_pct: opt_dec(&f["positive_ratings_pct"]),
        quality: grade(f["quality"].as_str().unwrap()),
        other_accounts_quality: f["other_accounts_quality"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| grade(g.as_str().unwrap()))
            .collect(),
        revenue: amounts(table, &f["revenue"]),
        monthly_revenue: f["monthly_revenue"]
            .as_array()
            .map(|m| m.iter().map(|v| dec(v.as_str().unwrap())).collect()),
        category_growth_pct: opt_dec(&f["category_growth_pct"]),
        category_market_growth_pct: opt_dec(&f["category_market_growth_pct"]),
        brand_zone_revenue: (!f["brand_zone_revenue"].is_null())
            .then(|| amounts(table, &f["brand_zone_revenue"])),
        suspended: f["suspended"].as_bool().unwrap(),
        suspended_given: true,
        other_accounts_given: true,
        transaction_problems_pct: opt_dec(&f["transaction_problems_pct"]),
        exportable_pct: opt_dec(&f["exportable_pct"]),
        new_condition_pct: opt_dec(&f["new_condition_pct"]),
    }
}

/// Whether `ours` is `theirs`. In `actual`, `required` and `to_pass` Python holds a grade's name
/// where we hold the grade (`names`): the encoder writes both the same.
fn same(table: &Table, ours: &Value, theirs: &J, names: bool) -> Result<(), String> {
    let fail = || Err(format!("ours {ours:?}, Python's {theirs}"));
    match (ours, theirs) {
        (Value::Null, J::Null) => Ok(()),
        (Value::Bool(a), J::Bool(b)) if a == b => Ok(()),
        (Value::Int(a), J::Object(o)) if o.get("i").and_then(J::as_str) == Some(&a.to_string()) => {
            Ok(())
        }
        (Value::Dec(a), J::Object(o)) => {
            let b = dec(o.get("d").and_then(J::as_str).unwrap_or("NaN?"));
            if (a.coeff, a.exp) == (b.coeff, b.exp) {
                Ok(())
            } else {
                Err(format!(
                    "ours {} (coeff {}, exp {}), Python's {}",
                    a.to_plain(),
                    a.coeff,
                    a.exp,
                    o["d"]
                ))
            }
        }
        (Value::Grade(g), J::Object(o)) if o.get("g").and_then(J::as_str) == Some(g.code()) => {
            Ok(())
        }
        (Value::Grade(g), J::String(s)) if names && s == g.code() => Ok(()),
        (Value::Category(id), J::String(s))
            if table.categories.get(*id).is_some_and(|c| &c.name == s) =>
        {
            Ok(())
        }
        (Value::List(items), J::Array(others)) => {
            if items.len() != others.len() {
                return fail();
            }
            for (i, (a, b)) in items.iter().zip(others).enumerate() {
                same(table, a, b, names).map_err(|e| format!("[{i}]: {e}"))?;
            }
            Ok(())
        }
        (Value::Map(pairs), J::Object(o)) if o.contains_key("m") => {
            same_map(table, pairs, &o["m"], names)
        }
        _ => fail(),
    }
}

fn same_map(
    table: &Table,
    ours: &[(&'static str, Value)],
    theirs: &J,
    names: bool,
) -> Result<(), String> {
    let theirs = theirs.as_array().unwrap();
    let keys: Vec<&str> = ours.iter().map(|(k, _)| *k).collect();
    let their_keys: Vec<&str> = theirs.iter().map(|p| p[0].as_str().unwrap()).collect();
    if keys != their_keys {
        return Err(format!("keys {keys:?}, Python's {their_keys:?}"));
    }
    for ((key, a), pair) in ours.iter().zip(theirs) {
        same(table, a, &pair[1], names).map_err(|e| format!(".{key}: {e}"))?;
    }
    Ok(())
}

/// Sentence figures added since the Python reference (issue 13): every route's shortfall as a %,
/// the Brand Zone account's shortfall, what settled a tie, the percentage set aside.
const ADDED_PARAMS: [&str; 8] = [
    "short_company_pct",
    "short_conditional_pct",
    "short_brand",
    "short_brand_pct",
    "tie_by",
    "brand_tied",
    "brand_tie_by",
    "given_pct",
];

fn same_check(table: &Table, ours: &Check, theirs: &J) -> Result<(), String> {
    let field = |name: &str, ok: bool, ours: &dyn std::fmt::Debug| {
        if ok {
            Ok(())
        } else {
            Err(format!("{name}: ours {ours:?}, Python's {}", theirs[name]))
        }
    };
    field("rule", theirs["rule"] == ours.rule, &ours.rule)?;
    field(
        "status",
        theirs["status"] == ours.status.code(),
        &ours.status,
    )?;
    // Issue 13: no counts beside a percentage now names the percentage set aside.
    let set_aside = theirs["message_key"] == "positive_ratings.no_ratings"
        && ours.message_key == "positive_ratings.no_ratings_pct_set_aside";
    field(
        "message_key",
        theirs["message_key"] == ours.message_key || set_aside,
        &ours.message_key,
    )?;
    field(
        "interpretation",
        theirs["interpretation"] == ours.interpretation,
        &ours.interpretation,
    )?;
    let missing: Vec<&str> = theirs["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    field("missing", missing == ours.missing, &ours.missing)?;
    let params: Vec<(&'static str, Value)> = ours
        .params
        .iter()
        .filter(|(key, _)| {
            let python_has = theirs["params"]["m"]
                .as_array()
                .is_some_and(|pairs| pairs.iter().any(|pair| pair[0] == *key));
            python_has || !ADDED_PARAMS.contains(key)
        })
        .cloned()
        .collect();
    same_map(table, &params, &theirs["params"]["m"], false).map_err(|e| format!("params{e}"))?;
    same(table, &ours.actual, &theirs["actual"], true).map_err(|e| format!("actual: {e}"))?;
    same(table, &ours.required, &theirs["required"], true).map_err(|e| format!("required: {e}"))?;
    same_map(table, &ours.to_pass, &theirs["to_pass"]["m"], true)
        .map_err(|e| format!("to_pass{e}"))?;
    Ok(())
}

fn same_verdict(table: &Table, ours: &Verdict, theirs: &J) -> Result<(), String> {
    if theirs["verdict"] != ours.verdict.code() {
        return Err(format!(
            "verdict: ours {:?}, Python's {}",
            ours.verdict, theirs["verdict"]
        ));
    }
    let name = |id: usize| table.categories[id].name.as_str();
    if theirs["main_category"] != name(ours.main_category) {
        return Err(format!(
            "main_category: ours {}, Python's {}",
            name(ours.main_category),
            theirs["main_category"]
        ));
    }
    let tied: Vec<&str> = ours
        .main_category_tied_with
        .iter()
        .map(|id| name(*id))
        .collect();
    if theirs["tied"] != serde_json::json!(tied) {
        return Err(format!("tied: ours {tied:?}, Python's {}", theirs["tied"]));
    }
    if theirs["route"] != serde_json::json!(ours.route.map(|r| r.code())) {
        return Err(format!(
            "route: ours {:?}, Python's {}",
            ours.route, theirs["route"]
        ));
    }
    let checks = theirs["checks"].as_array().unwrap();
    if checks.len() != ours.checks.len() {
        return Err("number of checks".into());
    }
    for (check, expected) in ours.checks.iter().zip(checks) {
        same_check(table, check, expected).map_err(|e| format!("{}: {e}", check.rule))?;
    }
    Ok(())
}

#[test]
fn every_check_equals_the_python_reference() {
    let file = std::fs::File::open(GOLDEN).expect("golden file (run make_golden.py)");
    let mut lines = BufReader::new(flate2::read::GzDecoder::new(file)).lines();
    let header: J = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let tables: Vec<Table> = header["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(table)
        .collect();
    let rules: Vec<Rules> = tables
        .iter()
        .map(|t| Rules::new(t).expect("table"))
        .collect();
    let mut count = 0;
    let mut failures = Vec::new();
    for (number, line) in lines.enumerate() {
        let record: J = serde_json::from_str(&line.unwrap()).unwrap();
        let index = record["table"].as_u64().unwrap() as usize;
        let table = &tables[index];
        let figures = figures(table, &record["figures"]);
        let verdict = rules[index].evaluate(table, figures.clone());
        if let Err(problem) = same_verdict(table, &verdict, &record) {
            failures.push(format!(
                "seller {} (table {index}): {problem}\n  figures: {figures:?}",
                number + 1
            ));
        }
        count += 1;
    }
    assert!(count > 3000, "only {count} sellers in the golden file");
    assert!(
        failures.is_empty(),
        "{} of {count} sellers differ; the first:\n{}",
        failures.len(),
        failures.first().map_or("", String::as_str)
    );
}
