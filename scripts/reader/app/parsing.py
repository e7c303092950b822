"""Parsing every text, from the cache where it holds, the rest in parallel when it pays.

A parse is kept (in ``reader serve``'s memory and in ``.cache/reader/parses``) under the
digest of the code, the text's folder, its original and its meta.yml. It still holds
while the corpus counts behind each of its hyphenation decisions are the counts the
lexicon gives now (:func:`reader.repair.hyphenation.corpus_counts`): the rest of a
decision's evidence does not depend on the corpus, so equal counts mean an equal parse.
Texts to parse anew go to :func:`reader.app.pool.pool_map` (both cores from a dozen on).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.app.pool import pool_map
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.model import Document
from reader.core.record import code_version, digest
from reader.core.store import Store
from reader.inputs.sources import Source
from reader.parse.document import BuildLog, build_document
from reader.repair.hyphenation import Lexicon, corpus_counts

if TYPE_CHECKING:
    from reader.app.cache import BuildCache

Entry = tuple[str, Document, BuildLog, list[tuple[int, int, int]]]  # key, doc, log, evidence


@dataclass
class Parsed:
    """Every text's parse, in source order, and what it took."""

    parses: dict[str, tuple[Document, BuildLog]] = field(default_factory=dict)
    fresh: list[str] = field(default_factory=list)  # slugs parsed anew
    errors: list[Diagnostic] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # slug -> wall s (serial only)
    evidence: dict[str, list] = field(default_factory=dict)  # slug -> corpus counts (evidence)


def source_key(source: Source) -> str:
    """A digest of a text's original and meta.yml."""
    meta = source.meta_path.read_bytes() if source.meta_path.exists() else b""
    return digest(source.text, meta)


def evidence(log: BuildLog, lexicon: Lexicon) -> list[tuple[int, int, int]]:
    """The corpus counts each hyphenation decision of a parse rests on."""
    return [corpus_counts(d.left, d.right, lexicon) for _, d in log.hyphenation]


def _store_key(source: Source, key: str) -> str:
    return digest(code_version(), source.meta.slug, source.display_path, key)


def _cached(
    source: Source, key: str, lexicon: Lexicon, cache: BuildCache | None, store: Store | None
) -> Entry | None:
    entry = cache.parses.get(source.meta.slug) if cache is not None else None
    if (entry is None or entry[0] != key) and store is not None:
        entry = store.get("parses", _store_key(source, key))
    if entry is not None and entry[0] == key and entry[3] == evidence(entry[2], lexicon):
        return entry
    return None


def _parse(source: Source, lexicon: Lexicon) -> tuple[Document, BuildLog] | DiagnosticError:
    """One text's parse, or the error that stopped it (returned, so that a pool keeps
    every text's diagnostics)."""
    try:
        return build_document(source, lexicon)
    except DiagnosticError as error:
        return error


def parse_sources(
    sources: dict[str, Source],
    lexicon: Lexicon,
    cache: BuildCache | None = None,
    store: Store | None = None,
) -> Parsed:
    """Every text's (doc, log), from the caches where they hold; the rest parsed anew."""
    out = Parsed()
    keys = {slug: source_key(s) for slug, s in sources.items()}
    entries: dict[str, Entry | None] = {
        slug: _cached(s, keys[slug], lexicon, cache, store) for slug, s in sources.items()
    }
    todo = [slug for slug, entry in entries.items() if entry is None]
    started = time.perf_counter()
    results = pool_map(_parse, [sources[slug] for slug in todo], lexicon)
    each = (time.perf_counter() - started) / max(1, len(todo))
    for slug, result in zip(todo, results, strict=True):
        out.seconds[slug] = each
        if isinstance(result, DiagnosticError):
            out.errors.extend(result.diagnostics)
            continue
        doc, log = result
        entry = (keys[slug], doc, log, evidence(log, lexicon))
        entries[slug] = entry
        out.fresh.append(slug)
        if store is not None:
            store.put("parses", _store_key(sources[slug], keys[slug]), entry)
    for slug, entry in entries.items():
        if entry is None:
            continue
        out.parses[slug] = (entry[1], entry[2])
        out.evidence[slug] = entry[3]
        if cache is not None:
            cache.parses[slug] = entry
    return out
