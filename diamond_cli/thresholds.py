"""Load and validate a thresholds table (thresholds.yaml) into typed, dated versions.

Every problem is collected, not just the first, each with `file:line:column` and the key path, so
a maintainer fixes a table in one pass. Only safe YAML is read (see `safe_yaml`).

The shipped table is also kept read already, as JSON (thresholds.compiled.json, written by
`python -m diamond_cli.thresholds`): a table whose text is the shipped one is taken from it, so
that a one-off `diamond check` neither imports PyYAML nor parses the file (a fifth of its start).
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import difflib
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from diamond_cli.errors import ThresholdsError
from diamond_cli.models import Frozen, Grade, set_field
from diamond_cli.numbers import MAX_ABS_VALUE

if TYPE_CHECKING:
    from diamond_cli import safe_yaml  # imported where a table is read from YAML

SOURCES = ("program page", "interpretation")
THRESHOLD_KINDS = ("company", "conditional", "brand")

# The parameters each rule takes, and what kind of value each is. Every version must give all of
# them and nothing else, so every version has the same rule set.
PARAM_KINDS: dict[str, dict[str, str]] = {
    "positive_ratings": {"min_pct": "pct"},
    "main_account_quality": {"min_grade": "grade"},
    "other_accounts_quality": {"min_grade": "grade"},
    "revenue_growth": {"min_growth_pct": "growth"},
    "revenue_threshold": {"inclusive": "bool"},
    "transaction_problems": {"max_pct": "pct"},
    "export_potential": {"min_pct": "pct"},
    "new_condition": {"min_pct": "pct"},
}
_TOP_KEYS = ("format", "name", "versions")
_VERSION_KEYS = ("version", "effective_from", "note", "inherits", "removed", "rules", "categories")
# `inherits: previous` names the version just before; any other text names an earlier version.
INHERIT_PREVIOUS = "previous"
_CATEGORY_KEYS = (*THRESHOLD_KINDS, "pl", "aliases", "source")
_PARAM_KEYS = ("value", "source")
# Where a category's thresholds come from unless it says otherwise.
CATEGORY_SOURCE = "program page"
# Finer values than these are typing mistakes, not thresholds: money is whole grosze at the finest,
# percentages have at most two decimals (Allegro publishes one), and a yearly fall can be -100% at most.
_MONEY_PLACES = 2
_PCT_PLACES = 2
_MIN_GROWTH = Decimal(-100)


WRONG_FILE_CASES = (
    "this is a cases file (it has `cases:`), not a thresholds table; run it with `diamond thresholds test CASES.yaml`"
)


def default_table_path() -> Path:
    """The table shipped inside the package (the same file as the repository's thresholds.yaml)."""
    return Path(__file__).with_name("thresholds.yaml")


def normalize_category(text: str) -> str:
    """The matching key: case, spacing and `&`/`and` do not matter."""
    words = text.casefold().replace("&", " ").split()
    return "".join(word for word in words if word != "and")


class CategoryThresholds(Frozen):
    __slots__ = ("name", "company", "conditional", "brand", "aliases", "source", "pl")  # noqa: RUF023
    name: str
    company: Decimal
    conditional: Decimal
    brand: Decimal
    aliases: tuple[str, ...]
    source: str
    # Allegro's Polish name: what Polish output calls the category; records may use it as an alias.
    pl: str | None

    def __init__(
        self,
        name: str,
        company: Decimal,
        conditional: Decimal,
        brand: Decimal,
        aliases: tuple[str, ...] = (),
        source: str = CATEGORY_SOURCE,
        pl: str | None = None,
    ) -> None:
        set_field(self, "name", name)
        set_field(self, "company", company)
        set_field(self, "conditional", conditional)
        set_field(self, "brand", brand)
        set_field(self, "aliases", aliases)
        set_field(self, "source", source)
        set_field(self, "pl", pl)

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every name a record may give it: the table's, the Polish one, the aliases."""
        return (self.name, *((self.pl,) if self.pl else ()), *self.aliases)

    def shown(self, lang: str) -> str:
        """Its name in output of `lang`."""
        return self.pl if lang == "pl" and self.pl else self.name


class Param(Frozen):
    __slots__ = ("value", "source")  # noqa: RUF023
    value: object
    source: str

    def __init__(self, value: object, source: str) -> None:
        set_field(self, "value", value)
        set_field(self, "source", source)

    @property
    def interpretation(self) -> bool:
        return self.source == "interpretation"


@dataclass(frozen=True)
class TableVersion:
    """One dated version of the table: the numbers in force from `effective_from` on."""

    version: str
    effective_from: dt.date | None
    note: str
    params: Mapping[str, Mapping[str, Param]]
    categories: tuple[CategoryThresholds, ...]
    inherits: str | None = None  # the version this one was copied from, when it states only changes
    removed: tuple[str, ...] = ()  # categories it drops on purpose (canonical names of the earlier version)
    _lookup: dict[str, str] = field(repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        for category in self.categories:
            for spelling in category.spellings:
                self._lookup[normalize_category(spelling)] = category.name

    def param(self, rule: str, name: str) -> Param:
        return self.params[rule][name]

    def decimal(self, rule: str, name: str) -> Decimal:
        value = self.params[rule][name].value
        assert isinstance(value, Decimal)
        return value

    def grade(self, rule: str, name: str) -> Grade:
        value = self.params[rule][name].value
        assert isinstance(value, Grade)
        return value

    def category(self, name: str) -> CategoryThresholds:
        for category in self.categories:
            if category.name == name:
                return category
        raise KeyError(name)

    def canonical_category(self, text: str) -> str | None:
        """The table's name for a category as a user wrote it, or None when unknown."""
        return self._lookup.get(normalize_category(text))

    def closest_category(self, text: str, lang: str = "en") -> str | None:
        """The names or aliases `text` most likely means, as alternatives to quote (`'A' or 'B'`),
        chosen as the core chooses them for records."""
        from diamond_cli import _core

        return _core.closest_categories([(c.name, list(c.spellings[1:])) for c in self.categories], text, lang)


class Table(Frozen):
    __slots__ = ("name", "source", "versions")
    name: str
    source: str
    versions: tuple[TableVersion, ...]

    def __init__(self, name: str, source: str, versions: tuple[TableVersion, ...]) -> None:
        set_field(self, "name", name)
        set_field(self, "source", source)
        set_field(self, "versions", versions)

    def in_force(self, day: dt.date) -> TableVersion:
        """The newest version whose start is on or before `day` (an undated first one always is)."""
        chosen: TableVersion | None = None
        for version in self.versions:
            if version.effective_from is None or version.effective_from <= day:
                chosen = version
        if chosen is None:
            first = self.versions[0].effective_from
            raise ThresholdsError(
                self.source, [f"{self.source}: no version is in force on {day} (the first starts {first})"]
            )
        return chosen


def version_dict(table: Table, version: TableVersion, categories: tuple[str, ...] | None = None) -> dict[str, object]:
    """A version as plain values (exact Decimals, grade names), shaped like the YAML it came from,
    for `diamond thresholds show --format json|yaml`; `categories` limits the categories listed."""
    chosen = [c for c in version.categories if categories is None or c.name in categories]
    return {
        "table": table.name,
        "version": version.version,
        "effective_from": version.effective_from.isoformat() if version.effective_from else None,
        "note": version.note,
        "inherits": version.inherits,
        "removed": list(version.removed),
        "versions": [
            {"version": v.version, "effective_from": v.effective_from.isoformat() if v.effective_from else None}
            for v in table.versions
        ],
        "rules": {
            rule: {
                name: {
                    "value": param.value.name if isinstance(param.value, Grade) else param.value,
                    "source": param.source,
                }
                for name, param in params.items()
            }
            for rule, params in version.params.items()
        },
        "categories": [
            {
                "name": c.name,
                "company": c.company,
                "conditional": c.conditional,
                "brand": c.brand,
                **({"pl": c.pl} if c.pl else {}),
                "aliases": list(c.aliases),
                "source": c.source,
            }
            for c in chosen
        ],
    }


def load_table(path: Path | None = None) -> Table:
    """Read and validate a table; raises ThresholdsError listing every problem."""
    path = path or default_table_path()
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ThresholdsError(source, [f"{source}: cannot read: {exc.strerror or exc}"]) from None
    return table_from_bytes(raw, source)


def table_from_bytes(raw: bytes, source: str) -> Table:
    """Validate a table already read (a BOM is ignored); raises ThresholdsError listing every problem."""
    try:
        text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")  # as inputs.decode_text, without a codec import
    except UnicodeDecodeError as exc:
        raise ThresholdsError(source, [f"{source}: not UTF-8 text (byte {exc.start + 1})"]) from None
    return parse_table(text, source)


def parse_table(text: str, source: str) -> Table:
    """Validate a table's text; every problem (duplicated keys included) is reported, in file order."""
    document = compiled_document(text)
    if document is not None:
        validator = _Validator(source, {})
        table = validator.table(document)
        if table is not None and not validator.problems:
            return table
        # Not reached for the shipped table; the YAML gives the problems their positions.
    from diamond_cli import safe_yaml

    duplicates: list[safe_yaml.YamlError] = []
    try:
        document, positions = safe_yaml.load(text, duplicates)
    except safe_yaml.YamlError as exc:
        where = f"{exc.line}:{exc.column}:" if exc.line is not None else ""
        raise ThresholdsError(
            source, [f"{source}:{where} {exc.message}"], [(exc.line, exc.column, exc.message)]
        ) from None
    if isinstance(document, dict) and "cases" in document and "versions" not in document:
        # One line saying so, instead of a list of every key a table lacks.
        raise ThresholdsError(source, [f"{source}: {WRONG_FILE_CASES}"], [(None, None, WRONG_FILE_CASES)])
    validator = _Validator(source, positions)
    for duplicate in duplicates:
        assert duplicate.line is not None
        assert duplicate.column is not None
        validator.located(duplicate.line, duplicate.column, duplicate.message)
    table = validator.table(document)
    if validator.problems or table is None:
        if not validator.problems:
            raise ThresholdsError(source, [f"{source}: invalid table"])
        ordered = validator.sorted_problems()
        raise ThresholdsError(
            source, [text for *_, text in ordered], [(line, column, part) for line, column, part, _ in ordered]
        )
    return table


class _Validator:
    def __init__(self, source: str, positions: dict[safe_yaml.Path, safe_yaml.Position]) -> None:
        self.source = source
        self.positions = positions
        # (line, column, "key.path: message", the whole line); line and column None: no position.
        self.problems: list[tuple[int | None, int | None, str, str]] = []

    def sorted_problems(self) -> list[tuple[int | None, int | None, str, str]]:
        """Problems in the order of the file, so a maintainer fixes them top to bottom."""
        return sorted(self.problems, key=lambda p: (p[0] or 0, p[1] or 0))

    def located(self, line: int, column: int, message: str) -> None:
        self.problems.append((line, column, message, f"{self.source}:{line}:{column}: {message}"))

    def problem(self, path: safe_yaml.Path, message: str) -> None:
        from diamond_cli import safe_yaml

        position = safe_yaml.locate(self.positions, path)
        line, column = (position.line, position.column) if position else (None, None)
        key = safe_yaml.dotted(path)
        part = f"{key}: {message}" if key else message
        self.problems.append((line, column, part, safe_yaml.problem_text(self.source, position, path, message)))

    def mapping(self, value: object, path: safe_yaml.Path, allowed: tuple[str, ...]) -> dict[str, object] | None:
        if not isinstance(value, dict):
            self.problem(path, "must be a mapping")
            return None
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(allowed)}"
                self.problem((*path, key), f"unknown key{hint}")
        return value

    def table(self, document: object) -> Table | None:
        top = self.mapping(document, (), _TOP_KEYS)
        if top is None:
            return None
        for key in _TOP_KEYS:
            if key not in top:
                self.problem((), f"missing key {key!r}")
        if "format" in top and top["format"] != 1:
            self.problem(("format",), "only format 1 is understood")
        name = top.get("name")
        if "name" in top and not isinstance(name, str):
            self.problem(("name",), "must be text")
        versions_raw = top.get("versions")
        if not isinstance(versions_raw, list) or not versions_raw:
            if "versions" in top:
                self.problem(("versions",), "must be a non-empty list of versions")
            return None
        labels = [v.get("version") if isinstance(v, dict) else None for v in versions_raw]
        versions: list[TableVersion | None] = []
        for index, raw in enumerate(versions_raw):
            versions.append(self.version(raw, ("versions", index), versions, labels))
        self.check_order(versions)
        if self.problems:
            return None
        return Table(str(name), self.source, tuple(v for v in versions if v is not None))

    def check_order(self, versions: list[TableVersion | None]) -> None:
        labels: set[str] = set()
        previous: dt.date | None = None
        for index, version in enumerate(versions):
            if version is None:
                continue
            path: safe_yaml.Path = ("versions", index)
            if version.version in labels:
                self.problem((*path, "version"), f"version {version.version!r} is duplicated")
            labels.add(version.version)
            start = version.effective_from
            if start is None:
                if index > 0:
                    self.problem((*path, "effective_from"), "only the first version may have no start date")
                continue
            if previous is not None and start <= previous:
                what = "duplicated" if start == previous else "out of order (oldest first)"
                self.problem((*path, "effective_from"), f"date {start} is {what}")
            previous = start

    def version(
        self, raw: object, path: safe_yaml.Path, earlier: list[TableVersion | None], labels: list[object]
    ) -> TableVersion | None:
        """One version; `earlier` holds the versions before it (None where invalid), which
        `inherits` copies from and `removed` / the dropped-category check compare with."""
        body = self.mapping(raw, path, _VERSION_KEYS)
        if body is None:
            return None
        before = len(self.problems)
        inheriting = "inherits" in body
        required = ("version", "effective_from") if inheriting else ("version", "effective_from", "rules", "categories")
        for key in required:
            if key not in body:
                self.problem(path, f"missing key {key!r}")
        label = body.get("version")
        if "version" in body and not (isinstance(label, str) and label.strip()):
            self.problem((*path, "version"), "must be non-empty text")
        start = body.get("effective_from")
        if isinstance(start, dt.datetime) or not (start is None or isinstance(start, dt.date)):
            self.problem((*path, "effective_from"), "must be a date (YYYY-MM-DD) or null")
        note = body.get("note", "")
        if not isinstance(note, str):
            self.problem((*path, "note"), "must be text")
        base = self.base(body["inherits"], (*path, "inherits"), earlier, labels) if inheriting else None
        # What `removed` is checked against: the version copied from, else the one just before.
        against = base if inheriting else (earlier[-1] if earlier else None)
        listed = body.get("categories")
        restated = {normalize_category(name) for name in listed} if isinstance(listed, dict) else set()
        removed = (
            self.removed(body["removed"], (*path, "removed"), against, restated, first=not earlier)
            if "removed" in body
            else ()
        )
        # Inheriting from a version that is unusable: check what is given, not what is missing.
        unknown_base = inheriting and base is None
        params = (
            self.rules(body.get("rules"), (*path, "rules"), base, partial=unknown_base)
            if "rules" in body or base
            else {}
        )
        kept = tuple(c for c in base.categories if c.name not in removed) if base else ()
        categories = (
            self.categories(listed, (*path, "categories"), kept, partial=unknown_base)
            if "categories" in body or base
            else ()
        )
        if len(self.problems) > before or (inheriting and base is None):
            return None  # an unusable base has its own problem reported already
        assert isinstance(label, str)
        assert start is None or isinstance(start, dt.date)
        version = TableVersion(
            label, start, str(note), params, categories, base.version if base else None, tuple(removed)
        )
        previous = earlier[-1] if earlier else None
        if not inheriting and previous is not None:
            self.dropped(version, previous, (*path, "categories"))
        return version

    def base(
        self, raw: object, path: safe_yaml.Path, earlier: list[TableVersion | None], labels: list[object]
    ) -> TableVersion | None:
        """The earlier version `inherits` names; None (with a problem) when there is none to use."""
        index = len(earlier)
        names = [label for label in labels[:index] if isinstance(label, str)]
        if not isinstance(raw, str) or not raw.strip():
            self.problem(path, f"must be {INHERIT_PREVIOUS!r} or the name of an earlier version")
            return None
        if raw == INHERIT_PREVIOUS:
            if index == 0:
                self.problem(path, "the first version has no previous version to inherit from")
                return None
            return earlier[-1]  # None when invalid: its problems are reported where they are
        if raw in names:
            return earlier[labels.index(raw)]
        if raw in labels:
            self.problem(path, f"version {raw!r} comes later; a version can inherit only from an earlier one")
            return None
        close = difflib.get_close_matches(raw, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; use {INHERIT_PREVIOUS!r} or one of: {', '.join(names)}"
        self.problem(path, f"no earlier version is named {raw!r}{hint}")
        return None

    def removed(
        self, raw: object, path: safe_yaml.Path, against: TableVersion | None, restated: set[str], *, first: bool
    ) -> tuple[str, ...]:
        """The canonical names of the categories `removed:` drops from `against`."""
        if not isinstance(raw, list) or not all(isinstance(name, str) for name in raw):
            self.problem(path, "must be a list of category names")
            return ()
        if first:
            self.problem(path, "the first version has no earlier categories to remove")
            return ()
        result: list[str] = []
        for index, name in enumerate(raw):
            if against is None:
                continue  # the earlier version is invalid: its problems come first
            canonical = against.canonical_category(name)
            if canonical is None:
                close = against.closest_category(name)
                hint = f"; did you mean {close}?" if close else ""
                self.problem((*path, index), f"{name!r} is not a category of version {against.version!r}{hint}")
            elif normalize_category(name) in restated or normalize_category(canonical) in restated:
                self.problem((*path, index), f"{name!r} is both removed and listed under categories")
            else:
                result.append(canonical)
        return tuple(result)

    def dropped(self, version: TableVersion, previous: TableVersion, path: safe_yaml.Path) -> None:
        """A full version that leaves out a category of the one before must say so in `removed:`:
        a category lost by a copy-and-paste slip would silently fail every seller in it."""
        for category in previous.categories:
            if category.name in version.removed or version.canonical_category(category.name) is not None:
                continue
            self.problem(
                path,
                f"category {category.name!r} of version {previous.version!r} is missing; list it under"
                f" `removed:` if it was dropped, or use `inherits: {INHERIT_PREVIOUS}` to copy what is not restated",
            )

    def rules(
        self, raw: object, path: safe_yaml.Path, base: TableVersion | None = None, *, partial: bool = False
    ) -> dict[str, dict[str, Param]]:
        """Every rule's parameters; with a base, those not restated are the base's (`partial`: the
        base is unknown, so nothing is missing)."""
        if raw is None and base is not None:
            return {rule: dict(params) for rule, params in base.params.items()}
        body = self.mapping(raw, path, tuple(PARAM_KINDS))
        if body is None:
            return {}
        result: dict[str, dict[str, Param]] = {}
        for rule, kinds in PARAM_KINDS.items():
            inherited = base.params[rule] if base else {}
            if rule not in body:
                if base is None and not partial:
                    self.problem(path, f"missing rule {rule!r}")
                else:
                    result[rule] = dict(inherited)
                continue
            params = self.mapping(body[rule], (*path, rule), tuple(kinds))
            if params is None:
                continue
            result[rule] = {}
            for name, kind in kinds.items():
                param_path = (*path, rule, name)
                if name not in params:
                    if name in inherited:
                        result[rule][name] = inherited[name]
                    elif not partial:
                        self.problem((*path, rule), f"missing parameter {name!r}")
                    continue
                param = self.param(params[name], param_path, kind, inherited.get(name))
                if param is not None:
                    result[rule][name] = param
        return result

    def param(self, raw: object, path: safe_yaml.Path, kind: str, inherited: Param | None = None) -> Param | None:
        body = self.mapping(raw, path, _PARAM_KEYS)
        if body is None:
            return None
        # A restated parameter keeps its source unless it says otherwise.
        source = body.get("source", inherited.source if inherited else None)
        if source not in SOURCES:
            self.problem((*path, "source"), f"must be one of: {', '.join(SOURCES)}")
        if "value" not in body:
            self.problem(path, "missing key 'value'")
            return None
        value = self.value(body["value"], (*path, "value"), kind)
        if value is None or source not in SOURCES:
            return None
        return Param(value, str(source))

    def value(self, raw: object, path: safe_yaml.Path, kind: str) -> object | None:
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            self.problem(path, "must be true or false")
            return None
        if kind == "grade":
            grade = Grade.__members__.get(str(raw).upper()) if isinstance(raw, str) else None
            if grade is None:
                self.problem(path, f"must be a grade: {', '.join(Grade.__members__)}")
            return grade
        number = self.number(raw, path, places=_PCT_PLACES, unit="percentages")
        if number is None:
            return None
        if kind == "pct" and not 0 <= number <= 100:
            self.problem(path, f"must be a percentage from 0 to 100, not {number}")
            return None
        if kind == "growth" and number < _MIN_GROWTH:
            self.problem(path, f"a growth of {number}% is impossible (revenue cannot fall by more than 100%)")
            return None
        return number

    def number(
        self, raw: object, path: safe_yaml.Path, *, places: int, unit: str, money: bool = False
    ) -> Decimal | None:
        if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)):
            self.problem(path, f"must be a number, not {raw!r}")
            return None
        number = Decimal(raw)
        if money and number < 0:
            self.problem(path, f"must not be negative, not {number}")
            return None
        if abs(number) >= MAX_ABS_VALUE:
            self.problem(path, f"{number} is too large (the limit is below {MAX_ABS_VALUE:.0E})")
            return None
        if number != number.quantize(Decimal(1).scaleb(-places)):
            self.problem(path, f"{unit} have at most {places} decimal places, not {number}")
            return None
        return number + 0  # normalised: 3.5E+6 -> 3500000

    def categories(
        self,
        raw: object,
        path: safe_yaml.Path,
        inherited: tuple[CategoryThresholds, ...] = (),
        *,
        partial: bool = False,
    ) -> tuple[CategoryThresholds, ...]:
        """The version's categories. `inherited` (from `inherits`, less `removed`) are kept in
        their order; a restated one takes the keys it gives over the inherited ones."""
        if raw is None and inherited:
            return inherited
        if raw is None and not partial:
            self.problem(path, "no category is left (every inherited one is removed); a version needs at least one")
            return ()
        if not isinstance(raw, dict) or not (raw or inherited or partial):
            self.problem(path, "must be a mapping of category names to thresholds")
            return ()
        by_key = {normalize_category(c.name): c for c in inherited}
        restated = {normalize_category(name) for name in raw}
        # The names of the categories not restated are taken first: they agree with each other
        # (their own version was checked), so a clash is the fault of what this version adds.
        seen: dict[str, str] = {}
        for category in inherited:
            if normalize_category(category.name) not in restated:
                for name in category.spellings:
                    seen[normalize_category(name)] = category.name
        result: dict[str, CategoryThresholds] = {c.name: c for c in inherited}
        for name, body_raw in raw.items():
            category_path = (*path, name)
            old = by_key.get(normalize_category(name))
            name = old.name if old else name  # restating keeps the inherited spelling
            self.claim(seen, name, name, category_path, alias=False)
            body = self.mapping(body_raw, category_path, _CATEGORY_KEYS)
            if body is None:
                continue
            amounts: dict[str, Decimal] = {}
            for kind in THRESHOLD_KINDS:
                if kind not in body:
                    if old is not None:
                        amounts[kind] = getattr(old, kind)
                    elif not partial:
                        self.problem(category_path, f"missing threshold {kind!r}")
                    continue
                amount = self.number(
                    body[kind], (*category_path, kind), places=_MONEY_PLACES, unit="PLN amounts", money=True
                )
                if amount is not None:
                    amounts[kind] = amount
            pl = old.pl if old is not None and "pl" not in body else self.polish_name(body.get("pl"), category_path)
            if pl is not None:
                self.claim(seen, pl, name, (*category_path, "pl"), alias=True)
            if "aliases" in body or old is None:
                aliases = self.aliases(body.get("aliases", []), (*category_path, "aliases"), seen, name)
            else:
                aliases = old.aliases
                for index, alias in enumerate(aliases):
                    self.claim(seen, alias, name, (*category_path, "aliases", index), alias=True)
            source = body.get("source", old.source if old else CATEGORY_SOURCE)
            if source not in SOURCES:
                self.problem((*category_path, "source"), f"must be one of: {', '.join(SOURCES)}")
            if len(amounts) != len(THRESHOLD_KINDS) or source not in SOURCES:
                continue
            if amounts["conditional"] > amounts["company"]:
                where = next((kind for kind in ("conditional", "company") if kind in body), None)
                self.problem(
                    (*category_path, where) if where else category_path,
                    f"conditional threshold {amounts['conditional']} is above"
                    f" the company threshold {amounts['company']}",
                )
            result[name] = CategoryThresholds(
                name, amounts["company"], amounts["conditional"], amounts["brand"], aliases, str(source), pl
            )
        return tuple(result.values())

    def polish_name(self, raw: object, path: safe_yaml.Path) -> str | None:
        if raw is None:
            return None
        if not isinstance(raw, str) or not raw.strip():
            self.problem((*path, "pl"), "must be a name (Allegro's Polish name of the category)")
            return None
        return raw

    def aliases(self, raw: object, path: safe_yaml.Path, seen: dict[str, str], owner: str) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(a, str) for a in raw):
            self.problem(path, "must be a list of names")
            return ()
        for index, alias in enumerate(raw):
            self.claim(seen, alias, owner, (*path, index), alias=True)
        return tuple(raw)

    def claim(self, seen: dict[str, str], text: str, owner: str, path: safe_yaml.Path, *, alias: bool) -> None:
        """Register a name or alias: no two may match (as users' category names are matched), or one
        name would answer for two categories, or a category would be listed twice."""
        key = normalize_category(text)
        if not key:
            self.problem(path, "a category name cannot be empty")
            return
        other = seen.get(key)
        if other is None:
            seen[key] = owner
        elif alias and other == owner:
            self.problem(path, f"alias {text!r} repeats a name of {owner!r}")
        elif alias:
            self.problem(path, f"alias {text!r} is ambiguous: it already names {other!r}")
        else:
            self.problem(
                path, f"category {text!r} is listed twice: it matches {other!r} (case, spacing and &/and are ignored)"
            )


