"""Search documents per numbered paragraph, note, figure and reference.

Material's search plugin makes one search document per heading, so a hit anywhere in a
forty-paragraph section lands on the section's heading. :func:`rewrite_search_index`
splits a page further: every element whose ``id`` names a citable unit (a paragraph
``p12``, a footnote ``fn:3``, a chart ``chart-2``, a reference ``ref-key``) becomes its own
document located at that anchor, titled like "Kosachev 2012 ¶ 12 — Section", with the
edition's own additions (class ``editorial``: paragraph numbers, tooltips) and footnote
markers left out. What lies outside the units (titles, bylines, captions) stays with its
heading, so every indexed word is indexed once. Pages without units are left as Material
made them. :mod:`reader.search.files` runs this on the built index after
each build, before the offline plugin copies the index into ``search_index.js``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

SearchEntry = dict[str, object]


@dataclass(frozen=True)
class UnitKind:
    """A kind of citable unit: the ``id`` pattern that marks it and how its title reads."""

    name: str
    pattern: re.Pattern[str]
    label: Callable[[re.Match[str]], str]
    boost: float


#: The units a page is split into, tried in order on every element's ``id``. The texts'
#: own words (paragraphs, notes, figures) weigh more than the apparatus that repeats them
#: (glossary contexts, summaries on the home page), so a hit lands in the text first.
UNIT_KINDS: tuple[UnitKind, ...] = (
    UnitKind("paragraph", re.compile(r"p(\d+)"), lambda m: f"¶ {m[1]}", 10.0),
    UnitKind("note", re.compile(r"fn:(.+)"), lambda m: f"note {m[1]}", 10.0),
    UnitKind("figure", re.compile(r"(chart|table|figure)-(\d+)"), lambda m: f"{m[1]} {m[2]}", 10.0),
    UnitKind("reference", re.compile(r"ref-(.+)"), lambda m: "", 1.0),
)
#: Elements whose text is not the source's: the edition's additions and link furniture.
SKIP_CLASSES = frozenset({"editorial", "footnote-ref", "footnote-backref", "headerlink"})
SKIP_TAGS = frozenset({"script", "style", "template"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements after which words must not run together.
BLOCKS = frozenset(
    {"p", "li", "div", "td", "th", "tr", "br", "dt", "dd", "blockquote", "caption", "nav"}
)
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "param",
    }
)


@dataclass
class Piece:
    """A heading section or a unit being collected: its anchor, title and text."""

    anchor: str
    title: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    kind: UnitKind | None = None
    match: re.Match[str] | None = None
    heading: str = ""


def unit_kind(element_id: str) -> tuple[UnitKind, re.Match[str]] | None:
    """The unit kind an ``id`` names, with its match, or None for any other id."""
    for kind in UNIT_KINDS:
        match = kind.pattern.fullmatch(element_id)
        if match:
            return kind, match
    return None


class _PageParser(HTMLParser):
    """Collects the heading sections and units of a page's ``<article>``, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.stack: list[tuple[str, str]] = []  # (tag, role): role in {"", skip, heading, unit}
        self.in_article = False
        self.article_depth = 0
        self.section: Piece | None = None
        self.unit: Piece | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if not self.in_article:
            if tag == "article" and "md-content__inner" in values.get("class", "").split():
                self.in_article, self.article_depth = True, len(self.stack)
                self.stack.append((tag, ""))
            elif tag not in VOID:
                self.stack.append((tag, ""))
            return
        if tag in BLOCKS:
            self._space()
        if tag in VOID:
            return
        self.stack.append((tag, self._role(tag, values)))

    def _role(self, tag: str, values: dict[str, str]) -> str:
        classes = set(values.get("class", "").split())
        if classes & SKIP_CLASSES or "data-search-exclude" in values or tag in SKIP_TAGS:
            return "skip"
        element_id = values.get("id", "")
        if tag in HEADINGS and element_id and self.unit is None:
            self.section = Piece(element_id)
            self.pieces.append(self.section)
            return "heading"
        found = unit_kind(element_id) if element_id and self.unit is None else None
        if found:
            kind, match = found
            heading = "".join(self.section.title).strip() if self.section else ""
            self.unit = Piece(element_id, kind=kind, match=match, heading=heading)
            self.pieces.append(self.unit)
            return "unit"
        return ""

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, role = self.stack.pop()
            if role == "unit":
                self.unit = None
            if self.in_article and len(self.stack) == self.article_depth:
                self.in_article = False
            if open_tag == tag:
                break
        if self.in_article and tag in BLOCKS:
            self._space()

    def handle_data(self, data: str) -> None:
        if not self.in_article or any(role == "skip" for _, role in self.stack):
            return
        if any(role == "heading" for _, role in self.stack) and self.section is not None:
            self.section.title.append(data)
            return
        target = self.unit or self.section
        if target is None:
            target = self.section = Piece("")
            self.pieces.append(target)
        target.text.append(data)

    def _space(self) -> None:
        target = self.unit or self.section
        if target is not None and not any(role == "heading" for _, role in self.stack):
            target.text.append(" ")


