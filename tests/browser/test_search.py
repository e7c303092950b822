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
    marked: str = ""  # a word that must be highlighted there (default: the query's first)


LANDINGS = (
    Landing("Priznanie", "texts/makarychev-2011", "p17"),
    Landing("fishing rod", "texts/kosachev-2012", "p26"),
    # A word that only the CAISS report's Cyrillic footnotes contain.
    Landing("Россотрудничества", "texts/gussarova-2017", r"fn:(4|17|51)"),
)

#: Word forms: the nominative finds the footnotes' genitive (Russian stemmer), and an
#: English form the text does not use finds the one it does (Porter stemmer).
MORPHOLOGY = (
    Landing("Россотрудничество", "texts/gussarova-2017", r"fn:(4|17|51)", "Россотрудничества"),
    Landing("казахстанские студенты", "texts/gussarova-2017", r"fn:(8|12)", "студентам"),
    Landing("deporting diplomats", "texts/bezrukov-2018", "p26", "deport"),
)
#: One wrong letter: the word one edit away is searched instead.
TYPOS = (
    Landing("Kalashnikof", "texts/gussarova-2017", "p11", "Kalashnikov"),
    Landing("Gorchakof Fund", "texts/gussarova-2017", "p42", "Gorchakov"),
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
    expected = landing.marked or landing.query.split()[0]
    assert expected.lower() in words, f"highlighted {words!r}"
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


@pytest.mark.parametrize("landing", MORPHOLOGY, ids=lambda landing: landing.query)
def test_another_word_form_lands_on_the_text_s_form(
    page: Any, served_site: str, landing: Landing
) -> None:
    """A query in one grammatical form lands on the passage that has another, with the
    passage's own form highlighted."""
    search_and_land(page, served_site, landing)


@pytest.mark.parametrize("landing", TYPOS, ids=lambda landing: landing.query)
def test_a_misspelling_finds_the_word_and_says_so(
    page: Any, served_site: str, landing: Landing
) -> None:
    """With no word matching, the one-edit neighbour is searched, the results line says
    "Did you mean …", and the first hit lands on the passage with the right spelling."""
    page.goto(served_site)
    open_search(page, landing.query)
    meta = page.locator(".md-search-result__meta")
    meta.locator(".reader-search-fix-note").wait_for(timeout=5_000)
    assert meta.inner_text().lower().startswith(f"did you mean {landing.marked.lower()}")
    first_hit(page).click()
    assert_landed(page, landing)


#: The number of documents Material's search says match (0 for "No matching documents").
MATCHING = "(parseInt(document.querySelector('.md-search-result__meta').textContent) || 0)"


def result_texts(page: Any) -> list[str]:
    """The text of every result shown (page titles and passages)."""
    return page.locator("li.md-search-result__item article").all_inner_texts()


def test_a_phrase_ranks_first_and_is_highlighted(page: Any, served_site: str) -> None:
    """Passages holding "Russian world" as a phrase come before those holding the words
    apart: the first hit has the phrase, and both words are marked where it lands."""
    page.goto(served_site)
    open_search(page, "Russian world")
    hit = first_hit(page)
    assert re.search(r"russian\W+world", hit.inner_text(), re.I), hit.inner_text()
    hit.click()
    page.wait_for_function("() => location.hash.length > 1", timeout=10_000)
    fragment = urlsplit(page.url).fragment
    marked = page.locator(f'[id="{fragment}"] mark[data-md-highlight]')
    marked.first.wait_for(state="attached", timeout=5_000)
    marks = marked.all_text_contents()
    marked = " ".join(marks).lower()  # Material joins neighbouring marks: "Russian world"
    assert re.search(r"\brussian\b", marked) and re.search(r"\bworld\b", marked), marks


def test_a_quoted_query_matches_the_phrase_only(page: Any, served_site: str) -> None:
    """'"stick and carrot"' lists only passages with those words in that order, while the
    same words unquoted find more."""
    page.goto(served_site)
    open_search(page, "stick and carrot")
    unquoted = page.wait_for_function(f"{MATCHING} > 0 && {MATCHING}").json_value()
    page.locator("input.md-search__input").fill('"stick and carrot"')
    page.locator("input.md-search__input").press("End")
    # Read in one step, once the count says fewer documents and the list holds each of
    # them whole: the old list goes item by item, and an item comes a moment before its
    # links.
    handle = page.wait_for_function(
        f"""n => {{ const m = {MATCHING};
                  const items = [...document.querySelectorAll('li.md-search-result__item')];
                  const texts = items.map(li => [...li.querySelectorAll(
                      'a.md-search-result__link')].map(a => a.innerText));
                  return m > 0 && m < n && items.length === m &&
                         texts.every(t => t.length > 0) && texts; }}""",
        arg=unquoted,
        timeout=5_000,
    )
    for passages in handle.json_value():
        assert any(re.search(r"stick\s+and\s+carrot", t, re.I) for t in passages), passages


def test_the_index_loads_when_search_is_first_used(page: Any, served_site: str) -> None:
    """Opening a page fetches only the search config; the documents (search/paragraphs.js)
    come when the search box is used (a prefetch on focus, then the worker's load, which
    the HTTP cache answers), and not again for the next query."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_site + "texts/kosachev-2012/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if u.endswith("search/paragraphs.js")]
    open_search(page, "Nye")
    loads = len([u for u in requested if u.endswith("search/paragraphs.js")])
    assert 1 <= loads <= 2
    open_search(page, "Nye soft")
    assert len([u for u in requested if u.endswith("search/paragraphs.js")]) == loads