# ---------------------------------------------------------------- the shipped table, read already

COMPILED_PATH = Path(__file__).with_name("thresholds.compiled.json")
# How JSON holds the values YAML has and JSON lacks: {"$decimal": "99.5"}, {"$date": "2026-01-01"}.
_TAGS: dict[str, type] = {"$decimal": Decimal, "$date": dt.date}


def compiled_document(text: str) -> object | None:
    """The document of `text` as `safe_yaml.load` gives it, when `text` is the shipped table's
    text as it was compiled; None for any other text (or no compiled file)."""
    compiled = _compiled()
    if compiled is None or compiled.get("text") != text:
        return None
    return copy.deepcopy(compiled.get("document"))


@functools.cache
def _compiled() -> dict[str, object] | None:
    """The compiled file, read once a process (a program that loads many tables reads it once)."""
    import json

    try:
        compiled = json.loads(COMPILED_PATH.read_bytes(), object_hook=_untag)
    except (OSError, ValueError):
        return None
    return compiled if isinstance(compiled, dict) else None


def _untag(mapping: dict[str, object]) -> object:
    if len(mapping) == 1:
        ((key, value),) = mapping.items()
        if key == "$decimal" and isinstance(value, str):
            return Decimal(value)
        if key == "$date" and isinstance(value, str):
            return dt.date.fromisoformat(value)
    return mapping


