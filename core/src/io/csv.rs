//! CSV with a header of flat fields; nested ones flattened (`revenue.Kids`, `ratings.positive`)
//! (Python's `read_csv`, `_csv_record`).
//!
//! The delimiter (`,` or `;`) is the one the header uses more, outside quotes; numbers may use a
//! decimal comma and spaces as thousands separators; lists (`monthly_revenue`,
//! `other_accounts_quality`) are `;`-separated inside one cell. Rows are parsed as Python's `csv`
//! module parses them (`strict=True`, the same error texts, a cell longer than 131072
//! characters refused), line by line as Python's line iterator hands them over (split at `\n`
//! only), and become `Value` trees: the validator sees what it sees for JSON input.

use std::io::Read;

use memchr::memchr;

use super::encoding::{self, Encoding};
use super::{
    finish_chunk, too_large, BreakOff, CellError, Chunk, Options, Payload, RawRecord, Source,
};
use crate::error::InputError;
use crate::value::{Text, Value};

pub(super) const BOM: &[u8] = b"\xef\xbb\xbf";
/// Python's `csv.field_size_limit()`, in characters.
const FIELD_LIMIT: usize = 131_072;
/// A CR that does not end a line, outside quotes (our words for Python's csv error).
const CR_IN_CELL: &str =
    "a carriage return (CR) inside an unquoted cell: end lines with LF or CRLF, or quote the cell";

const TEXT_FIELDS: [&str; 4] = ["seller", "nip", "quality", "account"];
const BOOL_FIELDS: [&str; 4] = ["business_account", "suspended", "main", "brand_zone"];
const MAP_FIELDS: [&str; 3] = ["revenue", "brand_zone_revenue", "ratings"];
/// Python's `RECORD_FIELDS`: a known column that is none of the above holds a number.
const RECORD_FIELDS: [&str; 16] = [
    "seller",
    "nip",
    "business_account",
    "ratings",
    "positive_ratings_pct",
    "quality",
    "other_accounts_quality",
    "revenue",
    "monthly_revenue",
    "category_growth_pct",
    "category_market_growth_pct",
    "brand_zone_revenue",
    "suspended",
    "transaction_problems_pct",
    "exportable_pct",
    "new_condition_pct",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    BeforeHeader,
    Header,
    Rows,
}

pub struct CsvReader<R> {
    source: Source<R>,
    options: Options,
    buf: Vec<u8>,
    pos: usize,
    searched: usize,
    eof: bool,
    /// Physical lines read so far (Python's `skipped + reader.line_num`).
    lines: u64,
    phase: Phase,
    /// Blank lines before the header.
    skipped: u64,
    columns: Vec<(String, Option<String>)>,
    parser: Parser,
    row: Row,
    /// The rest of the physical line is dropped (after an error in it, as Python's `csv` does).
    dropping: bool,
    record: u64,
    pending: Option<BreakOff>,
    done: bool,
    /// Decided on the input's first bytes, before its first line is read.
    encoding: Option<Encoding>,
}

/// The row being read: where it starts, how long it is, whether a line of it is not text in
/// the input's encoding.
#[derive(Default)]
struct Row {
    start: u64,
    bytes: usize,
    bad_text: bool,
    oversized: bool,
}

impl<R: Read> CsvReader<R> {
    pub fn new(source: R, options: Options) -> CsvReader<R> {
        CsvReader {
            source: Source::new(source),
            options,
            buf: Vec::new(),
            pos: 0,
            searched: 0,
            eof: false,
            lines: 0,
            phase: Phase::BeforeHeader,
            skipped: 0,
            columns: Vec::new(),
            parser: Parser::new(b','),
            row: Row::default(),
            dropping: false,
            record: 0,
            pending: None,
            done: false,
            encoding: None,
        }
    }

    /// The input's encoding, once its first bytes are read.
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// The buffer's allocated size: what the reader holds, whatever the input.
    pub fn buffer_capacity(&self) -> usize {
        self.buf.capacity()
    }

