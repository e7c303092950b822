"""Wrapping clean paragraphs into lines, hyphenating by syllable with a real dictionary.

Lines are filled greedily to a column width. A word that does not fit is broken at the
last syllable boundary (pyphen's en_US patterns) or real hyphen that fits; every break is
recorded with its truth: a syllable break must be joined, a compound's hyphen kept.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

#: Leading and trailing punctuation around a word's letters.
_CORE = re.compile(r"^(?P<pre>[^\w]*)(?P<core>.*?\w)(?P<post>[^\w]*)$")


@dataclass(frozen=True)
class Break:
    """A line-end hyphen the simulator made: the fragments either side and the truth."""

    left: str
    right: str
    join: bool


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def break_points(word: str) -> list[tuple[int, bool]]:
    """Where ``word`` may break at a line end: (index after the hyphen, join?).

    Syllable boundaries (pyphen) inside letter runs join; a real hyphen between letters
    is kept.

    >>> break_points("post-Soviet")
    [(5, False), (7, True), (9, True)]
    """
    match = _CORE.match(word)
    if not match:
        return []
    offset = len(match.group("pre"))
    core = match.group("core")
    points: list[tuple[int, bool]] = []
    start = 0
    for part in re.split(r"(-)", core):
        if part == "-":
            if (
                0 < start < len(core) - 1
                and core[start - 1].isalpha()
                and core[start + 1].isalpha()
            ):
                points.append((offset + start + 1, False))
        elif part.isalpha() and len(part) >= 5:
            for pos in _dictionary().positions(part):
                points.append((offset + start + pos, True))
        start += len(part)
    return sorted(points)


def wrap(
    text: str,
    width: int,
    rng: random.Random,
    *,
    first: str = "",
    rest: str = "",
    hyphenate: bool = True,
) -> tuple[list[str], list[Break]]:
    """Wrap ``text`` into lines of at most ``width`` characters (indents included)."""
    lines: list[str] = []
    breaks: list[Break] = []
    line = first
    empty = True
    for word in text.split():
        while True:
            candidate = word if empty else f"{line} {word}"
            if empty:
                candidate = line + word
            if len(candidate) <= width or (empty and not hyphenate):
                line, empty = candidate, False
                break
            cut = _fitting_break(line, word, width, empty) if hyphenate else None
            if cut is not None:
                at, join = cut
                head = word[:at] if not join else word[:at] + "-"
                lines.append((line + head) if empty else f"{line} {head}")
                breaks.append(Break(word[:at].rstrip("-"), word[at:], join))
                word = word[at:]
            elif empty:
                line, empty = line + word, False
                break
            else:
                lines.append(line)
            line, empty = rest, True
    if not empty:
        lines.append(line)
    return lines, breaks


def _fitting_break(line: str, word: str, width: int, empty: bool) -> tuple[int, bool] | None:
    room = width - len(line) - (0 if empty else 1)
    fitting = [(at, join) for at, join in break_points(word) if at + (1 if join else 0) <= room]
    return fitting[-1] if fitting else None
