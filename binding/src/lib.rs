//! The extension module `diamond_cli._core`: the one place Python meets the core.
//!
//! Python hands over the table version in force once (`Engine`), then records: JSON bytes, or
//! the values YAML files and flags give. Errors cross as `InputError(field, problem, nip)`,
//! `BreakOff(message)` (the input cannot be read on) and `CoreError(message)` (a panic in the
//! core, caught here: never an abort). A batch's chunks run with the GIL released.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use diamond_core::batch::{
    self, Encoded, Engine as CoreEngine, GroupedBatch, Output, Settings, Summary,
};
use diamond_core::check::{Check, Value as Figure, Verdict};
use diamond_core::error::InputError as CoreInputError;
use diamond_core::figures::{Figures, Grade, Seller};
use diamond_core::io::{self, BreakOff as CoreBreakOff, Format, Options, Reader};
use diamond_core::messages::{self, Lang};
use diamond_core::number::Dec;
use diamond_core::result::{self, NipKey, NipMode};
use diamond_core::rules::RULES;
use diamond_core::table::{Category, Param, ParamValue, Table, TableRef};
use diamond_core::value::Value;

// A batch allocates and frees millions of small values on several threads; glibc's malloc was a
// third of its CPU time (benchmarks/batch_profile.py).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options that keep a batch's memory as small as glibc's: its arena committed as
/// it is used, not 20 MiB at once, and freed pages returned at once (each costs a few percent
/// of CPU, measured; peak RSS at 100k records 71 -> 39 MiB). The numbers are mimalloc's
/// `mi_option_e` (the same in its v2 and v3), which libmimalloc-sys does not name.
fn tune_allocator() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is a plain store into mimalloc's option table.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}

create_exception!(
    _core,
    InputError,
    PyException,
    "An invalid record: args (field, problem, nip)."
);
create_exception!(
    _core,
    BreakOff,
    PyException,
    "The input cannot be read on: args (message,)."
);
create_exception!(
    _core,
    CoreError,
    PyException,
    "A bug in the core (a caught panic)."
);

/// Runs `body`, turning a panic into `CoreError` with its message.
fn guarded<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            Err(CoreError::new_err(message))
        }
    }
}

fn input_error(error: &CoreInputError) -> PyErr {
    InputError::new_err((
        error.field.clone(),
        error.problem.clone(),
        error.nip.clone(),
    ))
}

fn lang_of(code: &str) -> PyResult<Lang> {
    Lang::from_code(code).ok_or_else(|| PyValueError::new_err(format!("unknown language {code:?}")))
}

fn nip_mode_of(mode: &str, key: Option<&[u8]>) -> PyResult<NipMode> {
    match (mode, key) {
        ("show", _) => Ok(NipMode::Show),
        ("mask", _) => Ok(NipMode::Mask),
        ("hash", Some(key)) => NipKey::new(key)
            .map(NipMode::Hash)
            .ok_or_else(|| PyValueError::new_err("unusable NIP key")),
        _ => Err(PyValueError::new_err(format!(
            "unknown NIP mode {mode:?} (or no key)"
        ))),
    }
}

/// `(coefficient, exponent)` as Python's `Decimal.as_tuple()` gives them, made one integer.
fn dec_of(value: &Bound<'_, PyAny>) -> PyResult<Dec> {
    let (coeff, exp): (i128, i32) = value.extract()?;
    Ok(Dec::new(coeff, exp))
}

fn grade_of(name: &str) -> PyResult<Grade> {
    Grade::ALL
        .into_iter()
        .find(|grade| grade.code() == name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown grade {name:?}")))
}

/// The table as Python's `pipeline.table_spec` gives it.
fn table_of(spec: &Bound<'_, PyDict>) -> PyResult<Table> {
    let get = |key: &str| -> PyResult<Bound<'_, PyAny>> {
        spec.get_item(key)?
            .ok_or_else(|| PyValueError::new_err(format!("table spec without {key:?}")))
    };
    let reference = TableRef {
        name: get("name")?.extract()?,
        version: get("version")?.extract()?,
        effective_from: get("effective_from")?.extract()?,
        source: get("source")?.extract()?,
    };
    let mut params = Vec::new();
    for item in get("params")?.try_iter()? {
        let (rule, name, kind, value, interpretation): (
            String,
            String,
            String,
            Bound<'_, PyAny>,
            bool,
        ) = item?.extract()?;
        let value = match kind.as_str() {
            "number" => ParamValue::Number(dec_of(&value)?),
            "grade" => ParamValue::Grade(grade_of(&value.extract::<String>()?)?),
            "bool" => ParamValue::Bool(value.extract()?),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown parameter kind {other:?}"
                )))
            }
        };
        params.push(Param {
            rule,
            name,
            value,
            interpretation,
        });
    }
    let mut categories = Vec::new();
    for item in get("categories")?.try_iter()? {
        let (name, company, conditional, brand, aliases, pl): CategorySpec<'_> = item?.extract()?;
        categories.push(Category {
            name,
            company: dec_of(&company)?,
            conditional: dec_of(&conditional)?,
            brand: dec_of(&brand)?,
            aliases,
            pl,
        });
    }
    Ok(Table {
        reference,
        params,
        categories,
    })
}

/// A category as `pipeline.table_spec` gives it: name, the three thresholds, aliases, Polish name.
type CategorySpec<'py> = (
    String,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Vec<String>,
    Option<String>,
);

