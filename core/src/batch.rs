//! The run: the table and everything prepared from it once (`Engine`), and a batch's chunks of
//! records evaluated on threads and written in input order (`evaluate_chunk`).
//!
//! A chunk's records are split into groups that rayon's threads evaluate and encode into their
//! own buffers; the buffers are joined in input order, so N records in give N results out, in
//! order, whatever the number of threads.
//!
//! `--group-by nip` (`GroupedBatch`) reads every record first (the grouper keeps one entry per
//! NIP, so memory grows with the number of distinct NIPs, as documented), then evaluates and
//! encodes the merged sellers, the conflicts and the invalid rows' errors in the order they
//! first appeared, a chunk at a time.

use rayon::prelude::*;

use crate::check::{Status, Value as Figure, Verdict, VerdictCode};
use crate::error::InputError;
use crate::figures::CategoryId;
use crate::group::{Grouped, Grouper, Problem, RecordValidator, Row, RowError};
use crate::io::{BreakOff, Chunk, Payload, RawRecord, Reader};
use crate::json::parse_batch_record;
use crate::messages::{self, Lang};
use crate::record::{self, py_repr, Categories};
use crate::result::{self, CheckCache, CsvDialect, NipMode, ResultContext};
use crate::rules::{Rules, TableError, RULES};
use crate::spare;
use crate::table::Table;
use crate::value::{Text, Value};

/// Records a thread takes at a time: enough to amortise the hand-over, few enough to balance.
const GROUP: usize = 64;

/// The verdicts a summary counts, in the order it reports them; `error` last.
pub const VERDICTS: [&str; 5] = ["eligible", "review", "not_eligible", "incomplete", "error"];

/// The table version in force and what is prepared from it once per run.
pub struct Engine {
    pub table: Table,
    rules: Rules,
    categories: Categories,
}

impl Engine {
    pub fn new(table: Table) -> Result<Engine, TableError> {
        let rules = Rules::new(&table)?;
        let categories = Categories::new(&table);
        Ok(Engine {
            table,
            rules,
            categories,
        })
    }

    /// Each field a record gives, validated on its own (no field is required here): the errors a
    /// file or a flag has before they are merged into one record.
    pub fn validate_fields(&self, members: &[(Text, Value)]) -> Result<(), InputError> {
        record::validate_fields(members, &self.categories).map(|_| ())
    }

    /// Every problem of a record (`record::decode_all`), none when it is valid; with
    /// `required` false, only its fields' own (`record::validate_all`).
    pub fn problems(&self, value: &Value, required: bool) -> Vec<InputError> {
        match value {
            Value::Object(members) if !required => {
                record::validate_all(members, &self.categories).1
            }
            _ => record::decode_all(value, &self.categories)
                .err()
                .unwrap_or_default(),
        }
    }

    /// The table's categories as records spell them.
    pub fn categories(&self) -> &Categories {
        &self.categories
    }

    /// One seller's verdict from a record's value tree; an invalid record is an `InputError`.
    pub fn evaluate(&self, value: &Value) -> Result<Verdict, InputError> {
        let figures = record::decode(value, &self.categories)?;
        Ok(self.rules.evaluate(&self.table, figures))
    }

    /// One seller's verdict from fields validated already (a NIP's merged accounts); a missing
    /// required field is an `InputError`.
    pub fn evaluate_fields(&self, fields: record::Fields) -> Result<Verdict, InputError> {
        Ok(self.rules.evaluate(&self.table, fields.build()?))
    }
}

/// How a batch writes its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Jsonl,
    Csv(CsvDialect),
}

/// What every record of a run shares.
#[derive(Clone)]
pub struct Settings {
    pub lang: Lang,
    pub nip_mode: NipMode,
    pub output: Output,
    pub tool_version: String,
    pub schema_version: u32,
}

