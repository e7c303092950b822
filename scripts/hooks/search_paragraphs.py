"""MkDocs hook: one search document per numbered paragraph, note, figure and reference.

Material's search plugin indexes a page by its headings; after it has written
``search/search_index.json`` this hook splits every page with citable units into them
(see :mod:`reader.search.index`), so a hit lands on ``texts/<slug>/#p12`` and Material's
``search.highlight`` marks the words there. The documents then move to
``search/paragraphs.js``, which the search worker (``docs/assets/search/worker.js``) loads
on the first query; ``search_index.json``, fetched by every page, keeps only the config
(:mod:`reader.search.files`). It runs after the search plugin (priority 0) and before the
offline plugin (priority -100) copies the index into ``search_index.js``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from reader.search.files import rewrite_site_index

log = logging.getLogger("mkdocs.hooks.search_paragraphs")


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    """Split the built search index into paragraph-level documents."""
    count = rewrite_site_index(Path(config.site_dir))
    log.debug("search index: %d documents", count)
