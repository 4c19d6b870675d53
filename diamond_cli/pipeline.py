"""The Python face of the native core (`diamond_cli._core`): the table is handed over once, then
records go in and verdicts, encoded results and batches of results come out.

The core owns decoding, the rules, the sentences and the encoders; this module only converts:
Decimals to and from `(coefficient, exponent)`, grades to and from their codes, the core's
errors to the package's (`InputError` with its field, `CoreError` left to the CLI's exit 70).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from diamond_cli import _core
from diamond_cli.errors import InputError
from diamond_cli.models import Check, Grade, Ratings, Route, SellerFigures, Status, TableRef, Verdict, VerdictCode
from diamond_cli.thresholds import TableVersion

VERDICTS = ("eligible", "review", "not_eligible", "incomplete")


def _dec(value: object) -> tuple[int, int]:
    """An exact number as the core takes it: `(coefficient, exponent)`."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int), "the table holds finite numbers (validated)"
    coefficient = int("".join(map(str, digits)) or "0")
    return (-coefficient if sign else coefficient), exponent


def table_spec(version: TableVersion, ref: TableRef) -> dict[str, Any]:
    """The table version in force as the core's `Engine` takes it."""
    params: list[tuple[str, str, str, object, bool]] = []
    for rule, named in version.params.items():
        for name, param in named.items():
            value = param.value
            if isinstance(value, Grade):
                params.append((rule, name, "grade", value.name, param.interpretation))
            elif isinstance(value, bool):
                params.append((rule, name, "bool", value, param.interpretation))
            else:
                params.append((rule, name, "number", _dec(value), param.interpretation))
    categories = [
        (c.name, _dec(c.company), _dec(c.conditional), _dec(c.brand), list(c.aliases), c.pl) for c in version.categories
    ]
    return {
        "name": ref.name,
        "version": ref.version,
        "effective_from": ref.effective_from,
        "source": ref.source,
        "params": params,
        "categories": categories,
    }


def _plain(value: object, grade: Any = Grade.__getitem__) -> object:
    """A figure from the core as the views use it: Decimals, Grades (`grade` makes them from
    their codes), lists and dicts."""
    if isinstance(value, tuple):
        if len(value) == 3 and value[0] == "dec":
            return Decimal(value[1]).scaleb(value[2])
        if len(value) == 2 and value[0] == "grade":
            return grade(value[1])
    if isinstance(value, list):
        return [_plain(item, grade) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item, grade) for key, item in value.items()}
    return value


def _named(value: object) -> object:
    """`_plain`, with grades by their codes: how a check's compared figures hold them (as JSON shows)."""
    return _plain(value, str)


def figure(value: object) -> object:
    """A Python value as the core's figures take it (the inverse of `_plain`)."""
    if isinstance(value, Grade):  # an IntEnum: before the ints
        return ("grade", value.name)
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Decimal):
        return ("dec", *_dec(value))
    if isinstance(value, (list, tuple)):
        return [figure(item) for item in value]
    return str(value)


def _input_error(exc: Exception) -> InputError:
    field, problem, nip = exc.args
    return InputError(field, problem, nip=nip)


class Engine:
    """The table version in force, prepared once by the core; evaluates records."""

    def __init__(self, version: TableVersion, ref: TableRef) -> None:
        self.version = version
        self.ref = ref
        self.core = _core.Engine(table_spec(version, ref))

    def verdict(self, record: bytes | Mapping[str, object], lang: str = "en") -> Verdict:
        """One seller's verdict (its sentences in `lang`), with the figures it was reached from;
        an invalid record raises InputError."""
        try:
            verdict, main, tied, route, checks, figures = self.core.verdict(_record(record), lang)
        except _core.InputError as exc:
            raise self._every_problem(exc, record) from None
        seller_figures = _figures(figures)
        return Verdict(
            seller=seller_figures.seller,
            nip=seller_figures.nip,
            verdict=VerdictCode(verdict),
            main_category=main,
            route=Route(route) if route else None,
            checks=tuple(_check(*fields) for fields in checks),
            thresholds=self.ref,
            main_category_tied_with=tuple(tied),
            figures=seller_figures,
            category_names={c.name: c.shown(lang) for c in self.version.categories if c.shown(lang) != c.name},
        )

    def problems(self, record: bytes | Mapping[str, object], lang: str, *, required: bool = True) -> list[InputError]:
        """Every problem of `record` in `lang`, none when it is valid; with `required` False, only
        its fields' own (no field is required)."""
        return [
            InputError(field, problem, nip=nip, missing=missing)
            for field, problem, nip, missing in self.core.problems(_record(record), lang, required)
        ]

    def _every_problem(self, exc: Exception, record: bytes | Mapping[str, object]) -> InputError:
        """The core's first error, carrying every problem of the record (an error's path only)."""
        first = _input_error(exc)
        try:
            found = self.problems(record, "en")
        except _core.InputError:  # a document that does not parse: its one error
            return first
        return InputError(first.field, first.problem, nip=first.nip, problems=found if len(found) > 1 else ())

    def validate(self, record: Mapping[str, object]) -> None:
        """Each field of `record` validated on its own (none is required): its first error."""
        try:
            self.core.validate(dict(record))
        except _core.InputError as exc:
            raise _input_error(exc) from None

    def result_json(
        self,
        record: bytes | Mapping[str, object],
        lang: str,
        nip_mode: str,
        nip_key: bytes | None = None,
        indent: int | None = None,
    ) -> tuple[VerdictCode, bytes]:
        """The verdict and the result object of CONTRACT.md, as `check --format json` prints it."""
        try:
            code, encoded = self.core.result_json(_record(record), lang, nip_mode, nip_key, indent)
        except _core.InputError as exc:
            raise self._every_problem(exc, record) from None
        return VerdictCode(code), encoded

    def text(self, key: str, lang: str, **params: object) -> str | None:
        """Sentence `key` of the core's catalogue in `lang`, or None when it has no such key."""
        found: str | None = self.core.text(key, lang, {name: figure(v) for name, v in params.items()})
        return found


