"""Injection safety: HTML, script and Markdown in any input render as text, everywhere.

``tests/adversarial/`` is a one-text project whose original text, metadata, glossary and
bibliography are full of ``<script>``, ``<img onerror>``, ``javascript:`` links, Markdown
syntax at line starts, attribute lists, entities, comments and stray quotes. It is built
with ``reader build`` (which runs the conservation check) and a real ``mkdocs build``; then
every HTML page and the search index are parsed and searched for anything the inputs
could have injected, and the pages are read back to see the inputs shown literally.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from project_copy import add_site_files
from reader.app.build import generate
from reader.app.cli import main
from reader.app.stages import conserve
from reader.search.files import read_site_index

HERE = Path(__file__).resolve().parent
ADVERSARIAL = HERE / "adversarial"
SLUG = "evil-2020"
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
)
ACTIVE_SCHEMES = re.compile(r"^(?:javascript|vbscript|data):", re.I)
DATA_SCRIPTS = frozenset({"application/ld+json", "application/json"})
#: (tag, text) the inputs would make if their markup were read: no such element may exist.
WRAPPED = frozenset(
    {
        ("b", "Doe"),
        ("b", "attraction"),
        ("b", "Attraction"),
        ("i", "power"),
        ("i", "2020"),
        ("a", "here"),
        ("a", "a raw link"),
        ("em", "stars"),
        ("em", "underscores"),
        ("h1", "not a heading"),
        ("li", "not a list"),
        ("li", "star at line start"),
        ("em", "underscore at line start"),
        ("td", "not"),
        ("td", "table"),
        ("a", "x"),
        ("a", "y"),
        ("sup", "1"),
    }
)


class Audit(HTMLParser):
    """Parses HTML and records anything an input could have injected, and the text."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.problems: list[str] = []
        self.stack: list[tuple[str, dict[str, str], list[str]]] = []
        self.text: list[str] = []
        self.json_ld: list[object] = []
        self.meta: list[dict[str, str]] = []
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            compact = re.sub(r"[\x00-\x20]", "", value)
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and ACTIVE_SCHEMES.match(compact):
                self.problems.append(f"<{tag} {name}={value!r}> active URL")
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.problems.append(f"<{tag}> element")
        if tag == "img" and values.get("src") == "x":
            self.problems.append("<img src=x>")
        if values.get("id") == "evil":
            self.problems.append(f"<{tag} id=evil> from an attribute list in the text")
        if tag == "meta":
            self.meta.append(values)
        if tag not in ("meta", "link", "img", "br", "hr", "input", "source", "wbr", "area"):
            self.stack.append((tag, values, []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, values, content = self.stack.pop()
            self._close(open_tag, values, "".join(content))
            if open_tag == tag:
                break

    def _close(self, tag: str, values: dict[str, str], content: str) -> None:
        if self.stack:
            self.stack[-1][2].append(content)
        if tag == "title":
            self.title = content
        if tag == "script":
            if values.get("type") in DATA_SCRIPTS:
                try:
                    self.json_ld.append(json.loads(content))
                except ValueError:
                    self.problems.append(f"a JSON script that does not parse: {content[:80]!r}")
            elif "alert(" in content:
                self.problems.append(f"an injected script: {content[:80]!r}")
        elif (tag, content.strip()) in WRAPPED:
            self.problems.append(f"<{tag}>{content.strip()}</{tag}> made from input markup")

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][2].append(data)
        if not self.stack or self.stack[-1][0] not in ("script", "style"):
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        if "hidden" in data or "closes nothing" in data:
            self.problems.append(f"an input became an HTML comment: {data!r}")

    def visible(self) -> str:
        """The page's text with white space collapsed."""
        return " ".join("".join(self.text).split())


def audit(html: str, where: str) -> Audit:
    """Parse ``html`` and return the audit."""
    parser = Audit(where)
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The adversarial project built by ``reader build`` and a real ``mkdocs build``."""
    root = tmp_path_factory.mktemp("adversarial") / "project"
    shutil.copytree(ADVERSARIAL, root, ignore=shutil.ignore_patterns("README.md"))
    add_site_files(root, [SLUG])
    assert main(["--root", str(root), "build"]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def pages(site: Path) -> dict[str, Audit]:
    """Every built HTML page, audited, by path under site/."""
    return {
        str(path.relative_to(site / "site")): audit(path.read_text(encoding="utf-8"), str(path))
        for path in sorted((site / "site").rglob("*.html"))
    }


def test_the_adversarial_text_keeps_every_word(site: Path) -> None:
    """The conservation check passes: every source word reaches the page, no word added."""
    edition = generate(site)
    assert edition.context is not None
    assert edition.documents
    assert conserve(edition, edition.context.lexicon, site / "mkdocs.yml") == []


def test_no_page_has_injected_markup(pages: dict[str, Audit]) -> None:
    """No event handler, active URL, script, frame, image or element made of input markup
    on any page (texts, home, glossary, bibliography, edition, 404)."""
    assert {
        "texts/evil-2020/index.html",
        "glossary/index.html",
        "bibliography/index.html",
        "index.html",
    } <= set(pages)
    problems = [f"{name}: {p}" for name, page in pages.items() for p in page.problems]
    assert problems == []


LITERAL_IN_TEXT = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "*stars* and _underscores_",
    "a pipe | here",
    "an entity &amp; and &lt;b&gt;",
    "a fake note [^1]",
    "a comment <!-- hidden -->",
    "a backslash \\ and an arrow ---> too",
    "# not a heading",
    "1. not a list",
    "{: #evil }",
    "&amp; at line start",
    "| not | a | table |",
    "* star at line start",
    "_ underscore at line start_",
    "\\ backslash at line start",
    '<a href="javascript:alert(5)" onclick="alert(6)">a raw link</a>',
    '<iframe src="javascript:alert(7)"></iframe>',
    "Evil Title <script>alert(1)</script> & Co",
    "Jane <b>Doe</b>",
]


@pytest.mark.parametrize("literal", LITERAL_IN_TEXT)
def test_text_page_shows_the_source_literally(pages: dict[str, Audit], literal: str) -> None:
    """Each piece of markup in the original is on the text page as the characters it is."""
    assert literal in pages["texts/evil-2020/index.html"].visible()


@pytest.mark.parametrize(
    ("page", "literal"),
    [
        ("glossary/index.html", 'Power by <b>attraction</b> <script>alert(1)</script> "quoted"'),
        ("glossary/index.html", "A note with <img src=x onerror=alert(1)> and <script>"),
        ("glossary/index.html", "Hard <i>power</i>"),
        ("glossary/index.html", "Force </span></button><script>alert(1)</script>."),
        ("bibliography/index.html", 'A Famous Study of <b onmouseover="alert(1)">Attraction</b>'),
        ("bibliography/index.html", "Test Press <script>alert(1)</script>"),
        ("index.html", "Journal of <img src=x onerror=alert(1)> Tests"),
        ("index.html", "Evil</title><script>alert(1)</script> <i>2020</i>"),
    ],
)
def test_definitions_and_references_show_literally(
    pages: dict[str, Audit], page: str, literal: str
) -> None:
    """Glossary definitions, tooltips, bib fields and metadata are text on every page."""
    assert literal in pages[page].visible()


def test_a_text_page_carries_definitions_as_data(site: Path) -> None:
    """On a text page a definition is tip data (JSON a script shows with textContent,
    tests/browser/test_tooltips.py), never markup: it parses back to the literal text."""
    html = (site / "site" / "texts" / "evil-2020" / "index.html").read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/json" id="tip-data"[^>]*>(.*?)</script>', html, re.S
    )
    assert found, "the text page has its tip data"
    terms = json.loads(found.group(1))["terms"]
    assert any("Power by <b>attraction</b> <script>alert(1)</script>" in d for d in terms.values())


def test_head_metadata_is_inert(pages: dict[str, Audit]) -> None:
    """<title>, the citation_* meta tags and JSON-LD carry the inputs as data only: the
    meta tags keep their two attributes, JSON-LD parses, the title is the short title."""
    page = pages["texts/evil-2020/index.html"]
    citation = [m for m in page.meta if m.get("name", "").startswith("citation_")]
    assert citation, "the text page has citation_* meta tags"
    for tag in citation:
        assert set(tag) == {"name", "content"}, tag
    for data in page.json_ld:
        assert isinstance(data, dict | list)
    assert page.title.startswith("Evil</title><script>alert(1)</script> <i>2020</i>")


def test_search_index_is_inert(site: Path) -> None:
    """Material shows search results as HTML: every title and text in the index must be
    inert markup, and the source's markup must be in it as text."""
    index = read_site_index(site / "site")
    problems, texts = [], []
    for doc in index["docs"]:
        for field in ("title", "text"):
            parsed = audit(doc.get(field, ""), f"{doc['location']} {field}")
            problems += [f"{doc['location']} {field}: {p}" for p in parsed.problems]
            texts.append(parsed.visible())
    assert problems == []
    everything = " ".join(texts)
    assert "<img src=x onerror=alert(1)>" in everything
    assert "[x](javascript:alert(1))" in everything


@pytest.mark.parametrize(
    "html",
    [
        "<p><script>alert(1)</script></p>",
        '<img src=x onerror="alert(1)">',
        '<a href=" javascript:alert(1)">x</a>',
        '<div id="evil">text</div>',
        "<p><b>Doe</b></p>",
        "<title>Evil</title><script>alert(1)</script>",
        '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>',
        "<!-- hidden -->",
        '<iframe src="about:blank"></iframe>',
    ],
)
def test_the_audit_catches_injections(html: str) -> None:
    """The audit is able to fail: each injected form is reported."""
    assert audit(html, "sample").problems
