//! Strict JSON bytes to a `Value`: duplicate keys, depth, positions in errors.
//!
//! A port of `diamond_cli.inputs.decode_text` + `parse_json` (Python's `json` module with our
//! hooks) and of the strict path of `batch.Evaluator.decode`. The problems and their positions
//! are the texts CPython's `json` scanner gives (3.11): `Expecting value`, `Expecting ','
//! delimiter`, `Unterminated string starting at`, ... at `line L, column C`, where the column
//! counts characters, not bytes, and only `\n` ends a line.
//!
//! Errors come in Python's order: invalid UTF-8, an empty input, the first syntax error (or
//! `nesting too deep`), then the first object in document order that repeats a key (its path
//! named), then the first text or key holding an unpaired surrogate escape (its path named).
//!
//! The parser keeps its own stack (no recursion input can deepen) and refuses more than
//! [`MAX_DEPTH`] nested arrays and objects.

use crate::error::InputError;
use crate::value::{Text, Value};

/// Arrays and objects nested deeper than this are refused (`nesting too deep`). Python's
/// recursion limit stops its scanner near 995 levels (fewer under a deeper call stack); no real
/// record nests more than 3, and 900 keeps both the parser's stack and the tree's drop small.
pub const MAX_DEPTH: usize = 900;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// The document's text: UTF-8, one leading BOM ignored; invalid bytes are named by offset.
pub fn decode_text(bytes: &[u8]) -> Result<&str, InputError> {
    let data = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(data).map_err(|error| {
        InputError::new(
            None,
            format!("not valid UTF-8 text (byte {})", error.valid_up_to() + 1),
        )
    })
}

/// A JSON document (`check --json`, a file): UTF-8 text, then [`parse_json_text`].
pub fn parse_json(bytes: &[u8]) -> Result<Value, InputError> {
    parse_json_text(decode_text(bytes)?)
}

/// Strict JSON text: duplicate keys, unpaired surrogates and runaway nesting are errors;
/// `NaN`, `Infinity` and `-Infinity` are number literals (the field refuses them by name).
pub fn parse_json_text(text: &str) -> Result<Value, InputError> {
    if text.chars().all(is_python_space) {
        return Err(InputError::new(None, "the input is empty"));
    }
    thread_local! {
        // The stacks of open containers' items, kept between the records a thread parses.
        static STACKS: std::cell::Cell<(Vec<Value>, Members)> =
            const { std::cell::Cell::new((Vec::new(), Vec::new())) };
    }
    let (mut items, mut members) = STACKS.take();
    items.clear();
    members.clear();
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        items,
        members,
        duplicate: None,
        surrogate: None,
    };
    let parsed = parser.document();
    STACKS.set((
        std::mem::take(&mut parser.items),
        std::mem::take(&mut parser.members),
    ));
    let value = parsed.map_err(|fail| match fail {
        Fail::Deep => InputError::new(None, "nesting too deep"),
        Fail::Syntax(problem, pos) => {
            let (line, column) = line_column(text, pos);
            InputError::new(
                None,
                format!("invalid JSON at line {line}, column {column}: {problem}"),
            )
        }
    })?;
    if let Some(duplicate) = parser.duplicate {
        return Err(InputError::new(Some(duplicate.field), "duplicated key"));
    }
    if let Some(field) = parser.surrogate {
        return Err(InputError::new(
            field,
            "text with an unpaired \\ud800-\\udfff escape is not valid Unicode",
        ));
    }
    Ok(value)
}

/// One record of a JSON Lines batch, as the batch's strict parser reads it: the UTF-8 error
/// says `of the record`, trailing line ends are not part of it, and a one-line record's syntax
/// error says `at column C` (its line is the result's `line`). Not an object: an error.
pub fn parse_batch_record(bytes: &[u8]) -> Result<Value, InputError> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        InputError::new(
            None,
            format!(
                "not valid UTF-8 text (byte {} of the record)",
                error.valid_up_to() + 1
            ),
        )
    })?;
    let value = parse_json_text(text.trim_end_matches(['\r', '\n'])).map_err(|mut error| {
        if !python_rstrip(bytes).contains(&b'\n') {
            error.problem = error.problem.replace("at line 1, column", "at column");
        }
        error
    })?;
    match value {
        Value::Object(_) => Ok(value),
        other => Err(InputError::new(
            None,
            format!(
                "expected a seller record (an object), found {}",
                type_name(&other)
            ),
        )),
    }
}

