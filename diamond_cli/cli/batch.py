"""`diamond batch`: many sellers, streamed, one result per record, in input order.

The pipeline runs in the native core (`pipeline.Batch`): it reads the input, evaluates chunks of
records on threads (the GIL released) and encodes them in input order; `--group-by nip` reads
every record first and then gives one result per NIP and per invalid row. This loop writes each
chunk's output whole with Ctrl-C held back, so stdout and `--output` only ever hold whole
results. Heavy imports stay inside the command.
"""

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from diamond_cli.cli.common import (
    CSV_DIALECT_HELP,
    EXIT_CODES_HELP,
    CsvDialect,
    Lang,
    NipMode,
    app,
    csv_dialect,
    default_lang,
    guarded,
    load_version,
    nip_key,
    parse_as_of,
)
from diamond_cli.errors import ExitCode, InputError, UsageError

if TYPE_CHECKING:
    from diamond_cli.models import TableRef
    from diamond_cli.pipeline import Summary
    from diamond_cli.thresholds import TableVersion


class BatchFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


# `--output FILE` without `--format`: the format its extension names.
OUTPUT_EXTENSIONS = {
    ".jsonl": BatchFormat.jsonl,
    ".ndjson": BatchFormat.jsonl,
    ".json": BatchFormat.json,
    ".csv": BatchFormat.csv,
}


