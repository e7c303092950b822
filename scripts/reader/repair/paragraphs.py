"""Paragraph-level repairs: unwrapping hard-wrapped lines and rejoining cut paragraphs.

Both work on classified :class:`~reader.repair.chunks.Chunk` objects and record each
hyphenation decision they make, so the edition page and ``reader explain`` can show them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.repair.chunks import Chunk
from reader.repair.hyphenation import Decision, Lexicon, join_lines

#: Kinds of chunk whose text may run on into a following plain-text chunk.
CONTINUABLE = frozenset({"text", "bullet", "lettered", "turn"})
_CLOSERS = "”’\"')]»*"
_TERMINAL = ".!?:;…"
_TRAILING_MARKER = re.compile(r"(?<=[" + re.escape(_TERMINAL + _CLOSERS) + r"])[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
_OPENERS = "“‘\"'([«*"


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a finished sentence (after quotes and note markers).

    >>> ends_sentence("collective security.”4")
    True
    >>> ends_sentence("the Finnish “Northern")
    False
    """
    text = _TRAILING_MARKER.sub("", text.rstrip())
    text = text.rstrip(_CLOSERS)
    return bool(text) and text[-1] in _TERMINAL


def starts_lowercase(text: str) -> bool:
    """Whether the first letter of ``text`` (after opening quotes) is lower case.

    >>> starts_lowercase("“compatriots living abroad.”")
    True
    """
    stripped = text.lstrip(_OPENERS + " ")
    return bool(stripped) and stripped[0].islower()


def unwrap_hard_wrapped_lines(
    chunk: Chunk, lexicon: Lexicon
) -> tuple[Chunk, list[tuple[int, Decision]]]:
    """Join a chunk's lines into one, repairing words hyphenated at line ends.

    Returns the chunk and each hyphenation decision with the source line of the break.
    """
    if len(chunk.lines) < 2:
        return chunk, []
    decisions: list[tuple[int, Decision]] = []
    text = chunk.lines[0]
    for offset, line in enumerate(chunk.lines[1:]):
        text, decision = join_lines(text, line, lexicon)
        if decision:
            decisions.append((chunk.line + offset, decision))
    return replace(chunk, lines=(text,), end_line=chunk.last_line), decisions


def is_cut(previous: Chunk, chunk: Chunk, *, wrapped: bool) -> bool:
    """Whether ``chunk`` continues ``previous``, cut apart by a page or column break.

    The previous text must end mid-sentence; then the break is a cut if the next text
    starts in lower case, if page furniture stood between them, or, in hard-wrapped
    text, always (a column break leaves just one blank line).
    """
    if previous.kind not in CONTINUABLE or chunk.kind != "text":
        return False
    if ends_sentence(previous.lines[-1]):
        return False
    return starts_lowercase(chunk.lines[0]) or chunk.cut or wrapped


def rejoin_cut_paragraphs(
    chunks: list[Chunk], lexicon: Lexicon, *, wrapped: bool
) -> tuple[list[Chunk], list[tuple[int, int, Decision | None]]]:
    """Merge each paragraph cut by a page, column, footnote or author-box break.

    Returns the chunks and, for each join, the two source lines joined and the
    hyphenation decision made at the seam (if the cut split a word).
    """
    out: list[Chunk] = []
    joins: list[tuple[int, int, Decision | None]] = []
    for chunk in chunks:
        if out and is_cut(out[-1], chunk, wrapped=wrapped):
            previous = out[-1]
            text, decision = join_lines(previous.lines[-1], chunk.lines[0], lexicon)
            lines = (*previous.lines[:-1], text, *chunk.lines[1:])
            out[-1] = replace(previous, lines=lines, end_line=chunk.last_line)
            joins.append((previous.last_line, chunk.line, decision))
            continue
        out.append(chunk)
    return out, joins
