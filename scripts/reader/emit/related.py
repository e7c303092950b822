"""The related-passages marker, its tip data and its list page.

The pass (:mod:`reader.passes.related`) ends a paragraph with one editorial node holding
an ``Annotation(kind="related")`` per partner (label, shared words, snippet, link). Here:

- the paragraph keeps only a short marker (:func:`split_related`), an empty link to the
  paragraph's item on the list page, its label ("⇄ 2") drawn by CSS from ``data-count``::

      … last words. [](../related.md#gussarova-2017-p12){ .mark .mark--related … }

- the page's tip data holds each paragraph's list once (:func:`related_data`), which
  ``docs/assets/annotations.js`` shows as the marker's tip;
- ``docs/related.md`` (:func:`render_related_page`) lists every paragraph's related
  passages as Markdown links (checked by MkDocs), so they are reachable without a script.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.model import Annotation, Document, Editorial, Inlines, Paragraph, plain_text
from reader.emit.annotations import escape_literal, safe_href
from reader.passes.related import KIND, STRONG


def is_marker(node: object) -> bool:
    """True for the editorial node the related-passages pass appends to a paragraph."""
    return (
        isinstance(node, Editorial)
        and bool(node.children)
        and all(isinstance(c, Annotation) and c.kind == KIND for c in node.children)
    )


#: The bands a reader sees by default (reader.passes.related); a "possible" link waits
#: for an explicit "more, less certain" control and is published in annotations.jsonld.
SHOWN_BANDS = frozenset({"", STRONG})
PAGE = "related.md"
PAGE_TITLE = "Related passages, paragraph by paragraph"
PAGE_INTRO = (
    "For each numbered paragraph of each text, the closest passages of the other texts, "
    "by the words and glossary terms they share. The build chooses them, not the editors: "
    "read them as leads. In a text, the ⇄ marker after a paragraph shows its list."
)


def _partners(inlines: Inlines) -> list[Annotation]:
    """The related passages of a paragraph shown by default (strong band)."""
    if not inlines or not is_marker(inlines[-1]):
        return []
    children = inlines[-1].children  # type: ignore[union-attr]
    return [c for c in children if isinstance(c, Annotation) and c.band in SHOWN_BANDS]


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
        "shared": _why(node),
    }


def _why(node: Annotation) -> str:
    """Why the passages are related, in a reader's words (the pass's reason), or the
    words they share."""
    shared = plain_text(node.children[1:])
    return node.reason or (f"shared: {shared}" if shared else "")


def item_markdown(node: Annotation) -> str:
    """One related passage on the list page: link, snippet, shared words (literal)."""
    label = escape_literal(plain_text(node.children[:1]))
    href = safe_href(node.href)
    link = f"[{label}](texts/{href})" if href else label
    text = f"{link} “{escape_literal(node.tooltip)}”"
    if _why(node):
        text += f" — {escape_literal(_why(node))}"
    return text + "."


def render_related_page(docs: Iterable[Document]) -> str:
    """The list page: a section per text, an item per paragraph with related passages."""
    # Out of search: its snippets repeat words that the texts' own entries already hold.
    lines = ["---", "search:", "  exclude: true", "---", ""]
    lines += [f"# {escape_literal(PAGE_TITLE)}", "", escape_literal(PAGE_INTRO), ""]
    for doc in docs:
        slug = doc.meta.slug
        items = []
        for block in doc.blocks:
            partners = _partners(block.inlines) if isinstance(block, Paragraph) else []
            if not partners or block.number is None:  # type: ignore[union-attr]
                continue
            back = f"[¶ {block.number}](texts/{slug}.md#{block.anchor})"  # type: ignore[union-attr]
            body = " ".join(item_markdown(n) for n in partners)
            items.append(f"- {back}: {body}\n  {{: #{item_id(slug, block.anchor)} }}")  # type: ignore[union-attr]
        if items:
            title = escape_literal(doc.meta.short_title or doc.meta.title)
            # An HTML heading: the page is outside the nav, and the theme's contents
            # label would then point at a control it does not draw (Nu checker).
            lines += [f'<h2 id="{slug}">{title}</h2>', "", *items, ""]
    return "\n".join(lines)
