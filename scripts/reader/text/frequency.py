"""English word frequencies on wordfreq's Zipf scale, read from a table made at install.

Importing wordfreq (with langcodes, regex, ftfy, msgpack) and loading its English list of
321,180 words costs a build from scratch about 0.3 s of CPU, for a few thousand
look-ups. ``make setup`` therefore writes the list once into the virtual environment
(:mod:`reader.text.frequency_table`, an SQLite file under ``<venv>/share/``, named by
wordfreq's version), as the interpreter writes its ``.pyc`` files at install: an
artifact of the installed packages, not of a build, and no build writes it.

:func:`table_zipf` answers from that table exactly what ``wordfreq.zipf_frequency(word,
"en")`` answers, for the words whose tokenisation it can reproduce without wordfreq's
tokeniser: Latin letters (ASCII and Latin-1), in parts joined by single hyphens. For
English, wordfreq case-folds such a word, splits it at each hyphen (a Unicode word
boundary) and changes nothing else (NFC leaves Latin-1 letters as they are; no
apostrophe, digit or other script is involved); the parts' frequencies are combined as
``1 / f = 1 / f1 + 1 / f2 + …`` and rounded as wordfreq rounds them, with the same float
operations. Any other word, or a missing table, gives None: the caller asks wordfreq
itself (:func:`reader.repair.hyphenation.zipf`). ``tests/test_frequency.py`` compares the
two on every word a build of the five texts asks and on words outside the table's reach.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import sys
from functools import lru_cache
from pathlib import Path

from reader.core.record import installed_versions

#: The table's layout; a new layout gets a new file name.
FORMAT = 1
#: wordfreq's ``zipf_to_freq(0.0)``: the frequency of a word it does not know (Zipf 0).
MINIMUM = 10**0.0 / 1e9
_LETTERS = "A-Za-zÀ-ÖØ-öø-ÿ"
#: The words :func:`table_zipf` tokenises as wordfreq does.
SIMPLE_WORD = re.compile(rf"[{_LETTERS}]+(?:-[{_LETTERS}]+)*")


def table_path(version: str, prefix: str | None = None) -> Path:
    """Where the table of wordfreq ``version``'s English list lives in an environment."""
    folder = Path(prefix or sys.prefix) / "share" / "soft-power-reader"
    return folder / f"wordfreq-{version}-en-{FORMAT}.sqlite3"


@lru_cache(maxsize=4)
def _connection(pid: int) -> sqlite3.Connection | None:
    """The table of the installed wordfreq, read-only; one per process (``pid``: a
    connection must not cross a fork), or None when there is none."""
    version = installed_versions().get("wordfreq")
    path = table_path(version) if version else None
    if path is None or not path.is_file():
        return None
    uri = f"{path.as_uri()}?mode=ro&immutable=1"  # replaced by a rename, never changed:
    return sqlite3.connect(uri, uri=True, check_same_thread=False)  # no locks to take


def table_zipf(word: str) -> float | None:
    """``wordfreq.zipf_frequency(word, "en")``, from the table; None when the table is
    absent or ``word`` is not a :data:`SIMPLE_WORD`.

    >>> table_zipf("one's") is None  # an apostrophe: wordfreq's tokeniser decides
    True
    """
    if not SIMPLE_WORD.fullmatch(word):
        return None
    table = _connection(os.getpid())
    if table is None:
        return None
    one_over = 0.0
    for token in word.casefold().split("-"):
        row = table.execute("SELECT freq FROM words WHERE word = ?", (token,)).fetchone()
        if row is None:
            return _zipf(MINIMUM)  # one part unknown: wordfreq returns the minimum
        one_over += 1.0 / row[0]
    return _zipf(_three_digits(max(1.0 / one_over, MINIMUM)))


def _three_digits(freq: float) -> float:
    """wordfreq's rounding of a combined frequency to three significant digits."""
    return round(freq, math.floor(-math.log(freq, 10)) + 3)


def _zipf(freq: float) -> float:
    """wordfreq's ``round(freq_to_zipf(freq), 2)``."""
    return round(math.log(freq, 10) + 9, 2)
