//! The readers against Python's: every case of `data/io/cases` (written by `make_golden.py`
//! with Python's `open_input`, `choose_format` and `read_records`) gives the same records, line
//! and record numbers, payloads, and break-off, however the source hands its bytes over and
//! whatever the chunk size.

use std::fs;
use std::io::Read;
use std::path::Path;

use diamond_core::io::{choose_format, open_input, Format, Options, Payload, Reader};
use diamond_core::value::Value;

/// A source that hands over at most `step` bytes a read, as a slow pipe does.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let rest = self.data.get(self.at..).unwrap_or_default();
        let size = rest.len().min(self.step).min(out.len());
        out[..size].copy_from_slice(&rest[..size]);
        self.at += size;
        Ok(size)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `make_golden.py`'s `canon` of a Python value, for our `Value`.
fn canon(value: &Value) -> String {
    match value {
        Value::Null => "N".to_string(),
        Value::Bool(true) => "T".to_string(),
        Value::Bool(false) => "F".to_string(),
        Value::Number(text) => decimal_tuple(text),
        Value::String(text) => format!("s{}", hex(text.as_bytes())),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(canon).collect::<Vec<_>>().join(",")
        ),
        Value::Object(members) => format!(
            "{{{}}}",
            members
                .iter()
                .map(|(key, value)| format!("{}:{}", hex(key.as_bytes()), canon(value)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// Python's `Decimal(literal).as_tuple()` as `d<sign>:<digits>:<exponent>`.
fn decimal_tuple(literal: &str) -> String {
    let (sign, rest) = match literal.strip_prefix('-') {
        Some(rest) => (1, rest),
        None => (0, literal),
    };
    let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap()),
        None => (rest, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    format!("d{sign}:{digits}:{}", exponent - fraction.len() as i64)
}

fn run(data: &[u8], name: &str, chosen: Option<Format>, step: usize, chunk: usize) -> Vec<String> {
    let source = Trickle {
        data: data.to_vec(),
        at: 0,
        step,
    };
    let mut out = Vec::new();
    let mut input = match open_input(Box::new(source)) {
        Ok(input) => input,
        Err(broke) => return vec![format!("B {}", hex(broke.message.as_bytes()))],
    };
    let format = match choose_format(name, &mut input, chosen) {
        Ok(format) => format,
        Err(broke) => return vec![format!("B {}", hex(broke.message.as_bytes()))],
    };
    out.push(format!("format {}", format.name()));
    // These cases test the readers' parsing (Python's reference read any columns): the CSV
    // header check, which refuses columns no record has, has tests of its own (io_readers.rs).
    let options = Options {
        check_header: false,
        ..Options::default()
    };
    let mut reader = Reader::new(input, format, options);
    loop {
        match reader.next_chunk(chunk) {
            Ok(None) => break,
            Ok(Some(got)) => {
                assert!(!got.records.is_empty() && got.records.len() <= chunk);
                for raw in &got.records {
                    let head = format!("{} {}", raw.line, raw.record);
                    out.push(match &raw.payload {
                        Payload::Json(range) => format!("J {head} {}", hex(got.json(range))),
                        Payload::Value(value) => format!("V {head} {}", canon(value)),
                        Payload::Error(error) => {
                            format!("E {head} {}", hex(error.to_string().as_bytes()))
                        }
                        Payload::CellError(cell) => format!(
                            "C {head} {} {} {}",
                            hex(cell.error.to_string().as_bytes()),
                            cell.nip
                                .as_deref()
                                .map_or("-".to_string(), |t| hex(t.as_bytes())),
                            cell.account
                                .as_deref()
                                .map_or("-".to_string(), |t| hex(t.as_bytes())),
                        ),
                    });
                }
            }
            Err(broke) => {
                out.push(format!("B {}", hex(broke.message.as_bytes())));
                assert_eq!(
                    reader.next_chunk(chunk),
                    Ok(None),
                    "the stream ends after its break-off"
                );
                break;
            }
        }
    }
    out
}

fn unhex_lines(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| {
            line.split(' ')
                .map(|word| {
                    let bytes: Option<Vec<u8>> = (0..word.len())
                        .step_by(2)
                        .map(|i| {
                            word.get(i..i + 2)
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                        })
                        .collect();
                    match bytes {
                        Some(bytes) if word.len() > 2 && word.len() % 2 == 0 => {
                            format!("{:?}", String::from_utf8_lossy(&bytes))
                        }
                        _ => word.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_case_reads_as_python_reads_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/io/cases");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            (path.extension()? == "in")
                .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    assert!(names.len() > 90, "the golden cases are there");
    let mut failures = Vec::new();
    for name in &names {
        let data = fs::read(dir.join(format!("{name}.in"))).unwrap();
        let file = fs::read_to_string(dir.join(format!("{name}.name"))).unwrap();
        let chosen = fs::read_to_string(dir.join(format!("{name}.fmt")))
            .ok()
            .map(|text| Format::from_name(text.trim()).unwrap());
        let expected: Vec<String> = fs::read_to_string(dir.join(format!("{name}.out")))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        for (step, chunk) in [(usize::MAX, 1000), (1, 1), (2, 2), (7, 3)] {
            let got = run(&data, file.trim(), chosen, step, chunk);
            if got != expected {
                failures.push(format!(
                    "{name} (step {step}, chunk {chunk}):\n--- expected\n{}\n--- got\n{}",
                    unhex_lines(&expected),
                    unhex_lines(&got)
                ));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
