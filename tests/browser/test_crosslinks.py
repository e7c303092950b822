"""Cross-links in the built site: every link from a related-passages marker, an editorial
note or a comparison page resolves to a page and an id; in Chromium a marker opens by
keyboard and by click and its link lands on the target paragraph. The edition withholds
its computed links from the text pages (``related.BANDS``); their ⇄ markers are tested
on a copy built under bands that show them (``shown_site_dir``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

CROSSLINK_KINDS = ("related", "xref", "disagrees")
TEXT = "texts/kosachev-2012/"


class _Links(HTMLParser):
    """Collect ids, and the hrefs inside cross-link annotations (or all, with ``every``)."""

    def __init__(self, every: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.every = every
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        classes = set((attributes.get("class") or "").split())
        inside = bool(self.stack and self.stack[-1]) or bool(
            classes & ({f"mark--{kind}" for kind in CROSSLINK_KINDS} | {"editors-notes"})
        )
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            self.stack.append(inside)
        if tag == "a" and attributes.get("href") and (self.every or inside):
            self.hrefs.append(attributes["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()


def _parse(path: Path, every: bool = False) -> _Links:
    parser = _Links(every)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and fragment a relative href of ``page`` points to (None if external)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    base = "/" + page.relative_to(site).as_posix()
    path = unquote(urlsplit(urljoin(base, parts.path)).path) if parts.path else base
    file = site / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)


@pytest.mark.parametrize("built", ["site_dir", "shown_site_dir"])
def test_every_crosslink_in_the_built_site_resolves(request: Any, built: str) -> None:
    site_dir = request.getfixturevalue(built)
    pages = [(p, False) for p in sorted((site_dir / "texts").glob("*/index.html"))]
    pages += [(p, True) for p in sorted((site_dir / "compare").rglob("index.html"))]
    assert len(pages) >= 5 + 7
    ids: dict[Path, set[str]] = {}
    checked = 0
    for page, every in pages:
        for href in _parse(page, every).hrefs:
            target = _target(site_dir, page, href)
            if target is None:
                continue
            file, fragment = target
            assert file.is_file(), f"{page.relative_to(site_dir)}: {href} -> no page"
            if fragment:
                if file not in ids:
                    ids[file] = _parse(file).ids
                assert fragment in ids[file], f"{page.relative_to(site_dir)}: {href} -> no id"
            checked += 1
    assert checked > 300
    assert (site_dir / "annotations.jsonld").is_file()


#: The markers whose tip lists passages of other texts, and the site that has them: the
#: editors' see-also notes on the edition itself; the computed links (⇄) on a copy built
#: under bands that show them (the edition withholds them: ``related.BANDS``), since
#: both share annotations.js's code for opening, placing and closing a tip.
MARKERS = {
    "editors": ("served_site", "a.mark--xref"),
    "computed": ("served_shown_site", "a.mark--related"),
}


def _site(request: Any, kind: str) -> str:
    return request.getfixturevalue(MARKERS[kind][0])


def _open_marker(page: Any, site: str, kind: str, how: str) -> Any:
    page.goto(site + TEXT)
    marker = page.locator(MARKERS[kind][1]).first
    tip = page.locator(".reader-tip")
    assert not tip.is_visible()
    if how == "keyboard":
        marker.focus()
    else:
        marker.click()
        page.mouse.move(0, 0)  # the tip must stay open without hover
    tip.wait_for(state="visible")
    return tip


@pytest.mark.parametrize("kind", MARKERS)
@pytest.mark.parametrize("how", ["keyboard", "click"])
def test_a_crosslink_marker_opens_and_its_link_lands_on_the_paragraph(
    page: Any, request: Any, kind: str, how: str
) -> None:
    tip = _open_marker(page, _site(request, kind), kind, how)
    link = tip.locator(".reader-tip__p a").first
    href = link.get_attribute("href") or ""
    slug, anchor = re.fullmatch(r"\.\./([a-z0-9-]+)/#(p\d+)", href).groups()
    assert slug != "kosachev-2012"
    if how == "keyboard":
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == href
        page.keyboard.press("Enter")
    else:
        link.click()
    page.wait_for_url(re.compile(rf"/texts/{slug}/#{anchor}$"))
    target = page.locator(f"#{anchor}")
    assert target.evaluate("el => el.matches(':target')")
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_a_computed_links_tip_gives_each_passage_with_its_reason(
    page: Any, served_shown_site: str
) -> None:
    """Each line of a ⇄ tip: the passage's label, its first words and the reason in words
    (the pass's reason, e.g. "both discuss compatriots"), as on the related page."""
    tip = _open_marker(page, served_shown_site, "computed", "keyboard")
    lines = tip.locator(".reader-tip__p:not(.reader-tip__head):not(.reader-tip__more)")
    assert lines.count() >= 1
    for index in range(lines.count()):
        line = lines.nth(index)
        assert re.fullmatch(
            r"[A-Z][\w-]+(?: [\w&-]+)* \d{4}, ¶\d+(?:–\d+)?", line.locator("a").inner_text()
        )
        reason = line.locator(".reader-tip__shared").inner_text()
        assert re.fullmatch(r"shared: (both discuss|they share the words) .+", reason), reason
    assert "Related passages" in tip.locator(".reader-tip__head").inner_text()
    more = tip.locator(".reader-tip__more a").evaluate("a => a.href")
    assert more == page.locator("a.mark--related").first.evaluate("a => a.href")


def test_without_a_script_a_related_marker_leads_to_its_list(
    page_factory: Any, served_shown_site: str
) -> None:
    page = page_factory(java_script_enabled=False)
    page.goto(served_shown_site + TEXT)
    marker = page.locator("a.mark--related").first
    marker.click()
    page.wait_for_url(re.compile(r"/related/#kosachev-2012-p\d+$"))
    item = page.locator("li:has(> p:target)")
    assert item.locator("a[href*='/texts/']").count() >= 2  # back to ¶, then the passages


def test_without_a_script_an_editors_marker_leads_to_its_note(
    page_factory: Any, served_site: str
) -> None:
    page = page_factory(java_script_enabled=False)
    page.goto(served_site + TEXT)
    page.locator("a.mark--xref").first.click()
    page.wait_for_url(re.compile(r"/texts/kosachev-2012/#note-[\w-]+$"))
    note = page.locator(".editors-notes li:target")
    assert note.is_visible() and note.locator("a[href*='#p']").count() >= 1


def test_the_edition_marks_no_computed_link_in_its_texts(site_dir: Path) -> None:
    """The strong band is withheld: a reader sees the editors' markers only (the computed
    links are on the related page, behind its control)."""
    for page in sorted((site_dir / "texts").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        assert "mark--related" not in html and "mark--xref" in html, page


@pytest.mark.parametrize("kind", MARKERS)
def test_escape_closes_an_open_marker(page: Any, request: Any, kind: str) -> None:
    tip = _open_marker(page, _site(request, kind), kind, "keyboard")
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_editorial_note_markers_show_their_text(page: Any, served_site: str) -> None:
    page.goto(served_site + "texts/gussarova-2017/")
    page.locator("a.mark--disagrees").first.focus()
    tip = page.locator(".reader-tip")
    assert tip.is_visible() and "Kosachev" in tip.inner_text()
