"""Declared structure: front and back matter named by source line in ``meta.yml``.

Title blocks, author notes, epigraphs, author boxes and profiles differ from text to text
and are few; rather than guess them, an editor names their source lines once::

    structure:
      front:
        - {lines: "1", role: title}
        - {lines: "2-3", role: byline}
        - {lines: 5, role: author-note}

Source lines never change (the original is never edited), so the declaration stays true.
Without a declaration the first non-blank line is the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.inputs.yamlio import position_of
from reader.repair.chunks import Chunk

FRONT_ROLES = frozenset(
    {
        "title",
        "byline",
        "author-note",
        "epigraph",
        "acknowledgement",
        "label",
        "profile",
        "contents",
        "standfirst",
        "source-note",
    }
)
#: What ``structure`` in meta.yml may hold (interviewer/interviewee label interview turns;
#: tables supplies column headings by table anchor).
STRUCTURE_KEYS = ("front", "back", "interviewer", "interviewee", "tables")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$")


@dataclass(frozen=True)
class Region:
    """A declared run of source lines and what it is."""

    first: int
    last: int
    role: str
    place: str  # "front" or "back"
    declared_at: int = 0  # line in meta.yml

    def covers(self, line: int) -> bool:
        """Whether the source line lies in this region."""
        return self.first <= line <= self.last


def read_regions(structure: dict, meta_path: str, n_lines: int) -> list[Region]:
    """Validate ``structure`` (known keys; ``front`` and ``back`` lists) into regions."""
    regions: list[Region] = []
    errors: list[Diagnostic] = []
    for key in structure:
        if key not in STRUCTURE_KEYS:
            errors.append(
                Diagnostic(
                    "M010",
                    f"unknown structure key '{key}'",
                    meta_path,
                    position_of(structure, key).line,
                    position_of(structure, key).column,
                    hint="known keys: " + ", ".join(STRUCTURE_KEYS),
                )
            )
    tables = structure.get("tables") or {}
    if not isinstance(tables, dict) or not all(
        isinstance(t, dict) and isinstance(t.get("header", []), list) for t in tables.values()
    ):
        errors.append(
            Diagnostic(
                "M010",
                "structure 'tables' must map table anchors to {header: [names]}",
                meta_path,
                position_of(structure, "tables").line,
                hint="write tables: then chart-1: {header: [Country, Count]}",
            )
        )
    for place in ("front", "back"):
        items = structure.get(place, []) or []
        if not isinstance(items, list):
            errors.append(
                Diagnostic(
                    "M010",
                    f"structure '{place}' must be a list of {{lines, role}}",
                    meta_path,
                    position_of(structure, place).line,
                    hint=f'write {place}: then items such as - {{lines: "2-3", role: byline}}',
                )
            )
            continue
        for i, item in enumerate(items):
            line = position_of(items, i).line
            region, problem = _region(item, place, line, n_lines)
            if problem:
                errors.append(
                    Diagnostic(
                        "M010",
                        problem,
                        meta_path,
                        line,
                        hint='write {lines: "2-3", role: byline} with a role '
                        "from: " + ", ".join(sorted(FRONT_ROLES)),
                    )
                )
            elif region:
                regions.append(region)
    overlaps = [
        (a, b) for a in regions for b in regions if a is not b and a.first <= b.first <= a.last
    ]
    for _a, b in overlaps:
        errors.append(
            Diagnostic(
                "M011",
                f"lines {b.first}-{b.last} are declared twice",
                meta_path,
                b.declared_at,
                hint="remove one of the declarations",
            )
        )
    if errors:
        raise DiagnosticError(errors)
    return regions


def _region(item: object, place: str, line: int, n_lines: int) -> tuple[Region | None, str]:
    if not isinstance(item, dict) or "lines" not in item or "role" not in item:
        return None, f"a {place} entry needs 'lines' and 'role'"
    match = _RANGE.match(str(item["lines"]))
    if not match:
        return None, f"'lines: {item['lines']}' is not a line or a range like 2-3"
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not 1 <= first <= last <= n_lines:
        return None, f"lines {first}-{last} are outside the source (1-{n_lines})"
    if item["role"] not in FRONT_ROLES:
        return None, f"unknown role '{item['role']}'"
    return Region(first, last, str(item["role"]), place, line), ""


def default_regions(chunks: list[Chunk]) -> list[Region]:
    """Without a declaration: the first non-blank line is the title."""
    if not chunks:
        return []
    return [Region(chunks[0].line, chunks[0].line, "title", "front")]


def check_regions_hold_text(regions: list[Region], chunks: list[Chunk], meta_path: str) -> None:
    """Every declared region must hold at least one non-blank line."""
    lines = {n for c in chunks for n in range(c.line, c.last_line + 1)}
    empty = [r for r in regions if not any(r.covers(n) for n in lines)]
    if empty:
        raise DiagnosticError(
            [
                Diagnostic(
                    "M012",
                    f"lines {r.first}-{r.last} ({r.role}) hold no text",
                    meta_path,
                    r.declared_at,
                    hint="fix the line numbers against the original file",
                )
                for r in empty
            ]
        )
