//! The readers' tests of tests/test_batch.py, ported: line and record numbers, payloads, the
//! errors in their place and the break-offs.

use std::io::{Read, Write};

use diamond_core::io::{choose_format, open_input, Format, Options, Payload, Reader};
use diamond_core::value::Value;

struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.data[self.at..];
        let size = rest.len().min(self.step).min(out.len());
        out[..size].copy_from_slice(&rest[..size]);
        self.at += size;
        Ok(size)
    }
}

#[derive(Debug, PartialEq)]
enum Got {
    Json(String),
    Value(Value),
    Error(String),
}

/// (line, record, payload) of every record, and the break-off.
fn read(
    data: &[u8],
    format: Option<Format>,
    step: usize,
) -> (Format, Vec<(u64, u64, Got)>, Option<String>) {
    let source = Trickle {
        data: data.to_vec(),
        at: 0,
        step,
    };
    let mut input = match open_input(Box::new(source)) {
        Ok(input) => input,
        Err(broke) => return (Format::Jsonl, Vec::new(), Some(broke.message)),
    };
    let format = match choose_format("-", &mut input, format) {
        Ok(format) => format,
        Err(broke) => return (Format::Jsonl, Vec::new(), Some(broke.message)),
    };
    let mut reader = Reader::new(input, format, Options::default());
    let mut out = Vec::new();
    loop {
        match reader.next_chunk(2) {
            Ok(Some(chunk)) => {
                for raw in &chunk.records {
                    let got = match &raw.payload {
                        Payload::Json(range) => {
                            Got::Json(String::from_utf8_lossy(chunk.json(range)).into_owned())
                        }
                        Payload::Value(value) => Got::Value(value.clone()),
                        Payload::Error(error) => Got::Error(error.to_string()),
                        Payload::CellError(cell) => Got::Error(cell.error.to_string()),
                    };
                    out.push((raw.line, raw.record, got));
                }
            }
            Ok(None) => return (format, out, None),
            Err(broke) => return (format, out, Some(broke.message)),
        }
    }
}

fn text(value: &str) -> Value {
    Value::String(value.into())
}

