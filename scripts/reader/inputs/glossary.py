"""The glossary: entries validated from ``glossary.yml`` against :data:`ENTRY_SCHEMA`
(each field declared once, with its type, whether it is required and what it is; the
pydantic model :data:`GlossaryEntry` is made from it).

``glossary.yml`` is a YAML list of entries. Each entry names a term of the corpus, every
spelling under which the five texts use it (``aliases``), a one-sentence ``tooltip`` shown
over the words in the texts, a longer ``note`` for the glossary page and, where a fact
could be disputed, the key of a work in ``references.bib``. :func:`load_glossary` reports
every problem at once, each with the line and column of the offending key (codes G001–G011
and G013, a spelling with no letter or digit; G012 when a ``bib`` key is not in references.bib).

Matching folds case (unless ``case_sensitive``), typographic quotes and runs of whitespace,
so ``Russia’s soft power`` and ``Russia's  soft power`` are one key: see
:func:`reader.text.folding.fold_key`.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, create_model

from reader.core.diagnostics import Diagnostic, Report
from reader.inputs.schema import Problem
from reader.inputs.schema import problems as schema_problems
from reader.inputs.yamlio import Position, load_yaml, position_of
from reader.text.folding import fold_key
from reader.text.matching import TermMatcher

#: Categories in the order the glossary page shows them, with their section titles.
CATEGORIES: dict[str, str] = {
    "concept": "Concepts",
    "organisation": "Organisations",
    "programme": "Programmes",
    "document": "Documents",
    "event": "Events",
    "person": "People",
    "place": "Places",
}

# name -> (type, required, description)
ENTRY_SCHEMA: dict[str, tuple[type, bool, str]] = {
    "id": (str, True, "lower-case words joined by single hyphens, e.g. soft-power"),
    "headword": (str, True, "the term as the glossary lists it"),
    "aliases": (list, True, "every other spelling, abbreviation and inflection in the texts"),
    "category": (str, True, "one of " + ", ".join(CATEGORIES)),
    "tooltip": (str, True, "one sentence of plain text shown over the words in the texts"),
    "note": (str, True, "the longer explanation on the glossary page"),
    "related": (list, False, "ids of related entries"),
    "bib": (str, False, "a key of references.bib supporting a fact that could be disputed"),
    "case_sensitive": (bool, False, "match the spellings exactly (for acronyms such as RT)"),
    "paraphrases": (list, False, "other words the texts use for the same idea (not annotated)"),
}

_TEXT = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
#: How each kind of ENTRY_SCHEMA field is validated, and its default when optional.
_TYPES: dict[type, tuple[Any, Any]] = {
    str: (_TEXT, ""),
    list: (list[_TEXT], []),
    bool: (bool, False),
}


def _field(name: str, kind: type, required: bool, description: str) -> tuple[Any, Any]:
    annotation, default = _TYPES[kind]
    if name == "bib":  # may be left empty
        annotation = str
    return annotation, Field(... if required else default, description=description)


#: The pydantic model of one entry, made from :data:`ENTRY_SCHEMA` (declared once there).
GlossaryEntry = create_model(
    "GlossaryEntry",
    __config__=ConfigDict(extra="forbid", strict=True),
    **{name: _field(name, *spec) for name, spec in ENTRY_SCHEMA.items()},
)

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BIB_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")
TOOLTIP_MAX = 240


@dataclass(frozen=True)
class Entry:
    """One glossary entry, validated."""

    id: str
    headword: str
    aliases: tuple[str, ...]
    category: str
    tooltip: str
    note: str
    related: tuple[str, ...] = ()
    bib: str = ""
    case_sensitive: bool = False
    paraphrases: tuple[str, ...] = ()  # found by reading; used by reader.passes.related only
    line: int = 0
    bib_line: int = 0  # line of the ``bib`` field, for cross-checks with references.bib

    @property
    def keys(self) -> tuple[str, ...]:
        """Every spelling the matcher looks for: the headword, then the aliases."""
        return (self.headword, *self.aliases)


@dataclass(frozen=True)
class Glossary:
    """The validated glossary, entries in file order."""

    entries: tuple[Entry, ...]
    path: str = ""

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @functools.cached_property
    def matcher(self) -> TermMatcher[Entry]:
        """The term matcher over every spelling, built once per glossary (building it for
        1,000 entries costs more than scanning a text with it)."""
        return TermMatcher(self)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return next((e for e in self.entries if e.id == entry_id), None)

    def by_category(self) -> Iterator[tuple[str, tuple[Entry, ...]]]:
        """(category, entries sorted by headword) in :data:`CATEGORIES` order."""
        for category in CATEGORIES:
            chosen = [e for e in self.entries if e.category == category]
            if chosen:
                yield category, tuple(sorted(chosen, key=lambda e: e.headword.casefold()))


def load_glossary(path: Path, display: str) -> Glossary:
    """Read and validate ``glossary.yml``; raise DiagnosticError listing every problem."""
    data = load_yaml(path, display)
    report = Report()
    if not isinstance(data, list) or not data:
        report.error(
            "G001",
            "the glossary must be a non-empty YAML list of entries",
            path=display,
            line=position_of(data).line if data is not None else 0,
            column=position_of(data).column if data is not None else 0,
            hint="start each entry with '- id: …'",
        )
        report.raise_if_errors()
    entries = [e for i, item in enumerate(data) if (e := _entry(data, i, item, display, report))]
    _check_unique_ids(entries, data, display, report)
    _check_unique_keys(entries, data, display, report)
    _check_related(entries, data, display, report)
    report.raise_if_errors()
    return Glossary(tuple(e for e, _ in entries), display)


# --------------------------------------------------------------------------- helpers

_Located = tuple[Entry, Any]  # an entry and the YAML mapping it came from


def _place(data: Any, key: str | int | None, display: str) -> dict[str, Any]:
    pos: Position = position_of(data, key)
    return {"path": display, "line": pos.line, "column": pos.column}


def _entry(data: list, index: int, item: Any, display: str, report: Report) -> _Located | None:
    if not isinstance(item, dict):
        report.error(
            "G001",
            "an entry must be a mapping of fields",
            hint="write 'id: …', 'headword: …' and the other fields under the dash",
            **_place(data, index, display),
        )
        return None
    start = len(report.errors)
    reported: set[str] = set()
    for problem in schema_problems(GlossaryEntry, item):
        key = str(problem.loc[0]) if problem.loc else ""
        if key not in reported:
            reported.add(key)
            report.add(_finding(problem, key, item, display))
    if len(report.errors) > start:
        return None
    _check_values(item, display, report)
    if len(report.errors) > start:
        return None
    entry = Entry(
        id=item["id"],
        headword=item["headword"].strip(),
        aliases=tuple(a.strip() for a in item["aliases"]),
        category=item["category"],
        tooltip=item["tooltip"].strip(),
        note=" ".join(item["note"].split()),
        related=tuple(item.get("related", ())),
        bib=item.get("bib", "") or "",
        case_sensitive=bool(item.get("case_sensitive", False)),
        paraphrases=tuple(p.strip() for p in item.get("paraphrases", ())),
        line=position_of(item).line,
        bib_line=position_of(item, "bib").line if "bib" in item else 0,
    )
    return entry, item


def check_bib_keys(glossary: Glossary, known: Container[str]) -> list[Diagnostic]:
    """Entries whose ``bib`` names no entry of references.bib (G012)."""
    return [
        Diagnostic(
            "G012",
            f"'{e.id}' cites '{e.bib}', which is not in references.bib",
            glossary.path,
            e.bib_line or e.line,
            hint="add the work to references.bib or fix the key",
        )
        for e in glossary
        if e.bib and e.bib not in known
    ]


def _finding(problem: Problem, key: str, item: dict, display: str) -> Diagnostic:
    """G002 unknown field, G003 missing field, G004 a field of the wrong type or empty."""
    if problem.kind == "extra_forbidden":
        close = difflib.get_close_matches(key, ENTRY_SCHEMA, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "fields: " + ", ".join(ENTRY_SCHEMA)
        return Diagnostic("G002", f"unknown field '{key}'", hint=hint, **_place(item, key, display))
    kind, _, what = ENTRY_SCHEMA[key]
    if problem.kind == "missing":
        return Diagnostic(
            "G003",
            f"entry '{item.get('id', '?')}' lacks the field '{key}'",
            hint=f"add {key}: {what}",
            **_place(item, None, display),
        )
    message = {
        list: f"'{key}' must be a list of non-empty strings",
        bool: f"'{key}' must be true or false",
    }.get(kind, f"'{key}' must be a non-empty string")
    return Diagnostic("G004", message, hint=f"{key}: {what}", **_place(item, key, display))


def _check_values(item: dict, display: str, report: Report) -> None:
    if not ID_RE.match(item["id"]):
        report.error(
            "G006",
            f"bad id '{item['id']}'",
            hint="use lower-case letters and digits joined by single hyphens",
            **_place(item, "id", display),
        )
    if item["category"] not in CATEGORIES:
        close = difflib.get_close_matches(item["category"], CATEGORIES, n=1)
        report.error(
            "G005",
            f"unknown category '{item['category']}'",
            hint=(f"did you mean '{close[0]}'? " if close else "")
            + "categories: "
            + ", ".join(CATEGORIES),
            **_place(item, "category", display),
        )
    tooltip = item["tooltip"].strip()
    if "\n" in tooltip or len(tooltip) > TOOLTIP_MAX or not tooltip.endswith((".", "?", "!")):
        report.error(
            "G010",
            f"the tooltip of '{item['id']}' must be one sentence of at most {TOOLTIP_MAX} "
            "characters ending with a full stop",
            hint="keep detail for the note",
            **_place(item, "tooltip", display),
        )
    for key in ("headword", "aliases"):
        for spelling in [item[key]] if key == "headword" else item[key]:
            if not any(ch.isalnum() for ch in spelling):  # "," would be linked at each comma
                report.error(
                    "G013",
                    f"the spelling '{spelling}' of '{item['id']}' has no letter or digit",
                    hint="a spelling is words the texts use; remove this one",
                    **_place(item, key, display),
                )
    bib = item.get("bib", "") or ""
    if bib and not BIB_RE.match(bib):
        report.error(
            "G011",
            f"bad bib key '{bib}'",
            hint="a references.bib key",
            **_place(item, "bib", display),
        )


def _check_unique_ids(entries: list[_Located], data: list, display: str, report: Report) -> None:
    first: dict[str, Entry] = {}
    for entry, item in entries:
        if entry.id in first:
            report.error(
                "G007",
                f"duplicate id '{entry.id}' (first defined at line {first[entry.id].line})",
                hint="merge the two entries or rename one",
                **_place(item, "id", display),
            )
        else:
            first[entry.id] = entry


def _check_unique_keys(entries: list[_Located], data: list, display: str, report: Report) -> None:
    owner: dict[str, tuple[str, str]] = {}
    for entry, item in entries:
        for i, key in enumerate(entry.keys):
            folded = fold_key(key)
            place = _place(item, "headword", display)
            if i:
                place = _place(item["aliases"], i - 1, display)
            if folded in owner:
                other, spelling = owner[folded]
                where = "this entry" if other == entry.id else f"entry '{other}'"
                report.error(
                    "G008",
                    f"'{key}' is already a spelling of {where} ('{spelling}')",
                    hint="a spelling may belong to one entry only; matching ignores case "
                    "and quote style",
                    **place,
                )
            else:
                owner[folded] = (entry.id, key)


def _check_related(entries: list[_Located], data: list, display: str, report: Report) -> None:
    # ids of every entry, the invalid ones too, so that one broken entry does not make
    # every entry that relates to it an error as well
    items = [item for item in data if isinstance(item, dict)]
    ids = {item["id"] for item in items if isinstance(item.get("id"), str)}
    for entry, item in entries:
        for i, target in enumerate(entry.related):
            if target not in ids or target == entry.id:
                close = difflib.get_close_matches(target, ids, n=1)
                report.error(
                    "G009",
                    f"'{entry.id}' relates to "
                    + ("itself" if target == entry.id else f"unknown entry '{target}'"),
                    hint=f"did you mean '{close[0]}'?" if close else "use the id of an entry",
                    **_place(item["related"], i, display),
                )
