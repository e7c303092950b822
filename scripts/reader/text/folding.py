"""Folding: text as term matching sees it, one character for one character.

Quotes are made straight, white space becomes a space and, unless a match is case
sensitive, letters are lower-cased. :func:`fold_char`, :func:`fold_text` and
:func:`lower_each` keep each position in its place, so a match in the folded text is a
match at the same offsets in the original; :func:`fold_key` also collapses runs of white
space, for comparing spellings. Used by the glossary (its keys and its matcher), the
citation pass and anchoring by quotation.
"""

from __future__ import annotations

import functools
import re

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "ʼ": "'", "′": "'", "“": '"', "”": '"'})
_QUOTES_MORE = str.maketrans({"„": '"', "‟": '"', "″": '"', "«": '"', "»": '"', "‐": "-"})


def fold_char(ch: str, *, case: bool = True) -> str:
    """One character as matching sees it: quotes made straight, whitespace a space and,
    when ``case``, lower case. Always returns exactly one character."""
    if ch.isspace():
        return " "
    ch = ch.translate(_QUOTES).translate(_QUOTES_MORE).replace("‑", "-")
    if case:
        lower = ch.lower()
        if len(lower) == 1:
            return lower
    return ch


_WHITESPACE = re.compile(r"\s")  # the characters str.isspace() accepts


def lower_each(text: str) -> str:
    """``text`` lower-cased one character for one, as ``str.lower`` does each character on
    its own: a character whose lower case is longer (the dotted capital I) stays as it
    is, and a capital sigma is σ even at a word's end, so every position keeps its place.

    >>> lower_each("İSTANBUL ΟΔΟΣ")
    'İstanbul οδοσ'
    """
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_text(text: str, *, case: bool = True) -> str:
    """:func:`fold_char` of every character of ``text``, done on the whole string at
    once (the glossary scans every paragraph this way: a call per character was most of
    its time)."""
    folded = text.translate(fold_table())
    return lower_each(folded) if case else folded


@functools.cache
def fold_table() -> dict[int, str]:
    """:func:`fold_char` with ``case=False`` as one ``str.translate`` table: every white
    space character (those of the Basic Multilingual Plane that ``\\s`` matches, as
    ``str.isspace`` accepts them; there are none beyond it) a space, and the quotes and
    the non-breaking hyphen made straight."""
    every = "".join(map(chr, range(0x10000)))
    table = {**_QUOTES, **_QUOTES_MORE, ord("‑"): "-"}
    table.update((ord(ch), " ") for ch in _WHITESPACE.findall(every))
    return table


def fold_key(text: str, *, case: bool = True) -> str:
    """A spelling as matching sees it: :func:`fold_char` per character, whitespace runs
    collapsed to one space.

    >>> fold_key("Russia’s  Soft power")
    "russia's soft power"
    """
    return re.sub(" {2,}", " ", fold_text(text, case=case))
