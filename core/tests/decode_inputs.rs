//! The assertions of tests/test_inputs.py (the JSON ones), ported: each bad record gives its
//! exact field and problem; accepted spellings give the same figures.

use diamond_core::error::InputError;
use diamond_core::figures::{Figures, Grade};
use diamond_core::json::parse_json;
use diamond_core::messages::Lang;
use diamond_core::number::Dec;
use diamond_core::record::{decode, decode_all, Categories};
use diamond_core::table::{Category, Table, TableRef};
use diamond_core::value::Value;

/// The shipped table's categories (thresholds.yaml), thresholds aside.
fn categories() -> Categories {
    let entries: [(&str, &[&str]); 15] = [
        ("Automotive", &["Motoryzacja"]),
        ("Books & Media", &["Kultura i rozrywka"]),
        ("Collectibles & Art", &["Kolekcje i sztuka"]),
        ("Electronics", &["Elektronika"]),
        ("Fashion", &["Moda"]),
        ("Health & Beauty", &["Zdrowie i uroda"]),
        ("Home Decoration & Office", &["Dom i biuro"]),
        ("Industry", &["Przemysł"]),
        ("Bathroom & Heating", &["Łazienka i ogrzewanie"]),
        ("Tools & Accessories", &["Narzędzia i akcesoria"]),
        ("Building & Accessories", &["Budownictwo i akcesoria"]),
        ("Garden", &["Ogród"]),
        ("Kids", &["Dziecko"]),
        ("Sport & Leisure", &["Sport i turystyka"]),
        ("Supermarket", &[]),
    ];
    let table = Table {
        reference: TableRef {
            name: "allegro-diamond-partners".into(),
            version: "test".into(),
            effective_from: None,
            source: "test".into(),
        },
        params: Vec::new(),
        categories: entries
            .iter()
            .map(|(name, aliases)| Category {
                name: name.to_string(),
                company: Dec::ZERO,
                conditional: Dec::ZERO,
                brand: Dec::ZERO,
                pl: None,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
            })
            .collect(),
    };
    Categories::new(&table)
}

/// The base record with `changes` set (in place, or appended) and `removed` taken out.
fn record(changes: &str, removed: &[&str]) -> Value {
    let Ok(Value::Object(mut members)) = parse_json(BASE.as_bytes()) else {
        panic!("base record");
    };
    let Ok(Value::Object(changes)) = parse_json(changes.as_bytes()) else {
        panic!("changes {changes}");
    };
    for (key, value) in changes {
        match members.iter_mut().find(|(k, _)| *k == key) {
            Some(member) => member.1 = value,
            None => members.push((key, value)),
        }
    }
    members.retain(|(key, _)| !removed.contains(&key.as_str()));
    Value::Object(members)
}

fn figures(changes: &str) -> Figures {
    match decode(&record(changes, &[]), &categories()) {
        Ok(figures) => figures,
        Err(error) => panic!("{changes}: {error}"),
    }
}

fn error(result: Result<Figures, InputError>) -> (Option<String>, String) {
    match result {
        Ok(_) => (None, "no error".into()),
        Err(error) => (error.field, error.problem),
    }
}

#[test]
fn bad_fields() {
    let categories = categories();
    for (name, changes, removed, field, problem) in FIELD_ERRORS {
        assert_eq!(
            error(decode(&record(changes, removed), &categories)),
            (Some(field.to_string()), problem.to_string()),
            "{name}"
        );
    }
}

