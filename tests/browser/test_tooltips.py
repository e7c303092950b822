"""Annotation popovers in a real Chromium: hover, keyboard, touch, escaping, instant pages.

A tiny MkDocs site with the project's theme settings (Material, ``navigation.instant``,
``navigation.instant.preview``, ``content.tooltips``) is built in a temporary directory
from the real ``docs/assets/annotations.{css,js}`` and annotations rendered by
:func:`reader.emit.annotations.render_annotation`, then served on 127.0.0.1.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.core.model import Annotation, Text
from reader.emit.annotations import render_annotation

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DEFINITION = "Attraction rather than coercion, as Nye put it."
HOSTILE = "<script>window.__pwned = 1</script> *not emphasis* <b>not bold</b>"

MKDOCS_YML = """\
site_name: Tooltip test
use_directory_urls: true
strict: true
theme:
  name: material
  font: false
  features:
    - navigation.instant
    - navigation.instant.preview
    - content.tooltips
extra_css: [assets/annotations.css]
extra_javascript: [assets/annotations.js]
markdown_extensions:
  - toc
  - attr_list
  - md_in_html
  - footnotes
  - pymdownx.escapeall:
      hardbreak: false
      nbsp: false
plugins: [search]
nav:
  - index.md
  - texts/sample.md
  - glossary.md
"""


def annotation(tooltip: str, uid: str) -> str:
    node = Annotation(
        "term", "soft-power", (Text("soft power"),), tooltip, "../glossary.md#soft-power"
    )
    return render_annotation(node, "soft power", uid=uid)


def build_site(root: Path) -> Path:
    docs = root / "docs"
    (docs / "texts").mkdir(parents=True)
    (docs / "assets").mkdir()
    for name in ("annotations.css", "annotations.js"):
        shutil.copy(ROOT / "docs" / "assets" / name, docs / "assets" / name)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nRead [the sample](texts/sample.md).\n")
    (docs / "texts" / "sample.md").write_text(
        "# Sample\n\n"
        f"Before the term, the {annotation(DEFINITION, 'p1-1')} of Russia.\n\n"
        f"A hostile {annotation(HOSTILE, 'p2-1')} definition.\n",
        encoding="utf-8",
    )
    (docs / "glossary.md").write_text(
        "# Glossary\n\n### soft power { #soft-power }\n\nThe entry.\n", encoding="utf-8"
    )
    site = root / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=root,
        check=True,
    )
    return site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = build_site(tmp_path_factory.mktemp("tooltips"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def open_sample(page, base: str):
    """Open the home page and follow the link, so the sample arrives by instant loading."""
    page.goto(base)
    page.click("text=the sample")
    page.wait_for_url("**/texts/sample/")
    page.wait_for_selector(".annotation__trigger")
    return page


def test_hover_shows_the_tip_after_instant_navigation(page_factory, tiny_site) -> None:
    _, base = tiny_site
    page = open_sample(page_factory(viewport={"width": 1280, "height": 800}), base)
    assert page.evaluate("() => !!document.querySelector('html')")
    first = page.locator(".annotation").first
    tip = first.locator(".annotation__tip")
    assert not tip.is_visible()
    first.locator(".annotation__trigger").hover()
    tip.wait_for(state="visible")
    assert first.locator(".annotation__text").inner_text() == DEFINITION
    # the pointer may move onto the tip without it vanishing (WCAG 1.4.13)
    tip.hover()
    assert tip.is_visible()
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden")


def test_keyboard_focus_shows_the_tip_and_escape_hides_it(page_factory, tiny_site) -> None:
    _, base = tiny_site
    page = open_sample(page_factory(viewport={"width": 1280, "height": 800}), base)
    page.click("text=Before the term")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('annotation__trigger')")
    described = page.evaluate(
        "() => document.getElementById("
        "document.activeElement.getAttribute('aria-describedby')).textContent"
    )
    assert described == DEFINITION
    tip = page.locator(".annotation").first.locator(".annotation__tip")
    tip.wait_for(state="visible")
    page.keyboard.press("Tab")  # into the tip's link: the tip stays open
    assert page.evaluate("() => document.activeElement.closest('.annotation__tip') !== null")
    assert tip.is_visible()
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden")


def test_tap_opens_and_tapping_elsewhere_closes(page_factory, tiny_site) -> None:
    _, base = tiny_site
    page = page_factory(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    open_sample(page, base)
    first = page.locator(".annotation").first
    tip = first.locator(".annotation__tip")
    assert not tip.is_visible()
    first.locator(".annotation__trigger").tap()
    tip.wait_for(state="visible")
    page.locator("h1").tap()
    tip.wait_for(state="hidden")


def test_definitions_are_text_never_markup(page_factory, tiny_site) -> None:
    _, base = tiny_site
    page = open_sample(page_factory(viewport={"width": 1280, "height": 800}), base)
    hostile = page.locator(".annotation").nth(1)
    hostile.locator(".annotation__trigger").hover()
    text = hostile.locator(".annotation__text")
    text.wait_for(state="visible")
    assert text.inner_text() == HOSTILE
    assert text.locator("script, b, em").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_link_resolves_and_tip_stays_out_of_search(tiny_site) -> None:
    site, _ = tiny_site
    html = (site / "texts" / "sample" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../glossary/#soft-power"' in html
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = " ".join(doc["text"] for doc in index["docs"])
    assert "soft power" in words
    assert "coercion" not in words and "Glossary entry" not in words


def test_works_offline_from_file_urls(chromium, tiny_site) -> None:
    site, _ = tiny_site
    context = chromium.new_context(offline=True, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto((site / "texts" / "sample" / "index.html").as_uri())
        first = page.locator(".annotation").first
        first.locator(".annotation__trigger").hover()
        first.locator(".annotation__tip").wait_for(state="visible")
        first.locator(".annotation__trigger").click()  # the script runs from file:// too
        assert "annotation--open" in (first.get_attribute("class") or "")
    finally:
        context.close()
