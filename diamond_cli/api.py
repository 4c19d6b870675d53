"""The Python API: what `diamond check` and `diamond batch --format jsonl` give, as Python values.

`check` is the one path from a record to its result object: `diamond check --format json` prints
the bytes `result_bytes` encodes, which `check` decodes, so the command and the API cannot differ.
Re-exported by `diamond_cli` (lazily, so `import diamond_cli` stays cheap); typed, no rich/typer.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from diamond_cli.errors import InputError
from diamond_cli.models import SHIPPED_TABLE, TableRef, VerdictCode

if TYPE_CHECKING:
    from diamond_cli.pipeline import Engine
    from diamond_cli.thresholds import Table, TableVersion

Record = Mapping[str, Any] | bytes | str
"""A seller record: a dict shaped as the JSON input, or the JSON document itself (bytes or str)."""
NipMode = Literal["show", "mask", "hash"]
Result = dict[str, Any]
"""A result object of CONTRACT.md (or a batch's error result), as Python values."""
LANGS = ("en", "pl")
NIP_MODES = ("show", "mask", "hash")


class Thresholds:
    """A validated thresholds table (every dated version), from `load_thresholds`.

    Reusable across calls and threads: the core's engine of each version is prepared once, on
    first use, and kept.
    """

    def __init__(self, table: Table, source: str) -> None:
        self.table = table
        self.source = source
        self._engines: dict[str, Engine] = {}

    @property
    def name(self) -> str:
        """The table's name, as results report it under `thresholds.name`."""
        return self.table.name

    @property
    def versions(self) -> tuple[str, ...]:
        """The names of its versions, oldest first."""
        return tuple(version.version for version in self.table.versions)

    def in_force(self, as_of: dt.date | str | None = None) -> tuple[TableVersion, TableRef]:
        """The version in force on `as_of` (today by default) and the reference results carry;
        a ThresholdsError when none is in force that day."""
        version = self.table.in_force(_day(as_of))
        start = version.effective_from.isoformat() if version.effective_from else None
        return version, TableRef(self.table.name, version.version, start, self.source)

    def engine(self, as_of: dt.date | str | None = None) -> Engine:
        """The core's engine for the version in force on `as_of`, prepared once per version."""
        version, ref = self.in_force(as_of)
        engine = self._engines.get(version.version)
        if engine is None:
            from diamond_cli.pipeline import Engine

            engine = self._engines[version.version] = Engine(version, ref)
        return engine

    def __repr__(self) -> str:
        return f"<Thresholds {self.name!r} from {self.source}: {', '.join(self.versions)}>"


_shipped: Thresholds | None = None


def load_thresholds(path: str | os.PathLike[str] | None = None) -> Thresholds:
    """The thresholds table at `path` (default: the one shipped with the package), validated.

    Raises `diamond_cli.ThresholdsError` listing every problem (`.problems`, one a line as
    `diamond thresholds validate` prints them). The shipped table is read once per process.
    """
    global _shipped
    from diamond_cli.thresholds import load_table

    if path is None:
        if _shipped is None:
            _shipped = Thresholds(load_table(None), SHIPPED_TABLE)
        return _shipped
    return Thresholds(load_table(Path(path)), str(path))


def check(
    record: Record,
    *,
    thresholds: Thresholds | None = None,
    as_of: dt.date | str | None = None,
    lang: str = "en",
    nip: NipMode = "show",
    nip_key: bytes | str | None = None,
) -> dict[str, Any]:
    """One seller's result object (CONTRACT.md), as `diamond check --format json` prints it.

    Numbers are exact: ints, and `decimal.Decimal` for the others. An invalid record raises
    `diamond_cli.InputError` (`.field`, `.problem`; `str()` is the CLI's error line), whose
    `.problems` holds every problem of the record, that one first, each an `InputError`. `nip`:
    how the NIP appears in the result and errors (`hash` needs `nip_key`).
    """
    _, encoded = result_bytes(_engine(thresholds, as_of), record, lang, nip, _key(nip, nip_key))
    return decode(encoded)


def check_many(
    records: Iterable[Record],
    *,
    thresholds: Thresholds | None = None,
    as_of: dt.date | str | None = None,
    lang: str = "en",
    nip: NipMode = "mask",
    nip_key: bytes | str | None = None,
) -> Iterator[Result]:
    """The results of many sellers, in order, one per record, as `diamond batch --format jsonl`
    writes them for the same records given as JSON Lines: `line` and `record` (the 1-based
    position) first, and an invalid record as `{"line", "record", "verdict": "error", "error"}`
    in its place. NIPs are masked by default, as in a batch.
    """
    engine = _engine(thresholds, as_of)  # wrong arguments fail here, not at the first result
    key = _key(nip, nip_key)
    _options(lang, nip)
    return _results(engine, records, lang, nip, key)


def _results(engine: Engine, records: Iterable[Record], lang: str, nip: str, key: bytes | None) -> Iterator[Result]:
    for position, record in enumerate(records, start=1):
        place = {"line": position, "record": position}
        try:
            _, encoded = result_bytes(engine, record, lang, nip, key)
        except InputError as exc:
            yield {**place, "verdict": "error", "error": str(exc)}
            continue
        yield {**place, **decode(encoded)}


def result_bytes(
    engine: Engine, record: Record, lang: str, nip: str, nip_key: bytes | None, indent: int | None = None
) -> tuple[VerdictCode, bytes]:
    """The verdict and the encoded result object: the core's encoder, shared by `check` and the CLI.
    An InputError comes worded as the NIP mode allows."""
    _options(lang, nip)
    if isinstance(record, str):
        record = record.encode("utf-8")
    try:
        return engine.result_json(record, lang, nip, nip_key, indent)
    except InputError as exc:
        raise exc.revealing(nip) from None


def decode(encoded: bytes) -> dict[str, Any]:
    """A result object's JSON as Python values, numbers exact (the core's own parser)."""
    from diamond_cli.pipeline import parse_json

    value = parse_json(encoded)
    assert isinstance(value, dict), "the core encodes results as objects"
    return value


def _engine(thresholds: Thresholds | None, as_of: dt.date | str | None) -> Engine:
    if thresholds is None:
        thresholds = load_thresholds()
    elif not isinstance(thresholds, Thresholds):
        raise TypeError(f"thresholds= takes what load_thresholds() returns, not {type(thresholds).__name__}")
    return thresholds.engine(as_of)


def _options(lang: str, nip: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    if nip not in NIP_MODES:
        raise ValueError(f"nip must be one of {', '.join(NIP_MODES)}, not {nip!r}")


def _key(nip: str, key: bytes | str | None) -> bytes | None:
    if nip != "hash":
        return None
    if not key:
        raise ValueError('nip="hash" needs nip_key (the CLI takes it from DIAMOND_NIP_KEY)')
    return key.encode("utf-8") if isinstance(key, str) else key


def _day(as_of: dt.date | str | None) -> dt.date:
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return dt.date.fromisoformat(as_of)
    except ValueError:
        raise ValueError(f"as_of: {as_of!r} is not a date (YYYY-MM-DD)") from None
