"""Checking the ledger of removed lines: a furniture rule may not hide a real line.

The conservation check takes the furniture lines a rule removed off the expected words;
so that a rule cannot make a lost line pass by declaring it furniture, each ledger
entry must be the source's line, word for word, and must read as furniture on its own
terms, judged here without the rule's code: a page number (digits, perhaps "page" or
"of", roman numerals), a line whose letters recur in another removed line, or the
title repeated.
"""

from __future__ import annotations

import re
import unicodedata

from reader.core.diagnostics import Diagnostic

_FOLIO_WORDS = re.compile(r"\b(?:page|p|of|[ivxlc]+)\b", re.IGNORECASE)
#: Share of letter pairs two lines must have in common to be one head misread.
ALIKE = 0.7


def _letters(line: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", line).casefold() if ch.isalpha())


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def alike(a: str, b: str) -> bool:
    """Whether two lines' letters are the same text, give or take a misreading (Dice
    coefficient of letter pairs).

    >>> alike("Journal of Soft Power, Vol. 12", "Journa1 of Soft Pówer, Vol. 12")
    True
    >>> alike("Journal of Soft Power", "the policy of the state")
    False
    """
    x, y = _pairs(_letters(a)), _pairs(_letters(b))
    return bool(x and y) and 2 * len(x & y) / (len(x) + len(y)) >= ALIKE


def reads_as_furniture(line: str, others: list[str], title: str) -> bool:
    """Whether a removed line is a page number, recurs among the other removed lines,
    or repeats the title.

    >>> reads_as_furniture("— 12 —", [], "")
    True
    >>> reads_as_furniture("the policy of the state changed.", ["Journal"], "A Title")
    False
    """
    if any(ch.isdigit() for ch in line) and not _letters(_FOLIO_WORDS.sub("", line)):
        return True
    if len(_letters(line)) < 3:
        return False
    return any(alike(line, other) for other in others) or alike(line, title)


def check_ledger(corrected: str, furniture: dict[int, str], source: str) -> list[Diagnostic]:
    """One error for each removed line that is not the source's, or not furniture."""
    lines = corrected.split("\n")
    title = next((line for line in lines if line.strip()), "")
    problems = []
    for number, text in sorted(furniture.items()):
        actual = lines[number - 1] if 0 < number <= len(lines) else ""
        others = [t for n, t in furniture.items() if n != number]
        if actual != text:
            why = "is not the source's line"
        elif not reads_as_furniture(text, others, title):
            why = "does not read as page furniture (no page number, recurs nowhere)"
        else:
            continue
        problems.append(
            Diagnostic(
                "W004",
                f"line removed as page furniture {why}: {text.strip()[:80]!r}",
                source,
                number,
                hint="the furniture rule took a line of the text: declare the profile "
                "without page furniture in meta.yml, or report the rule's mistake",
            )
        )
    return problems
