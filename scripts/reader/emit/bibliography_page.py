"""The bibliography page: every entry formatted by CSL, with an anchor and "cited in" links.

The page is Markdown for MkDocs (``docs/bibliography.md``). Each reference is a raw HTML
paragraph with ``id="ref-<key>"`` (the target of the citation pass's links); the "cited
in" line below it is Markdown so that MkDocs checks and rewrites the links to
``texts/<slug>.md#<anchor>``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reader.emit.inline import escape_text
from reader.inputs.bibliography import Bibliography
from reader.passes.citations import CitationOccurrence


def place_label(anchor: str) -> str:
    """How a place is shown in a "cited in" link: ``¶ 12`` or ``note 5``."""
    if anchor.startswith("fn:"):
        return f"note {anchor[3:]}"
    if anchor.startswith("p") and anchor[1:].isdigit():
        return f"¶ {anchor[1:]}"
    return anchor or "text"


def cited_in(
    key: str, occurrences: Sequence[CitationOccurrence], text_labels: Mapping[str, str]
) -> str:
    """The Markdown "Cited in" line of one entry ('' when no text cites it)."""
    links = [
        f"[{escape_text(text_labels.get(o.slug, o.slug))}, {place_label(o.anchor)}]"
        f"(texts/{o.slug}.md{'#' + o.anchor if o.anchor else ''})"
        for o in occurrences
        if o.key == key
    ]
    return "Cited in: " + " · ".join(links) if links else ""


def render_bibliography_page(
    bib: Bibliography,
    occurrences: Sequence[CitationOccurrence],
    style: str | None = None,
    *,
    text_labels: Mapping[str, str] | None = None,
) -> str:
    """The whole bibliography page as Markdown, entries in the style's order."""
    labels = dict(text_labels or {})
    lines = [
        "# Bibliography",
        "",
        "Every work the five texts cite or name, formatted in "
        f"{style or bib.style} style. Download it as [BibTeX](references.bib) "
        "or [CSL-JSON](bibliography.json).",
        "",
    ]
    for key, reference in bib.format_bibliography(style):
        lines += [f'<p class="reference" id="ref-{key}">{reference}</p>', ""]
        line = cited_in(key, occurrences, labels)
        if line:
            lines += [line, ""]
    return "\n".join(lines)
