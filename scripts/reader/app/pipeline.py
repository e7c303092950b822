"""The pipeline, in one ordered tuple a reader can see at a glance.

    sources/<slug>/ (original + meta.yml)
      → normalise + parse      build_document        (reader.parse.document)
      → passes                 PASSES, in order       Document → Document
      → corpus passes          CORPUS_PASSES          [Document] → [Document]
      → emit                   render_document        Document → Markdown
      → check                  conservation          words of source == words of page

The passes that need the glossary or the bibliography receive them through
:class:`Context`, loaded once per build (no pass reads a file).
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.model import Document
from reader.emit.citation_meta import citation_data, with_page_data
from reader.inputs.mkdocs_config import SiteInfo
from reader.passes.anchors import check_document
from reader.passes.annotations import apply_annotations
from reader.passes.citations import annotate_citations
from reader.passes.context import Context
from reader.passes.glossary import annotate_terms
from reader.passes.numbering import number_paragraphs
from reader.passes.related import link_related
from reader.passes.related import related_passages as find_related

Pass = Callable[[Document, Context], Document]


def numbering(doc: Document, ctx: Context) -> Document:
    """Number citable paragraphs (the anchors the other passes link to)."""
    return number_paragraphs(doc)


def glossary_terms(doc: Document, ctx: Context) -> Document:
    """Annotate the first mention of each glossary term in every paragraph."""
    if ctx.glossary is None:
        return doc
    doc, found = annotate_terms(doc, ctx.glossary)
    ctx.term_occurrences.extend(found)
    return doc


def citations(doc: Document, ctx: Context) -> Document:
    """Link declared and detected citations to the bibliography."""
    if ctx.bibliography is None:
        return doc
    doc, found = annotate_citations(doc, ctx.bibliography, ctx.citations.get(doc.meta.slug, ()))
    ctx.citation_occurrences.extend(found)
    return doc


def anchors(doc: Document, ctx: Context) -> Document:
    """Hold every paragraph anchor to the words its lock recorded (reader.passes.anchors)."""
    if ctx.anchors is None:
        return doc
    check_document(doc, ctx.anchors)
    return doc


def citable_page(doc: Document, ctx: Context) -> Document:
    """Attach what the page needs to be cited: tags, references, anchor redirects."""
    redirects = ctx.anchors.redirects.get(doc.meta.slug, {}) if ctx.anchors else {}
    data = citation_data(doc.meta, ctx.bibliography, ctx.site or SiteInfo(), redirects)
    return with_page_data(doc, data)


#: The passes over each document, in the order they run.
PASSES: tuple[Pass, ...] = (numbering, anchors, citations, glossary_terms, citable_page)


def run_passes(doc: Document, ctx: Context) -> Document:
    """Run every pass of :data:`PASSES` over one document."""
    for step in PASSES:
        doc = step(doc, ctx)
    return doc


# ------------------------------------------------------------------ corpus passes

CorpusPass = Callable[[list[Document], Context], list[Document]]


def editorial_annotations(docs: list[Document], ctx: Context) -> list[Document]:
    """Insert the notes of sources/<slug>/annotations.yml (anchors checked; targets in
    other texts resolved to their paragraphs)."""
    ids = {e.id for e in ctx.glossary} if ctx.glossary is not None else None
    docs, ctx.resolved_annotations = apply_annotations(docs, ctx.annotations, ids)
    return docs


def related_passages(docs: list[Document], ctx: Context) -> list[Document]:
    """Mark each paragraph with the closest paragraphs of the other texts."""
    headwords = {e.id: e.headword for e in ctx.glossary} if ctx.glossary is not None else {}
    ctx.related = find_related(docs, headwords)
    return link_related(docs, ctx.related)


#: The passes over the whole corpus, run once every document has passed :data:`PASSES`.
CORPUS_PASSES: tuple[CorpusPass, ...] = (editorial_annotations, related_passages)


def run_corpus_passes(docs: list[Document], ctx: Context) -> list[Document]:
    """Run every pass of :data:`CORPUS_PASSES` over all documents together."""
    for step in CORPUS_PASSES:
        docs = step(docs, ctx)
    return docs
