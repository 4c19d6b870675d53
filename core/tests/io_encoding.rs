//! Windows-1250 input (Polish Excel's "CSV (rozdzielany przecinkami)"): detected on the input's
//! first bytes, decoded for the whole input; a UTF-8 input is never decoded as Windows-1250.

use std::io::Read;

use diamond_core::io::{open_input, Encoding, Format, Options, Payload, Reader};
use diamond_core::value::Value;

/// A source that hands over at most `step` bytes a read, as a slow pipe does.
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

/// Every record's payload (a value, or its error's text) and the encoding the reader chose.
fn read_csv(data: &[u8], step: usize) -> (Vec<Result<Value, String>>, Option<Encoding>) {
    let source = Trickle {
        data: data.to_vec(),
        at: 0,
        step,
    };
    let input = open_input(Box::new(source)).unwrap();
    let mut reader = Reader::new(input, Format::Csv, Options::default());
    let mut out = Vec::new();
    while let Some(mut chunk) = reader.next_chunk(3).unwrap() {
        for raw in std::mem::take(&mut chunk.records) {
            out.push(match raw.payload {
                Payload::Value(value) => Ok(value),
                Payload::Error(error) => Err(error.to_string()),
                Payload::CellError(cell) => Err(cell.error.to_string()),
                Payload::Json(_) => unreachable!("a CSV row"),
            });
        }
    }
    (out, reader.encoding())
}

fn field<'v>(value: &'v Value, name: &str) -> &'v Value {
    match value {
        Value::Object(members) => &members.iter().find(|(key, _)| key == name).unwrap().1,
        other => panic!("not an object: {other:?}"),
    }
}

fn cp1250(text: &str) -> Vec<u8> {
    // The test's own encoder for the letters used here; the reader's table is another.
    text.chars()
        .flat_map(|c| match c {
            'ą' => vec![0xb9],
            'ć' => vec![0xe6],
            'Ć' => vec![0xc6],
            'Ą' => vec![0xa5],
            'Ó' => vec![0xd3],
            'ę' => vec![0xea],
            'ł' => vec![0xb3],
            'Ł' => vec![0xa3],
            'ń' => vec![0xf1],
            'ó' => vec![0xf3],
            'ś' => vec![0x9c],
            'Ś' => vec![0x8c],
            'ź' => vec![0x9f],
            'ż' => vec![0xbf],
            'Ż' => vec![0xaf],
            c if c.is_ascii() => vec![c as u8],
            c => panic!("no Windows-1250 byte for {c:?} in this test"),
        })
        .collect()
}

const SHEET: &str = "seller;business_account;quality;revenue.Kids;positive_ratings_pct;suspended\n\
                     Sklep Łódź;PRAWDA;Dobry;4 500 000,00;99,5;FAŁSZ\n\
                     Żółta Ćma;prawda;Wymaga poprawy;12,5;98;fałsz\n";

#[test]
fn a_windows_1250_sheet_reads_as_its_utf8_twin() {
    let (want, want_encoding) = read_csv(SHEET.as_bytes(), 1 << 20);
    assert_eq!(want_encoding, Some(Encoding::Utf8));
    for step in [1, 7, 1 << 20] {
        let (got, encoding) = read_csv(&cp1250(SHEET), step);
        assert_eq!(encoding, Some(Encoding::Windows1250), "step {step}");
        assert_eq!(got, want, "step {step}");
    }
    let first = want[0].as_ref().unwrap();
    assert_eq!(field(first, "seller"), &Value::String("Sklep Łódź".into()));
    assert_eq!(field(first, "business_account"), &Value::Bool(true));
    assert_eq!(field(first, "suspended"), &Value::Bool(false));
    assert_eq!(field(first, "quality"), &Value::String("Dobry".into()));
}

#[test]
fn a_byte_windows_1250_lacks_is_its_rows_error() {
    let mut data = cp1250("seller;quality\nŁąka;Dobry\n");
    data.extend_from_slice(b"x\x98y;Dobry\nnext;Dobry\n");
    let (got, encoding) = read_csv(&data, 5);
    assert_eq!(encoding, Some(Encoding::Windows1250));
    assert_eq!(got.len(), 3);
    assert_eq!(got[1], Err("not valid Windows-1250 text".to_string()));
    assert!(got[2].is_ok());
}

#[test]
fn a_utf8_file_stays_utf8_and_a_later_bad_row_is_that_rows_error() {
    // The first 64 KiB are UTF-8 (ASCII alone): a row after them that is not UTF-8 is an error
    // in its place, never a reason to read the file again as Windows-1250.
    let mut data = b"seller;quality\n".to_vec();
    while data.len() < 70_000 {
        data.extend_from_slice(b"plain;GOOD\n");
    }
    let rows = data.len();
    data.extend_from_slice(b"\xa3\xf3d\x9f;GOOD\nZa\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87;GOOD\n");
    let (got, encoding) = read_csv(&data, 1 << 20);
    assert_eq!(encoding, Some(Encoding::Utf8));
    let bad = (rows - 15) / 11;
    assert_eq!(got.len(), bad + 2);
    assert_eq!(got[bad], Err("not valid UTF-8 text".to_string()));
    assert_eq!(
        field(got[bad + 1].as_ref().unwrap(), "seller"),
        &Value::String("Zażółć".into())
    );
}

#[test]
fn polish_utf8_with_a_broken_row_in_the_prefix_stays_utf8() {
    let mut data = "seller;quality\nŁódź;GOOD\nGdańsk;GOOD\n"
        .as_bytes()
        .to_vec();
    data.extend_from_slice(b"x\xff;GOOD\n");
    let (got, encoding) = read_csv(&data, 3);
    assert_eq!(encoding, Some(Encoding::Utf8));
    assert_eq!(got[2], Err("not valid UTF-8 text".to_string()));
    assert_eq!(
        field(got[0].as_ref().unwrap(), "seller"),
        &Value::String("Łódź".into())
    );
}