    pub fn next_chunk(&mut self, max_records: usize) -> Result<Option<Chunk>, BreakOff> {
        if let Some(error) = self.pending.take() {
            self.done = true;
            return Err(error);
        }
        if self.done {
            return Ok(None);
        }
        let mut records = Vec::new();
        let mut error = None;
        while records.len() < max_records {
            match self.step(&mut records) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    break;
                }
                Err(broke) => {
                    self.done = true;
                    error = Some(broke);
                    break;
                }
            }
        }
        finish_chunk(records, Vec::new(), error, &mut self.pending)
    }

    /// One line (or, for a line longer than the limit, what has come of it); `Ok(false)` at the end.
    fn step(&mut self, records: &mut Vec<RawRecord>) -> Result<bool, BreakOff> {
        if self.encoding.is_none() {
            if !self.eof && self.buf.len() < encoding::PREFIX {
                if self.source.read_into(&mut self.buf)? == 0 {
                    self.eof = true;
                }
                return Ok(true);
            }
            let whole = self.eof && self.buf.len() <= encoding::PREFIX;
            let prefix = self.buf.get(..encoding::PREFIX).unwrap_or(&self.buf);
            self.encoding = Some(encoding::detect(prefix, whole));
        }
        let from = self.searched.max(self.pos);
        let rest = self.buf.get(from..).unwrap_or_default();
        if let Some(at) = memchr(b'\n', rest) {
            let end = from + at + 1;
            self.line(end, true, records)?;
            return Ok(true);
        }
        if self.eof {
            if self.pos < self.buf.len() {
                let end = self.buf.len();
                self.line(end, true, records)?;
                return Ok(true);
            }
            self.end_of_input(records)?;
            return Ok(false);
        }
        self.searched = self.buf.len();
        if self.buf.len() - self.pos > self.options.max_record_bytes {
            let end = self.buf.len();
            self.line(end, false, records)?;
        }
        // Compact: what was read is handed on as values, only the line being read stays.
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.searched -= self.pos.min(self.searched);
            self.pos = 0;
        }
        if self.source.read_into(&mut self.buf)? == 0 {
            self.eof = true;
        }
        Ok(true)
    }

    /// The bytes `pos..end`: a whole line (`complete`), or the part of an over-long one read so far.
    fn line(
        &mut self,
        end: usize,
        complete: bool,
        records: &mut Vec<RawRecord>,
    ) -> Result<(), BreakOff> {
        let mut start = self.pos;
        if self.lines == 0
            && self
                .buf
                .get(start..end)
                .is_some_and(|line| line.starts_with(BOM))
        {
            start += BOM.len();
        }
        self.pos = end;
        self.searched = end;
        if complete {
            self.lines += 1;
        }
        let raw = take(&self.buf, start, end);
        let mut decoded = Vec::new();
        let mut bad_text = false;
        let text = if self.encoding == Some(Encoding::Windows1250) && !raw.is_ascii() {
            bad_text = !encoding::decode_windows_1250(raw, &mut decoded);
            decoded.as_slice()
        } else {
            raw
        };
        if self.dropping {
            self.dropping = !complete;
            return Ok(());
        }
        if self.phase != Phase::Rows && !complete {
            return Err(BreakOff::new(format!(
                "line {}: the CSV header is larger than {} bytes (the --max-record-bytes limit)",
                self.lines + 1,
                self.options.max_record_bytes
            )));
        }
        if self.phase == Phase::BeforeHeader {
            let decoded = String::from_utf8_lossy(text);
            if decoded.trim_matches(py_space).is_empty() {
                self.skipped += 1;
                return Ok(());
            }
            let ends = ['\r', '\n'];
            if decoded.trim_end_matches(ends).contains('\r') && !decoded.contains('"') {
                return Err(BreakOff::new(
                    "the CSV lines end in CR alone (an old Mac format): save it with LF or CRLF line ends",
                ));
            }
            let semicolons = unquoted_count(text, b';');
            let commas = unquoted_count(text, b',');
            self.parser = Parser::new(if semicolons > commas { b';' } else { b',' });
            self.phase = Phase::Header;
            self.row = Row {
                start: self.lines,
                ..Row::default()
            };
        }
        self.row.bytes = self.row.bytes.saturating_add(text.len());
        if bad_text || (complete && std::str::from_utf8(text).is_err()) {
            self.row.bad_text = true;
        }
        if !self.row.oversized && self.row.bytes > self.options.max_record_bytes {
            self.row.oversized = true;
            self.parser.discard();
            if self.phase == Phase::Header {
                return Err(BreakOff::new(format!(
                    "line {}: the CSV header is larger than {} bytes (the --max-record-bytes limit)",
                    self.skipped + 1,
                    self.options.max_record_bytes
                )));
            }
        }
        let fed = self.parser.feed(text).and_then(|()| {
            if complete {
                self.parser.end_of_line()
            } else {
                Ok(())
            }
        });
        match fed {
            Err(problem) => {
                self.dropping = !complete;
                if self.phase == Phase::Header {
                    return Err(BreakOff::new(format!(
                        "line {}: the CSV header is malformed: {problem}",
                        self.skipped + 1
                    )));
                }
                let payload = if self.row.oversized {
                    Payload::Error(too_large(&self.options))
                } else {
                    Payload::Error(InputError::new(None, format!("malformed CSV: {problem}")))
                };
                self.push(payload, records);
                self.new_row();
                if !complete {
                    self.row.start += 1; // the next row starts on the next line
                }
            }
            Ok(()) if complete && self.parser.state == St::StartRecord => self.row_done(records)?,
            Ok(()) => {}
        }
        Ok(())
    }

    fn push(&mut self, payload: Payload, records: &mut Vec<RawRecord>) {
        self.record += 1;
        records.push(RawRecord {
            line: self.row.start,
            record: self.record,
            payload,
        });
    }

    fn new_row(&mut self) {
        self.parser.reset();
        self.row = Row {
            start: self.lines + 1,
            ..Row::default()
        };
    }

    /// A whole row: the header, or a record (blank rows are not records).
    fn row_done(&mut self, records: &mut Vec<RawRecord>) -> Result<(), BreakOff> {
        let fields = std::mem::take(&mut self.parser.fields);
        if self.phase == Phase::Header {
            self.columns = fields
                .iter()
                .map(|name| column(name.trim_matches(py_space)))
                .collect();
            let mut twice: Vec<String> = Vec::new();
            for (at, col) in self.columns.iter().enumerate() {
                let again = self.columns.iter().skip(at + 1).any(|other| other == col);
                if again {
                    let name = match &col.1 {
                        Some(key) => format!("{}.{key}", col.0),
                        None => col.0.clone(),
                    };
                    twice.push(name);
                }
            }
            if !twice.is_empty() {
                twice.sort();
                twice.dedup();
                return Err(BreakOff::new(format!(
                    "line {}: the CSV header names {} more than once",
                    self.skipped + 1,
                    twice.join(", ")
                )));
            }
            if let Some(problem) = header_problem(&fields).filter(|_| self.options.check_header) {
                return Err(BreakOff::new(format!(
                    "line {}: {problem}",
                    self.skipped + 1
                )));
            }
            self.phase = Phase::Rows;
            self.new_row();
            return Ok(());
        }
        let blank = if self.row.oversized {
            !self.parser.nonblank
        } else {
            fields
                .iter()
                .all(|cell| cell.trim_matches(py_space).is_empty())
        };
        if !blank {
            let payload = if self.row.oversized {
                Payload::Error(too_large(&self.options))
            } else if self.row.bad_text {
                let problem = match self.encoding {
                    Some(Encoding::Windows1250) => "not valid Windows-1250 text",
                    _ => "not valid UTF-8 text",
                };
                Payload::Error(InputError::new(None, problem))
            } else {
                csv_record(&self.columns, &fields)
            };
            self.push(payload, records);
        }
        self.new_row();
        Ok(())
    }

    /// No more lines: a quoted cell still open is Python's "unexpected end of data".
    fn end_of_input(&mut self, records: &mut Vec<RawRecord>) -> Result<(), BreakOff> {
        if self.parser.state != St::InQuoted || self.dropping {
            return Ok(());
        }
        if self.phase == Phase::Header {
            return Err(BreakOff::new(format!(
                "line {}: the CSV header is malformed: unexpected end of data",
                self.skipped + 1
            )));
        }
        let payload = if self.row.oversized {
            Payload::Error(too_large(&self.options))
        } else {
            Payload::Error(InputError::new(
                None,
                "malformed CSV: unexpected end of data",
            ))
        };
        self.push(payload, records);
        self.new_row();
        Ok(())
    }
}