/// A Python value of a record (from YAML, flags, Allegro responses) as the core's value tree.
/// Numbers keep their exact text: ints and Decimals by `str`, floats by `repr` (the shortest
/// text that reads back as the float); other Python types are shown by their text.
fn value_of(item: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > 100 {
        return Err(InputError::new_err((
            None::<String>,
            "nesting too deep",
            None::<String>,
        )));
    }
    if item.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = item.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if item.is_instance_of::<PyInt>() {
        return Ok(Value::Number(item.str()?.to_cow()?.into()));
    }
    if item.is_instance_of::<PyFloat>() {
        return Ok(Value::Number(item.repr()?.to_cow()?.into()));
    }
    if let Ok(text) = item.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.as_ref().into()));
    }
    if let Ok(mapping) = item.cast::<PyDict>() {
        let mut members = Vec::with_capacity(mapping.len());
        for (key, member) in mapping.iter() {
            members.push((
                key.str()?.to_cow()?.as_ref().into(),
                value_of(&member, depth + 1)?,
            ));
        }
        return Ok(Value::Object(members));
    }
    if let Ok(list) = item.cast::<PyList>() {
        let mut items = Vec::with_capacity(list.len());
        for member in list.iter() {
            items.push(value_of(&member, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(tuple) = item.cast::<PyTuple>() {
        let mut items = Vec::with_capacity(tuple.len());
        for member in tuple.iter() {
            items.push(value_of(&member, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    let type_name = item.get_type().name()?.to_string();
    if type_name == "Decimal" {
        // Read as a Decimal, not an int, whatever its text (`5` -> `5E0`), as Python's validators do.
        return Ok(Value::Number(
            diamond_core::record::decimal_literal(&item.str()?.to_cow()?).into(),
        ));
    }
    Ok(Value::String(item.str()?.to_cow()?.as_ref().into()))
}

/// A check's figure as plain Python values: a Dec as `("dec", coefficient, exponent)` for the
/// Python side to make a Decimal, a grade as `("grade", code)`, a category by its name.
fn figure_to_py<'py>(
    py: Python<'py>,
    figure: &Figure,
    table: &Table,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match figure {
        Figure::Null => py.None().into_bound(py),
        Figure::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Figure::Int(number) => number.into_pyobject(py)?.into_any(),
        Figure::Dec(dec) => ("dec", dec.coeff, dec.exp).into_pyobject(py)?.into_any(),
        Figure::Text(text) => PyString::new(py, text).into_any(),
        Figure::Grade(grade) => ("grade", grade.code()).into_pyobject(py)?.into_any(),
        Figure::Category(id) => PyString::new(
            py,
            table.categories.get(*id).map_or("", |c| c.name.as_str()),
        )
        .into_any(),
        Figure::List(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(figure_to_py(py, item, table)?)?;
            }
            list.into_any()
        }
        Figure::Map(members) => {
            let dict = PyDict::new(py);
            for (key, item) in members {
                dict.set_item(key, figure_to_py(py, item, table)?)?;
            }
            dict.into_any()
        }
    })
}

fn pairs_to_py<'py>(
    py: Python<'py>,
    pairs: &[(&str, Figure)],
    table: &Table,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, item) in pairs {
        dict.set_item(key, figure_to_py(py, item, table)?)?;
    }
    Ok(dict)
}

fn check_to_py<'py>(
    py: Python<'py>,
    check: &Check,
    lang: Lang,
    table: &Table,
) -> PyResult<Bound<'py, PyTuple>> {
    let message = messages::check_message_text(check, lang, table);
    (
        check.rule,
        check.status.code(),
        check.message_key,
        pairs_to_py(py, &check.params, table)?,
        figure_to_py(py, &check.actual, table)?,
        figure_to_py(py, &check.required, table)?,
        pairs_to_py(py, &check.to_pass, table)?,
        check.missing.clone(),
        check.interpretation,
        message,
        pairs_to_py(py, &check.margin, table)?,
        check.assumed,
    )
        .into_pyobject(py)
}

fn record_value(record: &Bound<'_, PyAny>) -> PyResult<Value> {
    if let Ok(bytes) = record.cast::<PyBytes>() {
        return diamond_core::json::parse_json(bytes.as_bytes()).map_err(|e| input_error(&e));
    }
    value_of(record, 0)
}

/// The table version in force, prepared once; evaluates one record at a time.
#[pyclass(frozen, module = "diamond_cli._core")]
struct Engine {
    // Shared with a batch's reading thread.
    core: Arc<CoreEngine>,
}

#[pymethods]
impl Engine {
    #[new]
    fn new(spec: &Bound<'_, PyDict>) -> PyResult<Engine> {
        let table = table_of(spec)?;
        let core = CoreEngine::new(table).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Engine {
            core: Arc::new(core),
        })
    }

    /// The verdict of one record (JSON bytes or a dict of values), its sentences in `lang`:
    /// `(verdict, main_category, tied_with, route, checks)`, each check a tuple of plain values.
    fn verdict<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyTuple>> {
        guarded(|| {
            let lang = lang_of(lang)?;
            let value = record_value(record)?;
            let verdict = self.core.evaluate(&value).map_err(|e| input_error(&e))?;
            verdict_to_py(py, &verdict, lang, &self.core.table)
        })
    }

    /// The result object of CONTRACT.md for one record, as `check --format json` prints it.
    #[pyo3(signature = (record, lang, nip_mode, nip_key=None, indent=None))]
    fn result_json<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        lang: &str,
        nip_mode: &str,
        nip_key: Option<&[u8]>,
        indent: Option<usize>,
    ) -> PyResult<(&'static str, Bound<'py, PyBytes>)> {
        guarded(|| {
            let settings = settings_of(lang, nip_mode, nip_key, Output::Jsonl)?;
            let value = record_value(record)?;
            let verdict = self.core.evaluate(&value).map_err(|e| input_error(&e))?;
            let mut out = Vec::with_capacity(4096);
            result::encode_result(
                &mut out,
                &verdict,
                &settings.context(&self.core.table),
                indent,
            );
            Ok((verdict.verdict.code(), PyBytes::new(py, &out)))
        })
    }

    /// Validates each field `record` gives, on its own (nothing is required): raises the first
    /// field's InputError, as the whole record's validation would word it.
    fn validate(&self, record: &Bound<'_, PyAny>) -> PyResult<()> {
        guarded(|| match value_of(record, 0)? {
            Value::Object(members) => self
                .core
                .validate_fields(&members)
                .map_err(|e| input_error(&e)),
            _ => Err(PyValueError::new_err("validate takes a dict")),
        })
    }

    /// Every problem of `record` (a dict or JSON bytes) as `(field, problem in lang, nip,
    /// missing)`, none when it is valid; with `required` false, only its fields' own.
    #[allow(clippy::type_complexity)]
    fn problems(
        &self,
        record: &Bound<'_, PyAny>,
        lang: &str,
        required: bool,
    ) -> PyResult<Vec<(Option<String>, String, Option<String>, bool)>> {
        guarded(|| {
            let lang = lang_of(lang)?;
            let value = record_value(record)?;
            Ok(self
                .core
                .problems(&value, required)
                .into_iter()
                .map(|error| {
                    let missing = error.is_missing();
                    (
                        error.field.clone(),
                        error.problem_in(lang),
                        error.nip,
                        missing,
                    )
                })
                .collect())
        })
    }

    /// Sentence `key` of the catalogue in `lang` with `params` (ints, Decimals as
    /// `("dec", coefficient, exponent)`, texts, grades as `("grade", code)`, lists); None when
    /// no catalogue has the key.
    fn text(&self, key: &str, lang: &str, params: &Bound<'_, PyDict>) -> PyResult<Option<String>> {
        guarded(|| {
            let lang = lang_of(lang)?;
            let mut pairs: Vec<(String, Figure)> = Vec::with_capacity(params.len());
            for (name, item) in params.iter() {
                pairs.push((name.extract()?, figure_of(&item)?));
            }
            let borrowed: Vec<(&str, Figure)> =
                pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            let mut out = String::new();
            Ok(messages::text(&mut out, key, lang, &borrowed, &self.core.table).then_some(out))
        })
    }
}