/// `bytes.rstrip()`: ASCII whitespace, vertical tab included.
fn python_rstrip(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c'))
        .map_or(0, |i| i + 1);
    bytes.get(..end).unwrap_or_default()
}

/// How errors name a value's kind (Python's `_type_name` for JSON values).
pub fn type_name(value: &Value) -> &'static str {
    crate::messages::word(crate::messages::Lang::En, type_key(value))
}

/// The catalogue key of a value's type's name (`type.number`).
pub fn type_key(value: &Value) -> &'static str {
    match value {
        Value::Null => "type.null",
        Value::Bool(_) => "type.bool",
        Value::Number(_) => "type.number",
        Value::String(_) => "type.text",
        Value::Array(_) => "type.list",
        Value::Object(_) => "type.object",
    }
}

/// Python's `str.isspace` (what `str.strip()` and `str.split()` remove).
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// 1-based line and column of byte offset `pos`, both as Python counts them (characters).
fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..pos).unwrap_or(text.as_bytes());
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80)
        .count()
        + 1;
    (line, column)
}

enum Fail {
    /// A problem text of Python's scanner and the byte offset it points at.
    Syntax(&'static str, usize),
    Deep,
}

/// An object's members as the parser collects them.
type Members = Vec<(Text, Value)>;

/// An open container. Its items so far are the parser's `items` (or `members`) from `start` on:
/// one stack for all, so a closed container is one allocation of its own size.
enum Frame {
    Array {
        start: usize,
    },
    /// `key` is the key of the member being read; `open` the offset of the `{`.
    Object {
        start: usize,
        key: Text,
        open: usize,
    },
}

/// The first object in document order that repeated a key: Python's `_find_duplicate` walks
/// the tree in pre-order and stops at the first object marked, so the one opened first wins.
struct Duplicate {
    open: usize,
    field: String,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    items: Vec<Value>,
    members: Vec<(Text, Value)>,
    duplicate: Option<Duplicate>,
    /// The field of the first unpaired surrogate (None inside: the record itself is the text).
    surrogate: Option<Option<String>>,
}

fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The dotted path of the value being read at the top of `stack` (Python's `where`); `items`:
/// how many array items the parser holds (an array's own end where the next array starts).
fn path(stack: &[Frame], items: usize) -> String {
    let mut out = String::new();
    for (i, frame) in stack.iter().enumerate() {
        match frame {
            Frame::Array { start } => {
                let end = stack
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find_map(|inner| match inner {
                        Frame::Array { start } => Some(*start),
                        Frame::Object { .. } => None,
                    })
                    .unwrap_or(items);
                out.push('[');
                out.push_str(&(end - start).to_string());
                out.push(']');
            }
            Frame::Object { key, .. } => join_key(&mut out, key),
        }
    }
    out
}

/// `f"{where}.{key}" if where else key`.
fn join_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
}

/// How a string's lone surrogates are written: the value gets U+FFFD (it is refused anyway),
/// the error's field shows them escaped as Python's `backslashreplace` does.
#[derive(Clone, Copy, PartialEq)]
enum Surrogates {
    Replace,
    Escape,
}

impl Parser<'_> {
    fn skip_space(&self, mut pos: usize) -> usize {
        while self.bytes.get(pos).is_some_and(|&b| is_json_space(b)) {
            pos += 1;
        }
        pos
    }

    fn document(&mut self) -> Result<Value, Fail> {
        if self.text.starts_with('\u{feff}') {
            return Err(Fail::Syntax(
                "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                0,
            ));
        }
        let start = self.skip_space(0);
        let (value, end) = self.value(start)?;
        let end = self.skip_space(end);
        if end != self.bytes.len() {
            return Err(Fail::Syntax("Extra data", end));
        }
        Ok(value)
    }

