"""Turning classified chunks into blocks: paragraphs, headings, lists, turns, tables.

:class:`BlockBuilder` is fed chunks in reading order. It keeps the little state that
reading order needs (the interview's turn count, a table waiting for its rows, the
number of the next glued footnote marker) and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reader.core.diagnostics import Diagnostic
from reader.core.model import (
    Block,
    Contents,
    Footnote,
    Heading,
    Inlines,
    Paragraph,
    Span,
    plain_text,
)
from reader.parse.classify import BULLET, LETTERED, MD_HEADING, NUMBERED
from reader.parse.inline import InlineOptions, parse_inlines, superscript_label
from reader.parse.tables import (
    anchor_for_caption,
    build_contents,
    build_figure,
    build_table,
    heading_key,
)
from reader.repair.chunks import Chunk

#: Ids a text page already has (the title, the editors' notes and their markers, the
#: page's data scripts, the cite block): a heading named "Title" or "Note: Valdai" must
#: not take one, or its link would land elsewhere and the page hold two equal ids.
_TAKEN = re.compile(r"p\d+|title|editors-notes|tip-data|cite-data|anchor-redirects")
#: The prefixes of the ids of notes, their markers and the cite block: a heading whose
#: anchor starts so is set under "section-" (a number after it would not help).
_TAKEN_PREFIX = re.compile(r"(?:note|ref|cite|fn)-")


def slugify(text: str) -> str:
    """A heading's anchor: lower case ASCII words joined by hyphens."""
    text = re.sub(r"[^\w\s-]", "", text.casefold())
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


@dataclass
class _PendingFigure:
    caption: Chunk | None
    rows: list[Chunk] = field(default_factory=list)


