"""Declarative schemas for the YAML inputs (pydantic v2), reported in the house form.

Each input declares its fields once, as a pydantic model with a type, a default and a
description (``Field(description=…)``). :func:`check` validates the located data of
:mod:`reader.inputs.yamlio` against a model and turns each pydantic error into a
:class:`Diagnostic` at the line and column of the offending key, with the input's own
code for that kind of error (``Codes``), so the messages stay those an editor knows:
``'title' must be text, not a list``. Checks across entries (duplicate ids, unknown
references) stay explicit in each loader. The adversarial tests walk the same models to
give every text field a hostile value, so a new field cannot be forgotten there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from reader.core.diagnostics import Diagnostic
from reader.inputs.yamlio import Position, position_of

Model = TypeVar("Model", bound=BaseModel)

#: How a YAML value reads to an editor (bool first: True is also an int).
KIND = {
    bool: "true or false",
    str: "text",
    list: "a list",
    dict: "a mapping",
    int: "a whole number",
}
#: pydantic error types -> what the field must be.
_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "int_type": "a whole number",
    "bool_type": "true or false",
}


def kind_of(value: Any) -> str:
    """How a YAML value reads to an editor: 'a list', not 'LocatedList'."""
    if value is None:
        return "empty"
    return next((name for kind, name in KIND.items() if isinstance(value, kind)), "a value")


@dataclass(frozen=True)
class Problem:
    """One pydantic error, located: the field's path, what went wrong, the value."""

    loc: tuple[str | int, ...]
    kind: str  # the pydantic error type: missing, extra_forbidden, string_type …
    message: str  # pydantic's own words
    value: Any
    position: Position
    expected: str  # 'text', 'a list' … for a type error, else ''
    context: dict[str, Any]

    @property
    def field(self) -> str:
        """The last key of the path (the field's name)."""
        names = [part for part in self.loc if isinstance(part, str)]
        return names[-1] if names else ""


def locate(data: Any, loc: tuple[str | int, ...]) -> Position:
    """The position of the value at ``loc`` in located data: the deepest key known."""
    position = position_of(data)
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and (isinstance(part, int) and part < len(node))
        ):
            position = position_of(node, part)
            node = node[part]
        else:
            break
    return position


def problems(model: type[BaseModel], data: Any) -> Iterator[Problem]:
    """Every way ``data`` fails ``model``, located, in the order of the file."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        found = []
        for error in exc.errors():
            loc = tuple(part for part in error["loc"] if not str(part).startswith("function-"))
            found.append(
                Problem(
                    loc,
                    error["type"],
                    error["msg"],
                    error.get("input"),
                    locate(data, loc),
                    _EXPECTED.get(error["type"], ""),
                    dict(error.get("ctx") or {}),
                )
            )
        yield from sorted(found, key=lambda p: (p.position.line, p.position.column))


def check(
    model: type[Model], data: Any, describe: Callable[[Problem], Diagnostic]
) -> tuple[Model | None, list[Diagnostic]]:
    """Validate ``data``; return the model (None on error) and one finding per problem."""
    found = [describe(problem) for problem in problems(model, data)]
    if found:
        return None, found
    return model.model_validate(data), []


def text_fields(model: type[BaseModel]) -> list[str]:
    """The names of the model's fields that hold text (for the adversarial tests)."""
    return [name for name, info in model.model_fields.items() if info.annotation is str]


def description(model: type[BaseModel], name: str) -> str:
    """The declared description of a field."""
    info = model.model_fields.get(name)
    return (info.description or "") if info else ""
