"""Which works of the bibliography a footnote names, by title.

A title of 25 characters or more is enough; a shorter one (at least two words and 12
characters) also needs the work's URL, an author's name or its year in the footnote.
Title candidates are the full title, the part before a colon or a parenthesis, and a
«quoted» name inside it (decrees), compared case-insensitively with quotes, dashes and
spaces normalised (:func:`fold`). :mod:`reader.passes.citations` annotates what it finds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from reader.inputs import csl
from reader.inputs.bibliography import Bibliography
from reader.text.folding import lower_each

STRONG_TITLE = 25
WEAK_TITLE = 12
_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
        "\t": " ",
        "\n": " ",
    }
)


def fold(text: str) -> str:
    """Case-fold and normalise quotes, dashes and spaces, one character for one."""
    return lower_each(text.translate(_FOLD))


@dataclass(frozen=True)
class WorkClues:
    """How a footnote may name one work of the bibliography, folded (see :func:`fold`)."""

    key: str
    titles: tuple[str, ...]  # phrases of the title, longest first
    clues: tuple[str, ...]  # authors' or editors' family names, year, web address


def title_candidates(title: str) -> list[str]:
    """Phrases by which a footnote may name a work, longest first."""
    title = csl.strip_braces(title)
    found = {title, title.split(": ")[0], title.split(" (")[0]}
    found.update(re.findall(r"«([^«»]+)»", title))
    found.update([c.rstrip("?!.") for c in found])  # markup may split off end punctuation
    return sorted(
        (c.strip() for c in found if len(c.strip()) >= WEAK_TITLE and len(c.split()) >= 2),
        key=len,
        reverse=True,
    )


def _clues(entry_fields: dict[str, str], names: list[dict[str, str]]) -> list[str]:
    clues = [n.get("family") or n.get("literal", "") for n in names]
    clues.append(csl.strip_braces(entry_fields.get("year", entry_fields.get("date", "")))[:4])
    url = csl.strip_braces(entry_fields.get("url", ""))
    clues.append(re.sub(r"^https?://(www\.)?", "", url).rstrip("/"))
    return [fold(c) for c in clues if c]


def work_clues(bib: Bibliography) -> list[WorkClues]:
    """What :func:`detect_works` looks for, for every work of ``bib``, in its order."""
    works = []
    for key in bib:
        fields = bib.entry(key).field_map
        has_names = "author" in fields or "editor" in fields
        names = csl.parse_names(fields.get("author", fields.get("editor", ""))) if has_names else []
        titles = tuple(fold(c) for c in title_candidates(fields.get("title", "")))
        works.append(WorkClues(key, titles, tuple(_clues(fields, names))))
    return works


class WorkIndex:
    """:func:`work_clues` with an automaton of every title phrase (pyahocorasick), so a
    footnote is scanned once for all the works instead of once per work: a corpus with
    many texts has as many bibliography entries, and one scan per entry per footnote
    grew with the square of the corpus."""

    def __init__(self, works: Sequence[WorkClues]) -> None:
        self.works = tuple(works)
        self._automaton: Any = ahocorasick.Automaton()
        phrases: dict[str, list[int]] = {}
        for index, work in enumerate(self.works):
            for title in work.titles:
                phrases.setdefault(title, []).append(index)
        for title, indices in phrases.items():
            self._automaton.add_word(title, (title, tuple(indices)))
        self._empty = not phrases
        if phrases:
            self._automaton.make_automaton()

    def candidates(self, folded: str) -> tuple[list[WorkClues], set[str]]:
        """The works one of whose title phrases occurs in ``folded`` (in bibliography
        order), and every phrase that occurs."""
        if self._empty:
            return [], set()
        found: set[str] = set()
        indices: set[int] = set()
        for _, (title, which) in self._automaton.iter(folded):
            found.add(title)
            indices.update(which)
        return [self.works[i] for i in sorted(indices)], found


@functools.lru_cache(maxsize=2)
def work_index(bib: Bibliography) -> WorkIndex:
    """The :class:`WorkIndex` of a bibliography, made once per bibliography (by identity)."""
    return WorkIndex(work_clues(bib))


def detect_works(
    text: str, bib: Bibliography, works: Sequence[WorkClues] | WorkIndex | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """The works a footnote's text names: ``(key, matching title phrases, folded)``.

    ``works`` is :func:`work_clues` of ``bib`` or its :class:`WorkIndex`, computed here
    unless given: a pass over many footnotes computes it once."""
    folded = fold(text)
    if not isinstance(works, WorkIndex):
        works = WorkIndex(work_clues(bib) if works is None else works)
    candidates, occurring = works.candidates(folded)
    found = []
    for work in candidates:
        needles = tuple(t for t in work.titles if t in occurring)
        if needles and (len(needles[0]) >= STRONG_TITLE or any(c in folded for c in work.clues)):
            found.append((work.key, needles))
    return found
