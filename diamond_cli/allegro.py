"""Seller figures from Allegro REST API responses that the seller saved as JSON files.

Retyping figures is where errors creep in, so a seller can point the tool at the responses
themselves. The tool never calls the network: the seller saves the responses (README shows how)
and this module only reads files. Three responses are understood, each in its own file of one
directory (the names, and the variants accepted, are in `RESPONSES`):

- `GET /users/{userId}/ratings-summary` -> `ratings` from `recommended.unique` and
  `notRecommended.unique`, and `positive_ratings_pct` from `recommendedPercentage` ("99,8");
- `GET /sale/quality` -> `quality`: the grade of the newest day in `quality[]` (`score` ignored);
- `GET /me` -> `nip` from `company.taxId` (`company: null` is an account without a company).

A response whose shape is not the documented one is an input error naming the file and the key,
so a changed API or a half-saved file is noticed rather than read as a figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diamond_cli.errors import InputError, UsageError
from diamond_cli.messages import text
from diamond_cli.models import Grade, Ratings
from diamond_cli.pipeline import convert, parse_json
from diamond_cli.pipeline import type_name as _type_name


@dataclass(frozen=True, slots=True)
class Response:
    """One saved API response: the endpoint it comes from and the file names it may have."""

    endpoint: str
    names: tuple[str, ...]


RATINGS = Response("GET /users/{userId}/ratings-summary", ("ratings-summary.json", "ratings_summary.json"))
QUALITY = Response("GET /sale/quality", ("sale-quality.json", "sale_quality.json", "quality.json"))
ME = Response("GET /me", ("me.json",))
RESPONSES: tuple[Response, ...] = (RATINGS, QUALITY, ME)


class ResponseError(InputError):
    """A saved response is not what the documented endpoint returns; names the file and the key."""

    def __init__(self, file: str, key: str | None, problem: str, *, nip: str | None = None) -> None:
        self.file = file
        self.key = key
        super().__init__(f"{file}: {key}" if key else file, problem, nip=nip)


class _Reader:
    """Walks one parsed response, turning every surprise into a `ResponseError` for its key."""

    def __init__(self, path: Path, response: Response, lang: str) -> None:
        self.file = str(path)
        self.response = response
        self.lang = lang

    def fail(self, key: str | None, message_key: str, **params: Any) -> ResponseError:
        return ResponseError(self.file, key, text(message_key, self.lang, endpoint=self.response.endpoint, **params))

    def load(self, path: Path) -> dict[str, Any]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise UsageError(text("allegro.cannot_read", self.lang, path=self.file, reason=reason)) from None
        try:
            document = parse_json(data)
        except InputError as exc:
            raise ResponseError(self.file, None, exc.problem) from None
        if not isinstance(document, dict):
            raise self.fail(None, "allegro.not_object", found=_type_name(document))
        errors = document.get("errors")
        if isinstance(errors, list) and errors and set(document) <= {"errors"}:
            first = errors[0] if isinstance(errors[0], dict) else {}
            raise self.fail(
                None,
                "allegro.error_response",
                code=str(first.get("code", "?")),
                message=str(first.get("userMessage") or first.get("message") or ""),
            )
        return document

    def wrong_type(self, key: str, expected: str, value: object) -> ResponseError:
        return self.fail(key, "allegro.wrong_type", expected=text(expected, self.lang), found=_type_name(value))

    def get(self, parent: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in parent:
            raise self.fail(path, "allegro.missing_key")
        return parent[key]

    def obj(self, parent: Mapping[str, Any], key: str, path: str, *, nullable: bool = False) -> dict[str, Any] | None:
        value = self.get(parent, key, path)
        if value is None and nullable:
            return None
        if not isinstance(value, dict):
            raise self.wrong_type(path, "allegro.an_object", value)
        return value

    def day(self, path: str, value: object) -> dt.date:
        """`resultFor`: documented as a date; a full timestamp is read as its day."""
        if isinstance(value, str):
            for parse in (dt.date.fromisoformat, lambda v: dt.datetime.fromisoformat(v).date()):
                try:
                    return parse(value)
                except ValueError:
                    continue
        raise self.fail(path, "allegro.not_a_date", found=repr(value) if isinstance(value, str) else _type_name(value))

    def convert(self, path: str, convert: Callable[[object], Any], value: object) -> Any:
        try:
            return convert(value)
        except InputError as exc:
            raise ResponseError(self.file, path, exc.problem, nip=exc.nip) from None


def _grade(value: object) -> Grade:
    grade: Grade = convert("grade", value)
    return grade


def _count(value: object) -> int:
    count: int = convert("count", value)
    return count


def _find(directory: Path, response: Response, lang: str) -> Path | None:
    present = [directory / name for name in response.names if (directory / name).is_file()]
    if len(present) > 1:
        raise InputError(
            str(directory), text("allegro.ambiguous", lang, files=[p.name for p in present], endpoint=response.endpoint)
        )
    return present[0] if present else None


def read_ratings(path: Path, lang: str = "en") -> dict[str, Any]:
    """`ratings` (unique buyers, as the program counts them) and `positive_ratings_pct`."""
    reader = _Reader(path, RATINGS, lang)
    document = reader.load(path)
    counts: dict[str, int] = {}
    for side, key in (("positive", "recommended"), ("negative", "notRecommended")):
        block = reader.obj(document, key, key)
        assert block is not None
        counts[side] = reader.convert(f"{key}.unique", _count, reader.get(block, "unique", f"{key}.unique"))
    fields: dict[str, Any] = {"ratings": Ratings(counts["positive"], counts["negative"])}
    pct = reader.get(document, "recommendedPercentage", "recommendedPercentage")
    if pct is not None:  # a seller without ratings has no percentage
        fields["positive_ratings_pct"] = reader.convert(
            "recommendedPercentage", lambda v: convert("share_pct_text", v), pct
        )
    return fields


def read_quality(path: Path, lang: str = "en") -> dict[str, Any]:
    """`quality`: the grade of the newest day; Allegro leaves out days without a result."""
    reader = _Reader(path, QUALITY, lang)
    document = reader.load(path)
    days = reader.get(document, "quality", "quality")
    if not isinstance(days, list):
        raise reader.wrong_type("quality", "allegro.a_list", days)
    if not days:  # no day with a result yet: the grade must come from the record or --quality
        return {}
    newest: tuple[dt.date, Grade] | None = None
    for i, day in enumerate(days):
        where = f"quality[{i}]"
        if not isinstance(day, dict):
            raise reader.wrong_type(where, "allegro.an_object", day)
        date = reader.day(f"{where}.resultFor", reader.get(day, "resultFor", f"{where}.resultFor"))
        grade = reader.convert(
            f"{where}.grade", lambda v: convert("grade", v), reader.get(day, "grade", f"{where}.grade")
        )
        if newest is None or date > newest[0]:
            newest = (date, grade)
    assert newest is not None
    return {"quality": newest[1]}


def read_me(path: Path, lang: str = "en") -> dict[str, Any]:
    """`nip` from `company.taxId`; an account without a company (`company: null`) gives none."""
    reader = _Reader(path, ME, lang)
    document = reader.load(path)
    company = reader.obj(document, "company", "company", nullable=True)
    if company is None:
        return {}
    tax_id = reader.get(company, "taxId", "company.taxId")
    if tax_id is None:
        return {}
    return {"nip": reader.convert("company.taxId", lambda v: convert("nip", v), tax_id)}


_READERS: dict[Response, Callable[[Path, str], dict[str, Any]]] = {
    RATINGS: read_ratings,
    QUALITY: read_quality,
    ME: read_me,
}


def read_directory(directory: Path, lang: str = "en") -> dict[str, Any]:
    """Validated record fields from the responses saved in `directory` (any subset of the three).

    A missing directory, or one holding none of the responses, is a usage error: the path is
    wrong, not the data.
    """
    if not directory.is_dir():
        problem = "allegro.not_a_directory" if directory.exists() else "allegro.no_directory"
        raise UsageError(text(problem, lang, path=str(directory)))
    fields: dict[str, Any] = {}
    found = False
    for response in RESPONSES:
        path = _find(directory, response, lang)
        if path is not None:
            found = True
            fields.update(_READERS[response](path, lang))
    if not found:
        names = [name for response in RESPONSES for name in response.names[:1]]
        raise UsageError(text("allegro.nothing_found", lang, path=str(directory), names=names))
    return fields


def read_seller(root: Path, seller: object, lang: str = "en") -> dict[str, Any]:
    """The responses saved for one seller of a batch, in `root/<seller label>/`.

    Every problem is an error of that record only (the batch goes on): a record without a label
    that names a directory, a seller without a directory, a directory without responses.
    """
    if isinstance(seller, bool) or not isinstance(seller, (str, int)):
        raise InputError("seller", text("allegro.seller_needed", lang))
    name = str(seller)
    if not name.strip() or name in (".", "..") or any(char in name for char in "/\\\0"):
        raise InputError("seller", text("allegro.seller_not_a_name", lang, seller=name))
    directory = root / name
    if not directory.is_dir():
        raise InputError("seller", text("allegro.seller_missing", lang, path=str(directory)))
    try:
        return read_directory(directory, lang)
    except UsageError as exc:
        raise InputError(None, str(exc)) from None


def merge_api(fields: dict[str, Any], api: Mapping[str, Any]) -> None:
    """API figures override a record's; a ratings summary replaces the record's counts and share
    together, so a stale share is never shown beside fresh counts."""
    if "ratings" in api:
        fields.pop("positive_ratings_pct", None)
    fields.update(api)
