//! The run: the table and everything prepared from it once (`Engine`), and a batch's chunks of
//! records evaluated on threads and written in input order (`evaluate_chunk`).
//!
//! A chunk's records are split into groups that rayon's threads evaluate and encode into their
//! own buffers; the buffers are joined in input order, so N records in give N results out, in
//! order, whatever the number of threads.

use rayon::prelude::*;

use crate::check::{Status, Verdict, VerdictCode};
use crate::error::InputError;
use crate::figures::CategoryId;
use crate::io::{Chunk, Payload, RawRecord};
use crate::json::parse_batch_record;
use crate::messages::Lang;
use crate::record::{self, py_repr, Categories};
use crate::result::{self, NipMode, ResultContext};
use crate::rules::{Rules, TableError, RULES};
use crate::table::Table;
use crate::value::Value;

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
    pub fn validate_fields(&self, members: &[(String, Value)]) -> Result<(), InputError> {
        record::validate_fields(members, &self.categories).map(|_| ())
    }

    /// One seller's verdict from a record's value tree; an invalid record is an `InputError`.
    pub fn evaluate(&self, value: &Value) -> Result<Verdict, InputError> {
        let figures = record::decode(value, &self.categories)?;
        Ok(self.rules.evaluate(&self.table, figures))
    }
}

/// How a batch writes its results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Jsonl,
    Csv,
}

/// What every record of a run shares.
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

/// Every record of `chunk`, evaluated and encoded in input order, appended to `out`.
pub fn evaluate_chunk(
    engine: &Engine,
    settings: &Settings,
    chunk: &Chunk,
    prepare: Option<Prepare<'_>>,
    out: &mut Vec<u8>,
) -> Summary {
    let parts: Vec<(Vec<u8>, Summary)> = chunk
        .records
        .par_chunks(GROUP)
        .map(|group| {
            let mut buffer = Vec::with_capacity(group.len() * 3072);
            let mut summary = Summary::default();
            let ctx = settings.context(&engine.table);
            for raw in group {
                encode_record(
                    engine,
                    settings,
                    &ctx,
                    chunk,
                    raw,
                    prepare,
                    &mut buffer,
                    &mut summary,
                );
            }
            (buffer, summary)
        })
        .collect();
    let mut summary = Summary::default();
    out.reserve(parts.iter().map(|(buffer, _)| buffer.len()).sum());
    for (buffer, part) in &parts {
        out.extend_from_slice(buffer);
        summary.add(part);
    }
    summary
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
                Output::Csv => result::encode_csv_row(out, raw.line, raw.record, &verdict, ctx),
            }
        }
        Err(error) => {
            summary.count_error();
            let message = error_message(&error, &settings.nip_mode);
            match settings.output {
                Output::Jsonl => {
                    result::encode_batch_error(out, raw.line, raw.record, None, &message)
                }
                Output::Csv => result::encode_csv_error(out, raw.line, raw.record, None, &message),
            }
        }
    }
}
