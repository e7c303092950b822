"""What ``reader serve`` keeps in memory from one build to the next.

The on-disk cache is lower down, where a build with nothing to do can reach it without
importing the pipeline: the build record and the input digests in
:mod:`reader.core.record`, the pickled blobs in :mod:`reader.core.store`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.checks.conservation import PageWords
from reader.core.model import Document
from reader.parse.document import BuildLog


@dataclass
class BuildCache:
    """What ``reader serve`` keeps from one build to the next, so that a rebuild redoes
    only what an edit touched.

    ``parses``: slug -> (digest of original and meta.yml, Document, BuildLog, the corpus
    counts behind each of its hyphenation decisions); see :mod:`reader.app.parsing`.
    ``page_words``: slug -> (digest of its page and of mkdocs.yml, the words of the page's
    HTML), which the conservation check reads (rendering is most of the check's cost).
    ``memo``: (kind, slug) -> (key, value), the last per-text result of each kind
    (:class:`reader.app.memo.Memo`: a text's passes, its page).
    """

    parses: dict[str, tuple[str, Document, BuildLog, list]] = field(default_factory=dict)
    page_words: dict[str, tuple[str, PageWords]] = field(default_factory=dict)
    memo: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)