fn take(buf: &[u8], start: usize, end: usize) -> &[u8] {
    buf.get(start..end).unwrap_or_default()
}

/// Python's `str.isspace`: Unicode white space and the separators U+001C..U+001F.
pub(crate) fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn unquoted_count(line: &[u8], char: u8) -> usize {
    let mut quoted = false;
    let mut count = 0;
    for &byte in line {
        if byte == b'"' {
            quoted = !quoted;
        } else if byte == char && !quoted {
            count += 1;
        }
    }
    count
}

/// The columns a seller's CSV may have besides `revenue.<category>`-style ones: the record's
/// fields (a list or a map in one cell too) and the account fields of `--group-by nip`.
const COLUMNS: [&str; 21] = [
    "seller",
    "nip",
    "business_account",
    "ratings.positive",
    "ratings.negative",
    "positive_ratings_pct",
    "quality",
    "other_accounts_quality",
    "monthly_revenue",
    "category_growth_pct",
    "category_market_growth_pct",
    "suspended",
    "transaction_problems_pct",
    "exportable_pct",
    "new_condition_pct",
    "revenue",
    "brand_zone_revenue",
    "ratings",
    "account",
    "main",
    "brand_zone",
];

/// Why a header cannot be read at all: it names no column of a seller record (another kind of
/// file, or JSON read as CSV), or it names columns no record has, every one of them listed with
/// the closest valid name. Checked once, before any row, so that a spreadsheet with a misspelt
/// column is one error, not one per row.
fn header_problem(names: &[String]) -> Option<String> {
    let known = |name: &str| {
        let (head, key) = column(name);
        key.is_some() || COLUMNS.contains(&head.as_str())
    };
    let shown = |name: &str| {
        let cut: String = name.chars().take(40).collect();
        if cut.len() < name.len() {
            py_repr(&format!("{cut}…"))
        } else {
            py_repr(name)
        }
    };
    let trimmed: Vec<&str> = names
        .iter()
        .map(|name| name.trim_matches(py_space))
        .filter(|name| !name.is_empty())
        .collect();
    if !trimmed.is_empty() && !trimmed.iter().any(|name| known(name)) {
        let listed: Vec<String> = trimmed.iter().take(3).map(|name| shown(name)).collect();
        let more = if trimmed.len() > 3 { ", …" } else { "" };
        return Some(format!(
            "the CSV header names no field of a seller record ({}{more}); is the input CSV \
             with a header row (see `diamond schema input`)?",
            listed.join(", ")
        ));
    }
    let unknown: Vec<String> = trimmed
        .iter()
        .filter(|name| !known(name))
        .map(|name| {
            // `revenu.Kids`: the field is misspelt, the category may not be.
            let hint = match name.split_once('.') {
                Some((head, key)) if !key.is_empty() => {
                    closest_name(head, &MAP_FIELDS).map(|field| format!("{field}.{key}"))
                }
                _ => closest_name(name, &COLUMNS).map(str::to_string),
            };
            match hint {
                Some(hint) => format!("{} (did you mean {}?)", shown(name), py_repr(&hint)),
                None => shown(name),
            }
        })
        .collect();
    if unknown.is_empty() {
        return None;
    }
    let what = if unknown.len() == 1 {
        "an unknown column"
    } else {
        "unknown columns"
    };
    Some(format!(
        "the CSV header names {what}: {}; no row was read (the columns are listed by \
         `diamond schema input`)",
        unknown.join(", ")
    ))
}

