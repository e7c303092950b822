"""Link checker for a built site: every internal URL resolves, no resource comes from elsewhere.

Reads every ``*.html`` file under the site directory (and every ``*.css`` file for
``url()`` and ``@import``) and reports:

- ``L001`` an internal ``href``/``src`` whose file does not exist (``foo/`` means
  ``foo/index.html``; relative paths, ``..``, percent-encoding and ``?query`` handled);
- ``L002`` a ``#fragment`` that names no ``id`` (or ``<a name>``) in the target page;
- ``L003`` a resource the browser would fetch from another host: ``<script src>``, a
  fetching ``<link href>`` (stylesheet, icon, preload, preconnect…), ``<img src>``,
  media, frames, and ``url()``/``@import`` in CSS (fonts included). Zero requests to other
  hosts is a product requirement, so these are errors;
- ``L004`` a root-relative URL (``/texts/…``) in an ordinary page — it breaks when the site
  is served under a sub-path or opened from ``file://`` (a warning; MkDocs writes
  ``404.html`` with such URLs on purpose, so that page is exempt);
- ``L005`` a URL that leaves the site directory.

Navigation links to other hosts (``<a href="https://…">``, ``rel="canonical"``) and
``mailto:``/``tel:`` links are not checked: following them is the reader's choice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.core.diagnostics import Diagnostic, Severity

#: Schemes that name no file of the site and make no request to another host.
IGNORED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data", "blob", "about"})

#: ``<link rel>`` values that make the browser fetch the ``href`` (or connect to its host).
FETCHING_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "manifest",
        "preload",
        "prefetch",
        "modulepreload",
        "preconnect",
        "dns-prefetch",
        "prerender",
    }
)

#: Attributes whose URL the browser fetches while loading the page, by element.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}

#: Attributes whose URL the reader follows, by element (checked only when internal).
NAVIGATION_ATTRS: dict[str, tuple[str, ...]] = {"a": ("href",), "area": ("href",)}

_CSS_URL = re.compile(
    r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)|@import\s+(['"])(?P<imp>[^'"]+)\3"""
)
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """One URL found in a file: where, which element, and whether loading fetches it."""

    url: str
    line: int
    column: int
    element: str
    fetched: bool


@dataclass
class ScannedPage:
    """What the checker needs of one HTML page: its anchors and its outgoing URLs."""

    ids: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)