/// A Python value as a check figure (the inverse of `figure_to_py`).
fn figure_of(item: &Bound<'_, PyAny>) -> PyResult<Figure> {
    if item.is_none() {
        return Ok(Figure::Null);
    }
    if let Ok(flag) = item.cast::<PyBool>() {
        return Ok(Figure::Bool(flag.is_true()));
    }
    if item.is_instance_of::<PyInt>() {
        return Ok(Figure::Int(item.extract()?));
    }
    if let Ok(text) = item.cast::<PyString>() {
        return Ok(Figure::Text(text.to_cow()?.into_owned()));
    }
    if let Ok(tuple) = item.cast::<PyTuple>() {
        if let Ok((tag, coeff, exp)) = tuple.extract::<(String, i128, i32)>() {
            if tag == "dec" {
                return Ok(Figure::Dec(Dec::new(coeff, exp)));
            }
        }
        if let Ok((tag, code)) = tuple.extract::<(String, String)>() {
            if tag == "grade" {
                return Ok(Figure::Grade(grade_of(&code)?));
            }
        }
        let mut items = Vec::with_capacity(tuple.len());
        for member in tuple.iter() {
            items.push(figure_of(&member)?);
        }
        return Ok(Figure::List(items));
    }
    if let Ok(list) = item.cast::<PyList>() {
        let mut items = Vec::with_capacity(list.len());
        for member in list.iter() {
            items.push(figure_of(&member)?);
        }
        return Ok(Figure::List(items));
    }
    Ok(Figure::Text(item.str()?.to_cow()?.into_owned()))
}

fn verdict_to_py<'py>(
    py: Python<'py>,
    verdict: &Verdict,
    lang: Lang,
    table: &Table,
) -> PyResult<Bound<'py, PyTuple>> {
    let name = |id: usize| {
        table
            .categories
            .get(id)
            .map_or(String::new(), |c| c.name.clone())
    };
    let checks = PyList::empty(py);
    for check in &verdict.checks {
        checks.append(check_to_py(py, check, lang, table)?)?;
    }
    (
        verdict.verdict.code(),
        name(verdict.main_category),
        verdict
            .main_category_tied_with
            .iter()
            .map(|&id| name(id))
            .collect::<Vec<_>>(),
        verdict.route.map(|route| route.code()),
        checks,
        figures_to_py(py, &verdict.figures, table)?,
    )
        .into_pyobject(py)
}

/// The validated figures, for the pictures of the human view: field -> plain value (Decimals
/// as `("dec", coefficient, exponent)`, grades as `("grade", code)`, categories by name).
fn figures_to_py<'py>(
    py: Python<'py>,
    figures: &Figures,
    table: &Table,
) -> PyResult<Bound<'py, PyDict>> {
    let dec = |d: &Dec| Figure::Dec(*d);
    let opt = |d: &Option<Dec>| d.as_ref().map_or(Figure::Null, dec);
    let amounts = |pairs: &[(usize, Dec)]| {
        Figure::List(
            pairs
                .iter()
                .map(|(id, amount)| Figure::List(vec![Figure::Category(*id), Figure::Dec(*amount)]))
                .collect(),
        )
    };
    let dict = PyDict::new(py);
    let seller = match &figures.seller {
        None => py.None().into_bound(py),
        Some(Seller::Text(text)) => PyString::new(py, text).into_any(),
        Some(Seller::Id(id)) => id.into_pyobject(py)?.into_any(),
    };
    dict.set_item("seller", seller)?;
    dict.set_item("nip", figures.nip.clone())?;
    dict.set_item("business_account", figures.business_account)?;
    dict.set_item("ratings", figures.ratings.map(|r| (r.positive, r.negative)))?;
    let fields: [(&str, Figure); 12] = [
        ("positive_ratings_pct", opt(&figures.positive_ratings_pct)),
        ("quality", Figure::Grade(figures.quality)),
        (
            "other_accounts_quality",
            Figure::List(
                figures
                    .other_accounts_quality
                    .iter()
                    .map(|g| Figure::Grade(*g))
                    .collect(),
            ),
        ),
        ("revenue", amounts(&figures.revenue)),
        (
            "monthly_revenue",
            figures
                .monthly_revenue
                .as_ref()
                .map_or(Figure::Null, |months| {
                    Figure::List(months.iter().map(dec).collect())
                }),
        ),
        ("category_growth_pct", opt(&figures.category_growth_pct)),
        (
            "category_market_growth_pct",
            opt(&figures.category_market_growth_pct),
        ),
        (
            "brand_zone_revenue",
            figures
                .brand_zone_revenue
                .as_deref()
                .map_or(Figure::Null, amounts),
        ),
        ("suspended", Figure::Bool(figures.suspended)),
        (
            "transaction_problems_pct",
            opt(&figures.transaction_problems_pct),
        ),
        ("exportable_pct", opt(&figures.exportable_pct)),
        ("new_condition_pct", opt(&figures.new_condition_pct)),
    ];
    for (key, figure) in &fields {
        dict.set_item(key, figure_to_py(py, figure, table)?)?;
    }
    Ok(dict)
}

fn settings_of(
    lang: &str,
    nip_mode: &str,
    nip_key: Option<&[u8]>,
    output: Output,
) -> PyResult<Settings> {
    Ok(Settings {
        lang: lang_of(lang)?,
        nip_mode: nip_mode_of(nip_mode, nip_key)?,
        output,
        tool_version: diamond_core::VERSION.to_string(),
        schema_version: 1,
    })
}

/// Counts the bytes read from the source, for a progress bar.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.count.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// A Python binary file (stdin replaced by a test runner, say), read in the core's blocks.
struct PyReader {
    file: Py<PyAny>,
}

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        Python::attach(|py| {
            let block = self
                .file
                .call_method1(py, "read1", (buf.len(),))
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            let bytes = block
                .cast_bound::<PyBytes>(py)
                .map_err(|e| std::io::Error::other(e.to_string()))?
                .as_bytes();
            let size = bytes.len().min(buf.len());
            buf[..size].copy_from_slice(&bytes[..size]);
            Ok(size)
        })
    }
}

/// A batch over a file (or stdin, `-`): each `next()` gives `(output bytes, summary)` of one
/// chunk; a break-off is raised after every whole record before it.
///
/// Chunks are read and evaluated ahead, on a thread of the batch's own (`Ahead`), while Python
/// writes the chunk before: the waiting is done with the GIL released, and Ctrl-C is seen
/// within a tenth of a second even while the input blocks.
#[pyclass(module = "diamond_cli._core")]
struct Batch {
    engine: Arc<CoreEngine>,
    settings: Settings,
    // Locks only make the class shareable as PyO3 requires: one thread at a time calls `next`.
    reader: Mutex<Option<Reader<io::Input>>>,
    pending: Mutex<Option<CoreBreakOff>>,
    ahead: Mutex<Option<Ahead>>,
    chunk_records: usize,
    read: Arc<AtomicU64>,
    /// The reader found the input to be Windows-1250 (set by whichever thread reads).
    windows_1250: Arc<AtomicBool>,
    format: Format,
    /// The input blocks only when it is a pipe or a terminal (stdin, `<(cmd)`, a FIFO), never a
    /// regular file: only then is the reading thread left to end by itself when the batch goes,
    /// and each chunk's results go out before the next is waited for.
    may_block: bool,
    /// `enrich(seller)`: raw fields to merge over each record (saved Allegro responses).
    enrich: Option<Py<PyAny>>,
    /// `--group-by nip`: every record is read into the grouper first, then the results come.
    grouped: Option<Mutex<GroupedBatch>>,
    /// `--jobs N`: a pool of N threads of our own; None: rayon's global pool (every core).
    pool: Option<Arc<rayon::ThreadPool>>,
    /// Output "frame": `check_frame`'s rows (see `frame_columns`) instead of the CLI's formats.
    frame: bool,
}