fn closest_name<'a>(name: &str, options: &[&'a str]) -> Option<&'a str> {
    crate::record::close_match(name, options.iter().copied())
}

/// (field, key inside it): `revenue.Kids` -> ("revenue", "Kids"); other names stay whole.
fn column(name: &str) -> (String, Option<String>) {
    if let Some((head, rest)) = name.split_once('.') {
        if MAP_FIELDS.contains(&head) && !rest.is_empty() {
            return (head.to_string(), Some(rest.to_string()));
        }
    }
    (name.to_string(), None)
}

// ---------------------------------------------------------------- Python's csv module, strict

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    QuoteInQuoted,
    EatCrnl,
}

/// `_csv.c`'s reader state machine (excel dialect, `strict=True`), over bytes: every character
/// it tests is ASCII, so UTF-8 text parses as its characters would.
struct Parser {
    delimiter: u8,
    state: St,
    fields: Vec<String>,
    field: Vec<u8>,
    field_chars: usize,
    /// The row is too large: its cells are not kept, only whether any is not blank.
    discarding: bool,
    nonblank: bool,
}

impl Parser {
    fn new(delimiter: u8) -> Parser {
        Parser {
            delimiter,
            state: St::StartRecord,
            fields: Vec::new(),
            field: Vec::new(),
            field_chars: 0,
            discarding: false,
            nonblank: false,
        }
    }

