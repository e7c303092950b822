"""The home page: what the reader is, and the five texts as cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.emit.inline import escape_text
from reader.model import Document

if TYPE_CHECKING:
    from reader.build import Edition

INTRO = """\
An annotated, citable edition of five texts on Russian soft power — an essay, a policy
brief, an interview, a think-tank report and a journal abstract — for students, analysts
and anyone who needs to read them closely and cite them precisely. Every word is the
authors'; what the edition adds (paragraph numbers, notes, glossary, references) is
marked as the editors'."""


def _authors(doc: Document) -> str:
    names = [a.name for a in doc.meta.authors if a.role != "interviewer"]
    return ", ".join(names)


def render_home(edition: Edition) -> str:
    """Markdown for docs/index.md."""
    lines = ["---", "title: Home", "---", "", "# Soft Power Reader", "", INTRO, "",
             "## The texts", ""]
    for doc in sorted(edition.documents, key=lambda d: d.meta.date):
        meta = doc.meta
        lines += [
            f"### [{escape_text(meta.title)}](texts/{meta.slug}.md)",
            "",
            f"{escape_text(_authors(doc))} · {escape_text(meta.date[:4])} · "
            f"{escape_text(meta.genre)} · *{escape_text(meta.venue)}*",
            "",
            escape_text(meta.summary),
            "",
        ]
    return "\n".join(lines)
