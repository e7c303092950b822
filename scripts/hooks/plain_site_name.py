"""MkDocs hook: the site's name, description and author are text, whatever characters
mkdocs.yml gives them.

Material inserts ``config.site_name`` as it is into the header, the drawer, ``<title>``
and an ``aria-label``, and through Jinja's ``| e`` into the logo's ``title`` attribute,
whose value Material's tooltips (``content.tooltips``) then write into the page as HTML.
Escaping the name once here, quotes included, gives the right characters in all three
kinds of place: the raw ones show the escaped text as text; the attribute holds it
escaped twice, which the tooltip's HTML turns back into text. Page titles get the same
treatment from the build (``reader.emit.inline.template_text``). The description and
the author go into ``<meta content="…">`` as they are: escaped the same way, quotes
included. (``copyright`` stays HTML on purpose: Material documents it as such.)
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig

PLAIN_TEXT = ("site_name", "site_description", "site_author")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Escape each plain-text setting once (MkDocs loads the configuration anew for each
    build)."""
    for name in PLAIN_TEXT:
        value = config.get(name)
        if value:
            config[name] = html.escape(str(value), quote=True)
    return config
