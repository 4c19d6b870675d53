//! Which reader an input takes: `--input-format`, else the file's extension (under `.gz`), else
//! a look at its first bytes (Python's `choose_format`, `_sniffed`).

use super::input::Input;
use super::{BreakOff, Format};

/// `chosen`, else the extension of `file` (`-` is stdin, which has none), else the content: the
/// bytes looked at stay in `input`, which delivers them again.
pub fn choose_format(
    file: &str,
    input: &mut Input,
    chosen: Option<Format>,
) -> Result<Format, BreakOff> {
    if let Some(format) = chosen {
        return Ok(format);
    }
    if file != "-" {
        let name = std::path::Path::new(file)
            .file_name()
            .map(|name| name.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".csv") {
            return Ok(Format::Csv);
        }
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            return Ok(Format::Jsonl);
        }
        if name.ends_with(".json") {
            return Ok(Format::Json);
        }
    }
    input.read_ahead(enough_to_sniff)?;
    Ok(sniffed_format(input.head()))
}

/// Python's `head.lstrip(b"\xef\xbb\xbf \t\r\n")`: any of those bytes, in any order.
fn skip_leading(head: &[u8]) -> &[u8] {
    let skipped = head
        .iter()
        .take_while(|b| matches!(b, 0xef | 0xbb | 0xbf | b' ' | b'\t' | b'\r' | b'\n'))
        .count();
    head.get(skipped..).unwrap_or_default()
}

/// The first byte past a BOM and white space, and if it opens an object, the whole first line.
fn enough_to_sniff(head: &[u8]) -> bool {
    let start = skip_leading(head);
    match start.first() {
        None => false,
        Some(b'{') => start.contains(&b'\n'),
        Some(_) => true,
    }
}

/// `[`: an array; `{` with a whole JSON value on its first line: JSON Lines; `{` spread over
/// lines: objects one after another; anything else is left to the JSON Lines reader to refuse.
pub fn sniffed_format(head: &[u8]) -> Format {
    let head = skip_leading(head);
    match head.first() {
        Some(b'{') => {}
        Some(b'[') => return Format::Json,
        _ => return Format::Jsonl,
    }
    let newline = head.iter().position(|&b| b == b'\n');
    let first = match newline {
        Some(at) => head.get(..at).unwrap_or_default(),
        None => head,
    };
    if newline.is_some() && !json_syntax::is_one_value(first) {
        Format::Json
    } else {
        Format::Jsonl
    }
}

/// Whether bytes are one JSON value as msgspec decodes it (the sniff's only question): strict
/// syntax, valid UTF-8 in strings, no lone surrogate escapes, floats within range, at most
/// msgspec's 998 levels of nesting.
pub(crate) mod json_syntax {
    const MAX_DEPTH: usize = 998;

    pub fn is_one_value(text: &[u8]) -> bool {
        let mut parser = Parser { text, pos: 0 };
        parser.space();
        if !parser.value(0) {
            return false;
        }
        parser.space();
        parser.pos >= text.len()
    }

