//! The result object of CONTRACT.md, encoded once for `check` and `batch`; CSV rows.
//!
//! The JSON is byte for byte what `diamond_cli.result.dumps(result_dict(...))` writes: the
//! fields in the same order, text escaped as `json.dumps(ensure_ascii=False)` escapes it (and
//! msgspec, which batch lines used: the two agree), numbers exact (an integral value below
//! 10^18 as an integer, `4500000` not `4500000.00`; any other as its plain decimal text). Every
//! encoder appends to the caller's buffer: a batch encodes millions of records into one.

use std::cell::RefCell;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::check::{Check, Status, Value, Verdict};
use crate::figures::Seller;
use crate::messages::digits::{self, Sink};
use crate::messages::{check_message, field_flag, Lang};
use crate::number::Dec;
use crate::table::Table;

/// Rules that only flag (RULES.md's discretionary rules): their `kind`.
const DISCRETIONARY_RULES: [&str; 4] = [
    "account_suspended",
    "transaction_problems",
    "export_potential",
    "new_condition",
];

/// The columns of `batch --format csv`, in order.
pub const CSV_COLUMNS: [&str; 10] = [
    "line",
    "record",
    "seller",
    "nip",
    "verdict",
    "main_category",
    "route",
    "failing_rules",
    "main_shortfall",
    "error",
];

/// How a NIP may appear in output (`--nip`): as given, its last 3 digits, or an HMAC of it.
#[derive(Clone)]
pub enum NipMode {
    Show,
    Mask,
    Hash(NipKey),
}

/// The `DIAMOND_NIP_KEY` of `--nip hash`, keyed once: each NIP then costs two SHA-256 blocks.
#[derive(Clone)]
pub struct NipKey {
    mac: Hmac<Sha256>,
}

impl NipKey {
    /// HMAC takes a key of any length, so any bytes make a key (`None` cannot happen).
    pub fn new(key: &[u8]) -> Option<NipKey> {
        Hmac::<Sha256>::new_from_slice(key)
            .ok()
            .map(|mac| NipKey { mac })
    }
}

/// Appends `nip` (compact, validated) as `mode` lets it appear: `*******454` under mask, the
/// lowercase hex HMAC-SHA-256 of its ASCII under hash.
pub fn write_shown_nip(out: &mut String, nip: &str, mode: &NipMode) {
    match mode {
        NipMode::Show => out.push_str(nip),
        NipMode::Mask => {
            let count = nip.chars().count();
            let hidden = count.saturating_sub(3);
            out.extend(std::iter::repeat_n('*', hidden));
            out.extend(nip.chars().skip(hidden));
        }
        NipMode::Hash(key) => {
            let mut mac = key.mac.clone();
            mac.update(nip.as_bytes());
            for byte in mac.finalize().into_bytes() {
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 0xf)] as char);
            }
        }
    }
}

/// `write_shown_nip` as a new text.
pub fn shown_nip(nip: &str, mode: &NipMode) -> String {
    let mut out = String::new();
    write_shown_nip(&mut out, nip, mode);
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether any of eight bytes is a control below U+0020, `"` or `\\`: the bitwise tests of
/// "some byte is zero / below n", exact as yes-or-no answers.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    (below_space | zero_byte(quote) | zero_byte(backslash)) != 0
}

/// What every result of a run shares: the language of the sentences, the NIP's privacy, the
/// table that decided (its categories name the ids), and the versions the result reports.
#[derive(Clone)]
pub struct ResultContext<'a> {
    pub lang: Lang,
    pub nip_mode: NipMode,
    pub table: &'a Table,
    pub tool_version: &'a str,
    pub schema_version: u32,
    /// Checks encoded already under this context (a batch makes one per group of records).
    pub encoded: CheckCache,
}

/// Compact JSON of checks met before. Most checks of a batch are one of a few outcomes (the
/// business account given, no suspension, a grade, a discretionary figure not given), and a
/// sentence and its JSON cost more than finding the same check among the last ones.
#[derive(Clone, Default)]
pub struct CheckCache {
    entries: RefCell<Vec<(Lang, Check, Vec<u8>)>>,
}

/// How many checks a cache holds: enough for every few-valued outcome of every rule.
const CACHED_CHECKS: usize = 48;

