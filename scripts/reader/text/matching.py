"""Term matching: every spelling of every glossary entry found in one scan of a text.

Matching is one Aho–Corasick automaton over every spelling of every entry, folded by
:func:`reader.text.folding.fold_key`, so a text is scanned once, in time linear in its
length whatever the size of the glossary: each character costs at most one forward
transition plus failure transitions paid for by earlier forward ones (:class:`ScanStats`
counts them). Of overlapping candidates the leftmost wins, then the longest ("Russian soft
power" over "soft power"). A candidate must start and end at word boundaries, must not sit
inside a web or mail address, and a ``case_sensitive`` entry must match its spelling
exactly.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

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
    """Work done by :meth:`TermMatcher.find`: automaton transitions and outputs visited."""

    chars: int = 0
    transitions: int = 0
    outputs: int = 0


def _is_word(ch: str) -> bool:
    return ch.isalpha() or ch.isdecimal()


class TermMatcher(Generic[T]):
    """An Aho–Corasick automaton over the folded spellings of glossary entries."""

    def __init__(self, terms: Iterable[T]):
        self._goto: list[dict[str, int]] = [{}]
        self._fail: list[int] = [0]
        self._out: list[list[tuple[int, T, str]]] = [[]]  # (length, entry, spelling)
        self._next_out: list[int] = [0]  # nearest proper suffix state with outputs
        for entry in terms:
            for spelling in entry.keys:
                self._add(fold_key(spelling), entry, spelling)
        self._link()

    def _add(self, key: str, entry: T, spelling: str) -> None:
        state = 0
        for ch in key:
            nxt = self._goto[state].get(ch)
            if nxt is None:
                nxt = len(self._goto)
                self._goto.append({})
                self._fail.append(0)
                self._out.append([])
                self._next_out.append(0)
                self._goto[state][ch] = nxt
            state = nxt
        self._out[state].append((len(key), entry, spelling))

    def _link(self) -> None:
        queue = deque(self._goto[0].values())
        while queue:
            state = queue.popleft()
            for ch, child in self._goto[state].items():
                fail = self._fail[state]
                while fail and ch not in self._goto[fail]:
                    fail = self._fail[fail]
                target = self._goto[fail].get(ch, 0)
                self._fail[child] = 0 if target == child else target
                target = self._fail[child]
                self._next_out[child] = target if self._out[target] else self._next_out[target]
                queue.append(child)

    def find(self, text: str, stats: ScanStats | None = None) -> list[Match[T]]:
        """Non-overlapping matches in ``text``, leftmost first, longest at each start."""
        stats = stats if stats is not None else ScanStats()
        in_url = _url_mask(text)
        longest: dict[int, Match[T]] = {}
        fed: list[int] = []  # index in ``text`` of each character fed to the automaton
        state = 0
        for i, ch in enumerate(fold_text(text)):
            if ch == " " and fed and text[fed[-1]].isspace():
                continue  # a whitespace run is one space
            fed.append(i)
            stats.chars += 1
            while state and ch not in self._goto[state]:
                state = self._fail[state]
                stats.transitions += 1
            state = self._goto[state].get(ch, 0)
            stats.transitions += 1
            out = state if self._out[state] else self._next_out[state]
            while out:
                for length, entry, spelling in self._out[out]:
                    stats.outputs += 1
                    start = fed[len(fed) - length]
                    if not in_url[start] and self._accept(text, start, i + 1, entry, spelling):
                        best = longest.get(start)
                        if best is None or best.end < i + 1:
                            longest[start] = Match(start, i + 1, entry)
                out = self._next_out[out]
        return _leftmost(longest, len(text))

    @staticmethod
    def _accept(text: str, start: int, end: int, entry: T, spelling: str) -> bool:
        if _is_word(spelling[0]) and start > 0 and _is_word(text[start - 1]):
            return False
        if _is_word(spelling[-1]) and end < len(text) and _is_word(text[end]):
            return False
        if entry.case_sensitive:
            return fold_key(text[start:end], case=False) == fold_key(spelling, case=False)
        return True


def _url_mask(text: str) -> bytearray:
    """1 for every character inside a web or mail address written as plain text."""
    mask = bytearray(len(text))
    for url in URL_RE.finditer(text):
        mask[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    return mask


def _leftmost(longest: dict[int, Match[T]], size: int) -> list[Match[T]]:
    chosen: list[Match[T]] = []
    end = 0
    for start in range(size):
        match = longest.get(start)
        if match is not None and start >= end:
            chosen.append(match)
            end = match.end
    return chosen
