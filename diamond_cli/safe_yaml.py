"""Safe YAML reading that keeps line numbers and refuses what PyYAML would silently accept.

PyYAML's `safe_load` drops duplicate keys, expands aliases without limit (the "billion laughs"
file) and turns `99.5` into a binary float. Here the document is composed into nodes (with the C
parser where available) and converted by hand: floats become exact `Decimal`s, a duplicate key,
a non-core tag or a runaway alias expansion is an error, and every value's position is kept so
that messages can say `file:line:column`.
"""

from __future__ import annotations

import contextlib
from decimal import Decimal, InvalidOperation

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from diamond_cli.models import Frozen, set_field

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# At most this many values are produced, counting every alias expansion: real tables have a few
# hundred; a billion-laughs file exceeds it after a few levels and is rejected before conversion.
MAX_NODES = 100_000
# libyaml's composer recurses in C once per level of nesting and crashes the process (no
# RecursionError) a few tens of thousands of levels down, so depth is checked on the event stream
# first. Real documents nest a handful of levels.
MAX_DEPTH = 100
# Longer decimal integers are beyond Python's int-from-text limit; read them as exact Decimals so
# that the caller reports them as too large, for the field they are in.
_MAX_INT_DIGITS = 4300

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class YamlError(Exception):
    """A problem at a position: `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = f"{line}:{column}: " if line is not None else ""
        super().__init__(f"{where}{message}")


class Position(Frozen):
    __slots__ = ("line", "column")  # noqa: RUF023
    line: int
    column: int

    def __init__(self, line: int, column: int) -> None:
        set_field(self, "line", line)
        set_field(self, "column", column)


def dotted(path: Path) -> str:
    """`('a', 0, 'b')` -> `a[0].b`: how messages name a place in a document."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _check_size(root: Node) -> None:
    """Reject a runaway alias expansion before building anything.

    Aliases make the node graph a DAG (or a cycle, for an anchor used inside itself): its expanded
    size is computed once per distinct node, so a billion-laughs file is refused in microseconds
    instead of after converting MAX_NODES values one by one.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise YamlError("an anchor cannot be used inside itself (recursive alias)", *_mark(node))
        total = 1
        if isinstance(node, (MappingNode, SequenceNode)):
            active.add(key)
            children: list[Node] = (
                [part for pair in node.value for part in pair] if isinstance(node, MappingNode) else list(node.value)
            )
            for child in children:
                total += size(child)
                if total > MAX_NODES:
                    raise YamlError(
                        f"document too large or too many alias expansions (over {MAX_NODES} values)", *_mark(node)
                    )
            active.discard(key)
        sizes[key] = total
        return total

    size(root)


def locate(positions: dict[Path, Position], path: Path) -> Position | None:
    """Where `path` is, or else its nearest enclosing value that has a position."""
    probe = path
    position = positions.get(probe)
    while position is None and probe:
        probe = probe[:-1]
        position = positions.get(probe)
    return position


def problem_text(source: str, position: Position | None, path: Path, message: str) -> str:
    """`file:line:column: key.path: message`, the one shape every located problem takes."""
    where = f"{position.line}:{position.column}:" if position else ""
    key = dotted(path)
    return f"{source}:{where} {key + ': ' if key else ''}{message}"


class _Converter:
    def __init__(self, duplicates: list[YamlError] | None = None) -> None:
        self.positions: dict[Path, Position] = {}
        self._scalars = SafeConstructor()
        self.duplicates = duplicates

    def convert(self, node: Node, path: Path) -> object:
        self.positions.setdefault(path, Position(*_mark(node)))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _tag_error(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, object]:
        if node.tag != _MAP:
            raise _tag_error(node, path)
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("merge keys (<<) are not allowed", *_mark(key_node))
            key = self.convert(key_node, path)
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                raise YamlError(f"{dotted(path) or 'top level'}: keys must be text", *_mark(key_node))
            key = str(key)
            if key in result:
                error = YamlError(f"duplicated key {dotted((*path, key))}", *_mark(key_node))
                if self.duplicates is None:
                    raise error
                self.duplicates.append(error)  # reported with the others; the first value is kept
                continue
            self.positions[(*path, key)] = Position(*_mark(key_node))
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: Path) -> object:
        tag = node.tag
        try:
            if tag == _STR:
                return str(node.value)
            if tag == _FLOAT:
                return _decimal(node, path)
            if tag == _INT:
                digits = str(node.value).replace("_", "")
                if len(digits) > _MAX_INT_DIGITS and digits.lstrip("+-").isdecimal():
                    return Decimal(digits)
                return self._scalars.construct_yaml_int(node)
            if tag == _BOOL:
                return self._scalars.construct_yaml_bool(node)
            if tag == _NULL:
                return None
            if tag == _TIMESTAMP:
                return self._scalars.construct_yaml_timestamp(node)
        except (ConstructorError, ValueError) as exc:
            raise YamlError(f"cannot read {_short(node.value)}: {exc}", *_mark(node)) from None
        raise _tag_error(node, path)


def _tag_error(node: Node, path: Path) -> YamlError:
    where = f"{dotted(path)}: " if path else ""
    return YamlError(f"{where}tag {node.tag!r} is not allowed (safe loading only)", *_mark(node))


def _short(value: object, limit: int = 40) -> str:
    """A value as messages quote it: long ones cut, so that one bad scalar cannot flood a message."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…' ({len(str(value))} characters)"