fn object(members: &[(&str, Value)]) -> Value {
    Value::Object(
        members
            .iter()
            .map(|(k, v)| ((*k).into(), v.clone()))
            .collect(),
    )
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn csv_cell_errors_name_the_column_and_the_line() {
    let data = b"seller;revenue.Kids;business_account;quality\n\na;12x;true;GOOD\nb;1;maybe;GOOD\nc;1;true;GOOD;extra\n";
    let (_, got, broke) = read(data, Some(Format::Csv), usize::MAX);
    assert_eq!(broke, None);
    let numbers: Vec<_> = got
        .iter()
        .map(|(line, record, _)| (*line, *record))
        .collect();
    assert_eq!(numbers, [(3, 1), (4, 2), (5, 3)]);
    assert_eq!(
        got[0].2,
        Got::Error("revenue.Kids: '12x' is not a number".into())
    );
    assert_eq!(
        got[1].2,
        Got::Error("business_account: expected true or false, found 'maybe'".into())
    );
    assert_eq!(
        got[2].2,
        Got::Error("5 cells but the header names 4 columns".into())
    );
}

#[test]
fn csv_blank_lines_before_the_header_are_skipped_and_lines_still_counted() {
    let (_, got, _) = read(b"\n  \nseller,quality\n\na,GOOD\n", Some(Format::Csv), 3);
    assert_eq!(
        got,
        [(
            5,
            1,
            Got::Value(object(&[("seller", text("a")), ("quality", text("GOOD"))]))
        )]
    );
}

#[test]
fn csv_with_cr_alone_line_ends_is_one_clear_error() {
    let (_, got, broke) = read(
        b"seller,quality\ra,GOOD\rb,GOOD\r",
        Some(Format::Csv),
        usize::MAX,
    );
    assert!(got.is_empty());
    assert!(broke
        .unwrap()
        .starts_with("the CSV lines end in CR alone (an old Mac format)"));
}

#[test]
fn csv_header_naming_a_column_twice_is_an_error() {
    let data = b"\nquality,revenue.Kids,revenue.Kids,Quality,quality\nGOOD,1,2,x,BAD\n";
    let (_, got, broke) = read(data, Some(Format::Csv), usize::MAX);
    assert!(got.is_empty());
    assert_eq!(
        broke.as_deref(),
        Some("line 2: the CSV header names quality, revenue.Kids more than once")
    );
}

#[test]
fn csv_quoted_cells_spanning_lines_keep_the_starting_line() {
    let (_, got, _) = read(
        b"seller,quality\n\"two\nlines\",GOOD\nnext,GOOD\n",
        Some(Format::Csv),
        1,
    );
    assert_eq!(
        got,
        [
            (
                2,
                1,
                Got::Value(object(&[
                    ("seller", text("two\nlines")),
                    ("quality", text("GOOD"))
                ]))
            ),
            (
                4,
                2,
                Got::Value(object(&[
                    ("seller", text("next")),
                    ("quality", text("GOOD"))
                ]))
            ),
        ]
    );
}

#[test]
fn csv_numbers_and_maps_become_the_fields_json_would_give() {
    let data = "seller;revenue.Kids;revenue.Dom;ratings.positive;monthly_revenue\na;1 234,5;1e3;1e3;\"1;2,5\"\n";
    let (_, got, _) = read(data.as_bytes(), None.or(Some(Format::Csv)), usize::MAX);
    let number = |text: &str| Value::Number(text.into());
    let revenue = object(&[("Kids", number("1234.5")), ("Dom", number("1e3"))]);
    let expected = object(&[
        ("seller", text("a")),
        ("revenue", revenue),
        ("ratings", object(&[("positive", number("1000"))])),
        (
            "monthly_revenue",
            Value::Array(vec![number("1"), number("2.5")]),
        ),
    ]);
    assert_eq!(got, [(2, 1, Got::Value(expected))]);
}

#[test]
fn csv_cells_longer_than_the_csv_modules_limit_are_errors_as_in_python() {
    let mut data = b"seller,quality\n".to_vec();
    data.extend(std::iter::repeat_n(b'x', 131_073));
    data.extend_from_slice(b",GOOD\nb,GOOD\n");
    data.extend(std::iter::repeat_n(b'y', 131_072));
    data.extend_from_slice(b",GOOD\n\"");
    data.extend(std::iter::repeat_n(b'x', 131_070));
    data.extend_from_slice(b"\nzzzzzzzzzz\",GOOD\nc,GOOD\n");
    let (_, got, broke) = read(&data, Some(Format::Csv), usize::MAX);
    let limit = "malformed CSV: field larger than field limit (131072)";
    let numbers: Vec<_> = got
        .iter()
        .map(|(line, record, _)| (*line, *record))
        .collect();
    // The quoted cell starting on line 5 passes the limit on line 6, whose rest Python's csv
    // then drops: the next row is line 7's.
    assert_eq!(numbers, [(2, 1), (3, 2), (4, 3), (5, 4), (7, 5)]);
    assert_eq!(got[0].2, Got::Error(limit.into()));
    assert!(matches!(got[2].2, Got::Value(_)));
    assert_eq!(got[3].2, Got::Error(limit.into()));
    assert!(matches!(got[4].2, Got::Value(_)));
    assert_eq!(broke, None);
}

#[test]
fn json_array_is_streamed_element_by_element() {
    let data = b"\xef\xbb\xbf[\n  {\"a\": \"x,]}\\\"\", \"b\": [1, {\"c\": 2}]},\n\n  {\"d\": 1}, 5,\n  {\"bad\": }\n]\n";
    for step in [1, 3, 64, usize::MAX] {
        let (_, got, broke) = read(data, Some(Format::Json), step);
        assert_eq!(broke, None);
        let numbers: Vec<_> = got
            .iter()
            .map(|(line, record, _)| (*line, *record))
            .collect();
        assert_eq!(numbers, [(2, 1), (4, 2), (4, 3), (5, 4)]);
        assert_eq!(
            got[0].2,
            Got::Json("{\"a\": \"x,]}\\\"\", \"b\": [1, {\"c\": 2}]}".into())
        );
    }
}

#[test]
fn json_array_structure_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"5", "line 1: expected a JSON array or objects"),
        (b"[1,,2]", "line 1: an empty element in the array"),
        (b"[1", "line 1: the JSON array is not closed"),
        (b"[1] x", "line 1: text after the end of the array"),
        (b"{\"a\": 1} 5", "line 1: expected a JSON object"),
        (
            b"{\"a\": 1}\n{\"b\": 2\n{\"c\": 3}\n",
            "line 2: the JSON object that starts there is not closed",
        ),
        (b"", "expected a JSON array or objects, found empty input"),
    ];
    for (data, message) in cases {
        let (_, _, broke) = read(data, Some(Format::Json), 2);
        assert_eq!(
            broke.as_deref(),
            Some(*message),
            "{:?}",
            String::from_utf8_lossy(data)
        );
    }
}

#[test]
fn json_array_backslash_before_a_newline_does_not_merge_elements() {
    let data = b"[{\"seller\": \"a\\\n\"},\n{\"seller\": \"b\"},\n{\"seller\": \"c\"}]";
    let (_, got, _) = read(data, Some(Format::Json), 4);
    let numbers: Vec<_> = got
        .iter()
        .map(|(line, record, _)| (*line, *record))
        .collect();
    assert_eq!(numbers, [(1, 1), (3, 2), (4, 3)]);
    assert_eq!(got[1].2, Got::Json("{\"seller\": \"b\"}".into()));
    assert_eq!(got[2].2, Got::Json("{\"seller\": \"c\"}".into()));
}

