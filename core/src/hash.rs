//! A hash for maps whose keys are the core's own or the table's (catalogue keys, category
//! spellings): short, trusted text, looked up millions of times a batch.
//!
//! Not for maps whose keys come from input (a NIP's companies): FNV gives no protection against
//! keys chosen to collide, SipHash (std's default) does.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` hashed with FNV-1a.
pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// FNV-1a: keys are short, trusted text, so a simple hash beats SipHash's setup.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &byte in bytes {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}