impl Settings {
    pub fn context<'a>(&'a self, table: &'a Table) -> ResultContext<'a> {
        ResultContext {
            lang: self.lang,
            nip_mode: self.nip_mode.clone(),
            table,
            tool_version: &self.tool_version,
            schema_version: self.schema_version,
            encoded: CheckCache::default(),
        }
    }
}

/// What the stderr summary reports. Categories and failing rules keep the order in which they
/// first appeared (the summary lists equal counts in that order); chunks' summaries add up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: u64,
    /// Counts in the order of `VERDICTS`.
    pub verdicts: [u64; 5],
    pub categories: Vec<(CategoryId, u64)>,
    /// Rules by their index in `RULES`.
    pub failing_rules: Vec<(usize, u64)>,
}

impl Summary {
    pub fn add(&mut self, other: &Summary) {
        self.total += other.total;
        for (mine, theirs) in self.verdicts.iter_mut().zip(other.verdicts) {
            *mine += theirs;
        }
        for &(category, count) in &other.categories {
            bump(&mut self.categories, category, count);
        }
        for &(rule, count) in &other.failing_rules {
            bump(&mut self.failing_rules, rule, count);
        }
    }

    fn count_verdict(&mut self, verdict: &Verdict) {
        self.total += 1;
        let index = match verdict.verdict {
            VerdictCode::Eligible => 0,
            VerdictCode::Review => 1,
            VerdictCode::NotEligible => 2,
            VerdictCode::Incomplete => 3,
        };
        self.verdicts[index] += 1;
        bump(&mut self.categories, verdict.main_category, 1);
        for check in verdict.checks.iter().filter(|c| c.status == Status::Fail) {
            if let Some(rule) = RULES.iter().position(|spec| spec.id == check.rule) {
                bump(&mut self.failing_rules, rule, 1);
            }
        }
    }

    fn count_error(&mut self) {
        self.total += 1;
        self.verdicts[4] += 1;
    }
}

fn bump<K: PartialEq>(counts: &mut Vec<(K, u64)>, key: K, by: u64) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, count)) => *count += by,
        None => counts.push((key, by)),
    }
}

/// The message of an input error as the NIP mode lets it be shown: under `show`, the NIP that
/// was refused is quoted after the problem (cut at 40 characters); never under mask or hash.
pub fn error_message(error: &InputError, nip_mode: &NipMode) -> String {
    let mut message = error.to_string();
    if let (Some(nip), NipMode::Show) = (&error.nip, nip_mode) {
        let quoted: String = if nip.chars().count() <= 40 {
            nip.clone()
        } else {
            nip.chars().take(40).chain(std::iter::once('…')).collect()
        };
        message.push_str(" (");
        message.push_str(&py_repr(&quoted));
        message.push(')');
    }
    message
}

/// A step between reading a record and validating it (the binding merges saved Allegro
/// responses into it); its error is the record's.
pub type Prepare<'a> = &'a (dyn Fn(&mut Value) -> Result<(), InputError> + Sync);

/// A chunk's results as the threads encoded them: buffers in input order, and their summary.
#[derive(Debug, Default)]
pub struct Encoded {
    pub parts: Vec<Vec<u8>>,
    pub summary: Summary,
}

impl Encoded {
    /// The bytes of every part.
    pub fn len(&self) -> usize {
        self.parts.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(Vec::is_empty)
    }

    /// The parts appended to `out`, and the summary.
    pub fn append_to(mut self, out: &mut Vec<u8>) -> Summary {
        out.reserve(self.len());
        for part in &self.parts {
            out.extend_from_slice(part);
        }
        std::mem::take(&mut self.summary)
    }
}

impl Drop for Encoded {
    fn drop(&mut self) {
        for part in self.parts.drain(..) {
            spare::OUTPUT.give(part);
        }
    }
}

