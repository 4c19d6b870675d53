//! The pieces of the result encoding, against values the Python reference gives for them
//! (result.py's `_decimal_text`, `shown_nip`, `json.dumps(ensure_ascii=False)`).

use diamond_core::number::Dec;
use diamond_core::result::{
    csv_header, encode_check_error, shown_nip, write_decimal, CsvDialect, NipKey, NipMode,
};

#[test]
fn decimals_are_written_as_result_dumps_writes_them() {
    for (coeff, exp, python) in [
        (450000000, -2, "4500000"),
        (20, -1, "2"),
        (250, -2, "2.50"),
        (1, 18, "1000000000000000000"),
        (999999999999999999000, -3, "999999999999999999"),
        (10000000000000000000, -1, "1000000000000000000.0"),
        (0, -2, "0"),
        (123, 18, "123000000000000000000"),
        (45, 5, "4500000"),
        (1, -7, "0.0000001"),
        (-12340, -3, "-12.340"),
        (0, -30, "0"),
        (5, -40, "0.0000000000000000000000000000000000000005"),
        (0, -60, "0"),
    ] {
        let mut out = String::new();
        write_decimal(&mut out, &Dec::new(coeff, exp));
        assert_eq!(out, python, "{coeff}E{exp}");
    }
}

#[test]
fn nips_are_shown_as_the_mode_allows() {
    let nip = "7740001454";
    assert_eq!(shown_nip(nip, &NipMode::Show), nip);
    assert_eq!(shown_nip(nip, &NipMode::Mask), "*******454");
    assert_eq!(shown_nip("12", &NipMode::Mask), "12");
    let hash = |key: &[u8]| shown_nip(nip, &NipMode::Hash(NipKey::new(key).unwrap()));
    assert_eq!(
        hash(b"k"),
        "da1f937f6c503ed45ae07bed85413cf66fd9004a2f3e3ee4fcc691e678032311"
    );
    assert_eq!(
        hash(b""),
        "fae8907acf7a1bdb6a334db03473d195b9f2ae8fdd0203c0ee527c811d375906"
    );
}

#[test]
fn text_is_escaped_as_json_dumps_escapes_it() {
    let mut message: String = (0u8..0x20).map(char::from).collect();
    message.push_str("\u{7f}\u{80}\u{2028}\u{2029}\u{feff}\"\\/<>&😀ż");
    let mut out = Vec::new();
    encode_check_error(&mut out, &message, None);
    let python = include_str!("data/result/escaped.json");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        python.trim_end_matches('\n')
    );
}

#[test]
fn errors_of_check_are_indented_as_dumps_indents() {
    let mut out = Vec::new();
    encode_check_error(&mut out, "x", Some(2));
    assert_eq!(out, b"{\n  \"verdict\": \"error\",\n  \"error\": \"x\"\n}");
    out.clear();
    encode_check_error(&mut out, "x", Some(0));
    assert_eq!(out, b"{\n\"verdict\": \"error\",\n\"error\": \"x\"\n}");
}

#[test]
fn the_csv_header_names_every_column() {
    let mut out = Vec::new();
    csv_header(&mut out, CsvDialect::EXCEL);
    assert_eq!(
        out,
        b"line,record,seller,nip,verdict,main_category,route,failing_rules,main_shortfall,error,\
          failing_rules_count,short_pln,short_pct,positive_ratings_needed,accounts\r\n"
    );
    out.clear();
    csv_header(&mut out, CsvDialect::EXCEL_PL);
    assert!(out.starts_with(b"line;record;seller;nip;verdict;"));
}
