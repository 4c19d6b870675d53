"""Many sellers, streamed: readers for JSON Lines, JSON arrays and CSV, and the per-record evaluator.

Lossless by construction: every reader yields one `RawRecord` per input record (an unreadable
record carries its error instead of a payload), and `Evaluator.result` turns each into exactly one
result, so N records in give N results out, in input order. Nothing here holds more than one
chunk of records at a time; memory stays flat whatever the input size (grouping by NIP, in
`grouping.py`, is the one documented exception).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import IO, Any, NamedTuple

import msgspec

from diamond_cli.engine import evaluate, is_shared
from diamond_cli.errors import InputError
from diamond_cli.inputs import RECORD_FIELDS, build_figures, parse_json, validate_fields
from diamond_cli.messages import check_message
from diamond_cli.models import Check, Status, TableRef, Verdict
from diamond_cli.numbers import MAX_ABS_VALUE, parse_decimal_text
from diamond_cli.result import check_dict, result_dict, shown_nip
from diamond_cli.thresholds import TableVersion

VERDICTS = ("eligible", "review", "not_eligible", "incomplete")
CHUNK_RECORDS = 1000
_SHARED_JSON_LIMIT = 4096
_READ_SIZE = 1 << 20
_SNIFF_SIZE = 1 << 16


# A worker's share of a JSON Lines input: its first line's number, the records before it, its lines.
JsonlPart = tuple[int, int, list[bytes]]


class RawRecord(NamedTuple):
    """One input record before validation: where it starts, and its JSON text or flattened fields.

    `payload` is the record's JSON bytes (JSON Lines, arrays), a dict of fields (CSV), or the
    InputError that made it unreadable (bad UTF-8, a malformed CSV number). A tuple, so chunks
    travel to worker processes as plain tuples (pickling dataclasses cost ~12 µs a record).
    """

    line: int
    record: int
    payload: bytes | dict[str, Any] | InputError


# ---------------------------------------------------------------- opening and choosing a reader


def open_input(file: str, stdin: IO[bytes]) -> IO[bytes]:
    """The input as a binary stream; gzip (by its magic bytes, whatever the name) is unpacked."""
    raw: IO[bytes] = stdin if file == "-" else open(file, "rb")  # noqa: SIM115 - the caller closes it
    head = _read_ahead(raw, lambda head: len(head) >= 2)
    if head[:2] != b"\x1f\x8b":
        return _Input.wrap(raw, head)
    unpacked = gzip.GzipFile(fileobj=_Input.wrap(raw, head), mode="rb")
    return io.BufferedReader(_Input(unpacked, b"", raw), _READ_SIZE)


class _Input(io.RawIOBase):
    """The input as its readers see it: first the bytes read ahead to sniff it, then the rest.

    A pipe hands over what it has, so a sniff reads on until it has seen enough, and those bytes
    are given again here. Damaged gzip data becomes an InputError like any input that breaks off:
    the records read before it are written, then the error. `tell()` is the position in `raw`, the
    file as stored (compressed, for .gz), for the progress bar; closing closes `raw` too.
    """

    def __init__(self, source: Any, head: bytes, raw: IO[bytes]) -> None:  # source: any binary file object
        super().__init__()
        self.source = source
        self.head = head
        self.raw = raw
        self.delivered = 0

    @classmethod
    def wrap(cls, raw: IO[bytes], head: bytes) -> IO[bytes]:
        return io.BufferedReader(cls(raw, head, raw), _READ_SIZE)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
        else:
            try:  # read1: one step of the source, so an error never swallows bytes read before it
                data = self.source.read1(len(buffer))
            except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
                raise InputError(None, f"the gzip data is damaged or cut short ({exc})") from None
            size = len(data)
            buffer[:size] = data
        self.delivered += size
        return size

    def tell(self) -> int:
        return self.delivered if self.source is self.raw else self.raw.tell()

    def close(self) -> None:
        try:
            self.source.close()
            self.raw.close()
        finally:
            super().close()


def _read_ahead(stream: IO[bytes], enough: Callable[[bytes], bool]) -> bytes:
    """The stream's first bytes, read until `enough` of them (at most 64 KiB) or the end.

    A gzip stream here is already an `_Input`, which turns damaged data into an InputError."""
    head = b""
    while len(head) < _SNIFF_SIZE and not enough(head):
        more = stream.read1(_SNIFF_SIZE - len(head))  # type: ignore[attr-defined]  # what is there now
        if not more:
            break
        head += more
    return head


# What msgspec raises on bad JSON: invalid UTF-8 inside a string and deep nesting are not DecodeErrors.
BAD_JSON = (msgspec.DecodeError, UnicodeDecodeError, RecursionError)


def choose_format(file: str, stream: IO[bytes], chosen: str | None) -> tuple[str, IO[bytes]]:
    """`--input-format`, else the extension (under `.gz`), else a look at the first bytes; and the
    stream to read the records from (the one given, those bytes first again after a look)."""
    if chosen is not None:
        return chosen, stream
    name = Path(file).name.lower() if file != "-" else ""
    name = name.removesuffix(".gz")
    if name.endswith(".csv"):
        return "csv", stream
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl", stream
    if name.endswith(".json"):
        return "json", stream
    seen = _read_ahead(stream, _enough_to_sniff)
    return _sniffed(seen), _Input.wrap(stream, seen)


def _enough_to_sniff(head: bytes) -> bool:
    """The first byte past a BOM and white space, and if it opens an object, the whole first line."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return bool(start) and (start[:1] != b"{" or b"\n" in start)


def _sniffed(head: bytes) -> str:
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] != b"{":
        return "json" if head[:1] == b"[" else "jsonl"
    first, newline, _ = head.partition(b"\n")
    try:  # one object on the first line: JSON Lines; an object spread over lines: JSON objects
        msgspec.json.decode(first)
    except BAD_JSON:
        return "json" if newline else "jsonl"
    return "jsonl"


