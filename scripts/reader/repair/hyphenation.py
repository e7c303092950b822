"""End-of-line de-hyphenation decided from evidence, not from a list of words.

A word broken at a line end ("coun-" / "tries") must be joined, but a real compound that
happens to break at its hyphen ("post-" / "Soviet", "black-" / "and-white") must keep it.
:func:`decide` weighs two kinds of evidence, in order:

1. the corpus itself: how often the joined form and the hyphenated form occur, on one
   line, anywhere in the five texts (``Lexicon.corpus``);
2. a word-frequency source (wordfreq's English list): the joined word wins unless it is
   unknown or much rarer (by :data:`ZIPF_MARGIN`) than the hyphenated compound; when
   neither form is known, the hyphen stays only if both fragments are words in their own
   right ("black" / "and-white"), since a break inside a word leaves a fragment
   ("soli" / "darism").

Every decision records its evidence so ``reader explain`` can show why.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from reader.text.frequency import table_zipf

#: A line that ends in a word fragment followed by a hyphen.
LINE_END_HYPHEN = re.compile(r"(?P<left>\d*[^\W\d_][\w’'-]*)-$")
#: The word at the start of the next line (letters, possibly with inner hyphens).
LINE_START_WORD = re.compile(r"^(?P<right>[^\W\d_][\w’'-]*)")
#: How much rarer (in Zipf units) a joined word may be than the hyphenated compound.
ZIPF_MARGIN = 1.0
#: The Zipf frequency from which a fragment counts as a word in its own right.
WORD_ZIPF = 3.0
#: Words after which a line-end hyphen is suspended ("oil- and gas-producing").
SUSPENDING = frozenset({"and", "or", "nor", "to"})
_WORD_ON_LINE = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale; 0 if unknown): from the
    table made at install (:mod:`reader.text.frequency`) where it can answer, else from
    wordfreq, imported only then (a build of the five texts never needs it)."""
    found = table_zipf(word)
    if found is not None:
        return found
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


_zipf = zipf


@dataclass(frozen=True)
class Lexicon:
    """Word counts of the corpus (lower-cased, hyphenated compounds kept whole)."""

    corpus: Counter = field(default_factory=Counter, hash=False, compare=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Lexicon:
        """Count the words of every line of every text, hyphenated forms included.

        A hyphen at a line end is not counted as part of a word: it is what we decide.
        """
        counts: Counter = Counter()
        for text in texts:
            for line in text.split("\n"):
                line = line.rstrip()
                if line.endswith("-"):
                    line = line[:-1]
                for word in _WORD_ON_LINE.findall(line):
                    counts[word.casefold()] += 1
        return cls(counts)

    def count(self, word: str) -> int:
        """How often ``word`` occurs on one line in the corpus (case-insensitive)."""
        return self.corpus.get(word.casefold(), 0)


@dataclass(frozen=True)
class Decision:
    """What to do with ``left-`` at a line end followed by ``right``, and why."""

    left: str
    right: str
    join: bool
    evidence: str
    suspended: bool = False  # "oil- and gas-producing": the hyphen stands before a space

    @property
    def result(self) -> str:
        """The repaired word."""
        if self.suspended:
            return f"{self.left}- {self.right}"
        return self.left + self.right if self.join else f"{self.left}-{self.right}"


def _forms(left: str, right: str) -> tuple[str, str, str, str]:
    """The fragments around the break, joined and hyphenated."""
    head = left.rsplit("-", 1)[-1]
    tail = right.split("-", 1)[0]
    return head, tail, head + tail, f"{head}-{tail}"


def corpus_counts(left: str, right: str, lexicon: Lexicon) -> tuple[int, int, int]:
    """Every part of the lexicon :func:`decide` weighs for a break: how often the fragments
    run together occur (before a suspending word such as "and"), and how often the
    joined and the hyphenated form occur. Equal counts give an equal decision (the rest
    of the evidence does not depend on the corpus), which lets a build keep a cached
    parse; keep this in step with :func:`decide`."""
    _, _, joined, hyphenated = _forms(left, right)
    together = lexicon.count(left + right) if right.casefold() in SUSPENDING else -1
    return together, lexicon.count(joined), lexicon.count(hyphenated)


def decide(left: str, right: str, lexicon: Lexicon) -> Decision:
    """Join ``left`` and ``right`` or keep the hyphen, on the evidence available.

    Only the fragments around the break are weighed: in "state-cen-" / "tric" the
    question is "cen" + "tric".

    >>> decide("coun", "tries", Lexicon()).result
    'countries'
    >>> decide("post", "Soviet", Lexicon()).result
    'post-Soviet'
    >>> decide("oil", "and", Lexicon()).result
    'oil- and'
    """
    if right.casefold() in SUSPENDING and _is_not_a_word(left + right, lexicon):
        return Decision(left, right, False, f"a suspended hyphen before '{right}'", True)
    head, tail, joined, hyphenated = _forms(left, right)
    n_joined, n_hyphenated = lexicon.count(joined), lexicon.count(hyphenated)
    if n_joined != n_hyphenated:
        join = n_joined > n_hyphenated
        return Decision(
            left, right, join, f"corpus: '{joined}' ×{n_joined}, '{hyphenated}' ×{n_hyphenated}"
        )
    z_joined, z_hyphenated = _zipf(joined), _zipf(hyphenated)
    evidence = f"word frequency: '{joined}' {z_joined:.2f}, '{hyphenated}' {z_hyphenated:.2f}"
    if z_joined > 0 or z_hyphenated > 0:
        join = z_joined > 0 and z_joined >= z_hyphenated - ZIPF_MARGIN
        return Decision(left, right, join, evidence)
    both_words = _zipf(head) >= WORD_ZIPF and _zipf(tail) >= WORD_ZIPF
    return Decision(
        left,
        right,
        not both_words,
        evidence + f"; fragments are {'both' if both_words else 'not both'} words",
    )


def _is_not_a_word(word: str, lexicon: Lexicon) -> bool:
    return not lexicon.count(word) and _zipf(word) < WORD_ZIPF


def split_at_break(line: str, next_line: str) -> tuple[str, str] | None:
    """The fragments around a line-end hyphen, or None if the lines do not break a word."""
    if "-" not in line[-2:]:  # no hyphen at the end ($ allows a final newline after it)
        return None  # (most lines: the search below would scan the whole line first)
    end = LINE_END_HYPHEN.search(line)
    start = LINE_START_WORD.match(next_line)
    if not end or not start:
        return None
    if end.start() > 0 and line[end.start() - 1] not in " “‘\"'([—–/":
        return None
    return end.group("left"), start.group("right")


def join_lines(
    line: str, next_line: str, lexicon: Lexicon, sep: str = " "
) -> tuple[str, Decision | None]:
    """Join two lines, repairing a hyphenated break between them if there is one."""
    parts = split_at_break(line, next_line)
    if parts is None:
        return f"{line}{sep}{next_line}", None
    left, right = parts
    decision = decide(left, right, lexicon)
    head = line[: len(line) - len(left) - 1]
    return head + decision.result + next_line[len(right) :], decision
