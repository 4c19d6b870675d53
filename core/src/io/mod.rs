//! Batch readers: JSON Lines, JSON arrays, objects one after another, CSV, gzip, sniffing.
//!
//! Lossless by construction (Python's `batch.py`): every input record becomes exactly one
//! `RawRecord`, in input order; a record that cannot be read carries its error in its place. A
//! problem of the input as a whole (a gzip stream cut short, an array that is not closed, a CSV
//! header naming a column twice) ends the stream as a `BreakOff`, after every whole record
//! before it. Readers pull 1 MiB at a time from any `std::io::Read` and hand records over a
//! chunk at a time, so memory stays flat whatever the input size: a record longer than
//! `Options::max_record_bytes` is refused in its place and skipped without being held whole.

mod csv;
mod encoding;
mod input;
mod json_array;
mod jsonl;
mod sniff;

use std::fmt;
use std::ops::Range;

use crate::error::InputError;
use crate::value::Value;

pub use encoding::Encoding;
pub use input::{open_input, Input};
pub use sniff::{choose_format, sniffed_format};

/// Bytes asked of the source in one read (Python's `_READ_SIZE`).
pub const READ_SIZE: usize = 1 << 20;
/// The sniff reads ahead at most this much (Python's `_SNIFF_SIZE`).
pub const SNIFF_SIZE: usize = 1 << 16;
/// The default of `--max-record-bytes`.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 1 << 20;

/// One input record before validation: where it starts, which record it is, what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct RawRecord {
    /// The line (from 1) on which the record starts.
    pub line: u64,
    /// The record's number (from 1), counting every record, readable or not.
    pub record: u64,
    pub payload: Payload,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Payload {
    /// JSON text of the record: a range of its chunk's `bytes` (see `Chunk::json`), not a copy.
    Json(Range<usize>),
    /// A CSV row, its columns rebuilt into the record's fields.
    Value(Value),
    /// The record cannot be read (bad UTF-8, too large, malformed CSV, a bad cell...).
    Error(InputError),
    /// A CSV cell that cannot be read, with the row's NIP and account: grouping by NIP still
    /// knows whose row it is (Python's `CellError`). Everywhere else it is an `Error`.
    CellError(CellError),
}

/// Python's `CellError`: the cell's error and the row's `nip` and `account` cells, when given.
#[derive(Clone, Debug, PartialEq)]
pub struct CellError {
    pub error: InputError,
    pub nip: Option<String>,
    pub account: Option<String>,
}

/// Records read in one step, and the bytes their `Payload::Json` ranges point into.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chunk {
    pub bytes: Vec<u8>,
    pub records: Vec<RawRecord>,
}

impl Drop for Chunk {
    fn drop(&mut self) {
        crate::spare::INPUT.give(std::mem::take(&mut self.bytes));
    }
}

impl Chunk {
    /// The JSON text a `Payload::Json` range names (empty if the range is not this chunk's).
    pub fn json(&self, range: &Range<usize>) -> &[u8] {
        self.bytes.get(range.clone()).unwrap_or_default()
    }
}

/// The input as a whole cannot be read on: the records before it stand, this ends the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BreakOff {
    pub message: String,
}

impl BreakOff {
    pub fn new(message: impl Into<String>) -> BreakOff {
        BreakOff {
            message: message.into(),
        }
    }
}

impl fmt::Display for BreakOff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BreakOff {}

/// The input formats (`--input-format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    /// A JSON array, or JSON objects one after another.
    Json,
    Csv,
}

impl Format {
    /// `jsonl`, `json` or `csv`, as the flag names them.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        match name {
            "jsonl" => Some(Format::Jsonl),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// A record (JSON Lines line, array element, CSV row) longer than this is an error in its
    /// place and is skipped, never held whole (`--max-record-bytes`).
    pub max_record_bytes: usize,
    /// A CSV header that names columns no seller record has (or none it has) ends the input
    /// before any row; off, such columns reach the validator row by row.
    pub check_header: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            check_header: true,
        }
    }
}