/// `items` split into groups that rayon's threads encode with `encode` into buffers of their
/// own, kept in input order; each group has a result context of its own (its cache of
/// encoded checks is not shared between threads).
fn encode_in_groups<'c, T: Sync>(
    items: &[T],
    context: impl Fn() -> ResultContext<'c> + Sync,
    encode: impl Fn(&ResultContext<'c>, &T, &mut Vec<u8>, &mut Summary) + Sync,
) -> Encoded {
    let parts: Vec<(Vec<u8>, Summary)> = items
        .par_chunks(GROUP)
        .map(|group| {
            let ctx = context();
            let mut buffer = spare::OUTPUT.take(group.len() * 3072);
            let mut summary = Summary::default();
            for item in group {
                encode(&ctx, item, &mut buffer, &mut summary);
            }
            (buffer, summary)
        })
        .collect();
    let mut encoded = Encoded::default();
    for (buffer, part) in parts {
        encoded.summary.add(&part);
        encoded.parts.push(buffer);
    }
    encoded
}

/// Every record of `chunk`, evaluated and encoded in input order.
pub fn evaluate_chunk(
    engine: &Engine,
    settings: &Settings,
    chunk: &Chunk,
    prepare: Option<Prepare<'_>>,
) -> Encoded {
    encode_in_groups(
        &chunk.records,
        || settings.context(&engine.table),
        |ctx, raw, out, summary| {
            encode_record(engine, settings, ctx, chunk, raw, prepare, out, summary);
        },
    )
}

#[allow(clippy::too_many_arguments)]
fn encode_record(
    engine: &Engine,
    settings: &Settings,
    ctx: &ResultContext<'_>,
    chunk: &Chunk,
    raw: &RawRecord,
    prepare: Option<Prepare<'_>>,
    out: &mut Vec<u8>,
    summary: &mut Summary,
) {
    let evaluate = |mut value: Value| -> Result<Verdict, InputError> {
        if let Some(prepare) = prepare {
            prepare(&mut value)?;
        }
        engine.evaluate(&value)
    };
    let outcome = match &raw.payload {
        Payload::Json(range) => parse_batch_record(chunk.json(range)).and_then(evaluate),
        Payload::Value(value) if prepare.is_some() => evaluate(value.clone()),
        Payload::Value(value) => engine.evaluate(value),
        Payload::Error(error) => Err(error.clone()),
        Payload::CellError(cell) => Err(cell.error.clone()),
    };
    match outcome {
        Ok(verdict) => {
            summary.count_verdict(&verdict);
            match settings.output {
                Output::Jsonl => {
                    result::encode_batch_result(out, raw.line, raw.record, None, &verdict, ctx)
                }
                Output::Csv(dialect) => {
                    result::encode_csv_row(out, raw.line, raw.record, &verdict, None, ctx, dialect)
                }
            }
        }
        Err(error) => {
            summary.count_error();
            let message = error_message(&error, &settings.nip_mode);
            match settings.output {
                Output::Jsonl => {
                    result::encode_batch_error(out, raw.line, raw.record, None, &message)
                }
                Output::Csv(dialect) => {
                    result::encode_csv_error(out, raw.line, raw.record, None, &message, dialect)
                }
            }
        }
    }
}

// ---------------------------------------------------------------- --group-by nip

/// A grouped batch (`--group-by nip`): every chunk of records is folded into the grouper
/// (`add_chunk`); once the input is read (`finish`), the results come out a chunk at a time
/// (`next_chunk`), evaluated on threads and encoded in the order each NIP or invalid row first
/// appeared.
#[derive(Default)]
pub struct GroupedBatch {
    grouper: Grouper,
    results: Option<std::vec::IntoIter<Grouped>>,
}

impl GroupedBatch {
    pub fn new() -> GroupedBatch {
        GroupedBatch::default()
    }

