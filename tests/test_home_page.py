"""The home page through the real build: cards with the right lengths, a timeline whose
every link opens the paragraph that holds its quote, and located errors for bad quotes."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from reader.app.build import generate
from reader.checks.render import markdown_to_html
from reader.core.diagnostics import DiagnosticError
from reader.emit.textinfo import format_date, reading_minutes
from reader.inputs.timeline import fold, resolve_timeline
from reader.inputs.yamlio import parse_yaml
from reader.passes.edition import Edition

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"
#: Classes whose words are not the authors' (the edition's, or the theme's).
SKIP = {"editorial", "headerlink", "footnote-backref", "annotation__tip", "md-annotation"}


@pytest.fixture(scope="module")
def edition() -> Edition:
    """The whole edition, built in memory from the real sources."""
    return generate(ROOT)


@pytest.fixture(scope="module")
def home_html(edition: Edition) -> str:
    """The home page as MkDocs renders it."""
    return markdown_to_html(edition.pages["index.md"], CONFIG)


class _AuthorsWords(HTMLParser):
    """Counts the words of a rendered text page that are the authors' own: everything
    except editorial elements, theme links and footnote reference numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "hr", "img", "input", "meta", "link", "wbr"):
            self.text.append(" ")
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skip = bool(classes & SKIP) or (tag == "sup" and "fnref" in (attributes.get("id") or ""))
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))
        self.text.append(" ")

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        self.text.append(" ")

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.text.append(data)


def authors_words(html: str) -> int:
    """The number of the authors' words on a rendered page."""
    parser = _AuthorsWords()
    parser.feed(html)
    text = unicodedata.normalize("NFKC", "".join(parser.text))
    return len(re.findall(r"\w+", text))


def _card(home_html: str, slug: str) -> str:
    match = re.search(rf'<li>\s*<p><strong><a href="texts/{slug}\.md">.*?</li>', home_html, re.S)
    assert match, f"no card for {slug} on the home page"
    return match.group(0)


def test_every_text_has_a_card(edition: Edition, home_html: str) -> None:
    """Five cards, one per text, each with its summary, in a Material grid."""
    assert '<div class="grid cards text-cards">' in home_html
    for doc in edition.documents:
        card = _card(home_html, doc.meta.slug)
        assert doc.meta.summary.split()[0] in card


def test_each_card_shows_the_right_word_count(edition: Edition, home_html: str) -> None:
    """The count on a card equals the authors' words on the rendered text page."""
    for doc in edition.documents:
        slug = doc.meta.slug
        page = markdown_to_html(edition.pages[f"texts/{slug}.md"], CONFIG)
        expected = authors_words(page)
        card = _card(home_html, slug)
        shown = re.search(r'data-words="(\d+)">[^<]*· ([\d,]+) words · (\d+) min read', card)
        assert shown, f"no length on the card of {slug}"
        assert int(shown.group(1)) == expected, slug
        assert int(shown.group(2).replace(",", "")) == expected, slug
        assert int(shown.group(3)) == reading_minutes(expected), slug


def test_the_text_header_shows_the_same_length(edition: Edition) -> None:
    """The header under each title agrees with the card, and is marked editorial."""
    for doc in edition.documents:
        page = edition.pages[f"texts/{doc.meta.slug}.md"]
        header = re.search(r'<div class="text-header editorial".*?</div>', page, re.S)
        assert header, doc.meta.slug
        words = authors_words(markdown_to_html(page, CONFIG))
        assert f'data-words="{words}"' in header.group(0)


def test_every_timeline_link_opens_the_paragraph_of_its_quote(
    edition: Edition, home_html: str
) -> None:
    """Each event's links point to a paragraph that exists and contains the quote."""
    declared = yaml.safe_load((ROOT / "timeline.yml").read_text(encoding="utf-8"))["events"]
    timeline = home_html[home_html.index('<div class="timeline">') :]
    links = re.findall(r'href="texts/([a-z0-9-]+)\.md#(p\d+)" title="“(.*?)”"', timeline)
    expected = sum(len(e["passages"]) for e in declared)
    assert len(links) == expected
    pages: dict[str, str] = {}
    for slug, anchor, _ in links:
        if slug not in pages:
            pages[slug] = markdown_to_html(edition.pages[f"texts/{slug}.md"], CONFIG)
        paragraph = re.search(rf'<(p|li)[^>]* id="{anchor}"[^>]*>(.*?)</\1>', pages[slug], re.S)
        assert paragraph, f"texts/{slug}.md has no #{anchor}"
    quotes = [p["quote"] for e in declared for p in e["passages"]]
    for (slug, anchor, _), quote in zip(links, quotes, strict=False):
        doc = next(d for d in edition.documents if d.meta.slug == slug)
        from reader.core.model import plain_text

        target = next(p for p in doc.paragraphs() if p.anchor == anchor)
        assert fold(quote) in fold(plain_text(target.inlines, editorial=False)), (slug, anchor)


def test_the_timeline_lists_every_text(edition: Edition, home_html: str) -> None:
    """Each text's publication stands in the timeline under its date."""
    for doc in edition.documents:
        assert (
            f'datetime="{doc.meta.date}">{format_date(doc.meta.date)}</time> '
            f"<strong>Published:</strong>"
        ) in home_html


@pytest.mark.parametrize(
    ("quote", "code", "fragment"),
    [
        ("this phrase is in no paragraph at all", "T008", "matches no paragraph"),
        ("Rossotrudnichestvo", "T008", "paragraphs ("),
        ("short", "T007", "too short"),
    ],
)
def test_a_bad_quote_stops_the_build_with_its_line(
    edition: Edition, quote: str, code: str, fragment: str
) -> None:
    """A quote that matches nothing or several paragraphs is an error at its line."""
    text = (
        "events:\n"
        '  - date: "2008"\n'
        "    label: An event\n"
        "    passages:\n"
        "      - slug: gussarova-2017\n"
        f'        quote: "{quote}"\n'
    )
    data = parse_yaml(text, "timeline.yml")
    documents = {d.meta.slug: d for d in edition.documents}
    with pytest.raises(DiagnosticError) as caught:
        resolve_timeline(data, documents, "timeline.yml")
    (problem,) = caught.value.diagnostics
    assert (problem.code, problem.path, problem.line) == (code, "timeline.yml", 6)
    assert fragment in problem.message


def test_an_unknown_text_and_a_bad_date_are_located(edition: Edition) -> None:
    """Every problem of the file is reported at once, each at its own line."""
    text = (
        "events:\n"
        "  - date: 2008-13-99x\n"
        "    label: An event\n"
        "    passages:\n"
        "      - slug: nobody-2020\n"
        '        quote: "In 2004, he introduced three primary sources"\n'
    )
    documents = {d.meta.slug: d for d in edition.documents}
    with pytest.raises(DiagnosticError) as caught:
        resolve_timeline(parse_yaml(text, "timeline.yml"), documents, "timeline.yml")
    found = {(d.code, d.line) for d in caught.value.diagnostics}
    assert found == {("T004", 2), ("T006", 5)}