@dataclass
class BlockBuilder:
    """Builds blocks from chunks for one text."""

    path: str
    options: InlineOptions
    structure: dict
    warnings: list[Diagnostic] = field(default_factory=list)
    _turns: int = 0
    _lists: int = 0
    _pending: _PendingFigure | None = None
    _anchors: set[str] = field(default_factory=set)

    # ----------------------------------------------------------------- inline helpers

    def inlines(self, text: str) -> Inlines:
        """Parse inline markup with this text's options."""
        return parse_inlines(text, self.options)

    def _joined(self, chunk: Chunk) -> str:
        return " ".join(line.strip() for line in chunk.lines)

    def _span(self, chunk: Chunk) -> Span:
        return Span(self.path, chunk.line)

    def _anchor(self, text: str) -> str:
        base = slugify(text)
        if _TAKEN_PREFIX.match(base):
            base = f"section-{base}"
        anchor, n = base, 1
        while anchor in self._anchors or _TAKEN.fullmatch(anchor):
            n += 1
            anchor = f"{base}-{n}"
        self._anchors.add(anchor)
        return anchor

    # ------------------------------------------------------------- declared regions

    def title(self, chunks: list[Chunk]) -> Inlines:
        """The title from its declared lines (a Markdown '#' prefix dropped)."""
        lines = [MD_HEADING.sub("", line).strip() for c in chunks for line in c.lines]
        return self.inlines(" ".join(lines))

    def declared(self, chunks: list[Chunk], role: str, relocated: str) -> list[Block]:
        """Blocks for a declared front or back region."""
        if role == "contents":
            return [self._contents(chunks)]
        group = f"{role}-{chunks[0].line}" if role in ("profile", "byline", "label") else ""
        blocks: list[Block] = []
        for chunk in chunks:
            pieces = chunk.lines if role in ("byline", "label") else [self._joined(chunk)]
            for n, text in enumerate(pieces):
                text = MD_HEADING.sub("", text).strip()
                blocks.append(
                    Paragraph(
                        self.inlines(text),
                        Span(self.path, chunk.line + n),
                        role=role,
                        group=group,
                        relocated=relocated,
                    )
                )
        return blocks

    def _contents(self, chunks: list[Chunk]) -> Contents:
        title = self._joined(chunks[0]) if len(chunks) > 1 else "Contents"
        entries = chunks[-1]
        return build_contents(title, entries, self.inlines, self.path, {})

    # ------------------------------------------------------------------- body chunks

    def body(self, chunk: Chunk) -> list[Block]:
        """Blocks for one body chunk (tables and figures may wait for later chunks)."""
        kind = chunk.kind
        if kind == "caption":
            done = self._flush()
            self._pending = _PendingFigure(chunk)
            return done
        if kind == "table":
            if self._pending is None:
                self._pending = _PendingFigure(None)
            self._pending.rows.append(chunk)
            return []
        if kind == "source" and self._pending is not None:
            return self._flush(chunk)
        return self._flush() + self._paragraphs(chunk)

    def _paragraphs(self, chunk: Chunk) -> list[Block]:
        kind, text, span = chunk.kind, self._joined(chunk), self._span(chunk)
        if kind == "heading":
            level = len(MD_HEADING.match(text).group(1)) if MD_HEADING.match(text) else 2
            title = MD_HEADING.sub("", text).strip()
            return [Heading(level, self.inlines(title), span, self._anchor(title))]
        if kind == "contents":
            return [build_contents("Contents", chunk, self.inlines, self.path, {})]
        if kind == "turn":
            self._turns += 1
            return [self._turn(text[2:].strip(), span)]
        if kind == "text" and self._turns:
            return [self._turn(text, span, continued=True)]
        if kind == "lettered":
            label = LETTERED.match(text).group(1)
            text = re.sub(r"^-\s+", "", text)
            return [Paragraph(self.inlines(text), span, role="lettered", label=label)]
        if kind == "numbered":
            label = NUMBERED.match(text).group(1)
            return [Paragraph(self.inlines(text), span, role="numbered", label=label)]
        if kind == "bullet":
            self._lists += 1
            return [
                Paragraph(
                    self.inlines(BULLET.sub("", line, count=1)),
                    Span(self.path, chunk.line + n),
                    role="bullet",
                    group=f"list-{self._lists}",
                )
                for n, line in enumerate(chunk.lines)
            ]
        return [Paragraph(self.inlines(text), span)]

    def _turn(self, text: str, span: Span, continued: bool = False) -> Paragraph:
        question = self._turns % 2 == 1
        role = "question" if question else "answer"
        who = self.structure.get("interviewer" if question else "interviewee", "")
        return Paragraph(
            self.inlines(text),
            span,
            role=role,
            group=f"turn-{self._turns}",
            speaker="" if continued else str(who),
        )

    def _flush(self, source: Chunk | None = None) -> list[Block]:
        pending, self._pending = self._pending, None
        if pending is None:
            return []
        if pending.rows:
            tables = self.structure.get("tables", {}) or {}
            caption = " ".join(pending.caption.lines) if pending.caption else ""
            header = (tables.get(anchor_for_caption(caption), {}) or {}).get("header")
            return [
                build_table(
                    pending.caption,
                    pending.rows,
                    source,
                    self.inlines,
                    self.path,
                    list(header) if header else None,
                )
            ]
        assert pending.caption is not None
        return [build_figure(pending.caption, source, self.inlines, self.path)]

    def finish(self, blocks: list[Block]) -> list[Block]:
        """Flush a waiting table or figure and merge list items that a break split."""
        blocks = blocks + self._flush()
        return _shift_headings(_merge_adjacent_lists(blocks))

    # --------------------------------------------------------------------- footnotes

    def footnotes(self, chunks: list[Chunk]) -> tuple[Footnote, ...]:
        """Footnotes from set-aside chunks, and for markers with no text, missing ones."""
        notes: dict[str, Footnote] = {}
        for chunk in chunks:
            first = chunk.lines[0]
            label = superscript_label(first)
            assert label is not None
            text = " ".join([first.split(None, 1)[1] if " " in first else "", *chunk.lines[1:]])
            notes[label] = Footnote(label, (self.inlines(text.strip()),), self._span(chunk))
        for label in self.options.refs:
            if label not in notes:
                if self.options.glued_markers is None:
                    self.warnings.append(
                        Diagnostic(
                            "F001",
                            f"footnote marker {label} has no footnote text",
                            self.path,
                            hint="declare the note's text as a correction, or accept it as missing",
                            severity="warning",
                        )
                    )
                notes[label] = Footnote(label, (), Span(self.path), missing=True)
        referenced = set(self.options.refs)
        for label, note in notes.items():
            if label not in referenced:
                self.warnings.append(
                    Diagnostic(
                        "F002",
                        f"footnote {label} is never referenced",
                        self.path,
                        note.span.line,
                        hint="check the marker in the body text",
                        severity="warning",
                    )
                )
        return tuple(sorted(notes.values(), key=lambda n: int(n.label)))


def _merge_adjacent_lists(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if (
            isinstance(block, Paragraph)
            and block.role == "bullet"
            and out
            and isinstance(out[-1], Paragraph)
            and out[-1].role == "bullet"
        ):
            block = replace(block, group=out[-1].group)
        out.append(block)
    return out


def _shift_headings(blocks: list[Block]) -> list[Block]:
    """Make the text's top heading level 2 (level 1 is the title)."""
    levels = [b.level for b in blocks if isinstance(b, Heading)]
    shift = min(levels) - 2 if levels else 0
    return [replace(b, level=b.level - shift) if isinstance(b, Heading) else b for b in blocks]


def resolve_contents(blocks: tuple[Block, ...], headings: list[Heading]) -> tuple[Block, ...]:
    """Point each contents entry at the heading it names (case-insensitive)."""
    targets = {heading_key(h.inlines): h.anchor for h in headings}
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Contents):
            entries = tuple(
                (title, page, targets.get(heading_key(title), ""))
                for title, page, _ in block.entries
            )
            block = replace(block, entries=entries)
        out.append(block)
    return tuple(out)


def heading_text(heading: Heading) -> str:
    """A heading's plain text."""
    return plain_text(heading.inlines)
