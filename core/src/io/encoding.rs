//! The text encoding of a CSV input: UTF-8, or Windows-1250, which Polish Excel writes when a
//! sheet is saved as "CSV (rozdzielany przecinkami)".
//!
//! The first `PREFIX` bytes decide, once, for the whole input: Windows-1250 when they hold
//! byte sequences that are not UTF-8, and more of them than UTF-8 characters of two bytes or
//! more (a UTF-8 file with a broken row is still UTF-8; a Windows-1250 file's Polish letters
//! are almost never valid UTF-8); UTF-8 otherwise, and always after a UTF-8 BOM. A UTF-8 input
//! is never decoded as Windows-1250: a row beyond the prefix that is not UTF-8 stays that row's
//! error.

/// How much of the input decides its encoding (as much as the sniff reads ahead).
pub const PREFIX: usize = super::SNIFF_SIZE;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1250,
}

impl Encoding {
    /// The encoding's name as the summary and the binding give it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1250 => "windows-1250",
        }
    }
}

/// The encoding of an input that starts with `prefix`; `whole`: the prefix is the whole input
/// (else a character cut at its end is no evidence either way).
pub fn detect(prefix: &[u8], whole: bool) -> Encoding {
    if prefix.starts_with(super::csv::BOM) {
        return Encoding::Utf8;
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = prefix;
    loop {
        let (good, error) = match std::str::from_utf8(rest) {
            Ok(text) => (text, None),
            Err(error) => (
                std::str::from_utf8(rest.get(..error.valid_up_to()).unwrap_or_default())
                    .unwrap_or_default(),
                Some(error),
            ),
        };
        valid += good.chars().filter(|c| c.len_utf8() > 1).count();
        let Some(error) = error else { break };
        let skip = match error.error_len() {
            Some(len) => len,
            None if whole => rest.len() - error.valid_up_to(),
            None => break,
        };
        invalid += 1;
        rest = rest.get(error.valid_up_to() + skip..).unwrap_or_default();
    }
    if invalid > valid {
        Encoding::Windows1250
    } else {
        Encoding::Utf8
    }
}

/// `bytes` (Windows-1250) as UTF-8, appended to `out`; `false` if a byte has no character in
/// Windows-1250 (0x81, 0x83, 0x88, 0x90, 0x98), which is written as U+FFFD.
pub fn decode_windows_1250(bytes: &[u8], out: &mut Vec<u8>) -> bool {
    let mut defined = true;
    let mut utf8 = [0u8; 4];
    for &byte in bytes {
        if byte.is_ascii() {
            out.push(byte);
            continue;
        }
        let c = HIGH.get(usize::from(byte - 0x80)).copied().flatten();
        defined &= c.is_some();
        out.extend_from_slice(c.unwrap_or('\u{fffd}').encode_utf8(&mut utf8).as_bytes());
    }
    defined
}

/// Windows-1250's characters for the bytes 0x80..=0xFF (its lower half is ASCII), as Python's
/// `cp1250` codec maps them.
const HIGH: [Option<char>; 128] = [
    Some('\u{20ac}'),
    None,
    Some('\u{201a}'),
    None,
    Some('\u{201e}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    None,
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{015a}'),
    Some('\u{0164}'),
    Some('\u{017d}'),
    Some('\u{0179}'),
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201c}'),
    Some('\u{201d}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    None,
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203a}'),
    Some('\u{015b}'),
    Some('\u{0165}'),
    Some('\u{017e}'),
    Some('\u{017a}'),
    Some('\u{00a0}'),
    Some('\u{02c7}'),
    Some('\u{02d8}'),
    Some('\u{0141}'),
    Some('\u{00a4}'),
    Some('\u{0104}'),
    Some('\u{00a6}'),
    Some('\u{00a7}'),
    Some('\u{00a8}'),
    Some('\u{00a9}'),
    Some('\u{015e}'),
    Some('\u{00ab}'),
    Some('\u{00ac}'),
    Some('\u{00ad}'),
    Some('\u{00ae}'),
    Some('\u{017b}'),
    Some('\u{00b0}'),
    Some('\u{00b1}'),
    Some('\u{02db}'),
    Some('\u{0142}'),
    Some('\u{00b4}'),
    Some('\u{00b5}'),
    Some('\u{00b6}'),
    Some('\u{00b7}'),
    Some('\u{00b8}'),
    Some('\u{0105}'),
    Some('\u{015f}'),
    Some('\u{00bb}'),
    Some('\u{013d}'),
    Some('\u{02dd}'),
    Some('\u{013e}'),
    Some('\u{017c}'),
    Some('\u{0154}'),
    Some('\u{00c1}'),
    Some('\u{00c2}'),
    Some('\u{0102}'),
    Some('\u{00c4}'),
    Some('\u{0139}'),
    Some('\u{0106}'),
    Some('\u{00c7}'),
    Some('\u{010c}'),
    Some('\u{00c9}'),
    Some('\u{0118}'),
    Some('\u{00cb}'),
    Some('\u{011a}'),
    Some('\u{00cd}'),
    Some('\u{00ce}'),
    Some('\u{010e}'),
    Some('\u{0110}'),
    Some('\u{0143}'),
    Some('\u{0147}'),
    Some('\u{00d3}'),
    Some('\u{00d4}'),
    Some('\u{0150}'),
    Some('\u{00d6}'),
    Some('\u{00d7}'),
    Some('\u{0158}'),
    Some('\u{016e}'),
    Some('\u{00da}'),
    Some('\u{0170}'),
    Some('\u{00dc}'),
    Some('\u{00dd}'),
    Some('\u{0162}'),
    Some('\u{00df}'),
    Some('\u{0155}'),
    Some('\u{00e1}'),
    Some('\u{00e2}'),
    Some('\u{0103}'),
    Some('\u{00e4}'),
    Some('\u{013a}'),
    Some('\u{0107}'),
    Some('\u{00e7}'),
    Some('\u{010d}'),
    Some('\u{00e9}'),
    Some('\u{0119}'),
    Some('\u{00eb}'),
    Some('\u{011b}'),
    Some('\u{00ed}'),
    Some('\u{00ee}'),
    Some('\u{010f}'),
    Some('\u{0111}'),
    Some('\u{0144}'),
    Some('\u{0148}'),
    Some('\u{00f3}'),
    Some('\u{00f4}'),
    Some('\u{0151}'),
    Some('\u{00f6}'),
    Some('\u{00f7}'),
    Some('\u{0159}'),
    Some('\u{016f}'),
    Some('\u{00fa}'),
    Some('\u{0171}'),
    Some('\u{00fc}'),
    Some('\u{00fd}'),
    Some('\u{0163}'),
    Some('\u{02d9}'),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (String, bool) {
        let mut out = Vec::new();
        let defined = decode_windows_1250(bytes, &mut out);
        (String::from_utf8(out).unwrap(), defined)
    }

    #[test]
    fn polish_letters_decode() {
        // "Zażółć gęślą jaźń" and the capitals, as Windows-1250 writes them.
        let text =
            b"Za\xbf\xf3\xb3\xe6 g\xea\x9cl\xb9 ja\x9f\xf1 \xa5\xc6\xca\xa3\xd1\xd3\x8c\x8f\xaf";
        assert_eq!(
            decoded(text),
            ("Zażółć gęślą jaźń ĄĆĘŁŃÓŚŹŻ".to_string(), true)
        );
        assert_eq!(decoded(b"\x80 z\xb3"), ("€ zł".to_string(), true));
        assert_eq!(decoded(b"a\x81b"), ("a\u{fffd}b".to_string(), false));
    }

    #[test]
    fn the_prefix_decides() {
        let cp1250 = b"seller;quality\nSklep \xa3\xf3d\x9f;Dobry\n";
        assert_eq!(detect(cp1250, true), Encoding::Windows1250);
        assert_eq!(
            detect("seller\nSklep Łódź\n".as_bytes(), true),
            Encoding::Utf8
        );
        assert_eq!(detect(b"seller\nplain\n", true), Encoding::Utf8);
        // A UTF-8 file with one broken row among Polish names stays UTF-8.
        let mut mixed = "seller\nŁódź\nGdańsk\n".as_bytes().to_vec();
        mixed.extend_from_slice(b"x\xff\n");
        assert_eq!(detect(&mixed, true), Encoding::Utf8);
        // A BOM says UTF-8 whatever follows.
        assert_eq!(detect(b"\xef\xbb\xbfa\xa3\n", true), Encoding::Utf8);
        // A UTF-8 character cut at the end of a partial prefix is no evidence ...
        assert_eq!(detect(&"aą".as_bytes()[..2], false), Encoding::Utf8);
        // ... but at the end of the whole input it is a byte that is not UTF-8.
        assert_eq!(detect(b"a\xc4", true), Encoding::Windows1250);
    }
}