    /// Folds one chunk of records in (decoded on threads, folded in input order). After
    /// `finish` it does nothing.
    pub fn add_chunk(&mut self, engine: &Engine, chunk: Chunk) {
        if self.results.is_some() {
            return;
        }
        let mut chunk = chunk;
        let bytes = &chunk.bytes;
        let rows: Vec<(u64, u64, Row)> = std::mem::take(&mut chunk.records)
            .into_par_iter()
            .with_min_len(GROUP)
            .map(|raw| (raw.line, raw.record, row_of(bytes, raw.payload)))
            .collect();
        let mut validator = RecordValidator::new(engine.categories());
        for (line, record, row) in rows {
            self.grouper.add(line, record, row, &mut validator);
        }
    }

    /// The input is read: the results are settled, in order of first appearance.
    pub fn finish(&mut self, engine: &Engine) {
        if self.results.is_none() {
            let grouper = std::mem::take(&mut self.grouper);
            let results: Vec<Grouped> = grouper.results(&engine.table).collect();
            self.results = Some(results.into_iter());
        }
    }

    /// The next results (at most `max_results`, at least one), evaluated and encoded in order
    /// and appended to `out`, with their summary; `None` when every result is out (or before
    /// `finish`).
    pub fn next_chunk(
        &mut self,
        engine: &Engine,
        settings: &Settings,
        max_results: usize,
        out: &mut Vec<u8>,
    ) -> Option<Summary> {
        let results = self.results.as_mut()?;
        let part: Vec<Grouped> = results.by_ref().take(max_results.max(1)).collect();
        if part.is_empty() {
            return None;
        }
        let encoded = encode_in_groups(
            &part,
            || settings.context(&engine.table),
            |ctx, result, out, summary| {
                encode_grouped(engine, settings, ctx, result, out, summary);
            },
        );
        Some(encoded.append_to(out))
    }
}

/// Every record `reader` gives, grouped by NIP; then `write` is called with each chunk of at
/// most `chunk_records` results and its summary, in order. A break-off of the input ends the
/// run before any result is written (a company cannot be judged without its later rows).
pub fn run_grouped<R: std::io::Read>(
    engine: &Engine,
    settings: &Settings,
    reader: &mut Reader<R>,
    chunk_records: usize,
    mut write: impl FnMut(&[u8], &Summary),
) -> Result<(), BreakOff> {
    let mut batch = GroupedBatch::new();
    while let Some(chunk) = reader.next_chunk(chunk_records)? {
        batch.add_chunk(engine, chunk);
    }
    batch.finish(engine);
    let mut out = Vec::new();
    while let Some(summary) = batch.next_chunk(engine, settings, chunk_records, &mut out) {
        write(&out, &summary);
        out.clear();
    }
    Ok(())
}

/// A record as the grouper takes it: its object's members, or why it cannot be read.
fn row_of(bytes: &[u8], payload: Payload) -> Row {
    let value = match payload {
        Payload::Json(range) => match parse_batch_record(bytes.get(range).unwrap_or_default()) {
            Ok(value) => value,
            Err(error) => return Row::Unreadable(error),
        },
        Payload::Value(value) => value,
        Payload::Error(error) => return Row::Unreadable(error),
        Payload::CellError(cell) => return Row::Cell(cell),
    };
    match value {
        Value::Object(members) => Row::Fields(members),
        other => Row::Unreadable(InputError::new(
            None,
            format!(
                "expected a seller record (an object), found {}",
                crate::json::type_name(&other)
            ),
        )),
    }
}

