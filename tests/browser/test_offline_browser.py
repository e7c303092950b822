"""The offline edition from ``file://`` with every network request blocked.

``file_page`` (tests/browser/conftest.py) opens ``site-offline/`` (built by ``reader
offline``) in a context that is offline and fails the test if any request leaves the
machine. Search must answer and land on the paragraph; links, glossary tips, footnote
previews and the cite dialog must work as online.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_search import LANDINGS, MORPHOLOGY, TYPOS, assert_landed, first_hit, open_search

pytestmark = pytest.mark.browser


def _uri(site: Path, page: str) -> str:
    return (site / page).as_uri()


@pytest.mark.parametrize(
    "landing", [LANDINGS[0], LANDINGS[2], MORPHOLOGY[0], TYPOS[0]], ids=lambda x: x.query
)
def test_search_lands_on_the_paragraph_offline(
    file_page: Any, offline_site_dir: Path, landing: Any
) -> None:
    """Search (our worker in the iframe-worker shim) answers, and the first hit lands on
    the paragraph or note of the right text, from a file:// page: exact words, another
    word form, a misspelling."""
    file_page.goto(_uri(offline_site_dir, "index.html"))
    open_search(file_page, landing.query)
    hit = first_hit(file_page)
    assert (hit.get_attribute("href") or "").startswith("file://")
    hit.click()
    assert_landed(file_page, landing)


def test_offline_index_loads_with_the_first_query(file_page: Any, offline_site_dir: Path) -> None:
    """From file:// too, the documents (search/paragraphs.js) load with the first query,
    not with the page."""
    requested: list[str] = []
    file_page.on("request", lambda request: requested.append(request.url))
    file_page.goto(_uri(offline_site_dir, "texts/kosachev-2012.html"))
    file_page.wait_for_load_state("load")
    assert not [u for u in requested if u.endswith("search/paragraphs.js")]
    open_search(file_page, "fishing rod")
    assert [u for u in requested if u.endswith("search/paragraphs.js")]


def test_navigation_tips_notes_and_cite_work_offline(
    file_page: Any, offline_site_dir: Path
) -> None:
    """From the home page, a link opens a text; its glossary tip, footnote preview and
    cite dialog all work without a server or the network."""
    page = file_page
    page.set_default_timeout(10_000)
    page.goto(_uri(offline_site_dir, "index.html"))
    page.locator("article a[href$='texts/gussarova-2017.html']").first.click()
    page.wait_for_url("**/texts/gussarova-2017.html")
    assert page.locator("h1").first.inner_text().startswith("Russian Soft Power")

    page.locator("a.term").first.hover()
    page.locator(".reader-tip").wait_for(state="visible")
    assert page.locator(".reader-tip").inner_text().strip()

    note_ref = page.locator("a.footnote-ref").first
    note_ref.scroll_into_view_if_needed()
    note_ref.hover()
    preview = page.locator(".md-tooltip2--active, .md-tooltip2").filter(has_text="//").first
    preview.wait_for(state="visible", timeout=5_000)

    cite = page.locator("button.pcite").first
    cite.click()
    dialog = page.locator("dialog[open]")
    dialog.wait_for(state="visible")
    assert "Gussarova" in dialog.inner_text()


def test_offline_pages_ask_no_other_host(offline_site_dir: Path) -> None:
    """No page of the offline edition names a script, style or the search shim elsewhere
    (the browser tests catch requests; this catches what they do not open)."""
    from reader.checks.quality.links import check_links

    foreign = [d for d in check_links(offline_site_dir) if d.code == "L003"]
    assert not foreign, "\n".join(map(str, foreign))
    pages = sorted(offline_site_dir.rglob("*.html"))
    assert all("unpkg.com" not in p.read_text(encoding="utf-8") for p in pages)
    assert (offline_site_dir / "assets/javascripts/iframe-worker-shim.js").is_file()
