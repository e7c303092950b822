"""YAML loading that knows where every key came from and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; an editor who types a glossary id twice
would lose an entry without a word. :func:`load_yaml` builds plain Python data from the
node tree instead, remembering the line and column of each mapping key and sequence item
in :class:`Located` so that schema errors can name the place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reader.core.diagnostics import Diagnostic, DiagnosticError
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


def _construct(node: yaml.Node, path: str, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.positions = {}
        result.position = _position(node)
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
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
            result[key] = _construct(value_node, path, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList()
        items.positions = []
        items.position = _position(node)
        for item in node.value:
            items.positions.append(_position(item))
            items.append(_construct(item, path, loader))
        return items
    return loader.construct_object(node, deep=True)


def _error(path: str, node: yaml.Node, code: str, message: str, hint: str = "") -> DiagnosticError:
    pos = _position(node)
    return DiagnosticError([Diagnostic(code, message, path, pos.line, pos.column, hint)])


#: libyaml's parser when PyYAML has it (ten times faster; the same nodes and marks).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML text into plain data with positions; raise DiagnosticError on bad input."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _construct(node, path, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "malformed YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark != mark:
            problem += f" ({exc.context} opened at line {exc.context_mark.line + 1})"
        raise DiagnosticError(
            [
                Diagnostic(
                    "Y001",
                    f"malformed YAML: {problem}",
                    path,
                    line,
                    column,
                    "fix the syntax at this place (indentation, quotes, colons)",
                )
            ]
        ) from exc
    finally:
        loader.dispose()


YAML_CODES = ReadCodes(
    unreadable="Y004",
    encoding="Y005",
    missing="file is missing",
    missing_hint="create it or fix the path",
    unreadable_hint="make it a readable YAML file",
)


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Read and parse a UTF-8 YAML file, reporting unreadable files as diagnostics."""
    shown = display or str(path)
    return parse_yaml(read_utf8(path, shown, YAML_CODES), shown)


def position_of(data: Any, key: str | int | None = None) -> Position:
    """The position of ``data[key]`` (or of ``data`` itself) when it is known."""
    if key is not None:
        positions = getattr(data, "positions", None)
        if isinstance(positions, dict) and key in positions:
            return positions[key]
        if isinstance(positions, list) and isinstance(key, int) and key < len(positions):
            return positions[key]
    return getattr(data, "position", Position(0, 0))
