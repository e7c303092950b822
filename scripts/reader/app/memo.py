"""Per-text results kept from one build to the next: passes, pages, page checks.

A text's result is kept under a key of everything that computed it, so that an edit to
one text recomputes that text's passes and page (and the pages its edit reaches through
the corpus passes), and a found entry is always the one a fresh computation would give:

- :func:`text_key`: the text's own inputs — every file of ``sources/<slug>/`` (original,
  meta.yml, citations.yml, annotations.yml, anchors.lock) and the corpus counts behind
  its parse's hyphenation decisions (:mod:`reader.app.parsing`), the only way the other
  texts reach its parse;
- :func:`shared_key`: the project's top-level declarations (glossary, bibliography,
  mkdocs.yml, editions.yml …), which the passes read;
- the package's own code and libraries (:func:`reader.core.record.code_version`).

:class:`Memo` looks a key up in ``reader serve``'s memory (one entry per text and kind,
the last one) and then in the on-disk store (:class:`reader.core.store.Store`).
"""

from __future__ import annotations

import io
import json
import pickle
from dataclasses import dataclass
from typing import Any

from reader.app.cache import BuildCache
from reader.core.record import DECLARATIONS, code_version, digest
from reader.core.store import Store


def shared_key(digests: dict[str, str]) -> str:
    """A digest of the top-level declarations (``*.yml``, ``*.bib`` beside sources/)."""
    top = sorted(
        f"{name}={value}"
        for name, value in digests.items()
        if "/" not in name and name.endswith(DECLARATIONS)
    )
    return digest("shared", *top)


def text_key(digests: dict[str, str], slug: str, evidence: list) -> str:
    """A digest of one text's own inputs: its folder's files and its parse's evidence."""
    prefix = f"sources/{slug}/"
    own = sorted(f"{name}={value}" for name, value in digests.items() if name.startswith(prefix))
    return digest("text", slug, json.dumps(evidence), *own)


def value_digest(value: Any) -> str:
    """A digest of a value's content (a Document after the corpus passes, say).

    Pickled without its memo (``fast``), so that equal values give equal bytes however
    their parts happen to be shared in memory: a value read from the store and the same
    value computed anew have one digest."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return digest(buffer.getvalue())


@dataclass(frozen=True)
class Memo:
    """Where a build finds and keeps per-text results: memory, then disk (both optional)."""

    cache: BuildCache | None = None
    store: Store | None = None

    @property
    def active(self) -> bool:
        """Whether anything is kept at all (else keys need not even be computed)."""
        return self.cache is not None or self.store is not None

    def get(self, kind: str, slug: str, key: str) -> Any | None:
        """The value kept under ``key``, or None."""
        if self.cache is not None:
            kept = self.cache.memo.get((kind, slug))
            if kept is not None and kept[0] == key:
                return kept[1]
        value = self.store.get(kind, key) if self.store is not None else None
        if value is not None and self.cache is not None:
            self.cache.memo[(kind, slug)] = (key, value)
        return value

    def put(self, kind: str, slug: str, key: str, value: Any) -> None:
        """Keep ``value`` under ``key`` (in memory, the text's previous entry replaced)."""
        if self.cache is not None:
            self.cache.memo[(kind, slug)] = (key, value)
        if self.store is not None:
            self.store.put(kind, key, value)


def keyed(kind: str, *parts: str) -> str:
    """The key of a ``kind`` of result from its parts, with the code's version."""
    return digest(code_version(), kind, *parts)
