"""The reading experience in a real browser: the home page and a text page at desktop and
phone size, in the dark scheme and in print, saved as screenshots for a person to look at;
and the properties a reader relies on: no sideways scrolling on a phone, enough contrast
for what the edition adds, and a print that keeps the text, its paragraph numbers and its
footnotes while dropping the navigation.

Screenshots and the print PDF go to ``test-artifacts/screenshots/reading-*.png|pdf``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.checks.quality.axe import blocking, describe, inject_axe

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TEXT = "texts/kosachev-2012/"
PAGES = {"home": "", "text": TEXT}
TEXTS = (
    "kosachev-2012",
    "makarychev-2011",
    "bezrukov-2018",
    "gussarova-2017",
    "alipour-gorji-2024",
)
#: What the edition's stylesheet adds and must keep readable in both schemes.
ADDED = (
    ".text-header",
    ".speaker",
    ".card-facts",
    ".timeline",
    ".missing-image",
    ".source-contents",
    ".relocated",
    ".lost-link",
    ".figure-source",
    ".table-source",
)


def _open(page: Any, url: str, scheme: str = "light") -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(
        "s => document.body.getAttribute('data-md-color-scheme') === s", arg=expected
    )


def _shot(page: Any, name: str, *, full: bool = False) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"reading-{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


@pytest.mark.parametrize("which", sorted(PAGES))
@pytest.mark.parametrize(
    ("mode", "viewport", "scheme"),
    [("desktop", DESKTOP, "light"), ("phone", PHONE, "light"), ("dark", DESKTOP, "dark")],
)
def test_screenshots(
    page_factory: Any, served_site: str, which: str, mode: str, viewport: dict, scheme: str
) -> None:
    """Desktop, phone and dark screenshots of the home page and a text page."""
    phone = mode == "phone"
    page = page_factory(viewport=viewport, color_scheme=scheme, is_mobile=phone, has_touch=phone)
    _open(page, served_site + PAGES[which], scheme)
    if which == "home":
        assert page.locator(".grid.cards > ul > li").count() == len(TEXTS)
        assert page.locator(".timeline li").count() > len(TEXTS)
        _shot(page, f"{which}-{mode}", full=True)
    else:
        assert page.locator(".text-header").is_visible()
        _shot(page, f"{which}-{mode}")
        page.locator("#p12").scroll_into_view_if_needed()
        _shot(page, f"{which}-{mode}-p12")


@pytest.mark.parametrize("slug", ["", *(f"texts/{t}/" for t in TEXTS)])
def test_no_horizontal_overflow_on_a_phone(page_factory: Any, served_site: str, slug: str):
    """At 390×844 the home page and every text fit the screen's width."""
    page = page_factory(viewport=PHONE, is_mobile=True, has_touch=True)
    _open(page, served_site + slug)
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], f"{slug or 'home'}: {sizes[0]}px wide on a {sizes[1]}px screen"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "url", ["", TEXT, "texts/gussarova-2017/", "texts/bezrukov-2018/", "texts/alipour-gorji-2024/"]
)
def test_what_the_edition_adds_has_enough_contrast(
    page_factory: Any, served_site: str, url: str, scheme: str
) -> None:
    """axe's colour-contrast rule passes on every element the reader stylesheet styles."""
    page = page_factory(viewport=DESKTOP, color_scheme=scheme)
    _open(page, served_site + url, scheme)
    present = [s for s in ADDED if page.locator(s).count()]
    assert present, "no styled element found"
    violations = inject_axe(
        page,
        context={"include": [[s] for s in present]},
        options={"runOnly": ["color-contrast"], "resultTypes": ["violations"]},
    )
    assert not blocking(violations), describe(violations)


def test_print_keeps_text_numbers_and_notes_and_drops_navigation(
    page_factory: Any, served_site: str
) -> None:
    """In print: no header, sidebars, search, footer or buttons; every paragraph number,
    every footnote and the page's URL shown. Saves a print screenshot and a PDF."""
    page = page_factory(viewport=DESKTOP)
    _open(page, served_site + "texts/makarychev-2011/")
    numbers = page.locator("a.pnum").count()
    notes = page.locator(".footnote li").count()
    assert numbers > 10 and notes == 8
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".text-header__actions",
        ".md-top",
    ):
        hidden = page.locator(chrome).evaluate_all(
            "els => els.every(e => !e.getClientRects().length"
            " || getComputedStyle(e).display === 'none')"
        )
        assert hidden, f"{chrome} is printed"
    shown = page.evaluate(
        """() => {
        const visible = e => e.getClientRects().length > 0
            && getComputedStyle(e).visibility !== 'hidden';
        return {
            numbers: [...document.querySelectorAll('a.pnum')].filter(visible).length,
            notes: [...document.querySelectorAll('.footnote li')].filter(visible).length,
            url: [...document.querySelectorAll('.print-url')].filter(visible)
                .map(e => e.textContent).join(' '),
        };
    }"""
    )
    assert shown["numbers"] == numbers
    assert shown["notes"] == notes
    assert "https://soft-power-reader.github.io/reader/texts/makarychev-2011/" in shown["url"]
    _shot(page, "text-print", full=True)
    pdf = SHOTS / "reading-text-print.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    assert pdf.stat().st_size > 10_000


def test_home_print_shows_the_url_without_navigation(page_factory: Any, served_site: str):
    """The home page prints its cards and timeline with its URL and without the nav."""
    page = page_factory(viewport=DESKTOP)
    _open(page, served_site)
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".print-url").is_visible()
    assert page.locator(".timeline").is_visible()
    _shot(page, "home-print", full=True)
