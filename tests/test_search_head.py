"""Material's search reads a text page only up to its first heading
(scripts/hooks/search_paragraphs.py): the first document it makes, the only one the
paragraph split keeps of a text page, is the one it makes of the whole page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from material.plugins.search.plugin import SearchIndex

from reader.checks.render import markdown_to_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from search_paragraphs import _first_section  # noqa: E402

TEXTS = sorted((ROOT / "docs" / "texts").glob("*.md"))


class _Page:
    """What Material's index reads of a page."""

    def __init__(self, name: str, content: str, meta: dict) -> None:
        self.url, self.title, self.content, self.meta, self.toc = name, name, content, meta, []


def _first_document(page: object) -> dict:
    """The first document Material's index makes of the whole page."""
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries[0]


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_the_first_document_of_a_text_page_is_the_whole_page_s(path: Path) -> None:
    content = markdown_to_html(path.read_text(encoding="utf-8"), ROOT / "mkdocs.yml")
    meta = {"title": path.stem, "reader": {"slug": path.stem}}
    read: list[int] = []

    def add(page):
        read.append(len(page.content))
        return SearchIndex.add_entry_from_context(index, page)

    index = SearchIndex()
    _first_section(add, _Page(f"texts/{path.stem}/", content, meta))
    assert read and read[0] < len(content) // 10  # the beginning only
    whole = _first_document(_Page(f"texts/{path.stem}/", content, meta))
    assert index.entries[0] == {**whole, "text": index.entries[0]["text"]}


def test_a_page_that_is_not_a_text_is_read_whole() -> None:
    content = '<h1 id="a">A</h1><p>one</p><h2 id="b">B</h2><p>two</p>'
    read: list[str] = []
    _first_section(lambda page: read.append(page.content), _Page("x/", content, {}))
    assert read == [content]
