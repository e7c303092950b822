"""Section 5: page weight — the bytes a browser transfers for a page, compressed.

A page's weight is its HTML and every stylesheet, script, icon and image the HTML names
(``<link rel=stylesheet|icon|preload|modulepreload>``, ``<script src>``, ``<img src>``)
plus what those stylesheets name in ``url()`` and ``@import``, each counted once. Search
is counted apart: Material starts the search worker on page load (ours, which the theme
puts in place of Material's), and it fetches only the config; the documents and lunr's
stemmers come with the first query.
"""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from benchlib.report import Report
from reader.search.files import DOCUMENTS_FILE, read_site_index

try:  # brotli is optional: gzip alone when it is not installed
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon"}
#: The search worker scripts/theme/partials/reader-search-worker.html names in __config.
OUR_WORKER = Path("assets/search/worker.js")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _Assets(HTMLParser):
    """Collects the URLs a page loads and Material's configuration."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_css: list[str] = []
        self.config = ""
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and LINK_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])
        self._in = "config" if a.get("id") == "__config" else tag

    def handle_data(self, data: str) -> None:
        if self._in == "config":
            self.config += data
        elif self._in == "style":
            self.inline_css.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = ""


def sizes(data: bytes) -> dict[str, int]:
    """Raw, gzip -6 and (when available) brotli sizes of ``data``."""
    out = {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=6, mtime=0))}
    if brotli is not None:
        out["brotli"] = len(brotli.compress(data))
    return out


def _resolve(site: Path, base: Path, url: str) -> Path | None:
    """The file under ``site`` a page-relative URL names; None for other hosts and data."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (base / path)
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target


def page_assets(site: Path, page: Path) -> tuple[list[Path], list[str], str]:
    """Every file ``page`` loads (itself first), the URLs pointing elsewhere, its config."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    files, external, queue = [page.resolve()], [], [(page.parent, u) for u in parser.urls]
    queue += [
        (page.parent, m[2] or m[4]) for css in parser.inline_css for m in CSS_URL.finditer(css)
    ]
    while queue:
        base, url = queue.pop(0)
        if url.startswith(("data:", "#")):
            continue
        target = _resolve(site, base, url)
        if target is None:
            external.append(url)
            continue
        if target in files or not target.is_file():
            continue
        files.append(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8", errors="replace")
            queue += [(target.parent, m[2] or m[4]) for m in CSS_URL.finditer(css)]
    return files, external, parser.config


def search_files(site: Path, page: Path, config: str) -> list[Path]:
    """What search loads on page load: the worker named in Material's ``__config``
    (relative to the page) and Material's index, which holds only the config. The
    documents (``search/paragraphs.js``) and the stemmers come with the first query."""
    files = []
    worker = json.loads(config).get("search") if config else None
    target = _resolve(site, page.parent, worker) if worker else None
    if (site / OUR_WORKER).is_file():  # the theme swaps it in for Material's at page load
        target = site / OUR_WORKER
    if target is not None and target.is_file():
        files.append(target)
    index = site / "search" / "search_index.json"
    if index.is_file():
        files.append(index)
    return files


def search_on_first_query(site: Path) -> list[Path]:
    """What the worker loads when search is first used: lunr, its stemmers, the documents."""
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    names = [
        site / OUR_WORKER.parent / "lunr.min.js",
        lunr / "lunr.stemmer.support.min.js",
        lunr / "lunr.ru.min.js",
        site / DOCUMENTS_FILE,
    ]
    return [file for file in names if file.is_file()]


def _total(files: list[Path]) -> dict[str, int]:
    out: dict[str, int] = {}
    for file in files:
        for kind, size in sizes(file.read_bytes()).items():
            out[kind] = out.get(kind, 0) + size
    return out


def _kib(totals: dict[str, int]) -> str:
    return ", ".join(f"{kind} {size / 1024:.1f} KiB" for kind, size in totals.items())


def longest_text_page(site: Path) -> Path:
    """The largest text page of the built site."""
    return max((site / "texts").glob("*/index.html"), key=lambda p: p.stat().st_size)


def section_weight(site: Path, report: Report) -> None:
    """Page weight of the home page and the longest text page, and the search index."""
    report.section("5. Page weight")
    kinds = "raw, gzip -6" + (", brotli" if brotli is not None else " (no brotli module)")
    report.line(
        f"Bytes per page ({kinds}); the HTML and every CSS, JS, font and image it "
        "loads, each once. Search (worker, index, lunr languages) is counted apart."
    )
    report.line()
    for label, page in (
        ("home page", site / "index.html"),
        (f"longest text page ({longest_text_page(site).parent.name})", longest_text_page(site)),
    ):
        files, external, config = page_assets(site, page)
        html = sizes(page.read_bytes())
        report.line(
            f"- {label}: {len(files)} files, {_kib(_total(files))} (HTML alone: {_kib(html)})"
        )
        heavy = sorted(files, key=lambda f: -sizes(f.read_bytes())["gzip"])[:4]
        report.line(
            "  - heaviest: "
            + ", ".join(
                f"{f.relative_to(site.resolve())} {sizes(f.read_bytes())['gzip'] / 1024:.1f} KiB gz"
                for f in heavy
            )
        )
        report.line(
            f"  - plus search on load: {_kib(_total(search_files(site, page, config)))}; "
            f"URLs to other hosts: {len(external)}"
            + (f" ({', '.join(external[:3])})" if external else "")
        )
    documents = site / DOCUMENTS_FILE
    if documents.is_file():
        count = len(read_site_index(site).get("docs", []))
        report.line(
            f"- search index: {_kib(sizes(documents.read_bytes()))}; {count} documents, "
            f"loaded on the first query with lunr and its stemmers "
            f"({_kib(_total(search_on_first_query(site)))} in all)"
        )
