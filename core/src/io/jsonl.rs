//! JSON Lines: one record a non-blank line (Python's `read_jsonl`).
//!
//! A record is the range of its line (with its newline, as Python hands it on) in the chunk's
//! buffer; nothing is copied per record. Blank lines (ASCII white space alone) are not records
//! but count as lines. A BOM opening line 1 is dropped (one: a second is the record's error).

use std::io::Read;

use memchr::memchr;

use super::{
    finish_chunk, hand_over, too_large, BreakOff, Chunk, Options, Payload, RawRecord, Source,
};

const BOM: &[u8] = b"\xef\xbb\xbf";

pub struct JsonlReader<R> {
    source: Source<R>,
    options: Options,
    buf: Vec<u8>,
    /// Where the next line starts in `buf`.
    pos: usize,
    /// How far `buf` is known to hold no newline after `pos`.
    searched: usize,
    /// The number of the line at `pos`.
    line: u64,
    record: u64,
    eof: bool,
    /// Inside a line longer than the limit: its bytes are dropped until its newline.
    skipping: Option<Skipping>,
    pending: Option<BreakOff>,
    done: bool,
}

struct Skipping {
    /// White space so far: the line may yet be blank, and not a record.
    blank: bool,
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
}

impl<R: Read> JsonlReader<R> {
    pub fn new(source: R, options: Options) -> JsonlReader<R> {
        JsonlReader {
            source: Source::new(source),
            options,
            buf: Vec::new(),
            pos: 0,
            searched: 0,
            line: 1,
            record: 0,
            eof: false,
            skipping: None,
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
        while records.len() < max_records {
            if self.skipping.is_some() {
                if let Err(error) = self.skip(&mut records) {
                    return self.stop(records, error);
                }
                continue;
            }
            let from = self.searched.max(self.pos);
            let rest = self.buf.get(from..).unwrap_or_default();
            let end = match memchr(b'\n', rest) {
                Some(at) => from + at + 1,
                None if self.eof => {
                    if self.pos >= self.buf.len() {
                        self.done = true;
                        break;
                    }
                    self.buf.len()
                }
                None => {
                    self.searched = self.buf.len();
                    if self.buf.len() - self.pos > self.options.max_record_bytes {
                        self.skipping = Some(Skipping { blank: true });
                        continue;
                    }
                    match self.source.read_into(&mut self.buf) {
                        Ok(0) => self.eof = true,
                        Ok(_) => {}
                        Err(error) => return self.stop(records, error),
                    }
                    continue;
                }
            };
            self.take_line(end, &mut records);
        }
        let keep_from = self.pos;
        let bytes = hand_over(&mut self.buf, keep_from);
        self.searched = self.searched.saturating_sub(keep_from);
        self.pos = 0;
        finish_chunk(records, bytes, None, &mut self.pending)
    }

    /// The line `pos..end` (with its newline) as a record, unless blank.
    fn take_line(&mut self, end: usize, records: &mut Vec<RawRecord>) {
        let mut start = self.pos;
        if self.line == 1
            && self
                .buf
                .get(start..end)
                .is_some_and(|line| line.starts_with(BOM))
        {
            start += BOM.len();
        }
        let line = self.buf.get(start..end).unwrap_or_default();
        let body = line.strip_suffix(b"\n").unwrap_or(line);
        if !is_blank(line) {
            self.record += 1;
            let payload = if body.len() > self.options.max_record_bytes {
                Payload::Error(too_large(&self.options))
            } else {
                Payload::Json(start..end)
            };
            records.push(RawRecord {
                line: self.line,
                record: self.record,
                payload,
            });
        }
        self.line += 1;
        self.pos = end;
        self.searched = end;
    }

    /// Drops the bytes of an over-long line up to its newline, holding at most one read of it;
    /// the line becomes an error record as soon as it is known not to be blank.
    fn skip(&mut self, records: &mut Vec<RawRecord>) -> Result<(), BreakOff> {
        let Some(skipping) = self.skipping.as_mut() else {
            return Ok(());
        };
        let rest = self.buf.get(self.pos..).unwrap_or_default();
        let newline = memchr(b'\n', rest);
        let seen = match newline {
            Some(at) => rest.get(..at).unwrap_or_default(),
            None => rest,
        };
        let skip_bom = self.line == 1 && seen.starts_with(BOM);
        let seen = if skip_bom {
            seen.get(BOM.len()..).unwrap_or_default()
        } else {
            seen
        };
        if skipping.blank && !is_blank(seen) {
            skipping.blank = false;
            self.record += 1;
            records.push(RawRecord {
                line: self.line,
                record: self.record,
                payload: Payload::Error(too_large(&self.options)),
            });
        }
        match newline {
            Some(at) => {
                self.pos += at + 1;
                self.searched = self.pos;
                self.line += 1;
                self.skipping = None;
            }
            None => {
                // Keep a BOM that opens line 1 (it is not the line's text), drop the rest.
                let keep = if skip_bom {
                    self.pos + BOM.len()
                } else {
                    self.pos
                };
                self.buf.truncate(keep.min(self.buf.len()));
                self.searched = self.buf.len();
                if self.eof || self.source.read_into(&mut self.buf)? == 0 {
                    self.eof = true;
                    self.skipping = None;
                    self.pos = self.buf.len();
                    self.searched = self.pos;
                    self.line += 1;
                }
            }
        }
        Ok(())
    }

    /// The source broke off: the records so far, then the error; a partial line is dropped.
    fn stop(
        &mut self,
        records: Vec<RawRecord>,
        error: BreakOff,
    ) -> Result<Option<Chunk>, BreakOff> {
        self.done = true;
        let keep_from = self.pos;
        let bytes = hand_over(&mut self.buf, keep_from);
        self.buf = Vec::new();
        finish_chunk(records, bytes, Some(error), &mut self.pending)
    }
}
