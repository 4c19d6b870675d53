//! No input makes decoding panic: any bytes, JSON-like texts, any `Value` tree, any CSV cell.

use diamond_core::json::{parse_batch_record, parse_json};
use diamond_core::number::Dec;
use diamond_core::record::{csv_count, csv_number, decode, Categories, RECORD_FIELDS};
use diamond_core::table::{Category, Table, TableRef};
use diamond_core::value::{Text, Value};
use proptest::prelude::*;

fn categories() -> Categories {
    let category = |name: &str, aliases: &[&str]| Category {
        name: name.to_string(),
        company: Dec::ZERO,
        conditional: Dec::ZERO,
        brand: Dec::ZERO,
        pl: None,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    };
    Categories::new(&Table {
        reference: TableRef {
            name: "t".into(),
            version: "1".into(),
            effective_from: None,
            source: "test".into(),
        },
        params: Vec::new(),
        categories: vec![
            category("Kids", &["Dziecko"]),
            category("Health & Beauty", &["Zdrowie i uroda"]),
            category("Straße", &[]),
        ],
    })
}

fn json_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "\\u",
        "d800",
        "dc00",
        "0",
        "1",
        "-",
        ".",
        "e",
        "E+",
        " ",
        "\n",
        "NaN",
        "Infinity",
        "-Infinity",
        "null",
        "true",
        "\"revenue\"",
        "\"Kids\"",
        "\"quality\"",
        "\"GOOD\"",
        "\"ratings\"",
        "\"positive\"",
        "\"nip\"",
        "\"99,5\"",
        "é",
        "\u{1}",
        "\u{feff}",
        "9999999999999999999999",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat().into_bytes())
}

fn value() -> impl Strategy<Value = Value> {
    let number = prop::sample::select(vec![
        "0",
        "-0",
        "1.5",
        "1e999999999",
        "-1e-999999999",
        "NaN",
        "Infinity",
        "x",
        "",
        "-",
        "1e",
        "99999999999999999999999999999999999",
        "7740001454",
        "0.0000000000001",
        ".5",
        "+1",
    ])
    .prop_map(|n| Value::Number(n.into()));
    let text = prop::sample::select(vec![
        "",
        "GOOD",
        "super+",
        "Kids",
        "kids & toys",
        "99,5",
        "PL 774-000-14-54",
        "ß",
        "[1]",
        "\u{0}",
    ])
    .prop_map(|s| Value::String(s.into()))
    .boxed()
    .prop_union(
        any::<String>()
            .prop_map(|s| Value::String(s.into()))
            .boxed(),
    );
    let key = prop::sample::select(
        RECORD_FIELDS
            .iter()
            .copied()
            .chain(["positive", "negative", "Kids", "Dziecko", "", "[3]", "x"])
            .collect::<Vec<_>>(),
    )
    .prop_map(Text::from);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        text,
    ];
    leaf.prop_recursive(4, 64, 24, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..26).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8).prop_map(Value::Object),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let categories = categories();
        if let Ok(value) = parse_json(&bytes) {
            let _ = decode(&value, &categories);
        }
        let _ = parse_batch_record(&bytes);
    }

    #[test]
    fn json_like_texts(bytes in json_like()) {
        let categories = categories();
        if let Ok(value) = parse_json(&bytes) {
            let _ = decode(&value, &categories);
        }
        let _ = parse_batch_record(&bytes);
    }

    #[test]
    fn any_value(value in value()) {
        let _ = decode(&value, &categories());
    }

    #[test]
    fn any_record(members in prop::collection::vec((prop::sample::select(RECORD_FIELDS.to_vec()), value()), 0..10)) {
        let members = members.into_iter().map(|(k, v)| (Text::from(k), v)).collect();
        let _ = decode(&Value::Object(members), &categories());
    }

    #[test]
    fn any_csv_cell(text in any::<String>()) {
        let categories = categories();
        let cells = [csv_number("revenue.Kids", &text), csv_count("ratings.positive", &text)];
        for cell in cells.into_iter().flatten() {
            let record = Value::Object(vec![
                ("revenue".into(), Value::Object(vec![("Kids".into(), cell.clone())])),
                ("ratings".into(), Value::Object(vec![("positive".into(), cell)])),
            ]);
            let _ = decode(&record, &categories);
        }
    }
}
