"""Loading a text's folder: the original file, its metadata and declared corrections.

A text lives in ``sources/<slug>/``: the original file exactly as received (never edited)
and ``meta.yml``. :func:`load_source` validates the metadata against its schema
(:class:`reader.inputs.meta.MetaFile`)
and reads the original as strict UTF-8, reporting every problem with file, line and fix.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.meta import Meta
from reader.inputs.characters import invisible_characters
from reader.inputs.meta import validate_meta
from reader.inputs.textfile import ReadCodes, outside_project, read_utf8
from reader.inputs.yamlio import load_yaml, position_of

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*-\d{4}$")


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
    if not SLUG_RE.fullmatch(slug):
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


#: The shared inputs at the project's root, and each text's own declaration files.
SHARED_INPUTS = ("mkdocs.yml", "glossary.yml", "references.bib", "timeline.yml", "comparisons.yml")
TEXT_INPUTS = ("citations.yml", "annotations.yml", "anchors.lock")


def inputs_outside(root: Path, slugs: list[str]) -> list[Diagnostic]:
    """S009 for every declaration file (shared, or a text's own) that is a symbolic link
    or resolves outside the project; meta.yml and the originals are checked on load."""
    paths = [Path(name) for name in SHARED_INPUTS]
    paths += [Path("sources") / slug / name for slug in slugs for name in TEXT_INPUTS]
    return [
        finding
        for rel in paths
        if (root / rel).exists() or (root / rel).is_symlink()
        for finding in outside_project(root / rel, root, rel.as_posix())
    ]


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
