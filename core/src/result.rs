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
use crate::json::plain_run;
use crate::messages::digits::{self, Sink};
use crate::messages::{check_message, field_flag, Lang};
use crate::number::{Dec, Wide};
use crate::rules::RULES;
use crate::table::Table;

/// `json.key(name)`, but once the object has a member, in compact JSON, the comma and the key
/// are one piece written at once (`,"name":`).
macro_rules! key {
    ($json:expr, $name:literal) => {
        $json.next_key(concat!(",\"", $name, "\":").as_bytes(), $name)
    };
}

/// Rules that only flag (RULES.md's discretionary rules): their `kind`.
const DISCRETIONARY_RULES: [&str; 4] = [
    "account_suspended",
    "transaction_problems",
    "export_potential",
    "new_condition",
];

/// The columns of `batch --format csv`, in order. New ones go at the end: scripts read by place.
pub const CSV_COLUMNS: [&str; 15] = [
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
    "failing_rules_count",
    "short_pln",
    "short_pct",
    "positive_ratings_needed",
    "accounts",
];

/// The sortable figures of a result, for the CSV and for `check_frame`'s rows alike:
/// `(column, rule, path into the rule's to_pass)`; empty when the rule has no such figure
/// (it passed, or cannot say). `short_pln`/`short_pct` are the revenue still short of the main
/// category's company threshold; `positive_ratings_needed` is null (empty) when unreachable.
pub const FIGURE_COLUMNS: [FigureColumn; 3] = [
    FigureColumn {
        name: "short_pln",
        rule: "revenue_threshold",
        path: &["company", "short_pln"],
        pln: true,
    },
    FigureColumn {
        name: "short_pct",
        rule: "revenue_threshold",
        path: &["company", "short_pct"],
        pln: false,
    },
    FigureColumn {
        name: "positive_ratings_needed",
        rule: "positive_ratings",
        path: &["positive_ratings_needed"],
        pln: false,
    },
];

/// A column of `FIGURE_COLUMNS`: the figure at `path` in `rule`'s `to_pass`.
pub struct FigureColumn {
    pub name: &'static str,
    pub rule: &'static str,
    pub path: &'static [&'static str],
    /// An amount in PLN: written with at least two decimals (`4500000.00`).
    pub pln: bool,
}

/// How a CSV is written for the spreadsheet that opens it (`--csv-dialect`): `excel` has `,`
/// between cells and a decimal point; `excel-pl`, what Polish Excel opens by a double click,
/// `;` and a decimal comma (its UTF-8 BOM is the writer's: it starts the file, not a row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvDialect {
    pub delimiter: u8,
    pub decimal_comma: bool,
}

impl CsvDialect {
    pub const EXCEL: CsvDialect = CsvDialect {
        delimiter: b',',
        decimal_comma: false,
    };
    pub const EXCEL_PL: CsvDialect = CsvDialect {
        delimiter: b';',
        decimal_comma: true,
    };

    /// `excel` or `excel-pl`, as the flag names them.
    pub fn from_name(name: &str) -> Option<CsvDialect> {
        match name {
            "excel" => Some(CsvDialect::EXCEL),
            "excel-pl" => Some(CsvDialect::EXCEL_PL),
            _ => None,
        }
    }
}

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
    /// The compact JSON of the fields every result of the context ends with (versions, table).
    tail: std::cell::OnceCell<Vec<u8>>,
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
    // About what a result takes, so that its many small writes seldom grow the buffer.
    out.reserve(4096);
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
    /// The group's seller label, when its rows give one.
    pub seller: Option<&'a Seller>,
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
        if let Some(seller) = group.seller {
            json.key("seller");
            write_seller(&mut json, Some(seller));
        }
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
pub fn csv_header(out: &mut Vec<u8>, dialect: CsvDialect) {
    for (i, column) in CSV_COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(dialect.delimiter);
        }
        out.extend_from_slice(column.as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}

