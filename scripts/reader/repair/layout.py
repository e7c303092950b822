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
from dataclasses import dataclass, field, replace

from reader.repair.chunks import Chunk
from reader.repair.hyphenation import Decision, Lexicon, join_lines
from reader.repair.paragraphs import ends_sentence

INDENT = re.compile(r"^\f?[ \u00a0]{2,}\S")
LIST_MARKER = re.compile(r"^(?:[•▪●◦‣]|-|\(?[a-z]\)|\d{1,2}[.)])\s+\S")
SUPERSCRIPT_LABEL = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
_OPENERS = "“‘\"'([«"
#: From this length a word has a syllable break within its first letters …
LONG_WORD = 8
#: Which of the lengths of the lines (sorted) is taken for the column width: a few
#: lines may overrun it (a long URL), and wrapped lines come up to it.
WIDTH_QUANTILE = 0.97
#: … and this much room (a space, six letters and a hyphen) would have taken it.
SYLLABLE_ROOM = 8
#: Share of lines ending in a hyphen from which a text counts as hyphenated.
HYPHENATED_SHARE = 0.02
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
    margins: dict[int, int] = field(default_factory=dict)  # source line → leading spaces
    in_items: frozenset[int] = frozenset()  # continuation lines of list items
    hyphenates: bool = False  # the typesetter breaks words at line ends

    def would_fit(self, line: int, text: str, word: str) -> bool:
        """Whether ``word`` (or, where words are hyphenated, a syllable of a long word)
        would have fitted after source line ``line``: then the line ended on purpose.

        >>> Layout(30, frozenset(), False, hyphenates=True).would_fit(1, "x" * 20, "Nevertheless")
        True
        """
        room = self.room(line, text)
        if room >= 1 + len(word):
            return True
        return self.hyphenates and len(word) >= LONG_WORD and room >= SYLLABLE_ROOM

    def room(self, line: int, text: str) -> int:
        """How many characters source line ``line`` (stripped to ``text``) leaves free."""
        return self.width - self.margins.get(line, 0) - len(text.rstrip())


def read_layout(text: str) -> Layout:
    """Measure a text before its leading spaces are stripped.

    >>> layout = read_layout("  A para-\\ngraph that runs on.\\n  Next one\\nruns on.")
    >>> sorted(layout.indented), layout.indents_paragraphs
    ([1, 3], True)
    """
    lines = text.split("\n")
    body = [n for n, line in enumerate(lines, start=1) if line.strip("\f").strip()]
    listed = frozenset(_list_lines(lines))
    indented = frozenset(n for n in body if INDENT.match(lines[n - 1]) and n not in listed)
    lengths = sorted(_length(lines[n - 1].strip("\f")) for n in body)
    width = lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))] if len(lengths) >= 10 else 0
    margins = {
        n: len(line) - len(line.lstrip(" \u00a0"))
        for n, line in enumerate((x.strip("\f") for x in lines), start=1)
        if line[:1] in (" ", "\u00a0")
    }
    hyphens = sum(1 for n in body if re.search(r"[^\W\d_]-$", lines[n - 1].rstrip()))
    hyphenates = bool(body) and hyphens >= HYPHENATED_SHARE * len(body)
    indents = _indents_paragraphs(lines, indented, body)
    return Layout(width, indented, indents, margins, listed, hyphenates)


def _length(line: str) -> int:
    """A line's length once doubled spaces are collapsed (its margin kept)."""
    body = line.lstrip(" \u00a0")
    return len(line) - len(body) + len(" ".join(body.split()))


def _list_lines(lines: list[str]) -> set[int]:
    """Lines inside a list item: its hanging-indented continuation lines, also on the
    next page (an item survives a page break, not a blank line)."""
    inside: set[int] = set()
    in_item = False
    gap: list[str] = []
    for n, line in enumerate(lines, start=1):
        stripped = line.strip("\f")
        if not stripped.strip():
            gap.append(line)
            continue
        if gap and "\f" not in gap:
            in_item = False
        gap = []
        if LIST_MARKER.match(stripped):
            in_item = True
        elif in_item and stripped.startswith(" "):
            inside.add(n)
        else:
            in_item = False
    return inside