def _decimal(node: ScalarNode, path: Path) -> Decimal:
    text = str(node.value).replace("_", "")
    where = f"{dotted(path)}: " if path else ""
    if text.lower().lstrip("+-") in (".inf", ".nan"):
        raise YamlError(f"{where}{_short(node.value)} is not a finite number", *_mark(node))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise YamlError(f"{where}{_short(node.value)} is not a number", *_mark(node)) from None


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _check_depth(text: str, loader: type[yaml.SafeLoader | yaml.CSafeLoader] = _Loader) -> None:
    """Reject nesting beyond MAX_DEPTH before libyaml's recursive composer sees it."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                where = (mark.line + 1, mark.column + 1) if mark is not None else ()
                raise YamlError(f"nesting too deep (over {MAX_DEPTH} levels)", *where)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def load(text: str, duplicates: list[YamlError] | None = None) -> tuple[object, dict[Path, Position]]:
    """Parse one YAML document into plain values and the position of every path in it.

    A duplicated key is an error; when `duplicates` is given, each is appended to it instead and
    reading goes on, so a validator can report it together with every other problem.
    """
    try:
        try:
            _check_depth(text)
        except yaml.YAMLError:
            # Some libyaml releases stop deep flow nesting in their scanner, at a depth and in words
            # of their own, before any event reaches the check: the pure-Python parser, which
            # streams, finds our limit first. Only failing documents pay for the second parse.
            with contextlib.suppress(yaml.YAMLError):
                _check_depth(text, yaml.SafeLoader)
            raise
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        problem = exc.problem or str(exc)
        if mark is None:
            raise YamlError(problem) from None
        raise YamlError(problem, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0]) from None
    except RecursionError:
        raise YamlError("nesting too deep") from None
    if root is None:
        raise YamlError("the document is empty")
    converter = _Converter(duplicates)
    try:
        _check_size(root)
        value = converter.convert(root, ())
    except RecursionError:
        raise YamlError("nesting too deep") from None
    return value, converter.positions


class _Dumper(yaml.SafeDumper):
    """Writes Decimals as exact YAML numbers (PyYAML's safe dumper refuses them)."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    if value == value.to_integral_value():
        return dumper.represent_scalar(_INT, str(int(value)))
    return dumper.represent_scalar(_FLOAT, format(value, "f"))


_Dumper.add_representer(Decimal, _represent_decimal)


def dump(value: object) -> str:
    """Plain values (dicts, lists, text, numbers, Decimals, booleans, None) as block-style YAML."""
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)