    struct Parser<'a> {
        text: &'a [u8],
        pos: usize,
    }

    impl Parser<'_> {
        fn peek(&self) -> Option<u8> {
            self.text.get(self.pos).copied()
        }

        fn bump(&mut self) -> Option<u8> {
            let byte = self.peek()?;
            self.pos += 1;
            Some(byte)
        }

        fn space(&mut self) {
            while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
                self.pos += 1;
            }
        }

        fn eat(&mut self, word: &[u8]) -> bool {
            let end = self.pos.saturating_add(word.len());
            if self.text.get(self.pos..end) == Some(word) {
                self.pos = end;
                true
            } else {
                false
            }
        }

        fn value(&mut self, depth: usize) -> bool {
            match self.peek() {
                Some(b'{') => self.object(depth.saturating_add(1)),
                Some(b'[') => self.array(depth.saturating_add(1)),
                Some(b'"') => self.string(),
                Some(b't') => self.eat(b"true"),
                Some(b'f') => self.eat(b"false"),
                Some(b'n') => self.eat(b"null"),
                Some(b'-' | b'0'..=b'9') => self.number(),
                _ => false,
            }
        }

        fn object(&mut self, depth: usize) -> bool {
            if depth > MAX_DEPTH {
                return false;
            }
            self.pos += 1;
            self.space();
            if self.eat(b"}") {
                return true;
            }
            loop {
                self.space();
                if self.peek() != Some(b'"') || !self.string() {
                    return false;
                }
                self.space();
                if !self.eat(b":") {
                    return false;
                }
                self.space();
                if !self.value(depth) {
                    return false;
                }
                self.space();
                match self.bump() {
                    Some(b',') => continue,
                    Some(b'}') => return true,
                    _ => return false,
                }
            }
        }

        fn array(&mut self, depth: usize) -> bool {
            if depth > MAX_DEPTH {
                return false;
            }
            self.pos += 1;
            self.space();
            if self.eat(b"]") {
                return true;
            }
            loop {
                self.space();
                if !self.value(depth) {
                    return false;
                }
                self.space();
                match self.bump() {
                    Some(b',') => continue,
                    Some(b']') => return true,
                    _ => return false,
                }
            }
        }

        fn hex4(&mut self) -> Option<u32> {
            let digits = self.text.get(self.pos..self.pos.saturating_add(4))?;
            let text = std::str::from_utf8(digits).ok()?;
            if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            self.pos += 4;
            u32::from_str_radix(text, 16).ok()
        }

        fn string(&mut self) -> bool {
            self.pos += 1;
            let mut run_start = self.pos;
            loop {
                let Some(byte) = self.bump() else {
                    return false;
                };
                match byte {
                    b'"' | b'\\' => {
                        let run = self.text.get(run_start..self.pos - 1).unwrap_or_default();
                        if std::str::from_utf8(run).is_err() {
                            return false;
                        }
                        if byte == b'"' {
                            return true;
                        }
                        if !self.escape() {
                            return false;
                        }
                        run_start = self.pos;
                    }
                    0..=0x1f => return false,
                    _ => {}
                }
            }
        }

        fn escape(&mut self) -> bool {
            match self.bump() {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => true,
                Some(b'u') => match self.hex4() {
                    Some(0xd800..=0xdbff) => {
                        self.eat(b"\\u") && matches!(self.hex4(), Some(0xdc00..=0xdfff))
                    }
                    Some(0xdc00..=0xdfff) | None => false,
                    Some(_) => true,
                },
                _ => false,
            }
        }

        fn digits(&mut self) -> usize {
            let start = self.pos;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
            self.pos - start
        }

        fn number(&mut self) -> bool {
            let start = self.pos;
            self.eat(b"-");
            match self.peek() {
                Some(b'0') => self.pos += 1,
                Some(b'1'..=b'9') => {
                    self.digits();
                }
                _ => return false,
            }
            let mut float = false;
            if self.eat(b".") {
                float = true;
                if self.digits() == 0 {
                    return false;
                }
            }
            if matches!(self.peek(), Some(b'e' | b'E')) {
                float = true;
                self.pos += 1;
                if matches!(self.peek(), Some(b'+' | b'-')) {
                    self.pos += 1;
                }
                if self.digits() == 0 {
                    return false;
                }
            }
            if !float {
                return true;
            }
            // msgspec refuses a float beyond the range of a double ("Number out of range").
            let literal = self.text.get(start..self.pos).unwrap_or_default();
            std::str::from_utf8(literal)
                .ok()
                .and_then(|text| text.parse::<f64>().ok())
                .is_some_and(f64::is_finite)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_as_python_does() {
        let cases: &[(&[u8], Format)] = &[
            (b"", Format::Jsonl),
            (b"\n\n[1]", Format::Json),
            (b"\xef\xbb\xbf [", Format::Json),
            (b"{\"a\": 1}\n{\"b\": 2}\n", Format::Jsonl),
            (b"{\n  \"a\": 1\n}\n", Format::Json),
            (b"{\"a\": 1", Format::Jsonl),
            (b"{\"a\": 1e999}\n", Format::Json),
            (b"{\"a\": \"\\ud800\"}\n", Format::Json),
            (b"{\"a\": \"\\ud800\\udc00\"}\n", Format::Jsonl),
            (b"{\"a\": \"\xff\"}\n", Format::Json),
            (b"{\"a\": 1}\r\n", Format::Jsonl),
            (b"{\"a\": 1} x\n", Format::Json),
            (b"5", Format::Jsonl),
        ];
        for (head, format) in cases {
            assert_eq!(
                sniffed_format(head),
                *format,
                "{:?}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn nesting_as_deep_as_msgspec_takes() {
        let nested = |depth: usize| {
            let mut text = b"{\"a\":".to_vec();
            text.extend(std::iter::repeat_n(b'[', depth - 1));
            text.extend(std::iter::repeat_n(b']', depth - 1));
            text.extend_from_slice(b"}\n");
            text
        };
        assert_eq!(sniffed_format(&nested(998)), Format::Jsonl);
        assert_eq!(sniffed_format(&nested(999)), Format::Json);
    }
}
