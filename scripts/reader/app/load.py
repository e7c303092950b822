"""Loading a build's inputs: the texts, then everything the passes share.

:func:`load_sources` reads every ``sources/<slug>/`` folder; :func:`load_shared_inputs`
reads glossary.yml, references.bib, each text's citations.yml, annotations.yml and anchor
lock, comparisons.yml and mkdocs.yml into one frozen :class:`~reader.passes.context.Context`.
Every problem of every input is collected before the build stops.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.inputs.annotations import Declared
from reader.inputs.bibliography import load_bibliography
from reader.inputs.citations import DeclaredCitation, load_declarations
from reader.inputs.comparisons import Comparison, load_crosslink_inputs
from reader.inputs.glossary import check_bib_keys as check_glossary_bib
from reader.inputs.glossary import load_glossary
from reader.inputs.locks import AnchorBook, load_book
from reader.inputs.mkdocs_config import load_site_info
from reader.inputs.sources import Source, check_bib_keys, discover, load_source
from reader.passes.context import Context
from reader.repair.hyphenation import Lexicon

T = TypeVar("T")


def load_sources(root: Path, slugs: list[str] | None = None) -> dict[str, Source]:
    """Load every text folder (or the named ones), collecting every error before stopping."""
    report = Report()
    folders = discover(root)
    known = {f.name for f in folders}
    for slug in slugs or []:
        if slug not in known:
            report.error(
                "S005",
                f"unknown text '{slug}'",
                path="sources/",
                hint="known texts: " + ", ".join(sorted(known)),
            )
    report.raise_if_errors()
    sources: dict[str, Source] = {}
    for folder in folders:
        try:
            source = load_source(folder, root)
        except DiagnosticError as error:
            report.extend(error.diagnostics)
            continue
        sources[source.meta.slug] = source
    report.raise_if_errors()
    if not sources:
        raise DiagnosticError(
            [
                Diagnostic(
                    "S006",
                    "no texts found",
                    "sources/",
                    hint="add a folder with original.txt and meta.yml",
                )
            ]
        )
    return sources


def load_shared_inputs(root: Path, lexicon: Lexicon, sources: dict[str, Source]) -> Context:
    """The context of a build: glossary, bibliography, citation declarations, anchor
    locks, annotations, comparisons and site settings (with the inputs' warnings);
    DiagnosticError listing every problem of every input."""
    report = Report()
    glossary = _shared(root, "glossary.yml", load_glossary, report)
    bibliography = _shared(root, "references.bib", load_bibliography, report)
    citations: dict[str, tuple[DeclaredCitation, ...]] = {}
    if bibliography is not None or not _has_content(root / "references.bib"):
        report.extend(check_bib_keys(sources, bibliography))  # not when B00x said it
    if bibliography is not None:
        if glossary is not None:
            report.extend(check_glossary_bib(glossary, bibliography))
        citations = _citations(root, sources, report)
    site = load_site_info(root / "mkdocs.yml")
    anchors: AnchorBook | None = None
    try:
        anchors = load_book(root, list(sources))
    except DiagnosticError as error:
        report.extend(error.diagnostics)
    ids = {e.id for e in glossary} if glossary is not None else None
    annotations: list[Declared]
    comparisons: tuple[Comparison, ...] | None
    annotations, comparisons = load_crosslink_inputs(root, ids, list(sources), report)
    report.raise_if_errors()
    return Context(
        root=root,
        lexicon=lexicon,
        glossary=glossary,
        bibliography=bibliography,
        citations=citations,
        anchors=anchors,
        site=site,
        annotations=tuple(annotations),
        comparisons=comparisons,
        warnings=tuple(d for d in report if d.severity == "warning"),
    )


def _shared(root: Path, name: str, loader: Callable[[Path, str], T], report: Report) -> T | None:
    """``loader`` of the shared input ``name`` (None when it is absent, empty or broken:
    its problems go to ``report``)."""
    path = root / name
    if not _has_content(path):
        return None
    try:
        return loader(path, name)
    except DiagnosticError as error:
        report.extend(error.diagnostics)
        return None


def _citations(
    root: Path, sources: dict[str, Source], report: Report
) -> dict[str, tuple[DeclaredCitation, ...]]:
    """Each text's citations.yml, by slug (texts without one are left out)."""
    out = {}
    for slug in sources:
        path = root / "sources" / slug / "citations.yml"
        if path.exists():
            try:
                out[slug] = load_declarations(path, f"sources/{slug}/citations.yml")
            except DiagnosticError as error:
                report.extend(error.diagnostics)
    return out


def _has_content(path: Path) -> bool:
    """Whether a shared input exists and holds more than white space (read as bytes, so
    that an undecodable file reaches its loader and gets a located diagnostic)."""
    return path.is_file() and bool(path.read_bytes().strip())