impl CheckCache {
    /// Only a check whose `actual` is one of a few values (nothing, a yes or no, grades) is
    /// worth remembering; one that carries the seller's own amounts is met once.
    fn worth_keeping(check: &Check) -> bool {
        fn few_valued(value: &Value) -> bool {
            match value {
                Value::Null | Value::Bool(_) | Value::Grade(_) | Value::Category(_) => true,
                Value::List(items) => items.len() <= 4 && items.iter().all(few_valued),
                _ => false,
            }
        }
        few_valued(&check.actual)
    }

    fn write(&self, json: &mut Json<'_>, check: &Check, lang: Lang, table: &Table) {
        let Ok(mut entries) = self.entries.try_borrow_mut() else {
            return write_check_with_message(json, check, lang, table);
        };
        if let Some((_, _, bytes)) = entries
            .iter()
            .find(|(l, known, _)| *l == lang && known == check)
        {
            json.raw(bytes);
            return;
        }
        let start = json.out.len();
        write_check_with_message(json, check, lang, table);
        if entries.len() >= CACHED_CHECKS {
            entries.remove(0);
        }
        let bytes = json.out.get(start..).unwrap_or_default().to_vec();
        entries.push((lang, check.clone(), bytes));
    }
}

/// The result object of one verdict (`check --format json`): compact with `indent: None`, else
/// indented as `dumps(..., indent=n)` writes it. No newline after it.
pub fn encode_result(
    out: &mut Vec<u8>,
    verdict: &Verdict,
    ctx: &ResultContext<'_>,
    indent: Option<usize>,
) {
    let mut json = Json::new(out, indent);
    json.open(b'{');
    write_result_fields(&mut json, verdict, ctx);
    json.close(b'}');
}

/// One line of `batch --format jsonl`: `line`, `record`, the accounts merged into the seller
/// (`--group-by nip`), then the result object's fields; and the newline.
pub fn encode_batch_result(
    out: &mut Vec<u8>,
    line: u64,
    record: u64,
    accounts: Option<&[String]>,
    verdict: &Verdict,
    ctx: &ResultContext<'_>,
) {
    let mut json = Json::new(out, None);
    json.open(b'{');
    write_position(&mut json, line, record);
    if let Some(accounts) = accounts {
        json.key("accounts");
        write_text_list(&mut json, accounts.iter().map(String::as_str));
    }
    write_result_fields(&mut json, verdict, ctx);
    json.close(b'}');
    out.push(b'\n');
}

/// A NIP's group that could not be evaluated (`--group-by nip`): its NIP as shown, its accounts.
#[derive(Clone, Copy, Debug)]
pub struct GroupOf<'a> {
    pub shown_nip: &'a str,
    pub accounts: &'a [String],
}

/// The result of a batch record that could not be evaluated, and the newline:
/// `{"line": N, "record": K, ["nip", "accounts",] "verdict": "error", "error": message}`.
pub fn encode_batch_error(
    out: &mut Vec<u8>,
    line: u64,
    record: u64,
    group: Option<GroupOf<'_>>,
    message: &str,
) {
    let mut json = Json::new(out, None);
    json.open(b'{');
    write_position(&mut json, line, record);
    if let Some(group) = group {
        json.key("nip");
        json.text(group.shown_nip);
        json.key("accounts");
        write_text_list(&mut json, group.accounts.iter().map(String::as_str));
    }
    write_error_fields(&mut json, message);
    json.close(b'}');
    out.push(b'\n');
}

/// `check --format json` on an input error: `{"verdict": "error", "error": message}`. No newline.
pub fn encode_check_error(out: &mut Vec<u8>, message: &str, indent: Option<usize>) {
    let mut json = Json::new(out, indent);
    json.open(b'{');
    write_error_fields(&mut json, message);
    json.close(b'}');
}

