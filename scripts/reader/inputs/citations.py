"""Citation declarations: ``sources/<slug>/citations.yml``, read and validated.

Each declaration is an exact phrase of a paragraph or footnote, the bib key it cites and
how many places the phrase occurs (``occurrence``, default 1). Problems stop the build
with the ``file:line`` of the declaration (code C001); the fields are declared once in
:class:`CitationEntry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from reader.core.diagnostics import Report
from reader.inputs.schema import problems as schema_problems
from reader.inputs.yamlio import load_yaml_list, position_of


class CitationEntry(BaseModel):
    """One ``- {quote, key, occurrence, note}`` of citations.yml."""

    model_config = ConfigDict(extra="forbid", strict=True)
    quote: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)] = Field(
        description="an exact phrase of the text"
    )
    key: str = Field(description="the bib key of the work the phrase cites")
    occurrence: StrictInt = Field(1, ge=1, description="how many places the phrase occurs")
    note: str = Field("", description="the editors' note (not shown)")


DECLARATION_FIELDS = set(CitationEntry.model_fields)
#: What each field must be, in the words of a finding.
_MUST = {
    "quote": "'quote' must be a non-empty string",
    "key": "'key' must be a bib key",
    "occurrence": "'occurrence' must be a whole number ≥ 1",
    "note": "'note' must be text",
}


@dataclass(frozen=True)
class DeclaredCitation:
    """An editorial citation: an exact phrase, the bib key, how many places it occurs."""

    quote: str
    key: str
    occurrence: int = 1
    note: str = ""
    path: str = ""
    line: int = 0


def load_declarations(path: Path, display: str) -> tuple[DeclaredCitation, ...]:
    """Read and validate ``citations.yml`` (a missing file declares nothing)."""
    if not path.exists():
        return ()
    message = "citations.yml must be a list of {quote, key, occurrence}"
    hint = "start each declaration with '- quote: ...'"
    data = load_yaml_list(path, display, "C001", message, hint)
    report = Report()
    found = [_declaration(report, data, i, display) for i in range(len(data))]
    report.raise_if_errors()
    return tuple(d for d in found if d is not None)


def _declaration(report: Report, data: list, i: int, display: str) -> DeclaredCitation | None:
    item, line = data[i], position_of(data, i).line
    if not isinstance(item, dict):
        report.error(
            "C001",
            f"declaration {i + 1} is not a mapping",
            path=display,
            line=line,
            hint="write - {quote: exact phrase, key: nye2004soft, occurrence: 1}",
        )
        return None
    problems = [
        f"unknown field '{p.field}'" if p.kind == "extra_forbidden" else _MUST[p.field]
        for p in schema_problems(CitationEntry, item)
    ]
    for problem in problems:
        report.error(
            "C001",
            f"declaration {i + 1}: {problem}",
            path=display,
            line=line,
            hint="fields: quote, key, occurrence (places the quote occurs), note",
        )
    if problems:
        return None
    entry = CitationEntry.model_validate(item)
    return DeclaredCitation(item["quote"], entry.key, entry.occurrence, entry.note, display, line)
