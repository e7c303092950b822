"""The pipeline, in one ordered tuple a reader can see at a glance.

    PIPELINE = (load, parse, document_passes, corpus_passes, emit, check)

    load             sources/, glossary.yml, references.bib, *.yml → Sources, Context
    parse            original.txt + meta.yml → Document       (reader.repair, reader.parse)
    document_passes  PASSES over each Document                Document → Document, Found
    corpus_passes    CORPUS_PASSES over all the Documents     [Document] → [Document], Found
    emit             Document → Markdown: docs/texts/<slug>.md, and the other pages
    check            conservation: the words of each source are the words of its page

A pass takes the document (or all of them) and the frozen
:class:`~reader.passes.context.Context`, and returns the new document and what it found
(:class:`~reader.passes.context.Found`: term and citation occurrences, locks to write,
resolved annotations, related passages); no pass reads a file or writes into the
context. Once every pass ran, the edition's context holds what they found, for the
emitters. The stages that are not passes live in :mod:`reader.app.stages`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import replace

from reader.app.memo import keyed, shared_key, value_digest
from reader.app.stages import Run, check, context_of, emit, load, parse
from reader.core.model import Document
from reader.emit.citation_meta import citation_data, with_page_data
from reader.passes.anchors import check_document
from reader.passes.annotations import Resolved, apply_annotations
from reader.passes.citations import annotate_citations
from reader.passes.context import NOTHING, Context, Found
from reader.passes.edition import Edition
from reader.passes.glossary import annotate_terms
from reader.passes.numbering import number_paragraphs
from reader.passes.related import link_related
from reader.passes.related import related_passages as find_related

Pass = Callable[[Document, Context], tuple[Document, Found]]
CorpusPass = Callable[[list[Document], Context], tuple[list[Document], Found]]
Stage = Callable[[Edition, Run], None]


# ------------------------------------------------------------------ document passes


def numbering(doc: Document, ctx: Context) -> tuple[Document, Found]:
    """Number citable paragraphs (the anchors the other passes link to)."""
    return number_paragraphs(doc), NOTHING


def anchors(doc: Document, ctx: Context) -> tuple[Document, Found]:
    """Hold every paragraph anchor to the words its lock recorded (reader.passes.anchors);
    found: the lock to write for a text without one, or one that grew."""
    if ctx.anchors is None:
        return doc, NOTHING
    slug = doc.meta.slug
    pending = check_document(doc, ctx.anchors.locks.get(slug))
    return doc, (Found(pending_locks={slug: pending}) if pending else NOTHING)


def citations(doc: Document, ctx: Context) -> tuple[Document, Found]:
    """Link declared and detected citations to the bibliography."""
    if ctx.bibliography is None:
        return doc, NOTHING
    declared = ctx.citations.get(doc.meta.slug, ())
    doc, found = annotate_citations(doc, ctx.bibliography, declared)
    return doc, Found(citation_occurrences=tuple(found))


def glossary_terms(doc: Document, ctx: Context) -> tuple[Document, Found]:
    """Annotate the first mention of each glossary term in every paragraph."""
    if ctx.glossary is None:
        return doc, NOTHING
    doc, found = annotate_terms(doc, ctx.glossary)
    return doc, Found(term_occurrences=tuple(found))


def citable_page(doc: Document, ctx: Context) -> tuple[Document, Found]:
    """Attach what the page needs to be cited: tags, references, anchor redirects (the
    context's when the build already has them, :func:`page_data_key`)."""
    data = ctx.page_data.get(doc.meta.slug)
    if data is None:
        data = citation_data(doc.meta, ctx.bibliography, ctx.site, _redirects(doc, ctx))
    return with_page_data(doc, data), NOTHING


def _redirects(doc: Document, ctx: Context) -> dict[str, str]:
    return ctx.anchors.redirects(doc.meta.slug) if ctx.anchors else {}


def page_data_key(doc: Document, ctx: Context, run: Run) -> str:
    """The key of :func:`citable_page`'s data, of all it reads: the text's metadata (as
    the document has it) and redirects, and the shared inputs (bibliography, mkdocs.yml,
    editions.yml); not the text's words, so an edit to them does not lay out its
    citations with citeproc again."""
    redirects = json.dumps(_redirects(doc, ctx), sort_keys=True)
    meta = value_digest(doc.meta)
    return keyed("page-data", shared_key(run.digests or {}), doc.meta.slug, meta, redirects)


def _with_page_data(doc: Document, ctx: Context, run: Run) -> Context:
    """The context with the text's citable-page data, from the cache or computed."""
    memo, slug = run.memo, doc.meta.slug
    key = page_data_key(doc, ctx, run)
    data = memo.get("page-data", slug, key)
    if data is None:
        data = citation_data(doc.meta, ctx.bibliography, ctx.site, _redirects(doc, ctx))
        memo.put("page-data", slug, key, data)
    return replace(ctx, page_data={slug: data})


#: The passes over each document, in the order they run.
PASSES: tuple[Pass, ...] = (numbering, anchors, citations, glossary_terms, citable_page)


def run_passes(doc: Document, ctx: Context) -> tuple[Document, Found]:
    """Run every pass of :data:`PASSES` over one document; return it and what they found."""
    found = NOTHING
    for step in PASSES:
        doc, more = step(doc, ctx)
        found += more
    return doc, found


# -------------------------------------------------------------------- corpus passes


def editorial_annotations(docs: list[Document], ctx: Context) -> tuple[list[Document], Found]:
    """Insert the notes of sources/<slug>/annotations.yml (anchors checked; targets in
    other texts resolved to their paragraphs)."""
    ids = {e.id for e in ctx.glossary} if ctx.glossary is not None else None
    docs, resolved = apply_annotations(docs, list(ctx.annotations), ids)
    return docs, Found(resolved_annotations=tuple(resolved))


def related_passages(docs: list[Document], ctx: Context) -> tuple[list[Document], Found]:
    """Mark each paragraph with the closest paragraphs of the other texts."""
    entries = tuple(ctx.glossary) if ctx.glossary is not None else ()
    related = find_related(docs, entries, editorial_pairs(ctx.resolved_annotations))
    return link_related(docs, related), Found(related=related)


def editorial_pairs(resolved: Iterable[Resolved]) -> list[tuple[str, str]]:
    """The passages the editors' see-also and disagrees notes join, as key pairs."""
    return [
        (f"{r.declared.slug}#{r.anchor}", f"{r.declared.target_slug}#{r.target_anchor}")
        for r in resolved
        if r.anchor and r.target_anchor
    ]


#: The passes over the whole corpus, run once every document has passed :data:`PASSES`.
CORPUS_PASSES: tuple[CorpusPass, ...] = (editorial_annotations, related_passages)


def run_corpus_passes(docs: list[Document], ctx: Context) -> tuple[list[Document], Found]:
    """Run every pass of :data:`CORPUS_PASSES` over all documents together."""
    found = NOTHING
    for step in CORPUS_PASSES:  # each sees what the ones before it found
        docs, more = step(docs, ctx.with_found(ctx.found + found))
        found += more
    return docs, found


# --------------------------------------------------------------------------- stages


def document_passes(edition: Edition, run: Run) -> None:
    """Every pass of :data:`PASSES` over each parsed document, in reading order; a text
    whose own inputs and the shared ones did not change takes its result from the cache
    (:mod:`reader.app.memo`)."""
    ctx = context_of(edition)
    memo = run.memo
    found = NOTHING
    for index, doc in enumerate(edition.documents):
        started = time.perf_counter()
        slug = doc.meta.slug
        key = run.text_key("passes", edition, slug) if memo.active else ""
        result = memo.get("passes", slug, key) if memo.active else None
        if result is None:
            result = run_passes(doc, _with_page_data(doc, ctx, run) if memo.active else ctx)
            edition.passed.append(slug)
            memo.put("passes", slug, key, result)
        edition.documents[index], more = result
        found += more
        edition.timings.append(("passes", slug, time.perf_counter() - started))
    edition.context = ctx.with_found(ctx.found + found)


def corpus_passes(edition: Edition, run: Run) -> None:
    """Every pass of :data:`CORPUS_PASSES` over all the documents (all numbered now)."""
    ctx = context_of(edition)
    edition.documents, found = run_corpus_passes(edition.documents, ctx)
    edition.context = ctx.with_found(ctx.found + found)


#: The whole build, from the inputs to the last check.
PIPELINE: tuple[Stage, ...] = (load, parse, document_passes, corpus_passes, emit, check)