    fn reset(&mut self) {
        self.state = St::StartRecord;
        self.fields.clear();
        self.field.clear();
        self.field_chars = 0;
        self.discarding = false;
        self.nonblank = false;
    }

    fn discard(&mut self) {
        self.nonblank = self
            .fields
            .iter()
            .any(|f| !f.trim_matches(py_space).is_empty())
            || !String::from_utf8_lossy(&self.field)
                .trim_matches(py_space)
                .is_empty();
        self.discarding = true;
        self.fields = Vec::new();
        self.field = Vec::new();
        self.field_chars = 0;
    }

    fn feed(&mut self, text: &[u8]) -> Result<(), String> {
        text.iter().try_for_each(|&byte| self.process(Some(byte)))
    }

    fn end_of_line(&mut self) -> Result<(), String> {
        self.process(None)
    }

    fn add(&mut self, byte: u8) -> Result<(), String> {
        if self.discarding {
            self.nonblank |=
                !matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | 0x0b..=0x0c | 0x1c..=0x1f);
            return Ok(());
        }
        if byte & 0xc0 != 0x80 {
            if self.field_chars >= FIELD_LIMIT {
                return Err(format!("field larger than field limit ({FIELD_LIMIT})"));
            }
            self.field_chars += 1;
        }
        self.field.push(byte);
        Ok(())
    }

    fn save(&mut self) {
        if !self.discarding {
            self.fields
                .push(String::from_utf8_lossy(&self.field).into_owned());
        }
        self.field.clear();
        self.field_chars = 0;
    }

    fn line_end(&mut self, c: Option<u8>) {
        self.save();
        self.state = if c.is_none() {
            St::StartRecord
        } else {
            St::EatCrnl
        };
    }

    /// One character (`None`: the end of a line as the iterator handed it over).
    fn process(&mut self, c: Option<u8>) -> Result<(), String> {
        let newline = matches!(c, Some(b'\n' | b'\r'));
        match self.state {
            St::StartRecord => {
                if c.is_none() {
                    return Ok(());
                }
                if newline {
                    self.state = St::EatCrnl;
                    return Ok(());
                }
                self.state = St::StartField;
                self.process(c)
            }
            St::StartField => match c {
                None | Some(b'\n' | b'\r') => {
                    self.line_end(c);
                    Ok(())
                }
                Some(b'"') => {
                    self.state = St::InQuoted;
                    Ok(())
                }
                Some(byte) if byte == self.delimiter => {
                    self.save();
                    Ok(())
                }
                Some(byte) => {
                    self.state = St::InField;
                    self.add(byte)
                }
            },
            St::InField => match c {
                None | Some(b'\n' | b'\r') => {
                    self.line_end(c);
                    Ok(())
                }
                Some(byte) if byte == self.delimiter => {
                    self.save();
                    self.state = St::StartField;
                    Ok(())
                }
                Some(byte) => self.add(byte),
            },
            St::InQuoted => match c {
                None => Ok(()),
                Some(b'"') => {
                    self.state = St::QuoteInQuoted;
                    Ok(())
                }
                Some(byte) => self.add(byte),
            },
            St::QuoteInQuoted => match c {
                Some(b'"') => {
                    self.state = St::InQuoted;
                    self.add(b'"')
                }
                Some(byte) if byte == self.delimiter => {
                    self.save();
                    self.state = St::StartField;
                    Ok(())
                }
                None | Some(b'\n' | b'\r') => {
                    self.line_end(c);
                    Ok(())
                }
                Some(_) => Err(format!(
                    "'{}' expected after '\"'",
                    char::from(self.delimiter)
                )),
            },
            St::EatCrnl => match c {
                Some(b'\n' | b'\r') => Ok(()),
                None => {
                    self.state = St::StartRecord;
                    Ok(())
                }
                // Python's csv says "do you need to open the file in universal-newline mode?": ours says what is wrong.
                Some(_) => Err(CR_IN_CELL.to_string()),
            },
        }
    }
}

