"""Term matching: every spelling of every glossary entry found in one scan of a text.

The spellings, folded by :func:`reader.text.folding.fold_key`, go into one Aho–Corasick
automaton (pyahocorasick), so a text is scanned once, in time linear in its length
whatever the size of the glossary. The rules are ours: the text is folded the same way
(quotes straight, case folded, a run of white space one space) with every match mapped
back to its place in the original; of overlapping candidates the leftmost wins, then the
longest ("Russian soft power" over "soft power"); a candidate must start and end at word
boundaries, must not sit inside a web or mail address, and a ``case_sensitive`` entry
must match its spelling exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import ahocorasick

from reader.text.folding import fold_key, fold_text


class Term(Protocol):
    """What the matcher needs of a glossary entry."""

    @property
    def id(self) -> str: ...

    @property
    def keys(self) -> tuple[str, ...]: ...

    @property
    def case_sensitive(self) -> bool: ...


T = TypeVar("T", bound=Term)


#: Web and mail addresses written as plain text; no term is annotated inside one.
URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+", re.I)


@dataclass(frozen=True)
class Match(Generic[T]):
    """A term found in a string: ``text[start:end]`` is a spelling of ``entry``."""

    start: int
    end: int
    entry: T


@dataclass
class ScanStats:
    """Work done by :meth:`TermMatcher.find`: characters scanned, candidates examined."""

    chars: int = 0
    outputs: int = 0


def _is_word(ch: str) -> bool:
    return ch.isalpha() or ch.isdecimal()


class TermMatcher(Generic[T]):
    """An Aho–Corasick automaton over the folded spellings of glossary entries."""

    def __init__(self, terms: Iterable[T]):
        outputs: dict[str, list[tuple[int, T, str]]] = {}  # key -> (length, entry, spelling)
        for entry in terms:
            for spelling in entry.keys:
                key = fold_key(spelling)
                if key:
                    outputs.setdefault(key, []).append((len(key), entry, spelling))
        self._automaton = ahocorasick.Automaton()
        for key, found in outputs.items():
            self._automaton.add_word(key, tuple(found))
        self._automaton.make_automaton()

    def find(self, text: str, stats: ScanStats | None = None) -> list[Match[T]]:
        """Non-overlapping matches in ``text``, leftmost first, longest at each start."""
        stats = stats if stats is not None else ScanStats()
        stream, fed = _scanned(text)
        stats.chars += len(stream)
        if not len(self._automaton):
            return []
        in_url = _url_mask(text)
        longest: dict[int, Match[T]] = {}
        for last, found in self._automaton.iter(stream):
            end = fed[last] + 1
            for length, entry, spelling in found:
                stats.outputs += 1
                start = fed[last - length + 1]
                if not in_url[start] and self._accept(text, start, end, entry, spelling):
                    best = longest.get(start)
                    if best is None or best.end < end:
                        longest[start] = Match(start, end, entry)
        return _leftmost(longest)

    @staticmethod
    def _accept(text: str, start: int, end: int, entry: T, spelling: str) -> bool:
        if _is_word(spelling[0]) and start > 0 and _is_word(text[start - 1]):
            return False
        if _is_word(spelling[-1]) and end < len(text) and _is_word(text[end]):
            return False
        if entry.case_sensitive:
            return fold_key(text[start:end], case=False) == fold_key(spelling, case=False)
        return True


def _scanned(text: str) -> tuple[str, Sequence[int]]:
    """``text`` as the automaton reads it (folded, each run of white space one space) and,
    for each of its characters, the index of that character in ``text``.

    >>> _scanned("Soft  Power’s")
    ("soft power's", [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12])
    """
    folded = fold_text(text)
    if "  " not in folded:
        return folded, range(len(folded))
    fed = [i for i, ch in enumerate(folded) if ch != " " or i == 0 or folded[i - 1] != " "]
    return "".join(folded[i] for i in fed), fed


def _url_mask(text: str) -> bytearray:
    """1 for every character inside a web or mail address written as plain text."""
    mask = bytearray(len(text))
    for url in URL_RE.finditer(text):
        mask[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    return mask


def _leftmost(longest: dict[int, Match[T]]) -> list[Match[T]]:
    """The matches that overlap no earlier one, in order of their starts (the starts
    sorted, not every position of the text visited: a look-up per character was a fifth
    of each scan's time)."""
    chosen: list[Match[T]] = []
    end = 0
    for start in sorted(longest):
        if start >= end:
            match = longest[start]
            chosen.append(match)
            end = match.end
    return chosen
