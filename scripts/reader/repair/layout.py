"""Paragraph boundaries read from the page's layout, for extractions of laid-out pages.

A PDF extraction marks a paragraph in one of a few ways, and loses some of them at page
and column breaks. The evidence, in order:

- an indented first line (when the text indents its paragraphs);
- a line that ends a sentence although the next line's first word would have fitted on
  it (a "short last line"), before a line that starts with a capital;
- a blank line (in a text that does not indent its paragraphs).

A page or column break is bridged only when none of these says a paragraph starts
there. List items (bullets, numbers, letters) wrapped over several lines are kept whole.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from reader.repair.chunks import Chunk
from reader.repair.hyphenation import Decision, Lexicon, join_lines
from reader.repair.paragraphs import ends_sentence

INDENT = re.compile(r"^\f?[ \u00a0]{2,}\S")
LIST_MARKER = re.compile(r"^(?:[•▪●◦‣]|-|\(?[a-z]\)|\d{1,2}[.)])\s+\S")
SUPERSCRIPT_LABEL = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
_OPENERS = "“‘\"'([«"
#: Kinds of list item a layout keeps whole.
LISTED = frozenset({"bullet", "lettered", "numbered"})
#: Share of lines from which indentation cannot be a paragraph mark (a block quote, verse).
INDENT_SHARE = 0.5


@dataclass(frozen=True)
class Layout:
    """What the layout says about a text: its column width and its indented lines."""

    width: int
    indented: frozenset[int]  # source lines with an indented first line
    indents_paragraphs: bool


def read_layout(text: str) -> Layout:
    """Measure a text before its leading spaces are stripped.

    >>> layout = read_layout("  A para-\\ngraph that runs on.\\n  Next one\\nruns on.")
    >>> sorted(layout.indented), layout.indents_paragraphs
    ([1, 3], True)
    """
    lines = text.split("\n")
    body = [n for n, line in enumerate(lines, start=1) if line.strip("\f").strip()]
    listed = _list_lines(lines)
    indented = frozenset(n for n in body if INDENT.match(lines[n - 1]) and n not in listed)
    lengths = sorted(len(lines[n - 1].strip()) for n in body)
    width = int(statistics.quantiles(lengths, n=10)[8]) if len(lengths) >= 10 else 0
    share = len(indented) / len(body) if body else 0
    return Layout(width, indented, 0 < share <= INDENT_SHARE and len(indented) >= 2)


def _list_lines(lines: list[str]) -> set[int]:
    """Lines inside a list item (its hanging-indented continuation lines)."""
    inside: set[int] = set()
    in_item = False
    for n, line in enumerate(lines, start=1):
        stripped = line.strip("\f")
        if not stripped.strip():
            in_item = False
        elif LIST_MARKER.match(stripped):
            in_item = True
        elif in_item and stripped.startswith(" "):
            inside.add(n)
        else:
            in_item = False
    return inside


def ended_short(line: str, next_line: str, width: int) -> bool:
    """Whether ``line`` ends a sentence with room left for ``next_line``'s first word.

    A wrapped line ends only when the next word does not fit, so a finished sentence
    with room to spare ends its paragraph.

    >>> ended_short("had been decided.", "The next step", 40)
    True
    >>> ended_short("a long line that was filled right up.", "The next", 40)
    False
    """
    words = next_line.split()
    if not width or not words or not ends_sentence(line):
        return False
    first = words[0].lstrip(_OPENERS)
    return bool(first[:1].isupper()) and len(line.rstrip()) + 1 + len(words[0]) <= width


def starts_paragraph(previous: str, line: int, text: str, layout: Layout) -> bool:
    """Whether source line ``line`` (reading ``text``) starts a paragraph after
    ``previous``."""
    if layout.indents_paragraphs and line in layout.indented:
        return True
    return ended_short(previous, text, layout.width)


def split_at_layout(chunks: list[Chunk], layout: Layout) -> list[Chunk]:
    """Split chunks where a paragraph, a list item or a footnote starts inside them."""
    out: list[Chunk] = []
    for chunk in chunks:
        first = chunk.lines[0]
        marker = LIST_MARKER if LIST_MARKER.match(first) else None
        note = SUPERSCRIPT_LABEL if SUPERSCRIPT_LABEL.match(first) else None
        start = 0
        for k in range(1, len(chunk.lines)):
            line, number = chunk.lines[k], chunk.line + k
            pattern = marker or note
            if pattern is not None:
                cut = bool(pattern.match(line))
            else:
                cut = starts_paragraph(chunk.lines[k - 1], number, line, layout)
            if cut:
                out.append(_piece(chunk, start, k))
                start = k
        out.append(_piece(chunk, start, len(chunk.lines)))
    return out


def _piece(chunk: Chunk, start: int, end: int) -> Chunk:
    if start == 0 and end == len(chunk.lines):
        return chunk
    return replace(
        chunk,
        lines=chunk.lines[start:end],
        line=chunk.line + start,
        end_line=chunk.line + end - 1,
        gap=chunk.gap if start == 0 else 0,
        cut=chunk.cut if start == 0 else False,
    )


def bridges(previous: Chunk, chunk: Chunk, layout: Layout) -> bool:
    """Whether a break between two (classified, still wrapped) chunks falls inside one
    paragraph.

    Only running text continues; it does unless the layout marks a paragraph start, and
    (in a text that marks paragraphs with blank lines) only across page furniture or
    mid-sentence.

    >>> layout = Layout(40, frozenset(), False)
    >>> bridges(Chunk(("a line that was filled right up to the",), 1),
    ...         Chunk(("end of the sentence.",), 3, cut=True), layout)
    True
    >>> bridges(Chunk(("the end.",), 1), Chunk(("The next one.",), 3, cut=True), layout)
    False
    """
    if chunk.kind != "text" or previous.kind not in LISTED | {"text"}:
        return False
    if starts_paragraph(previous.lines[-1], chunk.line, chunk.lines[0], layout):
        return False
    if previous.kind != "text":
        return not ends_sentence(previous.lines[-1]) and chunk.lines[0][:1].islower()
    if layout.indents_paragraphs:
        return True
    return chunk.cut or not ends_sentence(previous.lines[-1])


def rejoin_by_layout(
    wrapped: list[Chunk], unwrapped: list[Chunk], lexicon: Lexicon, layout: Layout
) -> tuple[list[Chunk], list[tuple[int, int, Decision | None]]]:
    """Merge the unwrapped chunks whose wrapped forms :func:`bridges` joins.

    Returns the chunks and, for each join, the two source lines joined and the
    hyphenation decision made at the seam (a word hyphenated across a page break)."""
    out: list[Chunk] = []
    joins: list[tuple[int, int, Decision | None]] = []
    for k, chunk in enumerate(unwrapped):
        if out and k and bridges(wrapped[k - 1], wrapped[k], layout):
            previous = out[-1]
            text, decision = join_lines(previous.lines[-1], chunk.lines[0], lexicon)
            lines = (*previous.lines[:-1], text, *chunk.lines[1:])
            out[-1] = replace(previous, lines=lines, end_line=chunk.last_line)
            joins.append((wrapped[k - 1].last_line, chunk.line, decision))
            continue
        out.append(chunk)
    return out, joins