// ---------------------------------------------------------------- a row to a record

/// Python's `_csv_record`: the row's cells as the record's fields, or the first bad cell's error.
fn csv_record(columns: &[(String, Option<String>)], row: &[String]) -> Payload {
    if row.len() > columns.len() {
        return Payload::Error(InputError::new(
            None,
            format!(
                "{} cells but the header names {} columns",
                row.len(),
                columns.len()
            ),
        ));
    }
    match fields(columns, row) {
        Ok(record) => Payload::Value(Value::Object(record)),
        Err(error) => {
            let given = |wanted: &str| {
                columns
                    .iter()
                    .zip(row)
                    .find(|((name, _), _)| name == wanted)
                    .map(|(_, cell)| cell.trim_matches(py_space).to_string())
                    .filter(|text| !text.is_empty())
            };
            Payload::CellError(CellError {
                error,
                nip: given("nip"),
                account: given("account"),
            })
        }
    }
}

fn fields(
    columns: &[(String, Option<String>)],
    row: &[String],
) -> Result<Vec<(Text, Value)>, InputError> {
    let mut record: Vec<(Text, Value)> = Vec::new();
    for ((name, key), cell) in columns.iter().zip(row) {
        let text = cell.trim_matches(py_space);
        if text.is_empty() {
            continue;
        }
        let name = name.as_str();
        if let Some(key) = key {
            let place = format!("{name}.{key}");
            let value = if name == "ratings" {
                csv_count(&place, text)?
            } else {
                csv_number(&place, text)?
            };
            match record.iter_mut().find(|(field, _)| field == name) {
                Some((_, Value::Object(members))) => members.push((key.as_str().into(), value)),
                Some(_) => {
                    return Err(InputError::new(
                        Some(name.to_string()),
                        "given both as one column and as columns per key",
                    ))
                }
                None => record.push((
                    name.into(),
                    Value::Object(vec![(key.as_str().into(), value)]),
                )),
            }
            continue;
        }
        let value = if TEXT_FIELDS.contains(&name) {
            Value::String(text.into())
        } else if BOOL_FIELDS.contains(&name) {
            match bool_text(text) {
                Some(flag) => Value::Bool(flag),
                None => {
                    return Err(InputError::new(
                        Some(name.to_string()),
                        format!("expected true or false, found {}", py_repr(text)),
                    ))
                }
            }
        } else if name == "monthly_revenue" {
            let mut months = Vec::new();
            for (at, part) in split_list(text).enumerate() {
                months.push(csv_number(&format!("{name}[{at}]"), part)?);
            }
            Value::Array(months)
        } else if name == "other_accounts_quality" {
            Value::Array(
                split_list(text)
                    .map(|part| Value::String(part.into()))
                    .collect(),
            )
        } else if RECORD_FIELDS.contains(&name) {
            csv_number(name, text)?
        } else {
            Value::String(text.into()) // an unknown column: validation names it
        };
        match record.iter_mut().find(|(field, _)| field == name) {
            Some((_, old)) => *old = value, // a dict keeps the key's first place
            None => record.push((name.into(), value)),
        }
    }
    Ok(record)
}

fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split(';')
        .map(|part| part.trim_matches(py_space))
        .filter(|part| !part.is_empty())
}

/// `text.casefold()` looked up among the words for yes and no, Polish Excel's `PRAWDA`/`FAŁSZ`
/// among them. The only characters that casefold into these words' letters besides ASCII are
/// KELVIN SIGN (k), LONG S (s) and `Ł` (ł, which ASCII lowercasing leaves alone).
fn bool_text(text: &str) -> Option<bool> {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{212a}' => 'k',
            '\u{17f}' => 's',
            'Ł' => 'ł',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match folded.as_str() {
        "true" | "yes" | "1" | "tak" | "prawda" => Some(true),
        "false" | "no" | "0" | "nie" | "fałsz" => Some(false),
        _ => None,
    }
}

