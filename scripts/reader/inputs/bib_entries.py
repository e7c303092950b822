"""One entry of ``references.bib`` as the file has it, and what can be wrong with it.

The checks name the line of every bad key (B006), unknown type (B005), missing field
(B004), bad date (B007), address (B008) or DOI (B009), and of every block bibtexparser
could not read (B002 syntax, B003 duplicate key, B011 undecodable LaTeX) or whose words
LaTeX decoding would drop (B010). :mod:`reader.inputs.bibliography` runs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bibtexparser import Library
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)

from reader.core.diagnostics import Diagnostic
from reader.inputs import csl
from reader.inputs.latex import Lost, undecodable

KEY_RE = re.compile(r"^[a-z][a-z0-9]*$")

#: Required fields per entry type; "a|b" means either field will do.
REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal|journaltitle", "year|date"),
    "book": ("author|editor", "title", "publisher", "year|date"),
    "collection": ("editor", "title", "publisher", "year|date"),
    "inbook": ("author", "title", "booktitle", "publisher", "year|date"),
    "incollection": ("author", "title", "booktitle", "publisher", "year|date"),
    "inproceedings": ("author", "title", "booktitle", "year|date"),
    "report": ("title", "institution", "year|date"),
    "techreport": ("title", "institution", "year|date"),
    "thesis": ("author", "title", "school|institution", "year|date"),
    "phdthesis": ("author", "title", "school", "year|date"),
    "mastersthesis": ("author", "title", "school", "year|date"),
    "online": ("title", "url|organization"),
    "legislation": ("title", "year|date"),
    "misc": ("title",),
    "manual": ("title",),
    "booklet": ("title",),
    "unpublished": ("author", "title"),
    "proceedings": ("title", "year|date"),
}


@dataclass(frozen=True)
class BibEntry:
    """One entry of the bibliography as the file has it: key, type, raw field values and
    the 1-based line where it starts."""

    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]
    line: int

    @property
    def field_map(self) -> dict[str, str]:
        """The fields as a mapping (names lower-cased)."""
        return {name.lower(): value for name, value in self.fields}


def lost_words_found(lost: Lost, display: str) -> Diagnostic:
    """B010: words of a field that LaTeX decoding would drop."""
    words = " ".join(lost.words)
    return Diagnostic(
        "B010",
        f"{lost.key}: {lost.field} would not show '{words}' (a LaTeX command or a bare % drops it)",
        display,
        lost.line,
        hint="write the words plainly, and a per cent sign as \\%",
    )


def _undecodable(entry: Entry, display: str, line: int) -> Diagnostic:
    field = undecodable(entry)
    where = f"{field.key} field" if field else "entry"
    return Diagnostic(
        "B011",
        f"{entry.key}: the LaTeX in the {where} cannot be decoded",
        display,
        (field.start_line or 0) + 1 if field else line,
        hint="write the words plainly, without commands such as \\href{…}{…}; a literal "
        "# % & _ as \\# \\% \\& \\_",
    )


def failed_block(block: ParsingFailedBlock, library: Library, display: str) -> Diagnostic:
    """B002, B003 or B011 for a block bibtexparser could not read."""
    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = library.entries_dict.get(block.key)
        where = f" (first defined at line {first.start_line + 1})" if first else ""
        return Diagnostic(
            "B003",
            f"duplicate key '{block.key}'{where}",
            display,
            line,
            hint="rename or remove one of the two entries",
        )
    if isinstance(block, MiddlewareErrorBlock):
        return _undecodable(block.ignore_error_block, display, line)
    error = getattr(block, "error", None)
    reason = getattr(error, "abort_reason", "") or str(error or "").split("\n")[0]
    return Diagnostic(
        "B002",
        f"unreadable BibTeX block: {reason or 'syntax error'}",
        display,
        line,
        hint="check the braces, quotes and commas of this entry",
    )


def check_entry(entry: BibEntry, block: Entry, display: str) -> list[Diagnostic]:
    """The problems of one entry: bad key, unknown type, missing fields, bad dates."""
    found: list[Diagnostic] = []
    if not KEY_RE.match(entry.key):
        found.append(
            Diagnostic(
                "B006",
                f"key '{entry.key}' is not lowercase surnameYEARword",
                display,
                entry.line,
                hint="write keys like nye2004soft",
            )
        )
    required = REQUIRED.get(entry.entry_type)
    if required is None:
        found.append(
            Diagnostic(
                "B005",
                f"unknown entry type '@{entry.entry_type}'",
                display,
                entry.line,
                hint="use one of: " + ", ".join(REQUIRED),
            )
        )
        return found
    fields = entry.field_map
    for group in required:
        if not any(fields.get(name, "").strip() for name in group.split("|")):
            found.append(
                Diagnostic(
                    "B004",
                    f"@{entry.entry_type}{{{entry.key}}} lacks '{group.replace('|', ' or ')}'",
                    display,
                    entry.line,
                    hint=f"add {group.split('|')[0]} = {{…}} to the entry",
                )
            )
    for field in block.fields:
        found.extend(_check_field(field, entry, display))
    return found


#: A DOI as the bibliography links it (https://doi.org/<doi>): a 10. prefix, a suffix
#: without spaces, quotes or angle brackets (which would end the link).
_DOI = re.compile(r"10\.\d{4,9}/[^\s\"'<>\\]+")


def _check_field(field: Any, entry: BibEntry, display: str) -> list[Diagnostic]:
    name, value = field.key.lower(), field.value
    if name == "url" and not re.match(r"https?://\S+$", csl.strip_braces(value).strip()):
        return [
            Diagnostic(
                "B008",
                f"{entry.key}: url '{value}' is not an http(s) address",
                display,
                field.start_line + 1,
                hint="write the full address, https://…; a page becomes a link only then",
            )
        ]
    if name == "doi" and not _DOI.fullmatch(csl.strip_braces(value).strip()):
        return [
            Diagnostic(
                "B009",
                f"{entry.key}: doi '{value}' is not a DOI",
                display,
                field.start_line + 1,
                hint="write the DOI alone, 10.1234/suffix, without https://doi.org/",
            )
        ]
    bad = (name in ("date", "urldate") and csl.parse_date(value) is None) or (
        name == "year" and not re.fullmatch(r"\d{4}", csl.strip_braces(value))
    )
    if not bad:
        return []
    return [
        Diagnostic(
            "B007",
            f"{entry.key}: {name} '{value}' is not a date",
            display,
            field.start_line + 1,
            hint="write YYYY, YYYY-MM or YYYY-MM-DD",
        )
    ]