/// The header line of `batch --format csv` (CRLF, as Python's csv module ends rows).
pub fn csv_header(out: &mut Vec<u8>) {
    for (i, column) in CSV_COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(column.as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}

/// One row of `batch --format csv`: the verdict, its failing rules (`;`-joined) and the sentence
/// of the first check that keeps the seller from eligible (a failure, else an unknown, else a
/// flag), quoted as Python's csv module quotes (minimal quoting, CRLF).
pub fn encode_csv_row(
    out: &mut Vec<u8>,
    line: u64,
    record: u64,
    verdict: &Verdict,
    ctx: &ResultContext<'_>,
) {
    let mut cell = String::new();
    push_csv_number(out, line);
    out.push(b',');
    push_csv_number(out, record);
    out.push(b',');
    match &verdict.figures.seller {
        Some(Seller::Text(label)) => push_csv_cell(out, label),
        Some(Seller::Id(id)) => digits::write_integer(out, *id, None),
        None => {}
    }
    out.push(b',');
    if let Some(nip) = &verdict.figures.nip {
        write_shown_nip(&mut cell, nip, &ctx.nip_mode);
        push_csv_cell(out, &cell);
    }
    out.push(b',');
    out.extend_from_slice(verdict.verdict.code().as_bytes());
    out.push(b',');
    push_csv_cell(out, category_name(ctx.table, verdict.main_category));
    out.push(b',');
    if let Some(route) = verdict.route {
        out.extend_from_slice(route.code().as_bytes());
    }
    out.push(b',');
    let mut first = true;
    for check in verdict.checks.iter().filter(|c| c.status == Status::Fail) {
        if !first {
            out.push(b';');
        }
        first = false;
        out.extend_from_slice(check.rule.as_bytes());
    }
    out.push(b',');
    if let Some(check) = main_shortfall(verdict) {
        cell.clear();
        check_message(&mut cell, check, ctx.lang, ctx.table);
        push_csv_cell(out, &cell);
    }
    out.extend_from_slice(b",\r\n");
}

/// The CSV row of a record that could not be evaluated; `shown_nip` is the group's NIP as shown
/// (`--group-by nip`), else nothing.
pub fn encode_csv_error(
    out: &mut Vec<u8>,
    line: u64,
    record: u64,
    shown_nip: Option<&str>,
    message: &str,
) {
    push_csv_number(out, line);
    out.push(b',');
    push_csv_number(out, record);
    out.extend_from_slice(b",,");
    if let Some(nip) = shown_nip {
        push_csv_cell(out, nip);
    }
    out.extend_from_slice(b",error,,,,,");
    push_csv_cell(out, message);
    out.extend_from_slice(b"\r\n");
}

/// The check whose sentence is a CSV row's main shortfall.
fn main_shortfall(verdict: &Verdict) -> Option<&Check> {
    [Status::Fail, Status::Unknown, Status::Flag]
        .into_iter()
        .find_map(|status| verdict.checks.iter().find(|c| c.status == status))
}

fn push_csv_number(out: &mut Vec<u8>, n: u64) {
    digits::write_integer(out, i128::from(n), None);
}

/// A cell quoted only where it must be: it holds the delimiter, the quote (doubled inside) or a
/// line break, as `csv.QUOTE_MINIMAL` decides.
fn push_csv_cell(out: &mut Vec<u8>, cell: &str) {
    if !cell
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.extend_from_slice(cell.as_bytes());
        return;
    }
    out.push(b'"');
    for part in cell.split_inclusive('"') {
        out.extend_from_slice(part.as_bytes());
        if part.ends_with('"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

fn category_name(table: &Table, id: usize) -> &str {
    table.categories.get(id).map_or("?", |c| c.name.as_str())
}

fn write_position(json: &mut Json<'_>, line: u64, record: u64) {
    json.key("line");
    json.integer(i128::from(line));
    json.key("record");
    json.integer(i128::from(record));
}

fn write_error_fields(json: &mut Json<'_>, message: &str) {
    json.key("verdict");
    json.word("error");
    json.key("error");
    json.text(message);
}

fn write_result_fields(json: &mut Json<'_>, verdict: &Verdict, ctx: &ResultContext<'_>) {
    let table = ctx.table;
    let figures = &verdict.figures;
    json.key("seller");
    match &figures.seller {
        Some(Seller::Text(label)) => json.text(label),
        // CONTRACT.md: the label is echoed as a string, an Allegro user id too.
        Some(Seller::Id(id)) => json.text(&id.to_string()),
        None => json.raw(b"null"),
    }
    json.key("nip");
    let mut scratch = String::new();
    match &figures.nip {
        Some(nip) => {
            write_shown_nip(&mut scratch, nip, &ctx.nip_mode);
            json.text(&scratch);
        }
        None => json.raw(b"null"),
    }
    json.key("verdict");
    json.word(verdict.verdict.code());
    json.key("main_category");
    json.text(category_name(table, verdict.main_category));
    json.key("main_category_tied_with");
    write_text_list(
        json,
        verdict
            .main_category_tied_with
            .iter()
            .map(|id| category_name(table, *id)),
    );
    json.key("route");
    match verdict.route {
        Some(route) => json.word(route.code()),
        None => json.raw(b"null"),
    }
    json.key("checks");
    json.open(b'[');
    for check in &verdict.checks {
        json.item();
        if json.indent.is_none() && CheckCache::worth_keeping(check) {
            ctx.encoded.write(json, check, ctx.lang, table);
        } else {
            write_check_with_message(json, check, ctx.lang, table);
        }
    }
    json.close(b']');
    json.key("schema_version");
    json.integer(i128::from(ctx.schema_version));
    json.key("tool_version");
    json.text(ctx.tool_version);
    json.key("thresholds");
    let reference = &table.reference;
    json.open(b'{');
    json.key("name");
    json.text(&reference.name);
    json.key("version");
    json.text(&reference.version);
    json.key("effective_from");
    match &reference.effective_from {
        Some(day) => json.text(day),
        None => json.raw(b"null"),
    }
    json.key("source");
    json.text(&reference.source);
    json.close(b'}');
}

/// One check with its sentence in `lang`.
fn write_check_with_message(json: &mut Json<'_>, check: &Check, lang: Lang, table: &Table) {
    let mut message = String::new();
    check_message(&mut message, check, lang, table);
    write_check(json, check, &message, table);
}

/// One check as `check_dict` gives it; `message` is its sentence.
fn write_check(json: &mut Json<'_>, check: &Check, message: &str, table: &Table) {
    json.open(b'{');
    json.key("rule");
    json.word(check.rule);
    json.key("status");
    json.word(check.status.code());
    json.key("message");
    json.text(message);
    json.key("kind");
    json.word(if DISCRETIONARY_RULES.contains(&check.rule) {
        "discretionary"
    } else {
        "required"
    });
    json.key("interpretation");
    json.raw(if check.interpretation {
        b"true"
    } else {
        b"false"
    });
    // Only a check decided on a default for a figure not given says so.
    if check.assumed {
        json.key("assumed");
        json.raw(b"true");
    }
    json.key("actual");
    write_value(json, &check.actual, table);
    json.key("required");
    write_value(json, &check.required, table);
    json.key("to_pass");
    json.open(b'{');
    for (key, value) in &check.to_pass {
        json.key(key);
        write_value(json, value, table);
    }
    if !check.missing.is_empty() {
        // Where each missing input comes from: its field, and the flag of `check` (if any).
        json.key("inputs");
        json.open(b'[');
        for field in &check.missing {
            json.item();
            json.open(b'{');
            json.key("field");
            json.word(field);
            json.key("flag");
            match field_flag(field) {
                Some(flag) => json.word(flag),
                None => json.raw(b"null"),
            }
            json.close(b'}');
        }
        json.close(b']');
    }
    json.close(b'}');
    if !check.margin.is_empty() {
        json.key("margin");
        json.open(b'{');
        for (key, value) in &check.margin {
            json.key(key);
            write_value(json, value, table);
        }
        json.close(b'}');
    }
    json.key("missing");
    json.open(b'[');
    for field in &check.missing {
        json.item();
        json.word(field);
    }
    json.close(b']');
    json.close(b'}');
}

fn write_text_list<'t>(json: &mut Json<'_>, items: impl Iterator<Item = &'t str>) {
    json.open(b'[');
    for item in items {
        json.item();
        json.text(item);
    }
    json.close(b']');
}

/// A figure as JSON: a grade by its API code, a category by its name, numbers exact.
fn write_value(json: &mut Json<'_>, value: &Value, table: &Table) {
    match value {
        Value::Null => json.raw(b"null"),
        Value::Bool(true) => json.raw(b"true"),
        Value::Bool(false) => json.raw(b"false"),
        Value::Int(int) => json.integer(*int),
        Value::Dec(dec) => write_decimal_into(json.out, dec),
        Value::Text(text) => json.text(text),
        Value::Grade(grade) => json.word(grade.code()),
        Value::Category(id) => json.text(category_name(table, *id)),
        Value::List(items) => {
            json.open(b'[');
            for item in items {
                json.item();
                write_value(json, item, table);
            }
            json.close(b']');
        }
        Value::Map(entries) => {
            json.open(b'{');
            for (key, item) in entries {
                json.key(key);
                write_value(json, item, table);
            }
            json.close(b'}');
        }
    }
}

/// A decimal as a JSON number (result.py's `_decimal_text`): an integral value below 10^18 as
/// an integer (`4500000.00` is `4500000`), any other as its plain text with its decimals.
pub fn write_decimal(out: &mut String, dec: &Dec) {
    write_decimal_into(out, dec);
}

fn write_decimal_into(out: &mut impl Sink, dec: &Dec) {
    if dec.exp < 0 {
        let unit = 10i128.checked_pow(dec.exp.unsigned_abs());
        // Beyond 10^38 only zero divides evenly: every i128 is smaller.
        let whole = match unit {
            Some(unit) if dec.coeff % unit == 0 => Some(dec.coeff / unit),
            None if dec.coeff == 0 => Some(0),
            _ => None,
        };
        if let Some(whole) = whole.filter(|w| w.unsigned_abs() < 1_000_000_000_000_000_000) {
            digits::write_integer(out, whole, None);
            return;
        }
    }
    digits::write_plain(out, dec, None, ".");
}

/// A JSON writer in the layout of result.py's `dumps`: compact (`,` and `:`), or one item a line
/// indented by `indent` spaces a level (`: ` after keys); an empty object or list stays `{}`/`[]`.
struct Json<'o> {
    out: &'o mut Vec<u8>,
    indent: Option<usize>,
    level: usize,
    /// Whether the open container at each level (bit = level - 1) already has an item.
    filled: u64,
}

impl<'o> Json<'o> {
    fn new(out: &'o mut Vec<u8>, indent: Option<usize>) -> Json<'o> {
        Json {
            out,
            indent,
            level: 0,
            filled: 0,
        }
    }

    fn bit(&self) -> u64 {
        1u64.checked_shl(self.level.saturating_sub(1) as u32)
            .unwrap_or(0)
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
        let bit = self.bit();
        self.filled &= !bit;
    }

    fn close(&mut self, bracket: u8) {
        let had_items = self.filled & self.bit() != 0;
        self.level = self.level.saturating_sub(1);
        if had_items {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Before each item of a list (and each key of an object): the comma and the line break.
    fn item(&mut self) {
        let bit = self.bit();
        if self.filled & bit != 0 {
            self.out.push(b',');
        }
        self.filled |= bit;
        self.newline();
    }

    fn newline(&mut self) {
        if let Some(indent) = self.indent {
            self.out.push(b'\n');
            let width = indent.saturating_mul(self.level);
            self.out.extend(std::iter::repeat_n(b' ', width));
        }
    }

    /// A key: one of the core's own names (field, rule and figure names), which hold nothing
    /// JSON escapes, so they are written as they are.
    fn key(&mut self, key: &str) {
        self.item();
        self.word(key);
        self.out.push(b':');
        if self.indent.is_some() {
            self.out.push(b' ');
        }
    }

    /// A string value that is one of the core's own codes (a rule id, a status, a grade's code):
    /// nothing in them needs escaping.
    fn word(&mut self, word: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(word.as_bytes());
        self.out.push(b'"');
    }

    fn integer(&mut self, n: i128) {
        digits::write_integer(self.out, n, None);
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// A JSON string as `json.dumps(ensure_ascii=False)` writes it: `"` and `\` escaped, the
    /// controls below U+0020 as `\n`-style escapes or `\u00XX`; everything else as it is
    /// (U+007F and U+2028 included).
    fn text(&mut self, text: &str) {
        let out = &mut *self.out;
        out.push(b'"');
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none needs escaping (most text needs none).
            if let Some(word) = bytes.get(i..i + 8) {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(word);
                if !needs_escape(u64::from_le_bytes(eight)) {
                    i += 8;
                    continue;
                }
            }
            let byte = bytes.get(i).copied().unwrap_or_default();
            i += 1;
            let escape: &[u8] = match byte {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0x00..=0x1f => b"",
                _ => continue,
            };
            out.extend_from_slice(bytes.get(start..i - 1).unwrap_or_default());
            if escape.is_empty() {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xf)]);
            } else {
                out.extend_from_slice(escape);
            }
            start = i;
        }
        out.extend_from_slice(bytes.get(start..).unwrap_or_default());
        out.push(b'"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `json.dumps(ensure_ascii=False)` of one text, a character at a time.
    fn reference(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    proptest! {
        #[test]
        fn texts_escape_as_python_wherever_the_escapes_fall(
            text in "[\\x00-\\x21\"\\\\a-z\u{7f}\u{e9}\u{2028}\u{1f600}]{0,40}"
        ) {
            let mut out = Vec::new();
            Json::new(&mut out, None).text(&text);
            prop_assert_eq!(String::from_utf8(out).unwrap(), reference(&text));
        }
    }
}