class _PageScanner(HTMLParser):
    """Collects ``id``s and URLs (with line and column) from one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ScannedPage()
        self._in_style = False

    def _add(self, url: str, element: str, *, fetched: bool, offset: tuple[int, int] = (0, 0)):
        line, column = self.getpos()
        line, column = line + offset[0], (offset[1] if offset[0] else column + offset[1])
        self.page.references.append(Reference(url.strip(), line, column + 1, element, fetched))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for attr in NAVIGATION_ATTRS.get(tag, ()):
            if attr in values:
                self._add(values[attr], f"<{tag} {attr}>", fetched=False)
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            urls = _srcset_urls(values[attr]) if attr == "srcset" else [values[attr]]
            for url in urls:
                self._add(url, f"<{tag} {attr}>", fetched=True)
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            self._add(values["href"], "<link href>", fetched=bool(rels & FETCHING_RELS))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH_URL.search(values.get("content", ""))
            if match:
                self._add(match.group(1), "<meta refresh>", fetched=False)
        if "style" in values:
            for url, _ in _css_urls(values["style"]):
                self._add(url, "style attribute url()", fetched=True)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for url, position in _css_urls(data):
                line_offset = data.count("\n", 0, position)
                column = position - (data.rfind("\n", 0, position) + 1)
                self._add(url, "<style> url()", fetched=True, offset=(line_offset, column))


def _srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` (each candidate is ``URL [descriptor]``)."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


def _css_urls(css: str) -> list[tuple[str, int]]:
    """Every ``url(…)`` and ``@import "…"`` target in CSS text, with its offset."""
    found = []
    for match in _CSS_URL.finditer(css):
        url = match.group("url") if match.group("url") is not None else match.group("imp")
        found.append((url.strip(), match.start()))
    return found


def scan_page(html: str) -> ScannedPage:
    """The ids and references of one HTML document."""
    scanner = _PageScanner()
    scanner.feed(html)
    scanner.close()
    return scanner.page


def scan_css(css: str) -> list[Reference]:
    """The references of one stylesheet (all fetched by the browser)."""
    refs = []
    for url, position in _css_urls(css):
        line = css.count("\n", 0, position) + 1
        column = position - (css.rfind("\n", 0, position) + 1) + 1
        refs.append(Reference(url, line, column, "CSS url()", fetched=True))
    return refs


def check_links(site_dir: Path, *, base_path: str = "/") -> list[Diagnostic]:
    """Every problem with the URLs of the built site under ``site_dir``.

    ``base_path`` is the path the site is served under (the path of ``site_url`` in
    ``mkdocs.yml``, e.g. ``/reader/``); root-relative URLs are resolved against it.
    """
    site_dir = Path(site_dir)
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    pages = {
        _key(path): scan_page(path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(site_dir.rglob("*.html"))
    }
    stylesheets = {
        _key(path): scan_css(path.read_text(encoding="utf-8", errors="replace"))
        for path in sorted(site_dir.rglob("*.css"))
    }
    root = _key(site_dir)
    diagnostics: list[Diagnostic] = []
    sources = [(p, s.references) for p, s in pages.items()] + list(stylesheets.items())
    for source, references in sources:
        for ref in references:
            for code, message, hint, severity in _check_reference(
                Path(source), ref, root, base_path, pages
            ):
                shown = str(site_dir / os.path.relpath(source, root))
                diagnostics.append(
                    Diagnostic(code, message, shown, ref.line, ref.column, hint, severity)
                )
    return diagnostics


def _key(path: Path) -> str:
    """A normalised absolute path, used to match references to scanned pages."""
    return os.path.normpath(os.path.abspath(path))


Finding = tuple[str, str, str, Severity]


def _check_reference(
    source: Path, ref: Reference, root: str, base_path: str, pages: dict[str, ScannedPage]
) -> Iterator[Finding]:
    """The findings for one reference as (code, message, hint, severity) tuples."""
    parts = urlsplit(ref.url)
    scheme = parts.scheme.lower()
    if not ref.url or scheme in IGNORED_SCHEMES:
        return
    if scheme or parts.netloc:
        if ref.fetched:
            yield (
                "L003",
                f"{ref.element} loads {ref.url!r} from another host",
                "vendor the file into the site (the pages must make no request elsewhere)",
                "error",
            )
        return
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            yield (
                "L005",
                f"{ref.element} {ref.url!r} is outside the site's base path {base_path!r}",
                "use a relative URL",
                "error",
            )
            return
        if os.path.join(root, "404.html") != str(source):
            yield (
                "L004",
                f"{ref.element} {ref.url!r} is root-relative",
                "use a relative URL: root-relative ones break under file:// and sub-paths",
                "warning",
            )
        target = os.path.join(root, path[len(base_path) :])
    elif path:
        target = os.path.join(str(source.parent), path)
    else:
        target = str(source)  # "#fragment" or "?query" alone: this page
    target = os.path.normpath(target)
    if target != root and not target.startswith(root + os.sep):
        yield ("L005", f"{ref.element} {ref.url!r} leaves the site directory", "", "error")
        return
    if os.path.isdir(target) or path.endswith("/"):
        target = os.path.join(target, "index.html")  # a directory URL serves its index
    rel = os.path.relpath(target, root)
    if not os.path.isfile(target):
        yield ("L001", f"{ref.element} {ref.url!r}: no such file {rel!r}", "", "error")
        return
    page = pages.get(target)
    fragment = parts.fragment
    if not fragment or page is None or ref.fetched:
        return
    if fragment in page.ids or unquote(fragment) in page.ids or fragment.lower() == "top":
        return
    yield (
        "L002",
        f"{ref.element} {ref.url!r}: no element with id {unquote(fragment)!r} in {rel!r}",
        "fix the anchor or the id it points to",
        "error",
    )