#[test]
fn pretty_printed_objects_one_after_another() {
    let one = "{\n  \"seller\": \"a\",\n  \"quality\": \"GOOD\"\n}\n";
    let both = format!("{one}{one}");
    let (format, got, broke) = read(both.as_bytes(), None, usize::MAX);
    assert_eq!((format, broke), (Format::Json, None));
    let numbers: Vec<_> = got
        .iter()
        .map(|(line, record, _)| (*line, *record))
        .collect();
    assert_eq!(numbers, [(1, 1), (5, 2)]);
    let (format, _, _) = read(b"{\"a\": 1}\n{\"b\": 2}\n", None, usize::MAX);
    assert_eq!(format, Format::Jsonl);
}

#[test]
fn format_sniffed_on_a_trickling_pipe_as_on_a_file() {
    let seller = |name: &str| format!("{{\"seller\": \"{name}\", \"quality\": \"GOOD\"}}");
    let pretty = |name: &str| format!("{{\n  \"seller\": \"{name}\",\n  \"quality\": \"GOOD\"\n}}");
    let cases = [
        (
            format!("\n\n[{}, {}]", seller("a"), seller("b")),
            Format::Json,
        ),
        (format!("\n{}{}", pretty("a"), seller("b")), Format::Json),
        (
            format!("\n{}\n{}\n", seller("a"), seller("b")),
            Format::Jsonl,
        ),
    ];
    for (text, expected) in &cases {
        for packed in [false, true] {
            let data = if packed {
                gzip(text.as_bytes())
            } else {
                text.as_bytes().to_vec()
            };
            for step in [1, 2, 7] {
                let (format, got, broke) = read(&data, None, step);
                assert_eq!((format, broke), (*expected, None));
                let sellers: Vec<_> = got
                    .iter()
                    .map(|(_, _, got)| match got {
                        Got::Json(json) => json.contains("\"a\"") || json.contains("\"b\""),
                        _ => false,
                    })
                    .collect();
                assert_eq!(sellers, [true, true]);
            }
        }
    }
}

#[test]
fn damaged_gzip_keeps_the_records_before_the_damage() {
    let lines = "{\"seller\": \"s0\"}\n{\"seller\": \"s1\"}\n{\"seller\": \"s2\"}\n";
    let array = "[{\"seller\": \"s0\"}, {\"seller\": \"s1\"}, {\"seller\": \"s2\"}]";
    for (text, format) in [(lines, Format::Jsonl), (array, Format::Json)] {
        let packed = gzip(text.as_bytes());
        let damages = [
            (
                [packed.clone(), b"junk".to_vec()].concat(),
                "what follows the compressed data is not gzip data",
            ),
            (
                [packed.clone(), packed[..15].to_vec()].concat(),
                "it ends before the end of the compressed data",
            ),
        ];
        for (data, why) in damages {
            let (_, got, broke) = read(&data, Some(format), 5);
            assert_eq!(got.len(), 3);
            assert_eq!(
                broke,
                Some(format!("the gzip data is damaged or cut short ({why})"))
            );
        }
    }
}

#[test]
fn gzip_magic_alone_is_a_one_line_error_and_an_empty_gzip_no_record() {
    let (_, got, broke) = read(b"\x1f\x8b", None, 1);
    assert!(got.is_empty());
    assert_eq!(
        broke.as_deref(),
        Some(
            "the gzip data is damaged or cut short (it ends before the end of the compressed data)"
        )
    );
    let (_, got, broke) = read(&gzip(b""), None, 1);
    assert!(got.is_empty() && broke.is_none());
}

#[test]
fn a_second_bom_is_the_records_problem() {
    let (_, got, _) = read(
        b"\xef\xbb\xbf\xef\xbb\xbf{\"a\": 1}\n",
        Some(Format::Jsonl),
        usize::MAX,
    );
    assert_eq!(got, [(1, 1, Got::Json("\u{feff}{\"a\": 1}\n".into()))]);
}

#[test]
fn a_csv_header_with_unknown_columns_is_refused_before_any_row() {
    let data = b"seller;revenu.Kids;qualty;Obrot\na;1;GOOD;2\n";
    let (_, records, broke) = read(data, Some(Format::Csv), 5);
    assert!(records.is_empty());
    assert_eq!(
        broke.as_deref(),
        Some(
            "line 1: the CSV header names unknown columns: 'revenu.Kids' (did you mean \
             'revenue.Kids'?), 'qualty' (did you mean 'quality'?), 'Obrot'; no row was read (the \
             columns are listed by `diamond schema input`)"
        )
    );
}

#[test]
fn a_csv_header_of_no_known_column_is_not_taken_for_a_seller_file() {
    let (_, records, broke) = read(b"a,b,c,d\n1,2,3,4\n", Some(Format::Csv), 3);
    assert!(records.is_empty());
    let broke = broke.expect("refused");
    assert!(broke.starts_with(
        "line 1: the CSV header names no field of a seller record ('a', 'b', 'c', …)"
    ));
}

#[test]
fn a_csv_header_of_known_columns_reads_on() {
    let data = b"\xef\xbb\xbfseller,revenue.Kids,ratings.positive,account,main\na,1,2,x,true\n";
    let (_, records, broke) = read(data, Some(Format::Csv), 7);
    assert_eq!(broke, None);
    assert_eq!(records.len(), 1);
}
