//! A record before validation: the JSON value tree every source is brought to.
//!
//! JSON bytes (decode), CSV cells (io::csv), and Python values from YAML files, flags and saved
//! Allegro responses (the binding) all become a `Value`; one validator (record) turns it into
//! `Figures`, so every input error is worded once.

/// Texts are `CompactString`s: a record's keys, numbers and most of its texts are shorter than
/// 24 bytes and are then held inline, so reading a record does not allocate for each of them.
pub type Text = compact_str::CompactString;

/// A JSON value. Numbers keep their literal text (`"99.50"`, `"12"`, `"1e999999999"`,
/// `"NaN"`): the validator of each field decides what it accepts, exactly, and names the field
/// when it refuses. Object members keep their order; a duplicated key is refused by the parser.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Text),
    String(Text),
    Array(Vec<Value>),
    Object(Vec<(Text, Value)>),
}