impl Drop for Batch {
    fn drop(&mut self) {
        // The reading thread first (it may hand buffers back), then the spare buffers the
        // chunks went round in: a long-lived process keeps none of them after its batch.
        if let Ok(ahead) = self.ahead.get_mut() {
            drop(ahead.take());
        }
        diamond_core::spare::release();
    }
}

/// Whether the process's stdin is a regular file (`diamond batch - < FILE`), which never blocks.
#[cfg(unix)]
fn stdin_is_a_file() -> bool {
    use std::os::fd::AsFd;
    std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map(File::from)
        .and_then(|file| file.metadata())
        .is_ok_and(|meta| meta.file_type().is_file())
}

#[cfg(not(unix))]
fn stdin_is_a_file() -> bool {
    false
}

/// What the reading thread hands over: a chunk's results, the end (with the input's
/// break-off, if any), or a panic caught while evaluating.
enum Produced {
    Chunk(Encoded),
    End(Option<CoreBreakOff>),
    Panic,
}

/// The reading thread: it reads the chunks and has rayon's threads evaluate them, the next
/// while Python writes the last one (a rendezvous channel: at most one chunk waits).
struct Ahead {
    results: Option<Receiver<Produced>>,
    thread: Option<JoinHandle<()>>,
    may_block: bool,
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.results = None; // the thread's next hand-over fails: it ends
        if let Some(thread) = self.thread.take() {
            if !self.may_block {
                // A file never blocks: wait the chunk in hand out, so that the file is closed
                // when the batch is gone. Without the GIL: the thread may need it (enrich).
                Python::attach(|py| py.detach(|| thread.join().ok()));
            }
        }
    }
}

#[pymethods]
impl Batch {
    #[new]
    #[pyo3(signature = (engine, file, input_format, output, lang, nip_mode, nip_key=None, chunk_records=1000, max_record_bytes=io::DEFAULT_MAX_RECORD_BYTES, stdin=None, enrich=None, group_by_nip=false, jobs=0, csv_dialect="excel"))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        engine: Py<Engine>,
        file: &str,
        input_format: Option<&str>,
        output: &str,
        lang: &str,
        nip_mode: &str,
        nip_key: Option<&[u8]>,
        chunk_records: usize,
        max_record_bytes: usize,
        stdin: Option<Py<PyAny>>,
        enrich: Option<Py<PyAny>>,
        group_by_nip: bool,
        jobs: usize,
        csv_dialect: &str,
    ) -> PyResult<Batch> {
        if group_by_nip && enrich.is_some() {
            return Err(PyValueError::new_err(
                "saved Allegro responses cannot be merged when grouping by NIP",
            ));
        }
        let pool = match jobs {
            0 => None,
            threads => Some(Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .map_err(|e| PyValueError::new_err(e.to_string()))?,
            )),
        };
        let frame = output == "frame";
        if frame && (group_by_nip || enrich.is_some()) {
            return Err(PyValueError::new_err(
                "a frame batch neither groups by NIP nor merges responses",
            ));
        }
        let output = match output {
            "jsonl" => Output::Jsonl,
            "csv" => Output::Csv(dialect_of(csv_dialect)?),
            "frame" => Output::Csv(result::CsvDialect::EXCEL),
            other => return Err(PyValueError::new_err(format!("unknown output {other:?}"))),
        };
        let settings = settings_of(lang, nip_mode, nip_key, output)?;
        let chosen = input_format
            .map(|name| {
                Format::from_name(name)
                    .ok_or_else(|| PyValueError::new_err(format!("unknown format {name:?}")))
            })
            .transpose()?;
        let read = Arc::new(AtomicU64::new(0));
        let from_stdin = file == "-" && stdin.is_none();
        // A pipe or a terminal may block; a regular file (also as stdin: `- < FILE`) never does.
        let may_block = match (&stdin, from_stdin) {
            (Some(_), _) => false,
            (None, true) => !stdin_is_a_file(),
            (None, false) => !std::fs::metadata(file).is_ok_and(|m| m.file_type().is_file()),
        };
        let source: Box<dyn Read + Send> = if let Some(file) = stdin {
            Box::new(Counted {
                inner: PyReader { file },
                count: read.clone(),
            })
        } else if from_stdin {
            Box::new(Counted {
                inner: std::io::stdin(),
                count: read.clone(),
            })
        } else {
            Box::new(Counted {
                inner: File::open(file)?,
                count: read.clone(),
            })
        };
        let options = Options {
            max_record_bytes,
            ..Options::default()
        };
        let opened = py.detach(|| -> Result<(Format, Reader<io::Input>), CoreBreakOff> {
            let mut input = io::open_input(source)?;
            let format = io::choose_format(file, &mut input, chosen)?;
            Ok((format, Reader::new(input, format, options)))
        });
        let (format, reader, pending) = match opened {
            Ok((format, reader)) => (format, Some(reader), None),
            Err(breakoff) => (chosen.unwrap_or(Format::Jsonl), None, Some(breakoff)),
        };
        Ok(Batch {
            engine: engine.get().core.clone(),
            settings,
            reader: Mutex::new(reader),
            pending: Mutex::new(pending),
            ahead: Mutex::new(None),
            chunk_records: chunk_records.max(1),
            read,
            windows_1250: Arc::new(AtomicBool::new(false)),
            format,
            may_block,
            enrich,
            grouped: group_by_nip.then(|| Mutex::new(GroupedBatch::new())),
            pool,
            frame,
        })
    }

    /// The input format read ("jsonl", "json" or "csv").
    #[getter]
    fn format(&self) -> &'static str {
        self.format.name()
    }

    /// The input's text encoding as read so far: "windows-1250" once the reader found it so,
    /// else "utf-8".
    #[getter]
    fn encoding(&self) -> &'static str {
        if self.windows_1250.load(Ordering::Relaxed) {
            io::Encoding::Windows1250.name()
        } else {
            io::Encoding::Utf8.name()
        }
    }

    /// Bytes read from the file so far (before unpacking gzip).
    #[getter]
    fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<Option<(Bound<'py, PyBytes>, Bound<'py, PyTuple>)>> {
        let produced = if self.grouped.is_some() {
            self.grouped_step(py)
        } else {
            self.next_ahead(py)?
        };
        match produced {
            Produced::Panic => {
                *lock(&self.reader) = None;
                *lock(&self.ahead) = None;
                if let Some(grouped) = &self.grouped {
                    *lock(grouped) = GroupedBatch::new();
                }
                Err(CoreError::new_err("a panic while evaluating a chunk"))
            }
            Produced::Chunk(encoded) => {
                let bytes = bytes_of(py, &encoded)?;
                Ok(Some((
                    bytes,
                    summary_to_py(py, &encoded.summary, &self.engine)?,
                )))
            }
            Produced::End(breakoff) => {
                let pending = breakoff.or_else(|| lock(&self.pending).take());
                match pending {
                    Some(breakoff) => Err(BreakOff::new_err(breakoff.to_string())),
                    None => Ok(None),
                }
            }
        }
    }
}

