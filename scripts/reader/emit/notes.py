"""The annotation bodies of a page, each once: tip data, the editors' notes, related lists.

- **Tip data** (:func:`tip_data`): each glossary definition and each reference the page's
  terms and citations point to, keyed by glossary id or bib key, for the front matter
  (``reader.tips``); ``scripts/theme/partials/reader-tips.html`` writes it into the page
  as one ``<script type="application/json" id="tip-data">`` that
  ``docs/assets/annotations.js`` reads when a tip opens.
- **Editors' notes** (:func:`notes_section`): every note, "see also" and "disagrees" of
  the page as a list at its foot, ``#note-<id>``; a note marker links to its item, the
  item back to its marker, and the script shows the item as the marker's tip.
- **Related passages**: each paragraph's list is tip data too
  (:func:`reader.emit.related.related_data`); without a script the marker links to the
  paragraph's list on ``related.md``.

The notes list is editorial (class ``editorial`` on its section), so the conservation
check, which reads the authors' words only, leaves it out by structure.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.core.model import (
    Annotation,
    Block,
    Contents,
    Document,
    Figure,
    Heading,
    Inlines,
    Paragraph,
    Table,
    walk_inlines,
)
from reader.emit.annotations import escape_literal, is_note, note_id, safe_href
from reader.emit.related import related_data

NOTES_HEADING = "Editors’ notes"
_TIP_KEYS = {"term": "terms", "cite": "refs"}


def _block_inlines(block: Block) -> Iterator[tuple[str, Inlines]]:
    """The runs of inlines of one block, each with the anchor of its paragraph."""
    if isinstance(block, Paragraph | Heading):
        yield block.anchor, block.inlines
    elif isinstance(block, Table):
        yield block.anchor, block.caption
        for cells in (block.header, *(row.cells for row in block.rows)):
            for cell in cells:
                yield block.anchor, cell
        yield block.anchor, block.source
    elif isinstance(block, Figure):
        yield block.anchor, block.caption
        yield block.anchor, block.source
    elif isinstance(block, Contents):
        yield "", block.title


def page_inlines(doc: Document) -> Iterator[tuple[str, Inlines]]:
    """Every run of inlines on the page in reading order, with its paragraph anchor."""
    for block in (*doc.front, *doc.blocks):
        yield from _block_inlines(block)
    for note in doc.footnotes:
        for paragraph in note.paragraphs:
            yield f"fn:{note.label}", paragraph


def _annotations(doc: Document) -> Iterator[tuple[str, Annotation]]:
    for anchor, inlines in page_inlines(doc):
        for node in walk_inlines(inlines):
            if isinstance(node, Annotation):
                yield anchor, node


def tip_data(doc: Document) -> dict[str, Any]:
    """``{"terms": {id: definition}, "refs": {key: reference}, "related": {anchor: […]}}``
    for the page's tips."""
    data: dict[str, dict[str, str]] = {key: {} for key in _TIP_KEYS.values()}
    for _, node in _annotations(doc):
        key = _TIP_KEYS.get(node.kind)
        if key and node.tooltip:
            data[key].setdefault(node.target, node.tooltip)
    out: dict = {key: value for key, value in data.items() if value}
    related = related_data(doc)
    if related:
        out["related"] = related
    return out


def notes_section(doc: Document) -> str:
    """The page's editors' notes as a Markdown section ("" when it has none)."""
    items: list[str] = []
    for anchor, node in _annotations(doc):
        if not is_note(node):
            continue
        nid = note_id(node)
        body = escape_literal(node.tooltip)
        href = safe_href(node.href)
        if href:
            body += f" [Go to the passage]({href})"
        back = f'[↩](#ref-{nid}){{ .back aria-label="Back to the text{_place(anchor)}" }}'
        items.append(f"- {body} {back}\n  {{: #{nid} }}")
    return _section("editors-notes", NOTES_HEADING, "", items)


def _place(anchor: str) -> str:
    if anchor[:1] == "p" and anchor[1:].isdigit():
        return f", paragraph {anchor[1:]}"
    return ""


def _section(css: str, heading: str, intro: str, items: list[str]) -> str:
    if not items:
        return ""
    parts = [
        f'<section class="{css} editorial" markdown>',
        f"## {escape_literal(heading)} {{ #{css} }}",
        escape_literal(intro) if intro else "",
        "\n".join(items),
        "</section>",
    ]
    return "\n\n".join(p for p in parts if p)
