"""Hostile URLs and queries in Chromium: nothing runs, nothing of them enters the page,
and no script of the edition throws.

A payload sets ``window.__pwned`` or opens a dialog if it ever runs; it also carries an
element (``<img src=x>``, ``<svg>``) that must never appear in the DOM. The fragments
include malformed percent escapes (``#%``, ``#p1%E0``), which made cite.js's
``decodeURIComponent`` throw ("URI malformed") before it read them safely.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

SLUG = "kosachev-2012"
PAYLOAD = "<img src=x onerror=window.__pwned=1><svg onload=window.__pwned=1>"
FRAGMENTS = [
    '#p1"><img src=x onerror=window.__pwned=1>',
    "#%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
    "#%",
    "#p1%E0%A4%A",
    "#%p1",
    "#__proto__",
    "#constructor",
]
QUERIES = [PAYLOAD, '"><svg onload=window.__pwned=1>', "soft power <b>x</b>", "&lt;img&gt;"]


@pytest.fixture
def watched(page: Any) -> dict[str, list[str]]:
    """The page's uncaught errors and dialogs, as they happen."""
    seen: dict[str, list[str]] = {"errors": [], "dialogs": []}
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    return seen


def injected(page: Any) -> dict[str, Any]:
    """Whether a payload ran, and the elements it would have made."""
    return page.evaluate(
        """() => ({
            pwned: window.__pwned || 0,
            elements: document.querySelectorAll('img[src="x"], svg[onload], [onerror]').length,
        })"""
    )


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_a_hostile_fragment_runs_nothing_and_throws_nothing(
    page: Any, served_site: str, watched: dict[str, list[str]], fragment: str
) -> None:
    """The text page opened at the fragment: no error, no payload; and the page still
    follows a real paragraph link afterwards (cite.js's hashchange handler is alive)."""
    page.goto(f"{served_site}texts/{SLUG}/{fragment}")
    page.wait_for_timeout(200)
    page.evaluate("location.hash = '#p3'")
    page.wait_for_function("document.getElementById('p3').classList.contains('is-marked')")
    assert watched == {"errors": [], "dialogs": []}
    assert injected(page) == {"pwned": 0, "elements": 0}


@pytest.mark.parametrize("query", QUERIES)
def test_a_hostile_query_runs_nothing(
    page: Any, served_site: str, watched: dict[str, list[str]], query: str
) -> None:
    """A search query with markup: the results and "Did you mean" show it as text."""
    page.goto(f"{served_site}texts/{SLUG}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_timeout(1500)
    assert page.locator(".md-search-result__meta").is_visible()
    assert watched == {"errors": [], "dialogs": []}
    assert injected(page) == {"pwned": 0, "elements": 0}
    assert page.locator(".md-search-result b:text-is('x')").count() == 0