#[test]
fn bad_documents() {
    let categories = categories();
    let decode_bytes = |data: &[u8]| parse_json(data).and_then(|value| decode(&value, &categories));
    for (name, data, field, problem) in DOCUMENTS {
        assert_eq!(
            error(decode_bytes(data)),
            (field.map(str::to_string), problem.to_string()),
            "{name}"
        );
    }
    let deep = [b"[".repeat(100_000), b"]".repeat(100_000)].concat();
    assert_eq!(
        error(decode_bytes(&deep)),
        (None, "nesting too deep".into())
    );
    let inside = [
        &b"{\"seller\": "[..],
        &b"[".repeat(50_000),
        &b"]".repeat(50_000),
        b"}",
    ]
    .concat();
    assert_eq!(
        error(decode_bytes(&inside)),
        (None, "nesting too deep".into())
    );
    let wide = format!("{{\"revenue\": {{\"Kids\": {}}}}}", "9".repeat(5000));
    assert_eq!(
        error(decode_bytes(wide.as_bytes())),
        (
            Some("revenue.Kids".into()),
            "1.000000E+5000 is too large".into()
        )
    );
    let count = format!(
        "{{\"ratings\": {{\"positive\": {}, \"negative\": 0}}}}",
        "1".repeat(6000)
    );
    assert_eq!(
        error(decode_bytes(count.as_bytes())),
        (
            Some("ratings.positive".into()),
            "1.111111E+5999 is too large".into()
        )
    );
    assert_eq!(
        error(decode_bytes(
            b"{\n  \"quality\": \"GOOD\"\n  \"revenue\": {}\n}"
        )),
        (
            None,
            "invalid JSON at line 3, column 3: Expecting ',' delimiter".into()
        )
    );
}