def _indents_paragraphs(lines: list[str], indented: frozenset[int], body: list[int]) -> bool:
    """Whether indentation marks paragraphs: some lines, not most, are indented, and at
    least half as many as the blocks that blank lines separate."""
    blocks = sum(1 for n in body if n == 1 or not lines[n - 2].strip("\f").strip())
    share = len(indented) / len(body) if body else 0
    return 0 < share <= INDENT_SHARE and len(indented) >= max(2, blocks // 2)


def ended_short(line: str, room: int, next_line: str) -> bool:
    """Whether ``line`` ends a sentence with ``room`` left for ``next_line``'s first word.

    A wrapped line ends only when the next word does not fit, so a finished sentence
    with room to spare ends its paragraph.

    >>> ended_short("had been decided.", 23, "The next step")
    True
    >>> ended_short("a long line that was filled right up.", 3, "The next")
    False
    """
    words = next_line.split()
    if not words or not ends_sentence(line):
        return False
    first = words[0].lstrip(_OPENERS)
    return bool(first[:1].isupper()) and 1 + len(words[0]) <= room


def starts_paragraph(previous: tuple[int, str], line: int, text: str, layout: Layout) -> bool:
    """Whether source line ``line`` (reading ``text``) starts a paragraph after the
    source line ``previous`` (number, stripped text)."""
    if layout.indents_paragraphs and line in layout.indented:
        return True
    number, before = previous
    return bool(layout.width) and ended_short(before, layout.room(number, before), text)


def marker_family(line: str) -> str:
    """Which kind of list item ``line`` opens ("bullet", "lettered", "numbered"), or "".

    >>> marker_family("(b) determine"), marker_family("12. Twelve"), marker_family("Text")
    ('lettered', 'numbered', '')
    """
    if not LIST_MARKER.match(line):
        return ""
    return "lettered" if line[0] == "(" else "numbered" if line[0].isdigit() else "bullet"


def split_at_layout(chunks: list[Chunk], layout: Layout) -> list[Chunk]:
    """Split chunks where a paragraph, a list item or a footnote starts inside them.

    In a list, an item starts with a marker of the list's own kind at the list's margin
    (a "(b)" inside a hanging-indented item continues it)."""
    out: list[Chunk] = []
    for chunk in chunks:
        first = chunk.lines[0]
        family = marker_family(first)
        if not family and chunk.line in layout.in_items:
            family = next((marker_family(x) for x in chunk.lines if marker_family(x)), "")
        note = bool(SUPERSCRIPT_LABEL.match(first))
        margin = layout.margins.get(chunk.line, 0) if not family or marker_family(first) else 99
        start = 0
        for k in range(1, len(chunk.lines)):
            line, number = chunk.lines[k], chunk.line + k
            if family:
                cut = marker_family(line) == family and layout.margins.get(number, 0) <= margin
            elif note:
                cut = bool(SUPERSCRIPT_LABEL.match(line))
            else:
                cut = starts_paragraph((number - 1, chunk.lines[k - 1]), number, line, layout)
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

    Only running text continues (a short line after page furniture may look like a
    heading: it continues a sentence left unfinished). In a text that indents its
    paragraphs, it continues unless the next line is indented. Otherwise a last line
    with room left for the next word (or, in a hyphenated text, for a syllable of it)
    ended its paragraph; a full one continues across page furniture, or across a blank
    line (a column break) in mid-sentence before a lower-case word.

    >>> layout = Layout(40, frozenset(), False)
    >>> bridges(Chunk(("a line that was filled right up to the",), 1),
    ...         Chunk(("end of the sentence.",), 3, cut=True), layout)
    True
    >>> bridges(Chunk(("the end",), 1), Chunk(("The next one.",), 3, cut=True), layout)
    False
    """
    last, first = previous.lines[-1], chunk.lines[0]
    if chunk.kind == "heading" and previous.kind == "text" and chunk.cut:
        return not ends_sentence(last)  # a sentence's end carried over a page break
    if chunk.kind != "text" or previous.kind not in LISTED | {"text"}:
        return False
    if layout.indents_paragraphs:
        return chunk.line not in layout.indented
    if previous.kind != "text":
        hanging = chunk.line in layout.in_items
        return hanging or (not ends_sentence(last) and first[:1].islower())
    word = first.split()[0] if first.split() else ""
    if not last.endswith("-") and layout.width and layout.would_fit(previous.last_line, last, word):
        return False
    return chunk.cut or (not ends_sentence(last) and first[:1].islower())


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
