"""YAML loading that knows where every key came from and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; an editor who types a glossary id twice
would lose an entry without a word. :func:`load_yaml` builds plain Python data from the
node tree instead, remembering the line and column of each mapping key and sequence item
in :class:`Located` so that schema errors can name the place. Limits on size, aliases and
nesting (:data:`MAX_BYTES` …) refuse an alias bomb in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.inputs.textfile import ReadCodes, byte_position, read_utf8  # noqa: F401 (re-exported)


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a YAML file."""

    line: int
    column: int


class LocatedDict(dict):
    """A mapping that also records the position of each key (``positions[key]``)."""

    positions: dict[str, Position]
    position: Position


class LocatedList(list):
    """A sequence that also records the position of each item (``positions[i]``)."""

    positions: list[Position]
    position: Position


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


#: Limits that refuse a hostile file quickly: a "billion laughs" alias bomb of 2 KB would
#: otherwise expand to gigabytes, and deep nesting would exhaust the stack.
MAX_BYTES = 2_000_000
MAX_ALIASES = 100
MAX_NODES = 500_000
MAX_DEPTH = 64


@dataclass
class _Budget:
    """What one file has used of the limits so far."""

    path: str
    nodes: int = 0
    aliases: int = 0
    seen: set[int] = field(default_factory=set)

    def spend(self, node: yaml.Node, depth: int) -> None:
        """Count one node; DiagnosticError (Y006) when a limit is passed."""
        self.nodes += 1
        if id(node) in self.seen and isinstance(node, yaml.CollectionNode):
            self.aliases += 1  # the same collection again: an alias or a merge
        self.seen.add(id(node))
        if self.aliases > MAX_ALIASES or self.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise _too_large(
                self.path,
                node.start_mark,
                f"the YAML is too large when its aliases are expanded (more than "
                f"{MAX_NODES} values)",
            )


def _construct(node: yaml.Node, budget: _Budget, loader: yaml.SafeLoader, depth: int = 0) -> Any:
    budget.spend(node, depth)
    path = budget.path
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.positions = {}
        result.position = _position(node)
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _error(path, key_node, "Y003", "a mapping key must be a plain value")
            key = _construct(key_node, budget, loader, depth + 1)
            if not isinstance(key, str | int | float | bool):
                raise _error(path, key_node, "Y003", "a mapping key must be a plain value")
            key = str(key)
            if key in result:
                first = result.positions[key]
                raise _error(
                    path,
                    key_node,
                    "Y002",
                    f"duplicate key '{key}' (first defined at line {first.line})",
                    "remove or rename one of the two",
                )
            result.positions[key] = _position(key_node)
            result[key] = _construct(value_node, budget, loader, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList()
        items.positions = []
        items.position = _position(node)
        for item in node.value:
            items.positions.append(_position(item))
            items.append(_construct(item, budget, loader, depth + 1))
        return items
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # an unquoted impossible date (2020-13-01) and the like
        raise _error(
            path,
            node,
            "Y007",
            f"YAML cannot read the value {node.value!r}: {exc}",
            "write a real date, or quote the value to keep it as text",
        ) from exc


def _error(path: str, node: yaml.Node, code: str, message: str, hint: str = "") -> DiagnosticError:
    pos = _position(node)
    return DiagnosticError([Diagnostic(code, message, path, pos.line, pos.column, hint)])


#: libyaml's parser when PyYAML has it (ten times faster; the same events, nodes and marks).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML text into plain data with positions; raise DiagnosticError on bad input
    (malformed, duplicate keys, or past the limits on size, aliases and nesting)."""
    if len(text) > MAX_BYTES:
        raise DiagnosticError(
            [
                Diagnostic(
                    "Y006",
                    f"the file is too large ({len(text)} characters; at most {MAX_BYTES})",
                    path,
                    1,
                    1,
                    "split it or remove what does not belong in it",
                )
            ]
        )
    loader = _Loader(text)
    try:
        check_shape(text, path)
        node = loader.get_single_node()
        if node is None:
            return None
        return _construct(node, _Budget(path), loader)
    except yaml.MarkedYAMLError as exc:
        raise DiagnosticError([malformed(exc, path, text)]) from exc
    finally:
        loader.dispose()


def check_shape(text: str, path: str) -> None:
    """Refuse, from the parser's events and before anything is built, a file nested
    deeper than :data:`MAX_DEPTH` or using more than :data:`MAX_ALIASES` aliases."""
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
        if depth > MAX_DEPTH or aliases > MAX_ALIASES:
            what = (
                f"more than {MAX_DEPTH} levels of nesting"
                if depth > MAX_DEPTH
                else f"more than {MAX_ALIASES} aliases"
            )
            raise _too_large(path, event.start_mark, f"the YAML has {what}")


def _too_large(path: str, mark: yaml.Mark, message: str) -> DiagnosticError:
    return DiagnosticError(
        [
            Diagnostic(
                "Y006",
                message,
                path,
                mark.line + 1,
                mark.column + 1,
                "write the values out instead of nesting or repeating them through "
                "&anchors and *aliases",
            )
        ]
    )


def precise_error(exc: yaml.MarkedYAMLError, text: str) -> yaml.MarkedYAMLError:
    """The pure-Python parser's account of a syntax error that libyaml found: it names
    the offending character (libyaml says only "cannot start any token"). Parsing again
    costs nothing on the path where the file is refused anyway."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as python_exc:
        return python_exc
    return exc


def malformed(exc: yaml.MarkedYAMLError, path: str, text: str | None = None) -> Diagnostic:
    """Y001 at the place of a YAML syntax error (its character named when ``text`` is
    given to parse again with the pure-Python parser)."""
    if text is not None:
        exc = precise_error(exc, text)
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or exc.context or "malformed YAML"
    if exc.problem and exc.context and exc.context_mark and exc.context_mark != mark:
        problem += f" ({exc.context} opened at line {exc.context_mark.line + 1})"
    return Diagnostic(
        "Y001",
        f"malformed YAML: {problem}",
        path,
        line,
        column,
        "fix the syntax at this place (indentation, quotes, colons)",
    )


YAML_CODES = ReadCodes("Y004", "Y005", unreadable_hint="make it a readable YAML file")


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Read and parse a UTF-8 YAML file, reporting unreadable files as diagnostics."""
    shown = display or str(path)
    return parse_yaml(read_utf8(path, shown, YAML_CODES), shown)


def load_yaml_list(path: Path, display: str, code: str, message: str, hint: str) -> list:
    """A YAML file that holds a list: its items (none for an empty file); a DiagnosticError
    (``code`` at line 1) when it holds anything else."""
    data = load_yaml(path, display)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DiagnosticError([Diagnostic(code, message, display, 1, hint=hint)])
    return data


def error_at(report: Report, code: str, message: str, path: str, at: Position, hint: str = ""):
    """Record an error at a place in a YAML file (its line and column)."""
    report.error(code, message, path=path, line=at.line, column=at.column, hint=hint)


def position_of(data: Any, key: str | int | None = None) -> Position:
    """The position of ``data[key]`` (or of ``data`` itself) when it is known."""
    if key is not None:
        positions = getattr(data, "positions", None)
        if isinstance(positions, dict) and key in positions:
            return positions[key]
        if isinstance(positions, list) and isinstance(key, int) and key < len(positions):
            return positions[key]
    return getattr(data, "position", Position(0, 0))
