"""Citable paragraphs in Chromium: #pN lands and marks, the number copies the link, the
cite dialog shows the right strings, redirects of old anchors, keyboard, touch, offline.

The expected citation strings come from the page's own front matter in docs/ (formatted
at build time by reader.inputs.bibliography), so the test checks what cite.js composes, not a
copy of it.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SLUG = "kosachev-2012"
CLIPBOARD = ["clipboard-read", "clipboard-write"]
DESKTOP = {"width": 1280, "height": 800}


def cite_data(slug: str = SLUG) -> dict[str, Any]:
    """The ``reader.cite`` front matter of a text page in docs/."""
    text = (ROOT / "docs" / "texts" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])["reader"]["cite"]


PUBLIC = "https://soft-power-reader.github.io/reader/texts/kosachev-2012/"


def expected(data: dict[str, Any], style: str, number: int, part: str = "text") -> str:
    """The paragraph citation the dialog should show: the build's template, with the
    number and today's date put in by hand (the style's own month names)."""
    today = datetime.date.today()
    entry = data["paragraph"]["styles"][style]
    out = entry[part].replace("{n}", str(number)).replace("{yyyy}", str(today.year))
    out = out.replace("{d}", str(today.day))
    return out.replace("{month}", entry["months"][today.month - 1])


@pytest.fixture
def cpage(page_factory: Any) -> Any:
    """A desktop page allowed to read and write the clipboard."""
    page = page_factory(viewport=DESKTOP)
    page.context.grant_permissions(CLIPBOARD)
    page.set_default_timeout(10_000)
    return page


def text_url(served_site: str, slug: str = SLUG) -> str:
    return f"{served_site}texts/{slug}/"


def canonical(page: Any) -> str:
    return page.locator('link[rel="canonical"]').get_attribute("href")


def in_view_below_header(page: Any, selector: str) -> bool:
    return page.evaluate(
        """(sel) => {
            const box = document.querySelector(sel).getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return box.top >= header.bottom - 1 && box.top < window.innerHeight / 2;
        }""",
        selector,
    )


def test_opening_at_a_paragraph_shows_and_marks_it(cpage: Any, served_site: str) -> None:
    cpage.goto(text_url(served_site) + "#p12")
    target = cpage.locator("#p12")
    cpage.wait_for_function("document.querySelector('#p12').classList.contains('is-marked')")
    assert in_view_below_header(cpage, "#p12")
    assert cpage.locator(".is-marked").count() == 1
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert target.locator("a.pnum").inner_text().strip() == "12"
    cpage.locator("#p14").click(position={"x": 200, "y": 10})
    assert cpage.locator(".is-marked").count() == 0


def test_the_number_copies_the_paragraph_url(cpage: Any, served_site: str) -> None:
    cpage.goto(text_url(served_site))
    number = cpage.locator("#p5 > a.pnum")
    number.scroll_into_view_if_needed()
    number.click()
    link = canonical(cpage) + "#p5"
    assert link.startswith("https://") and "/texts/kosachev-2012/" in link
    cpage.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
    assert cpage.evaluate("navigator.clipboard.readText()") == link
    status = cpage.locator(".cite-status")
    assert status.get_attribute("role") == "status"
    assert "Link to paragraph 5 copied" in status.inner_text()
    assert status.is_visible()
    assert cpage.evaluate("location.hash") == "#p5"
    assert "is-marked" in (cpage.locator("#p5").get_attribute("class") or "")


def test_cite_dialog_shows_the_references_and_closes_with_escape(
    cpage: Any, served_site: str
) -> None:
    data = cite_data()
    cpage.goto(text_url(served_site))
    paragraph = cpage.locator("#p7")
    paragraph.scroll_into_view_if_needed()
    paragraph.hover()
    button = paragraph.locator(".pcite")
    cpage.wait_for_function(
        "getComputedStyle(document.querySelector('#p7 > .pcite')).opacity === '1'"
    )
    button.click()
    dialog = cpage.locator("dialog.cite-dialog[open]")
    dialog.wait_for(state="visible")
    today = datetime.date.today()
    chicago = dialog.locator('p[data-format="chicago"]').inner_text()
    apa = dialog.locator('p[data-format="apa"]').inner_text()
    mla = dialog.locator('p[data-format="mla"]').inner_text()
    assert chicago == expected(data, "chicago", 7)
    assert chicago.startswith("Konstantin Kosachev, “The Specifics of Russian Soft Power”, in ")
    assert "Soft Power Reader, version 1." in chicago and ", para. 7, accessed " in chicago
    assert chicago.endswith(f"{today.year}, {PUBLIC}#p7.")
    assert apa == expected(data, "apa", 7) and apa.startswith("Kosachev, K. (")
    assert f"from {PUBLIC}#p7" in apa
    assert mla == expected(data, "mla", 7) and f"Accessed {today.day} " in mla
    intext = dialog.locator('[data-intext="apa"]').inner_text()
    assert intext == "In the text: " + expected(data, "apa", 7, "cite") and "para. 7" in intext
    bibtex = dialog.locator('pre[data-format="bibtex"]').inner_text()
    assert "@incollection{kosachev2012-p7," in bibtex and f"{PUBLIC}#p7" in bibtex
    assert f"urldate = {{{today.isoformat()}}}" in bibtex
    ris = dialog.locator('pre[data-format="ris"]').inner_text()
    assert "TY  - CHAP" in ris and f"Y2  - {today.strftime('%Y/%m/%d')}/" in ris
    csl = json.loads(dialog.locator('pre[data-format="csl"]').inner_text())
    assert csl[0]["URL"] == f"{PUBLIC}#p7" and csl[0]["accessed"]["date-parts"][0][0] == today.year
    assert "Cite paragraph 7" in dialog.locator("h2").inner_text()

    dialog.locator('button.cite-copy[data-format="apa"]').click()
    cpage.wait_for_function("document.querySelector('.cite-status').textContent.includes('APA')")
    assert cpage.evaluate("navigator.clipboard.readText()") == apa

    cpage.keyboard.press("Escape")
    cpage.wait_for_selector("dialog.cite-dialog", state="hidden")
    assert cpage.evaluate("document.activeElement === document.querySelector('#p7 > .pcite')")


def test_everything_works_by_keyboard(cpage: Any, served_site: str) -> None:
    data = cite_data()
    cpage.goto(text_url(served_site))
    cpage.locator("#p3 > a.pnum").focus()
    cpage.keyboard.press("Enter")
    cpage.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
    assert cpage.evaluate("navigator.clipboard.readText()") == canonical(cpage) + "#p3"

    cpage.keyboard.press("Tab")
    focused = cpage.evaluate(
        "[document.activeElement.classList.contains('pcite'),"
        " document.activeElement.getAttribute('aria-label')]"
    )
    assert focused == [True, "Cite paragraph 3"]
    # visible while focused (after its fade-in)
    cpage.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    cpage.keyboard.press("Enter")
    dialog = cpage.locator("dialog.cite-dialog[open]")
    dialog.wait_for(state="visible")
    assert cpage.evaluate("document.querySelector('dialog').contains(document.activeElement)")
    cpage.keyboard.press("Enter")  # the first copy button: Chicago
    cpage.wait_for_function(
        "document.querySelector('.cite-status').textContent.includes('Chicago')"
    )
    assert cpage.evaluate("navigator.clipboard.readText()") == expected(data, "chicago", 3)
    cpage.keyboard.press("Escape")
    cpage.wait_for_selector("dialog.cite-dialog", state="hidden")
    assert cpage.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Cite paragraph 3"
    )


def test_old_anchor_redirects_on_load_and_on_hashchange(cpage: Any, served_site: str) -> None:
    """A lock-recorded redirect (here injected into the page) moves an old #pN."""

    def inject(route: Any) -> None:
        body = route.fetch().text()
        body = re.sub(
            r'(<script type="application/json" id="anchor-redirects"[^>]*>)[^<]*',
            lambda m: m.group(1) + json.dumps({"p3": "p9", "p999": "p20"}),
            body,
        )
        route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

    cpage.route(re.compile(r".*/texts/kosachev-2012/(index\.html)?$"), inject)
    cpage.goto(text_url(served_site) + "#p3")
    cpage.wait_for_function("location.hash === '#p9'")
    cpage.wait_for_function("document.querySelector('#p9').classList.contains('is-marked')")
    assert in_view_below_header(cpage, "#p9")
    status = cpage.locator(".cite-status")
    assert "Paragraph 3 of an earlier version of this text is now paragraph 9" in (
        status.inner_text()
    )
    status.get_by_role("button", name="Show the current paragraph 3").click()
    cpage.wait_for_function("location.hash === '#p3'")
    assert "is-marked" in (cpage.locator("#p3").get_attribute("class") or "")

    cpage.evaluate("location.hash = '#p999'")
    cpage.wait_for_function("location.hash === '#p20'")
    cpage.wait_for_function("document.querySelector('#p20').classList.contains('is-marked')")