/// A bytes object holding `encoded`'s parts one after another, written once: `PyBytes::new_with`
/// zeroes it first, a second pass over every result a batch writes.
fn bytes_of<'py>(py: Python<'py>, encoded: &Encoded) -> PyResult<Bound<'py, PyBytes>> {
    let size = pyo3::ffi::Py_ssize_t::try_from(encoded.len())
        .map_err(|_| pyo3::exceptions::PyMemoryError::new_err("a chunk too large"))?;
    // SAFETY: a new bytes object of `size` bytes, its contents not yet set (CPython's documented
    // use of a null source), ours alone until returned; exactly `size` bytes, the parts'
    // lengths summed, are copied into it before anything reads it.
    unsafe {
        let object = pyo3::ffi::PyBytes_FromStringAndSize(std::ptr::null(), size);
        let bytes = Bound::from_owned_ptr_or_err(py, object)?.cast_into_unchecked::<PyBytes>();
        let mut at = pyo3::ffi::PyBytes_AsString(object).cast::<u8>();
        for part in &encoded.parts {
            std::ptr::copy_nonoverlapping(part.as_ptr(), at, part.len());
            at = at.add(part.len());
        }
        Ok(bytes)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Batch {
    /// The next chunk from the reading thread (started at the first call), waited for without
    /// the GIL; Python's signal handlers run every tenth of a second while it waits.
    fn next_ahead(&self, py: Python<'_>) -> PyResult<Produced> {
        let mut ahead = lock(&self.ahead);
        if ahead.is_none() {
            let Some(reader) = lock(&self.reader).take() else {
                return Ok(Produced::End(None));
            };
            *ahead = Some(self.start_ahead(py, reader)?);
        }
        let Some(mut results) = ahead.as_mut().and_then(|a| a.results.take()) else {
            return Ok(Produced::End(None));
        };
        loop {
            // The receiver goes into the GIL-free wait and comes back with what it received.
            let (back, received) = py.detach(move || {
                let received = results.recv_timeout(Duration::from_millis(100));
                (results, received)
            });
            results = back;
            match received {
                Ok(produced) => {
                    match &produced {
                        Produced::Chunk(_) => {
                            if let Some(ahead) = ahead.as_mut() {
                                ahead.results = Some(results);
                            }
                        }
                        _ => *ahead = None,
                    }
                    return Ok(produced);
                }
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(interrupt) = py.check_signals() {
                        if let Some(ahead) = ahead.as_mut() {
                            ahead.results = Some(results);
                        }
                        return Err(interrupt);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    *ahead = None;
                    return Ok(Produced::Panic);
                }
            }
        }
    }

    fn start_ahead(&self, py: Python<'_>, mut reader: Reader<io::Input>) -> PyResult<Ahead> {
        let (sender, results) = sync_channel(0);
        let engine = self.engine.clone();
        let settings = Arc::new(self.settings.clone());
        let pool = self.pool.clone();
        let enrich = self.enrich.as_ref().map(|e| Arc::new(e.clone_ref(py)));
        let chunk_records = self.chunk_records;
        let frame = self.frame;
        let windows_1250 = self.windows_1250.clone();
        // From a file, two chunks are evaluated at once: the threads that finish the older
        // one's last records go on with the newer one's instead of waiting at the chunk's end.
        // From a stream, each chunk's results go out before the next is waited for, as a
        // pipe's reader expects.
        let most_in_flight = if self.may_block { 1 } else { 2 };
        let thread = std::thread::Builder::new()
            .name("diamond-batch".into())
            .spawn(move || {
                let evaluation = |chunk: io::Chunk| {
                    let (done, produced) = sync_channel(1);
                    let (engine, settings, enrich) =
                        (engine.clone(), settings.clone(), enrich.clone());
                    let job = move || {
                        let outcome = catch_unwind(AssertUnwindSafe(|| {
                            evaluate(&engine, &settings, &chunk, enrich.as_deref(), frame)
                        }));
                        let _ = done.send(outcome.unwrap_or(Produced::Panic));
                    };
                    match &pool {
                        Some(pool) => pool.spawn(job),
                        None => rayon::spawn(job),
                    }
                    produced
                };
                let ready = |produced: Produced| {
                    let (done, ready) = sync_channel(1);
                    let _ = done.send(produced);
                    ready
                };
                // Each chunk's results, oldest first, to be handed over in input order.
                let mut in_flight: VecDeque<Receiver<Produced>> = VecDeque::new();
                let mut read_all = false;
                loop {
                    while !read_all && in_flight.len() < most_in_flight {
                        let read = catch_unwind(AssertUnwindSafe(|| {
                            let chunk = reader.next_chunk(chunk_records);
                            note_encoding(&reader, &windows_1250);
                            chunk
                        }));
                        in_flight.push_back(match read {
                            Ok(Ok(Some(chunk))) => evaluation(chunk),
                            ended => {
                                read_all = true;
                                ready(match ended {
                                    Ok(Ok(_)) => Produced::End(None),
                                    Ok(Err(breakoff)) => Produced::End(Some(breakoff)),
                                    Err(_) => Produced::Panic,
                                })
                            }
                        });
                    }
                    let Some(oldest) = in_flight.pop_front() else {
                        break;
                    };
                    let produced = oldest.recv().unwrap_or(Produced::Panic);
                    let last = !matches!(produced, Produced::Chunk(_));
                    if sender.send(produced).is_err() || last {
                        break;
                    }
                }
                // Whatever is still being evaluated ends before this thread does, so that no
                // work of this batch outlives it (its buffers go back before they are freed).
                for rest in in_flight {
                    let _ = rest.recv();
                }
            })
            .map_err(|e| CoreError::new_err(format!("cannot start a thread: {e}")))?;
        Ok(Ahead {
            results: Some(results),
            thread: Some(thread),
            may_block: self.may_block,
        })
    }

    /// One step of a grouped batch, without the GIL. Each step while the input is read folds
    /// one chunk into the grouper and gives no output (so Python sees Ctrl-C between chunks,
    /// and the progress bar moves); a break-off then ends the batch before any result. Once
    /// the input is read, each step gives the next chunk of grouped results.
    fn grouped_step(&self, py: Python<'_>) -> Produced {
        let engine = &*self.engine;
        py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| match &self.pool {
                Some(pool) => pool.install(|| self.grouped_step_inner(engine)),
                None => self.grouped_step_inner(engine),
            }))
            .unwrap_or(Produced::Panic)
        })
    }

    fn grouped_step_inner(&self, engine: &CoreEngine) -> Produced {
        let Some(grouped) = &self.grouped else {
            return Produced::End(None);
        };
        let mut grouped = lock(grouped);
        let mut reader = lock(&self.reader);
        if let Some(current) = reader.as_mut() {
            let read = current.next_chunk(self.chunk_records);
            note_encoding(current, &self.windows_1250);
            match read {
                Ok(Some(chunk)) => {
                    grouped.add_chunk(engine, chunk);
                    return Produced::Chunk(Encoded::default());
                }
                Ok(None) => {
                    *reader = None;
                    grouped.finish(engine);
                }
                Err(breakoff) => {
                    *reader = None;
                    *grouped = GroupedBatch::new(); // nothing more comes out
                    return Produced::End(Some(breakoff));
                }
            }
        }
        let mut out = Vec::new();
        match grouped.next_chunk(engine, &self.settings, self.chunk_records, &mut out) {
            Some(summary) => Produced::Chunk(Encoded {
                parts: vec![out],
                summary,
            }),
            None => Produced::End(None),
        }
    }
}

