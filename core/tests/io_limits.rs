//! `--max-record-bytes` (issue 11): a record longer than the limit is an error in its place and
//! is skipped without being held whole, so memory stays flat for a 50 MB line; the records
//! around it are read as usual.

use std::io::Read;

use diamond_core::io::{Format, Options, Payload, RawRecord, Reader, READ_SIZE};

/// `head`, then `count` times `fill`, then `tail`, made as they are read (never held whole).
struct Generated {
    parts: Vec<(Vec<u8>, u64)>,
    at: usize,
}

impl Generated {
    fn new(head: &[u8], fill: &[u8], count: u64, tail: &[u8]) -> Generated {
        Generated {
            parts: vec![
                (head.to_vec(), 1),
                (fill.to_vec(), count),
                (tail.to_vec(), 1),
            ],
            at: 0,
        }
    }
}

impl Read for Generated {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let mut size = 0;
        while size < out.len() {
            let Some((bytes, times)) = self.parts.first_mut() else {
                break;
            };
            if *times == 0 || bytes.is_empty() {
                self.parts.remove(0);
                self.at = 0;
                continue;
            }
            if bytes.len() == 1 {
                let take = (out.len() - size).min(usize::try_from(*times).unwrap_or(usize::MAX));
                out[size..size + take].fill(bytes[0]);
                size += take;
                *times -= take as u64;
                continue;
            }
            let take = (out.len() - size).min(bytes.len() - self.at);
            out[size..size + take].copy_from_slice(&bytes[self.at..self.at + take]);
            size += take;
            self.at += take;
            if self.at == bytes.len() {
                self.at = 0;
                *times -= 1;
            }
        }
        Ok(size)
    }
}

const FIFTY_MB: u64 = 50 << 20;
/// What a reader may hold: its chunk of small records, one read, and the limit, with room.
const BOUND: usize = 4 * READ_SIZE + (1 << 20);

/// Every record, checking that neither the reader nor a chunk ever holds much.
fn read_all(
    source: impl Read,
    format: Format,
    options: Options,
) -> (Vec<(RawRecord, Vec<u8>)>, Option<String>) {
    let mut reader = Reader::new(source, format, options);
    let mut out = Vec::new();
    loop {
        let next = reader.next_chunk(1000);
        assert!(
            reader.buffer_capacity() <= BOUND,
            "the reader holds {} bytes",
            reader.buffer_capacity()
        );
        match next {
            Ok(Some(mut chunk)) => {
                let bytes = &chunk.bytes;
                assert!(
                    bytes.capacity() <= BOUND,
                    "a chunk holds {} bytes",
                    bytes.capacity()
                );
                for raw in std::mem::take(&mut chunk.records) {
                    let text = match &raw.payload {
                        Payload::Json(range) => bytes[range.clone()].to_vec(),
                        _ => Vec::new(),
                    };
                    out.push((raw, text));
                }
            }
            Ok(None) => return (out, None),
            Err(broke) => return (out, Some(broke.message)),
        }
    }
}

fn too_large(raw: &RawRecord) -> bool {
    matches!(&raw.payload, Payload::Error(error)
        if error.to_string() == "the record is larger than 1048576 bytes (the --max-record-bytes limit)")
}

#[test]
fn a_50_mb_json_line_is_refused_in_place_and_memory_stays_flat() {
    let source = Generated::new(
        b"{\"a\": 1}\n{\"seller\": \"",
        b"x",
        FIFTY_MB,
        b"\"}\n\n{\"b\": 2}\n",
    );
    let (records, broke) = read_all(source, Format::Jsonl, Options::default());
    assert_eq!(broke, None);
    let numbers: Vec<_> = records
        .iter()
        .map(|(raw, _)| (raw.line, raw.record))
        .collect();
    assert_eq!(numbers, [(1, 1), (2, 2), (4, 3)]);
    assert!(too_large(&records[1].0));
    assert_eq!(records[2].1, b"{\"b\": 2}\n");
}

#[test]
fn a_long_blank_json_line_is_no_record() {
    let source = Generated::new(b"{\"a\": 1}\n", b" ", 3 << 20, b"\n{\"b\": 2}");
    let (records, broke) = read_all(source, Format::Jsonl, Options::default());
    assert_eq!(broke, None);
    let numbers: Vec<_> = records
        .iter()
        .map(|(raw, _)| (raw.line, raw.record))
        .collect();
    assert_eq!(numbers, [(1, 1), (3, 2)]);
}