class BatchInput(StrEnum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"  # through the `frames` extra


class GroupBy(StrEnum):
    nip = "nip"


@app.command(
    epilog="Examples:\n\n"
    "  diamond batch sellers.jsonl > results.jsonl\n\n"
    "  diamond batch sellers.csv --format csv --output results.csv\n\n"
    "  zcat sellers.jsonl.gz | diamond batch - --fail-on not_eligible,incomplete\n\n"
    "  diamond batch accounts.csv --group-by nip --format table\n\n"
    "  diamond batch sellers.csv --allegro-root responses/ --nip hash\n\n" + EXIT_CODES_HELP,
)
def batch(
    file: Annotated[str, typer.Argument(help="JSON Lines, a JSON array or CSV (.gz too), or - for stdin.")] = "-",
    output_format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            help="jsonl, json (one array), csv or table (default: from --output's extension; else table on a "
            "terminal, else jsonl).",
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option(help="Write results to FILE atomically (whole or not at all).")] = None,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Exit 1 if any seller gets one of these verdicts (comma-separated).")
    ] = None,
    thresholds: Annotated[Path | None, typer.Option(help="Thresholds table (default: the shipped one).")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Use the table version in force on this date.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language (default from LC_ALL/LC_MESSAGES/LANG).")] = None,
    dialect: Annotated[CsvDialect | None, typer.Option("--csv-dialect", help=CSV_DIALECT_HELP)] = None,
    nip: Annotated[NipMode, typer.Option("--nip", help="How NIPs appear in results, errors and the summary.")] = (
        NipMode.mask
    ),
    input_format: Annotated[
        BatchInput | None, typer.Option(help="Force the input format (default: by extension, then content).")
    ] = None,
    group_by: Annotated[
        GroupBy | None, typer.Option("--group-by", help="nip: merge account rows into one seller per NIP.")
    ] = None,
    allegro_root: Annotated[
        Path | None,
        typer.Option(
            "--allegro-root",
            metavar="DIR",
            help="Saved Allegro API responses, one directory per seller named by its `seller` label "
            "(DIR/<seller>/ratings-summary.json, sale-quality.json, me.json): they give ratings, quality and NIP "
            "over the record. Never calls the network.",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option(min=0, help="Threads evaluating records (0: one per CPU core; 1: one thread).")
    ] = 0,
    chunk: Annotated[int, typer.Option(min=1, hidden=True, help="Records per chunk (tests, tuning).")] = 1000,
    max_record_bytes: Annotated[
        int,
        typer.Option(
            "--max-record-bytes",
            min=1,
            help="A record (line, array element, CSV row) longer than this is an error in its place, "
            "skipped without being held in memory.",
        ),
    ] = 1 << 20,
    debug: Annotated[bool, typer.Option(help="Show a traceback on internal errors.")] = False,
) -> None:
    """Check many sellers: one result per input record, in input order, streamed."""
    language = (lang.value if lang else None) or default_lang()

    def body() -> int:
        from diamond_cli.messages import text
        from diamond_cli.pipeline import VERDICTS

        fmt = output_format
        # A device, a FIFO or a directory (`--output /dev/stdout`) has no extension to go by.
        if fmt is None and output is not None and (output.is_file() or not output.exists()):
            fmt = OUTPUT_EXTENSIONS.get(output.suffix.lower())
            if fmt is None:
                raise UsageError(text("batch.usage.output_extension", language, file=str(output)))
        if fmt is None:
            fmt = BatchFormat.table if sys.stdout.isatty() else BatchFormat.jsonl
        if output is not None and fmt is BatchFormat.table:
            raise UsageError(text("batch.usage.table_output", language))
        failing = _fail_on(fail_on, VERDICTS, language)
        key = nip_key(nip.value)
        version, ref = load_version(thresholds, parse_as_of(as_of))
        if allegro_root is not None and group_by is not None:
            raise UsageError(text("batch.usage.allegro_group", language))
        if allegro_root is not None and not allegro_root.is_dir():
            raise UsageError(text("allegro.no_directory", language, path=str(allegro_root)))
        if file == "-" and sys.stdin.isatty():
            raise UsageError(text("batch.usage.no_input", language))
        _exit_cleanly_on_sigterm()
        parquet = input_format is BatchInput.parquet or (file != "-" and file.lower().endswith(".parquet"))
        with contextlib.ExitStack() as stack:
            source, chosen = file, input_format.value if input_format else None
            if parquet:  # polars reads it (the `frames` extra); the core takes its rows as CSV
                from diamond_cli.frames import parquet_as_csv

                if file != "-":
                    _readable(file)
                source, chosen = stack.enter_context(parquet_as_csv(file)), "csv"
            run = _Run(
                file=source,
                input_format=chosen,
                version=version,
                ref=ref,
                lang=language,
                nip_mode=nip.value,
                nip_key=key,
                allegro_root=allegro_root,
                group_by_nip=group_by is GroupBy.nip,
                jobs=jobs,
                chunk=chunk,
                max_record_bytes=max_record_bytes,
                csv_dialect=csv_dialect(dialect, language),
            )
            return _run_native(run, fmt, output, failing)

    guarded(body, debug=debug)


def _exit_cleanly_on_sigterm() -> None:
    """A job scheduler's SIGTERM (exit 143) and a closed terminal's SIGHUP (exit 129) unwind like an
    error, so `--output`'s temporary file is removed instead of being left behind."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)


def _fail_on(value: str | None, verdicts: tuple[str, ...], language: str) -> set[str]:
    from diamond_cli.messages import text

    if value is None:
        return set()
    chosen = {part.strip() for part in value.split(",") if part.strip()}
    for part in sorted(chosen):
        if part not in verdicts:
            raise UsageError(text("batch.usage.fail_on", language, value=part, choices=", ".join(verdicts)))
    return chosen


@dataclass(frozen=True, slots=True)
class _Run:
    """What the command line asked of one batch."""

    file: str
    input_format: str | None
    version: "TableVersion"
    ref: "TableRef"
    lang: str
    nip_mode: str
    nip_key: bytes | None
    allegro_root: Path | None
    group_by_nip: bool
    jobs: int
    chunk: int
    max_record_bytes: int
    csv_dialect: str


def _run_native(run: _Run, fmt: BatchFormat, output: Path | None, failing: set[str]) -> int:
    """The batch in the native core: it reads, evaluates on threads and encodes; this loop writes."""
    from diamond_cli.pipeline import Batch, Engine, Summary
    from diamond_cli.render_results import TableWriter, csv_start
    from diamond_cli.sink import Sink

    size = _readable(run.file)
    watch = _InputWatch(run.file, run.lang)
    engine = Engine(run.version, run.ref)
    encoding = "jsonl" if fmt in (BatchFormat.jsonl, BatchFormat.json) else "csv"  # the table view reads CSV rows
    enrich = None
    if run.allegro_root is not None:
        from diamond_cli.allegro import read_seller

        root, lang = run.allegro_root, run.lang

        def enrich(seller: object) -> dict[str, Any]:
            """The record < the seller's saved API responses, as in `check --allegro`."""
            return read_seller(root, seller, lang)

    batch = Batch(
        engine,
        run.file,
        run.input_format,
        encoding,
        run.lang,
        run.nip_mode,
        run.nip_key,
        run.chunk,
        run.max_record_bytes,
        enrich,
        group_by_nip=run.group_by_nip,
        jobs=run.jobs,
        # The table view reads the rows back as `excel` CSV.
        csv_dialect=run.csv_dialect if fmt is BatchFormat.csv else "excel",
    )
    summary = Summary()
    sink = Sink(output, run.lang)
    progress = _Progress(size, lambda: batch.bytes_read)
    table = TableWriter(run.lang) if fmt is BatchFormat.table else None
    try:
        sink.open()
        if fmt is BatchFormat.csv:
            sink.write(csv_start(run.csv_dialect))
        array = _JsonArray(sink.write) if fmt is BatchFormat.json else None
        for out, part in batch:
            summary.add(part)
            if array is not None:
                array.write(out)
            elif table is None:
                sink.write(out)
            elif out:  # a grouped batch gives no output while it reads
                table.print(_rows(out))
            progress.update(part[0])
            if sink.reader_gone:  # `| head`: nobody reads on; the code is that of the records read
                break
        else:
            watch.check()
        if array is not None:
            array.close()
        sink.commit()
    finally:
        sink.abort()
        progress.close()
    _summary(summary, run.lang, output, batch.encoding)
    if summary.verdicts.get("error"):
        return int(ExitCode.INVALID_INPUT)
    if any(summary.verdicts.get(v) for v in failing):
        return int(ExitCode.NOT_ELIGIBLE)
    return int(ExitCode.OK)


def _readable(file: str) -> int | None:
    """The input's size, after the checks that make a missing or unreadable file a usage error."""
    if file == "-":
        return None
    try:
        status = os.stat(file)
        if not stat.S_ISREG(status.st_mode):
            # A pipe is not opened to try it: a FIFO's writer would see its reader come and go.
            if stat.S_ISDIR(status.st_mode):
                raise IsADirectoryError(file)
            if not os.access(file, os.R_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), file)
            return None
        with open(file, "rb"):
            pass
        return status.st_size
    except FileNotFoundError:
        raise UsageError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{file}: is a directory, not a file") from None
    except OSError as exc:
        raise UsageError(f"{file}: cannot read: {exc.strerror or exc}") from None


