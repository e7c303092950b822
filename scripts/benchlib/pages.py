"""Section 5b: how light each page is — elements, HTML bytes, bytes before the first search.

- Elements: the start tags of a page's built HTML (what the browser parses before any
  script adds its buttons), against issue 16's targets: Gussarova's page ≤ 1,500, every
  other text page ≤ 1,000, the glossary page ≤ 1,500.
- HTML bytes, raw and gzip -6.
- Bytes fetched before the first search: the page opened in Debian's Chromium, served
  gzip-compressed as a static host does (:class:`benchlib.lighthouse._Gzip`), left idle
  for two seconds; the sum of the compressed bodies of every response (the page, its
  assets and whatever the search loads by itself), and whether the search index was one.
"""

from __future__ import annotations

import functools
import gzip
import threading
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

from benchlib.lighthouse import CHROME, _Gzip
from benchlib.report import Report

try:  # Playwright comes with the test extra; without it the browser column is skipped
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None

TARGETS = {"texts/gussarova-2017/": 1500, "glossary/": 1500}
TEXT_TARGET = 1000
IDLE_MS = 2000


class _Count(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements += 1


def elements(html: str) -> int:
    """The number of elements (start tags) in ``html``."""
    counter = _Count()
    counter.feed(html)
    return counter.elements


def pages_of(site: Path) -> list[str]:
    """The site-relative URLs of the pages measured: home, texts, glossary, lists."""
    texts = sorted(p.parent.name for p in (site / "texts").glob("*/index.html"))
    out = ["", *(f"texts/{t}/" for t in texts), "glossary/"]
    out += [u for u in ("related/", "bibliography/") if (site / u / "index.html").is_file()]
    lists = sorted((site / "occurrences").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    return out + [f"occurrences/{p.parent.name}/" for p in lists[:1]]


def target(url: str) -> int | None:
    """The element budget of a page (None: the issue sets none)."""
    return TARGETS.get(url, TEXT_TARGET if url.startswith("texts/") else None)


def fetched_before_search(site: Path, urls: list[str]) -> dict[str, tuple[int, int, bool]]:
    """For each URL: (responses, compressed bytes, search index fetched) after load + idle."""
    if sync_playwright is None or not Path(CHROME).exists():
        return {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, tuple[int, int, bool]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
            for url in urls:
                page = browser.new_page()
                page.goto(base + url, wait_until="load")
                page.wait_for_timeout(IDLE_MS)
                sizes = page.evaluate(
                    """() => [performance.getEntriesByType('navigation')[0],
                              ...performance.getEntriesByType('resource')]
                          .map(e => [e.name, e.encodedBodySize || 0])"""
                )
                index = any("search_index" in name for name, _ in sizes)
                out[url] = (len(sizes), sum(size for _, size in sizes), index)
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def section_pages(site: Path, report: Report) -> None:
    """Elements, HTML bytes and bytes before the first search, page by page."""
    report.section("5b. Page elements and bytes before the first search")
    report.line(
        "Elements: start tags of the built HTML (before scripts add buttons). Bytes before "
        "the first search: every response's compressed body, the page served with gzip and "
        f"left idle {IDLE_MS / 1000:.0f} s in Chromium, search untouched."
    )
    report.line()
    urls = pages_of(site)
    fetched = fetched_before_search(site, urls)
    report.line("| page | elements | target | HTML raw | HTML gzip | fetched before search |")
    report.line("| --- | ---: | ---: | ---: | ---: | --- |")
    over = []
    for url in urls:
        data = (site / url / "index.html").read_bytes()
        count = elements(data.decode("utf-8"))
        limit = target(url)
        if limit is not None and count > limit:
            over.append(f"{url} {count:,} > {limit:,}")
        verdict = "—" if limit is None else f"≤ {limit:,} {'ok' if count <= limit else 'OVER'}"
        got = fetched.get(url)
        before = (
            f"{got[1] / 1024:.1f} KiB in {got[0]} responses"
            + (" (a search_index file among them)" if got[2] else "")
            if got
            else "not measured (no Playwright or Chromium)"
        )
        zipped = len(gzip.compress(data, compresslevel=6, mtime=0))
        report.line(
            f"| {url or 'home'} | {count:,} | {verdict} | {len(data) / 1024:.1f} KiB "
            f"| {zipped / 1024:.1f} KiB | {before} |"
        )
    report.line()
    report.target(
        "every page within its element budget (Gussarova 1,500, other texts 1,000, glossary 1,500)",
        not over,
        "; ".join(over) or f"{len([u for u in urls if target(u)])} pages within budget",
    )
