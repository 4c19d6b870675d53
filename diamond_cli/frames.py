"""DataFrames in and out (the `frames` extra: polars, pyarrow, pandas), imported only when used.

A frame never goes through Python row by row: polars writes it as CSV (the columns of a CSV batch
input), the core reads and evaluates it as a batch (threads, the GIL released) and encodes each
result as one CSV row of the frame's columns (`_core.frame_columns`: statuses and shortfalls
taken from the checks' `to_pass`), and polars' CSV reader makes the result frame of them. A
pandas frame goes through polars both ways (Arrow memory, no copy row by row).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from diamond_cli.errors import InputError, MissingExtra, UsageError

if TYPE_CHECKING:
    import polars as pl

    from diamond_cli.api import NipMode, Thresholds

EXTRA_HINT = "pip install 'diamond-cli[frames]'"
_PARSED_BYTES = 32 << 20  # rows handed to polars at once: few calls, bounded memory


def polars() -> Any:
    """The polars module, or MissingExtra (an ImportError, exit 2) naming the extra that brings it."""
    try:
        import polars
    except ImportError:
        raise MissingExtra(f"DataFrames and Parquet need the `frames` extra: {EXTRA_HINT}") from None
    return polars


def check_frame(
    frame: Any,
    *,
    thresholds: Thresholds | None = None,
    as_of: dt.date | str | None = None,
    lang: str = "en",
    nip: NipMode = "mask",
    nip_key: bytes | str | None = None,
) -> Any:
    """The results of a Polars or pandas frame of sellers, as a frame of the same library, one row
    per input row in the same order (pandas: the same index).

    The input's columns are those of a CSV batch (`revenue.Kids`, `ratings.positive`,
    `monthly_revenue` as `;`-separated text or a list column, ...). The result's columns:
    `seller`, `nip`, `verdict` (`error` for an invalid row), `main_category`, `route`, a
    `status_<rule>` column per rule, `failing_rules_count`, `short_pln` and `short_pct` (the
    revenue still short of the main category's company threshold), `positive_ratings_needed`,
    and `error` (the invalid row's message, as `diamond batch` words it for that CSV row).
    """
    from diamond_cli import api

    polars()
    import polars as pl

    pandas_index = None
    if not isinstance(frame, pl.DataFrame):
        if type(frame).__module__.split(".")[0] != "pandas":
            raise TypeError(f"check_frame takes a polars or pandas DataFrame, not {type(frame).__name__}")
        pandas_index = frame.index
        frame = pl.from_pandas(frame)
    engine = api._engine(thresholds, as_of)
    key = api._key(nip, nip_key)
    api._options(lang, nip)
    results = _results(_batch(engine, io.BytesIO(csv_bytes(frame)), lang, nip, key))
    if results.height != frame.height:
        raise ValueError("every row must hold at least one value (a blank CSV line is no record)")
    if pandas_index is None:
        return results
    shown = results.to_pandas()
    shown.index = pandas_index
    return shown


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as a CSV batch input: list columns `;`-joined, floats never in exponent form."""
    import polars as pl

    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List | pl.Array)]
    if lists:
        frame = frame.with_columns(pl.col(name).cast(pl.List(pl.String)).list.join(";") for name in lists)
    data: bytes = frame.write_csv(None, float_scientific=False).encode("utf-8")
    return data


def _batch(engine: Any, source: io.BytesIO, lang: str, nip: str, key: bytes | None) -> Iterator[bytes]:
    """The core's frame rows (CSV, no header; columns: `_core.frame_columns`) of a CSV batch read
    from `source`, a chunk at a time."""
    from diamond_cli.pipeline import Batch

    batch = Batch(engine, "-", "csv", "frame", lang, nip, key, 1000, 1 << 20, source=source)
    for out, _ in batch:
        yield out


def _schema() -> dict[str, Any]:
    """The result frame's column types, by the core's column list."""
    import polars as pl

    from diamond_cli import _core

    numbers = {"failing_rules_count": pl.Int64, "positive_ratings_needed": pl.Int64}
    floats = {"short_pln", "short_pct"}
    return {name: numbers.get(name, pl.Float64 if name in floats else pl.String) for name in _core.frame_columns()}


def _results(chunks: Iterator[bytes]) -> pl.DataFrame:
    """The result frame from the core's rows, read by polars' CSV reader a few MB at a time."""
    import polars as pl

    schema = _schema()
    parts: list[pl.DataFrame] = []
    pending: list[bytes] = []
    size = 0

    def parse() -> None:
        data = b"".join(pending)
        parts.append(pl.read_csv(data, has_header=False, schema=schema) if data else pl.DataFrame(schema=schema))

    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= _PARSED_BYTES:
            parse()
            pending, size = [], 0
    if pending or not parts:
        parse()
    return pl.concat(parts)


class parquet_as_csv:
    """A Parquet file (or stdin, `-`) as a temporary CSV batch input, removed on exit: `diamond
    batch` reads `.parquet` through the same extra as `check_frame`."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.path: str | None = None

    def __enter__(self) -> str:
        import sys

        polars()
        import polars as pl

        source: Any = sys.stdin.buffer if self.file == "-" else self.file
        try:
            frame = pl.read_parquet(source)
        except FileNotFoundError:
            raise UsageError(f"{self.file}: no such file") from None
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise InputError(None, f"{self.file}: not a readable Parquet file: {_first_line(exc)}") from None
        try:
            rows = csv_bytes(frame)
        except pl.exceptions.PolarsError as exc:  # e.g. a struct column: no CSV cell holds it
            raise InputError(
                None, f"{self.file}: columns that no CSV batch column can hold: {_first_line(exc)}"
            ) from None
        fd, self.path = tempfile.mkstemp(prefix=".diamond-", suffix=".csv")
        with os.fdopen(fd, "wb") as out:
            out.write(rows)
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            os.unlink(self.path)
            self.path = None


def _first_line(exc: Exception) -> str:
    """polars' messages run over several lines (hints, context): an error line keeps the first."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
