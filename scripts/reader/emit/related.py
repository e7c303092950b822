"""The related-passages marker: one small button at the end of a paragraph that opens the
passages of the other texts that :mod:`reader.passes.related` found close to it.

The marker is an annotation popover drawn by
:func:`reader.emit.annotations.render_annotation` (kind ``related``), so it shares the
popover's CSS, tap and Escape handling and accessibility; what this module adds is the
list inside the tip: for each passage a Markdown link (``gussarova-2017.md#p41``, checked
by MkDocs), the first words of the passage and the words the two share. Everything here is
editorial (inside ``.annotation__tip.editorial`` or a ``span.editorial``), so the
conservation check and the search index leave it out.
"""

from __future__ import annotations

from reader.core.model import Annotation, Editorial, Inlines, Text, plain_text
from reader.emit.annotations import escape_literal, render_annotation, safe_href
from reader.passes.related import KIND, STRONG

TIP_HEADING = "Related passages in other texts, with the concepts they share"
_TIP_END = "</span></span>"
#: Material's search drops elements with this attribute by tag name, so it goes on leaf
#: spans only (a span that holds no other span), as in reader.emit.annotations.
_EXCLUDE = " data-search-exclude"


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


def split_related(inlines: Inlines, uid: str = "") -> tuple[Inlines, str]:
    """The paragraph's inlines without a trailing related-passages node, and that node
    rendered as a marker of its links shown by default ("" when there is none)."""
    if not inlines or not is_marker(inlines[-1]):
        return inlines, ""
    node: Editorial = inlines[-1]  # type: ignore[assignment]
    shown = tuple(c for c in node.children if getattr(c, "band", "") in SHOWN_BANDS)
    return inlines[:-1], render_marker(Editorial(shown), uid) if shown else ""


def _item(node: Annotation) -> str:
    label = plain_text(node.children[:1])
    shared = plain_text(node.children[1:])
    href = safe_href(node.href)
    link = f"[{escape_literal(label)}]({href})" if href else escape_literal(label)
    parts = [
        f'<span class="related__item"><span class="related__link"{_EXCLUDE}>{link}</span> ',
        f'<span class="related__snippet"{_EXCLUDE}>“{escape_literal(node.tooltip)}”</span>',
    ]
    if node.reason or shared:
        why = node.reason or f"shared: {shared}"
        parts.append(f' <span class="related__shared"{_EXCLUDE}>{escape_literal(why)}</span>')
    parts.append("</span>")
    return "".join(parts)


def render_marker(node: Editorial, uid: str = "") -> str:
    """Inline Markdown for the marker and its popover list."""
    count = len(node.children)
    button = (
        f'<span class="related__icon editorial" aria-hidden="true"{_EXCLUDE}>⇄</span>'
        f'<span class="editorial"{_EXCLUDE}> {count}</span>'
        f'<span class="related__sr editorial"{_EXCLUDE}> related passages</span>'
    )
    shell = render_annotation(
        Annotation(kind=KIND, target=uid, children=(Text(""),), tooltip=TIP_HEADING),
        button,
        uid=uid,
    )
    if not shell.endswith(_TIP_END):
        raise ValueError(
            "render_annotation changed its markup: the tip no longer ends the "
            "annotation, so the related-passages list cannot be added to it"
        )
    items = "".join(_item(c) for c in node.children if isinstance(c, Annotation))
    return f' {shell[: -len(_TIP_END)]}<span class="related__list">{items}</span>{_TIP_END}'