#[test]
fn the_error_line_is_field_then_problem() {
    let result = decode(&record(r#"{"revenue": {"Kidz": 1}}"#, &[]), &categories());
    assert_eq!(
        result.map(|_| ()).map_err(|e| e.to_string()),
        Err("revenue.Kidz: unknown category; did you mean 'Kids'?".to_string())
    );
}

#[test]
fn a_bom_is_ignored_and_floats_stay_exact() {
    let data = [&b"\xef\xbb\xbf"[..], BASE.as_bytes()].concat();
    let value = parse_json(&data).expect("a BOM is ignored");
    assert!(decode(&value, &categories()).is_ok());
    let exact = figures(r#"{"positive_ratings_pct": 98.995}"#);
    assert_eq!(exact.positive_ratings_pct, Some(Dec::new(98995, -3)));
}

#[test]
fn grade_spellings() {
    let cases = [
        ("GOOD", Grade::Good),
        ("good", Grade::Good),
        ("Good", Grade::Good),
        ("  good ", Grade::Good),
        ("NEEDS_IMPROVEMENT", Grade::NeedsImprovement),
        ("needs-improvement", Grade::NeedsImprovement),
        ("Needs Improvement", Grade::NeedsImprovement),
        ("super_plus", Grade::SuperPlus),
        ("SUPER-PLUS", Grade::SuperPlus),
        ("super plus", Grade::SuperPlus),
        ("unacceptable", Grade::Unacceptable),
        ("Nieakceptowalny", Grade::Unacceptable),
        ("nieakceptowalny", Grade::Unacceptable),
        ("Wymaga poprawy", Grade::NeedsImprovement),
        ("WYMAGA POPRAWY", Grade::NeedsImprovement),
        ("Neutralny", Grade::Neutral),
        ("NEUTRALNY", Grade::Neutral),
        ("dobry", Grade::Good),
        ("Super", Grade::Super),
        ("Super+", Grade::SuperPlus),
        ("SUPER+", Grade::SuperPlus),
    ];
    for (text, grade) in cases {
        let changes = format!(r#"{{"quality": "{text}", "other_accounts_quality": ["{text}"]}}"#);
        let figures = figures(&changes);
        assert_eq!(figures.quality, grade, "{text}");
        assert_eq!(figures.other_accounts_quality, vec![grade], "{text}");
    }
}

#[test]
fn accepted_nip_forms() {
    for nip in [
        "\"7740001454\"",
        "\"PL7740001454\"",
        "\"pl7740001454\"",
        "\"PL 7740001454\"",
        "\"774-000-14-54\"",
        "\"774 000 14 54\"",
        "\"PL 774-000-14-54\"",
        "\" 774-00-01-454 \"",
        "7740001454",
    ] {
        let figures = figures(&format!(r#"{{"nip": {nip}}}"#));
        assert_eq!(figures.nip.as_deref(), Some("7740001454"), "{nip}");
    }
}

#[test]
fn percentages_and_growth_as_text() {
    for (text, value) in [
        ("99,8", Dec::new(998, -1)),
        ("99.8", Dec::new(998, -1)),
        (" 99,5 ", Dec::new(995, -1)),
        ("100", Dec::int(100)),
        ("0,0", Dec::ZERO),
        ("98,995", Dec::new(98995, -3)),
    ] {
        let figures = figures(&format!(
            r#"{{"positive_ratings_pct": "{text}", "transaction_problems_pct": "{text}", "exportable_pct": "{text}", "new_condition_pct": "{text}"}}"#
        ));
        for got in [
            figures.positive_ratings_pct,
            figures.transaction_problems_pct,
            figures.exportable_pct,
            figures.new_condition_pct,
        ] {
            assert_eq!(got, Some(value), "{text}");
        }
    }
    for (text, value) in [
        ("-3,5", Dec::new(-35, -1)),
        ("1 234,5", Dec::new(12345, -1)),
        ("-0,25", Dec::new(-25, -2)),
        ("250", Dec::int(250)),
    ] {
        let figures = figures(&format!(
            r#"{{"category_growth_pct": "{text}", "category_market_growth_pct": "{text}"}}"#
        ));
        assert_eq!(figures.category_growth_pct, Some(value), "{text}");
        assert_eq!(figures.category_market_growth_pct, Some(value), "{text}");
    }
    for text in [
        "", "abc", "1,2,3", "1,234.5", "NaN", "Infinity", "1e", "--1",
    ] {
        let changes = format!(r#"{{"exportable_pct": "{text}"}}"#);
        assert_eq!(
            error(decode(&record(&changes, &[]), &categories())),
            (
                Some("exportable_pct".into()),
                format!("'{text}' is not a number")
            )
        );
    }
    for value in ["0", "100", "0.0", "100.00"] {
        let figures = figures(&format!(
            r#"{{"exportable_pct": {value}, "positive_ratings_pct": {value}}}"#
        ));
        assert!(figures.exportable_pct.is_some(), "{value}");
    }
}

#[test]
fn category_spellings() {
    let categories = categories();
    for (written, canonical) in [
        ("kids", "Kids"),
        ("KIDS", "Kids"),
        ("Dziecko", "Kids"),
        ("health and beauty", "Health & Beauty"),
        ("HEALTH&BEAUTY", "Health & Beauty"),
        ("Home Decoration and Office", "Home Decoration & Office"),
        ("  sport  &  leisure ", "Sport & Leisure"),
        ("Łazienka i ogrzewanie", "Bathroom & Heating"),
    ] {
        let figures = figures(&format!(
            r#"{{"revenue": {{"{written}": 1}}, "brand_zone_revenue": {{"{written}": 1}}}}"#
        ));
        let id = categories.canonical(canonical).expect("a category");
        assert_eq!(figures.revenue, vec![(id, Dec::int(1))], "{written}");
        assert_eq!(figures.brand_zone_revenue, Some(vec![(id, Dec::int(1))]));
    }
}

#[test]
fn nulls_zeros_and_whole_counts() {
    let figures =
        figures(r#"{"monthly_revenue": null, "exportable_pct": null, "brand_zone_revenue": null}"#);
    assert_eq!(figures.monthly_revenue, None);
    assert_eq!(figures.exportable_pct, None);
    assert_eq!(figures.brand_zone_revenue, None);
    let document = br#"{"business_account": true, "quality": "GOOD", "ratings": {"positive": 1, "negative": 0}, "revenue": {"Kids": 4500000.000000000000000}}"#;
    let value = parse_json(document).expect("JSON");
    let figures = decode(&value, &categories()).expect("figures");
    assert_eq!(
        figures.revenue.first().map(|(_, d)| d.to_plain()),
        Some("4500000".into())
    );
    let whole = self::figures(r#"{"ratings": {"positive": 2400.0, "negative": 12}}"#);
    assert_eq!(
        whole.ratings.map(|r| (r.positive, r.negative)),
        Some((2400, 12))
    );
}

/// (name, changes to the base record as JSON, fields removed, field, problem).
const FIELD_ERRORS: &[(&str, &str, &[&str], &str, &str)] = &[
    ("unknown field, close", "{\"quallity\": \"GOOD\"}", &[], "quallity", "unknown field; did you mean 'quality'?"),
    ("unknown field, far", "{\"colour\": \"red\"}", &[], "colour", "unknown field"),
    ("unknown nested field", "{\"ratings\": {\"positive\": 1, \"negativ\": 0}}", &[], "ratings.negativ", "unknown field; did you mean 'negative'?"),
    ("missing business_account", "{}", &["business_account"], "business_account", "missing (required)"),
    ("missing quality", "{}", &["quality"], "quality", "missing (required)"),
    ("missing revenue", "{}", &["revenue"], "revenue", "missing (required)"),
    ("missing both rating forms", "{}", &["ratings"], "ratings", "missing: give rating counts or positive_ratings_pct"),
    ("missing negative count", "{\"ratings\": {\"positive\": 5}}", &[], "ratings.negative", "missing"),
    ("null required field", "{\"quality\": null}", &[], "quality", "expected a grade, found null"),
    ("business_account as text", "{\"business_account\": \"yes\"}", &[], "business_account", "expected true or false, found text"),
    ("business_account as number", "{\"business_account\": 1}", &[], "business_account", "expected true or false, found a number"),
    ("suspended as text", "{\"suspended\": \"no\"}", &[], "suspended", "expected true or false, found text"),
    ("quality as number", "{\"quality\": 3}", &[], "quality", "expected a grade, found a number"),
    ("other grades not a list", "{\"other_accounts_quality\": \"GOOD\"}", &[], "other_accounts_quality", "expected a list of grades, found text"),
    ("ratings as list", "{\"ratings\": [1, 2]}", &[], "ratings", "expected {\"positive\": N, \"negative\": N}, found a list"),
    ("fractional count", "{\"ratings\": {\"positive\": 1.5, \"negative\": 0}}", &[], "ratings.positive", "expected a whole number, found 1.5"),
    ("count as text", "{\"ratings\": {\"positive\": \"12\", \"negative\": 0}}", &[], "ratings.positive", "expected a whole number, found text"),
    ("count as boolean", "{\"ratings\": {\"positive\": 1, \"negative\": true}}", &[], "ratings.negative", "expected a whole number, found a boolean"),
    ("negative count", "{\"ratings\": {\"positive\": 1, \"negative\": -1}}", &[], "ratings.negative", "a count cannot be negative (-1)"),
    ("huge count", "{\"ratings\": {\"positive\": 100000000000000000000, \"negative\": 0}}", &[], "ratings.positive", "100000000000000000000 is too large"),
    ("revenue as list", "{\"revenue\": [1]}", &[], "revenue", "expected {category: PLN}, found a list"),
    ("revenue empty", "{\"revenue\": {}}", &[], "revenue", "at least one category is needed"),
    ("revenue amount as text", "{\"revenue\": {\"Kids\": \"5000000\"}}", &[], "revenue.Kids", "expected a number, found text"),
    ("revenue amount as boolean", "{\"revenue\": {\"Kids\": true}}", &[], "revenue.Kids", "expected a number, found a boolean"),
    ("seller as list", "{\"seller\": [\"a\"]}", &[], "seller", "expected text, found a list"),
    ("seller as boolean", "{\"seller\": false}", &[], "seller", "expected text, found a boolean"),
    ("monthly revenue as text", "{\"monthly_revenue\": \"lots\"}", &[], "monthly_revenue", "expected a list of 12 or 24 monthly amounts, found text"),
    ("monthly amount as text", "{\"monthly_revenue\": [1, 2, 3, \"x\", 1, 1, 1, 1, 1, 1, 1, 1]}", &[], "monthly_revenue[3]", "expected a number, found text"),
    ("growth as word", "{\"category_growth_pct\": \"fast\"}", &[], "category_growth_pct", "'fast' is not a number"),
    ("market growth as list", "{\"category_market_growth_pct\": [1]}", &[], "category_market_growth_pct", "expected a number, found a list"),
    ("too many decimal places", "{\"revenue\": {\"Kids\": 1.0000000000001}}", &[], "revenue.Kids", "more than 12 decimal places"),
    ("python float NaN", "{\"exportable_pct\": NaN}", &[], "exportable_pct", "numbers must be finite, found NaN"),
    ("python float infinity", "{\"revenue\": {\"Kids\": Infinity}}", &[], "revenue.Kids", "numbers must be finite, found Infinity"),
    ("negative revenue", "{\"revenue\": {\"Kids\": -1}}", &[], "revenue.Kids", "an amount cannot be negative (-1)"),
    ("negative brand revenue", "{\"brand_zone_revenue\": {\"Kids\": -0.01}}", &[], "brand_zone_revenue.Kids", "an amount cannot be negative (-0.01)"),
    ("negative month", "{\"monthly_revenue\": [1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1]}", &[], "monthly_revenue[5]", "an amount cannot be negative (-1)"),
    ("ratings share above 100", "{\"positive_ratings_pct\": 100.01}", &[], "positive_ratings_pct", "a percentage share must be from 0 to 100, found 100.01"),
    ("ratings share below 0", "{\"positive_ratings_pct\": -1}", &[], "positive_ratings_pct", "a percentage share must be from 0 to 100, found -1"),
    ("ratings share text above 100", "{\"positive_ratings_pct\": \"100,5\"}", &[], "positive_ratings_pct", "a percentage share must be from 0 to 100, found 100.5"),
    ("problems share above 100", "{\"transaction_problems_pct\": 101}", &[], "transaction_problems_pct", "a percentage share must be from 0 to 100, found 101"),
    ("exportable share below 0", "{\"exportable_pct\": -0.5}", &[], "exportable_pct", "a percentage share must be from 0 to 100, found -0.5"),
    ("new share above 100", "{\"new_condition_pct\": 150}", &[], "new_condition_pct", "a percentage share must be from 0 to 100, found 150"),
    ("11 months", "{\"monthly_revenue\": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}", &[], "monthly_revenue", "expected 12 or 24 monthly amounts (oldest first), found 11"),
    ("13 months", "{\"monthly_revenue\": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}", &[], "monthly_revenue", "expected 12 or 24 monthly amounts (oldest first), found 13"),
    ("no months", "{\"monthly_revenue\": []}", &[], "monthly_revenue", "expected 12 or 24 monthly amounts (oldest first), found 0"),
    ("25 months", "{\"monthly_revenue\": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}", &[], "monthly_revenue", "expected 12 or 24 monthly amounts (oldest first), found 25"),
    ("mistyped category", "{\"revenue\": {\"Kidz\": 1}}", &[], "revenue.Kidz", "unknown category; did you mean 'Kids'?"),
    ("category like an index", "{\"revenue\": {\"[/]\": 1}}", &[], "revenue.[/]", "unknown category; see `diamond thresholds show`"),
    ("mistyped Polish alias", "{\"revenue\": {\"Elektronka\": 1}}", &[], "revenue.Elektronka", "unknown category; did you mean 'Elektronika'?"),
    ("mistyped brand category", "{\"brand_zone_revenue\": {\"Fashon\": 1}}", &[], "brand_zone_revenue.Fashon", "unknown category; did you mean 'Fashion'?"),
    ("two spellings of one category", "{\"revenue\": {\"Kids\": 1, \"dziecko\": 2}}", &[], "revenue.dziecko", "duplicates category 'Kids'"),
    ("& and 'and' are one category", "{\"revenue\": {\"Health & Beauty\": 1, \"health and beauty\": 2}}", &[], "revenue.health and beauty", "duplicates category 'Health & Beauty'"),
    ("two spellings in brand revenue", "{\"brand_zone_revenue\": {\"Moda\": 1, \"FASHION\": 2}}", &[], "brand_zone_revenue.FASHION", "duplicates category 'Fashion'"),
    ("mistyped grade", "{\"quality\": \"GOOOD\"}", &[], "quality", "unknown grade 'GOOOD'; did you mean 'GOOD'?"),
    ("mistyped Polish grade", "{\"quality\": \"Dobyr\"}", &[], "quality", "unknown grade 'Dobyr'; did you mean 'Dobry'?"),
    ("mistyped grade in a list", "{\"other_accounts_quality\": [\"GOOD\", \"neutrl\"]}", &[], "other_accounts_quality[1]", "unknown grade 'neutrl'; did you mean 'NEUTRAL'?"),
    ("grade far from any", "{\"quality\": \"excellent\"}", &[], "quality", "unknown grade 'excellent'; expected one of UNACCEPTABLE, NEEDS_IMPROVEMENT, NEUTRAL, GOOD, SUPER, SUPER_PLUS"),
    ("NIP checksum", "{\"nip\": \"7740001455\"}", &[], "nip", "the NIP's check digit does not match"),
    ("NIP checksum remainder 10", "{\"nip\": \"0200000000\"}", &[], "nip", "the NIP's check digit does not match"),
    ("NIP all zeros", "{\"nip\": \"0000000000\"}", &[], "nip", "a NIP cannot be all zeros"),
    ("NIP all zeros with dashes", "{\"nip\": \"000-000-00-00\"}", &[], "nip", "a NIP cannot be all zeros"),
    ("NIP too short", "{\"nip\": \"774000145\"}", &[], "nip", "a NIP has 10 digits"),
    ("NIP too long", "{\"nip\": \"77400014541\"}", &[], "nip", "a NIP has 10 digits"),
    ("NIP with a letter", "{\"nip\": \"77400O1454\"}", &[], "nip", "a NIP has 10 digits"),
    ("NIP with non-ASCII digits", "{\"nip\": \"７７４０００１４５４\"}", &[], "nip", "a NIP has 10 digits"),
    ("NIP integer too short", "{\"nip\": 774000145}", &[], "nip", "a NIP has 10 digits"),
    ("NIP zero integer", "{\"nip\": 0}", &[], "nip", "a NIP has 10 digits"),
    ("NIP as float", "{\"nip\": 7740001454.0}", &[], "nip", "expected a NIP as text, found a number"),
    ("NIP as boolean", "{\"nip\": true}", &[], "nip", "expected a NIP as text, found a boolean"),
];

/// (name, document, field, problem): the JSON ones (the deep and long ones are built below).
const DOCUMENTS: &[(&str, &[u8], Option<&str>, &str)] = &[
    ("empty", b"", None, "the input is empty"),
    ("only whitespace", b" \n\t ", None, "the input is empty"),
    ("malformed json", b"{\"business_account\": true,", None, "invalid JSON at line 1, column 27: Expecting property name enclosed in double quotes"),
    ("json trailing comma", b"{\"quality\": \"GOOD\",}", None, "invalid JSON at line 1, column 20: Expecting property name enclosed in double quotes"),
    ("invalid utf-8", b"{\"seller\": \"\xff\"}", None, "not valid UTF-8 text (byte 13)"),
    ("top-level list", b"[1, 2]", None, "expected one seller record (an object), found a list"),
    ("top-level string", b"\"seller\"", None, "expected one seller record (an object), found text"),
    ("top-level number", b"42", None, "expected one seller record (an object), found a number"),
    ("top-level null", b"null", None, "expected one seller record (an object), found null"),
    ("duplicated top-level key", b"{\"quality\": \"GOOD\", \"quality\": \"SUPER\"}", Some("quality"), "duplicated key"),
    ("duplicated nested key", b"{\"revenue\": {\"Kids\": 1, \"Fashion\": 2, \"Kids\": 3}}", Some("revenue.Kids"), "duplicated key"),
    ("NaN in json", b"{\"revenue\": {\"Kids\": NaN}}", Some("revenue.Kids"), "numbers must be finite, found NaN"),
    ("Infinity in json", b"{\"business_account\": true, \"quality\": \"GOOD\", \"revenue\": {\"Kids\": 1}, \"transaction_problems_pct\": Infinity}", Some("transaction_problems_pct"), "numbers must be finite, found Infinity"),
    ("-Infinity in json", b"{\"category_growth_pct\": -Infinity}", Some("category_growth_pct"), "numbers must be finite, found -Infinity"),
    ("overflowing float", b"{\"revenue\": {\"Kids\": 1e400}}", Some("revenue.Kids"), "1E+400 is too large"),
    ("exponent beyond Decimal's range", b"{\"revenue\": {\"Kids\": 1e999999999}}", Some("revenue.Kids"), "1E+999999999 is too large"),
    ("count with a huge exponent", b"{\"ratings\": {\"positive\": 1e999999999, \"negative\": 0}}", Some("ratings.positive"), "1E+999999999 is too large"),
];

/// tests/conftest.py's base record (EXAMPLES.md).
const BASE: &str = "{\"seller\": \"example\", \"nip\": \"7740001454\", \"business_account\": true, \"ratings\": {\"positive\": 2400, \"negative\": 12}, \"quality\": \"GOOD\", \"other_accounts_quality\": [\"NEUTRAL\", \"SUPER\"], \"revenue\": {\"Kids\": 5000000, \"Fashion\": 300000}, \"monthly_revenue\": [400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000], \"suspended\": false, \"transaction_problems_pct\": 0.8, \"exportable_pct\": 65, \"new_condition_pct\": 98}";

/// `decode_all` finds every problem of a record, in order: the unknown fields, each invalid
/// field's, then the required fields not given at all (an invalid one is not also missing); in
/// English as `decode` words them, and in Polish from the same catalogue keys.
#[test]
fn every_problem_at_once() {
    let Ok(value) = parse_json(
        br#"{"qualty": 1, "quality": "goood", "revenue": {"Kidz": 1}, "exportable_pct": 120}"#,
    ) else {
        panic!("record");
    };
    let Err(errors) = decode_all(&value, &categories()) else {
        panic!("the record is invalid");
    };
    let said = |lang: Lang| -> Vec<(String, String, bool)> {
        errors
            .iter()
            .map(|e| {
                (
                    e.field.clone().unwrap_or_default(),
                    e.problem_in(lang),
                    e.is_missing(),
                )
            })
            .collect()
    };
    let expected = |rows: [(&str, &str, bool); 6]| -> Vec<(String, String, bool)> {
        rows.iter()
            .map(|(field, problem, missing)| (field.to_string(), problem.to_string(), *missing))
            .collect()
    };
    assert_eq!(
        said(Lang::En),
        expected([
            ("qualty", "unknown field; did you mean 'quality'?", false),
            (
                "quality",
                "unknown grade 'goood'; did you mean 'GOOD'?",
                false
            ),
            (
                "revenue.Kidz",
                "unknown category; did you mean 'Kids'?",
                false
            ),
            (
                "exportable_pct",
                "a percentage share must be from 0 to 100, found 120",
                false
            ),
            ("business_account", "missing (required)", true),
            (
                "ratings",
                "missing: give rating counts or positive_ratings_pct",
                true
            ),
        ])
    );
    assert_eq!(
        said(Lang::Pl),
        expected([
            ("qualty", "nieznane pole; czy chodziło o 'quality'?", false),
            ("quality", "nieznana ocena 'goood'; czy chodziło o 'GOOD'?", false),
            ("revenue.Kidz", "nieznana kategoria; czy chodziło o 'Kids'?", false),
            ("exportable_pct", "udział procentowy musi wynosić od 0 do 100, podano 120", false),
            ("business_account", "brak wymaganej wartości", true),
            (
                "ratings",
                "brak ocen: podaj liczby ocen pozytywnych i negatywnych albo odsetek ocen pozytywnych",
                true
            ),
        ])
    );
}

/// A record with one problem: `decode_all` gives exactly `decode`'s error (a batch row's), and
/// a valid record decodes alike.
#[test]
fn every_problem_of_a_record_with_one_is_that_one() {
    let categories = categories();
    for (name, changes, removed, _, _) in FIELD_ERRORS {
        let value = record(changes, removed);
        let first = decode_all(&value, &categories).map_err(|errors| errors.first().cloned());
        assert_eq!(first, decode(&value, &categories).map_err(Some), "{name}");
    }
    let valid = record("{}", &[]);
    assert_eq!(
        decode_all(&valid, &categories).ok(),
        decode(&valid, &categories).ok()
    );
}

/// A type named in a problem is said in the sentence's language (Polish: the accusative).
#[test]
fn a_wrong_type_is_named_in_the_language() {
    let Err(errors) = decode_all(
        &record(r#"{"business_account": "yes"}"#, &[]),
        &categories(),
    ) else {
        panic!("invalid");
    };
    let problems: Vec<(String, String)> = errors
        .iter()
        .map(|e| (e.problem_in(Lang::En), e.problem_in(Lang::Pl)))
        .collect();
    assert_eq!(
        problems,
        [(
            "expected true or false, found text".to_string(),
            "oczekiwano true albo false, podano tekst".to_string()
        )]
    );
}
