//! No byte sequence makes a reader panic, whatever the format, the chunk size, the limit, or how
//! the source hands the bytes over; records are numbered 1, 2, 3... and their lines never go back.

use std::io::Read;

use diamond_core::io::{choose_format, open_input, Format, Options, Payload, Reader};
use proptest::prelude::*;

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

/// Bytes that often look like the formats: structure, quotes, escapes, line ends, BOMs, gzip.
fn tricky() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\x1f\x8b".to_vec()),
        Just(b"\"seller\": \"a\"".to_vec()),
        Just(b"revenue.Kids".to_vec()),
        Just(b"1 234,5".to_vec()),
        Just(b"1e999999999".to_vec()),
        any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn check(
    data: Vec<u8>,
    name: &str,
    chosen: Option<Format>,
    step: usize,
    chunk: usize,
    limit: usize,
) {
    let source = Trickle { data, at: 0, step };
    let Ok(mut input) = open_input(Box::new(source)) else {
        return;
    };
    let Ok(format) = choose_format(name, &mut input, chosen) else {
        return;
    };
    let mut reader = Reader::new(
        input,
        format,
        Options {
            max_record_bytes: limit,
            ..Options::default()
        },
    );
    let (mut last_record, mut last_line) = (0, 0);
    while let Ok(Some(got)) = reader.next_chunk(chunk) {
        assert!(!got.records.is_empty() && got.records.len() <= chunk.max(1));
        for raw in &got.records {
            assert_eq!(raw.record, last_record + 1);
            assert!(raw.line >= last_line.max(1));
            if let Payload::Json(range) = &raw.payload {
                assert!(range.end <= got.bytes.len() && range.start <= range.end);
            }
            (last_record, last_line) = (raw.record, raw.line);
        }
    }
    assert_eq!(reader.next_chunk(chunk), Ok(None));
}

fn gzipped(data: &[u8], cut: usize) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(data).unwrap();
    let mut packed = encoder.finish().unwrap();
    packed.truncate(packed.len().saturating_sub(cut));
    packed
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn no_input_makes_a_reader_panic(
        data in tricky(),
        format in prop_oneof![Just(None), Just(Some(Format::Jsonl)), Just(Some(Format::Json)), Just(Some(Format::Csv))],
        step in 1usize..9,
        chunk in 0usize..5,
        limit in prop_oneof![Just(1usize << 20), 1usize..40],
    ) {
        check(data, "-", format, step, chunk, limit);
    }

    #[test]
    fn no_gzip_input_makes_a_reader_panic(data in tricky(), cut in 0usize..30, step in 1usize..9, junk in tricky()) {
        let mut packed = gzipped(&data, cut);
        if cut == 0 {
            packed.extend_from_slice(&junk);
        }
        check(packed, "-", None, step, 2, 1 << 20);
    }
}
