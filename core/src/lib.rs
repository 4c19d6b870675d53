//! diamond_core: the record pipeline of diamond_cli (decode, rules, sentences, encoding).
//!
//! Pure Rust, no Python: the `binding` crate is the only door to it. See docs/core.md for the
//! map of modules.

#![forbid(unsafe_code)]

pub mod batch;
pub mod check;
pub mod error;
pub mod figures;
pub mod group;
pub mod hash;
pub mod io;
pub mod json;
pub mod messages;
pub mod nip;
pub mod number;
pub mod record;
pub mod result;
pub mod rules;
pub mod spare;
pub mod table;
pub mod value;

/// The version of the core, which is the package's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
