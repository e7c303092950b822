"""Search in the real UI lands on the paragraph (or note) that holds the words.

Type in Material's search box, take the first hit the way Material's Enter key does (the
best-scored link of the first result), follow it, and check where the page landed: the
URL's fragment, the target element in view, and the query marked there by
``search.highlight``. The same helpers drive the offline edition from ``file://``
(tests/browser/test_offline.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Landing:
    """A query and where its first hit must land: a page and a fragment pattern."""

    query: str
    page: str  # "texts/kosachev-2012"
    fragment: str  # a regular expression for the fragment, e.g. "p26" or "fn:(4|17|51)"


LANDINGS = (
    Landing("Priznanie", "texts/makarychev-2011", "p17"),
    Landing("fishing rod", "texts/kosachev-2012", "p26"),
    # A word that only the CAISS report's Cyrillic footnotes contain.
    Landing("Россотрудничества", "texts/gussarova-2017", r"fn:(4|17|51)"),
)


def open_search(page: Any, query: str) -> None:
    """Open the search box, type ``query`` and wait for the results."""
    box = page.locator("input.md-search__input")
    box.click()  # on a wide screen the box sits in the header; focusing it opens search
    box.fill(query)
    box.press("End")  # Material reads the box on keyup; fill() alone types no key
    page.locator("li.md-search-result__item").first.wait_for(state="visible", timeout=10_000)


def first_hit(page: Any) -> Any:
    """The link Material's Enter key follows: the best-scored link of the first result."""
    links = page.locator("li.md-search-result__item").first.locator("a.md-search-result__link")
    scores = links.evaluate_all(
        "els => els.map(a => parseFloat(a.firstElementChild.dataset.mdScore || '0'))"
    )
    return links.nth(max(range(len(scores)), key=scores.__getitem__))


def assert_landed(page: Any, landing: Landing) -> str:
    """Check the page landed on ``landing`` with the target in view and the term marked;
    return the fragment."""
    page.wait_for_function("() => location.hash.length > 1", timeout=10_000)
    url = urlsplit(page.url)
    path = re.sub(r"(/index)?\.html$", "", url.path).rstrip("/")
    assert path.endswith(landing.page), f"landed on {page.url}, expected {landing.page}"
    fragment = url.fragment
    assert re.fullmatch(landing.fragment, fragment), f"landed on #{fragment}"
    assert parse_qs(url.query).get("h"), "no ?h= for search.highlight"
    target = page.locator(f'[id="{fragment}"]')
    page.wait_for_function(
        """id => { const el = document.getElementById(id);  // null until an instant
                   if (!el) return false;                     // navigation swapped it in
                   const r = el.getBoundingClientRect();
                   return r.bottom > 0 && r.top < window.innerHeight; }""",
        arg=fragment,
        timeout=5_000,
    )
    marked = target.locator("mark[data-md-highlight]")
    marked.first.wait_for(state="attached", timeout=5_000)
    words = " ".join(marked.all_text_contents()).lower()
    assert landing.query.split()[0].lower() in words, f"highlighted {words!r}"
    return fragment


def search_and_land(page: Any, start_url: str, landing: Landing, *, enter: bool = False) -> str:
    """From ``start_url``, search for the landing's query, follow the first hit, check."""
    page.goto(start_url)
    open_search(page, landing.query)
    if enter:
        page.locator("input.md-search__input").press("Enter")
    else:
        first_hit(page).click()
    return assert_landed(page, landing)


@pytest.mark.parametrize("landing", LANDINGS, ids=lambda landing: landing.query)
def test_first_hit_lands_on_the_paragraph(page: Any, served_site: str, landing: Landing) -> None:
    """The first hit is a paragraph (or note), not the top of its page; clicking it opens
    the text there, in view, with the term highlighted."""
    page.goto(served_site)
    open_search(page, landing.query)
    hit = first_hit(page)
    href = hit.get_attribute("href") or ""
    assert re.search(f"#{landing.fragment}$", href), href
    title = hit.locator("h1, h2").first.inner_text()
    assert re.match(r"\w[\w ]+ \d{4} (¶|note) \d+", title), title
    hit.click()
    assert_landed(page, landing)


def test_enter_from_another_text_lands_on_the_paragraph(page: Any, served_site: str) -> None:
    """Enter in the search box, typed on another text's page (the page a reader searches
    from is not the home page, and with instant navigation it is swapped in place), goes to
    the same paragraph as clicking the first hit."""
    search_and_land(page, served_site + "texts/bezrukov-2018/", LANDINGS[1], enter=True)
