//! diamond_core: the record pipeline of diamond_cli (decode, rules, sentences, encoding).
//!
//! Pure Rust, no Python: the `binding` crate is the only door to it.

#![forbid(unsafe_code)]

/// The version of the core, which is the package's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
