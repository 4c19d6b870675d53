//! Strict JSON bytes to a `Value`: duplicate keys, depth, positions in errors.
