//! A top-level JSON array streamed element by element, or JSON objects one after another
//! (Python's `read_json_array`).
//!
//! Elements are cut at the commas of the outer array (or where an object of a sequence closes)
//! by a scanner that knows strings and nesting but not JSON: each element is decoded on its own
//! later, so a malformed one is an error in its place and the elements after it are still read.
//! The structure of the whole (an empty element, text after the array, an array or object not
//! closed) is the input's error, after every whole element before it. A record's `line` is the
//! line on which it starts.

use std::io::Read;

use memchr::memchr3;

use super::{
    finish_chunk, hand_over, too_large, BreakOff, Chunk, Options, Payload, RawRecord, Source,
};

const BOM: &[u8] = b"\xef\xbb\xbf";

pub struct JsonArrayReader<R> {
    source: Source<R>,
    options: Options,
    buf: Vec<u8>,
    /// Where scanning continues in `buf`.
    pos: usize,
    /// The line at `pos`.
    line: u64,
    record: u64,
    eof: bool,
    bom_checked: bool,
    started: bool,
    /// Objects one after another, not an array.
    sequence: bool,
    /// 0: after the array; 1: between elements; more: inside an element.
    depth: usize,
    after_comma: bool,
    elem: Option<Element>,
    string: Option<Str>,
    pending: Option<BreakOff>,
    done: bool,
}

struct Element {
    start: usize,
    line: u64,
    /// Longer than the limit: already an error record, its bytes are dropped as they come.
    skipping: bool,
}

/// An open string: where its quote is, to scan on from there as Python does when the input
/// ends inside it (the quote is then a lone character); `escaped`: a backslash came last.
struct Str {
    start: Option<usize>,
    line: u64,
    escaped: bool,
}

impl<R: Read> JsonArrayReader<R> {
    pub fn new(source: R, options: Options) -> JsonArrayReader<R> {
        JsonArrayReader {
            source: Source::new(source),
            options,
            buf: Vec::new(),
            pos: 0,
            line: 1,
            record: 0,
            eof: false,
            bom_checked: false,
            started: false,
            sequence: false,
            depth: 0,
            after_comma: false,
            elem: None,
            string: None,
            pending: None,
            done: false,
        }
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
        let keep_from = match &self.elem {
            Some(elem) if !elem.skipping => elem.start.min(self.pos),
            _ => self.pos,
        };
        let bytes = hand_over(&mut self.buf, keep_from);
        self.pos -= keep_from.min(self.pos);
        if let Some(elem) = self.elem.as_mut() {
            elem.start = elem.start.saturating_sub(keep_from);
        }
        if let Some(start) = self.string.as_mut().and_then(|s| s.start.as_mut()) {
            *start = start.saturating_sub(keep_from);
        }
        finish_chunk(records, bytes, error, &mut self.pending)
    }

    /// One step of scanning; `Ok(false)` at the end of the input.
    fn step(&mut self, records: &mut Vec<RawRecord>) -> Result<bool, BreakOff> {
        if !self.bom_checked {
            while self.buf.len() < BOM.len() && !self.eof {
                if self.source.read_into(&mut self.buf)? == 0 {
                    self.eof = true;
                }
            }
            if self.buf.starts_with(BOM) {
                self.pos = BOM.len();
            }
            self.bom_checked = true;
        }
        if self.pos >= self.buf.len() {
            if !self.eof {
                self.refill(records)?;
                return Ok(true);
            }
            if let Some(string) = self.string.take() {
                if let (Some(start), Some(elem)) = (string.start, &self.elem) {
                    if !elem.skipping {
                        // The input ends inside a string: its quote is a lone character, and
                        // what follows it is scanned again as structure (Python's regex does so).
                        self.pos = start + 1;
                        self.line = string.line;
                        return Ok(true);
                    }
                }
            }
            self.finish(records)?;
            return Ok(false);
        }
        if self.elem.is_none() {
            self.between()?;
        } else {
            self.scan_element(records);
        }
        Ok(true)
    }

    /// Reads on; an element longer than the limit becomes an error record and its bytes are
    /// dropped from then on (the buffer never holds more than one read of it).
    fn refill(&mut self, records: &mut Vec<RawRecord>) -> Result<(), BreakOff> {
        if let Some(elem) = self.elem.as_mut() {
            if !elem.skipping && self.buf.len() - elem.start > self.options.max_record_bytes {
                elem.skipping = true;
                self.record += 1;
                records.push(RawRecord {
                    line: elem.line,
                    record: self.record,
                    payload: Payload::Error(too_large(&self.options)),
                });
            }
            if elem.skipping {
                self.buf.truncate(elem.start);
                self.pos = self.buf.len();
                if let Some(string) = self.string.as_mut() {
                    string.start = None;
                }
            }
        }
        if self.source.read_into(&mut self.buf)? == 0 {
            self.eof = true;
        }
        Ok(())
    }

