"""The related-passages marker, its tip data and its list page.

The pass (:mod:`reader.passes.related`) ends a paragraph with one editorial node holding
an ``Annotation(kind="related")`` per partner (label, shared words, snippet, link). Here:

- the paragraph keeps only a short marker (:func:`split_related`), an empty link to the
  paragraph's item on the list page, its label ("⇄ 2") drawn by CSS from ``data-count``::

      … last words. [](../related.md#gussarova-2017-p12){ .mark .mark--related … }

- the page's tip data holds each paragraph's list once (:func:`related_data`), which
  ``docs/assets/annotations.js`` shows as the marker's tip;
- ``docs/related.md`` (:mod:`reader.emit.related_page`) lists every paragraph's related
  passages as Markdown links (checked by MkDocs), so they are reachable without a script.
"""

from __future__ import annotations

from reader.core.model import Annotation, Document, Editorial, Inlines, Paragraph, plain_text
from reader.passes.related import KIND, STRONG


def is_marker(node: object) -> bool:
    """True for the editorial node the related-passages pass appends to a paragraph."""
    return (
        isinstance(node, Editorial)
        and bool(node.children)
        and all(isinstance(c, Annotation) and c.kind == KIND for c in node.children)
    )


#: The bands a reader sees by default (reader.passes.related); a "possible" link waits
#: behind the related page's "More, less certain links" control (reader.emit.related_page)
#: and is published in annotations.jsonld.
SHOWN_BANDS = frozenset({"", STRONG})
PAGE = "related.md"


def _partners(inlines: Inlines, shown: bool = True) -> list[Annotation]:
    """The related passages of a paragraph shown by default (strong band), or with
    ``shown=False`` the less certain ones (possible band)."""
    if not inlines or not is_marker(inlines[-1]):
        return []
    children = inlines[-1].children  # type: ignore[union-attr]
    return [c for c in children if isinstance(c, Annotation) and (c.band in SHOWN_BANDS) == shown]


def partners(block: object, shown: bool = True) -> list[Annotation]:
    """:func:`_partners` of a block (none unless it is a paragraph)."""
    return _partners(block.inlines, shown) if isinstance(block, Paragraph) else []


def item_id(slug: str, anchor: str) -> str:
    """The anchor of a paragraph's list on the list page: ``gussarova-2017-p12``."""
    return f"{slug}-{anchor}"


def split_related(inlines: Inlines, slug: str = "", anchor: str = "") -> tuple[Inlines, str]:
    """The paragraph's inlines without a trailing related-passages node, and the marker
    that links to the paragraph's list ("" when there is none)."""
    if not inlines or not is_marker(inlines[-1]):
        return inlines, ""
    partners = _partners(inlines)
    if not partners:  # only links that wait for "more, less certain"
        return inlines[:-1], ""
    count = len(partners)
    plural = "s" if count != 1 else ""
    marker = (
        f" [](../{PAGE}#{item_id(slug, anchor)}){{ .mark .mark--related "
        f'data-count="{count}" aria-label="{count} related passage{plural} in other texts" }}'
    )
    return inlines[:-1], marker


def related_data(doc: Document) -> dict[str, list[dict[str, str]]]:
    """Each paragraph's related passages as tip data: ``{"p12": [{label, slug, anchor,
    snippet, shared}]}`` (the href's page and anchor, so the script can link either URL
    style)."""
    out: dict[str, list[dict[str, str]]] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.anchor:
            items = [_datum(node) for node in _partners(block.inlines)]
            if items:
                out[block.anchor] = items
    return out


def _datum(node: Annotation) -> dict[str, str]:
    page, _, anchor = node.href.partition("#")
    return {
        "label": plain_text(node.children[:1]),
        "slug": page.removesuffix(".md"),
        "anchor": anchor,
        "snippet": node.tooltip,
        "shared": why(node),
    }


def why(node: Annotation) -> str:
    """Why the passages are related, in a reader's words (the pass's reason), or the
    words they share."""
    shared = plain_text(node.children[1:])
    return node.reason or (f"shared: {shared}" if shared else "")