/// Keeps what the reader found of the input's encoding, for the summary.
fn note_encoding(reader: &Reader<io::Input>, windows_1250: &AtomicBool) {
    if reader.encoding() == Some(io::Encoding::Windows1250) {
        windows_1250.store(true, Ordering::Relaxed);
    }
}

/// The next chunk read, evaluated and encoded (on the reading thread).
/// One chunk's results, evaluated and encoded (the rows of a frame's chunk, when `frame`).
fn evaluate(
    engine: &CoreEngine,
    settings: &Settings,
    chunk: &io::Chunk,
    enrich: Option<&Py<PyAny>>,
    frame: bool,
) -> Produced {
    let prepare = move |value: &mut Value| -> Result<(), CoreInputError> {
        match enrich {
            Some(enrich) => merge_enriched(enrich, value),
            None => Ok(()),
        }
    };
    let prepare_ref: Option<batch::Prepare<'_>> = enrich.map(|_| &prepare as batch::Prepare<'_>);
    if frame {
        let mut out = Vec::with_capacity(chunk.records.len() * 160);
        frame_chunk(engine, settings, chunk, &mut out);
        return Produced::Chunk(Encoded {
            parts: vec![out],
            summary: Summary::default(),
        });
    }
    Produced::Chunk(batch::evaluate_chunk(engine, settings, chunk, prepare_ref))
}

/// Calls `enrich(seller label or None)` and merges the fields it returns over the record's
/// (a ratings summary replaces the record's share as well as its counts).
fn merge_enriched(enrich: &Py<PyAny>, value: &mut Value) -> Result<(), CoreInputError> {
    let Value::Object(members) = value else {
        return Ok(()); // not a record: the validator says so
    };
    let seller = members
        .iter()
        .find(|(key, _)| key == "seller")
        .map(|(_, v)| v.clone());
    Python::attach(|py| {
        let label = match &seller {
            Some(Value::String(text)) => PyString::new(py, text).into_any(),
            Some(Value::Number(text)) => PyString::new(py, text).into_any(),
            _ => py.None().into_bound(py),
        };
        let fields = enrich.bind(py).call1((label,)).map_err(|error| {
            match error
                .value(py)
                .getattr("args")
                .and_then(|args| args.extract::<(Option<String>, String, Option<String>)>())
            {
                Ok((field, problem, nip)) => CoreInputError {
                    field,
                    problem,
                    nip,
                    message: None,
                },
                Err(_) => CoreInputError::new(None, error.to_string()),
            }
        })?;
        let fields = fields
            .cast::<PyDict>()
            .map_err(|e| CoreInputError::new(None, e.to_string()))?;
        for (key, item) in fields.iter() {
            let key: String = key
                .extract()
                .map_err(|e: PyErr| CoreInputError::new(None, e.to_string()))?;
            let item = value_of(&item, 0)
                .map_err(|e| CoreInputError::new(Some(key.clone()), e.to_string()))?;
            if key == "ratings" {
                members.retain(|(name, _)| name != "positive_ratings_pct");
            }
            match members.iter_mut().find(|(name, _)| *name == key) {
                Some((_, slot)) => *slot = item,
                None => members.push((key.into(), item)),
            }
        }
        Ok(())
    })
}

/// `(total, {verdict: count}, [(category, count)], [(rule, count)])`, orders of first appearance.
fn summary_to_py<'py>(
    py: Python<'py>,
    summary: &Summary,
    engine: &CoreEngine,
) -> PyResult<Bound<'py, PyTuple>> {
    let table = &engine.table;
    let verdicts: Vec<(&str, u64)> = batch::VERDICTS
        .iter()
        .copied()
        .zip(summary.verdicts)
        .collect();
    let categories: Vec<(String, u64)> = summary
        .categories
        .iter()
        .map(|&(id, count)| {
            (
                table
                    .categories
                    .get(id)
                    .map_or(String::new(), |c| c.name.clone()),
                count,
            )
        })
        .collect();
    let rules: Vec<(&str, u64)> = summary
        .failing_rules
        .iter()
        .filter_map(|&(rule, count)| RULES.get(rule).map(|spec| (spec.id, count)))
        .collect();
    (summary.total, verdicts, categories, rules).into_pyobject(py)
}

/// A JSON document (a `check` file) as Python values: numbers as ints (plain integers) or
/// Decimals (the rest, exactly), so flags can be merged into it before it is validated.
#[pyfunction]
fn parse_json<'py>(py: Python<'py>, data: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let value = diamond_core::json::parse_json(data).map_err(|e| input_error(&e))?;
    let decimal = py.import("decimal")?.getattr("Decimal")?;
    value_to_py(py, &value, &decimal)
}

fn value_to_py<'py>(
    py: Python<'py>,
    value: &Value,
    decimal: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(text) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if !digits.is_empty()
                && digits.len() <= 4300
                && digits.bytes().all(|b| b.is_ascii_digit())
            {
                py.get_type::<PyInt>().call1((&**text,))?
            } else {
                decimal.call1((&**text,))?
            }
        }
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item, decimal)?)?;
            }
            list.into_any()
        }
        Value::Object(members) => {
            let dict = PyDict::new(py);
            for (key, item) in members {
                dict.set_item(key.as_str(), value_to_py(py, item, decimal)?)?;
            }
            dict.into_any()
        }
    })
}

/// Text as people write numbers (`1 234,5`, `99,8`) as exact decimal text; an InputError, its
/// problem said in `lang`, else.
#[pyfunction]
#[pyo3(signature = (text, lang = "en"))]
fn parse_decimal_text(text: &str, lang: &str) -> PyResult<String> {
    let lang = lang_of(lang)?;
    diamond_core::record::parse_decimal_text(text)
        .map(|number| number.literal().into_string())
        .map_err(|e| {
            let problem = e.problem_in(lang);
            input_error(&CoreInputError { problem, ..e })
        })
}

