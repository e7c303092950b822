"""The stages of a build that are not passes: load, parse, emit, check.

Each stage takes the :class:`~reader.passes.edition.Edition` the earlier stages filled and
what the build was asked (:class:`Run`), and fills its part: the sources and the context,
the parsed documents, the pages, the conservation findings. A :class:`BuildCache` lets
``reader serve`` skip the parses and page renderings an edit did not touch.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.app.load import load_shared_inputs, load_sources
from reader.app.pages import extra_pages
from reader.checks.conservation import (
    Ledger,
    PageWords,
    check_conservation,
    expected_words,
    page_words,
)
from reader.checks.ledger import check_ledger
from reader.checks.render import markdown_to_html
from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.core.model import Document
from reader.emit.markdown import render_document
from reader.inputs.mkdocs_config import blocks_for, read_config, stale_nav
from reader.inputs.sources import Source, inputs_outside
from reader.parse.document import BuildLog, build_document, corrected_text
from reader.passes.context import Context
from reader.passes.edition import Edition
from reader.repair.hyphenation import Lexicon, decide


@dataclass
class BuildCache:
    """What ``reader serve`` keeps from one build to the next, so that a rebuild redoes
    only what an edit touched.

    ``parses``: slug -> (digest of original and meta.yml, Document, BuildLog).
    ``page_words``: slug -> (digest of its page and of mkdocs.yml, the words of the page's
    HTML), which the conservation check reads (rendering is most of the check's cost).
    """

    parses: dict[str, tuple[str, Document, BuildLog]] = field(default_factory=dict)
    page_words: dict[str, tuple[str, PageWords]] = field(default_factory=dict)


def _source_key(source: Source) -> str:
    meta = source.meta_path.read_bytes() if source.meta_path.exists() else b""
    return hashlib.sha256(source.text.encode("utf-8") + b"\0" + meta).hexdigest()


def _parse_cached(
    source: Source, lexicon: Lexicon, cache: BuildCache | None
) -> tuple[Document, BuildLog, bool]:
    """Parse a source, reusing the cached parse when neither the source nor any
    hyphenation decision it depends on has changed. Returns (doc, log, parsed anew)."""
    key = _source_key(source)
    slug = source.meta.slug
    if cache is not None and slug in cache.parses:
        cached_key, doc, log = cache.parses[slug]
        if cached_key == key and all(
            decide(d.left, d.right, lexicon).join == d.join for _, d in log.hyphenation
        ):
            return doc, log, False
    doc, log = build_document(source, lexicon)
    if cache is not None:
        cache.parses[slug] = (key, doc, log)
    return doc, log, True


@dataclass(frozen=True)
class Run:
    """What a build is asked: the project, its MkDocs configuration, the cache if any."""

    root: Path
    config: Path
    cache: BuildCache | None = None


def context_of(edition: Edition) -> Context:
    """The edition's context (set by :func:`load`, the first stage)."""
    if edition.context is None:
        raise RuntimeError("the load stage has not run")
    return edition.context


def load(edition: Edition, run: Run) -> None:
    """sources/ and the shared inputs → the edition's sources and context."""
    edition.sources = load_sources(run.root)
    outside = inputs_outside(run.root, list(edition.sources))  # S009: links out
    if outside:
        raise DiagnosticError(outside)
    read_config(run.config)  # K005 here, before anything reads it
    lexicon = Lexicon.from_texts(s.text for s in edition.sources.values())
    edition.context = load_shared_inputs(run.root, lexicon, edition.sources)


def parse(edition: Edition, run: Run) -> None:
    """Each source → its Document (repair rules, then the parser), collecting errors."""
    lexicon = context_of(edition).lexicon
    report = Report()
    for slug, source in edition.sources.items():
        started = time.perf_counter()
        try:
            doc, log, fresh = _parse_cached(source, lexicon, run.cache)
        except DiagnosticError as error:
            report.extend(error.diagnostics)
            continue
        if fresh:
            edition.reconverted.append(slug)
        edition.timings.append(("parse", slug, time.perf_counter() - started))
        edition.documents.append(doc)
        edition.logs[slug] = log
        edition.warnings.extend(log.warnings)
    report.raise_if_errors()


def emit(edition: Edition, run: Run) -> None:
    """Each Document → docs/texts/<slug>.md, then the edition's other pages."""
    for doc in edition.documents:
        edition.pages[f"texts/{doc.meta.slug}.md"] = render_document(doc)
    edition.pages.update(extra_pages(edition))


def check(edition: Edition, run: Run) -> None:
    """The nav markers the build fills (N001), and conservation: the words of each source
    are the words of its page, in order."""
    lexicon = context_of(edition).lexicon
    report = Report()
    blocks = blocks_for(edition.documents, edition.pages)
    report.extend(d for d in stale_nav(run.config, blocks) if d.code == "N001")
    for doc in edition.documents:
        started = time.perf_counter()
        report.extend(conserve(edition, doc, lexicon, run.config, run.cache))
        edition.timings.append(("conservation", doc.meta.slug, time.perf_counter() - started))
    report.raise_if_errors()


def conserve(
    edition: Edition,
    doc: Document,
    lexicon: Lexicon,
    config: Path,
    cache: BuildCache | None = None,
) -> list[Diagnostic]:
    """The conservation check for one text's generated page."""
    source = edition.sources[doc.meta.slug]
    text, _ = corrected_text(source)
    log = edition.logs.get(doc.meta.slug) or BuildLog()
    ledger = Ledger(log.furniture, tuple(log.note_lines))
    page = f"texts/{doc.meta.slug}.md"
    markdown = edition.pages[page]
    key = _digest(markdown) + _digest(config.read_text(encoding="utf-8"))
    cached_key, found = (cache.page_words.get(doc.meta.slug) if cache else None) or ("", None)
    if found is None or cached_key != key:
        found = page_words(markdown_to_html(markdown, config))
        edition.rendered.append(doc.meta.slug)
        if cache is not None:
            cache.page_words[doc.meta.slug] = (key, found)
    return check_ledger(text, ledger.furniture, source.display_path) + check_conservation(
        expected_words(text, ledger), found, source.display_path, f"docs/{page}"
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
