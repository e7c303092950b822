"""A text's ``meta.yml``, declared once as a pydantic model and checked against it.

:class:`MetaFile` lists every field with its type, default and description; the codes
are those editors know: M001 not a mapping, M002 an unknown field, M003 a wrong type,
M004 a missing field, M005 a value not among the choices, M006 a date that is not a real
one, M007 an author without a name, M008 a malformed correction, M009 a source file
outside the folder, M014 an empty title, M016 a source_url that is not an http(s)
address, M017 a language that is not a BCP 47 tag, M018 an invisible character in a
field a page shows. Checks that need more than one text (M013,
M015) live in :mod:`reader.inputs.sources`; the structure hints (M010) in
:mod:`reader.parse.structure`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from reader.core.diagnostics import Diagnostic, Report
from reader.core.meta import Author, Correction, Meta
from reader.inputs.characters import INVISIBLE, code_point
from reader.inputs.dates import is_calendar_date
from reader.inputs.schema import Problem, check, description, kind_of
from reader.inputs.yamlio import error_at, position_of

#: The conversion profiles a text may name; see ``reader.core.profiles``.
PROFILES = ("auto", "default", "hard-wrapped", "interview", "report", "markdown", "pdf")
ROLES = ("author", "editor", "interviewee", "interviewer", "contributor", "translator")
GENRES = ("essay", "policy brief", "interview", "report", "journal article", "abstract", "other")
_STRICT = ConfigDict(extra="forbid", strict=True)
#: An address a page may link to: http(s), a host, and no character that could end the
#: link or the attribute it is written into (space, quotes, angle brackets, backslash).
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#<>\"'\\`]+(?:[/?#][^\s<>\"\\`]*)?", re.I)
#: A BCP 47 tag as the edition uses it: a language, then subtags (en, en-GB, ru-Latn).
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
#: The fields a page shows as text, checked for invisible characters (M018).
_SHOWN = ("title", "short_title", "venue", "summary", "rights", "provenance")


class AuthorEntry(BaseModel):
    """One ``- {name, role}`` of ``authors``."""

    model_config = _STRICT
    name: str = Field(description="the name as the text gives it")
    role: str = Field("author", description="one of " + ", ".join(ROLES))
    affiliation: str = Field("", description="the author's institution")
    family: str = Field("", description="the family name, when it is not the last word")


class CorrectionEntry(BaseModel):
    """One declared correction: ``{find, replace, count, reason}`` (a number given for a
    text field is read as its digits)."""

    model_config = ConfigDict(extra="forbid", strict=False, coerce_numbers_to_str=True)
    find: str = Field(min_length=1, description="the exact text to replace")
    replace: str = Field(description="the new text")
    count: StrictInt = Field(ge=1, description="how many times 'find' occurs")
    reason: str = Field(description="why the editors changed the words")


class MetaFile(BaseModel):
    """``sources/<slug>/meta.yml``."""

    model_config = ConfigDict(extra="forbid", strict=True, arbitrary_types_allowed=True)
    title: str = Field(description="the title as the edition shows it")
    authors: list[Any] = Field(
        description="a list of {name, role} with role in " + ", ".join(ROLES)
    )
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    venue: str = Field(description="where the text appeared")
    genre: str = Field(description="one of " + ", ".join(GENRES))
    bib_key: str = Field(description="the key of the text's entry in references.bib")
    language: str = Field(description="a BCP 47 language tag, e.g. en")
    rights: str = Field(description="who holds the rights and on what terms the edition shows it")
    provenance: str = Field(
        description="where the original file came from and how it was extracted"
    )
    profile: str = Field("auto", description="the conversion profile: " + ", ".join(PROFILES))
    source_file: str = Field("original.txt", description="the original file's name in the folder")
    source_url: str = Field("", description="where the original is published")
    summary: str = Field("", description="a one-line summary for the home page")
    short_title: str = Field("", description="a short title for navigation")
    corrections: list[Any] = Field(
        [], description="declared corrections: {find, replace, count, reason}"
    )
    structure: dict[str, Any] | None = Field(None, description="structural hints for the parser")
    seed: str = Field("", description="the name of the file as it was received")
    sha256: str = Field("", description="the sha256 of the original file")


def _describe(where: str, model: type[BaseModel] | None = None) -> Any:
    """The finding for each kind of problem with a field of ``model`` (meta.yml's own)."""
    model = model or MetaFile

    def describe(problem: Problem) -> Diagnostic:
        pos, key = problem.position, problem.field
        if problem.kind == "extra_forbidden":
            return Diagnostic(
                "M002",
                f"unknown field '{key}'",
                where,
                pos.line,
                pos.column,
                hint="known fields: " + ", ".join(model.model_fields),
            )
        if problem.kind == "missing":
            return Diagnostic(
                "M004",
                f"missing required field '{key}'",
                where,
                1,
                hint=f"add '{key}:' ({description(model, key)})",
            )
        return Diagnostic(
            "M003",
            f"'{key}' must be {problem.expected or 'a value'}, not {kind_of(problem.value)}",
            where,
            pos.line,
            pos.column,
            hint=description(model, key),
        )

    return describe


def validate_meta(data: Any, slug: str, where: str) -> tuple[Meta | None, Report]:
    """Check metadata against :class:`MetaFile`; return the Meta and every finding."""
    report = Report()
    if not isinstance(data, dict):
        report.error(
            "M001",
            "metadata must be a mapping of fields",
            path=where,
            line=1,
            hint="see sources/kosachev-2012/meta.yml for an example",
        )
        return None, report
    model, found = check(MetaFile, data, _describe(where))
    report.extend(found)
    if model is None:
        return None, report
    _check_values(report, data, model, where)
    authors = _authors(report, data["authors"], where)
    corrections = _corrections(report, data.get("corrections", []), where)
    if report.errors:
        return None, report
    fields = model.model_dump(exclude={"authors", "corrections", "structure", "seed", "sha256"})
    meta = Meta(
        slug=slug,
        **fields,
        authors=authors,
        corrections=corrections,
        structure=data.get("structure") or {},  # a LocatedDict: M010 can name lines
    )
    return meta, report


def _error(report: Report, code: str, message: str, data: Any, key: str, where: str, hint: str):
    error_at(report, code, message, where, position_of(data, key), hint)


def _check_values(report: Report, data: Any, model: MetaFile, where: str) -> None:
    """The checks a type cannot say: choices, a file name, a real date, no empty title."""
    for key, choices in (("profile", PROFILES), ("genre", GENRES)):
        if getattr(model, key) not in choices:
            hint = f"use one of: {', '.join(choices)}"
            _error(report, "M005", f"unknown {key} '{getattr(model, key)}'", data, key, where, hint)
    name = model.source_file
    if Path(name).name != name or name.startswith("."):
        message = f"source_file '{name}' is not a file name in the folder"
        hint = "name a file next to meta.yml, e.g. original.txt"
        _error(report, "M009", message, data, "source_file", where, hint)
    if not is_calendar_date(model.date):
        message = f"date '{model.date}' is not YYYY, YYYY-MM or YYYY-MM-DD naming a real day"
        hint = "quote the date and write it as 2012-07 (a month 01-12, a day that exists)"
        _error(report, "M006", message, data, "date", where, hint)
    for key in ("title", "short_title", "venue", "bib_key"):
        if key in data and not getattr(model, key).strip():
            hint = f"write the {key.replace('_', ' ')}, or remove the line if it is optional"
            _error(report, "M014", f"'{key}' is empty", data, key, where, hint)
    _check_address_and_language(report, data, model, where)
    for key in _SHOWN:
        _check_visible(report, getattr(model, key), data, key, where)


def _check_address_and_language(report: Report, data: Any, model: MetaFile, where: str) -> None:
    """M016: a source_url a page links to must be a web address (never ``javascript:``);
    M017: the language, written into the page's metadata, must be a language tag."""
    if model.source_url and not _WEB_ADDRESS.fullmatch(model.source_url):
        message = f"source_url '{model.source_url}' is not an http(s) address"
        hint = "write the full address, https://…, with spaces and quotes percent-encoded"
        _error(report, "M016", message, data, "source_url", where, hint)
    if not _LANGUAGE_TAG.fullmatch(model.language):
        message = f"language '{model.language}' is not a BCP 47 language tag"
        _error(report, "M017", message, data, "language", where, "write e.g. en, ru or en-GB")


def _check_visible(report: Report, value: str, data: Any, key: str | int, where: str) -> None:
    """M018: an invisible character (a control, a bidirectional override, a zero-width
    character) in a field a page shows: it would hide, reverse or split what follows."""
    found = INVISIBLE.search(value)
    if found:
        message = f"'{key}' holds the invisible character {code_point(found.group())}"
        hint = "remove it (retype the value), or write the character the text means"
        _error(report, "M018", message, data, key, where, hint)


def _authors(report: Report, items: list, where: str) -> tuple[Author, ...]:
    if not items:
        pos = position_of(items)
        report.error(
            "M007",
            "a text needs at least one author",
            path=where,
            line=pos.line,
            hint="add - {name: ..., role: author}",
        )
    authors = []
    for i, item in enumerate(items):
        pos = position_of(items, i)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            report.error(
                "M007",
                f"author {i + 1} needs a 'name'",
                path=where,
                line=pos.line,
                hint="write - {name: Konstantin Kosachev, role: author}",
            )
            continue
        author, found = check(AuthorEntry, item, _describe(where, AuthorEntry))
        report.extend(found)
        if author is None:
            continue
        if not author.name.strip():
            report.error(
                "M007",
                f"author {i + 1} has an empty name",
                path=where,
                line=pos.line,
                hint="write the name as the text gives it, e.g. {name: Konstantin Kosachev}",
            )
            continue
        _check_visible(report, author.name, item, "name", where)
        if author.role not in ROLES:
            report.error(
                "M005",
                f"unknown author role '{author.role}'",
                path=where,
                line=pos.line,
                hint=f"use one of: {', '.join(ROLES)}",
            )
        authors.append(Author(author.name, author.role, author.affiliation, author.family))
    return tuple(authors)


def _corrections(report: Report, items: list, where: str) -> tuple[Correction, ...]:
    corrections = []
    for i, item in enumerate(items):
        pos = position_of(items, i)
        fields = item if isinstance(item, dict) else {}
        missing = [k for k in CorrectionEntry.model_fields if k not in fields]
        correction, found = check(CorrectionEntry, fields, _correction_problem)
        if missing or correction is None:
            why = f" lacks {', '.join(missing)}" if missing else found[0].message
            report.error(
                "M008",
                f"correction {i + 1}{why}",
                path=where,
                line=pos.line,
                hint="write {find: exact text, replace: new text, count: 1, reason: …}",
            )
            continue
        corrections.append(
            Correction(
                correction.find, correction.replace, correction.count, correction.reason, pos.line
            )
        )
    return tuple(corrections)


def _correction_problem(problem: Problem) -> Diagnostic:
    key = problem.field
    if key == "count":
        why = ": count must be a whole number ≥ 1"
    elif key == "find" and problem.kind == "string_too_short":
        why = ": 'find' is empty"
    elif problem.kind == "extra_forbidden":
        why = f": unknown field '{key}'"
    else:
        why = f": '{key}' must be {problem.expected or 'a value'}, not {kind_of(problem.value)}"
    return Diagnostic("M008", why, "")
