"""Page furniture: footnote blocks that sit at page bottoms and cut the body in two.

:func:`set_aside_footnote_blocks` takes the footnote chunks (and the lines that continue
a footnote after a page break) out of the running text, and marks the chunk that follows
as cut so that :func:`~reader.repair.paragraphs.rejoin_cut_paragraphs` can mend the
paragraph the footnotes interrupted.
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.repair.chunks import Chunk

_URL_ONLY = re.compile(r"^(?://\s*)?<?https?://\S+>?$")
CONTINUATION_MAX = 120
#: Kinds that end a footnote zone: the body resumes with them.
_BODY_KINDS = frozenset(
    {"heading", "table", "caption", "source", "bullet", "lettered", "contents", "turn"}
)


def is_footnote_continuation(chunk: Chunk) -> bool:
    """Whether a chunk inside a footnote zone continues the previous note.

    A bare URL does, and so does a short line that does not end a sentence with a full
    stop (a note's second line pushed under a page break).

    >>> is_footnote_continuation(Chunk(("http://rs.gov.ru/uploads/doklad_2015.pdf",), 366))
    True
    """
    if chunk.kind in _BODY_KINDS:
        return False
    text = " ".join(chunk.lines)
    if _URL_ONLY.match(text):
        return True
    return len(text) <= CONTINUATION_MAX and not text.rstrip().endswith(".")


def set_aside_footnote_blocks(
    chunks: list[Chunk], *, across_pages: bool = True
) -> tuple[list[Chunk], list[Chunk]]:
    """Split chunks into body chunks and footnote chunks (continuations merged).

    The first body chunk after a footnote zone is marked ``cut``. Without
    ``across_pages``, a chunk after page furniture never continues a note (in a laid-out
    text, what follows the furniture is the next page's body).
    """
    body: list[Chunk] = []
    notes: list[Chunk] = []
    in_zone = False
    for chunk in chunks:
        if chunk.kind == "footnote":
            notes.append(chunk)
            in_zone = True
            continue
        continues = across_pages or not chunk.cut
        if in_zone and notes and continues and is_footnote_continuation(chunk):
            last = notes[-1]
            notes[-1] = replace(last, lines=(*last.lines, *chunk.lines), end_line=chunk.last_line)
            continue
        if in_zone:
            chunk = replace(chunk, cut=True)
            in_zone = False
        body.append(chunk)
    return body, notes
