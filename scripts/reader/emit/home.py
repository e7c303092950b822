"""The home page: what the reader is and whom it serves, the five texts as cards, a
timeline of the texts and the events they discuss, and the term × text overview.

Everything is generated: the cards from each text's ``meta.yml`` and its built
:class:`~reader.core.model.Document` (length and reading time counted from the authors' words),
the timeline from ``timeline.yml`` resolved against the built paragraphs
(:mod:`reader.inputs.timeline`), the overview from the glossary pass's occurrences.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.model import Document
from reader.emit.glossary_page import render_term_overview
from reader.emit.inline import escape_text
from reader.emit.textinfo import credits_text, format_date, length_label, word_count
from reader.inputs.timeline import Event, load_timeline
from reader.passes.edition import Edition

INTRO = """\
An annotated, citable edition of five texts on Russian soft power — an essay, a policy
brief, an interview, a think-tank report and a journal abstract, written between 2011 and
2024 by a Russian official, Russian and Central Asian scholars, a former intelligence
officer and Iranian researchers. It is made for students, teachers and analysts who need
to read these texts closely, compare them and cite them to the paragraph."""

HOW_TO_READ = """\
- **Every word is the authors'.** What the editors add — paragraph numbers, notes,
  glossary definitions, references — is set in a different style and never mixed in.
- **Cite to the paragraph.** Each paragraph has a number in the margin; it links to
  itself (for example `texts/kosachev-2012/#p12`), and numbers stay stable across builds.
- **Dotted underlines** mark glossary terms and references: point at them, focus them
  with the keyboard or tap them to read the note.
- [About this edition](edition.md) says how the texts were repaired, what the sources
  lack, and how to cite."""


def _card(doc: Document) -> list[str]:
    meta = doc.meta
    words = word_count(doc)
    facts = (
        f'<span class="card-facts" data-words="{words}">{escape_text(meta.genre)} · '
        f"{escape_text(length_label(words))}</span>"
    )
    return [
        f"-   **[{escape_text(meta.title)}](texts/{meta.slug}.md)**",
        "",
        "    ---",
        "",
        f"    {escape_text(credits_text(meta))} · {escape_text(format_date(meta.date))}  ",
        f"    *{escape_text(meta.venue)}*  ",
        f"    {facts}",
        "",
        f"    {escape_text(meta.summary)}" if meta.summary else "",
        "",
    ]


def render_cards(documents: list[Document]) -> list[str]:
    """The texts as Material grid cards, oldest first."""
    lines = ['<div class="grid cards text-cards" markdown>', ""]
    for doc in sorted(documents, key=lambda d: d.meta.date):
        lines += _card(doc)
    return [*lines, "</div>", ""]


def _tooltip(quote: str) -> str:
    """The quote as a link title (attr_list value: no straight double quotes or braces)."""
    cleaned = "".join(c for c in quote if c not in '"{}\\')
    return f"“{cleaned}”"


def render_timeline(events: list[Event], documents: list[Document]) -> list[str]:
    """The timeline: each text's publication and each declared event, by date."""
    labels = {d.meta.slug: d.meta.short_title or d.meta.title for d in documents}
    rows: list[tuple[str, int, str]] = []
    for doc in documents:
        meta = doc.meta
        text = (
            f"**Published:** [{escape_text(meta.short_title or meta.title)}]"
            f"(texts/{meta.slug}.md), *{escape_text(meta.title)}*"
        )
        rows.append((meta.date, 1, _item(meta.date, text, "timeline-text")))
    for event in events:
        links = ", ".join(
            f"[{escape_text(labels.get(p.slug, p.slug))} ¶ {p.number}]"
            f'(texts/{p.slug}.md#{p.anchor}){{ title="{_tooltip(p.quote)}" }}'
            for p in event.passages
        )
        links = f'<span class="timeline-links">In the texts: {links}</span>'
        text = f"{escape_text(event.label)}  \n{links}"
        rows.append((event.date, 0, _item(event.date, text, "timeline-event", event.until)))
    items = [row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1]))]
    return ['<div class="timeline" markdown>', "", *items, "", "</div>", ""]


def _item(date: str, text: str, css: str, until: str = "") -> str:
    shown = format_date(date)
    if until:
        shown = f"{date[:4]}–{until[:4]}" if until[:4] != date[:4] else shown
    when = f'<time class="timeline-date" datetime="{date}">{shown}</time>'
    return f"- {when} {text}\n  {{: .{css} }}"


def render_overview(edition: Edition) -> list[str]:
    """The glossary's term × text table, folded, when the glossary and its page exist."""
    ctx = edition.context
    if ctx is None or ctx.glossary is None:
        return []
    texts = {
        d.meta.slug: d.meta.title for d in sorted(edition.documents, key=lambda d: d.meta.date)
    }
    table = render_term_overview(
        ctx.glossary, ctx.term_occurrences, texts, glossary_page="glossary.md"
    )
    return [
        "## Terms across the texts { #terms-by-text }",
        "",
        "Which glossary terms each text uses, and how often; a number leads to the passages.",
        "",
        '<details class="term-overview-box" markdown>',
        "<summary>Show the term × text table</summary>",
        "",
        table,
        "",
        "</details>",
        "",
    ]


def render_home(edition: Edition) -> str:
    """Markdown for docs/index.md."""
    root = edition.context.root if edition.context is not None else Path(".")
    events = load_timeline(root, edition.documents)
    lines = [
        "---",
        "title: Home",
        "---",
        "",
        "# Soft Power Reader",
        "",
        INTRO,
        "",
        HOW_TO_READ,
        "",
        "## The five texts",
        "",
    ]
    lines += render_cards(edition.documents)
    lines += [
        "## Timeline",
        "",
        "The texts and the events they discuss; each link opens the paragraph that "
        "discusses the event.",
        "",
    ]
    lines += render_timeline(events, edition.documents)
    lines += render_overview(edition)
    return "\n".join(lines)
