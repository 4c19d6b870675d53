//! The catalogues: every key in every language, the same placeholders, Polish numbers and
//! wording (tests/test_messages.py of the Python reference, ported).

use diamond_core::check::Value;
use diamond_core::figures::Grade;
use diamond_core::messages::{
    grade_name, join, keys, number, own_keys, placeholders, template_source, text, Lang,
};
use diamond_core::number::Dec;
use diamond_core::table::{Table, TableRef};

fn table() -> Table {
    Table {
        reference: TableRef {
            name: String::new(),
            version: String::new(),
            effective_from: None,
            source: String::new(),
        },
        params: Vec::new(),
        categories: Vec::new(),
    }
}

fn say(key: &str, lang: Lang, params: &[(&str, Value)]) -> String {
    let mut out = String::new();
    assert!(text(&mut out, key, lang, params, &table()), "{key}");
    out
}

#[test]
fn no_language_misses_a_key_or_has_one_more() {
    for lang in Lang::ALL {
        let own: Vec<&str> = own_keys(lang).collect();
        let missing: Vec<&&str> = keys().iter().filter(|k| !own.contains(k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        for key in own {
            assert!(
                template_source(key, lang).is_some_and(|t| !t.trim().is_empty()),
                "{} {key} is empty",
                lang.code()
            );
        }
    }
}

#[test]
fn every_language_has_the_english_placeholders() {
    for key in keys() {
        let mut english = placeholders(key, Lang::En).unwrap();
        english.sort_unstable();
        english.dedup();
        for lang in Lang::ALL {
            let mut found = placeholders(key, lang).unwrap();
            found.sort_unstable();
            found.dedup();
            assert_eq!(found, english, "{} {key}", lang.code());
        }
    }
}

#[test]
fn polish_is_a_translation_not_a_copy() {
    let same: Vec<&&str> = keys()
        .iter()
        .filter(|key| {
            let en = template_source(key, Lang::En).unwrap();
            en == template_source(key, Lang::Pl).unwrap() && en.chars().any(char::is_alphabetic)
        })
        .collect();
    // Only format-like entries (name = value) and JSON's own word `null` may read the same in
    // both languages.
    assert_eq!(same, [&"explain.param", &"type.null"]);
}

#[test]
fn wording_says_meets_never_will_be_invited() {
    for lang in Lang::ALL {
        for key in keys() {
            let lowered = template_source(key, lang).unwrap().to_lowercase();
            assert!(!lowered.contains("will be invited"), "{key}");
            assert!(!lowered.contains("zostanie zaproszon"), "{key}");
        }
    }
    let pl = |key| template_source(key, Lang::Pl).unwrap().to_lowercase();
    assert!(pl("verdict.eligible").contains("spełnia opublikowane kryteria"));
    assert!(pl("verdict.not_eligible").contains("nie spełnia opublikowanych kryteriów"));
}

#[test]
fn numbers_are_grouped_and_never_rounded() {
    let d = |coeff, exp| Value::Dec(Dec::new(coeff, exp));
    for (value, en, pl) in [
        (d(4300000, 0), "4,300,000", "4\u{a0}300\u{a0}000"),
        (d(9870, -2), "98.70", "98,70"),
        (d(45, 5), "4,500,000", "4\u{a0}500\u{a0}000"),
        (d(-12345678, -3), "-12,345.678", "-12\u{a0}345,678"),
        (d(1, -7), "0.0000001", "0,0000001"),
        (d(999, 0), "999", "999"),
        (d(0, 3), "0", "0"),
        (Value::Int(1234567), "1,234,567", "1\u{a0}234\u{a0}567"),
        (Value::Int(-1000), "-1,000", "-1\u{a0}000"),
        (Value::Text("n/a".into()), "n/a", "n/a"),
        (Value::Bool(true), "True", "True"),
    ] {
        assert_eq!(number(&value, Lang::En), en);
        assert_eq!(number(&value, Lang::Pl), pl);
    }
}

#[test]
fn amounts_read_in_each_language() {
    let short = [("short", Value::Dec(Dec::int(200000)))];
    assert_eq!(
        say("gauge.short", Lang::Pl, &short),
        "brakuje 200\u{a0}000\u{a0}zł"
    );
    assert_eq!(say("gauge.short", Lang::En, &short), "200,000 PLN short");
}

#[test]
fn counts_take_their_plural_form() {
    let params = |n| {
        [
            ("n", Value::Int(n)),
            ("negative", Value::Int(12)),
            ("min", Value::Int(99)),
        ]
    };
    assert!(say("hint.positive_ratings", Lang::En, &params(1))
        .starts_with("1 more positive rating would"));
    assert!(say("hint.positive_ratings", Lang::En, &params(300))
        .starts_with("300 more positive ratings"));
    assert!(say("hint.positive_ratings", Lang::Pl, &params(3))
        .contains("potrzeba jeszcze 3 ocen pozytywnych"));
    assert!(say("hint.positive_ratings", Lang::Pl, &params(1))
        .contains("potrzeba jeszcze 1 oceny pozytywnej"));
}

#[test]
fn polish_grades_use_allegro_names() {
    let params = [
        ("grade", Value::Grade(Grade::Neutral)),
        ("min", Value::Grade(Grade::Good)),
    ];
    let sentence = say("main_account_quality.fail", Lang::Pl, &params);
    assert!(sentence.contains("Neutralny") && sentence.contains("Dobry"));
    let names: Vec<&str> = Grade::ALL
        .iter()
        .map(|g| grade_name(*g, Lang::Pl))
        .collect();
    assert_eq!(
        names,
        [
            "Nieakceptowalny",
            "Wymaga poprawy",
            "Neutralny",
            "Dobry",
            "Super",
            "Super+"
        ]
    );
    assert_eq!(grade_name(Grade::SuperPlus, Lang::En), "SUPER_PLUS");
}

#[test]
fn lists_end_with_the_languages_and() {
    let mut out = String::new();
    for (items, en, pl) in [
        (&[][..], "", ""),
        (&["a"][..], "a", "a"),
        (&["a", "b"][..], "a and b", "a i b"),
        (&["a", "b", "c"][..], "a, b and c", "a, b i c"),
    ] {
        out.clear();
        join(&mut out, items, Lang::En);
        assert_eq!(out, en);
        out.clear();
        join(&mut out, items, Lang::Pl);
        assert_eq!(out, pl);
    }
    let accounts = Value::List(vec![
        Value::List(vec![Value::Int(1), Value::Grade(Grade::Neutral)]),
        Value::List(vec![Value::Int(3), Value::Grade(Grade::Unacceptable)]),
    ]);
    let params = [("low", accounts), ("min", Value::Grade(Grade::Good))];
    assert_eq!(
        say("other_accounts_quality.fail", Lang::Pl, &params),
        "Pozostałe konta z jakością poniżej wymaganej (Dobry): konto 1 (Neutralny) i konto 3 (Nieakceptowalny)."
    );
}

#[test]
fn quoted_texts_are_shown_as_python_repr_shows_them() {
    for (value, shown) in [
        ("GREAT", "'GREAT'"),
        ("it's", "\"it's\""),
        ("'\"", "'\\'\"'"),
        (
            "zł\u{a0}\u{2028}\u{7f}\u{1b}\n\\",
            "'zł\\xa0\\u2028\\x7f\\x1b\\n\\\\'",
        ),
        ("😀", "'😀'"),
    ] {
        let params = [
            ("value", Value::Text(value.into())),
            ("choices", Value::Text("x".into())),
        ];
        assert_eq!(
            say("batch.usage.fail_on", Lang::En, &params),
            format!("--fail-on: unknown verdict {shown}; expected x")
        );
    }
}

#[test]
fn a_missing_field_or_key_is_visible_never_a_panic() {
    assert_eq!(say("gauge.short", Lang::En, &[]), "{short} short");
    let mut out = String::new();
    assert!(!text(&mut out, "no.such.key", Lang::En, &[], &table()));
    assert!(out.is_empty());
}
