"""Words to comparable features: tokens, stop-words and a Snowball stemmer.

The related-passages pass (:mod:`reader.passes.related`) compares paragraphs by the words
they share. "Compatriots" and "compatriot", "integration" and "integrating" must count as
one word, so each token is reduced to a stem by :func:`stem`: the Snowball stemmer named
by :data:`ALGORITHM`, from PyStemmer (the C build of the reference Snowball algorithms,
pinned in ``pyproject.toml``). It needs no data and no download, and is deterministic.

>>> [stem(w) for w in ("compatriots", "integration", "integrating", "attractiveness")]
['compatriot', 'integr', 'integr', 'attract']
"""

from __future__ import annotations

import functools
import re

import Stemmer

#: The Snowball algorithm: "english" is Porter's revised algorithm (Porter2), "porter" his
#: 1980 one as he published it in Snowball. Chosen by ``make evaluate`` on the development
#: half of the gold list: with "english" the tuned method reaches the target precision
#: there, with "porter" (and with the hand-written Porter stemmer it replaces) it does not.
ALGORITHM = "english"

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


def tokens(text: str) -> list[str]:
    """The lower-case words of ``text`` (letters only; possessive ’s dropped; hyphenated
    words split into their parts).

    >>> tokens("Russia’s post-Soviet neighbours, 2015")
    ['russia', 'post', 'soviet', 'neighbours']
    """
    out = []
    for word in _TOKEN.findall(text):  # the whole matches: the pattern captures no group
        word = word.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        out.append(word.replace("'", ""))
    return out


def content_stems(text: str) -> list[str]:
    """The stems of the words of ``text`` that are not stop-words and have 3+ letters."""
    return [stem(w) for w in tokens(text) if len(w) > 2 and w not in STOP_WORDS]


@functools.cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem (:data:`ALGORITHM`) of a lower-case English word.

    Cached: a corpus repeats its words, and the stem of a word never changes.

    >>> stem("caresses"), stem("hopping"), stem("relational"), stem("generalizations")
    ('caress', 'hop', 'relat', 'general')
    """
    return _stemmer(ALGORITHM).stemWord(word)
