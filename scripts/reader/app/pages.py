"""The edition's pages besides the texts: home, edition notes, glossary, bibliography.

Each page is rendered from the model and what the passes found, never typed by hand.
"""

from __future__ import annotations

from reader.app.editions import changelog_page, with_version
from reader.emit.bibliography_page import render_bibliography_page
from reader.emit.citation_meta import citation_files
from reader.emit.comparisons import crosslink_pages
from reader.emit.edition_page import render_edition_page
from reader.emit.glossary_page import render_glossary_page, render_occurrence_pages
from reader.emit.home import render_home
from reader.emit.related import PAGE as RELATED_PAGE
from reader.emit.related_page import render_related_page
from reader.inputs.bibliography import export_bibtex, export_csl_json
from reader.passes.edition import Edition


def extra_pages(edition: Edition) -> dict[str, str]:
    """Home, edition, glossary and bibliography pages, as Markdown by path."""
    pages = {
        "index.md": render_home(edition),
        "edition.md": render_edition_page(edition),
    }
    ctx = edition.context
    if ctx is not None:
        pages["edition.md"] = with_version(pages["edition.md"], ctx.root)
        pages["changelog.md"] = changelog_page(ctx.root, edition)
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
        pages[RELATED_PAGE] = render_related_page(  # the lists, reachable without a script
            edition.documents, ctx.resolved_annotations
        )
    return pages
