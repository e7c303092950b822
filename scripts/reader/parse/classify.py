"""Classifying chunks: heading, list item, interview turn, table row, caption, footnote…

Each test is a small predicate over one chunk (and, for headings, its neighbours); the
first that holds names the chunk's kind. Everything else is running text.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from reader.core.profiles import Profile
from reader.parse.inline import superscript_label
from reader.repair.chunks import Chunk
from reader.repair.paragraphs import ends_sentence

BULLET = re.compile(r"^(?:[•▪●◦‣]|-)\s+")
LETTERED = re.compile(r"^(?:-\s+)?\(([a-z])\)\s+")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+")
CAPTION = re.compile(r"^(?:Chart|Table|Figure|Fig\.)\s+(\d+)\b")
SOURCE = re.compile(r"^Sources?:\s")
MD_HEADING = re.compile(r"^(#{1,6})\s+")
CONTENTS_LINE = re.compile(r"^(?P<title>.+?)\t+(?P<page>\d+)$")
TURN = re.compile(r"^- ")
HEADING_MAX = 80
#: The kinds a chunk's first line names, first match wins: the profile switch a test
#: needs ("" for none), the pattern, the kind.
FIRST_LINE_KINDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("", CAPTION, "caption"),
    ("", SOURCE, "source"),
    ("markdown_headings", MD_HEADING, "heading"),
    ("interview", TURN, "turn"),
    ("", LETTERED, "lettered"),
    ("", BULLET, "bullet"),
    ("layout", NUMBERED, "numbered"),
)


def classify(chunks: Sequence[Chunk], profile: Profile) -> list[Chunk]:
    """Give every chunk its kind, in order."""
    width = column_width(chunks) if profile.hard_wrapped else 0
    out: list[Chunk] = []
    for i, chunk in enumerate(chunks):
        previous = out[-1] if out else None
        following = chunks[i + 1] if i + 1 < len(chunks) else None
        out.append(chunk.with_kind(_kind(chunk, previous, following, profile, width)))
    return _group_rows_in_tables(out)


def _kind(
    chunk: Chunk, previous: Chunk | None, following: Chunk | None, profile: Profile, width: int
) -> str:
    first = chunk.lines[0]
    if profile.footnote_blocks and superscript_label(first):
        return "footnote"
    if all(CONTENTS_LINE.match(line) for line in chunk.lines) and len(chunk.lines) > 1:
        return "contents"
    if all("\t" in line for line in chunk.lines):
        return "table"
    for switch, pattern, kind in FIRST_LINE_KINDS:
        if (not switch or getattr(profile, switch)) and pattern.match(first):
            return kind
    if profile.interview:
        return "text"
    if width and is_wrapped_heading(chunk, width):
        return "heading"
    if not width and not profile.markdown_headings and is_short_heading(chunk, previous, following):
        return "heading"
    return "text"


def column_width(chunks: Sequence[Chunk]) -> int:
    """The typical line length of hard-wrapped text (median of multi-line chunks)."""
    lengths = [len(line) for c in chunks if len(c.lines) >= 3 for line in c.lines]
    return int(statistics.median(lengths)) if lengths else 0


def is_wrapped_heading(chunk: Chunk, width: int) -> bool:
    """A heading in hard-wrapped text: at most three lines, all well short of the
    column, starting with a capital and not ending like a clause."""
    text = " ".join(chunk.lines)
    return (
        len(chunk.lines) <= 3
        and all(len(line) <= 0.75 * width for line in chunk.lines)
        and text[:1].isupper()
        and text.rstrip()[-1:] not in ".,;"
    )


def is_short_heading(chunk: Chunk, previous: Chunk | None, following: Chunk | None) -> bool:
    """A one-line heading in running text: short, capitalised, unpunctuated, after a
    finished paragraph and before more text."""
    text = chunk.lines[0]
    return (
        len(chunk.lines) == 1
        and len(text) <= HEADING_MAX
        and text[:1].isupper()
        and text.rstrip()[-1:] not in '.,;:!”"’'
        and following is not None
        and (previous is None or previous.kind != "text" or ends_sentence(previous.lines[-1]))
    )


def _group_rows_in_tables(chunks: list[Chunk]) -> list[Chunk]:
    """An all-capitals heading-like line between table chunks is a table group row."""
    out = list(chunks)
    for i, chunk in enumerate(out):
        if chunk.kind not in ("heading", "text") or len(chunk.lines) != 1:
            continue
        line = chunk.lines[0]
        if not line.isupper() or len(line) > HEADING_MAX:
            continue
        before = next((c for c in reversed(out[:i]) if c.kind != "footnote"), None)
        after = next((c for c in out[i + 1 :] if c.kind != "footnote"), None)
        if (
            before is not None
            and before.kind == "table"
            and after is not None
            and (after.kind == "table")
        ):
            out[i] = chunk.with_kind("table")
    return out
