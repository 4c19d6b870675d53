"""What changed between two versions of a thresholds table, for `diamond thresholds diff`.

The result is plain values (exact Decimals, grade names), the same dict for `--format json` and
the human view, so the two cannot disagree. Versions are compared as merged: a version that
inherits shows the values it inherited, so a diff says what a verdict will see, not what the
YAML restates. No printing here.
"""

from __future__ import annotations

from decimal import Decimal

from diamond_cli.models import Grade
from diamond_cli.thresholds import THRESHOLD_KINDS, CategoryThresholds, Table, TableVersion, normalize_category

# A category's values, in the order a diff lists them.
CATEGORY_FIELDS = (*THRESHOLD_KINDS, "pl", "aliases", "source")
CHANGES = ("added", "removed", "changed")


def _plain(value: object) -> object:
    if isinstance(value, Grade):
        return value.name
    if isinstance(value, tuple):
        return list(value)
    return value


def _same(old: object, new: object) -> bool:
    # Decimal('2.0') == Decimal('2'): a value restated with other digits is not a change.
    if isinstance(old, Decimal) and isinstance(new, Decimal):
        return old == new
    return _plain(old) == _plain(new)


def _category_values(category: CategoryThresholds) -> dict[str, object]:
    """What a category states; a Polish name it does not give is no value of it."""
    values = {name: _plain(getattr(category, name)) for name in CATEGORY_FIELDS}
    return {name: value for name, value in values.items() if not (name == "pl" and value is None)}


def _entry(parameter: str, change: str, old: object, new: object) -> dict[str, object]:
    return {"parameter": parameter, "change": change, "old": _plain(old), "new": _plain(new)}


def _label(version: TableVersion) -> dict[str, object]:
    start = version.effective_from.isoformat() if version.effective_from else None
    return {"version": version.version, "effective_from": start}


def diff_versions(table: Table, old: TableVersion, new: TableVersion) -> dict[str, object]:
    """Every difference from `old` to `new`: categories (matched as user input is: case, spacing
    and &/and ignored) added, removed or changed, key by key; then rule parameters that changed."""
    categories: list[dict[str, object]] = []
    new_by_key = {normalize_category(c.name): c for c in new.categories}
    old_keys = {normalize_category(c.name) for c in old.categories}
    for before in old.categories:
        after = new_by_key.get(normalize_category(before.name))
        if after is None:
            values = _category_values(before)
            entries = [_entry(name, "removed", value, None) for name, value in values.items()]
            categories.append({"name": before.name, "change": "removed", "parameters": entries})
            continue
        entries = [
            _entry(name, "changed", getattr(before, name), getattr(after, name))
            for name in CATEGORY_FIELDS
            if not _same(getattr(before, name), getattr(after, name))
        ]
        if entries:
            categories.append({"name": after.name, "change": "changed", "parameters": entries})
    for after in new.categories:
        if normalize_category(after.name) not in old_keys:
            values = _category_values(after)
            entries = [_entry(name, "added", None, value) for name, value in values.items()]
            categories.append({"name": after.name, "change": "added", "parameters": entries})
    rules: list[dict[str, object]] = []
    for rule, params in old.params.items():
        for name, before_param in params.items():
            after_param = new.params[rule][name]  # every version has the same rule set
            for parameter, was, now in (
                (name, before_param.value, after_param.value),
                (f"{name}.source", before_param.source, after_param.source),
            ):
                if not _same(was, now):
                    rules.append({"rule": rule, **_entry(parameter, "changed", was, now)})
    return {
        "table": table.name,
        "from": _label(old),
        "to": _label(new),
        "categories": categories,
        "rules": rules,
    }


def default_pair(table: Table, to: TableVersion | None) -> tuple[TableVersion | None, TableVersion]:
    """The versions a bare `diff` compares: `to` (else the newest, the one a maintainer has just
    added) and the version just before it (None when `to` is the first)."""
    target = to or table.versions[-1]
    index = next(i for i, v in enumerate(table.versions) if v.version == target.version)
    return (table.versions[index - 1] if index else None), target