def _figures(figures: dict[str, Any]) -> SellerFigures:
    plain: dict[str, Any] = {name: _plain(value) for name, value in figures.items()}
    for name in ("revenue", "brand_zone_revenue"):
        if plain[name] is not None:
            plain[name] = dict(plain[name])
    if plain["ratings"] is not None:
        plain["ratings"] = Ratings(*plain["ratings"])
    plain["other_accounts_quality"] = tuple(plain["other_accounts_quality"])
    if plain["monthly_revenue"] is not None:
        plain["monthly_revenue"] = tuple(plain["monthly_revenue"])
    return SellerFigures(**plain)


def parse_json(data: bytes) -> object:
    """A JSON document as Python values (ints, exact Decimals), strictly: the core's parser."""
    try:
        return _core.parse_json(data)
    except _core.InputError as exc:
        raise _input_error(exc) from None


def decode_text(data: bytes) -> str:
    """UTF-8 text (a BOM dropped); invalid bytes are an InputError naming the first."""
    try:
        return _core.decode_text(data)
    except _core.InputError as exc:
        raise _input_error(exc) from None


def parse_number(text: str, lang: str = "en") -> Decimal:
    """`1 234,5`, `99,8`, `-3.5` as people write numbers, exactly; an InputError (in `lang`) otherwise."""
    try:
        return Decimal(_core.parse_decimal_text(text, lang))
    except _core.InputError as exc:
        raise _input_error(exc) from None


def convert(kind: str, value: object) -> Any:
    """`value` converted as a record's field of `kind` is (count, grade, nip, share_pct_text), for
    figures from elsewhere (saved API responses); an InputError, without a field, when invalid."""
    try:
        converted = _core.convert(kind, value)
    except _core.InputError as exc:
        raise _input_error(exc) from None
    return Grade[converted] if kind == "grade" else _plain(converted)


def type_name(value: object) -> str:
    """How messages name a value's type: `a number`, `text`, `a list`, `an object`, `null`..."""
    return _core.type_name(value)


def check_error_json(message: str) -> bytes:
    """`check --format json` on an input error: `{"verdict":"error","error":message}`."""
    return _core.check_error_json(message)


def document(engine: Engine, data: bytes, fmt: str) -> dict[str, Any]:
    """One seller record from a JSON or YAML document (`fmt`), as values not yet validated."""
    value = parse_json(data) if fmt == "json" else _yaml(decode_text(data))
    if not isinstance(value, dict):
        engine.verdict(value)  # type: ignore[arg-type]  # raises the core's "expected one seller record (an object), found ..."
        raise InputError(None, "expected one seller record (an object)")
    return value


def _yaml(text: str) -> object:
    from diamond_cli import safe_yaml

    if not text.strip():
        raise InputError(None, "the input is empty")
    try:
        value, _ = safe_yaml.load(text)
    except safe_yaml.YamlError as exc:
        where = f" at line {exc.line}, column {exc.column}" if exc.line is not None else ""
        raise InputError(None, f"invalid YAML{where}: {exc.message}") from None
    return value


def merge_responses(fields: dict[str, Any], api: Mapping[str, object]) -> None:
    """Saved Allegro responses override a record's fields; a ratings summary replaces the record's
    counts and share together, so a stale share is never shown beside fresh counts."""
    if "ratings" in api:
        fields.pop("positive_ratings_pct", None)
    fields.update({name: _raw(value) for name, value in api.items()})