/// One row of `batch --format csv`: the verdict, its failing rules (`;`-joined) and the sentence
/// of the first check that keeps the seller from eligible (a failure, else an unknown, else a
/// flag), the sortable figures, and the accounts of a NIP's group (`--group-by nip`), quoted
/// as Python's csv module quotes (minimal quoting, CRLF).
pub fn encode_csv_row(
    out: &mut Vec<u8>,
    line: u64,
    record: u64,
    verdict: &Verdict,
    accounts: Option<&[String]>,
    ctx: &ResultContext<'_>,
    dialect: CsvDialect,
) {
    let cell = Cells { dialect };
    let mut text = String::new();
    push_csv_number(out, line);
    cell.next(out);
    push_csv_number(out, record);
    cell.next(out);
    cell.verdict(out, verdict, ctx, &mut text);
    cell.next(out);
    text.clear();
    for (i, check) in failing_checks(verdict).enumerate() {
        if i > 0 {
            text.push(';');
        }
        text.push_str(check.rule);
    }
    cell.text(out, &text);
    cell.next(out);
    if let Some(check) = main_shortfall(verdict) {
        text.clear();
        check_message(&mut text, check, ctx.lang, ctx.table);
        cell.text(out, &text);
    }
    cell.next(out); // no error
    cell.next(out);
    cell.figures(out, verdict, &mut text);
    cell.next(out);
    cell.accounts(out, accounts, &mut text);
    out.extend_from_slice(b"\r\n");
}

/// The CSV row of a record that could not be evaluated; `group` is the NIP's group, as shown
/// (`--group-by nip`), else nothing.
pub fn encode_csv_error(
    out: &mut Vec<u8>,
    line: u64,
    record: u64,
    group: Option<GroupOf<'_>>,
    message: &str,
    dialect: CsvDialect,
) {
    let cell = Cells { dialect };
    push_csv_number(out, line);
    cell.next(out);
    push_csv_number(out, record);
    cell.next(out);
    if let Some(seller) = group.and_then(|group| group.seller) {
        cell.seller(out, seller);
    }
    cell.next(out);
    if let Some(group) = &group {
        cell.text(out, group.shown_nip);
    }
    cell.next(out);
    out.extend_from_slice(b"error");
    for _ in 0..5 {
        cell.next(out); // main_category, route, failing_rules, main_shortfall
    }
    cell.text(out, message);
    for _ in 0..FIGURE_COLUMNS.len() + 2 {
        cell.next(out); // failing_rules_count and the figures
    }
    let mut text = String::new();
    cell.accounts(out, group.map(|group| group.accounts), &mut text);
    out.extend_from_slice(b"\r\n");
}

/// The columns of `check_frame`'s rows, in order (no header is written).
pub fn frame_columns() -> Vec<String> {
    let mut columns: Vec<String> = ["seller", "nip", "verdict", "main_category", "route"]
        .map(String::from)
        .to_vec();
    columns.extend(RULES.iter().map(|spec| format!("status_{}", spec.id)));
    columns.push("failing_rules_count".to_string());
    columns.extend(FIGURE_COLUMNS.iter().map(|column| column.name.to_string()));
    columns.push("error".to_string());
    columns
}

/// One row of `check_frame` (`frame_columns`; `,`, decimal points, LF): the same cells as the
/// CSV's columns of the same names, and each rule's status.
pub fn encode_frame_row(out: &mut Vec<u8>, verdict: &Verdict, ctx: &ResultContext<'_>) {
    let cell = Cells {
        dialect: CsvDialect::EXCEL,
    };
    let mut text = String::new();
    cell.verdict(out, verdict, ctx, &mut text);
    for spec in RULES.iter() {
        cell.next(out);
        if let Some(check) = verdict.checks.iter().find(|check| check.rule == spec.id) {
            out.extend_from_slice(check.status.code().as_bytes());
        }
    }
    cell.next(out);
    cell.figures(out, verdict, &mut text);
    out.extend_from_slice(b",\n"); // no error
}

/// The `check_frame` row of a record that could not be evaluated: its verdict and message.
pub fn encode_frame_error(out: &mut Vec<u8>, message: &str) {
    let cell = Cells {
        dialect: CsvDialect::EXCEL,
    };
    out.extend_from_slice(b",,error"); // seller, nip, verdict
    out.extend(std::iter::repeat_n(b',', frame_columns().len() - 3)); // empty up to the message
    cell.text(out, message);
    out.push(b'\n');
}

/// The cells every CSV row shares, written in one dialect.
struct Cells {
    dialect: CsvDialect,
}

impl Cells {
    fn next(&self, out: &mut Vec<u8>) {
        out.push(self.dialect.delimiter);
    }

