"""Chunks: runs of non-blank lines, with what stood between them.

The block-level repairs (set-aside of footnotes, unwrapping, rejoining cut paragraphs)
work on chunks rather than on raw text so that each keeps the source line it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

#: How many blank lines in a row mark a page break (not a paragraph or section break).
PAGE_BREAK_GAP = 3


@dataclass(frozen=True)
class Chunk:
    """A run of non-blank source lines.

    ``gap`` counts the blank lines before it; ``cut`` is true when page furniture (a page
    break, a footnote block, an author box) stood right before it; ``kind`` is set by the
    classifier ("text", "heading", "bullet", "lettered", "turn", "table", "caption",
    "source", "footnote", "contents").
    """

    lines: tuple[str, ...]
    line: int
    gap: int = 1
    cut: bool = False
    kind: str = "text"
    end_line: int = 0

    @property
    def text(self) -> str:
        """The chunk's lines joined by newlines."""
        return "\n".join(self.lines)

    @property
    def last_line(self) -> int:
        """The source line of the chunk's last line."""
        return self.end_line or self.line + len(self.lines) - 1

    def with_kind(self, kind: str) -> Chunk:
        """The same chunk, classified."""
        return replace(self, kind=kind)


def split_chunks(text: str, first_line: int = 1) -> list[Chunk]:
    """Split normalised text into chunks; a form feed line counts as page furniture."""
    chunks: list[Chunk] = []
    lines: list[str] = []
    start = 0
    gap = 0
    furniture = False
    for number, line in enumerate(text.split("\n"), start=first_line):
        if line == "\f" or not line.strip():
            if lines:
                chunks.append(_chunk(lines, start, gap, furniture))
                lines, gap, furniture = [], 0, False
            gap += 1
            furniture = furniture or line == "\f"
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        chunks.append(_chunk(lines, start, gap, furniture))
    return chunks


def _chunk(lines: list[str], start: int, gap: int, furniture: bool) -> Chunk:
    return Chunk(tuple(lines), start, gap, furniture or gap >= PAGE_BREAK_GAP)


def select_lines(chunks: Iterable[Chunk], first: int, last: int) -> list[Chunk]:
    """The chunks (or parts of chunks) whose lines fall within ``first..last``."""
    selected = []
    for chunk in chunks:
        keep = [
            (n, line) for n, line in enumerate(chunk.lines, start=chunk.line) if first <= n <= last
        ]
        if keep:
            selected.append(
                replace(
                    chunk, lines=tuple(x for _, x in keep), line=keep[0][0], end_line=keep[-1][0]
                )
            )
    return selected


def drop_lines(chunks: Sequence[Chunk], first: int, last: int) -> list[Chunk]:
    """The chunks without the lines ``first..last``; what follows a removal is cut.

    Removing lines from the middle of a chunk splits it in two, so that every chunk still
    holds consecutive source lines (a chunk knows only its first and last line number)."""
    result = []
    removed = False
    for chunk in chunks:
        run: list[tuple[int, str]] = []
        gap = chunk.gap
        for n, line in enumerate(chunk.lines, start=chunk.line):
            if first <= n <= last:
                if run:
                    result.append(_run(chunk, run, gap, removed))
                    run, gap, removed = [], 0, False
                removed = True
                continue
            run.append((n, line))
        if run:
            result.append(_run(chunk, run, gap, removed))
            removed = False
    return result


def _run(chunk: Chunk, run: list[tuple[int, str]], gap: int, after_removal: bool) -> Chunk:
    """The consecutive lines ``run`` of ``chunk`` as a chunk of their own."""
    return replace(
        chunk,
        lines=tuple(x for _, x in run),
        line=run[0][0],
        end_line=run[-1][0],
        gap=gap,
        cut=chunk.cut or after_removal,
    )
