"""The stages of a build that are not passes: load, parse, emit, check.

Each stage takes the :class:`~reader.passes.edition.Edition` the earlier stages filled and
what the build was asked (:class:`Run`), and fills its part: the sources and the context,
the parsed documents, the pages, the conservation findings. A :class:`BuildCache` lets
``reader serve`` skip the parses and page renderings an edit did not touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.app.cache import BuildCache, Store
from reader.app.load import load_shared_inputs, load_sources
from reader.app.pagecheck import check_edition
from reader.app.pages import extra_pages
from reader.app.parsing import parse_sources
from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.emit.markdown import render_document
from reader.inputs.mkdocs_config import blocks_for, read_config, stale_nav
from reader.inputs.sources import inputs_outside
from reader.passes.context import Context
from reader.passes.edition import Edition
from reader.repair.hyphenation import Lexicon


@dataclass(frozen=True)
class Run:
    """What a build is asked: the project, its MkDocs configuration, the cache if any."""

    root: Path
    config: Path
    cache: BuildCache | None = None
    store: Store | None = None  # the on-disk cache (reader.app.cache)
    check: bool = True  # False: the caller checks the built site (reader site)


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
    """Each source → its Document (repair rules, then the parser), collecting errors;
    from the caches where they hold (:mod:`reader.app.parsing`)."""
    parsed = parse_sources(edition.sources, context_of(edition).lexicon, run.cache, run.store)
    edition.reconverted = parsed.fresh
    for slug, (doc, log) in parsed.parses.items():
        edition.timings.append(("parse", slug, parsed.seconds.get(slug, 0.0)))
        edition.documents.append(doc)
        edition.logs[slug] = log
        edition.warnings.extend(log.warnings)
    if parsed.errors:
        raise DiagnosticError(parsed.errors)


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
    if run.check:
        report.extend(conserve(edition, lexicon, run.config, run.cache, run.store))
    report.raise_if_errors()


def conserve(
    edition: Edition,
    lexicon: Lexicon,
    config: Path,
    cache: BuildCache | None = None,
    store: Store | None = None,
) -> list[Diagnostic]:
    """The conservation check of every text page (see :mod:`reader.app.pagecheck`)."""
    return check_edition(edition, lexicon, config, cache, store)
