"""Character-level repairs: byte order marks, line endings, stray and doubled spaces.

Each rule is a ``str -> str`` function that changes no word, only the white space and
invisible characters around words.
"""

from __future__ import annotations

import re

_NBSP_RUN = re.compile(r"[ \u00a0\u2007\u202f]{2,}")
_TRAILING = re.compile(r"[ \u00a0\u2007\u202f]+$", re.MULTILINE)
_BLANKISH = re.compile(r"^[ \t\u00a0\u2007\u202f]+$", re.MULTILINE)


def strip_byte_order_mark(text: str) -> str:
    """Drop the byte order marks some extractors write at the start (one or several).

    >>> strip_byte_order_mark("\\ufeffTitle")
    'Title'
    """
    return text.lstrip("\ufeff")


def normalise_newlines(text: str) -> str:
    """Turn Windows (CRLF) and old Mac (CR) line endings into LF.

    >>> normalise_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def mark_furniture_lines(text: str) -> str:
    """Turn lines that hold only spaces (PDF page furniture) into a lone form feed.

    Such lines mark where a page ended; the chunker reads the form feed as a page break.

    >>> mark_furniture_lines("end.\\n \\n \\nNext")
    'end.\\n\\x0c\\n\\x0c\\nNext'
    """
    return _BLANKISH.sub("\f", text)


def strip_trailing_spaces(text: str) -> str:
    """Remove spaces at the ends of lines (Markdown hard breaks left by the extractor).

    >>> strip_trailing_spaces("Hard Questions:  \\nA Normative")
    'Hard Questions:\\nA Normative'
    """
    return _TRAILING.sub("", text)


def collapse_doubled_spaces(text: str) -> str:
    """Collapse runs of spaces (also no-break spaces) inside a line to one space.

    Leading spaces are left for :func:`strip_stray_leading_spaces`; tabs separate table
    cells and are kept.

    >>> collapse_doubled_spaces("the concept of  soft power")
    'the concept of soft power'
    """
    out = []
    for line in text.split("\n"):
        body = line.lstrip(" \u00a0")
        indent = line[: len(line) - len(body)]
        out.append(indent + _NBSP_RUN.sub(" ", body))
    return "\n".join(out)


def strip_stray_leading_spaces(text: str) -> str:
    """Remove spaces at the start of a line, except in tab-separated table rows.

    >>> strip_stray_leading_spaces(" public attitudes towards")
    'public attitudes towards'
    >>> strip_stray_leading_spaces(" EGYPT\\tCairo")
    ' EGYPT\\tCairo'
    """
    return "\n".join(line if "\t" in line else line.lstrip(" \u00a0") for line in text.split("\n"))
