"""MkDocs hook: the site name is text, whatever characters mkdocs.yml gives it.

Material inserts ``config.site_name`` as it is into the header, the drawer, ``<title>``
and an ``aria-label``, and through Jinja's ``| e`` into the logo's ``title`` attribute,
whose value Material's tooltips (``content.tooltips``) then write into the page as HTML.
Escaping the name once here, quotes included, gives the right characters in all three
kinds of place: the raw ones show the escaped text as text; the attribute holds it
escaped twice, which the tooltip's HTML turns back into text. Page titles get the same
treatment from the build (``reader.emit.inline.template_text``).
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Escape the site name once (MkDocs loads the configuration anew for each build)."""
    config.site_name = html.escape(str(config.site_name), quote=True)
    return config
