"""Tables, figures and the source's own contents list.

A table is assembled from every tab-separated chunk between its caption ("Chart 1 …")
and its "Source:" line, across page breaks and footnote blocks; an all-capitals row with
no second cell heads a group of rows (the report's regions). A caption with no table is a
figure whose image the extraction lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.core.model import (
    Contents,
    Editorial,
    Figure,
    Inlines,
    Span,
    Table,
    TableRow,
    Text,
    plain_text,
)
from reader.parse.classify import CAPTION, CONTENTS_LINE
from reader.repair.chunks import Chunk

ParseInlines = Callable[[str], Inlines]


def anchor_for_caption(caption: str) -> str:
    """'Chart 2 Financing …' → 'chart-2'."""
    match = CAPTION.match(caption)
    if not match:
        return ""
    return f"{caption.split()[0].lower().rstrip('.')}-{match.group(1)}"


def build_table(
    caption: Chunk | None,
    rows: list[Chunk],
    source: Chunk | None,
    parse: ParseInlines,
    path: str,
    header: list[str] | None = None,
) -> Table:
    """A table from its caption, row chunks (in order) and source line."""
    body: list[TableRow] = []
    for chunk in rows:
        for n, line in enumerate(chunk.lines, start=chunk.line):
            cells = [c.strip() for c in line.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
            is_group = len(cells) == 1
            body.append(TableRow(tuple(parse(c) for c in cells), Span(path, n), is_group))
    width = max((len(r.cells) for r in body), default=1)
    caption_text = " ".join(caption.lines) if caption else ""
    header = _header_for(width, header or [])
    return Table(
        caption=parse(caption_text) if caption else (),
        header=header,
        rows=tuple(body),
        span=Span(path, (caption or rows[0]).line),
        source=parse(" ".join(source.lines)) if source else (),
        anchor=anchor_for_caption(caption_text),
    )


def _header_for(width: int, declared: list[str]) -> tuple[Inlines, ...]:
    """Column headings the edition supplies (the source prints none): declared in
    ``structure.tables`` or numbered."""
    names = [declared[i] if i < len(declared) else f"Column {i + 1}" for i in range(width)]
    return tuple((Editorial((Text(name),)),) for name in names)


def build_figure(caption: Chunk, source: Chunk | None, parse: ParseInlines, path: str) -> Figure:
    """A figure whose image is absent: caption, source, and the edition's note."""
    text = " ".join(caption.lines)
    return Figure(
        caption=parse(text),
        span=Span(path, caption.line),
        source=parse(" ".join(source.lines)) if source else (),
        anchor=anchor_for_caption(text),
    )


def build_contents(
    title: str, chunk: Chunk, parse: ParseInlines, path: str, headings: dict[str, str]
) -> Contents:
    """The source's contents list; each entry links to the heading it names."""
    entries = []
    for line in chunk.lines:
        match = CONTENTS_LINE.match(line)
        assert match, line
        title_text = match.group("title").strip()
        entries.append((parse(title_text), match.group("page"), headings.get(_key(title_text), "")))
    return Contents(parse(title), tuple(entries), Span(path, chunk.line))


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def heading_key(inlines: Inlines) -> str:
    """How a contents entry and a heading are matched: case- and space-insensitive."""
    return _key(plain_text(inlines))
