"""The conservation check on the built site itself: what a reader gets from MkDocs, theme
templates included, still holds every word of each source once, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.app.load import load_sources
from reader.checks.conservation import Ledger, check_conservation, expected_words, page_words
from reader.parse.document import build_document, corrected_text
from reader.repair.hyphenation import Lexicon

ROOT = Path(__file__).parents[1]
SITE = ROOT / "site"
SOURCES = load_sources(ROOT)
LEXICON = Lexicon.from_texts(s.text for s in SOURCES.values())
ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)


@pytest.mark.parametrize("slug", sorted(SOURCES))
def test_built_page_holds_every_word_of_its_source(slug: str) -> None:
    page = SITE / "texts" / slug / "index.html"
    if not page.exists():
        pytest.skip("site/ is not built (make test builds it before the tests)")
    article = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert article, "the page has its <article>"
    source = SOURCES[slug]
    _, log = build_document(source, LEXICON)
    ledger = Ledger(log.furniture, tuple(log.note_lines))
    expected = expected_words(corrected_text(source)[0], ledger)
    problems = check_conservation(expected, page_words(article.group()), slug, str(page))
    assert not problems, "\n".join(map(str, problems))
