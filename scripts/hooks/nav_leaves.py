"""MkDocs hook: each leaf of the navigation rendered once per link, not once per page.

Material renders the whole navigation into every page, so a site of n texts renders
n × n nav links (at ×100, 500 texts on some 1,000 pages: half a million renders, a
tenth of MkDocs' time). A leaf that is not the page being built (not active, no table
of contents) renders the same wherever its link, relative to the page, is the same, so
``scripts/theme/partials/nav-item.html`` (Material's, one line changed) asks
:class:`NavLeaves` for it, which renders it with Material's own macro the first time and
gives back that HTML after: the pages come out as Material makes them, byte for byte.
A section, the current page and its ancestors are rendered every time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import normalize_url


class NavLeaves:
    """Material's ``render`` macro for a nav item, with a leaf's HTML kept by its link."""

    def __init__(self) -> None:
        self._html: dict[tuple[int, str], Any] = {}

    def __call__(
        self,
        render: Callable[..., Any],
        item: Any,
        path: str,
        level: int,
        parent: Any,
        page: Any,
        base_url: str,
    ) -> Any:
        """What ``render(item, path, level, parent)`` gives on ``page``."""
        if getattr(item, "children", None) or getattr(item, "active", False) or item == page:
            return render(item, path, level, parent)
        # The link as Material's `url` filter writes it (mkdocs.utils.templates.url_filter)
        key = (id(item), normalize_url(str(item.url), page=page, base=base_url))
        html = self._html.get(key)
        if html is None:
            html = self._html[key] = render(item, path, level, parent)
        return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """A new cache for every build (``reader serve`` builds again in one process)."""
    env.globals["reader_nav_leaf"] = NavLeaves()
    return env