/// The error of a record longer than the limit.
pub fn too_large(options: &Options) -> InputError {
    InputError::new(
        None,
        format!(
            "the record is larger than {} bytes (the --max-record-bytes limit)",
            options.max_record_bytes
        ),
    )
}

/// A reader of one format, yielding chunks of records.
pub enum Reader<R: std::io::Read> {
    Jsonl(jsonl::JsonlReader<R>),
    Json(json_array::JsonArrayReader<R>),
    Csv(csv::CsvReader<R>),
}

impl<R: std::io::Read> Reader<R> {
    pub fn new(source: R, format: Format, options: Options) -> Reader<R> {
        match format {
            Format::Jsonl => Reader::Jsonl(jsonl::JsonlReader::new(source, options)),
            Format::Json => Reader::Json(json_array::JsonArrayReader::new(source, options)),
            Format::Csv => Reader::Csv(csv::CsvReader::new(source, options)),
        }
    }

    /// The bytes the reader holds allocated now (records handed over are the chunk's): flat
    /// whatever the input's size or its records' length.
    pub fn buffer_capacity(&self) -> usize {
        match self {
            Reader::Jsonl(reader) => reader.buffer_capacity(),
            Reader::Json(reader) => reader.buffer_capacity(),
            Reader::Csv(reader) => reader.buffer_capacity(),
        }
    }

    /// The input's text encoding, once known (CSV only: JSON is UTF-8 by definition).
    pub fn encoding(&self) -> Option<Encoding> {
        match self {
            Reader::Csv(reader) => reader.encoding(),
            Reader::Jsonl(_) | Reader::Json(_) => None,
        }
    }

    /// The next records, at most `max_records` of them (at least one is read); `Ok(None)` at
    /// the end; `Err` once when the input breaks off, after every record before it, then `None`.
    pub fn next_chunk(&mut self, max_records: usize) -> Result<Option<Chunk>, BreakOff> {
        let max_records = max_records.max(1);
        match self {
            Reader::Jsonl(reader) => reader.next_chunk(max_records),
            Reader::Json(reader) => reader.next_chunk(max_records),
            Reader::Csv(reader) => reader.next_chunk(max_records),
        }
    }
}

/// A reader's source, read `READ_SIZE` bytes at a time through one buffer allocated once.
struct Source<R> {
    reader: R,
    block: Vec<u8>,
}

impl<R: std::io::Read> Source<R> {
    fn new(reader: R) -> Source<R> {
        Source {
            reader,
            block: Vec::new(),
        }
    }

    /// Appends what the source has (up to `READ_SIZE` bytes) to `buf`; `Ok(0)` at its end.
    fn read_into(&mut self, buf: &mut Vec<u8>) -> Result<usize, BreakOff> {
        if self.block.len() != READ_SIZE {
            self.block = vec![0; READ_SIZE];
        }
        loop {
            match self.reader.read(&mut self.block) {
                Ok(count) => {
                    let got = self.block.get(..count).unwrap_or_default();
                    buf.extend_from_slice(got);
                    return Ok(got.len());
                }
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(input::break_off(err)),
            }
        }
    }
}

/// Where the chunk handed over ends, and the bytes after it that the next chunk starts with.
fn hand_over(buf: &mut Vec<u8>, keep_from: usize) -> Vec<u8> {
    let keep_from = keep_from.min(buf.len());
    let rest = buf.get(keep_from..).unwrap_or_default();
    let mut next = crate::spare::INPUT.take(rest.len().saturating_add(READ_SIZE));
    next.extend_from_slice(rest);
    let mut handed = std::mem::replace(buf, next);
    handed.truncate(keep_from);
    handed
}

/// What a reader does when its source breaks off: the records so far are handed over first.
fn finish_chunk(
    records: Vec<RawRecord>,
    bytes: Vec<u8>,
    error: Option<BreakOff>,
    pending: &mut Option<BreakOff>,
) -> Result<Option<Chunk>, BreakOff> {
    if records.is_empty() {
        return match error {
            Some(error) => Err(error),
            None => Ok(None),
        };
    }
    *pending = error;
    Ok(Some(Chunk { bytes, records }))
}
