//! diamond_core: the record pipeline of diamond_cli (decode, rules, sentences, encoding).
//!
//! Pure Rust, no Python: the `binding` crate is the only door to it. See docs/core.md for the
//! map of modules.

#![forbid(unsafe_code)]

pub mod check;
pub mod error;
pub mod figures;
pub mod number;
pub mod table;
pub mod value;

/// The version of the core, which is the package's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
