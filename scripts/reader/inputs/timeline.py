"""The home page's timeline: events declared in ``timeline.yml``, linked to the passages
that discuss them.

Each event names its passages by an exact quote from the source, never by a paragraph
number, so the link follows the words if numbering ever changes. At build time every
quote is looked up in the built :class:`~reader.core.model.Document`'s paragraphs; a quote that
matches no paragraph, more than one, or a paragraph without a number stops the build with
the file and line of the quote::

    timeline.yml:14:17: T006 error: quote matches no paragraph of gussarova-2017: '…'

Matching ignores differences of white space and of straight versus curly quotes, since
the edition's paragraphs are the source's lines joined and typed quotes vary.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from reader.core.diagnostics import Diagnostic, Report
from reader.core.model import Document
from reader.inputs.dates import is_calendar_date
from reader.inputs.schema import Problem
from reader.inputs.schema import problems as schema_problems
from reader.inputs.yamlio import error_at, load_yaml, position_of
from reader.text.quotes import Passages, Quote, find_quote

TIMELINE_FILE = "timeline.yml"
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
_LABEL = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


class PassageEntry(BaseModel):
    """``- {slug, quote}``: a passage the event is discussed in."""

    model_config = ConfigDict(extra="forbid", strict=True)
    slug: str = Field(description="the text's folder name")
    quote: str = Field(description="an exact quote from one numbered paragraph")


class EventEntry(BaseModel):
    """One event of ``events:``."""

    model_config = ConfigDict(extra="forbid", strict=True)
    date: str | int | datetime.date = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, in quotes")
    until: str | int | datetime.date = Field(
        "", description="the end of an event that lasted, the same way"
    )
    label: _LABEL = Field(description="the editors' words for the event")
    passages: list[PassageEntry] = Field(min_length=1, description="where the texts discuss it")
    note: str = Field("", description="the editors' note (not shown)")


_EVENT_KEYS = set(EventEntry.model_fields)
_PASSAGE_KEYS = set(PassageEntry.model_fields)


@dataclass(frozen=True)
class Passage:
    """A resolved link from an event to one numbered paragraph of a text."""

    slug: str
    anchor: str  # "p12"
    number: int
    quote: str


@dataclass(frozen=True)
class Event:
    """One dated event of the timeline and the passages that discuss it."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    label: str
    passages: tuple[Passage, ...]
    note: str = ""
    until: str = ""  # the end of an event that lasted (same format), if given


def fold(text: str) -> str:
    """Text for matching: curly quotes made straight, runs of white space made one space.

    >>> fold("Russia’s  “soft\\npower”")
    'Russia\\'s "soft power"'
    """
    return " ".join(text.translate(_FOLD).split())


#: The texts quotes are sought in, by slug (their passages, read once for many quotes).
Texts = Mapping[str, Document | Passages]


def load_timeline(root: Path, documents: Iterable[Document]) -> list[Event]:
    """Read ``timeline.yml`` under ``root`` and resolve its quotes; [] when it is absent.

    Raises DiagnosticError listing every problem (with file, line and column).
    """
    path = root / TIMELINE_FILE
    if not path.exists():
        return []
    data = load_yaml(path, TIMELINE_FILE)
    passages = {d.meta.slug: Passages.of(d) for d in documents}  # read once for all quotes
    return resolve_timeline(data, passages, TIMELINE_FILE)


def resolve_timeline(data: Any, documents: Texts, path: str) -> list[Event]:
    """Validate parsed timeline data and resolve each quote to its paragraph."""
    report = Report()
    events: list[Event] = []
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        message = "the timeline must be a mapping with an 'events' list"
        hint = "start the file with 'events:' and list the events under it"
        error_at(report, "T001", message, path, position_of(data), hint)
        report.raise_if_errors()
    items = data["events"]
    for index, item in enumerate(items):
        event = _event(item, position_of(items, index), documents, path, report)
        if event is not None:
            events.append(event)
    report.raise_if_errors()
    return sorted(events, key=lambda e: e.date)


