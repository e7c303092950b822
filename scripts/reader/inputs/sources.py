"""Loading a text's folder: the original file, its metadata and declared corrections.

A text lives in ``sources/<slug>/``: the original file exactly as received (never edited)
and ``meta.yml``. :func:`load_source` validates the metadata against :data:`META_SCHEMA`
and reads the original as strict UTF-8, reporting every problem with file, line and fix.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.core.model import Author, Correction, Meta
from reader.inputs.characters import invisible_characters
from reader.inputs.dates import is_calendar_date
from reader.inputs.textfile import ReadCodes, outside_project, read_utf8
from reader.inputs.yamlio import load_yaml, position_of

#: The conversion profiles a text may name; see ``reader.core.profiles``.
PROFILES = ("default", "hard-wrapped", "interview", "report", "markdown")
ROLES = ("author", "editor", "interviewee", "interviewer", "contributor", "translator")
GENRES = ("essay", "policy brief", "interview", "report", "journal article", "abstract", "other")
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*-\d{4}$")

# name -> (type, required, description)
META_SCHEMA: dict[str, tuple[type, bool, str]] = {
    "title": (str, True, "the title as the edition shows it"),
    "authors": (list, True, "a list of {name, role} with role in " + ", ".join(ROLES)),
    "date": (str, True, "YYYY, YYYY-MM or YYYY-MM-DD"),
    "venue": (str, True, "where the text appeared"),
    "genre": (str, True, "one of " + ", ".join(GENRES)),
    "bib_key": (str, True, "the key of the text's entry in references.bib"),
    "language": (str, True, "a BCP 47 language tag, e.g. en"),
    "rights": (str, True, "who holds the rights and on what terms the edition shows it"),
    "provenance": (str, True, "where the original file came from and how it was extracted"),
    "profile": (str, True, "the conversion profile: " + ", ".join(PROFILES)),
    "source_file": (str, False, "the original file's name in the folder"),
    "source_url": (str, False, "where the original is published"),
    "summary": (str, False, "a one-line summary for the home page"),
    "short_title": (str, False, "a short title for navigation"),
    "corrections": (list, False, "declared corrections: {find, replace, count, reason}"),
    "structure": (dict, False, "structural hints for the parser"),
    "seed": (str, False, "the name of the file as it was received"),
    "sha256": (str, False, "the sha256 of the original file"),
}


@dataclass(frozen=True)
class Source:
    """A loaded text folder: validated metadata and the original text."""

    meta: Meta
    text: str
    path: Path  # the original file
    meta_path: Path
    display_path: str  # the original's path as diagnostics show it
    meta_display: str
    meta_lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> line


#: How a YAML type reads to an editor (bool first: True is also an int).
_KIND = {
    bool: "true or false",
    str: "text",
    list: "a list",
    dict: "a mapping",
    int: "a whole number",
}


def _kind_of(value: Any) -> str:
    """How a YAML value reads to an editor: 'a list', not 'LocatedList'."""
    if value is None:
        return "empty"
    return next((name for kind, name in _KIND.items() if isinstance(value, kind)), "a value")


def _expect(report: Report, data: Any, key: str, kind: type, where: str, hint: str) -> bool:
    pos = position_of(data, key)
    if not isinstance(data[key], kind):
        report.error(
            "M003",
            f"'{key}' must be {_KIND.get(kind, kind.__name__)}, not {_kind_of(data[key])}",
            path=where,
            line=pos.line,
            column=pos.column,
            hint=hint,
        )
        return False
    return True


def validate_meta(data: Any, slug: str, where: str) -> tuple[Meta | None, Report]:
    """Check metadata against the schema; return the Meta and every finding."""
    report = Report()
    if not isinstance(data, dict):
        report.error(
            "M001",
            "metadata must be a mapping of fields",
            path=where,
            line=1,
            hint="see sources/kosachev-2012/meta.yml for an example",
        )
        return None, report
    for key in data:
        if key not in META_SCHEMA:
            pos = position_of(data, key)
            report.error(
                "M002",
                f"unknown field '{key}'",
                path=where,
                line=pos.line,
                column=pos.column,
                hint="known fields: " + ", ".join(META_SCHEMA),
            )
    for key, (kind, required, description) in META_SCHEMA.items():
        if key not in data:
            if required:
                report.error(
                    "M004",
                    f"missing required field '{key}'",
                    path=where,
                    line=1,
                    hint=f"add '{key}:' ({description})",
                )
            continue
        _expect(report, data, key, kind, where, description)
    if report.errors:
        return None, report
    _check_choice(report, data, "profile", PROFILES, where)
    _check_choice(report, data, "genre", GENRES, where)
    source_file = data.get("source_file", "original.txt")
    if Path(source_file).name != source_file or source_file.startswith("."):
        pos = position_of(data, "source_file")
        report.error(
            "M009",
            f"source_file '{source_file}' is not a file name in the folder",
            path=where,
            line=pos.line,
            column=pos.column,
            hint="name a file next to meta.yml, e.g. original.txt",
        )
    if not is_calendar_date(data["date"]):
        pos = position_of(data, "date")
        report.error(
            "M006",
            f"date '{data['date']}' is not a calendar date written YYYY, YYYY-MM or YYYY-MM-DD",
            path=where,
            line=pos.line,
            column=pos.column,
            hint='quote the date and write a real one, e.g. "2012-07" or "2012-02-29"',
        )
    for key in ("title", "short_title", "venue", "bib_key"):
        if key in data and not data[key].strip():
            pos = position_of(data, key)
            report.error(
                "M014",
                f"'{key}' is empty",
                path=where,
                line=pos.line,
                column=pos.column,
                hint=f"write the {key.replace('_', ' ')}, or remove the line if it is optional",
            )
    authors = _authors(report, data["authors"], where)
    corrections = _corrections(report, data.get("corrections", []), where)
    if report.errors:
        return None, report
    meta = Meta(
        slug=slug,
        title=data["title"],
        authors=authors,
        date=data["date"],
        venue=data["venue"],
        genre=data["genre"],
        bib_key=data["bib_key"],
        language=data["language"],
        rights=data["rights"],
        provenance=data["provenance"],
        profile=data["profile"],
        source_file=data.get("source_file", "original.txt"),
        source_url=data.get("source_url", ""),
        summary=data.get("summary", ""),
        short_title=data.get("short_title", ""),
        corrections=corrections,
        structure=data.get("structure") or {},  # a LocatedDict: M010 can name lines
    )
    return meta, report


def _check_choice(report: Report, data: Any, key: str, choices: tuple[str, ...], where: str):
    if data[key] not in choices:
        pos = position_of(data, key)
        report.error(
            "M005",
            f"unknown {key} '{data[key]}'",
            path=where,
            line=pos.line,
            column=pos.column,
            hint=f"use one of: {', '.join(choices)}",
        )


def _authors(report: Report, items: list, where: str) -> tuple[Author, ...]:
    authors = []
    if not items:
        pos = position_of(items)
        report.error(
            "M007",
            "a text needs at least one author",
            path=where,
            line=pos.line,
            hint="add - {name: ..., role: author}",
        )
    for i, item in enumerate(items):
        pos = position_of(items, i)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            report.error(
                "M007",
                f"author {i + 1} needs a 'name'",
                path=where,
                line=pos.line,
                hint="write - {name: Konstantin Kosachev, role: author}",
            )
            continue
        role = item.get("role", "author")
        if role not in ROLES:
            report.error(
                "M005",
                f"unknown author role '{role}'",
                path=where,
                line=pos.line,
                hint=f"use one of: {', '.join(ROLES)}",
            )
        authors.append(
            Author(
                item["name"], role, str(item.get("affiliation", "")), str(item.get("family", ""))
            )
        )
    return tuple(authors)


def _corrections(report: Report, items: list, where: str) -> tuple[Correction, ...]:
    corrections = []
    for i, item in enumerate(items):
        pos = position_of(items, i)
        fields = item if isinstance(item, dict) else {}
        missing = [k for k in ("find", "replace", "count", "reason") if k not in fields]
        if missing:
            report.error(
                "M008",
                f"correction {i + 1} lacks {', '.join(missing) or 'fields'}",
                path=where,
                line=pos.line,
                hint="write {find: exact text, replace: new text, count: 1, reason: …}",
            )
            continue
        count = item["count"]
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            report.error(
                "M008",
                f"correction {i + 1}: count must be a whole number ≥ 1",
                path=where,
                line=pos.line,
                hint="say how many times 'find' occurs",
            )
            continue
        if not str(item["find"]):
            report.error(
                "M008",
                f"correction {i + 1}: 'find' is empty",
                path=where,
                line=pos.line,
                hint="quote the exact text to replace",
            )
            continue
        corrections.append(
            Correction(
                str(item["find"]),
                str(item["replace"]),
                item["count"],
                str(item["reason"]),
                pos.line,
            )
        )
    return tuple(corrections)


ORIGINAL_CODES = ReadCodes(
    unreadable="S001",
    encoding="S002",
    missing="original file is missing",
    missing_hint="copy the text, byte for byte, into this folder, or fix 'source_file'",
    unreadable_hint="make it a readable file, or fix 'source_file'",
    encoding_message="original is not UTF-8",
    encoding_hint="convert the file to UTF-8 (e.g. iconv -f cp1251 -t utf-8) and check it",
    what="the original",
)


def read_original(path: Path, display: str) -> str:
    """Read an original file as strict UTF-8; missing, empty or undecodable files stop."""
    text = read_utf8(path, display, ORIGINAL_CODES)
    if not text.strip():
        raise DiagnosticError(
            [
                Diagnostic(
                    "S003",
                    "original file is empty",
                    display,
                    hint="put the text in the file, or remove the folder",
                )
            ]
        )
    return text


def load_source(folder: Path, root: Path) -> Source:
    """Load and validate ``folder`` (``sources/<slug>``); raise DiagnosticError."""
    slug = folder.name
    meta_path = folder / "meta.yml"
    meta_display = (
        str(meta_path.relative_to(root)) if meta_path.is_relative_to(root) else str(meta_path)
    )
    if not SLUG_RE.match(slug):
        raise DiagnosticError(
            [
                Diagnostic(
                    "S004",
                    f"folder name '{slug}' is not <first-author-surname>-<year>",
                    meta_display,
                    hint="rename the folder, e.g. sources/kosachev-2012",
                )
            ]
        )
    guard = outside_project(meta_path, root, meta_display)
    if guard:
        raise DiagnosticError(guard)
    data = load_yaml(meta_path, meta_display)
    meta, report = validate_meta(data, slug, meta_display)
    report.raise_if_errors()
    assert meta is not None
    original = folder / meta.source_file
    display = str(original.relative_to(root)) if original.is_relative_to(root) else str(original)
    report.extend(outside_project(original, root, display))
    report.raise_if_errors()
    text = read_original(original, display)
    report.extend(invisible_characters(text, meta.corrections, display, meta_display))
    report.raise_if_errors()
    lines = {key: position_of(data, key).line for key in data}
    return Source(meta, text, original, meta_path, display, meta_display, lines)


def check_bib_keys(sources: dict[str, Source], known: Container[str] | None) -> list[Diagnostic]:
    """Texts whose ``bib_key`` names no entry of the bibliography (or there is none), and
    texts that share one: each text's page carries its own entry's citation data."""
    problems = [
        Diagnostic(
            "M013",
            f"bib_key '{s.meta.bib_key}' is not in references.bib"
            + (" (references.bib is missing or empty)" if known is None else ""),
            s.meta_display,
            s.meta_lines.get("bib_key", 0),
            1,
            hint="add the text's own entry to references.bib or fix the key",
        )
        for s in sources.values()
        if known is None or s.meta.bib_key not in known
    ]
    first: dict[str, Source] = {}
    for source in sources.values():
        other = first.setdefault(source.meta.bib_key, source)
        if other is not source:
            problems.append(
                Diagnostic(
                    "M015",
                    f"bib_key '{source.meta.bib_key}' is also the key of {other.meta.slug} "
                    f"({other.meta_display})",
                    source.meta_display,
                    source.meta_lines.get("bib_key", 0),
                    1,
                    hint="give each text its own entry in references.bib",
                )
            )
    return problems


def discover(root: Path) -> list[Path]:
    """The text folders under ``root/sources``, in a stable order."""
    base = root / "sources"
    if not base.is_dir():
        raise DiagnosticError(
            [
                Diagnostic(
                    "S007",
                    f"no sources/ folder in {root}: this is not the project folder",
                    "sources/",
                    hint="run reader in the project folder (where mkdocs.yml and sources/ "
                    "are), or name it with --root",
                )
            ]
        )
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
