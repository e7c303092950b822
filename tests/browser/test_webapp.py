"""The online edition as a web app: kept offline on request, read, searched and cited in
airplane mode, and updated with a notice when a new version is published.

The site is copied to a temporary folder and served from there, so that publishing a
new version (a changed page and service worker) does not touch ``site/``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

BASE = "/reader/"


class _Handler(SimpleHTTPRequestHandler):
    """The copied site under /reader/, without HTTP caching (as a fresh deploy)."""

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(BASE):
            return os.path.join(self.directory, "\0outside")
        return super().translate_path("/" + url_path[len(BASE) :])

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def live_copy(site_dir: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A copy of the built site, served on 127.0.0.1; yields its base URL and folder."""
    if not (site_dir / "sw.js").is_file():
        pytest.fail("site/sw.js is missing: build the site with `reader site`")
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(copy)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{BASE}", copy
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def app_context(chromium: Any) -> Iterator[Any]:
    """A fresh context that lets service workers run and records requests elsewhere."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    elsewhere: list[str] = []
    context.on(
        "request",
        lambda r: (
            elsewhere.append(r.url)
            if not re.match(r"^(https?://127\.0\.0\.1[:/]|data:|blob:)", r.url)
            else None
        ),
    )
    yield context
    context.close()
    assert not elsewhere, f"requests to other hosts: {elsewhere[:5]}"


def _keep_offline(page: Any) -> None:
    button = page.locator(".reader-keep__button")
    button.wait_for(state="visible")
    button.click()
    status = page.locator(".reader-keep__status")
    status.filter(has_text="kept offline").wait_for(timeout=60_000)


def test_kept_offline_it_reads_searches_cites_and_tips(
    app_context: Any, live_copy: tuple[str, Path]
) -> None:
    """Visit, keep the edition offline, cut the network, reload and use it."""
    base, _ = live_copy
    page = app_context.new_page()
    page.goto(base + "texts/kosachev-2012/")
    assert page.locator('link[rel="manifest"]').count() == 1
    _keep_offline(page)
    assert "version 1." in page.locator(".reader-keep__status").inner_text()

    app_context.set_offline(True)
    page.reload()
    page.wait_for_selector("#p6")
    # another page, never opened online: precached too
    page.goto(base + "texts/gussarova-2017/")
    assert page.locator("h1").first.inner_text()
    # search, from the precached index
    page.locator('label[for="__search"]').first.click()
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Type to start searching").wait_for(timeout=30_000)  # index loaded
    # the whole query at once (typed letter by letter, the first results to show could be
    # those of "com", without the word)
    box = page.locator("input.md-search__input")
    box.fill("compatriots")
    box.press("End")  # Material reads the box on keyup; fill() alone types no key
    hit = page.locator("li.md-search-result__item").first
    hit.wait_for(timeout=30_000)
    expect(hit).to_contain_text(re.compile("compatriot", re.I))  # the best result has it
    # cite: the paragraph's citation of the edition, with the public URL
    page.goto(base + "texts/kosachev-2012/#p6")
    page.locator("#p6 .pcite").click()
    dialog = page.locator("dialog.cite-dialog[open]")
    chicago = dialog.locator('p[data-format="chicago"]').inner_text()
    assert "in Soft Power Reader, version 1." in chicago and "para. 6" in chicago
    assert "https://soft-power-reader.github.io/reader/texts/kosachev-2012/#p6" in chicago
    dialog.locator(".cite-dialog__close").click()
    # a glossary tip
    page.locator("#p2 a.term").first.hover()
    tip = page.locator(".reader-tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().strip()  # the definition, from the page's own #tip-data


def test_a_new_version_is_announced(app_context: Any, live_copy: tuple[str, Path]) -> None:
    """Publishing a new version (a changed page, so a changed worker) shows a notice that
    reloads into it."""
    base, folder = live_copy
    page = app_context.new_page()
    page.goto(base)
    _keep_offline(page)
    page.reload()  # now controlled by the worker
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    worker = folder / "sw.js"
    text = worker.read_text(encoding="utf-8")
    text = re.sub(r'"version": "[\d.]+"', '"version": "9.9.9"', text, count=1)
    page_file = folder / "edition" / "index.html"
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace("</h1>", " (revised)</h1>", 1),
        encoding="utf-8",
    )
    entry = '{"url": "edition/index.html", "revision": "'
    assert entry in text
    worker.write_text(text.replace(entry, entry + "x"), encoding="utf-8")
    page.reload()
    notice = page.locator(".reader-update")
    notice.wait_for(timeout=60_000)
    assert "9.9.9" in notice.inner_text()
    with page.expect_navigation():  # the new worker takes over, and the page reloads
        notice.locator("button").click()
    page.goto(base + "edition/")
    assert "(revised)" in page.locator("h1").first.inner_text()