#[test]
fn a_50_mb_array_element_is_refused_in_place() {
    let source = Generated::new(
        b"[{\"a\": 1},\n{\"s\": \"",
        b"x",
        FIFTY_MB,
        b"\"},\n{\"b\": [2]}]",
    );
    let (records, broke) = read_all(source, Format::Json, Options::default());
    assert_eq!(broke, None);
    let numbers: Vec<_> = records
        .iter()
        .map(|(raw, _)| (raw.line, raw.record))
        .collect();
    assert_eq!(numbers, [(1, 1), (2, 2), (3, 3)]);
    assert!(too_large(&records[1].0));
    assert_eq!(records[2].1, b"{\"b\": [2]}");
}

#[test]
fn an_array_cut_inside_a_long_element_breaks_off_after_it() {
    let source = Generated::new(b"[{\"a\": 1}, {\"s\": \"", b"x", 3 << 20, b"");
    let (records, broke) = read_all(source, Format::Json, Options::default());
    assert_eq!(records.len(), 2);
    assert!(too_large(&records[1].0));
    assert_eq!(
        broke.as_deref(),
        Some("line 1: the JSON array is not closed")
    );
}

#[test]
fn an_8_mb_csv_row_is_refused_in_place() {
    let source = Generated::new(
        b"seller,quality\na,GOOD\n",
        b"x",
        8 << 20,
        b",GOOD\nb,GOOD\n",
    );
    let (records, broke) = read_all(source, Format::Csv, Options::default());
    assert_eq!(broke, None);
    let numbers: Vec<_> = records
        .iter()
        .map(|(raw, _)| (raw.line, raw.record))
        .collect();
    assert_eq!(numbers, [(2, 1), (3, 2), (4, 3)]);
    assert!(too_large(&records[1].0));
    assert!(matches!(records[2].0.payload, Payload::Value(_)));
}

#[test]
fn a_csv_row_long_by_its_quoted_lines_is_refused_in_place() {
    // Many short quoted cells, one a line: no cell reaches the csv module's field limit.
    let lines = 400_000;
    let source = Generated::new(
        b"seller,quality\n\"a",
        b"x\n\",\"",
        lines,
        b"\",GOOD\nb,GOOD\n",
    );
    let (records, broke) = read_all(source, Format::Csv, Options::default());
    assert_eq!(broke, None);
    let numbers: Vec<_> = records
        .iter()
        .map(|(raw, _)| (raw.line, raw.record))
        .collect();
    assert_eq!(numbers, [(2, 1), (3 + lines, 2)]);
    assert!(too_large(&records[0].0));
}

#[test]
fn the_limit_is_configurable_and_a_record_at_it_passes() {
    let options = Options {
        max_record_bytes: 10,
        ..Options::default()
    };
    let data: &[u8] = b"{\"a\": 123}\n{\"a\": 1234}\n[1,2,3,4,5]";
    let (records, _) = read_all(data, Format::Jsonl, options);
    let kinds: Vec<_> = records
        .iter()
        .map(|(raw, _)| matches!(raw.payload, Payload::Json(_)))
        .collect();
    assert_eq!(kinds, [true, false, false]);
    let data: &[u8] = b"[{\"a\": 123}, {\"a\": 1234}]";
    let (records, _) = read_all(data, Format::Json, options);
    let kinds: Vec<_> = records
        .iter()
        .map(|(raw, _)| matches!(raw.payload, Payload::Json(_)))
        .collect();
    assert_eq!(kinds, [true, false]);
    match &records[1].0.payload {
        Payload::Error(error) => {
            assert_eq!(
                error.problem,
                "the record is larger than 10 bytes (the --max-record-bytes limit)"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_csv_header_longer_than_the_limit_ends_the_input() {
    let source = Generated::new(b"\nseller,", b"x", 3 << 20, b"\na\n");
    let (records, broke) = read_all(source, Format::Csv, Options::default());
    assert!(records.is_empty());
    assert_eq!(
        broke.as_deref(),
        Some("line 2: the CSV header is larger than 1048576 bytes (the --max-record-bytes limit)")
    );
}
