"""The edition's pages besides the texts: home, edition notes, glossary, bibliography.

Shared inputs (glossary.yml, references.bib, each text's citations.yml) are loaded once
here, before the passes run; each page is rendered from the model and the occurrences the
passes collected, never typed by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.app.pipeline import Context
from reader.core.diagnostics import DiagnosticError, Report
from reader.inputs.sources import Source

if TYPE_CHECKING:
    from reader.app.build import Edition


def load_shared_inputs(ctx: Context, sources: dict[str, Source]) -> None:
    """Load glossary, bibliography and citation declarations into the context."""
    report = Report()
    root = ctx.root
    glossary_path = root / "glossary.yml"
    if _has_content(glossary_path):
        from reader.inputs.glossary import load_glossary

        try:
            ctx.glossary = load_glossary(glossary_path, "glossary.yml")
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    bib_path = root / "references.bib"
    if _has_content(bib_path):
        from reader.inputs.bibliography import load_bibliography

        try:
            ctx.bibliography = load_bibliography(bib_path, "references.bib")
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    if ctx.bibliography is not None:
        from reader.inputs.sources import check_bib_keys

        report.extend(check_bib_keys(sources, ctx.bibliography))
        if ctx.glossary is not None:
            from reader.inputs.glossary import check_bib_keys as check_glossary_bib

            report.extend(check_glossary_bib(ctx.glossary, ctx.bibliography))
        from reader.passes.citations import load_declarations

        for slug in sources:
            path = root / "sources" / slug / "citations.yml"
            if path.exists():
                try:
                    ctx.citations[slug] = load_declarations(path, f"sources/{slug}/citations.yml")
                except DiagnosticError as error:
                    report.extend(error.diagnostics)
    from reader.app.anchors import load_book
    from reader.emit.citation_meta import load_site_info

    ctx.site = load_site_info(root / "mkdocs.yml")
    try:
        ctx.anchors = load_book(root, list(sources))
    except DiagnosticError as error:
        report.extend(error.diagnostics)
    from reader.emit.comparisons import load_crosslink_inputs

    load_crosslink_inputs(ctx, list(sources), report)  # annotations.yml, comparisons.yml
    report.raise_if_errors()


def _has_content(path: Path) -> bool:
    """Whether a shared input exists and holds more than white space (read as bytes, so
    that an undecodable file reaches its loader and gets a located diagnostic)."""
    return path.is_file() and bool(path.read_bytes().strip())


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def extra_pages(edition: Edition) -> dict[str, str]:
    """Home, edition, glossary and bibliography pages, as Markdown by path."""
    from reader.emit.edition_page import render_edition_page
    from reader.emit.home import render_home

    pages = {
        "index.md": render_home(edition),
        "edition.md": render_edition_page(edition),
    }
    ctx = edition.context
    titles = {d.meta.slug: d.meta.title for d in edition.documents}
    if ctx is not None and ctx.glossary is not None and _has("reader.emit.glossary_page"):
        from reader.emit.glossary_page import render_glossary_page

        pages["glossary.md"] = render_glossary_page(ctx.glossary, ctx.term_occurrences, titles)
    if ctx is not None and ctx.bibliography is not None:
        from reader.emit.bibliography_page import render_bibliography_page

        labels = {d.meta.slug: d.meta.short_title or d.meta.title for d in edition.documents}
        pages["bibliography.md"] = render_bibliography_page(
            ctx.bibliography, ctx.citation_occurrences, text_labels=labels
        )
        from reader.inputs.bibliography import export_bibtex, export_csl_json

        pages["references.bib"] = export_bibtex(ctx.bibliography)
        pages["bibliography.json"] = export_csl_json(ctx.bibliography)
    if ctx is not None:
        from reader.emit.citation_meta import citation_files

        pages.update(citation_files(edition.documents, ctx.bibliography))
        from reader.emit.comparisons import crosslink_pages

        pages.update(crosslink_pages(edition))  # compare/*.md, annotations.jsonld
        from reader.emit.related import PAGE, render_related_page

        pages[PAGE] = render_related_page(edition.documents)  # the related lists, no script
    return pages
