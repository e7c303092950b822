"""The glossary page, one page of occurrences per text, and the term × text grid.

``docs/glossary.md`` holds the entries by category. Every entry is a level-3 heading whose
id is the entry's (the target of the terms' ``../glossary.md#<id>`` links), written as
HTML so that the 135 entries do not each add a permalink and two table-of-contents
items (the contents list the categories); its definition and note; and one line of
facts: kind, other names, related entries, source, and the texts it appears in, each
linking to that text's list of passages. The lists are paginated by text,
``docs/occurrences/<slug>.md`` (:func:`render_occurrence_page`), each entry's passages
as keyword-in-context lines linking to ``texts/<slug>.md#p12`` (or ``#fn:3``), so the
glossary page stays light. The overview grid (on the home page) is a real ``<table>``
with row and column headers whose cells link to those lists. All source and glossary
text is escaped with :func:`~reader.emit.annotations.escape_literal`, so it renders
literally.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from reader.emit.annotations import escape_literal
from reader.inputs.glossary import CATEGORIES, Entry, Glossary
from reader.passes.glossary import TermOccurrence

Grouped = dict[str, dict[str, list[TermOccurrence]]]  # entry id -> slug -> occurrences

INTRO = (
    "The terms, organisations, programmes, documents, events, people and places of the five "
    "texts, explained by the editors. In the texts, the first mention of a term in each "
    "section is underlined with dots: point at it, focus it with the keyboard or tap it to "
    "read the definition. Each entry names the texts it appears in; a text's name leads to "
    "every passage where the term is annotated."
)
OCCURRENCES = "occurrences/{slug}.md"


def place_label(anchor: str) -> str:
    """'¶ 12' for ``p12``, 'note 3' for ``fn:3``, 'text' when the anchor is unknown."""
    if anchor.startswith("fn:"):
        return f"note {anchor[3:]}"
    if anchor[:1] == "p" and anchor[1:].isdigit():
        return f"¶ {anchor[1:]}"
    return anchor or "text"


def text_label(slug: str) -> str:
    """A short label for a text from its slug: 'alipour-gorji-2024' → 'Alipour Gorji 2024'."""
    return " ".join(part.capitalize() for part in slug.split("-"))


def group_occurrences(occurrences: Sequence[TermOccurrence]) -> Grouped:
    """Occurrences by entry id, then by text slug, in reading order."""
    grouped: Grouped = defaultdict(lambda: defaultdict(list))
    for occurrence in occurrences:
        grouped[occurrence.entry_id][occurrence.slug].append(occurrence)
    return grouped


def render_glossary_page(
    glossary: Glossary,
    occurrences: Sequence[TermOccurrence],
    texts: Mapping[str, str],
) -> str:
    """The whole glossary page as Markdown; ``texts`` maps slugs to titles in edition
    order."""
    grouped = group_occurrences(occurrences)
    lines = ["# Glossary", "", INTRO, ""]
    for category, entries in glossary.by_category():
        lines += [f"## {CATEGORIES[category]} {{ #{category} }}", ""]
        for entry in entries:
            lines += render_entry(entry, glossary, grouped.get(entry.id, {}), texts)
    return "\n".join(lines)


def render_entry(
    entry: Entry,
    glossary: Glossary,
    by_text: Mapping[str, list[TermOccurrence]],
    texts: Mapping[str, str],
) -> list[str]:
    """The Markdown lines of one entry: heading, definition and note, one line of facts."""
    lines = [f'<h3 id="{entry.id}">{escape_literal(entry.headword)}</h3>', ""]
    body = f"**{escape_literal(entry.tooltip)}**"
    if entry.note:
        body += " " + escape_literal(entry.note)
    facts = [escape_literal(entry.category.capitalize())]
    if entry.aliases:
        facts.append("also: " + ", ".join(escape_literal(a) for a in entry.aliases))
    related = [glossary.get(i) for i in entry.related]
    links = [f"[{escape_literal(r.headword)}](#{r.id})" for r in related if r is not None]
    if links:
        facts.append("related: " + ", ".join(links))
    if entry.bib:
        facts.append(f"source: [{escape_literal(entry.bib)}](bibliography.md#ref-{entry.bib})")
    facts.append(_where(entry, by_text, texts))
    lines += [body, "", " · ".join(facts), "{: .entry-facts }", ""]
    return lines


def _where(
    entry: Entry, by_text: Mapping[str, list[TermOccurrence]], texts: Mapping[str, str]
) -> str:
    if not by_text:
        return "not annotated in the texts"
    places = [
        f"[{escape_literal(text_label(slug))}]({OCCURRENCES.format(slug=slug)}#{entry.id})"
        f" ({len(by_text[slug])})"
        for slug in _ordered_slugs(by_text, texts)
    ]
    return "in the texts: " + ", ".join(places)


def _ordered_slugs(by_text: Mapping[str, list], texts: Mapping[str, str]) -> list[str]:
    known = [slug for slug in texts if slug in by_text]
    return known + sorted(slug for slug in by_text if slug not in texts)


def _kwic_item(o: TermOccurrence) -> str:
    target = f"../texts/{o.slug}.md" + (f"#{o.anchor}" if o.anchor else "")
    context = (
        f"…{escape_literal(o.before)}**{escape_literal(o.matched)}**{escape_literal(o.after)}…"
    )
    return f"- [{escape_literal(place_label(o.anchor))}]({target}): {context}"


def render_occurrence_pages(
    glossary: Glossary, occurrences: Sequence[TermOccurrence], texts: Mapping[str, str]
) -> dict[str, str]:
    """``occurrences/<slug>.md`` for every text with annotated terms, by path."""
    grouped = group_occurrences(occurrences)
    slugs = _ordered_slugs({o.slug: [] for o in occurrences}, texts)
    return {
        OCCURRENCES.format(slug=slug): render_occurrence_page(glossary, grouped, slug, texts)
        for slug in slugs
    }


def render_occurrence_page(
    glossary: Glossary, grouped: Grouped, slug: str, texts: Mapping[str, str]
) -> str:
    """One text's passages for every glossary entry it uses, in glossary order."""
    title = escape_literal(texts.get(slug, text_label(slug)))
    # Out of search: the lines repeat words the texts' own search entries hold.
    lines = ["---", "search:", "  exclude: true", "---", ""]
    lines += [f"# Glossary terms in {escape_literal(text_label(slug))}", ""]
    lines += [
        f"Every passage of *{title}* where a term of the [glossary](../glossary.md) is "
        "annotated, by entry.",
        "",
    ]
    for _, entries in glossary.by_category():
        for entry in entries:
            found = grouped.get(entry.id, {}).get(slug, [])
            if not found:
                continue
            head = escape_literal(entry.headword)
            lines += [f'<h2 id="{entry.id}">{head} ({len(found)})</h2>', ""]
            lines += [_kwic_item(o) for o in found]
            lines.append("")
    return "\n".join(lines)