def test_touch_tap_reveals_cite_and_opens_the_dialog(page_factory: Any, served_site: str) -> None:
    page = page_factory(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page.goto(text_url(served_site))
    paragraph = page.locator("#p9")
    paragraph.scroll_into_view_if_needed()
    button = paragraph.locator(".pcite")
    assert button.evaluate("el => getComputedStyle(el).opacity") == "0"
    box = paragraph.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + 10)
    page.wait_for_function(
        "getComputedStyle(document.querySelector('#p9 > .pcite')).opacity === '1'"
    )
    button.tap()
    dialog = page.locator("dialog.cite-dialog[open]")
    dialog.wait_for(state="visible")
    assert "para. 9" in dialog.locator('p[data-format="chicago"]').inner_text()
    dialog.locator(".cite-dialog__close").tap()
    page.wait_for_selector("dialog.cite-dialog", state="hidden")


def test_offline_cites_the_public_url(file_page: Any, offline_site_dir: Path) -> None:
    """From file://, the number copies and the citation names the public URL, never the
    reader's local path, and the dialog says the text was read in the offline edition."""
    file_page.context.grant_permissions(CLIPBOARD)
    uri = (offline_site_dir / "texts" / f"{SLUG}.html").as_uri()
    file_page.goto(uri + "#p4")
    file_page.wait_for_function("document.querySelector('#p4').classList.contains('is-marked')")
    file_page.locator("#p6 > a.pnum").click()
    file_page.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
    assert file_page.evaluate("navigator.clipboard.readText()") == PUBLIC + "#p6"
    file_page.locator("#p6 > .pcite").click()
    dialog = file_page.locator("dialog.cite-dialog[open]")
    dialog.wait_for(state="visible")
    assert f"from {PUBLIC}#p6" in dialog.locator('p[data-format="apa"]').inner_text()
    assert "file:" not in dialog.inner_text()
    assert "Read in the offline edition" in dialog.locator(".cite-dialog__version").inner_text()
