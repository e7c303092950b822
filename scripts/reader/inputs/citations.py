"""Citation declarations: ``sources/<slug>/citations.yml``, read and validated.

Each declaration is an exact phrase of a paragraph or footnote, the bib key it cites and
how many places the phrase occurs (``occurrence``, default 1). Problems stop the build
with the ``file:line`` of the declaration (code C001).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.diagnostics import Report
from reader.inputs.yamlio import load_yaml, position_of

DECLARATION_FIELDS = {"quote", "key", "occurrence", "note"}


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
    data = load_yaml(path, display)
    report = Report()
    if data is None:
        return ()
    if not isinstance(data, list):
        report.error(
            "C001",
            "citations.yml must be a list of {quote, key, occurrence}",
            path=display,
            line=1,
            hint="start each declaration with '- quote: ...'",
        )
        report.raise_if_errors()
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
    problems = [f"unknown field '{k}'" for k in item if k not in DECLARATION_FIELDS]
    if not isinstance(item.get("quote"), str) or not item["quote"].strip():
        problems.append("'quote' must be a non-empty string")
    if not isinstance(item.get("key"), str):
        problems.append("'key' must be a bib key")
    occurrence = item.get("occurrence", 1)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 1:
        problems.append("'occurrence' must be a whole number ≥ 1")
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
    return DeclaredCitation(
        item["quote"], item["key"], occurrence, str(item.get("note", "")), display, line
    )
