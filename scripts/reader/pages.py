"""The edition's pages besides the texts: home, edition notes, glossary, bibliography.

Shared inputs (glossary.yml, references.bib, each text's citations.yml) are loaded once
here, before the passes run; each page is rendered from the model and the occurrences the
passes collected, never typed by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.diagnostics import DiagnosticError, Report
from reader.pipeline import Context
from reader.sources import Source

if TYPE_CHECKING:
    from reader.build import Edition


def load_shared_inputs(ctx: Context, sources: dict[str, Source]) -> None:
    """Load glossary, bibliography and citation declarations into the context."""
    report = Report()
    root = ctx.root
    glossary_path = root / "glossary.yml"
    if glossary_path.exists() and glossary_path.read_text(encoding="utf-8").strip():
        from reader.glossary import load_glossary

        try:
            ctx.glossary = load_glossary(glossary_path, "glossary.yml")
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    bib_path = root / "references.bib"
    if bib_path.exists() and bib_path.read_text(encoding="utf-8").strip():
        from reader.bibliography import load_bibliography

        try:
            ctx.bibliography = load_bibliography(bib_path, "references.bib")
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    if ctx.bibliography is not None:
        from reader.passes.citations import load_declarations

        for slug in sources:
            path = root / "sources" / slug / "citations.yml"
            if path.exists():
                try:
                    ctx.citations[slug] = load_declarations(path, f"sources/{slug}/citations.yml")
                except DiagnosticError as error:
                    report.extend(error.diagnostics)
    report.raise_if_errors()


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def extra_pages(edition: Edition) -> dict[str, str]:
    """Home, edition, glossary and bibliography pages, as Markdown by path."""
    from reader.emit.home import render_home
    from reader.emit.edition_page import render_edition_page

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
            ctx.bibliography, ctx.citation_occurrences, text_labels=labels)
    return pages
