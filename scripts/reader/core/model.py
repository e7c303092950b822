"""The document model: frozen dataclasses every stage reads and every pass returns anew.

A :class:`Document` is a title block, a tuple of blocks in reading order and a tuple of
footnotes. Block text is a tuple of inline nodes, so passes (glossary, citations,
cross-links) only ever rewrite :class:`Text` nodes and can never annotate inside a link,
a footnote marker or another annotation. Every block keeps the :class:`Span` of the
source line it came from, so diagnostics and the edition page can point back to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal, Union

from reader.core.meta import Meta


@dataclass(frozen=True)
class Span:
    """Where something came from: a file and a 1-based line (0 when unknown)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


# ---------------------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """Literal text; the emitter escapes every character Markdown would interpret."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Italic text the source marked as such."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Bold text the source marked as such."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Superscript:
    """A superscript that is not a footnote marker (e.g. an affiliation number)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink. ``url`` may be empty for a link whose target the source lost."""

    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker; ``label`` matches a :class:`Footnote` of the document."""

    label: str


@dataclass(frozen=True)
class Lang:
    """Text in another language than the document's (e.g. Cyrillic, ``lang="ru"``)."""

    lang: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Annotation:
    """An editorial layer over source words: a glossary term, a citation, a cross-link.

    ``kind`` says which pass made it ("term", "cite", "xref", "note", "related");
    ``target`` is the glossary id, bib key or passage the words point to; ``tooltip`` is
    plain text. A computed link (``related``) also says how sure it is: ``band`` is
    "strong" (shown by default) or "possible" (only behind a "more, less certain"
    control), ``score`` its similarity and ``reason`` why, in a reader's words.
    """

    kind: str
    target: str
    children: tuple[Inline, ...]
    tooltip: str = ""
    href: str = ""
    band: str = ""
    reason: str = ""
    score: float = 0.0


@dataclass(frozen=True)
class Editorial:
    """Words the edition adds (never the author's): shown distinctly, excluded from the
    conservation check."""

    children: tuple[Inline, ...]


Inline = Union[  # noqa: UP007 - a runtime alias of forward references
    Text, Emphasis, Strong, Superscript, Link, FootnoteRef, Lang, Annotation, Editorial
]
Inlines = tuple[Inline, ...]


def plain_text(inlines: Inlines, *, editorial: bool = True) -> str:
    """The text of inline nodes without markup (footnote markers omitted)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, FootnoteRef) or (isinstance(node, Editorial) and not editorial):
            continue
        else:
            parts.append(plain_text(node.children, editorial=editorial))
    return "".join(parts)


def map_text(inlines: Inlines, fn: Callable[[Text], Inlines]) -> Inlines:
    """Rewrite every :class:`Text` node that is not inside a link, annotation or
    editorial addition; ``fn`` returns the replacement nodes."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.extend(fn(node))
        elif isinstance(node, Emphasis | Strong | Superscript | Lang):
            out.append(replace(node, children=map_text(node.children, fn)))
        else:
            out.append(node)
    return tuple(out)


def walk_inlines(inlines: Inlines) -> Iterator[Inline]:
    """Every inline node, depth first, in reading order."""
    for node in inlines:
        yield node
        children = getattr(node, "children", None)
        if children:
            yield from walk_inlines(children)


# ----------------------------------------------------------------------------- blocks

Role = Literal[
    "body",  # an ordinary paragraph
    "epigraph",  # a motto or quotation set before the text
    "author-note",  # a note about the author (position, affiliation)
    "acknowledgement",  # a note about the text (funding, disclaimer)
    "profile",  # an author profile or author box
    "byline",  # lines under the title: author, issue, date, place
    "bullet",  # an item of a bulleted list
    "lettered",  # an item of a lettered list, "(a) …"
    "numbered",  # an item of a numbered list that must stay literal ("1. …")
    "question",  # an interview question
    "answer",  # an interview answer
    "label",  # a labelled field in a front matter ("Received: …")
    "source-note",  # a closing note about where the text was published
]

#: Roles that carry a citable paragraph number.
CITABLE_ROLES: frozenset[str] = frozenset(
    {"body", "epigraph", "bullet", "lettered", "numbered", "question", "answer"}
)


@dataclass(frozen=True)
class Heading:
    """A section heading the author wrote (level 2 and below; the title is level 1)."""

    level: int
    inlines: Inlines
    span: Span
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph-like block. ``role`` says what it is; ``group`` joins consecutive
    blocks into one container (a list, an interview turn, an author box)."""

    inlines: Inlines
    span: Span
    role: str = "body"
    group: str = ""
    label: str = ""
    speaker: str = ""
    number: int | None = None
    anchor: str = ""
    relocated: str = ""  # why the block stands elsewhere than in the source, if it does


@dataclass(frozen=True)
class TableRow:
    """A table row; a ``group`` row spans the table and heads the rows below it."""

    cells: tuple[Inlines, ...]
    span: Span
    is_group: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a caption, a header row and body rows (group rows included)."""

    caption: Inlines
    header: tuple[Inlines, ...]
    rows: tuple[TableRow, ...]
    span: Span
    source: Inlines = ()
    anchor: str = ""


@dataclass(frozen=True)
class Figure:
    """A figure whose image the source lacks: caption, source line and a visible note."""

    caption: Inlines
    span: Span
    source: Inlines = ()
    anchor: str = ""
    missing_note: str = "The chart itself is not reproduced in the source text."


@dataclass(frozen=True)
class Contents:
    """The source's own table of contents: entries with their printed page numbers."""

    title: Inlines
    entries: tuple[tuple[Inlines, str, str], ...]  # (title, page, target anchor)
    span: Span


@dataclass(frozen=True)
class SectionBreak:
    """A break between sections that the source shows only as extra space."""

    span: Span


Block = Union[Heading, Paragraph, Table, Figure, Contents, SectionBreak]  # noqa: UP007


@dataclass(frozen=True)
class Footnote:
    """A footnote: its label, its paragraphs, and whether its text is missing from the
    source (then ``paragraphs`` is empty and the page says so)."""

    label: str
    paragraphs: tuple[Inlines, ...]
    span: Span
    missing: bool = False


@dataclass(frozen=True)
class Document:
    """One text of the edition, from title block to footnotes."""

    meta: Meta
    title: Inlines
    front: tuple[Block, ...]
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    source_path: str = ""
    title_line: int = 1

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of the front matter and body, in reading order."""
        for block in (*self.front, *self.blocks):
            if isinstance(block, Paragraph):
                yield block

    def citable(self) -> Iterator[Paragraph]:
        """The numbered paragraphs, in reading order."""
        for block in self.paragraphs():
            if block.number is not None:
                yield block
