//! `--group-by nip` end to end in the core (`batch::run_grouped`, `GroupedBatch`): records read
//! by our readers, validated by the record validator, grouped, evaluated and encoded. The
//! expected texts are what Python's `grouping.Grouper` wrote for the same rows (the reference
//! the Python tests hold the command to).

use std::io::{BufRead, BufReader};

use diamond_core::batch::{run_grouped, Engine, GroupedBatch, Output, Settings, Summary};
use diamond_core::figures::Grade;
use diamond_core::io::{Format, Options, Reader};
use diamond_core::messages::Lang;
use diamond_core::number::Dec;
use diamond_core::result::{CsvDialect, NipKey, NipMode};
use diamond_core::table::{Category, Param, ParamValue, Table, TableRef};
use serde_json::Value as J;

const TABLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/rules/golden.jsonl.gz"
);

fn dec(text: &str) -> Dec {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    Dec::new(
        format!("{whole}{fraction}").parse().expect("coefficient"),
        -(fraction.len() as i32),
    )
}

/// The shipped table, as the rules' golden file holds it (its first table).
fn engine() -> Engine {
    let file = std::fs::File::open(TABLES).expect("the rules' golden file");
    let mut lines = BufReader::new(flate2::read::GzDecoder::new(file)).lines();
    let header: J = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let json = &header["tables"][0];
    let params = json["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| Param {
            rule: p[0].as_str().unwrap().to_owned(),
            name: p[1].as_str().unwrap().to_owned(),
            value: match &p[2] {
                J::Bool(b) => ParamValue::Bool(*b),
                J::Object(o) if o.contains_key("d") => {
                    ParamValue::Number(dec(o["d"].as_str().unwrap()))
                }
                J::Object(o) => ParamValue::Grade(
                    *Grade::ALL
                        .iter()
                        .find(|g| g.code() == o["g"].as_str().unwrap())
                        .unwrap(),
                ),
                other => panic!("param value {other}"),
            },
            interpretation: p[3].as_bool().unwrap(),
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
    Engine::new(Table {
        reference: TableRef {
            name: "allegro-diamond-partners".into(),
            version: "test".into(),
            effective_from: None,
            source: "test".into(),
        },
        params,
        categories,
    })
    .expect("the table")
}

fn settings(lang: Lang, nip_mode: NipMode, output: Output) -> Settings {
    Settings {
        lang,
        nip_mode,
        output,
        tool_version: "test".into(),
        schema_version: 1,
    }
}

const ROWS: &str = r#"{"nip": "7740001454", "account": "main-a", "main": true, "business_account": true, "quality": "GOOD", "revenue": {"Kids": 2500000.00}, "ratings": {"positive": 1000, "negative": 5}, "seller": "acme"}
{"nip": "526-025-02-74", "account": "x", "main": true, "quality": "GOOD", "revenue": {"Fashion": 10}, "ratings": {"positive": 10, "negative": 0}}
{"nip": "7740001454", "account": "brand", "brand_zone": true, "quality": "NEUTRAL", "revenue": {"Kids": 2000000}, "ratings": {"positive": 1000, "negative": 4}}
{"nip": "5260250274", "account": "y", "main": true, "quality": "GOOD", "revenue": {"Fashion": 10}, "positive_ratings_pct": 99, "exportable_pct": 60}
{"account": "nonip", "main": true, "quality": "GOOD"}
{"nip": "5260250274", "account": "z", "quality": "GOOD", "revenue": {"Fashion": 10}, "positive_ratings_pct": 98, "exportable_pct": 40}
{"nip": "7740001455", "account": "bad", "main": true}
{"nip": "1234563218", "account": "q", "main": true, "quality": "GOOD", "revenue": {"Kidz": 1}}
{"nip": "1234563218", "account": 7, "quality": "GOOD", "revenue": {"Kids": 1}, "other_accounts_quality": ["GOOD"]}
{"nip": "1234563218", "account": "r", "main": "yes", "quality": "GOOD", "revenue": {"Kids": 1}}
not json
{"nip": "7740001454", "account": "late", "quality": "SUPER", "revenue": {"Garden": 5.5}, "ratings": {"positive": 1, "negative": 0}, "suspended": true}
{"nip": "9876543210", "account": "m1", "main": true, "quality": "GOOD", "revenue": {"Kids": 1}, "monthly_revenue": [1,1,1,1,1,1,1,1,1,1,1,1]}
{"nip": "9876543210", "account": "m2", "main": true, "quality": "GOOD", "revenue": {"Kids": 1}, "monthly_revenue": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}
[1, 2]
{"nip": 1234563218, "account": "n", "quality": "GOOD", "revenue": {"Kids": 1}, "unknown": 1}
"#;

/// The output of a grouped run and each chunk's summary.
fn run(data: &[u8], format: Format, settings: &Settings, chunk: usize) -> (String, Vec<Summary>) {
    let engine = engine();
    let mut reader = Reader::new(data, format, Options::default());
    let mut out = Vec::new();
    let mut summaries = Vec::new();
    run_grouped(&engine, settings, &mut reader, chunk, |bytes, summary| {
        out.extend_from_slice(bytes);
        summaries.push(summary.clone());
    })
    .expect("a whole input");
    (String::from_utf8(out).expect("UTF-8"), summaries)
}

fn lines(out: &str) -> Vec<J> {
    out.lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect()
}

fn total(summaries: &[Summary]) -> Summary {
    let mut sum = Summary::default();
    for part in summaries {
        sum.add(part);
    }
    sum
}

#[test]
fn one_result_per_nip_and_invalid_row_in_order_of_first_appearance() {
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let (out, summaries) = run(ROWS.as_bytes(), Format::Jsonl, &settings, 1000);
    let got = lines(&out);
    let positions: Vec<(u64, u64)> = got
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["record"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        positions,
        [
            (1, 1),
            (2, 2),
            (5, 5),
            (7, 7),
            (8, 8),
            (8, 8),
            (9, 9),
            (10, 10),
            (11, 11),
            (13, 13),
            (15, 15),
            (16, 16)
        ]
    );
    let merged = &got[0];
    assert_eq!(
        merged["accounts"],
        serde_json::json!(["main-a", "brand", "late"])
    );
    assert_eq!(merged["seller"], "acme");
    assert_eq!(merged["nip"], "7740001454");
    assert_eq!(merged["verdict"], "incomplete");
    assert_eq!(merged["route"], "company");
    // `accounts` comes right after the position, as Python's `extra` put it.
    assert!(out.starts_with(
        r#"{"line":1,"record":1,"accounts":["main-a","brand","late"],"seller":"acme","nip":"7740001454","#
    ));
    let checks = merged["checks"].as_array().unwrap();
    let check = |rule: &str| checks.iter().find(|c| c["rule"] == rule).unwrap();
    // 2500000.00 + 2000000: the one number encoding, an integral value as an integer.
    assert!(out.contains(r#""actual":4500000,"#));
    assert_eq!(check("revenue_threshold")["actual"], 4500000);
    assert_eq!(
        check("other_accounts_quality")["actual"],
        serde_json::json!(["NEUTRAL", "SUPER"])
    );
    assert_eq!(check("account_suspended")["status"], "flag");
    let errors: Vec<&str> = got
        .iter()
        .skip(1)
        .map(|r| r["error"].as_str().unwrap())
        .collect();
    assert_eq!(
        errors,
        [
            "NIP 5260250274: different exportable_pct in accounts y and z, which cannot be added \
             up across accounts; 2 main accounts: x and y; rating counts mixed with bare shares: \
             y and z give only positive_ratings_pct, which cannot be added to the rating counts \
             of x",
            "nip: missing: every row needs the NIP it belongs to when grouping by NIP",
            "nip: the NIP's check digit does not match ('7740001455')",
            "revenue.Kidz: unknown category; did you mean 'Kids'?",
            // Every row of this NIP is invalid: no "no main account among" with no accounts.
            "NIP 1234563218: invalid row of account q (line 8), so the NIP is not evaluated; \
             invalid row of account 7 (line 9), so the NIP is not evaluated; invalid row of \
             account r (line 10), so the NIP is not evaluated; invalid row of account n (line \
             16), so the NIP is not evaluated",
            "other_accounts_quality: is derived from the account rows when grouping by NIP; give \
             each account's own quality and revenue instead",
            "main: expected true or false, found text",
            "invalid JSON at column 1: Expecting value",
            "NIP 9876543210: monthly_revenue of different lengths: 12 months in account m1, 24 \
             in account m2; 2 main accounts: m1 and m2",
            "expected a seller record (an object), found a list",
            "unknown: unknown field",
        ]
    );
    // A group's error names its NIP and accounts; an invalid row's names neither.
    assert_eq!(got[1]["nip"], "5260250274");
    assert_eq!(got[1]["accounts"], serde_json::json!(["x", "y", "z"]));
    assert_eq!(got[5]["accounts"], serde_json::json!([]));
    assert!(got[2].get("nip").is_none() && got[2].get("accounts").is_none());
    let sum = total(&summaries);
    assert_eq!(sum.total, 12);
    assert_eq!(sum.verdicts, [0, 0, 0, 1, 11]);
    assert_eq!(summaries.len(), 1);
}

#[test]
fn the_nip_mode_holds_in_errors_and_polish_words_the_conflicts() {
    let masked = settings(Lang::En, NipMode::Mask, Output::Jsonl);
    let (out, _) = run(ROWS.as_bytes(), Format::Jsonl, &masked, 1000);
    let got = lines(&out);
    assert_eq!(got[0]["nip"], "*******454");
    assert_eq!(got[1]["nip"], "*******274");
    assert!(got[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("NIP *******274: different exportable_pct"));
    // Under mask the refused NIP is not quoted.
    assert_eq!(got[3]["error"], "nip: the NIP's check digit does not match");
    for nip in ["7740001454", "5260250274", "7740001455", "1234563218"] {
        assert!(!out.contains(nip), "{nip} shown under mask");
    }
    let hashed = settings(
        Lang::En,
        NipMode::Hash(NipKey::new(b"key").unwrap()),
        Output::Jsonl,
    );
    let (out, _) = run(ROWS.as_bytes(), Format::Jsonl, &hashed, 1000);
    let got = lines(&out);
    let hash = got[1]["nip"].as_str().unwrap();
    assert_eq!(hash.len(), 64);
    assert!(got[1]["error"]
        .as_str()
        .unwrap()
        .starts_with(&format!("NIP {hash}: ")));

    let polish = settings(Lang::Pl, NipMode::Show, Output::Jsonl);
    let (out, _) = run(ROWS.as_bytes(), Format::Jsonl, &polish, 1000);
    let got = lines(&out);
    assert_eq!(
        got[9]["error"],
        "NIP 9876543210: obrót miesięczny (monthly_revenue) o różnej liczbie miesięcy: 12 na \
         koncie m1, 24 na koncie m2; 2 konta główne: m1 i m2"
    );
    assert_eq!(
        got[6]["error"],
        "other_accounts_quality: wynika z wierszy kont przy grupowaniu według NIP-u; podaj \
         zamiast tego ocenę jakości i obrót każdego konta"
    );
}

#[test]
fn chunks_of_results_add_up_to_the_whole_run() {
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let (whole, one) = run(ROWS.as_bytes(), Format::Jsonl, &settings, 1000);
    for chunk in [1, 2, 5] {
        let (out, summaries) = run(ROWS.as_bytes(), Format::Jsonl, &settings, chunk);
        assert_eq!(out, whole, "chunks of {chunk}");
        assert_eq!(summaries.len(), 12_usize.div_ceil(chunk));
        assert_eq!(total(&summaries), total(&one));
        assert!(summaries.iter().all(|s| s.total as usize <= chunk));
    }
}

#[test]
fn csv_rows_show_the_groups_nip_in_its_column() {
    let settings = settings(Lang::En, NipMode::Show, Output::Csv(CsvDialect::EXCEL));
    let (out, _) = run(ROWS.as_bytes(), Format::Jsonl, &settings, 4);
    let rows: Vec<&str> = out.split("\r\n").collect();
    assert!(rows[0]
        .starts_with("1,1,acme,7740001454,incomplete,Kids,company,,\"No monthly revenue given"));
    assert!(rows[0].ends_with(",main-a;brand;late")); // the group's accounts
    assert!(rows[1].starts_with(
        "2,2,,5260250274,error,,,,,\"NIP 5260250274: different exportable_pct in accounts y and z"
    ));
    assert!(rows[1].ends_with("\",,,,,x;y;z"), "{}", rows[1]);
    assert_eq!(
        rows[2],
        "5,5,,,error,,,,,nip: missing: every row needs the NIP it belongs to when grouping by NIP,,,,,"
    );
    assert_eq!(rows.len(), 13); // 12 rows and the empty rest after the last CRLF
}

#[test]
fn csv_input_a_bad_cell_still_holds_back_its_company() {
    let data = "nip,account,main,business_account,quality,revenue.Kids\n\
                7740001454,d1,maybe,true,GOOD,1\n\
                7740001454,d2,true,true,GOOD,1\n";
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let (out, _) = run(data.as_bytes(), Format::Csv, &settings, 1000);
    let got = lines(&out);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["line"], 2);
    assert!(got[0]["error"].as_str().unwrap().starts_with("main: "));
    assert_eq!(
        got[1]["error"],
        "NIP 7740001454: invalid row of account d1 (line 2), so the NIP is not evaluated"
    );
    assert_eq!(got[1]["accounts"], serde_json::json!(["d2"]));
}

#[test]
fn a_merged_seller_that_cannot_be_evaluated_names_its_nip() {
    // No business_account in any row: the merged record misses a required field.
    let data = r#"{"nip": "7740001454", "account": "a", "main": true, "quality": "GOOD", "revenue": {"Kids": 1}, "ratings": {"positive": 1, "negative": 0}}
"#;
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let (out, summaries) = run(data.as_bytes(), Format::Jsonl, &settings, 1000);
    assert_eq!(
        out,
        "{\"line\":1,\"record\":1,\"nip\":\"7740001454\",\"accounts\":[\"a\"],\"verdict\":\"error\",\
         \"error\":\"NIP 7740001454: business_account: missing (required)\"}\n"
    );
    assert_eq!(total(&summaries).verdicts, [0, 0, 0, 0, 1]);
}

#[test]
fn a_break_off_ends_the_run_before_any_result() {
    let data = b"[{\"nip\": \"7740001454\", \"account\": \"a\", \"main\": true}, {\"nip\": ";
    let engine = engine();
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let mut reader = Reader::new(&data[..], Format::Json, Options::default());
    let mut written = 0;
    let result = run_grouped(&engine, &settings, &mut reader, 1000, |_, _| written += 1);
    assert!(result.is_err());
    assert_eq!(written, 0);
}

#[test]
fn nothing_comes_out_before_the_input_is_read_nor_after_the_end() {
    let engine = engine();
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let mut batch = GroupedBatch::new();
    let mut out = Vec::new();
    assert!(batch.next_chunk(&engine, &settings, 10, &mut out).is_none());
    let mut reader = Reader::new(ROWS.as_bytes(), Format::Jsonl, Options::default());
    while let Some(chunk) = reader.next_chunk(3).unwrap() {
        batch.add_chunk(&engine, chunk);
    }
    batch.finish(&engine);
    let summary = batch.next_chunk(&engine, &settings, 100, &mut out).unwrap();
    assert_eq!(summary.total, 12);
    assert!(batch
        .next_chunk(&engine, &settings, 100, &mut out)
        .is_none());
    batch.finish(&engine); // a second finish changes nothing
    assert!(batch
        .next_chunk(&engine, &settings, 100, &mut out)
        .is_none());
}

#[test]
fn empty_input_gives_no_results() {
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let (out, summaries) = run(b"", Format::Jsonl, &settings, 1000);
    assert_eq!(out, "");
    assert!(summaries.is_empty());
}

#[test]
fn sums_beyond_the_input_limits_are_still_evaluated() {
    // Python evaluates the merged dict as it is: 2 × 9·10^14 is no "too large" error.
    let data = br#"{"nip": "7740001454", "account": "a", "main": true, "business_account": true, "quality": "GOOD", "revenue": {"Kids": 900000000000000}, "ratings": {"positive": 900000000000000, "negative": 0}}
{"nip": "7740001454", "account": "b", "quality": "GOOD", "revenue": {"Kids": 900000000000000.5}, "ratings": {"positive": 900000000000000, "negative": 0}}
"#;
    let settings = settings(Lang::En, NipMode::Show, Output::Jsonl);
    let (out, _) = run(data, Format::Jsonl, &settings, 1000);
    let got = lines(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["verdict"], "incomplete");
    assert!(out.contains(r#""actual":1800000000000000.5,"#));
}

#[test]
fn the_merged_record_and_its_fields_agree() {
    use diamond_core::group::{Grouped, Grouper, RecordValidator, Row};
    use diamond_core::io::Payload;
    use diamond_core::value::Value;

    let engine = engine();
    let mut grouper = Grouper::new();
    let mut validator = RecordValidator::new(engine.categories());
    let mut reader = Reader::new(ROWS.as_bytes(), Format::Jsonl, Options::default());
    while let Some(chunk) = reader.next_chunk(1000).unwrap() {
        for raw in &chunk.records {
            let row = match &raw.payload {
                Payload::Json(range) => {
                    match diamond_core::json::parse_batch_record(chunk.json(range)) {
                        Ok(Value::Object(members)) => Row::Fields(members),
                        Ok(_) => continue,
                        Err(error) => Row::Unreadable(error),
                    }
                }
                _ => continue,
            };
            grouper.add(raw.line, raw.record, row, &mut validator);
        }
    }
    let mut sellers = 0;
    for result in grouper.results(&engine.table) {
        if let Grouped::Seller {
            fields, figures, ..
        } = result
        {
            sellers += 1;
            let decoded = diamond_core::record::decode(&fields, engine.categories());
            assert_eq!(decoded, (*figures).build());
        }
    }
    assert_eq!(sellers, 1);
}