    /// An object's key at `pos` (after `{` or `,` and spaces), then `:` and spaces: the offset
    /// of the member's value.
    fn key(&mut self, pos: usize, stack: &[Frame]) -> Result<(Text, usize), Fail> {
        if self.bytes.get(pos) != Some(&b'"') {
            return Err(Fail::Syntax(
                "Expecting property name enclosed in double quotes",
                pos,
            ));
        }
        let (key, end, lone) = self.string(pos, Surrogates::Replace)?;
        if lone && self.surrogate.is_none() {
            let (shown, _, _) = self.string(pos, Surrogates::Escape)?;
            let mut field = path(
                stack.get(..stack.len().saturating_sub(1)).unwrap_or(&[]),
                self.items.len(),
            );
            join_key(&mut field, &shown);
            self.surrogate = Some(Some(field));
        }
        let colon = self.skip_space(end);
        if self.bytes.get(colon) != Some(&b':') {
            return Err(Fail::Syntax("Expecting ':' delimiter", colon));
        }
        Ok((key, self.skip_space(colon + 1)))
    }

    /// The value at `pos` and the offset after it; containers with an explicit stack.
    fn value(&mut self, mut pos: usize) -> Result<(Value, usize), Fail> {
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            // Read one value at `pos`, or open a container and read its first item.
            let mut value = match self.bytes.get(pos) {
                Some(b'{') | Some(b'[') if stack.len() >= MAX_DEPTH => return Err(Fail::Deep),
                Some(b'{') => {
                    let inner = self.skip_space(pos + 1);
                    if self.bytes.get(inner) == Some(&b'}') {
                        pos = inner + 1;
                        Value::Object(Vec::new())
                    } else {
                        stack.push(Frame::Object {
                            start: self.members.len(),
                            key: Text::default(),
                            open: pos,
                        });
                        let (key, next) = self.key(inner, &stack)?;
                        if let Some(Frame::Object { key: slot, .. }) = stack.last_mut() {
                            *slot = key;
                        }
                        pos = next;
                        continue;
                    }
                }
                Some(b'[') => {
                    let inner = self.skip_space(pos + 1);
                    if self.bytes.get(inner) == Some(&b']') {
                        pos = inner + 1;
                        Value::Array(Vec::new())
                    } else {
                        stack.push(Frame::Array {
                            start: self.items.len(),
                        });
                        pos = inner;
                        continue;
                    }
                }
                Some(b'"') => {
                    let (text, end, lone) = self.string(pos, Surrogates::Replace)?;
                    if lone && self.surrogate.is_none() {
                        let field = path(&stack, self.items.len());
                        self.surrogate = Some((!field.is_empty()).then_some(field));
                    }
                    pos = end;
                    Value::String(text)
                }
                _ => {
                    let (value, end) = self.scalar(pos)?;
                    pos = end;
                    value
                }
            };
            // Hand the value to its container; close containers that end here.
            loop {
                let after = self.skip_space(pos);
                match stack.last_mut() {
                    None => return Ok((value, pos)),
                    Some(Frame::Array { start }) => {
                        let start = *start;
                        self.items.push(value);
                        match self.bytes.get(after) {
                            Some(b',') => {
                                pos = self.skip_space(after + 1);
                                break;
                            }
                            Some(b']') => {
                                pos = after + 1;
                                stack.pop();
                                value = Value::Array(self.items.drain(start..).collect());
                            }
                            _ => return Err(Fail::Syntax("Expecting ',' delimiter", after)),
                        }
                    }
                    Some(Frame::Object { key, .. }) => {
                        self.members.push((std::mem::take(key), value));
                        match self.bytes.get(after) {
                            Some(b',') => {
                                let next = self.skip_space(after + 1);
                                let (key, next) = self.key(next, &stack)?;
                                if let Some(Frame::Object { key: slot, .. }) = stack.last_mut() {
                                    *slot = key;
                                }
                                pos = next;
                                break;
                            }
                            Some(b'}') => {
                                pos = after + 1;
                                value = match stack.pop() {
                                    Some(Frame::Object { start, open, .. }) => {
                                        let members: Members =
                                            self.members.drain(start..).collect();
                                        self.object(members, open, &stack)
                                    }
                                    _ => Value::Null,
                                };
                            }
                            _ => return Err(Fail::Syntax("Expecting ',' delimiter", after)),
                        }
                    }
                }
            }
        }
    }

    /// A closed object. One that repeats a key keeps the members before the repetition (as
    /// Python's hook does) and is remembered if it was opened before any other such object.
    fn object(&mut self, mut members: Vec<(Text, Value)>, open: usize, stack: &[Frame]) -> Value {
        if let Some(repeat) = first_repeat(&members) {
            if self.duplicate.as_ref().is_none_or(|d| open < d.open) {
                let mut field = path(stack, self.items.len());
                if let Some((key, _)) = members.get(repeat) {
                    join_key(&mut field, key);
                }
                self.duplicate = Some(Duplicate { open, field });
            }
            members.truncate(repeat);
        }
        Value::Object(members)
    }

    /// `null`, `true`, `false`, `NaN`, `Infinity`, `-Infinity` or a number, as Python's scanner
    /// tries them; anything else is `Expecting value`.
    fn scalar(&self, pos: usize) -> Result<(Value, usize), Fail> {
        let rest = self.bytes.get(pos..).unwrap_or_default();
        // Numbers are most scalars: the words are tried only where one could start.
        if !rest.first().is_some_and(u8::is_ascii_digit) {
            for (word, value) in [
                (&b"null"[..], Value::Null),
                (b"true", Value::Bool(true)),
                (b"false", Value::Bool(false)),
            ] {
                if rest.starts_with(word) {
                    return Ok((value, pos + word.len()));
                }
            }
            for word in ["NaN", "Infinity", "-Infinity"] {
                if rest.starts_with(word.as_bytes()) {
                    return Ok((Value::Number(word.into()), pos + word.len()));
                }
            }
        }
        let end = self
            .number_end(pos)
            .ok_or(Fail::Syntax("Expecting value", pos))?;
        let literal = self.text.get(pos..end).unwrap_or_default();
        Ok((Value::Number(literal.into()), end))
    }

    /// The end of the number at `pos` (`-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`), or None.
    fn number_end(&self, pos: usize) -> Option<usize> {
        let digit = |i: usize| self.bytes.get(i).is_some_and(u8::is_ascii_digit);
        let digits_from = |mut i: usize| {
            while digit(i) {
                i += 1;
            }
            i
        };
        let mut i = pos;
        if self.bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        i = match self.bytes.get(i) {
            Some(b'0') => i + 1,
            Some(b'1'..=b'9') => digits_from(i + 1),
            _ => return None,
        };
        if self.bytes.get(i) == Some(&b'.') && digit(i + 1) {
            i = digits_from(i + 2);
        }
        if matches!(self.bytes.get(i), Some(b'e') | Some(b'E')) {
            let mut j = i + 1;
            if matches!(self.bytes.get(j), Some(b'-') | Some(b'+')) {
                j += 1;
            }
            if digit(j) {
                i = digits_from(j);
            }
        }
        Some(i)
    }

    /// The string whose quote is at `quote`: its text, the offset after it, and whether it held
    /// an unpaired surrogate escape.
    fn string(&self, quote: usize, mode: Surrogates) -> Result<(Text, usize, bool), Fail> {
        let bytes = self.bytes;
        let start = quote + 1;
        let mut i = start;
        // The common case: no escape, one copy.
        loop {
            i = plain_run(bytes, i);
            match bytes.get(i) {
                None => return Err(Fail::Syntax("Unterminated string starting at", quote)),
                Some(b'"') => {
                    let text = self.text.get(start..i).unwrap_or_default();
                    return Ok((Text::from(text), i + 1, false));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => {
                    return Err(Fail::Syntax("Invalid control character at", i))
                }
                Some(_) => i += 1,
            }
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(self.text.get(start..i).unwrap_or_default());
        let mut lone = false;
        let mut chunk = i;
        loop {
            match bytes.get(i) {
                None => return Err(Fail::Syntax("Unterminated string starting at", quote)),
                Some(b'"') => {
                    out.push_str(self.text.get(chunk..i).unwrap_or_default());
                    return Ok((out.into(), i + 1, lone));
                }
                Some(&b) if b < 0x20 => {
                    return Err(Fail::Syntax("Invalid control character at", i))
                }
                Some(b'\\') => {
                    out.push_str(self.text.get(chunk..i).unwrap_or_default());
                    let escape = match bytes.get(i + 1) {
                        None => return Err(Fail::Syntax("Unterminated string starting at", quote)),
                        Some(&b) => b,
                    };
                    let simple = match escape {
                        b'"' => Some('"'),
                        b'\\' => Some('\\'),
                        b'/' => Some('/'),
                        b'b' => Some('\u{8}'),
                        b'f' => Some('\u{c}'),
                        b'n' => Some('\n'),
                        b'r' => Some('\r'),
                        b't' => Some('\t'),
                        b'u' => None,
                        _ => return Err(Fail::Syntax("Invalid \\escape", i)),
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        i += 2;
                    } else {
                        // Four hex digits and at least one more character, else Python refuses
                        // the escape at its `u`.
                        let unit = hex4(bytes, i + 2)
                            .filter(|_| i + 6 < bytes.len())
                            .ok_or(Fail::Syntax("Invalid \\uXXXX escape", i + 1))?;
                        i += 6;
                        let mut code = unit;
                        if (0xD800..0xDC00).contains(&unit)
                            && bytes.get(i) == Some(&b'\\')
                            && bytes.get(i + 1) == Some(&b'u')
                            && i + 6 < bytes.len()
                        {
                            if let Some(low) = hex4(bytes, i + 2) {
                                if (0xDC00..0xE000).contains(&low) {
                                    code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                    i += 6;
                                }
                            }
                        }
                        match char::from_u32(code) {
                            Some(c) => out.push(c),
                            None => {
                                lone = true;
                                match mode {
                                    Surrogates::Replace => out.push('\u{fffd}'),
                                    Surrogates::Escape => {
                                        out.push_str(&format!("\\u{code:04x}"));
                                    }
                                }
                            }
                        }
                    }
                    chunk = i;
                }
                Some(_) => i += 1,
            }
        }
    }
}

/// The bytes among eight (bit 7 of each byte, lowest byte first) that are a control below
/// U+0020, `"` or `\\`: what ends a string's run of plain text when reading JSON, and what
/// needs an escape when writing it. The bitwise tests of "some byte is zero / below n": a
/// borrow may mark bytes above the first marked one, never below it, so the lowest mark is
/// exact (and the mask is zero only when no byte is one of them).
pub(crate) fn escape_marks(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    below_space | zero_byte(quote) | zero_byte(backslash)
}

fn eight_at(bytes: &[u8], at: usize) -> Option<u64> {
    let mut eight = [0u8; 8];
    eight.copy_from_slice(bytes.get(at..at.checked_add(8)?)?);
    Some(u64::from_le_bytes(eight))
}

/// The offset of the first byte from `at` on that `escape_marks` marks, or `bytes.len()`:
/// eight bytes at a time, the last few in the eight that end the text.
pub(crate) fn plain_run(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = eight_at(bytes, at) {
        let marks = escape_marks(word);
        if marks != 0 {
            return at + (marks.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let left = bytes.len().saturating_sub(at);
    match eight_at(bytes, bytes.len().wrapping_sub(8)) {
        // The bytes before `at` shifted out; the zeros shifted in mark the text's end.
        Some(word) if left > 0 => {
            let marks = escape_marks(word >> ((8 - left) * 8));
            at + ((marks.trailing_zeros() / 8) as usize).min(left)
        }
        // A text shorter than eight bytes: a byte at a time.
        _ => {
            while let Some(&byte) = bytes.get(at) {
                if escape_marks(u64::from(byte) | !0xff) != 0 {
                    break;
                }
                at += 1;
            }
            at
        }
    }
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at.checked_add(4)?)?;
    digits.iter().try_fold(0u32, |acc, &b| {
        let d = (b as char).to_digit(16)?;
        Some(acc * 16 + d)
    })
}

/// The index of the first member whose key an earlier member already has.
fn first_repeat(members: &[(Text, Value)]) -> Option<usize> {
    if members.len() <= 16 {
        // Length and first byte before the bytes: most keys of a record differ in those.
        let same = |a: &str, b: &str| {
            a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
        };
        return (1..members.len()).find(|&j| {
            let Some((key, _)) = members.get(j) else {
                return false;
            };
            members
                .get(..j)
                .unwrap_or_default()
                .iter()
                .any(|(k, _)| same(k, key))
        });
    }
    let mut seen = std::collections::HashSet::with_capacity(members.len());
    members
        .iter()
        .position(|(key, _)| !seen.insert(key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse_json(text.as_bytes()) {
            Ok(value) => format!("OK {value:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn syntax_errors_as_python_words_them() {
        let cases = [
            ("[1,]", "invalid JSON at line 1, column 4: Expecting value"),
            ("{\"a\" 1}", "invalid JSON at line 1, column 6: Expecting ':' delimiter"),
            ("[1 2]", "invalid JSON at line 1, column 4: Expecting ',' delimiter"),
            ("\"abc", "invalid JSON at line 1, column 1: Unterminated string starting at"),
            ("\"\\u12\"", "invalid JSON at line 1, column 3: Invalid \\uXXXX escape"),
            ("\"\\x\"", "invalid JSON at line 1, column 2: Invalid \\escape"),
            ("01", "invalid JSON at line 1, column 2: Extra data"),
            (" \n [1,\n 2,,]", "invalid JSON at line 3, column 4: Expecting value"),
            ("\"é\u{1}\"", "invalid JSON at line 1, column 3: Invalid control character at"),
            (
                "{a:1}",
                "invalid JSON at line 1, column 2: Expecting property name enclosed in double quotes",
            ),
            (" \u{c} ", "the input is empty"),
        ];
        for (text, expected) in cases {
            assert_eq!(err(text), expected, "{text:?}");
        }
    }

    #[test]
    fn duplicates_name_the_first_object_opened() {
        assert_eq!(
            err(r#"{"b": {"y": 1, "y": 2}, "a": 1, "a": 2}"#),
            "a: duplicated key"
        );
        assert_eq!(
            err(r#"{"b": [0, {"y": 1, "y": 2}], "c": 1}"#),
            "b[1].y: duplicated key"
        );
    }

    #[test]
    fn surrogates_name_their_field() {
        assert_eq!(
            err(r#"{"seller": "\ud800"}"#),
            "seller: text with an unpaired \\ud800-\\udfff escape is not valid Unicode"
        );
        assert_eq!(
            err(r#"{"revenue": {"a\udc00": 1}}"#),
            "revenue.a\\udc00: text with an unpaired \\ud800-\\udfff escape is not valid Unicode"
        );
        assert_eq!(err(r#""\ud83d\ude00""#), "OK String(\"😀\")");
    }

    #[test]
    fn depth_is_limited_without_recursion() {
        let deep = "[".repeat(100_000);
        assert_eq!(err(&deep), "nesting too deep");
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse_json(fine.as_bytes()).is_ok());
    }

    #[test]
    fn batch_records_say_column() {
        let error = parse_batch_record(b"{\"a\" 1}\r\n")
            .map(|_| ())
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid JSON at column 6: Expecting ':' delimiter"
        );
        let error = parse_batch_record(b"[1]").map(|_| ()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected a seller record (an object), found a list"
        );
    }

    proptest::proptest! {
        /// Wherever the text starts and whatever its length, the run ends at the first byte
        /// that ends a JSON string's plain text, as a byte-at-a-time scan finds it.
        #[test]
        fn plain_runs_end_at_the_first_byte_to_escape(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::prelude::any::<u8>(),
                    proptest::prelude::Just(b'"'),
                    proptest::prelude::Just(b'\\'),
                    proptest::prelude::Just(b'a'),
                ],
                0..40,
            ),
            at in 0usize..42,
        ) {
            let expected = (at..bytes.len())
                .find(|&i| matches!(bytes[i], b'"' | b'\\' | 0..=0x1f))
                .unwrap_or(bytes.len().max(at));
            proptest::prop_assert_eq!(plain_run(&bytes, at), expected);
        }
    }
}
