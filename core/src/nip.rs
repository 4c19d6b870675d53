//! NIP (Polish tax number) validation, masking and hashing: a port of `diamond_cli/nip.py`
//! (python-stdnum's `stdnum.pl.nip` is the reference the Python tests hold it to) and of the
//! hashing in `result.shown_nip`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

const WEIGHTS: [u32; 9] = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/// Strip the separators (any whitespace, `-`) and the `PL` prefix people write around a NIP.
pub fn compact_nip(value: &str) -> String {
    let text: String = value
        .chars()
        .filter(|&c| !crate::json::is_python_space(c) && c != '-')
        .collect();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some('p' | 'P'), Some('l' | 'L')) => text.get(2..).unwrap_or_default().to_string(),
        _ => text,
    }
}

/// Why `compact` is not a valid NIP, or None when it is.
pub fn nip_problem(compact: &str) -> Option<&'static str> {
    let bytes = compact.as_bytes();
    if bytes.len() != 10 || !bytes.iter().all(u8::is_ascii_digit) {
        return Some("a NIP has 10 digits");
    }
    if bytes.iter().all(|&b| b == b'0') {
        return Some("a NIP cannot be all zeros");
    }
    let digit = |i: usize| bytes.get(i).map_or(0, |&b| u32::from(b - b'0'));
    let sum: u32 = WEIGHTS
        .iter()
        .enumerate()
        .map(|(i, weight)| weight * digit(i))
        .sum();
    let remainder = sum % 11;
    if remainder == 10 || remainder != digit(9) {
        return Some("the NIP's check digit does not match");
    }
    None
}

/// Keep only the last three digits: enough to tell records apart, not to identify anyone.
pub fn mask_nip(compact: &str) -> String {
    let count = compact.chars().count();
    let hidden = count.saturating_sub(3);
    let mut out = "*".repeat(hidden);
    out.extend(compact.chars().skip(hidden));
    out
}

/// `--nip hash`: the hex HMAC-SHA256 of the compact NIP under the user's key.
pub fn hash_nip(compact: &str, key: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes a key of any length; this arm cannot be reached.
        Err(_) => return String::new(),
    };
    mac.update(compact.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_the_spellings_people_use() {
        for text in [
            "5260250274",
            "526-025-02-74",
            "PL 526 025 02 74",
            "pl5260250274",
            " 526\u{a0}025\t0274 ",
            "Pl-526-02-50-274",
        ] {
            assert_eq!(compact_nip(text), "5260250274", "{text:?}");
            assert_eq!(nip_problem(&compact_nip(text)), None, "{text:?}");
        }
    }

    #[test]
    fn problems_as_python_words_them() {
        let cases = [
            ("526025027", Some("a NIP has 10 digits")),
            ("52602502745", Some("a NIP has 10 digits")),
            ("526025027x", Some("a NIP has 10 digits")),
            ("５２６０２５０２７４", Some("a NIP has 10 digits")),
            ("0000000000", Some("a NIP cannot be all zeros")),
            ("5260250275", Some("the NIP's check digit does not match")),
            // Remainder 10 is never a valid check digit.
            ("1234567890", Some("the NIP's check digit does not match")),
            ("1234563218", None),
        ];
        for (text, expected) in cases {
            assert_eq!(nip_problem(text), expected, "{text:?}");
        }
    }

    #[test]
    fn masks_and_hashes() {
        assert_eq!(mask_nip("5260250274"), "*******274");
        assert_eq!(
            hash_nip("5260250274", b"key"),
            // hmac.new(b"key", b"5260250274", hashlib.sha256).hexdigest()
            "0005d92d76ce8b03a5b8a3ddc52e95ebf6d8c6d3dfcb965d56770cb5ed670e85"
        );
    }
}