def _record(record: bytes | Mapping[str, object]) -> object:
    # anything but a mapping goes as it is: the core refuses it ("expected one seller record")
    return dict(record) if isinstance(record, Mapping) else record


def _check(
    rule: str,
    status: str,
    message_key: str,
    params: dict[str, object],
    actual: object,
    required: object,
    to_pass: dict[str, object],
    missing: list[str],
    interpretation: bool,
    message: str,
    margin: dict[str, object],
    assumed: bool,
) -> Check:
    return Check(
        rule,
        Status(status),
        message_key,
        _plain(params),  # type: ignore[arg-type]
        _named(actual),
        _named(required),
        _named(to_pass),  # type: ignore[arg-type]
        tuple(missing),
        interpretation,
        message,
        _named(margin),  # type: ignore[arg-type]
        assumed,
    )


@dataclass(slots=True)
class Summary:
    """What the stderr summary reports; chunks' summaries add up, in order of first appearance."""

    total: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    failing_rules: dict[str, int] = field(default_factory=dict)

    def add(self, part: tuple[int, list[tuple[str, int]], list[tuple[str, int]], list[tuple[str, int]]]) -> None:
        total, verdicts, categories, rules = part
        self.total += total
        for counts, pairs in ((self.verdicts, verdicts), (self.categories, categories), (self.failing_rules, rules)):
            for name, count in pairs:
                counts[name] = counts.get(name, 0) + count


def _enricher(enrich: Callable[[object], Mapping[str, object]]) -> Callable[[object], dict[str, object]]:
    """`enrich` as the core calls it: raw field values back, an InputError as the core's."""

    def call(seller: object) -> dict[str, object]:
        try:
            return {name: _raw(value) for name, value in enrich(seller).items()}  # merged as merge_responses does
        except InputError as exc:
            raise _core.InputError(exc.field, exc.problem, exc.nip) from None

    return call


def _raw(value: object) -> object:
    """A validated figure back as the record's raw value (the core validates it again)."""
    if isinstance(value, Grade):
        return value.name
    if isinstance(value, Ratings):
        return {"positive": value.positive, "negative": value.negative}
    return value


def _stdin_object() -> object | None:
    """sys.stdin when it is not the process's file descriptor 0 (a test runner's), read through
    Python; the real stdin is read by the core itself."""
    import sys

    stream = getattr(sys.stdin, "buffer", sys.stdin)
    try:
        if stream.fileno() == 0:
            return None
    except (AttributeError, OSError, ValueError):
        pass
    return stream


class Batch:
    """A batch in the core: chunks of results in input order, each with its summary part
    (`(total, verdicts, categories, failing rules)`, pairs in order of first appearance). A
    break-off of the input (after every whole record before it) raises InputError.

    `group_by_nip`: every record is read first (chunks of no output come while it is read), then
    one result per NIP and per invalid row, in order of first appearance; a break-off raises
    before any result. `jobs`: threads evaluating records (0: one per core). `source`: a binary
    file to read instead of stdin (`file` is then "-"), such as a frame's CSV in memory."""

    def __init__(
        self,
        engine: Engine,
        file: str,
        input_format: str | None,
        output: str,
        lang: str,
        nip_mode: str,
        nip_key: bytes | None,
        chunk_records: int,
        max_record_bytes: int,
        enrich: Callable[[object], Mapping[str, object]] | None = None,
        group_by_nip: bool = False,
        jobs: int = 0,
        source: object | None = None,
        csv_dialect: str = "excel",
    ) -> None:
        if source is None and file == "-":
            source = _stdin_object()
        try:
            self.core = _core.Batch(
                engine.core,
                file,
                input_format,
                output,
                lang,
                nip_mode,
                nip_key,
                chunk_records,
                max_record_bytes,
                source,
                None if enrich is None else _enricher(enrich),
                group_by_nip,
                jobs,
                csv_dialect,
            )
        except _core.BreakOff as exc:
            raise InputError(None, str(exc.args[0])) from None

    @property
    def encoding(self) -> str:
        """The input's text encoding as read so far: "utf-8", or "windows-1250" (CSV only)."""
        encoding: str = self.core.encoding
        return encoding

    @property
    def bytes_read(self) -> int:
        """How far into the file (as stored, before unpacking gzip) the reading has come."""
        read: int = self.core.bytes_read
        return read

    def __iter__(self) -> Iterator[tuple[bytes, tuple[Any, ...]]]:
        try:
            yield from self.core
        except _core.BreakOff as exc:
            raise InputError(None, str(exc.args[0])) from None