/// A number as JSON would give it, for the validator: Python's `parse_decimal_text` (`1 234,5`,
/// `99,8`, `-3.5`, `1e3`), written as a JSON literal that decodes to the same `Decimal`
/// (coefficient and exponent kept: `1.50` stays `1.50`, `+.5` is `0.5`).
fn csv_number(place: &str, text: &str) -> Result<Value, InputError> {
    let parts = parse_decimal_text(text).ok_or_else(|| not_a_number(place, text))?;
    Ok(Value::Number(parts.literal().into()))
}

fn not_a_number(place: &str, text: &str) -> InputError {
    InputError::new(
        Some(place.to_string()),
        format!("{} is not a number", py_repr(text)),
    )
}

/// A count as JSON would give it: an integer when whole and below 10^15, else the number as
/// written, which validation refuses with its own message (Python's `_csv_count`).
fn csv_count(place: &str, text: &str) -> Result<Value, InputError> {
    let parts = parse_decimal_text(text).ok_or_else(|| not_a_number(place, text))?;
    Ok(Value::Number(match parts.small_integer() {
        Some(whole) => whole.into(),
        None => parts.literal().into(),
    }))
}

/// A decimal as Python's `Decimal(text)` reads it: sign, digits around a point, exponent.
#[derive(Debug, PartialEq)]
struct DecimalText {
    negative: bool,
    whole: String,
    fraction: String,
    /// The exponent as written, with its sign (`+3`, `-2`, `3`), if any.
    exponent: Option<String>,
}