class _JsonArray:
    """`--format json`: the JSON Lines results as one JSON array, written as they come. A result
    line holds no raw newline (JSON escapes it), so each line break separates two results."""

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self.write_out = write
        self.first = True

    def write(self, lines: bytes) -> None:
        if not lines:
            return
        body = lines.rstrip(b"\n").replace(b"\n", b",\n")
        self.write_out((b"[\n" if self.first else b",\n") + body)
        self.first = False

    def close(self) -> None:
        self.write_out(b"[]\n" if self.first else b"\n]\n")


def _rows(out: bytes) -> list[tuple[Any, ...]]:
    """The core's CSV rows as the table view takes them."""
    import csv
    import io

    return [tuple(row) for row in csv.reader(io.StringIO(out.decode("utf-8")))]


# ---------------------------------------------------------------- writing


class _InputWatch:
    """An input file that changes while it is read (truncated, rewritten, replaced) would give
    fewer or other results than it holds, and a clean exit code: it is an error instead (exit 3),
    found before `--output` is committed, so FILE keeps what it had."""

    def __init__(self, file: str, lang: str) -> None:
        self.file = file
        self.lang = lang
        self.before: os.stat_result | None = None
        if file != "-":
            with contextlib.suppress(OSError):
                before = os.stat(file)
                # Only a regular file can change under the reader: a pipe (`<(cmd)`, a FIFO)
                # is written while it is read by its very nature.
                self.before = before if stat.S_ISREG(before.st_mode) else None

    def check(self) -> None:
        from diamond_cli.messages import text

        before = self.before
        if before is None:
            return
        try:
            after = os.stat(self.file)
        except OSError:
            after = None
        if after is None or (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            change = text("batch.input.changed.identity", self.lang)
        elif after.st_size != before.st_size:
            change = text("batch.input.changed.size", self.lang, before=before.st_size, after=after.st_size)
        elif after.st_mtime_ns != before.st_mtime_ns:
            change = text("batch.input.changed.modified", self.lang)
        else:
            return
        raise InputError(None, text("batch.input.changed", self.lang, file=self.file, change=change))


class _Progress:
    """A progress bar on stderr, only when stderr is a terminal (never in logs or pipes)."""

    def __init__(self, size: int | None, position: Callable[[], int]) -> None:
        self.bar: Any = None
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.position = position  # how far into the file as stored the reading has come
        self.size = size
        self.bar = Progress(
            TextColumn("diamond batch"),
            BarColumn(),
            MofNCompleteColumn() if size is None else TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
            auto_refresh=False,  # refreshed after each chunk, from this thread
        )
        self.task = self.bar.add_task("", total=size)
        self.bar.start()

    def update(self, records: int) -> None:
        if self.bar is None:
            return
        if self.size is None:
            self.bar.advance(self.task, records)
        else:
            try:
                self.bar.update(self.task, completed=self.position())
            except (OSError, ValueError):
                self.bar.advance(self.task, 0)
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(summary: "Summary", lang: str, output: Path | None, encoding: str) -> None:
    from diamond_cli.messages import number, text

    def counts(pairs: list[tuple[str, int]]) -> str:
        return " · ".join(f"{name} {number(count, lang)}" for name, count in pairs)

    # A verdict and a rule by the names the language gives them (English keeps the codes).
    verdicts = [
        (text(f"batch.verdict.{v}", lang), summary.verdicts.get(v, 0))
        for v in ("eligible", "review", "not_eligible", "incomplete", "error")
    ]
    if summary.total:
        shown = [(name, count) for name, count in verdicts if count]  # the fixed verdict order, zeros left out
        lines = [text("batch.summary.total", lang, total=summary.total, counts=counts(shown))]
    else:
        lines = [text("batch.summary.empty", lang)]
    if summary.categories:
        lines.append(text("batch.summary.categories", lang, counts=counts(_most_common(summary.categories))))
    if summary.failing_rules:
        rule, count = _most_common(summary.failing_rules)[0]
        lines.append(text("batch.summary.failing", lang, rule=text(f"batch.rule.{rule}", lang), count=count))
    else:
        lines.append(text("batch.summary.no_failing", lang))
    if encoding == "windows-1250":
        lines.append(text("batch.summary.windows_1250", lang))
    if output is not None:
        lines.append(text("batch.summary.written", lang, file=str(output)))
    sys.stderr.write("".join(f"diamond: {line}\n" for line in lines))


def _most_common(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Highest count first; equal counts in order of first appearance (as `Counter.most_common`)."""
    return sorted(counts.items(), key=lambda pair: -pair[1])
