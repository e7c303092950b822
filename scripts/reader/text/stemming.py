"""Words to comparable features: tokens, stop-words and a small Porter stemmer.

The related-passages pass (:mod:`reader.passes.related`) compares paragraphs by the words
they share. "Compatriots" and "compatriot", "integration" and "integrating" must count as
one word, so each token is reduced to a stem by :func:`stem`, an implementation of Martin
Porter's 1980 suffix-stripping algorithm (steps 1a–5b, as published). It needs no data
and no download, and is deterministic; the examples in ``tests/test_related.py`` are the
ones in Porter's paper.

>>> [stem(w) for w in ("compatriots", "integration", "integrating", "attractiveness")]
['compatriot', 'integr', 'integr', 'attract']
"""

from __future__ import annotations

import functools
import re

#: Words too common to say anything about what a paragraph is about.
_STOP_TEXT = """
    a about above after again against all almost also although always am among an and
    another any anyone anything are around as at be because been before being below
    between both but by can cannot could did do does doing done down during each either
    else enough etc even ever every far few for from further had has have having he her
    here hers herself him himself his how however i ie if in into is it its itself just
    least less let like made make makes many may me might more most much must my myself
    neither no nor not now of off often on once one only or other others otherwise our
    ours ourselves out over own per perhaps quite rather really same several shall she
    should since so some something still such than that the their theirs them themselves
    then there therefore these they this those though through thus to too toward towards
    under until up upon us very via was we well were what whatever when where whether
    which while who whom whose why will with within without would yes yet you your yours
    yourself yourselves e g s t d ll re ve
    """
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_VOWELS = frozenset("aeiou")


def tokens(text: str) -> list[str]:
    """The lower-case words of ``text`` (letters only; possessive ’s dropped; hyphenated
    words split into their parts).

    >>> tokens("Russia’s post-Soviet neighbours, 2015")
    ['russia', 'post', 'soviet', 'neighbours']
    """
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        out.append(word.replace("'", ""))
    return out


def content_stems(text: str) -> list[str]:
    """The stems of the words of ``text`` that are not stop-words and have 3+ letters."""
    return [stem(w) for w in tokens(text) if len(w) > 2 and w not in STOP_WORDS]


# --------------------------------------------------------------------------- Porter


def _is_consonant(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem_: str) -> int:
    """Porter's m: the number of vowel–consonant sequences in ``stem_``."""
    m, previous_vowel = 0, False
    for i in range(len(stem_)):
        consonant = _is_consonant(stem_, i)
        if consonant and previous_vowel:
            m += 1
        previous_vowel = not consonant
    return m


def _has_vowel(stem_: str) -> bool:
    return any(not _is_consonant(stem_, i) for i in range(len(stem_)))


def _double_consonant(word: str) -> bool:
    return len(word) > 1 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Ends consonant–vowel–consonant, the last not w, x or y (e.g. -hop, -fil)."""
    if len(word) < 3:
        return False
    return (
        _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


def _replace(word: str, rules: tuple[tuple[str, str], ...], min_m: int) -> str:
    for suffix, replacement in rules:
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            return base + replacement if _measure(base) > min_m else word
    return word


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _step1(word: str) -> str:
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    return word


def _step4(word: str) -> str:
    for suffix in sorted(_STEP4, key=len, reverse=True):
        if word.endswith(suffix):
            base = word[: len(word) - len(suffix)]
            if suffix == "ion" and not base.endswith(("s", "t")):
                return word
            return base if _measure(base) > 1 else word
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        base = word[:-1]
        m = _measure(base)
        if m > 1 or (m == 1 and not _cvc(base)):
            word = base
    if _measure(word) > 1 and _double_consonant(word) and word.endswith("l"):
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem of a lower-case English word (words of 1–2 letters unchanged).

    Cached: a corpus repeats its words, and the stem of a word never changes.

    >>> stem("caresses"), stem("hopping"), stem("relational"), stem("generalizations")
    ('caress', 'hop', 'relat', 'gener')
    """
    if len(word) <= 2:
        return word
    word = _step1(word)
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    word = _step4(word)
    return _step5(word)
