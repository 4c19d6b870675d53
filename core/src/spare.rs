//! Byte buffers handed back for the next chunk. A chunk's input (a megabyte) and its encoded
//! results (a few) are freed as soon as they are written; the allocator returns freed pages to
//! the system at once (to keep the batch's memory flat), so a new buffer of the same size was
//! paid again in page faults: 90,000 of them for 300,000 records. Kept here instead, the same
//! few buffers go round.

use std::sync::Mutex;

/// Spare buffers of one use (a use's buffers are of about one size, so none is grown).
pub struct Spare {
    kept: Mutex<Vec<Vec<u8>>>,
    most: usize,
}

/// A buffer larger than this (one that held an odd, huge record) is freed, not kept.
const LARGEST: usize = 4 << 20;

impl Spare {
    /// A store that keeps at most `most` buffers: about what two chunks in flight use.
    pub const fn new(most: usize) -> Spare {
        Spare {
            kept: Mutex::new(Vec::new()),
            most,
        }
    }

    /// An empty buffer of at least `capacity` bytes: a spare one if there is one.
    pub fn take(&self, capacity: usize) -> Vec<u8> {
        let spare = self.kept.lock().ok().and_then(|mut kept| kept.pop());
        match spare {
            Some(mut buffer) => {
                buffer.clear();
                buffer.reserve(capacity);
                buffer
            }
            None => Vec::with_capacity(capacity),
        }
    }

    /// Every buffer kept freed.
    pub fn release(&self) {
        if let Ok(mut kept) = self.kept.lock() {
            *kept = Vec::new();
        }
    }

    /// `buffer` kept for a later `take`, unless enough are kept already.
    pub fn give(&self, buffer: Vec<u8>) {
        if buffer.capacity() == 0 || buffer.capacity() > LARGEST {
            return;
        }
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() < self.most {
                kept.push(buffer);
            }
        }
    }
}

/// Every spare buffer freed: the batch that used them is over.
pub fn release() {
    INPUT.release();
    OUTPUT.release();
}

/// The bytes of the chunks being read (`io::Chunk`).
pub static INPUT: Spare = Spare::new(4);
/// The encoded results of the chunks being written (`batch::Encoded`): a part a group of
/// records, three chunks' worth (two evaluated at once, one being written).
pub static OUTPUT: Spare = Spare::new(56);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_come_back_empty_and_large_enough() {
        let spare = Spare::new(1);
        let mut buffer = spare.take(100);
        buffer.extend_from_slice(b"results");
        spare.give(buffer);
        spare.give(Vec::with_capacity(10)); // one is kept: this one is freed
        let again = spare.take(200);
        assert!(again.is_empty() && again.capacity() >= 200);
        assert!(spare.take(5).capacity() >= 5); // none kept now: a new one
    }

    #[test]
    fn a_released_store_keeps_no_buffer() {
        let spare = Spare::new(2);
        spare.give(Vec::with_capacity(64));
        spare.release();
        assert!(spare.kept.lock().unwrap().is_empty());
    }
}
