"""Choosing a profile from evidence in the text, for ``profile: auto`` (or none).

:func:`detect_profile` names the kind of extraction and says why; when the text cannot be
repaired safely (two columns side by side on each line, read across), it says so instead
of guessing, and names the declaration that would settle it.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass

from reader.repair.hyphenation import LINE_END_HYPHEN, LINE_START_WORD, zipf
from reader.repair.layout import read_layout
from reader.repair.page_furniture import find_page_furniture

_GAP = re.compile(r"\S( {3,})\S")
_MD = re.compile(r"^(?:#{1,6}\s|\*\*[^*]+\*\*)")
_NOTE = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
#: Words completed two lines down from which a text holds two columns read across.
INTERLEAVED_MIN = 3
#: Share of lines with a gap at the same place from which a text holds columns side by side.
SIDE_BY_SIDE = 0.3


@dataclass(frozen=True)
class Detection:
    """The profile chosen for a text, the evidence, and a reason to refuse it, if any."""

    profile: str
    evidence: str
    problem: str = ""
    line: int = 0  # the first source line showing the problem


def side_by_side(lines: list[str]) -> tuple[int, int]:
    """(lines with a wide gap at one shared position, first such line), for two columns
    laid side by side on each line.

    >>> side_by_side(["left col text   right col", "more left here  x", "and so on here   more"])
    (2, 1)
    """
    gaps: Counter = Counter()
    first: dict[int, int] = {}
    for n, line in enumerate(lines, start=1):
        for match in _GAP.finditer(line.rstrip()):
            at = match.end(1) // 4
            gaps[at] += 1
            first.setdefault(at, n)
    if not gaps:
        return 0, 0
    at, count = gaps.most_common(1)[0]
    count += gaps.get(at - 1, 0) + gaps.get(at + 1, 0)
    return count, first[at]


def interleaved(lines: list[str]) -> tuple[int, int, int]:
    """(words broken at a line end that the line after next completes, those the next
    line completes, the first line of the former): two columns read across, line by
    line, continue each other's words two lines down.

    >>> interleaved(["the coun-", "Each of", "tries of", "them is"])
    (1, 0, 1)
    """
    crossed = straight = first = 0
    for n in range(len(lines) - 2):
        end = LINE_END_HYPHEN.search(lines[n].rstrip())
        if not end:
            continue
        left = end.group("left").rsplit("-", 1)[-1]
        words = [LINE_START_WORD.match(lines[k].strip()) for k in (n + 1, n + 2)]
        joins = [bool(w) and zipf((left + w.group("right")).casefold()) > 0 for w in words]
        if joins[0]:
            straight += 1
        elif joins[1]:
            crossed += 1
            first = first or n + 1
    return crossed, straight, first


def detect_profile(text: str) -> Detection:
    """The kind of extraction ``text`` is, from its own evidence.

    >>> detect_profile("Title\\n\\n- Question?\\n\\n- Answer.\\n\\n- Next?\\n\\n- Yes.").profile
    'interview'
    """
    lines = text.split("\n")
    body = [line for line in lines if line.strip("\f").strip()]
    if not body:
        return Detection("default", "the text is empty")
    count, first = side_by_side(lines)
    if count >= 5 and count >= SIDE_BY_SIDE * len(body):
        return Detection(
            "pdf",
            f"two columns side by side: {count} of {len(body)} lines have a wide gap at "
            "the same place",
            problem="columns side by side on each line cannot be read in order safely",
            line=first,
        )
    crossed, straight, first = interleaved(lines)
    if crossed >= INTERLEAVED_MIN and crossed > straight:
        return Detection(
            "pdf",
            f"two columns interleaved line by line: {crossed} words broken at a line end "
            f"are completed two lines down, {straight} on the next line",
            problem="columns interleaved line by line cannot be read in order safely",
            line=first,
        )
    turns = sum(1 for line in body if line.startswith("- "))
    if turns >= 4 and turns >= 0.2 * len(body):
        return Detection("interview", f"{turns} lines open with '- ' (questions and answers)")
    markdown = sum(1 for line in body if _MD.match(line))
    if markdown >= 2:
        return Detection("markdown", f"{markdown} Markdown headings or bold labels")
    furniture = find_page_furniture(text)
    if furniture:
        return Detection(
            "pdf", f"{len(furniture)} page-furniture lines (running heads, page numbers)"
        )
    lengths = [len(line) for line in body]
    hyphens = sum(1 for line in body if _HYPHEN_END.search(line.rstrip()))
    layout = read_layout(text)
    if len(body) >= 10 and statistics.median(lengths) < 100 and (hyphens or layout.width):
        how = "indented first lines" if layout.indents_paragraphs else "blank lines"
        return Detection(
            "pdf",
            f"hard-wrapped at about {layout.width} characters, {hyphens} line-end hyphens, "
            f"paragraphs marked by {how}",
        )
    notes = sum(1 for line in body if _NOTE.match(line))
    if notes >= 3:
        return Detection("report", f"{notes} footnote lines in superscript digits")
    return Detection("default", "one paragraph per line or per blank-line-separated block")