def _clean(parts: Iterable[str]) -> str:
    """Joined, whitespace collapsed, escaped as Material escapes index text."""
    return html.escape(" ".join("".join(parts).split()), quote=False)


_ARTICLE_START = re.compile(r"<article\b[^>]*\bmd-content__inner\b")
_ARTICLE_END = "</article>"


def article_html(page_html: str) -> str:
    """The page's ``<article class="md-content__inner">`` alone, if it has one: the
    header, the navigation (a link per page, so it grows with the site) and the footer
    hold no units and need not be parsed."""
    start = _ARTICLE_START.search(page_html)
    end = page_html.rfind(_ARTICLE_END)
    if start is None or end < start.start():
        return page_html
    return page_html[start.start() : end + len(_ARTICLE_END)]


def page_entries(page_html: str, location: str, page_title: str) -> list[SearchEntry] | None:
    """The search documents for one built page, or None when it has no units.

    ``location`` is the page's own location in the index (``texts/kosachev-2012/``);
    ``page_title`` its short title (``Kosachev 2012``), which starts every unit's title.
    """
    parser = _PageParser()
    parser.feed(article_html(page_html))
    parser.close()
    if not any(piece.kind for piece in parser.pieces):
        return None
    entries: list[SearchEntry] = []
    for piece in parser.pieces:
        text = _clean(piece.text)
        if piece.kind is None:
            if piece.anchor:  # headings stay, even when the units took all their words
                entries.append(
                    {
                        "location": f"{location}#{piece.anchor}",
                        "title": _clean(piece.title),
                        "text": text,
                    }
                )
            continue
        if not text:  # e.g. a note whose text the source lost: nothing to find
            continue
        assert piece.match is not None
        label = piece.kind.label(piece.match)
        title = f"{page_title} {label}".strip() if label else page_title
        if piece.kind.name == "paragraph" and piece.heading:
            title += f" — {' '.join(piece.heading.split())}"
        entry: SearchEntry = {
            "location": f"{location}#{piece.anchor}",
            "title": html.escape(title, quote=False),
            "text": text,
        }
        if piece.kind.boost != 1.0:
            entry["boost"] = piece.kind.boost
        entries.append(entry)
    return entries


def rewrite_search_index(
    index: dict[str, object], read_page: Callable[[str], str | None]
) -> dict[str, object]:
    """The index with every page that has units split into them.

    ``read_page`` returns the built HTML for a page location (None if there is none).
    The page's own document (its location without ``#``) stays first, as Material's
    search groups a page's sections under it.
    """
    docs = index.get("docs", [])
    assert isinstance(docs, list)
    by_page: dict[str, list[SearchEntry]] = {}
    for entry in docs:
        by_page.setdefault(str(entry["location"]).split("#")[0], []).append(entry)
    out: list[SearchEntry] = []
    for location, entries in by_page.items():
        article = entries[0]
        page_html = read_page(location) if "#" not in str(article["location"]) else None
        split = (
            page_entries(page_html, location, str(article["title"]))
            if page_html is not None
            else None
        )
        # Material's page document may carry the first heading's words; the split keeps
        # them with that heading, so the page document keeps only its title.
        out += entries if split is None else [{**article, "text": ""}, *split]
    return {**index, "docs": out}