def read_records(stream: IO[bytes], fmt: str) -> Iterator[RawRecord]:
    if fmt == "jsonl":
        return read_jsonl(stream)
    if fmt == "json":
        return read_json_array(stream)
    if fmt == "csv":
        return read_csv(stream)
    raise ValueError(fmt)


# ---------------------------------------------------------------- JSON Lines


def read_jsonl(
    lines: Iterable[bytes], first_line: int = 1, records_before: int = 0, bom: bool = True
) -> Iterator[RawRecord]:
    """One record a non-blank line; blank lines are not records (they yield nothing).

    `lines` may start further on in the input (a worker's share of it): `first_line` is the number
    of its first line and `records_before` the count of records before it. `bom`: line 1 may start
    with a BOM (False when `jsonl_parts` already took it off: a second one is the record's error).
    """
    record = records_before
    for number, line in enumerate(lines, first_line):
        if number == 1 and bom and line.startswith(codecs.BOM_UTF8):
            line = line[3:]
        if line.isspace() or not line:
            continue
        record += 1
        yield RawRecord(number, record, line)


def _part(first_line: int, records_before: int, lines: list[bytes]) -> JsonlPart:
    if first_line == 1 and lines[0].startswith(codecs.BOM_UTF8):
        lines[0] = lines[0][3:]
    return first_line, records_before, lines


def jsonl_parts(stream: IO[bytes], size: int, first_line: int, records_before: int) -> Iterator[JsonlPart]:
    """The rest of a JSON Lines input as lists of `size` lines for worker processes, each with
    where it starts; the reading process splits lines and counts records but builds nothing per line."""
    while True:
        lines: list[bytes] = []
        try:
            lines.extend(islice(stream, size))  # extend keeps the lines read before an error; list() would not
        except InputError:  # the input breaks off (damaged gzip): the whole lines before it still count
            if lines:
                yield _part(first_line, records_before, lines)
            raise
        if not lines:
            return
        yield _part(first_line, records_before, lines)
        first_line += len(lines)
        records_before += len(lines) - sum(1 for line in lines if line.isspace() or not line)


# ---------------------------------------------------------------- JSON array, streamed