/// UTF-8 text of a document (a BOM dropped); an InputError naming the first bad byte.
#[pyfunction]
fn decode_text(data: &[u8]) -> PyResult<String> {
    diamond_core::json::decode_text(data)
        .map(str::to_string)
        .map_err(|e| input_error(&e))
}

/// `check --format json`'s result for an input error: `{"verdict": "error", "error": message}`.
#[pyfunction]
fn check_error_json<'py>(py: Python<'py>, message: &str) -> Bound<'py, PyBytes> {
    let mut out = Vec::new();
    result::encode_check_error(&mut out, message, None);
    PyBytes::new(py, &out)
}

fn figures_of(params: &Bound<'_, PyDict>) -> PyResult<Vec<(String, Figure)>> {
    let mut pairs = Vec::with_capacity(params.len());
    for (name, item) in params.iter() {
        pairs.push((name.extract()?, figure_of(&item)?));
    }
    Ok(pairs)
}

/// Sentence `key` of the catalogue in `lang`, `params` filled in (see `Engine.text`); None when
/// no catalogue has the key.
#[pyfunction(name = "text")]
fn catalogue_text(key: &str, lang: &str, params: &Bound<'_, PyDict>) -> PyResult<Option<String>> {
    guarded(|| {
        let lang = lang_of(lang)?;
        let pairs = figures_of(params)?;
        let borrowed: Vec<(&str, Figure)> =
            pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        let mut out = String::new();
        Ok(messages::text(&mut out, key, lang, &borrowed, &Table::EMPTY).then_some(out))
    })
}

/// A figure as the sentences write it: thousands grouped, decimals as given, per language.
#[pyfunction(name = "number")]
fn format_number(value: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
    Ok(messages::number(&figure_of(value)?, lang_of(lang)?))
}

/// A grade's name in `lang` (Polish names, or the API's code).
#[pyfunction]
fn grade_name(code: &str, lang: &str) -> PyResult<&'static str> {
    Ok(messages::grade_name(grade_of(code)?, lang_of(lang)?))
}

/// Where each input a rule can miss comes from: field -> the flag of `check`.
#[pyfunction]
fn field_flags() -> Vec<(&'static str, &'static str)> {
    messages::FIELD_FLAGS.to_vec()
}

/// `value` rounded to `places` decimals, or more where rounding would cross `limit` (98.995
/// against 99 is 98.995, never 99.00); `(coefficient, exponent)` pairs in and out.
#[pyfunction]
fn shown_against(
    value: &Bound<'_, PyAny>,
    limit: &Bound<'_, PyAny>,
    places: u32,
) -> PyResult<Option<(i128, i32)>> {
    let shown = diamond_core::number::shown_against(&dec_of(value)?, &dec_of(limit)?, places);
    Ok(shown.map(|d| (d.coeff, d.exp)))
}

fn months_of(months: &Bound<'_, PyAny>) -> PyResult<Vec<Dec>> {
    months.try_iter()?.map(|month| dec_of(&month?)).collect()
}

/// The 12-month trend as the views show it against the minimum growth; None for a zero mean.
#[pyfunction]
fn shown_trend(
    months: &Bound<'_, PyAny>,
    minimum: &Bound<'_, PyAny>,
) -> PyResult<Option<(i128, i32)>> {
    let shown =
        diamond_core::rules::revenue_growth::shown_trend(&months_of(months)?, &dec_of(minimum)?);
    Ok(shown.map(|d| (d.coeff, d.exp)))
}

/// Year-on-year growth of 24 months, shown the same way; None when the previous year is 0.
#[pyfunction]
fn shown_year_on_year(
    months: &Bound<'_, PyAny>,
    minimum: &Bound<'_, PyAny>,
) -> PyResult<Option<(i128, i32)>> {
    let shown = diamond_core::rules::revenue_growth::shown_year_on_year(
        &months_of(months)?,
        &dec_of(minimum)?,
    );
    Ok(shown.map(|d| (d.coeff, d.exp)))
}

/// One value converted as a record's field of that kind is (`count`, `grade`, `nip`,
/// `share_pct_text`), for values from elsewhere (saved API responses); InputError when invalid.
#[pyfunction]
fn convert<'py>(
    py: Python<'py>,
    kind: &str,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = value_of(value, 0)?;
    let failed = |e: CoreInputError| input_error(&e);
    Ok(match kind {
        "count" => diamond_core::record::as_count(&value)
            .map_err(failed)?
            .into_pyobject(py)?
            .into_any(),
        "grade" => PyString::new(
            py,
            diamond_core::record::as_grade(&value)
                .map_err(failed)?
                .code(),
        )
        .into_any(),
        "nip" => {
            PyString::new(py, &diamond_core::record::as_nip(&value).map_err(failed)?).into_any()
        }
        "share_pct_text" => {
            let dec = diamond_core::record::as_share_pct(&value, true).map_err(failed)?;
            ("dec", dec.coeff, dec.exp).into_pyobject(py)?.into_any()
        }
        other => return Err(PyValueError::new_err(format!("unknown kind {other:?}"))),
    })
}

/// The NIP as the privacy mode lets it appear (show, mask: last 3 digits, hash: HMAC-SHA-256).
#[pyfunction]
#[pyo3(signature = (nip, mode, key=None))]
fn shown_nip(nip: &str, mode: &str, key: Option<&[u8]>) -> PyResult<String> {
    Ok(result::shown_nip(nip, &nip_mode_of(mode, key)?))
}

/// The sentence of a check given by its parts (a check the core did not make, e.g. in tests):
/// `check_message` of the core, in `lang`. Unknown rules or keys are worded as the key itself.
#[pyfunction]
fn word_check(
    rule: &str,
    message_key: &str,
    params: &Bound<'_, PyDict>,
    missing: Vec<String>,
    lang: &str,
) -> PyResult<String> {
    let lang = lang_of(lang)?;
    let rule = RULES
        .iter()
        .find(|spec| spec.id == rule)
        .map_or("", |spec| spec.id);
    // The rules' keys include the `_over_pct` variants, which no catalogue holds as such.
    let message_key = RULES
        .iter()
        .flat_map(|spec| spec.message_keys.iter().copied())
        .chain(messages::keys().iter().copied())
        .find(|key| *key == message_key)
        .unwrap_or("");
    let missing: Vec<&'static str> = missing
        .iter()
        .filter_map(|name| {
            diamond_core::record::RECORD_FIELDS
                .iter()
                .copied()
                .find(|field| field == name)
        })
        .collect();
    let params: Vec<(&'static str, Figure)> = figures_of(params)?
        .into_iter()
        .filter_map(|(name, figure)| static_name(&name).map(|name| (name, figure)))
        .collect();
    let check = Check {
        rule,
        status: diamond_core::check::Status::Pass,
        message_key,
        params,
        actual: Figure::Null,
        required: Figure::Null,
        to_pass: Vec::new(),
        missing,
        interpretation: false,
        margin: Vec::new(),
        assumed: false,
    };
    Ok(messages::check_message_text(&check, lang, &Table::EMPTY))
}

/// A placeholder's name as the catalogues spell it (names are `'static` in a `Check`).
fn static_name(name: &str) -> Option<&'static str> {
    messages::keys().iter().find_map(|key| {
        Lang::ALL
            .iter()
            .filter_map(|lang| messages::placeholders(key, *lang))
            .flatten()
            .map(|(placeholder, _)| placeholder)
            .find(|placeholder| *placeholder == name)
    })
}

