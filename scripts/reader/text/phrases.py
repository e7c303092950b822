"""Whole-word, case-insensitive search for any of a set of phrases, with a quick refusal.

The related-passages pass looks for every glossary entry's paraphrases in every unit
(:func:`reader.passes.related_score.concept_ids`): one regular expression per entry,
searched in each unit, and most units hold none of them. :class:`PhraseSearch` first
asks whether the text, lower-cased, holds every word of one of the phrases (``str``'s
substring search); only then does it run the expression, whose answer it gives. The
refusal never says no where the expression would say yes:

- a phrase of ASCII characters matches, under ``re.IGNORECASE``, only characters whose
  lower case is the phrase's, except four letters of other scripts that ``re`` folds onto
  ASCII ones (:data:`FOLDED_ONTO_ASCII`: İ and ı onto i, ſ onto s, the Kelvin sign onto
  k); a text with one of them is not refused (``tests/test_phrases.py`` finds exactly
  those four by trying every character of Unicode against each ASCII letter);
- a set with a phrase of other characters is never refused.

>>> PhraseSearch.of(["use of force"]).search("the Use of\\nforce, again")
True
>>> PhraseSearch.of(["use of force"]).search("of no use; a forced move")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: The letters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter.
FOLDED_ONTO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDED = re.compile(f"[{FOLDED_ONTO_ASCII}]")


@dataclass(frozen=True)
class PhraseSearch:
    """Any of some phrases as whole words, case-insensitive, a space matching any run of
    white space; with each phrase's words lower-cased (None: a phrase outside ASCII)."""

    pattern: re.Pattern[str]
    words: tuple[tuple[str, ...], ...] | None

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseSearch:
        """The search for ``phrases``."""
        phrases = tuple(phrases)
        alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        plain = all(p.isascii() for p in phrases)
        return cls(pattern, tuple(tuple(p.lower().split(" ")) for p in phrases) if plain else None)

    def search(self, text: str, lowered: str | None = None) -> bool:
        """Whether one of the phrases occurs in ``text``; ``lowered``: :func:`lowered_for`
        of ``text``, when several searches share it."""
        lowered = lowered_for(text) if lowered is None else lowered
        if lowered and self.words is not None and not self._may_occur(lowered):
            return False
        return self.pattern.search(text) is not None

    def _may_occur(self, lowered: str) -> bool:
        """Whether every word of one phrase is in the lower-cased text."""
        return any(all(word in lowered for word in words) for words in self.words or ())


def lowered_for(text: str) -> str:
    """``text`` lower-cased for the quick refusal, or "" (no refusal) when it holds a
    letter that ``re`` folds onto an ASCII one."""
    return "" if _FOLDED.search(text) else text.lower()