# Outside strings: a whole string (skipped in one step), a structural character, or a lone quote
# (a string cut by the end of the buffer: read more and try again).
_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[\[\]{},"]', re.DOTALL)  # DOTALL: a \ may precede a newline
_NON_SPACE = re.compile(rb"[^ \t\r\n]")


def read_json_array(stream: IO[bytes], read_size: int = _READ_SIZE) -> Iterator[RawRecord]:
    """The elements of a top-level JSON array, one at a time, without reading the array whole;
    or, when the text starts with `{`, JSON objects one after another (pretty-printed or not).

    Elements are cut at the commas of the outer array (or where an object closes) by a scanner
    that knows strings and nesting; each element is then decoded on its own, so a malformed
    element becomes one error result and the elements after it are still read.
    """
    buf = bytearray(_skip_bom(stream))
    read = getattr(stream, "read1", stream.read)  # one step of the source: an error never swallows bytes read before it
    pos = 0  # where scanning continues
    elem: int | None = None  # where the current element starts
    depth = 0  # 0: before the array; 1: between elements; more: inside an element
    counted_to = 0  # newlines before `counted_to` are in `line`
    line = 1
    record = 0
    eof = False
    started = False
    after_comma = False
    sequence = False  # objects one after another, not an array
    while True:
        if pos >= len(buf) and not eof:
            keep = min(pos, elem) if elem is not None else pos
            keep = min(keep, len(buf))
            line += buf.count(b"\n", counted_to, keep)
            del buf[:keep]
            pos -= keep
            counted_to = 0
            if elem is not None:
                elem -= keep
            chunk = read(read_size)
            if chunk:
                buf += chunk
            else:
                eof = True
            continue
        if depth <= 1 and elem is None:
            found = _NON_SPACE.search(buf, pos)
            if found is None:
                if eof:
                    break
                pos = len(buf)
                continue
            pos = found.start()
            char = buf[pos]
            if not started:
                if char not in b"[{":
                    where = _line_at(buf, counted_to, pos, line)
                    raise InputError(None, f"line {where}: expected a JSON array or objects")
                started = True
                depth = 1
                sequence = char == ord("{")
                pos += 0 if sequence else 1
                continue
            if sequence:
                if char != ord("{"):
                    where = _line_at(buf, counted_to, pos, line)
                    raise InputError(None, f"line {where}: expected a JSON object")
            elif depth == 0:
                raise InputError(None, f"line {_line_at(buf, counted_to, pos, line)}: text after the end of the array")
            elif char in b",]":
                if after_comma or (char == ord(",") and record == 0):
                    where = _line_at(buf, counted_to, pos, line)
                    raise InputError(None, f"line {where}: an empty element in the array")
                after_comma = char == ord(",")
                depth = 1 if after_comma else 0
                pos += 1
                continue
            after_comma = False
            elem = pos
        # inside an element: find the comma or bracket that ends it
        token = _TOKEN.search(buf, pos)
        if token is None:
            if eof:
                break
            pos = len(buf)
            continue
        text = token.group()
        if text == b'"' and not eof:
            pos = token.start()  # a string cut by the buffer's end: read on, then scan it again
            more = read(read_size)
            if more:
                buf += more
            else:
                eof = True
            continue
        pos = token.end()
        if len(text) != 1 or text == b'"':
            continue
        if text in (b"{", b"["):
            depth += 1
        elif text in (b"}", b"]") and depth > 1:
            depth -= 1
            if sequence and depth == 1:  # an object of the sequence is complete
                assert elem is not None
                line += buf.count(b"\n", counted_to, elem)
                counted_to = elem
                record += 1
                yield RawRecord(line, record, bytes(buf[elem : token.end()]))
                elem = None
        elif depth == 1 and text in (b",", b"]") and not sequence:
            assert elem is not None
            line += buf.count(b"\n", counted_to, elem)
            counted_to = elem
            record += 1
            yield RawRecord(line, record, bytes(buf[elem : token.start()]))
            elem = None
            pos = token.start()  # the comma or bracket is read by the between-elements step
    if elem is not None:
        line += buf.count(b"\n", counted_to, elem)
        record += 1
        yield RawRecord(line, record, bytes(buf[elem:]))
        what = "object that starts there" if sequence else "array"  # later objects may be inside it
        raise InputError(None, f"line {line}: the JSON {what} is not closed")
    elif started and depth != 0 and not sequence:
        raise InputError(None, f"line {_line_at(buf, counted_to, len(buf), line)}: the JSON array is not closed")
    if not started:
        raise InputError(None, "expected a JSON array or objects, found empty input")


def _skip_bom(stream: IO[bytes]) -> bytes:
    head = b""
    while len(head) < 3:
        more = stream.read(3 - len(head))
        if not more:
            break
        head += more
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def _line_at(buf: bytearray, counted_to: int, pos: int, line: int) -> int:
    return line + buf.count(b"\n", counted_to, pos)


# ---------------------------------------------------------------- CSV

BOOL_TEXT = {"true": True, "false": False, "yes": True, "no": False, "1": True, "0": False, "tak": True, "nie": False}
_TEXT_FIELDS = ("seller", "nip", "quality", "account")
_BOOL_FIELDS = ("business_account", "suspended", "main", "brand_zone")
_MAP_FIELDS = ("revenue", "brand_zone_revenue", "ratings")
_ROW_IDS = ("nip", "account")  # what ties a row to its company when grouping by NIP


def read_csv(stream: IO[bytes]) -> Iterator[RawRecord]:
    """CSV with a header of flat fields; nested ones flattened (`revenue.Kids`, `ratings.positive`).

    The delimiter (`,` or `;`) is the one the header uses more; numbers may use a decimal comma
    and spaces as thousands separators; lists (`monthly_revenue`, `other_accounts_quality`) are
    `;`-separated inside one cell (quoted when `;` is also the delimiter).
    """
    bad_lines: set[int] = set()
    lines = _decoded_lines(stream, bad_lines)
    skipped = 0  # blank lines before the header: the header is the first line with text
    first = next(lines, None)
    while first is not None and not first.strip():
        skipped += 1
        first = next(lines, None)
    if first is None:
        return
    if "\r" in first.rstrip("\r\n") and '"' not in first:
        raise InputError(None, "the CSV lines end in CR alone (an old Mac format): save it with LF or CRLF line ends")
    delimiter = ";" if _unquoted_count(first, ";") > _unquoted_count(first, ",") else ","

    def all_lines() -> Iterator[str]:
        yield first
        yield from lines

    reader = csv.reader(all_lines(), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputError(None, f"line {skipped + 1}: the CSV header is malformed: {exc}") from None
    columns = [_column(name.strip()) for name in header]
    twice = sorted({".".join(filter(None, column)) for column in columns if columns.count(column) > 1})
    if twice:  # which of the two cells would count? CONTRACT makes a duplicated key an error
        raise InputError(None, f"line {skipped + 1}: the CSV header names {', '.join(twice)} more than once")
    record = 0
    start = skipped + reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            record += 1
            yield RawRecord(start, record, InputError(None, f"malformed CSV: {exc}"))
            start = skipped + reader.line_num + 1
            continue
        end = skipped + reader.line_num
        if not row or all(not cell.strip() for cell in row):
            start = end + 1
            continue
        record += 1
        if any(n in bad_lines for n in range(start, end + 1)):
            payload: dict[str, Any] | InputError = InputError(None, "not valid UTF-8 text")
        else:
            payload = _csv_record(columns, row)
        yield RawRecord(start, record, payload)
        start = end + 1


def _decoded_lines(stream: IO[bytes], bad_lines: set[int]) -> Iterator[str]:
    for number, raw in enumerate(stream, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            bad_lines.add(number)
            yield raw.decode("utf-8", "replace")


def _unquoted_count(line: str, char: str) -> int:
    return sum(part.count(char) for part in line.split('"')[::2])


def _column(name: str) -> tuple[str, str | None]:
    """(field, key inside it): `revenue.Kids` -> ("revenue", "Kids"); unknown names stay whole."""
    head, dot, rest = name.partition(".")
    if dot and head in _MAP_FIELDS and rest:
        return head, rest
    return name, None


def _csv_record(columns: list[tuple[str, str | None]], row: list[str]) -> dict[str, Any] | InputError:
    if len(row) > len(columns):
        return InputError(None, f"{len(row)} cells but the header names {len(columns)} columns")
    record: dict[str, Any] = {}
    try:
        for (name, key), cell in zip(columns, row, strict=False):
            text = cell.strip()
            if not text:
                continue
            if key is not None:
                where = f"{name}.{key}"
                value = _csv_count(where, text) if name == "ratings" else _csv_number(where, text)
                record.setdefault(name, {})[key] = value
            elif name in _TEXT_FIELDS:
                record[name] = text
            elif name in _BOOL_FIELDS:
                flag = BOOL_TEXT.get(text.casefold())
                if flag is None:
                    raise InputError(name, f"expected true or false, found {text!r}")
                record[name] = flag
            elif name == "monthly_revenue":
                record[name] = [_csv_number(f"{name}[{i}]", p) for i, p in enumerate(_split_list(text))]
            elif name == "other_accounts_quality":
                record[name] = _split_list(text)
            elif name in RECORD_FIELDS:
                record[name] = _csv_number(name, text)
            else:
                record[name] = text  # an unknown column: validation names it
    except InputError as exc:
        given = {name: cell.strip() for (name, key), cell in zip(columns, row, strict=False) if name in _ROW_IDS}
        return CellError(exc, {name: text for name, text in given.items() if text})
    return record


class CellError(InputError):
    """A CSV cell that cannot be read, with its row's NIP and account: grouping by NIP still knows
    whose row it is (a JSON row decodes whole and is judged with its NIP anyway)."""

    def __init__(self, error: InputError, row: dict[str, str]) -> None:
        super().__init__(error.field, error.problem, nip=error.nip)
        self.row = row


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _csv_number(where: str, text: str) -> Decimal:
    try:
        return parse_decimal_text(text)
    except ValueError as exc:
        raise InputError(where, str(exc)) from None


def _csv_count(where: str, text: str) -> int | Decimal:
    """A count as JSON would give it: an int when whole and within range, else the Decimal, which
    validation rejects with its message (int() of 1e999999999 would build a billion digits)."""
    number = _csv_number(where, text)
    if number.copy_abs() < MAX_ABS_VALUE and number == number.to_integral_value():
        return int(number)
    return number


# ---------------------------------------------------------------- evaluating


@dataclass(slots=True)
class Summary:
    """What the stderr summary reports; chunks' summaries add up."""

    total: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    failing_rules: Counter[str] = field(default_factory=Counter)

    def add(self, other: Summary) -> None:
        self.total += other.total
        self.verdicts.update(other.verdicts)
        self.categories.update(other.categories)
        self.failing_rules.update(other.failing_rules)

    def count(self, verdict: str, category: str | None, failing: Iterable[str]) -> None:
        self.total += 1
        self.verdicts[verdict] += 1
        if category is not None:
            self.categories[category] += 1
        self.failing_rules.update(failing)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a worker process needs to evaluate records the way the command line asked."""

    version: TableVersion
    ref: TableRef
    lang: str
    nip_mode: str
    nip_key: bytes | None
    output: str  # "jsonl", "csv" or "rows" (plain tuples for the table view)
    allegro_root: Path | None = None  # saved Allegro API responses, one directory per seller label


ROW_FIELDS = (
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
)


class Evaluator:
    """Validates, evaluates and encodes records; built once per process, reused for every record."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.decoder = msgspec.json.Decoder(float_hook=Decimal)
        self.encoder = msgspec.json.Encoder(decimal_format="number")
        # The JSON of the engine's shared checks (see `engine.is_shared`), by identity; each entry
        # holds its check, so no other object can take that identity while the entry lives.
        self.shared_json: dict[int, tuple[Check, msgspec.Raw]] = {}

    def fields(self, payload: bytes | dict[str, Any] | InputError) -> dict[str, Any]:
        """The record's validated fields; raises InputError naming the field."""
        if isinstance(payload, InputError):
            raise payload
        record = payload if isinstance(payload, dict) else self.decode(payload)
        fields = validate_fields(record, self.settings.version)
        root = self.settings.allegro_root
        if root is not None:  # the record < the seller's saved API responses, as in `check --allegro`
            from diamond_cli.allegro import merge_api, read_seller

            merge_api(fields, read_seller(root, fields.get("seller"), self.settings.lang))
        return fields

    def decode(self, text: bytes) -> dict[str, Any]:
        """A JSON object: msgspec when the text is plainly unambiguous, the strict parser otherwise.

        msgspec keeps the last of duplicated keys, which CONTRACT makes an error: when there are
        as many `:` in the text as keys in the first two levels, no key can be duplicated.
        """
        try:
            value = self.decoder.decode(text)
        except BAD_JSON:  # the strict parser below says what is wrong, and where
            value = None
        else:
            if isinstance(value, dict) and text.count(b":") == _key_count(value):
                return value
        try:
            strict = parse_json(_text(text).rstrip("\r\n"))  # a one-line record's error is on its line
        except InputError as exc:
            if b"\n" not in text.rstrip():  # one line: its number is the result's `line`
                raise InputError(exc.field, exc.problem.replace("at line 1, column", "at column")) from None
            raise
        if not isinstance(strict, dict):
            raise InputError(None, f"expected a seller record (an object), found {_kind(strict)}")
        return strict

    def result(self, raw: tuple[int, int, bytes | dict[str, Any] | InputError], summary: Summary) -> Any:
        """The record's result in the output's form (JSON bytes, a CSV row, a table row)."""
        line, record, payload = raw
        try:
            verdict = self.evaluate(self.fields(payload))
        except InputError as exc:
            return self.error(line, record, str(exc.revealing(self.settings.nip_mode)), summary)
        return self.verdict_result(line, record, verdict, summary)

    def evaluate(self, fields: dict[str, Any]) -> Verdict:
        settings = self.settings
        return evaluate(build_figures(fields), settings.version, settings.ref)

    def verdict_result(self, line: int, record: int, verdict: Verdict, summary: Summary, **extra: Any) -> Any:
        settings = self.settings
        failing = [c.rule for c in verdict.checks if c.status is Status.FAIL]
        summary.count(verdict.verdict.value, verdict.main_category, failing)
        if settings.output == "jsonl":
            result = {"line": line, "record": record, **extra}
            result.update(result_dict(verdict, settings.lang, settings.nip_mode, settings.nip_key, self.check_json))
            return self.encoder.encode(result) + b"\n"
        return (
            line,
            record,
            verdict.seller,
            shown_nip(verdict.nip, settings.nip_mode, settings.nip_key),
            verdict.verdict.value,
            verdict.main_category,
            verdict.route.value if verdict.route else None,
            ";".join(failing),
            _shortfall(verdict, settings.lang),
            None,
        )

    def check_json(self, check: Check, lang: str) -> object:
        """A check for the result object: rendered once for an outcome many sellers share."""
        if lang != self.settings.lang or not is_shared(check):  # the cache holds the run's language only
            return check_dict(check, lang)
        entry = self.shared_json.get(id(check))
        if entry is None or entry[0] is not check:
            if len(self.shared_json) >= _SHARED_JSON_LIMIT:
                self.shared_json.clear()
            entry = self.shared_json[id(check)] = (check, msgspec.Raw(self.encoder.encode(check_dict(check, lang))))
        return entry[1]

    def error(self, line: int, record: int, message: str, summary: Summary, **extra: Any) -> Any:
        summary.count("error", None, ())
        if self.settings.output == "jsonl":
            result = {"line": line, "record": record, **extra, "verdict": "error", "error": message}
            return self.encoder.encode(result) + b"\n"
        return (line, record, None, extra.get("nip"), "error", None, None, "", None, message)


def _shortfall(verdict: Verdict, lang: str) -> str | None:
    """The sentence of the first check that keeps the seller from `eligible`, if any."""
    for status in (Status.FAIL, Status.UNKNOWN, Status.FLAG):
        for check in verdict.checks:
            if check.status is status:
                return check_message(check, lang)
    return None


def _key_count(value: dict[str, Any]) -> int:
    count = len(value)
    for inner in value.values():
        if type(inner) is dict:
            count += len(inner)
    return count


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(None, f"not valid UTF-8 text (byte {exc.start + 1} of the record)") from None


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    return "a number"


def chunks(records: Iterator[RawRecord], size: int = CHUNK_RECORDS) -> Iterator[list[RawRecord]]:
    chunk: list[RawRecord] = []
    try:
        for raw in records:
            chunk.append(raw)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except InputError:  # the input breaks off: the records read before it are still evaluated
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def run_chunk(evaluator: Evaluator, chunk: Sequence[tuple[int, int, Any]]) -> tuple[Any, Summary]:
    """A chunk's results (bytes for JSON Lines and CSV, else a list of rows) and its summary."""
    summary = Summary()
    results = [evaluator.result(raw, summary) for raw in chunk]
    return joined(results, evaluator.settings.output), summary


def joined(results: list[Any], output: str) -> Any:
    """Results as the output takes them: JSON Lines and CSV as bytes, table rows as they are."""
    if output == "jsonl":
        return b"".join(results)
    if output == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(results)
        return text.getvalue().encode("utf-8")
    return results


def csv_header() -> bytes:
    return (",".join(ROW_FIELDS) + "\r\n").encode()


# ---------------------------------------------------------------- worker processes

_WORKER: Evaluator | None = None


def init_worker(settings: Settings) -> None:
    """Each worker builds its evaluator once; Ctrl-C is the parent's to handle (it stops the pool)."""
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's cleanup handler is not for workers
    _WORKER = Evaluator(settings)


def work(chunk: list[tuple[int, int, Any]]) -> tuple[Any, Summary]:
    assert _WORKER is not None, "init_worker runs first"
    return run_chunk(_WORKER, chunk)


def work_jsonl(part: JsonlPart) -> tuple[Any, Summary]:
    """`work` for a share of JSON Lines: the worker, not the reading process, makes the records."""
    assert _WORKER is not None, "init_worker runs first"
    return run_chunk(_WORKER, list(read_jsonl(part[2], part[0], part[1], bom=False)))