fn parse_decimal_text(text: &str) -> Option<DecimalText> {
    let cleaned: String = text
        .trim_matches(py_space)
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .collect();
    let cleaned = if cleaned.matches(',').count() == 1 && !cleaned.contains('.') {
        cleaned.replace(',', ".")
    } else {
        cleaned
    };
    let mut rest = cleaned.as_str();
    let negative = rest.starts_with('-');
    if let Some(unsigned) = rest.strip_prefix(['+', '-']) {
        rest = unsigned;
    }
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let whole_len = digits(rest);
    let (whole, after) = rest.split_at(whole_len);
    let (fraction, after) = match after.strip_prefix('.') {
        Some(after) => after.split_at(digits(after)),
        None => ("", after),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let exponent = match after.strip_prefix(['e', 'E']) {
        Some(exp) => {
            let unsigned = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if unsigned.is_empty() || digits(unsigned) != unsigned.len() {
                return None;
            }
            Some(exp.to_string())
        }
        None if after.is_empty() => None,
        None => return None,
    };
    Some(DecimalText {
        negative,
        whole: whole.to_string(),
        fraction: fraction.to_string(),
        exponent,
    })
}

impl DecimalText {
    /// A JSON number literal of the same coefficient and exponent.
    fn literal(&self) -> String {
        let mut out = String::with_capacity(self.whole.len() + self.fraction.len() + 4);
        if self.negative {
            out.push('-');
        }
        let whole = self.whole.trim_start_matches('0');
        out.push_str(if whole.is_empty() { "0" } else { whole });
        if !self.fraction.is_empty() {
            out.push('.');
            out.push_str(&self.fraction);
        }
        if let Some(exponent) = &self.exponent {
            out.push('e');
            out.push_str(exponent);
        }
        out
    }

    /// The integer, when the number is whole and below 10^15 in magnitude.
    fn small_integer(&self) -> Option<String> {
        let digits = format!("{}{}", self.whole, self.fraction);
        let digits = digits.trim_start_matches('0');
        if digits.is_empty() {
            return Some("0".to_string());
        }
        let written: i64 = match &self.exponent {
            None => 0,
            Some(exp) => match exp.parse::<i64>() {
                Ok(value) => value,
                // Beyond i64: the number is huge or tiny, never a small whole one.
                Err(_) => return None,
            },
        };
        let fraction = i64::try_from(self.fraction.len()).ok()?;
        let shift = written.checked_sub(fraction)?;
        let whole = if shift >= 0 {
            let zeros = usize::try_from(shift).ok()?;
            if digits.len().saturating_add(zeros) > 15 {
                return None;
            }
            format!("{digits}{}", "0".repeat(zeros))
        } else {
            let cut = usize::try_from(shift.unsigned_abs()).ok()?;
            if cut >= digits.len() {
                return None; // a nonzero fraction below 1
            }
            let (head, tail) = digits.split_at(digits.len() - cut);
            if !tail.bytes().all(|b| b == b'0') {
                return None;
            }
            if head.len() > 15 {
                return None;
            }
            head.to_string()
        };
        Some(if self.negative {
            format!("-{whole}")
        } else {
            whole
        })
    }
}

/// Python's `repr` of a `str`: quotes chosen as Python chooses them, escapes for backslashes,
/// control characters and the characters Python does not print.
pub(crate) fn py_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if printable(c) => out.push(c),
            c if u32::from(c) <= 0xff => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08x}", u32::from(c))),
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character: not a control, format, separator (other than
/// the space), private-use or noncharacter code point. Unassigned code points, which Python
/// also escapes, are printed: telling them apart needs the Unicode tables.
fn printable(c: char) -> bool {
    let code = u32::from(c);
    !matches!(code,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad
        | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2
        | 0x1680 | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f
        | 0x3000 | 0xd800..=0xf8ff | 0xfdd0..=0xfdef | 0xfeff | 0xfff9..=0xfffb | 0xfffe..=0xffff
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<String> {
        parse_decimal_text(text).map(|parts| parts.literal())
    }

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(number("1 234,5").as_deref(), Some("1234.5"));
        assert_eq!(
            number("1\u{a0}234\u{202f}567,89").as_deref(),
            Some("1234567.89")
        );
        assert_eq!(number("+.50").as_deref(), Some("0.50"));
        assert_eq!(number("007.").as_deref(), Some("7"));
        assert_eq!(number("-1.5E+03").as_deref(), Some("-1.5e+03"));
        assert_eq!(number("1,234,5"), None);
        assert_eq!(number("1.2.3"), None);
        assert_eq!(number("e5"), None);
        assert_eq!(number("1e"), None);
        assert_eq!(number("12x"), None);
        assert_eq!(number(""), None);
        assert_eq!(number("-"), None);
    }

    #[test]
    fn counts_are_whole_when_small() {
        let count = |text: &str| parse_decimal_text(text).and_then(|p| p.small_integer());
        assert_eq!(count("1e3").as_deref(), Some("1000"));
        assert_eq!(count("150,00").as_deref(), Some("150"));
        assert_eq!(count("-0").as_deref(), Some("0"));
        assert_eq!(count("1.5"), None);
        assert_eq!(count("1e15"), None);
        assert_eq!(count("999999999999999").as_deref(), Some("999999999999999"));
        assert_eq!(count("1e999999999999999999999"), None);
        assert_eq!(count("0e-999999999999999999999").as_deref(), Some("0"));
    }

    #[test]
    fn repr_as_python_writes_it() {
        assert_eq!(py_repr("maybe"), "'maybe'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a'\"b"), "'a\\'\"b'");
        assert_eq!(py_repr("a\u{a0}b\u{7}\\"), "'a\\xa0b\\x07\\\\'");
        assert_eq!(py_repr("żółw\u{200b}"), "'żółw\\u200b'");
    }

    #[test]
    fn bools_as_python_casefolds_them() {
        assert_eq!(bool_text("TAK"), Some(true));
        assert_eq!(bool_text("ta\u{212a}"), Some(true));
        assert_eq!(bool_text("ye\u{17f}"), Some(true));
        assert_eq!(bool_text("Nie"), Some(false));
        assert_eq!(bool_text("maybe"), None);
        for (text, flag) in [
            ("PRAWDA", true),
            ("Prawda", true),
            ("prawda", true),
            ("FAŁSZ", false),
            ("Fałsz", false),
            ("fałsz", false),
            ("FAłSZ", false),
            ("FAŁ\u{17f}Z", false),
        ] {
            assert_eq!(bool_text(text), Some(flag), "{text}");
        }
        // `L` without its stroke is another word, not FAŁSZ.
        assert_eq!(bool_text("FALSZ"), None);
    }
}
