"""LaTeX in references.bib, decoded to Unicode wherever a field is shown.

``Makarych\\'ev`` in a BibTeX field is ``Makarychév`` on the page, in the cite dialog,
in the citation meta tags and in the CSL-JSON: bibtexparser's own LaTeX decoding
middleware (pylatexenc) does it when the file is parsed, so every later use sees the
characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bibtexparser import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.model import Block, Entry, Field

#: Fields that are identifiers or addresses, copied as they are (a ``%`` in a URL is no
#: LaTeX comment).
VERBATIM_FIELDS = frozenset({"url", "doi", "urldate", "file", "eprint", "isbn", "issn"})
_COMMAND = re.compile(r"\\(?:[A-Za-z@]+|.)")  # \textit, \', \&: names, not words
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Lost:
    """Words of a field's BibTeX that its decoded value does not show."""

    key: str  # the entry's key
    field: str
    line: int  # 1-based, the field's first line
    words: tuple[str, ...]


def _letters(text: str) -> str:
    """The letters of ``text``, case and accents folded (``Makarychév`` → ``makarychev``)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalpha() and not unicodedata.combining(c))


def lost_words(raw: str, shown: str) -> tuple[str, ...]:
    """The words of ``raw`` (LaTeX, command names left out) that ``shown`` lacks, in
    order: ``\\input{x}`` or a bare ``%`` (a LaTeX comment) would drop them unseen."""
    have, at, lost = _letters(shown), 0, []
    for word in _WORD.findall(_COMMAND.sub(" ", raw)):
        letters = _letters(word)
        found = have.find(letters, at)
        if found < 0:
            lost.append(word)
        else:
            at = found + len(letters)
    return tuple(lost)


class ShownLatexDecoding(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding (``Makarych\\'ev`` → ``Makarychév``, ``\\&`` → ``&``)
    for every field that is shown, keeping braces (they protect case, see
    :func:`reader.inputs.csl.protect_case`). Only values with a LaTeX command (a
    backslash) are decoded, and identifiers (:data:`VERBATIM_FIELDS`) never are. Words
    the decoding drops are kept in :attr:`lost`, for the loader to refuse (B010)."""

    def __init__(self) -> None:
        super().__init__(keep_braced_groups=True)
        self.lost: list[Lost] = []

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if "\\" not in python_string:
            return python_string, ""
        return super()._transform_python_value_string(python_string)

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        """Decode the shown fields of one entry."""
        kept = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS]
        values = [(f, f.value) for f in kept]
        raw = [(f, f.key, f.value) for f in entry.fields if f not in kept]
        block = super().transform_entry(entry, library)
        if not isinstance(block, Entry):
            return block  # the decoder failed: a MiddlewareErrorBlock, refused as B011
        for field, value in values:
            field.value = value
        shown = {f.key: f.value for f in block.fields}
        for field, name, value in raw:
            words = lost_words(value, shown.get(name, "")) if isinstance(value, str) else ()
            if words:
                self.lost.append(Lost(entry.key, name, (field.start_line or 0) + 1, words))
        return block


def undecodable(entry: Entry) -> Field | None:
    """The first shown field of ``entry`` that the LaTeX decoder fails on (it fails on a
    command it cannot parse, such as ``\\href{…}{…}``), or None. (Its own reason, such
    as "list index out of range", would tell an editor nothing.)"""
    decoder = ShownLatexDecoding()
    for field in entry.fields:
        if field.key.lower() in VERBATIM_FIELDS or not isinstance(field.value, str):
            continue
        _, error = decoder._transform_python_value_string(field.value)
        if error:
            return field
    return None