def _event(item: Any, pos: Any, documents: Texts, path: str, report: Report) -> Event | None:
    if not isinstance(item, dict):
        message = "an event must be a mapping with date, label and passages"
        error_at(report, "T002", message, path, pos)
        return None
    shape = [_problem(p, pos, path) for p in schema_problems(EventEntry, item)]
    report.extend(shape)
    date, label = str(item.get("date", "")), item.get("label")
    until = str(item.get("until", ""))
    for key, bad, hint in (
        ("date", not is_calendar_date(date), "write YYYY, YYYY-MM or YYYY-MM-DD in quotes"),
        (
            "until",
            bool(until) and (not is_calendar_date(until) or until < date),
            "write a date after 'date', as YYYY[-MM[-DD]]",
        ),
    ):
        if key in item and bad:
            what = (
                f"bad or missing date {date!r}" if key == "date" else f"bad 'until' date {until!r}"
            )
            error_at(report, "T004", what, path, position_of(item, key), hint)
    if shape:
        return None
    passages = item["passages"]
    resolved = []
    for index, passage in enumerate(passages):
        found = _passage(passage, position_of(passages, index), documents, path, report)
        if found is not None:
            resolved.append(found)
    if len(resolved) != len(passages) or not is_calendar_date(date):
        return None
    return Event(date, label.strip(), tuple(resolved), str(item.get("note") or ""), until)


def _problem(problem: Problem, pos: Any, path: str) -> Diagnostic:
    """T003 unknown key, T004 a missing date or label, T005 no passages or a passage
    without exactly 'slug' and 'quote' (each at its place)."""
    top = str(problem.loc[0]) if problem.loc else ""
    at = problem.position if problem.position.line else pos
    if top == "passages" and len(problem.loc) > 1:
        message = "a passage must have exactly the keys 'slug' and 'quote'"
        return Diagnostic("T005", message, path, at.line, at.column)
    if problem.kind == "extra_forbidden":
        known = "known keys: " + ", ".join(sorted(_EVENT_KEYS))
        message = f"unknown key '{problem.field}' in an event"
        return Diagnostic("T003", message, path, at.line, at.column, hint=known)
    if top == "passages":
        message = "an event needs at least one passage (slug and quote)"
        return Diagnostic("T005", message, path, pos.line, pos.column)
    if top == "label":
        return Diagnostic("T004", "an event needs a non-empty label", path, pos.line, pos.column)
    if top in ("date", "until"):
        value = "" if problem.kind == "missing" else problem.value
        message = f"bad or missing date {value!r}" if top == "date" else "bad 'until' date"
        hint = "write YYYY, YYYY-MM or YYYY-MM-DD in quotes"
        return Diagnostic("T004", message, path, at.line, at.column, hint=hint)
    message = f"'{problem.field}' must be {problem.expected or 'text'}"
    return Diagnostic("T003", message, path, at.line, at.column)


def _passage(item: Any, pos: Any, documents: Texts, path: str, report: Report) -> Passage | None:
    slug, quote = item["slug"], item["quote"]
    doc = documents.get(slug)
    if doc is None:
        hint = "known texts: " + ", ".join(sorted(documents))
        error_at(report, "T006", f"unknown text '{slug}'", path, position_of(item, "slug"), hint)
        return None
    at = position_of(item, "quote")
    needle = fold(quote)
    if len(needle) < 12:
        message = f"quote {quote!r} is too short to name one passage"
        hint = "quote a longer exact phrase from the paragraph"
        error_at(report, "T007", message, path, at, hint)
        return None
    # The same quote matching as the editorial annotations use (reader.text.quotes).
    hits = list({id(p): p for p, _, _ in find_quote(doc, Quote(quote))}.values())
    if len(hits) != 1:
        what = (
            "no paragraph"
            if not hits
            else f"{len(hits)} paragraphs ("
            + ", ".join(p.anchor or f"line {p.span.line}" for p in hits)
            + ")"
        )
        hint = (
            "copy an exact phrase of one paragraph from the source"
            if not hits
            else "quote a longer phrase that only one paragraph has"
        )
        error_at(report, "T008", f"quote matches {what} of {slug}: {quote[:60]!r}", path, at, hint)
        return None
    paragraph = hits[0]
    if paragraph.number is None:
        message = (
            f"quote is in a paragraph without a number in {slug} "
            f"(a {paragraph.role}, source line {paragraph.span.line})"
        )
        error_at(report, "T009", message, path, at, "link a numbered paragraph of the text instead")
        return None
    return Passage(slug, paragraph.anchor, paragraph.number, quote)