    fn text(&self, out: &mut Vec<u8>, cell: &str) {
        push_csv_cell(out, cell, self.dialect.delimiter);
    }

    /// `seller`, `nip`, `verdict`, `main_category`, `route`: the CSV's and the frames' alike.
    fn verdict(
        &self,
        out: &mut Vec<u8>,
        verdict: &Verdict,
        ctx: &ResultContext<'_>,
        text: &mut String,
    ) {
        if let Some(seller) = &verdict.figures.seller {
            self.seller(out, seller);
        }
        self.next(out);
        self.nip(out, verdict, &ctx.nip_mode, text);
        self.next(out);
        out.extend_from_slice(verdict.verdict.code().as_bytes());
        self.next(out);
        self.text(out, category_name(ctx.table, verdict.main_category));
        self.next(out);
        if let Some(route) = verdict.route {
            out.extend_from_slice(route.code().as_bytes());
        }
    }

    fn seller(&self, out: &mut Vec<u8>, seller: &Seller) {
        match seller {
            Seller::Text(label) => self.text(out, label),
            Seller::Id(id) => digits::write_integer(out, *id, None),
        }
    }

    fn nip(&self, out: &mut Vec<u8>, verdict: &Verdict, mode: &NipMode, text: &mut String) {
        if let Some(nip) = &verdict.figures.nip {
            text.clear();
            write_shown_nip(text, nip, mode);
            self.text(out, text);
        }
    }

    /// `failing_rules_count` and the `FIGURE_COLUMNS`, as exact as the result's JSON; amounts in
    /// PLN with two decimals at least (`4500000.00`).
    fn figures(&self, out: &mut Vec<u8>, verdict: &Verdict, text: &mut String) {
        let failing = failing_checks(verdict).count();
        digits::write_integer(out, i128::try_from(failing).unwrap_or(i128::MAX), None);
        for column in &FIGURE_COLUMNS {
            self.next(out);
            let Some(figure) = verdict
                .checks
                .iter()
                .find(|check| check.rule == column.rule)
                .and_then(|check| figure_at(&check.to_pass, column.path))
            else {
                continue;
            };
            text.clear();
            match figure {
                Value::Int(value) => digits::write_integer(text, *value, None),
                Value::Dec(value) => write_decimal(text, value), // the JSON's digits
                _ => continue,
            }
            if column.pln {
                two_decimals(text);
            }
            if self.dialect.decimal_comma {
                *text = text.replace('.', ",");
            }
            out.extend_from_slice(text.as_bytes());
        }
    }

    /// A NIP group's accounts, `;`-joined (quoted when `;` is the delimiter).
    fn accounts(&self, out: &mut Vec<u8>, accounts: Option<&[String]>, text: &mut String) {
        if let Some(accounts) = accounts {
            text.clear();
            text.push_str(&accounts.join(";"));
            self.text(out, text);
        }
    }
}

fn failing_checks(verdict: &Verdict) -> impl Iterator<Item = &Check> {
    verdict.checks.iter().filter(|c| c.status == Status::Fail)
}

/// An amount's digits with two decimals at least, and no trailing zero beyond them
/// (`4500000` -> `4500000.00`, `0.5` -> `0.50`, `0.001` stays): exact, never rounded.
fn two_decimals(text: &mut String) {
    if !text.contains('.') {
        text.push('.');
    }
    while text.ends_with('0') && text.len() - text.find('.').unwrap_or(0) > 3 {
        text.pop();
    }
    while text.len() - text.find('.').unwrap_or(0) < 3 {
        text.push('0');
    }
}