def render_term_overview(
    glossary: Glossary,
    occurrences: Sequence[TermOccurrence],
    texts: Mapping[str, str],
    *,
    glossary_page: str = "",
) -> str:
    """A term × text table of occurrence counts as an HTML block for Markdown.

    Rows are entries (by category, then headword), columns texts; a cell links to the
    entry's list for that text, ``occurrences/<slug>.md#<id>``. ``glossary_page`` is the
    glossary's Markdown path (``glossary.md``) when the table is not on the glossary page
    itself (the occurrence pages are beside it); the links are Markdown inside
    ``markdown="span"`` cells, so MkDocs rewrites them for either URL style (online
    directory URLs, offline ``.html`` files) and validates them.
    ``data-level`` (0–4) lets the stylesheet shade cells.
    """
    grouped = group_occurrences(occurrences)
    slugs = list(texts) + sorted({o.slug for o in occurrences} - set(texts))
    most = max((len(v) for by in grouped.values() for v in by.values()), default=1)
    head = "".join(
        f'<th scope="col"><abbr title="{escape_literal(texts.get(s, s))}">'
        f"{escape_literal(text_label(s))}</abbr></th>"
        for s in slugs
    )
    rows = [
        '<div class="term-overview-scroll" markdown>',
        "",
        # A labelling paragraph, not <caption>: md_in_html wraps a caption in <p>.
        "How often each glossary term is annotated in each text "
        "(first mention per paragraph or note)",
        "{: #term-overview-caption .term-overview-caption }",
        "",
        '<table class="term-overview" aria-labelledby="term-overview-caption" markdown>',
        f'<thead markdown><tr markdown><th scope="col">Term</th>{head}</tr></thead>',
        "<tbody markdown>",
    ]
    for _, entries in glossary.by_category():
        for entry in entries:
            cells = "".join(
                _cell(entry, s, len(grouped.get(entry.id, {}).get(s, ())), most, glossary_page)
                for s in slugs
            )
            name = f"[{escape_literal(entry.headword)}]({glossary_page}#{entry.id})"
            rows.append(f'<tr markdown><th scope="row" markdown="span">{name}</th>{cells}</tr>')
    rows += ["</tbody>", "</table>", "", "</div>"]
    return "\n".join(rows)


def _cell(entry: Entry, slug: str, count: int, most: int, page: str) -> str:
    level = 0 if not count else 1 + min(3, (count * 4 - 1) // max(most, 1))
    if not count:
        return '<td data-level="0">0</td>'
    plural = "s" if count != 1 else ""
    label = f"{count} passage{plural} in {text_label(slug)}"
    return (
        f'<td data-level="{level}" markdown="span">'
        f"[{count}]({OCCURRENCES.format(slug=slug)}#{entry.id})"
        f'{{ aria-label="{escape_literal(label)}" }}</td>'
    )
