//! Batch readers: JSON Lines, JSON arrays, objects one after another, CSV, gzip, sniffing.
