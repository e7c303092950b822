"""MkDocs hook: one search document per numbered paragraph, note, figure and reference.

Material's search plugin indexes a page by its headings; after it has written
``search/search_index.json`` this hook splits every page with citable units into them
(see :mod:`reader.search.index`), so a hit lands on ``texts/<slug>/#p12`` and Material's
``search.highlight`` marks the words there. The documents then move to
``search/paragraphs.js``, which the search worker (``docs/assets/search/worker.js``) loads
on the first query; ``search_index.json``, fetched by every page, keeps only the config
(:mod:`reader.search.files`). It runs after the search plugin (priority 0) and before the
offline plugin (priority -100) copies the index into ``search_index.js``.

Of a text page, the split keeps only the first document Material makes (its location and
title), so Material's search is given the page's HTML up to its first heading only
(:func:`on_pre_build`): the rest of its reading was thrown away (at x100, 500 texts read
once more besides this hook and the conservation check).
"""

from __future__ import annotations

import logging
import re
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from reader.search.files import rewrite_site_index

log = logging.getLogger("mkdocs.hooks.search_paragraphs")

#: A heading with an id: where Material's search parser starts a section.
_SECTION = re.compile(r"<h([1-6])(?=[\s>])[^>]*\sid=")


def on_pre_build(config: MkDocsConfig) -> None:
    """Have Material's search index read only the first section of each text page."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is not None and hasattr(index, "add_entry_from_context"):
        index.add_entry_from_context = partial(_first_section, index.add_entry_from_context)


def _first_section(add: Any, page: Any) -> Any:
    """Material's ``add_entry_from_context`` of a text page given its HTML up to the end
    of the first heading with an id: what comes before it, or that heading, makes the
    first document, the one :func:`reader.search.index.rewrite_search_index` keeps."""
    content = page.content or ""
    first = _SECTION.search(content)
    if first is None or not (page.meta.get("reader") or {}).get("slug"):
        return add(page)
    close = content.find(f"</h{first.group(1)}>", first.end())
    if close < 0:
        return add(page)
    return add(_Head(page, content[: close + len(f"</h{first.group(1)}>")]))


class _Head:
    """A page with only the beginning of its HTML, for Material's search index."""

    def __init__(self, page: Any, content: str) -> None:
        self._page, self.content = page, content

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    """Split the built search index into paragraph-level documents."""
    count = rewrite_site_index(Path(config.site_dir))
    log.debug("search index: %d documents", count)