/// The figure at `path` in a check's `to_pass` (maps nested by key).
fn figure_at<'v>(to_pass: &'v [(&'static str, Value)], path: &[&str]) -> Option<&'v Value> {
    let (first, rest) = path.split_first()?;
    let found = to_pass
        .iter()
        .find(|(name, _)| name == first)
        .map(|(_, v)| v)?;
    match (rest.is_empty(), found) {
        (true, found) => Some(found),
        (false, Value::Map(inner)) => figure_at(inner, rest),
        (false, _) => None,
    }
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
fn push_csv_cell(out: &mut Vec<u8>, cell: &str, delimiter: u8) {
    if !cell
        .bytes()
        .any(|b| b == delimiter || matches!(b, b'"' | b'\r' | b'\n'))
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
    key!(json, "line");
    json.integer(i128::from(line));
    key!(json, "record");
    json.integer(i128::from(record));
}

fn write_error_fields(json: &mut Json<'_>, message: &str) {
    json.key("verdict");
    json.word("error");
    json.key("error");
    json.text(message);
}

fn write_seller(json: &mut Json<'_>, seller: Option<&Seller>) {
    match seller {
        Some(Seller::Text(label)) => json.text(label),
        // CONTRACT.md: the label is echoed as a string, an Allegro user id too.
        Some(Seller::Id(id)) => json.text(&id.to_string()),
        None => json.raw(b"null"),
    }
}

fn write_result_fields(json: &mut Json<'_>, verdict: &Verdict, ctx: &ResultContext<'_>) {
    let table = ctx.table;
    let figures = &verdict.figures;
    key!(json, "seller");
    write_seller(json, figures.seller.as_ref());
    key!(json, "nip");
    let mut scratch = String::new();
    match &figures.nip {
        Some(nip) => {
            write_shown_nip(&mut scratch, nip, &ctx.nip_mode);
            json.text(&scratch);
        }
        None => json.raw(b"null"),
    }
    key!(json, "verdict");
    json.word(verdict.verdict.code());
    key!(json, "main_category");
    json.text(category_name(table, verdict.main_category));
    key!(json, "main_category_tied_with");
    write_text_list(
        json,
        verdict
            .main_category_tied_with
            .iter()
            .map(|id| category_name(table, *id)),
    );
    key!(json, "route");
    match verdict.route {
        Some(route) => json.word(route.code()),
        None => json.raw(b"null"),
    }
    key!(json, "checks");
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
    if json.indent.is_some() {
        return write_run_fields(json, ctx);
    }
    // The same bytes for every result of a run: written once, then copied.
    let tail = ctx.encoded.tail.get_or_init(|| {
        let mut tail = Vec::new();
        let mut inner = Json::new(&mut tail, None);
        inner.open(b'{');
        inner.filled = 1; // after the fields before it, as in the result
        write_run_fields(&mut inner, ctx);
        tail.split_off(1)
    });
    json.raw(tail);
}

/// The fields of a result that are the run's, not the seller's: versions and the table.
fn write_run_fields(json: &mut Json<'_>, ctx: &ResultContext<'_>) {
    let table = ctx.table;
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
    thread_local! {
        // One buffer a thread for the sentence of each check it writes: ten a record, each of
        // which would otherwise grow a new String from nothing.
        static MESSAGE: RefCell<String> = const { RefCell::new(String::new()) };
    }
    MESSAGE.with_borrow_mut(|message| {
        message.clear();
        check_message(message, check, lang, table);
        write_check(json, check, message, table);
    });
}

/// One check as `check_dict` gives it; `message` is its sentence.
fn write_check(json: &mut Json<'_>, check: &Check, message: &str, table: &Table) {
    let discretionary = DISCRETIONARY_RULES.contains(&check.rule);
    if json.indent.is_some() {
        json.open(b'{');
        key!(json, "rule");
        json.word(check.rule);
        key!(json, "status");
        json.word(check.status.code());
        key!(json, "message");
        json.text(message);
        key!(json, "kind");
        json.word(if discretionary {
            "discretionary"
        } else {
            "required"
        });
        key!(json, "interpretation");
        json.raw(if check.interpretation {
            b"true"
        } else {
            b"false"
        });
    } else {
        // The same fields compact, their fixed parts written in as few pieces as they allow
        // (ten checks a record: a copy a key and a value was a tenth of a batch's work).
        json.open(b'{');
        json.raw(b"\"rule\":\"");
        json.raw(check.rule.as_bytes());
        json.raw(b"\",\"status\":\"");
        json.raw(check.status.code().as_bytes());
        json.raw(b"\",\"message\":");
        json.text(message);
        json.raw(match (discretionary, check.interpretation) {
            (false, false) => b",\"kind\":\"required\",\"interpretation\":false",
            (false, true) => b",\"kind\":\"required\",\"interpretation\":true",
            (true, false) => b",\"kind\":\"discretionary\",\"interpretation\":false",
            (true, true) => b",\"kind\":\"discretionary\",\"interpretation\":true",
        });
        json.fill();
    }
    // Only a check decided on a default for a figure not given says so.
    if check.assumed {
        key!(json, "assumed");
        json.raw(b"true");
    }
    key!(json, "actual");
    write_value(json, &check.actual, table);
    key!(json, "required");
    write_value(json, &check.required, table);
    key!(json, "to_pass");
    json.open(b'{');
    for (key, value) in &check.to_pass {
        json.key(key);
        write_value(json, value, table);
    }
    if !check.missing.is_empty() {
        // Where each missing input comes from: its field, and the flag of `check` (if any).
        key!(json, "inputs");
        json.open(b'[');
        for field in &check.missing {
            json.item();
            json.open(b'{');
            key!(json, "field");
            json.word(field);
            key!(json, "flag");
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
        key!(json, "margin");
        json.open(b'{');
        for (key, value) in &check.margin {
            json.key(key);
            write_value(json, value, table);
        }
        json.close(b'}');
    }
    key!(json, "missing");
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
        let unit = i128::pow10(dec.exp.unsigned_abs());
        // Beyond 10^38 only zero divides evenly: every i128 is smaller.
        // (`divmod` divides in 64 bits where both fit.)
        let whole = match unit {
            Some(unit) => dec
                .coeff
                .divmod(&unit)
                .and_then(|(whole, rest)| (rest == 0).then_some(whole)),
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

    #[inline(always)]
    fn bit(&self) -> u64 {
        1u64.checked_shl(self.level.saturating_sub(1) as u32)
            .unwrap_or(0)
    }

    #[inline(always)]
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
        let bit = self.bit();
        self.filled &= !bit;
    }

    #[inline(always)]
    fn close(&mut self, bracket: u8) {
        let had_items = self.filled & self.bit() != 0;
        self.level = self.level.saturating_sub(1);
        if had_items {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// The open container has items already (written as raw bytes): the next one needs a comma.
    #[inline(always)]
    fn fill(&mut self) {
        self.filled |= self.bit();
    }

    /// A key of the core's own (see `key`); `compact` is `,"key":`, for a member after the first.
    #[inline(always)]
    fn next_key(&mut self, compact: &[u8], key: &str) {
        if self.indent.is_none() && self.filled & self.bit() != 0 {
            self.out.extend_from_slice(compact);
        } else {
            self.key(key);
        }
    }

    /// Before each item of a list (and each key of an object): the comma and the line break.
    #[inline(always)]
    fn item(&mut self) {
        let bit = self.bit();
        if self.filled & bit != 0 {
            self.out.push(b',');
        }
        self.filled |= bit;
        self.newline();
    }

    #[inline]
    fn newline(&mut self) {
        if let Some(indent) = self.indent {
            self.indented_newline(indent);
        }
    }

    /// Only `check --format json` indents: kept out of the compact writer's inlined path.
    #[cold]
    #[inline(never)]
    fn indented_newline(&mut self, indent: usize) {
        self.out.push(b'\n');
        let width = indent.saturating_mul(self.level);
        self.out.extend(std::iter::repeat_n(b' ', width));
    }

    /// A key: one of the core's own names (field, rule and figure names), which hold nothing
    /// JSON escapes, so they are written as they are.
    #[inline(always)]
    fn key(&mut self, key: &str) {
        self.item();
        let out = &mut *self.out;
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(if self.indent.is_some() {
            b"\": "
        } else {
            b"\":"
        });
    }

    /// A string value that is one of the core's own codes (a rule id, a status, a grade's code):
    /// nothing in them needs escaping.
    #[inline(always)]
    fn word(&mut self, word: &str) {
        self.out.push(b'"');
        self.out.extend_from_slice(word.as_bytes());
        self.out.push(b'"');
    }

    fn integer(&mut self, n: i128) {
        digits::write_integer(self.out, n, None);
    }

    #[inline(always)]
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
            i = plain_run(bytes, i);
            let Some(&byte) = bytes.get(i) else { break };
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

#[cfg(test)]
mod csv_tests {
    use super::two_decimals;

    #[test]
    fn amounts_have_two_decimals_and_keep_every_digit() {
        for (json, cell) in [
            ("4500000", "4500000.00"),
            ("0.5", "0.50"),
            ("0.01", "0.01"),
            ("1.230", "1.23"),
            ("0.001", "0.001"),
            ("12.3450", "12.345"),
        ] {
            let mut text = json.to_string();
            two_decimals(&mut text);
            assert_eq!(text, cell, "{json}");
        }
    }
}
