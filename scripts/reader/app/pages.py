"""The edition's pages besides the texts: home, edition notes, glossary, bibliography.

Shared inputs (glossary.yml, references.bib, each text's citations.yml) are loaded once
here, before the passes run; each page is rendered from the model and the occurrences the
passes collected, never typed by hand.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.diagnostics import DiagnosticError, Report
from reader.emit.bibliography_page import render_bibliography_page
from reader.emit.citation_meta import citation_files
from reader.emit.comparisons import crosslink_pages
from reader.emit.edition_page import render_edition_page
from reader.emit.glossary_page import render_glossary_page, render_occurrence_pages
from reader.emit.home import render_home
from reader.emit.related import PAGE as RELATED_PAGE
from reader.emit.related import render_related_page
from reader.inputs.bibliography import export_bibtex, export_csl_json, load_bibliography
from reader.inputs.citations import load_declarations
from reader.inputs.comparisons import load_crosslink_inputs
from reader.inputs.glossary import check_bib_keys as check_glossary_bib
from reader.inputs.glossary import load_glossary
from reader.inputs.locks import load_book
from reader.inputs.mkdocs_config import load_site_info
from reader.inputs.sources import Source, check_bib_keys
from reader.passes.context import Context
from reader.passes.edition import Edition


def load_shared_inputs(ctx: Context, sources: dict[str, Source]) -> None:
    """Load glossary, bibliography and citation declarations into the context."""
    report = Report()
    root = ctx.root
    glossary_path = root / "glossary.yml"
    if _has_content(glossary_path):
        try:
            ctx.glossary = load_glossary(glossary_path, "glossary.yml")
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    bib_path = root / "references.bib"
    if _has_content(bib_path):
        try:
            ctx.bibliography = load_bibliography(bib_path, "references.bib")
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    if ctx.bibliography is not None:
        report.extend(check_bib_keys(sources, ctx.bibliography))
        if ctx.glossary is not None:
            report.extend(check_glossary_bib(ctx.glossary, ctx.bibliography))
        for slug in sources:
            path = root / "sources" / slug / "citations.yml"
            if path.exists():
                try:
                    ctx.citations[slug] = load_declarations(path, f"sources/{slug}/citations.yml")
                except DiagnosticError as error:
                    report.extend(error.diagnostics)
    ctx.site = load_site_info(root / "mkdocs.yml")
    try:
        ctx.anchors = load_book(root, list(sources))
    except DiagnosticError as error:
        report.extend(error.diagnostics)
    ids = {e.id for e in ctx.glossary} if ctx.glossary is not None else None
    ctx.annotations, ctx.comparisons = load_crosslink_inputs(root, ids, list(sources), report)
    report.raise_if_errors()


def _has_content(path: Path) -> bool:
    """Whether a shared input exists and holds more than white space (read as bytes, so
    that an undecodable file reaches its loader and gets a located diagnostic)."""
    return path.is_file() and bool(path.read_bytes().strip())


def extra_pages(edition: Edition) -> dict[str, str]:
    """Home, edition, glossary and bibliography pages, as Markdown by path."""
    pages = {
        "index.md": render_home(edition),
        "edition.md": render_edition_page(edition),
    }
    ctx = edition.context
    titles = {d.meta.slug: d.meta.title for d in edition.documents}
    if ctx is not None and ctx.glossary is not None:
        pages["glossary.md"] = render_glossary_page(ctx.glossary, ctx.term_occurrences, titles)
        pages.update(render_occurrence_pages(ctx.glossary, ctx.term_occurrences, titles))
    if ctx is not None and ctx.bibliography is not None:
        labels = {d.meta.slug: d.meta.short_title or d.meta.title for d in edition.documents}
        pages["bibliography.md"] = render_bibliography_page(
            ctx.bibliography, ctx.citation_occurrences, text_labels=labels
        )
        pages["references.bib"] = export_bibtex(ctx.bibliography)
        pages["bibliography.json"] = export_csl_json(ctx.bibliography)
    if ctx is not None:
        pages.update(citation_files(edition.documents, ctx.bibliography))
        pages.update(crosslink_pages(edition))  # compare/*.md, annotations.jsonld
        pages[RELATED_PAGE] = render_related_page(edition.documents)  # the related lists, no script
    return pages
