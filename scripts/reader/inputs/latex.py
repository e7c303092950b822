"""LaTeX in references.bib, decoded to Unicode wherever a field is shown.

``Makarych\\'ev`` in a BibTeX field is ``Makarychév`` on the page, in the cite dialog,
in the citation meta tags and in the CSL-JSON: bibtexparser's own LaTeX decoding
middleware (pylatexenc) does it when the file is parsed, so every later use sees the
characters.
"""

from __future__ import annotations

from bibtexparser import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from bibtexparser.model import Block, Entry

#: Fields that are identifiers or addresses, copied as they are (a ``%`` in a URL is no
#: LaTeX comment).
VERBATIM_FIELDS = frozenset({"url", "doi", "urldate", "file", "eprint", "isbn", "issn"})


class ShownLatexDecoding(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding (``Makarych\\'ev`` → ``Makarychév``, ``\\&`` → ``&``)
    for every field that is shown, keeping braces (they protect case, see
    :func:`reader.inputs.csl.protect_case`). Only values with a LaTeX command (a
    backslash) are decoded, and identifiers (:data:`VERBATIM_FIELDS`) never are."""

    def __init__(self) -> None:
        super().__init__(keep_braced_groups=True)

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if "\\" not in python_string:
            return python_string, ""
        return super()._transform_python_value_string(python_string)

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        """Decode the shown fields of one entry."""
        kept = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS]
        values = [(f, f.value) for f in kept]
        block = super().transform_entry(entry, library)
        for field, value in values:
            field.value = value
        return block