/// The record's fields in order: `(name, kind, required)` (see `record::field_kind`).
#[pyfunction]
fn record_fields() -> Vec<(&'static str, &'static str, bool)> {
    diamond_core::record::RECORD_FIELDS
        .iter()
        .map(|&field| {
            let kind = diamond_core::record::field_kind(field).unwrap_or("unknown");
            (
                field,
                kind,
                diamond_core::record::REQUIRED_FIELDS.contains(&field),
            )
        })
        .collect()
}

/// The rules in the registry's order: `(id, kind, basis, shown)`: kind "required" or
/// "discretionary", basis "page", "interpretation" or "both", shown the shape of its figures.
#[pyfunction]
fn rules() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    RULES
        .iter()
        .map(|spec| {
            (
                spec.id,
                spec.kind.code(),
                spec.basis.code(),
                spec.shown.code(),
            )
        })
        .collect()
}

/// The names or aliases an unknown category spelling most likely means (the core's
/// `Categories::closest`), as alternatives in `lang` (`'A' or 'B'`), for the table commands,
/// which have no engine; None when none is close.
#[pyfunction]
fn closest_categories(
    categories: Vec<(String, Vec<String>)>,
    spelling: &str,
    lang: &str,
) -> PyResult<Option<String>> {
    let categories: Vec<diamond_core::table::Category> = categories
        .into_iter()
        .map(|(name, aliases)| diamond_core::table::Category {
            name,
            company: Dec::ZERO,
            conditional: Dec::ZERO,
            brand: Dec::ZERO,
            aliases,
            pl: None,
        })
        .collect();
    let offered = diamond_core::record::Categories::of(&categories).closest(spelling);
    if offered.is_empty() {
        return Ok(None);
    }
    Ok(Some(messages::either(&offered, lang_of(lang)?)))
}

/// How error messages name a value's type: `a number`, `text`, `a list`...
#[pyfunction]
fn type_name(value: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    Ok(diamond_core::json::type_name(&value_of(value, 0)?))
}

/// The catalogue's keys, for the CLI's texts to be checked against.
#[pyfunction]
fn catalogue_keys() -> Vec<&'static str> {
    messages::keys().to_vec()
}

/// The CSV header of `batch --format csv`.
#[pyfunction]
#[pyo3(signature = (dialect="excel"))]
fn csv_header<'py>(py: Python<'py>, dialect: &str) -> PyResult<Bound<'py, PyBytes>> {
    let mut out = Vec::new();
    result::csv_header(&mut out, dialect_of(dialect)?);
    Ok(PyBytes::new(py, &out))
}

fn dialect_of(name: &str) -> PyResult<result::CsvDialect> {
    result::CsvDialect::from_name(name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown CSV dialect {name:?}")))
}

// ---------------------------------------------------------------- check_frame's rows

/// The columns of a frame batch's rows, in order (no header is written): the one list that
/// `check_frame` names its columns from.
#[pyfunction]
fn frame_columns() -> Vec<String> {
    result::frame_columns()
}

/// The sortable figures' columns of the CSV and the frames: `(column, rule, path into the
/// rule's to_pass, an amount in PLN)`, for `render` to read them from saved results.
#[pyfunction]
fn figure_columns() -> Vec<(&'static str, &'static str, Vec<&'static str>, bool)> {
    result::FIGURE_COLUMNS
        .iter()
        .map(|column| (column.name, column.rule, column.path.to_vec(), column.pln))
        .collect()
}

/// Every record of `chunk` as a frame row (CSV, LF), evaluated on rayon's threads, in order.
fn frame_chunk(engine: &CoreEngine, settings: &Settings, chunk: &io::Chunk, out: &mut Vec<u8>) {
    use rayon::prelude::*;

    let parts: Vec<Vec<u8>> = chunk
        .records
        .par_chunks(64)
        .map(|group| {
            let ctx = settings.context(&engine.table);
            let mut buffer = Vec::with_capacity(group.len() * 160);
            for raw in group {
                let outcome = match &raw.payload {
                    io::Payload::Json(range) => {
                        diamond_core::json::parse_batch_record(chunk.json(range))
                            .and_then(|value| engine.evaluate(&value))
                    }
                    io::Payload::Value(value) => engine.evaluate(value),
                    io::Payload::Error(error) => Err(error.clone()),
                    io::Payload::CellError(cell) => Err(cell.error.clone()),
                };
                match outcome {
                    Ok(verdict) => result::encode_frame_row(&mut buffer, &verdict, &ctx),
                    Err(error) => {
                        let message = batch::error_message(&error, &settings.nip_mode);
                        result::encode_frame_error(&mut buffer, &message);
                    }
                }
            }
            buffer
        })
        .collect();
    for part in &parts {
        out.extend_from_slice(part);
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    tune_allocator();
    m.add("__version__", diamond_core::VERSION)?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("BreakOff", m.py().get_type::<BreakOff>())?;
    m.add("CoreError", m.py().get_type::<CoreError>())?;
    m.add_class::<Engine>()?;
    m.add_class::<Batch>()?;
    m.add_function(wrap_pyfunction!(catalogue_keys, m)?)?;
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_decimal_text, m)?)?;
    m.add_function(wrap_pyfunction!(decode_text, m)?)?;
    m.add_function(wrap_pyfunction!(check_error_json, m)?)?;
    m.add_function(wrap_pyfunction!(catalogue_text, m)?)?;
    m.add_function(wrap_pyfunction!(format_number, m)?)?;
    m.add_function(wrap_pyfunction!(grade_name, m)?)?;
    m.add_function(wrap_pyfunction!(field_flags, m)?)?;
    m.add_function(wrap_pyfunction!(shown_against, m)?)?;
    m.add_function(wrap_pyfunction!(shown_trend, m)?)?;
    m.add_function(wrap_pyfunction!(shown_year_on_year, m)?)?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(type_name, m)?)?;
    m.add_function(wrap_pyfunction!(closest_categories, m)?)?;
    m.add_function(wrap_pyfunction!(shown_nip, m)?)?;
    m.add_function(wrap_pyfunction!(word_check, m)?)?;
    m.add_function(wrap_pyfunction!(record_fields, m)?)?;
    m.add("MONTH_COUNTS", diamond_core::record::MONTH_COUNTS.to_vec())?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(csv_header, m)?)?;
    m.add_function(wrap_pyfunction!(frame_columns, m)?)?;
    m.add_function(wrap_pyfunction!(figure_columns, m)?)?;
    Ok(())
}
