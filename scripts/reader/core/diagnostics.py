"""Findings with a stable code, a place and a fix, collected before the build stops.

Every check in the pipeline reports through :class:`Diagnostic` so that the command line
can print ``file:line:column: CODE message — hint`` and exit non-zero when any finding is
an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a stable code, a severity, a place and what to do about it."""

    code: str
    message: str
    path: str = ""
    line: int = 0
    column: int = 0
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        place = self.path or "<input>"
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        text = f"{place}: {self.code} {self.severity}: {self.message}"
        if self.hint:
            text += f" — {self.hint}"
        return text


class DiagnosticError(Exception):
    """Raised to stop the pipeline; carries every error found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


@dataclass
class Report:
    """A collector of diagnostics; ``raise_if_errors`` stops the build after a stage."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one finding."""
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record several findings."""
        self.items.extend(diagnostics)

    def error(
        self,
        code: str,
        message: str,
        path: str = "",
        line: int = 0,
        column: int = 0,
        hint: str = "",
    ) -> None:
        """Record an error at a place."""
        self.add(Diagnostic(code, message, path, line, column, hint, "error"))

    @property
    def errors(self) -> list[Diagnostic]:
        """The findings that stop the build."""
        return [d for d in self.items if d.severity == "error"]

    def raise_if_errors(self) -> None:
        """Stop with every error collected so far, if there is one."""
        if self.errors:
            raise DiagnosticError(self.errors)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)