def compile_document(text: str) -> str:
    """The JSON that `compiled_document` reads for `text`: its document, and the text itself (the
    file is used only for that very text). ValueError for a document it cannot hold: one that
    does not load, or holds a time of day or a key written like a tag."""
    import json

    from diamond_cli import safe_yaml

    try:
        document, _ = safe_yaml.load(text)
    except safe_yaml.YamlError as exc:
        raise ValueError(f"the table does not load: {exc}") from None

    def tagged(value: object) -> object:
        if isinstance(value, dict):
            if any(key in _TAGS for key in value):
                raise ValueError(f"a key written like a tag: {sorted(value)}")
            return {key: tagged(item) for key, item in value.items()}
        if isinstance(value, list):
            return [tagged(item) for item in value]
        if isinstance(value, Decimal):
            return {"$decimal": str(value)}
        if isinstance(value, dt.datetime):
            raise ValueError(f"a time of day: {value}")
        if isinstance(value, dt.date):
            return {"$date": value.isoformat()}
        if value is None or isinstance(value, (str, int, bool)):
            return value
        raise ValueError(f"a value JSON cannot hold: {value!r}")

    return json.dumps({"text": text, "document": tagged(document)}, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    # After editing thresholds.yaml: `python -m diamond_cli.thresholds` writes its compiled form.
    COMPILED_PATH.write_text(compile_document(default_table_path().read_bytes().decode("utf-8")), encoding="utf-8")
    print(f"wrote {COMPILED_PATH}")
