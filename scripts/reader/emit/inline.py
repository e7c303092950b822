"""Inline nodes to Markdown: every literal character escaped, markup explicit.

The escaping rule is simple and total: any character Markdown, HTML or the enabled
extensions could read as syntax is escaped, so source text always renders literally.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from reader.core.model import (
    Annotation,
    Editorial,
    Emphasis,
    FootnoteRef,
    Inline,
    Inlines,
    Lang,
    Link,
    Strong,
    Superscript,
    Text,
)
from reader.emit.annotations import render_annotation

_ESCAPE = re.compile(r"([\\`*_\[\]{}#|!+~^=])")
_LINE_START_NUMBER = re.compile(r"^(\d+)([.)])")
LOST_LINK_NOTE = "The link target was lost when the source was extracted."


def escape_text(text: str) -> str:
    """Escape ``text`` so Markdown shows it literally (``&`` and ``<`` as entities).

    >>> escape_text("1. a *b* <c> & [d]")
    '1\\\\. a \\\\*b\\\\* &lt;c&gt; &amp; \\\\[d\\\\]'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ESCAPE.sub(r"\\\1", text)
    text = _LINE_START_NUMBER.sub(r"\1\\\2", text)
    if text[:1] in "-":
        text = "\\" + text
    return text


def template_text(text: str) -> str:
    """A front-matter value that Material's templates insert into HTML as it is (a page
    title: in ``<title>``, the nav, the header and the search index), escaped here, once.

    Every page's title goes through this one function; a title could otherwise close
    ``<title>`` and run a script on every page that lists it in the nav.

    >>> template_text('Evil</title><script>alert(1)</script> & "Co"')
    'Evil&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co"'
    """
    return html.escape(text, quote=False)


def template_attribute(text: str) -> str:
    """A front-matter value that Material writes into an attribute as it is (the page
    description): escaped here, quotes included."""
    return html.escape(text, quote=True)


def _html_attr(value: str) -> str:
    return html.escape(value, quote=True)


def render_inlines(nodes: Inlines) -> str:
    """Markdown for a run of inline nodes (two links that touch are set a space apart,
    as the source's angle brackets kept them apart)."""
    out: list[str] = []
    for i, node in enumerate(nodes):
        if i and isinstance(node, Link) and isinstance(nodes[i - 1], Link):
            out.append(" ")
        out.append(render_inline(node))
    return "".join(out)


def _wrap(marker: str, nodes: Inlines) -> str:
    inner = render_inlines(nodes)
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{marker}{stripped}{marker}{trail}"


def render_inline(node: Inline) -> str:
    """Markdown for one inline node."""
    if isinstance(node, Text):
        return escape_text(node.text)
    if isinstance(node, Emphasis):
        return _wrap("*", node.children)
    if isinstance(node, Strong):
        return _wrap("**", node.children)
    if isinstance(node, Superscript):
        return f"<sup>{render_inlines(node.children)}</sup>"
    if isinstance(node, FootnoteRef):
        return f"[^{node.label}]"
    if isinstance(node, Lang):
        return f'<span lang="{_html_attr(node.lang)}">{render_inlines(node.children)}</span>'
    if isinstance(node, Editorial):
        return f'<span class="editorial">{render_inlines(node.children)}</span>'
    if isinstance(node, Link):
        return _link(node)
    if isinstance(node, Annotation):
        return _annotation(node)
    raise TypeError(f"unknown inline node {node!r}")


def _link(node: Link) -> str:
    text = render_inlines(node.children)
    if not node.url:
        return f'<span class="lost-link" title="{_html_attr(LOST_LINK_NOTE)}">{text}</span>'
    url = quote(node.url, safe=":/?#[]@!$&'*+,;=%~-._")
    # "&" as an entity: Python-Markdown keeps an entity it finds in a link target, so a
    # source's "?a=1&lt;b" would otherwise link to "?a=1<b", not to what the page shows.
    url = url.replace("(", "%28").replace(")", "%29").replace("&", "&amp;")
    return f"[{text}]({url})"


def _annotation(node: Annotation) -> str:
    return render_annotation(node, render_inlines(node.children))
