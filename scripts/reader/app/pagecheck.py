"""Where the conservation check gets each page's HTML, so that a page is rendered once.

The comparison itself is :mod:`reader.checks.conservation`'s; this module only chooses
the HTML it reads and remembers verdicts:

- ``reader site`` checks the pages MkDocs has just built, in the staging folder and
  before it is swapped in (:func:`check_built_site`): the ``<article>`` of each text's
  ``index.html``, theme templates included — the very HTML a reader gets.
- ``reader build`` and ``reader check`` build no site; they render a page's Markdown with
  Python-Markdown and mkdocs.yml's extensions (:func:`markdown_page_words`), as before,
  but only for a page whose Markdown they have not seen (the words are cached by the
  digest of the Markdown, mkdocs.yml and the code).

A verdict is kept under a key of everything the check reads (:mod:`reader.app.verdicts`:
the code, every file under ``sources/``, the page's HTML or Markdown), so a page is
compared again whenever any of them changes, and only then.
Pages to compare run in a process pool (:mod:`reader.app.pool`) when there are enough
of them to pay for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.app.load import load_sources
from reader.app.memo import text_key
from reader.app.parsing import parse_sources
from reader.app.pool import pool_map
from reader.app.verdicts import BUILT, built_page, site_verdicts, verdict_key
from reader.checks.conservation import (
    Ledger,
    PageWords,
    Word,
    check_conservation,
    expected_words,
    page_words,
)
from reader.checks.ledger import check_ledger
from reader.checks.render import markdown_to_html
from reader.core.diagnostics import Diagnostic
from reader.core.record import code_version, digest, input_digests
from reader.core.store import Store
from reader.inputs.sources import Source
from reader.parse.document import BuildLog, corrected_text
from reader.repair.hyphenation import Lexicon

if TYPE_CHECKING:
    from reader.app.cache import BuildCache
    from reader.passes.edition import Edition


@dataclass(frozen=True)
class PageJob:
    """One page to compare with its source: its words, or the HTML or Markdown to read
    them from (in the worker that compares them)."""

    slug: str
    expected: list[Word]  # the source's words (expected_words)
    page: PageWords | None  # None: read them from ``html``, else render ``markdown``
    source: str  # the source's path, as diagnostics show it
    page_name: str  # the page, as diagnostics show it
    html: str = ""
    markdown: str = ""
    config: str = ""  # mkdocs.yml, for rendering ``markdown``


# -------------------------------------------------------------- comparing pages


def expected_for(source: Source, log: BuildLog) -> tuple[list[Word], list[Diagnostic]]:
    """The words a text's page must show, and the findings of its ledger of removed lines
    (the check's own reading of the source: :mod:`reader.checks.conservation`)."""
    text, _ = corrected_text(source)
    ledger = Ledger(log.furniture, tuple(log.note_lines))
    return expected_words(text, ledger), check_ledger(text, ledger.furniture, source.display_path)


def _compare(job: PageJob, _: object = None) -> tuple[list[Diagnostic], PageWords]:
    """Read or render the page's words if need be, then compare; (problems, words)."""
    page = job.page
    if page is None and job.html:
        page = page_words(job.html)
    if page is None:
        page = page_words(markdown_to_html(job.markdown, Path(job.config)))
    return check_conservation(job.expected, page, job.source, job.page_name), page


def compare_pages(jobs: list[PageJob]) -> tuple[list[Diagnostic], list[PageWords]]:
    """Compare every page with its source (in a pool of processes when there are enough
    pages to pay for it); the problems, and every page's words in job order."""
    results = pool_map(_compare, jobs, None)
    return [d for problems, _ in results for d in problems], [page for _, page in results]


# ------------------------------------------------------------- the built site


def check_built_site(
    root: Path,
    site: Path,
    load: Callable[[], Texts],
    store: Store | None = None,
) -> list[Diagnostic]:
    """The conservation check on a site MkDocs has built (before it is swapped in).

    ``load`` gives the texts (called only when some page has no verdict under the key of
    every source, :func:`reader.app.verdicts.site_verdicts`: :func:`load_texts`, or
    :meth:`Texts.of` a build's edition)."""
    found = site_verdicts(root, site, store)
    if found.missing or not found.pending:
        return found.missing
    return _compare_built(found.pending, load(), found.directory_urls, store)


@dataclass(frozen=True)
class Texts:
    """What the check needs of every text: the sources, their parses' logs and evidence,
    and the input digests (for each text's own key, :func:`reader.app.memo.text_key`)."""

    sources: dict[str, Source]
    logs: dict[str, BuildLog]
    evidence: dict[str, list]
    errors: list[Diagnostic]
    digests: dict[str, str]

    @classmethod
    def of(cls, edition: Edition, digests: dict[str, str]) -> Texts:
        """The texts a build has just parsed."""
        return cls(edition.sources, edition.logs, edition.evidence, [], digests)

    def key(self, slug: str) -> str:
        """The key of everything a text's expected words and ledger depend on."""
        return text_key(self.digests, slug, self.evidence.get(slug, []))


def load_texts(root: Path, store: Store | None) -> Texts:
    """The texts read anew (their parses from the cache where they hold)."""
    digests = input_digests(root)
    sources = load_sources(root)
    lexicon = Lexicon.from_texts(s.text for s in sources.values())
    parsed = parse_sources(sources, lexicon, store=store)
    logs = {slug: log for slug, (_, log) in parsed.parses.items()}
    return Texts(sources, logs, parsed.evidence, list(parsed.errors), digests)


def _compare_built(
    pending: dict[str, tuple[str, str]],
    texts: Texts,
    directory_urls: bool,
    store: Store | None,
) -> list[Diagnostic]:
    """Compare the pages no verdict covers; a page whose article and own text's inputs
    were both compared before (another text's edit changed the corpus, not this text) is
    not compared again."""
    jobs, keys = [], []
    for slug, (vkey, html) in pending.items():
        if slug not in texts.logs:
            continue
        fine = verdict_key(texts.key(slug), slug, BUILT, html)
        if store is not None and store.get("verdicts", fine) is not None:
            store.put("verdicts", vkey, True)
            continue
        jobs.append(BuiltJob(slug, html, f"site/{built_page(Path(), slug, directory_urls)}"))
        keys += [vkey, fine]
    problems = list(texts.errors) + compare_built_pages(jobs, texts)
    if not problems and store is not None:
        for key in keys:
            store.put("verdicts", key, True)
    return problems


@dataclass(frozen=True)
class BuiltJob:
    """One built page to compare with its text's source."""

    slug: str
    html: str  # the page's <article>
    page_name: str  # the page, as diagnostics show it


def compare_built_pages(jobs: list[BuiltJob], texts: Texts) -> list[Diagnostic]:
    """Compare every built page with its text's source (in a pool of processes when there
    are enough to pay for it): the ledgers' findings, then the pages' differences.

    The texts reach the workers by fork; a job carries the page's HTML only and gives back
    only what was found, not word lists pickled to and fro (at x100 the expected words
    of 500 texts, sent one way, and the pages' words, sent back for nothing)."""
    results = pool_map(_compare_built_page, jobs, texts)
    return [d for ledger, _ in results for d in ledger] + [d for _, found in results for d in found]


def _compare_built_page(job: BuiltJob, texts: Texts) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(the findings of the text's ledger, the differences between source and page)."""
    source = texts.sources[job.slug]
    expected, ledger = expected_for(source, texts.logs[job.slug])
    page = page_words(job.html)
    return ledger, check_conservation(expected, page, source.display_path, job.page_name)


# ------------------------------------------------- Markdown rendered for the check


def _words_key(markdown: str, config_bytes: bytes) -> str:
    return digest(code_version(), "markdown-words", markdown, config_bytes)


def check_edition(
    edition: Edition,
    lexicon: Lexicon,
    config: Path,
    cache: BuildCache | None,
    store: Store | None,
    digests: dict[str, str] | None = None,
) -> list[Diagnostic]:
    """The conservation check of every text page of an edition not yet written: its
    Markdown rendered with Python-Markdown and mkdocs.yml's extensions, once per distinct
    page and mkdocs.yml (the words are kept in ``cache`` and ``store``). A page passed
    before, with the same text's own inputs (:func:`reader.app.memo.text_key` of
    ``digests``), is not compared again."""
    texts = Texts.of(edition, digests or {})
    config_bytes = config.read_bytes()
    jobs, verdicts, ledgers = [], [], []
    for doc in edition.documents:
        slug = doc.meta.slug
        markdown = edition.pages[f"texts/{slug}.md"]
        own = texts.key(slug) if digests is not None else ""
        vkey = verdict_key(own, slug, "markdown", digest(markdown, config_bytes))
        if digests is not None and store is not None and store.get("verdicts", vkey):
            continue
        found = _remembered(cache, slug, markdown, config_bytes)
        if found is None and store is not None:
            found = store.get("page-words", _words_key(markdown, config_bytes))
        source, name = edition.sources[slug], f"docs/texts/{slug}.md"
        expected, ledger = expected_for(source, edition.logs.get(slug) or BuildLog())
        ledgers += ledger
        jobs.append(
            PageJob(slug, expected, found, source.display_path, name, "", markdown, str(config))
        )
        verdicts.append(vkey)
    started = time.perf_counter()
    problems, pages = compare_pages(jobs)
    problems = ledgers + problems
    each = (time.perf_counter() - started) / max(1, len(jobs))
    for job, page in zip(jobs, pages, strict=True):
        edition.timings.append(("conservation", job.slug, each))
        if job.page is None:
            edition.rendered.append(job.slug)
            if store is not None:
                store.put("page-words", _words_key(job.markdown, config_bytes), page)
        if cache is not None:
            cache.page_words[job.slug] = (digest(job.markdown, config_bytes), page)
    if not problems and store is not None:
        for vkey in verdicts:
            store.put("verdicts", vkey, True)
    return problems


def _remembered(
    cache: BuildCache | None, slug: str, markdown: str, config_bytes: bytes
) -> PageWords | None:
    """The words ``reader serve`` kept in memory for this very page, if any."""
    if cache is None or slug not in cache.page_words:
        return None
    key, words = cache.page_words[slug]
    return words if key == digest(markdown, config_bytes) else None