fn encode_grouped(
    engine: &Engine,
    settings: &Settings,
    ctx: &ResultContext<'_>,
    grouped: &Grouped,
    out: &mut Vec<u8>,
    summary: &mut Summary,
) {
    let (line, record, nip, accounts, seller, message) = match grouped {
        Grouped::Row {
            line,
            record,
            error,
        } => {
            let message = match error {
                RowError::Input(error) => error_message(error, &settings.nip_mode),
                RowError::Derived { field } => {
                    let mut message = format!("{field}: ");
                    messages::text(
                        &mut message,
                        "batch.group.derived",
                        settings.lang,
                        &[],
                        &engine.table,
                    );
                    message
                }
            };
            summary.count_error();
            match settings.output {
                Output::Jsonl => result::encode_batch_error(out, *line, *record, None, &message),
                Output::Csv(dialect) => {
                    result::encode_csv_error(out, *line, *record, None, &message, dialect)
                }
            }
            return;
        }
        Grouped::Seller {
            line,
            record,
            nip,
            accounts,
            figures,
            ..
        } => match engine.evaluate_fields(figures.as_ref().clone()) {
            Ok(verdict) => {
                summary.count_verdict(&verdict);
                match settings.output {
                    Output::Jsonl => result::encode_batch_result(
                        out,
                        *line,
                        *record,
                        Some(accounts),
                        &verdict,
                        ctx,
                    ),
                    Output::Csv(dialect) => result::encode_csv_row(
                        out,
                        *line,
                        *record,
                        &verdict,
                        Some(accounts),
                        ctx,
                        dialect,
                    ),
                }
                return;
            }
            // A required field no row gave; never a NIP to reveal.
            Err(error) => (
                *line,
                *record,
                nip,
                accounts,
                figures.seller.as_ref(),
                error.to_string(),
            ),
        },
        Grouped::Conflict {
            line,
            record,
            nip,
            accounts,
            seller,
            problems,
        } => {
            let mut message = String::new();
            for (i, problem) in problems.iter().enumerate() {
                if i > 0 {
                    message.push_str("; ");
                }
                problem_text(&mut message, problem, settings.lang, &engine.table);
            }
            (*line, *record, nip, accounts, seller.as_ref(), message)
        }
    };
    summary.count_error();
    let shown = result::shown_nip(nip, &settings.nip_mode);
    let message = format!("NIP {shown}: {message}");
    let group = result::GroupOf {
        shown_nip: &shown,
        accounts,
        seller,
    };
    match settings.output {
        Output::Jsonl => result::encode_batch_error(out, line, record, Some(group), &message),
        Output::Csv(dialect) => {
            result::encode_csv_error(out, line, record, Some(group), &message, dialect)
        }
    }
}

/// A conflict's sentence (`batch.group.*`), worded from the catalogue as `grouping.py` words it.
pub fn problem_text(out: &mut String, problem: &Problem, lang: Lang, table: &Table) {
    let list = |items: &[String]| Figure::List(items.iter().cloned().map(Figure::Text).collect());
    let text = |item: &str| Figure::Text(item.to_string());
    let count = |n: usize| Figure::Int(i128::try_from(n).unwrap_or(i128::MAX));
    let params: Vec<(&str, Figure)> = match problem {
        Problem::InvalidRow { account, line } => vec![
            ("account", text(account)),
            ("line", Figure::Int(i128::from(*line))),
        ],
        Problem::Months {
            first,
            first_count,
            account,
            count: months,
        } => vec![
            ("field", text("monthly_revenue")),
            ("first", text(first)),
            ("first_count", count(*first_count)),
            ("account", text(account)),
            ("count", count(*months)),
        ],
        Problem::Differs {
            field,
            first,
            account,
        } => vec![
            ("field", text(field)),
            ("first", text(first)),
            ("account", text(account)),
        ],
        Problem::NoMain { accounts }
        | Problem::TwoMain { accounts }
        | Problem::TwoBrandZone { accounts }
        | Problem::Pct { accounts } => {
            vec![("accounts", list(accounts)), ("n", count(accounts.len()))]
        }
        Problem::NoMonths { accounts, given } => vec![
            ("accounts", list(accounts)),
            ("n", count(accounts.len())),
            ("given", list(given)),
        ],
        Problem::Ratings { accounts, counted } => {
            vec![("accounts", list(accounts)), ("counted", list(counted))]
        }
    };
    if !messages::text(out, problem.key(), lang, &params, table) {
        out.push_str(problem.key()); // a key no catalogue has: shown as itself
    }
}
