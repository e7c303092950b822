"""The glossary page: entries by category, each with where it appears, and a term × text grid.

The page is ``docs/glossary.md``. Every entry is a level-3 heading whose anchor is its id
(the target of the term annotations' ``../glossary.md#<id>`` links); under "Where it
appears" each text's occurrences form a list, anchored ``#<id>--<slug>``, of
keyword-in-context lines linking to ``texts/<slug>.md#p12`` (or ``#fn:3``). The overview
grid is a real ``<table>`` with row and column headers whose cells link to those lists.
All source and glossary text is escaped with
:func:`~reader.emit.annotations.escape_literal`, so it renders literally.
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
    "paragraph is underlined with dots: point at it, focus it with the keyboard or tap it to "
    "read the definition. Each entry lists every passage where it is annotated."
)


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
    *,
    overview: bool = True,
) -> str:
    """The whole glossary page as Markdown; ``texts`` maps slugs to titles in edition
    order. With ``overview`` the term × text grid closes the page."""
    grouped = group_occurrences(occurrences)
    lines = ["# Glossary", "", INTRO, ""]
    for category, entries in glossary.by_category():
        lines += [f"## {CATEGORIES[category]} {{ #{category} }}", ""]
        for entry in entries:
            lines += render_entry(entry, glossary, grouped.get(entry.id, {}), texts)
    if overview:
        lines += ["## Terms by text { #terms-by-text }", ""]
        lines += [render_term_overview(glossary, occurrences, texts), ""]
    return "\n".join(lines)


def render_entry(
    entry: Entry,
    glossary: Glossary,
    by_text: Mapping[str, list[TermOccurrence]],
    texts: Mapping[str, str],
) -> list[str]:
    """The Markdown lines of one entry."""
    lines = [f"### {escape_literal(entry.headword)} {{ #{entry.id} }}", ""]
    meta = f"*{escape_literal(entry.category.capitalize())}*"
    if entry.aliases:
        meta += " · also: " + ", ".join(escape_literal(a) for a in entry.aliases)
    lines += [meta, "", f"**{escape_literal(entry.tooltip)}**", "", escape_literal(entry.note), ""]
    related = [glossary.get(i) for i in entry.related]
    links = [f"[{escape_literal(r.headword)}](#{r.id})" for r in related if r is not None]
    if links:
        lines += ["Related: " + ", ".join(links), ""]
    if entry.bib:
        lines += [f"Source: [{escape_literal(entry.bib)}](bibliography.md#ref-{entry.bib})", ""]
    lines += _where(entry, by_text, texts)
    return lines


def _where(
    entry: Entry, by_text: Mapping[str, list[TermOccurrence]], texts: Mapping[str, str]
) -> list[str]:
    total = sum(len(found) for found in by_text.values())
    if not total:
        return ["*Not annotated in the texts.*", ""]
    plural = "s" if total != 1 else ""
    lines = [f"**Where it appears** ({total} passage{plural} in {len(by_text)} of the texts)", ""]
    for slug in _ordered_slugs(by_text, texts):
        found = by_text[slug]
        title = escape_literal(texts.get(slug, text_label(slug)))
        lines += [f"*{title}* ({len(found)})", f"{{ #{entry.id}--{slug} }}", ""]
        lines += [_kwic_item(o) for o in found]
        lines.append("")
    return lines


def _ordered_slugs(by_text: Mapping[str, list], texts: Mapping[str, str]) -> list[str]:
    known = [slug for slug in texts if slug in by_text]
    return known + sorted(slug for slug in by_text if slug not in texts)


def _kwic_item(o: TermOccurrence) -> str:
    target = f"texts/{o.slug}.md" + (f"#{o.anchor}" if o.anchor else "")
    context = (
        f"…{escape_literal(o.before)}**{escape_literal(o.matched)}**{escape_literal(o.after)}…"
    )
    return f"- [{escape_literal(place_label(o.anchor))}]({target}): {context}"


def render_term_overview(
    glossary: Glossary,
    occurrences: Sequence[TermOccurrence],
    texts: Mapping[str, str],
    *,
    glossary_page: str = "",
) -> str:
    """A term × text table of occurrence counts as an HTML block for Markdown.

    Rows are entries (by category, then headword), columns texts; a cell links to the
    entry's list for that text, ``#<id>--<slug>``. ``glossary_page`` is the glossary's
    Markdown path (``glossary.md``) when the table is not on the glossary page itself; the
    links are Markdown inside ``markdown="span"`` cells, so MkDocs rewrites them for
    either URL style (online directory URLs, offline ``.html`` files) and validates them.
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
        f'<td data-level="{level}" markdown="span">[{count}]({page}#{entry.id}--{slug})'
        f'{{ aria-label="{escape_literal(label)}" }}</td>'
    )