    fn error_at(&self, what: &str) -> BreakOff {
        BreakOff::new(format!("line {}: {what}", self.line))
    }

    /// Between elements: white space, the opening bracket, commas, the closing bracket, or the
    /// start of an element (scanned from its first byte by `scan_element`).
    fn between(&mut self) -> Result<(), BreakOff> {
        let Some(&byte) = self.buf.get(self.pos) else {
            return Ok(());
        };
        match byte {
            b' ' | b'\t' | b'\r' => {
                self.pos += 1;
                return Ok(());
            }
            b'\n' => {
                self.pos += 1;
                self.line += 1;
                return Ok(());
            }
            _ => {}
        }
        if !self.started {
            if byte != b'[' && byte != b'{' {
                return Err(self.error_at("expected a JSON array or objects"));
            }
            self.started = true;
            self.depth = 1;
            self.sequence = byte == b'{';
            if !self.sequence {
                self.pos += 1;
            }
            return Ok(());
        }
        if self.sequence {
            if byte != b'{' {
                return Err(self.error_at("expected a JSON object"));
            }
        } else if self.depth == 0 {
            return Err(self.error_at("text after the end of the array"));
        } else if byte == b',' || byte == b']' {
            if self.after_comma || (byte == b',' && self.record == 0) {
                return Err(self.error_at("an empty element in the array"));
            }
            self.after_comma = byte == b',';
            self.depth = if self.after_comma { 1 } else { 0 };
            self.pos += 1;
            return Ok(());
        }
        self.after_comma = false;
        self.elem = Some(Element {
            start: self.pos,
            line: self.line,
            skipping: false,
        });
        Ok(())
    }

    /// Scans the element on from `pos` to its end or the end of the buffer.
    fn scan_element(&mut self, records: &mut Vec<RawRecord>) {
        while let Some(&byte) = self.buf.get(self.pos) {
            if let Some(string) = self.string.as_mut() {
                if string.escaped {
                    string.escaped = false;
                    if byte == b'\n' {
                        self.line += 1;
                    }
                    self.pos += 1;
                    continue;
                }
                let rest = self.buf.get(self.pos..).unwrap_or_default();
                let Some(at) = memchr3(b'"', b'\\', b'\n', rest) else {
                    self.pos = self.buf.len();
                    return;
                };
                self.pos += at + 1;
                match rest.get(at) {
                    Some(b'"') => self.string = None,
                    Some(b'\\') => string.escaped = true,
                    _ => self.line += 1,
                }
                continue;
            }
            let at = self.pos;
            self.pos += 1;
            match byte {
                b'"' => {
                    self.string = Some(Str {
                        start: Some(at),
                        line: self.line,
                        escaped: false,
                    })
                }
                b'\n' => self.line += 1,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' if self.depth > 1 => {
                    self.depth -= 1;
                    if self.sequence && self.depth == 1 {
                        self.end_element(at + 1, records);
                        return;
                    }
                }
                b',' | b']' if self.depth == 1 && !self.sequence => {
                    self.pos = at; // the comma or bracket is read between elements
                    self.end_element(at, records);
                    return;
                }
                _ => {}
            }
        }
    }

    fn end_element(&mut self, end: usize, records: &mut Vec<RawRecord>) {
        let Some(elem) = self.elem.take() else {
            return;
        };
        if elem.skipping {
            return;
        }
        self.record += 1;
        let payload = if end.saturating_sub(elem.start) > self.options.max_record_bytes {
            Payload::Error(too_large(&self.options))
        } else {
            Payload::Json(elem.start..end)
        };
        records.push(RawRecord {
            line: elem.line,
            record: self.record,
            payload,
        });
    }

    /// The end of the input: an element still open is a record, then the structure's error.
    fn finish(&mut self, records: &mut Vec<RawRecord>) -> Result<(), BreakOff> {
        if let Some(elem) = self.elem.as_ref() {
            let line = elem.line;
            let end = self.buf.len();
            self.end_element(end, records);
            let what = if self.sequence {
                "object that starts there" // later objects may be inside it
            } else {
                "array"
            };
            return Err(BreakOff::new(format!(
                "line {line}: the JSON {what} is not closed"
            )));
        }
        if self.started && self.depth != 0 && !self.sequence {
            return Err(self.error_at("the JSON array is not closed"));
        }
        if !self.started {
            return Err(BreakOff::new(
                "expected a JSON array or objects, found empty input",
            ));
        }
        Ok(())
    }
}
