"""The stages of a build that are not passes: load, parse, emit, check.

Each stage takes the :class:`~reader.passes.edition.Edition` the earlier stages filled and
what the build was asked (:class:`Run`), and fills its part: the sources and the context,
the parsed documents, the pages, the conservation findings. A :class:`BuildCache` lets
``reader serve`` skip the parses and page renderings an edit did not touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.app.cache import BuildCache
from reader.app.load import load_shared_inputs, load_sources
from reader.app.memo import Memo, keyed, shared_key, text_key, value_digest
from reader.app.pagecheck import check_edition
from reader.app.pages import extra_pages
from reader.app.parsing import parse_sources
from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.core.store import Store
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
    store: Store | None = None  # the on-disk cache (reader.core.store)
    check: bool = True  # False: the caller checks the built site (reader site)
    digests: dict[str, str] | None = None  # input digests (reader.core.record), with a cache

    @property
    def memo(self) -> Memo:
        """Where per-text results are kept (nothing is, without input digests)."""
        if self.digests is None:
            return Memo()
        return Memo(self.cache, self.store)

    def text_key(self, kind: str, edition: Edition, slug: str) -> str:
        """The key of a per-text result of ``kind``: the text's inputs, the shared ones."""
        own = text_key(self.digests or {}, slug, edition.evidence.get(slug, []))
        return keyed(kind, shared_key(self.digests or {}), own)


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
    edition.warnings.extend(edition.context.warnings)


def parse(edition: Edition, run: Run) -> None:
    """Each source → its Document (repair rules, then the parser), collecting errors;
    from the caches where they hold (:mod:`reader.app.parsing`)."""
    parsed = parse_sources(edition.sources, context_of(edition).lexicon, run.cache, run.store)
    edition.reconverted = parsed.fresh
    edition.evidence = parsed.evidence
    for slug, (doc, log) in parsed.parses.items():
        edition.timings.append(("parse", slug, parsed.seconds.get(slug, 0.0)))
        edition.documents.append(doc)
        edition.logs[slug] = log
        edition.warnings.extend(log.warnings)
    if parsed.errors:
        raise DiagnosticError(parsed.errors)


def emit(edition: Edition, run: Run) -> None:
    """Each Document → docs/texts/<slug>.md (kept by the digest of the Document, so a page
    whose document did not change is not rendered again), then the other pages."""
    memo = run.memo
    for doc in edition.documents:
        slug = doc.meta.slug
        key = keyed("page", value_digest(doc)) if memo.active else ""
        page = memo.get("pages", slug, key) if memo.active else None
        if page is None:
            page = render_document(doc)
            edition.emitted.append(slug)
            memo.put("pages", slug, key, page)
        edition.pages[f"texts/{slug}.md"] = page
    edition.pages.update(extra_pages(edition))


def check(edition: Edition, run: Run) -> None:
    """The nav markers the build fills (N001), and conservation: the words of each source
    are the words of its page, in order."""
    lexicon = context_of(edition).lexicon
    report = Report()
    blocks = blocks_for(edition.documents, edition.pages)
    report.extend(d for d in stale_nav(run.config, blocks) if d.code == "N001")
    if run.check:
        report.extend(conserve(edition, lexicon, run.config, run.cache, run.store, run.digests))
    report.raise_if_errors()


def conserve(
    edition: Edition,
    lexicon: Lexicon,
    config: Path,
    cache: BuildCache | None = None,
    store: Store | None = None,
    digests: dict[str, str] | None = None,
) -> list[Diagnostic]:
    """The conservation check of every text page (see :mod:`reader.app.pagecheck`)."""
    return check_edition(edition, lexicon, config, cache, store, digests)
