"""Terms, markers and their tips on the real built site, in a real Chromium.

- Every page at 320/390/768/1280/1920 px: no horizontal scroll; every term inline.
- Tips open on hover, focus and tap, close on Escape, stay inside the viewport and never
  cover their term; without a script a term is a link to its glossary entry.
- Copying with the real clipboard gives the authors' words: a paragraph with terms,
  notes and markers (and an open tip) copies as the words the conservation check reads
  from the built HTML, which leaves out the edition's chrome by structure.
- "Copy quote with citation" copies “the words” followed by the paragraph's citation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from reader.checks.conservation import page_words, words

pytestmark = pytest.mark.browser

TEXTS = (
    "makarychev-2011",
    "kosachev-2012",
    "gussarova-2017",
    "bezrukov-2018",
    "alipour-gorji-2024",
)
WIDTHS = (320, 390, 768, 1280, 1920)


def _pages(site_dir: Path) -> list[str]:
    pages = sorted(site_dir.glob("**/index.html"))
    return [str(p.parent.relative_to(site_dir)).replace(".", "") for p in pages]


def _plain(text: str) -> list[str]:
    return [w.text for w in words(text)]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_every_term_is_inline(
    page_factory: Any, served_site: str, site_dir: Path, width: int
) -> None:
    page = page_factory(viewport={"width": width, "height": 900})
    problems = []
    for path in _pages(site_dir):
        page.goto(served_site + (path + "/" if path else ""))
        wide = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if wide[0] > wide[1]:
            problems.append(f"{path or 'home'} at {width}px: {wide[0]} > {wide[1]}")
        blocky = page.evaluate(
            """() => [...document.querySelectorAll('a.term, a.bibref')]
                 .filter(a => getComputedStyle(a).display !== 'inline').length"""
        )
        if blocky:
            problems.append(f"{path}: {blocky} terms not display:inline")
    assert not problems, problems


def _paragraph_html(site_dir: Path, slug: str, anchor: str) -> str:
    html = (site_dir / "texts" / slug / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'<p [^>]*\bid="{anchor}"[^>]*>.*?</p>', html, re.S)
    assert match, anchor
    return match.group(0)


def _select(page: Any, anchor: str) -> None:
    page.evaluate(
        """(id) => { const r = document.createRange();
             r.selectNodeContents(document.getElementById(id));
             const s = getSelection(); s.removeAllRanges(); s.addRange(r); }""",
        anchor,
    )


@pytest.mark.parametrize("slug", TEXTS)
def test_copying_a_paragraph_gives_the_authors_words(
    page_factory: Any, served_site: str, site_dir: Path, slug: str
) -> None:
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served_site + f"texts/{slug}/")
    anchors = page.evaluate(
        """() => [...document.querySelectorAll('p[id]')]
             .filter(p => p.querySelector(':scope > a.pnum') &&
                          p.querySelector('a.term, a.mark, a.bibref'))
             .map(p => [p.id, !!p.querySelector('a.mark'), !!p.querySelector('a.term')])"""
    )
    chosen = [a for a, mark, term in anchors if mark and term][:3] or [a[0] for a in anchors[:3]]
    assert chosen, slug
    for anchor in chosen:
        term = page.locator(f"#{anchor} a.term, #{anchor} a.bibref").first
        term.hover()  # an open tip must not land in the copy
        page.locator(".reader-tip").wait_for(state="visible")
        _select(page, anchor)
        page.keyboard.press("Control+c")
        copied = page.evaluate("navigator.clipboard.readText()")
        expected = page_words(_paragraph_html(site_dir, slug, anchor)).main
        assert _plain(copied) == expected, f"{slug} {anchor}: {copied[:120]!r}"
        number = anchor[1:]
        assert not copied.startswith(number) and "Cite" not in copied[:12]
        for label in ("see also", "disagrees", "⇄", "Glossary entry"):
            assert label not in copied


def test_copy_of_part_of_a_paragraph_is_exactly_its_words(page_factory: Any, served_site: str):
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served_site + "texts/makarychev-2011/")
    # From inside "soft power" through the "see also" marker to the words after it.
    page.evaluate(
        """() => { const p = document.getElementById('p2');
             const term = p.querySelector('a.term'), mark = p.querySelector('a.mark');
             const r = document.createRange();
             r.setStart(term.firstChild, 5);
             r.setEnd(mark.nextSibling, 10);
             const s = getSelection(); s.removeAllRanges(); s.addRange(r); }"""
    )
    page.keyboard.press("Control+c")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "power elucidates the importance of immaterial policy tools (like the"


#: Page scripts that put the clipboard in another state, by name. ``__realClipboard`` keeps
#: the real one for the test to read back.
CLIPBOARDS = {
    "clipboard": "",
    # Every write waits for ``window.__releaseClipboard()``: the write is asynchronous, and
    # on a loaded machine it can resolve well after the click has returned.
    "slow-clipboard": """(() => {
      const clip = navigator.clipboard, write = clip.writeText.bind(clip), held = [];
      clip.writeText = (text) => new Promise((resolve) => held.push(resolve))
        .then(() => write(text));
      window.__releaseClipboard = () => held.splice(0).forEach((resolve) => resolve());
    })()""",
    # Refused (an unfocused document, a denied permission): the execCommand fallback.
    "refused-clipboard": """(() => { navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException("refused", "NotAllowedError")); })()""",
    # Missing (some browsers' file:// pages): the execCommand fallback.
    "no-clipboard": """(() => { window.__realClipboard = navigator.clipboard;
      Object.defineProperty(navigator, "clipboard", { value: undefined }); })()""",
}
READ_CLIPBOARD = "(window.__realClipboard || navigator.clipboard).readText()"


@pytest.mark.parametrize("clipboard", CLIPBOARDS)
def test_copy_quote_with_citation(page_factory: Any, served_site: str, clipboard: str) -> None:
    page = page_factory(viewport={"width": 390, "height": 800})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served_site + "texts/makarychev-2011/")
    page.evaluate("navigator.clipboard.writeText('')")  # nothing left from an earlier test
    if CLIPBOARDS[clipboard]:
        page.add_init_script(CLIPBOARDS[clipboard])
        page.reload()
    page.evaluate(
        """() => { const p = document.getElementById('p2');
             const mark = p.querySelector('a.mark');
             const r = document.createRange();
             r.setStart(p.querySelector('a.term').firstChild, 0);
             r.setEnd(mark.nextSibling, 10);
             const s = getSelection(); s.removeAllRanges(); s.addRange(r); }"""
    )
    button = page.locator("button.reader-quote")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    status = page.locator(".cite-status")  # cite.js's toast, the one status of the page
    expect(status).to_have_count(1)  # the live region is there, empty, before it speaks
    expect(status).to_have_text("")
    button.click()
    if clipboard == "slow-clipboard":  # nothing is said, the button stays, until it resolves
        expect(status).to_have_text("")
        expect(button).to_be_visible()
        page.evaluate("window.__releaseClipboard()")
    expect(status).to_have_text("Quote with citation copied.")
    expect(status).to_be_in_viewport()  # seen, not only announced
    expect(button).to_be_hidden()
    copied = page.evaluate(READ_CLIPBOARD)
    assert copied.startswith(
        "“soft power elucidates the importance of immaterial policy tools (like the” Makarychev"
    )
    assert copied.endswith(
        ", ¶ 2, https://soft-power-reader.github.io/reader/texts/makarychev-2011/#p2"
    )


@pytest.mark.parametrize("clipboard", ("refused-clipboard", "no-clipboard"))
def test_the_paragraph_link_copies_through_the_same_fallback(
    page_factory: Any, served_site: str, clipboard: str
) -> None:
    """cite.js's own copies (here a paragraph number) use the writer copy.js uses."""
    page = page_factory(viewport={"width": 1280, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(served_site + "texts/kosachev-2012/")
    page.evaluate("navigator.clipboard.writeText('')")
    page.add_init_script(CLIPBOARDS[clipboard])
    page.reload()
    number = page.locator("#p5 > a.pnum")
    number.click()
    expect(page.locator(".cite-status")).to_contain_text("Link to paragraph 5 copied.")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert page.evaluate(READ_CLIPBOARD) == canonical + "#p5"
    assert page.evaluate("document.activeElement === document.querySelector('#p5 > a.pnum')")


def test_copy_js_runs_after_the_cite_js_whose_clipboard_writer_it_uses(site_dir: Path) -> None:
    """Scripts that are all plain, or all deferred (mkdocs.yml, scripts/theme/main.html),
    run in document order; an async or module script, or a mix, would not."""
    problems = []
    for page in sorted(site_dir.glob("**/*.html")):
        scripts = re.findall(r"<script\b([^>]*)>", page.read_text(encoding="utf-8"))
        names = [re.search(r'src="[^"]*/(\w+\.js)"', a) for a in scripts]
        order = [(m.group(1), a) for m, a in zip(names, scripts, strict=True) if m]
        mine = {name: (i, attrs) for i, (name, attrs) in enumerate(order)}
        if "copy.js" not in mine:
            continue
        late = "cite.js" not in mine or mine["cite.js"][0] > mine["copy.js"][0]
        odd = [n for n, (_, attrs) in mine.items() if re.search(r"async|module", attrs)]
        deferred = {bool(re.search(r"\bdefer\b", attrs)) for _, attrs in order}
        if late or odd or len(deferred) > 1:
            problems.append(f"{page.relative_to(site_dir)}: {order}")
    assert not problems, problems


def _inside_and_clear(page: Any, term: Any) -> None:
    tip = page.locator(".reader-tip")
    tip.wait_for(state="visible")
    t, b = tip.bounding_box(), term.bounding_box()
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    assert t["x"] >= 0 and t["x"] + t["width"] <= width, (t, width)
    assert t["y"] >= 0 and t["y"] + t["height"] <= height, (t, height)
    overlap = not (
        t["y"] >= b["y"] + b["height"] - 0.5
        or t["y"] + t["height"] <= b["y"] + 0.5
        or t["x"] >= b["x"] + b["width"]
        or t["x"] + t["width"] <= b["x"]
    )
    assert not overlap, (t, b)


#: The markers whose tip holds links, and the site that has them: the editors' see-also
#: notes on the edition; the computed ⇄ links on a copy built under bands that show them
#: (the edition withholds them, ``related.BANDS``; see ``shown_site_dir``).
MARKERS = {
    "editors": ("served_site", "a.mark--xref"),
    "computed": ("served_shown_site", "a.mark--related"),
}


@pytest.mark.parametrize("kind", MARKERS)
@pytest.mark.parametrize("width", (320, 390, 1280))
def test_tips_open_on_hover_and_focus_close_on_escape_inside_the_viewport(
    page_factory: Any, request: Any, width: int, kind: str
) -> None:
    site, selector = MARKERS[kind]
    page = page_factory(viewport={"width": width, "height": 800})
    page.goto(request.getfixturevalue(site) + "texts/gussarova-2017/")
    terms = page.locator("a.term")
    for index in (0, 7, 40, terms.count() - 1):
        term = terms.nth(index)
        term.scroll_into_view_if_needed()
        term.hover()
        _inside_and_clear(page, term)
        page.keyboard.press("Escape")
        assert not page.locator(".reader-tip").is_visible()
    page.mouse.move(0, 0)
    marker = page.locator(selector).last
    marker.focus()
    _inside_and_clear(page, marker)
    page.keyboard.press("Tab")  # into the tip: its first link
    assert page.evaluate("!!document.activeElement.closest('.reader-tip')")
    page.keyboard.press("Escape")
    assert not page.locator(".reader-tip").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('mark')")


def test_a_tap_opens_the_tip_and_a_second_tap_follows_the_link(
    page_factory: Any, served_site: str
) -> None:
    page = page_factory(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page.goto(served_site + "texts/kosachev-2012/")
    term = page.locator("a.term").first
    term.scroll_into_view_if_needed()
    term.tap()
    _inside_and_clear(page, term)
    assert "/texts/kosachev-2012/" in page.url
    tip, box = page.locator(".reader-tip").bounding_box(), term.bounding_box()
    top = min(tip["y"], box["y"])
    y = top - 30 if top > 120 else max(tip["y"] + tip["height"], box["y"] + box["height"]) + 30
    page.touchscreen.tap(4, y)  # a tap elsewhere (the margin) closes it
    assert not page.locator(".reader-tip").is_visible()
    term.tap()
    page.locator(".reader-tip").wait_for(state="visible")
    term.tap()
    page.wait_for_url(re.compile(r"/glossary/#[a-z0-9-]+$"))


def test_a_hostile_definition_shows_as_text(page_factory: Any, served_site: str) -> None:
    page = page_factory()
    page.goto(served_site + "texts/makarychev-2011/")
    page.evaluate(
        """() => { const d = document.getElementById('tip-data');
             const data = JSON.parse(d.textContent);
             const id = document.querySelector('a.term').hash.slice(1);
             data.terms[id] = '<img src=x onerror="window.__pwned=1"> *x*';
             d.textContent = JSON.stringify(data); }"""
    )
    page.locator("a.term").first.hover()
    tip = page.locator(".reader-tip")
    tip.wait_for(state="visible")
    assert '<img src=x onerror="window.__pwned=1"> *x*' in tip.inner_text()
    assert page.evaluate("window.__pwned === undefined")


def test_without_a_script_a_term_is_a_link_to_its_entry(
    page_factory: Any, served_site: str
) -> None:
    page = page_factory(java_script_enabled=False)
    page.goto(served_site + "texts/makarychev-2011/")
    term = page.locator("a.term").first
    href = term.get_attribute("href") or ""
    assert re.fullmatch(r"\.\./\.\./glossary/#[a-z0-9-]+", href), href
    term.click()
    page.wait_for_url(re.compile(r"/glossary/#[a-z0-9-]+$"))


@pytest.mark.parametrize("kind", MARKERS)
def test_a_tap_on_a_marker_opens_its_tip_and_keeps_the_page(
    page_factory: Any, request: Any, kind: str
) -> None:
    """At phone width, a tap on a marker opens its tip (the tip is what its link leads
    to, so the page stays), inside the viewport and off the marker; a tap elsewhere closes
    it."""
    site, selector = MARKERS[kind]
    page = page_factory(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page.goto(request.getfixturevalue(site) + "texts/kosachev-2012/")
    marker = page.locator(selector).nth(2)
    marker.scroll_into_view_if_needed()
    marker.tap()
    _inside_and_clear(page, marker)
    assert page.url.endswith("/texts/kosachev-2012/")
    assert page.locator(".reader-tip a").count() >= 1
    tip, box = page.locator(".reader-tip").bounding_box(), marker.bounding_box()
    top = min(tip["y"], box["y"])
    y = top - 30 if top > 120 else max(tip["y"] + tip["height"], box["y"] + box["height"]) + 30
    page.touchscreen.tap(4, y)
    assert not page.locator(".reader-tip").is_visible()
