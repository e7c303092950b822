"""The site checkers find what they must and nothing else, on small fixtures.

Each fixture marks its deliberate faults with a ``BROKEN: <code>`` comment on the faulty
line (see ``tests/fixtures/quality/README.md``); the tests compare the checker's findings
with those marks exactly, so a missed fault and a false alarm both fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from reader.checks.quality.html import PENDING_FIXES, THEME_EXCEPTIONS, check_html
from reader.checks.quality.links import check_links, scan_css, scan_page
from reader.core.diagnostics import Diagnostic
from reader.inputs.mkdocs_config import base_path

FIXTURES = Path(__file__).parent / "fixtures" / "quality"
LINK_SITE = FIXTURES / "links" / "site"
HTML_PAGES = FIXTURES / "html"
MARK = re.compile(r"BROKEN: ([A-Z]\d{3})")

needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="the Nu HTML Checker needs Java: run make system-deps"
)


def marked_faults(root: Path, pattern: str) -> set[tuple[str, int, str]]:
    """(file relative to ``root``, line, code) of every ``BROKEN:`` mark under ``root``."""
    found = set()
    for path in sorted(root.rglob(pattern)):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for code in MARK.findall(line):
                found.add((path.relative_to(root).as_posix(), number, code))
    return found


def findings(diagnostics: list[Diagnostic], root: Path) -> set[tuple[str, int, str]]:
    """(file relative to ``root``, line, code) of each diagnostic."""
    return {(Path(d.path).relative_to(root).as_posix(), d.line, d.code) for d in diagnostics}


# ----------------------------------------------------------------------------- links


def test_link_checker_reports_exactly_the_marked_faults() -> None:
    """Broken anchors, missing pages, outside resources… and no false alarm."""
    diagnostics = check_links(LINK_SITE)
    expected = marked_faults(LINK_SITE, "*.html") | marked_faults(LINK_SITE, "*.css")
    assert len(expected) == 15  # the fixture still has all its faults
    assert findings(diagnostics, LINK_SITE) == expected, "\n".join(map(str, diagnostics))


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        ("L002", "'page/#missing': no element with id 'missing'"),
        ("L001", "'missing/': no such file 'missing/index.html'"),
        ("L003", "<script src> loads 'https://cdn.example.com/analytics.js'"),
        ("L003", "CSS url() loads 'https://fonts.gstatic.com/x.woff2'"),
        ("L003", "<link href> loads 'https://fonts.googleapis.com/css?family=Roboto'"),
    ],
)
def test_link_checker_says_what_is_wrong(code: str, needle: str) -> None:
    """The message names the element, the URL and what is missing."""
    messages = [d.message for d in check_links(LINK_SITE) if d.code == code]
    assert any(needle in message for message in messages), messages


def test_link_checker_severity() -> None:
    """Root-relative URLs warn; everything else is an error that stops the build."""
    by_code = {d.code: d.severity for d in check_links(LINK_SITE)}
    assert by_code.pop("L004") == "warning"
    assert set(by_code.values()) == {"error"}


def test_root_relative_urls_resolve_under_the_base_path(tmp_path: Path) -> None:
    """MkDocs' 404.html uses ``/<base>/…`` URLs: valid there, missing files still found."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "index.html").write_text("<h1 id='a'>T</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text(
        '<a href="/reader/texts/#a">ok</a>\n<a href="/reader/gone/">gone</a>\n'
        '<a href="/elsewhere/">outside</a>',
        encoding="utf-8",
    )
    found = {(d.line, d.code) for d in check_links(tmp_path, base_path="/reader/")}
    assert found == {(2, "L001"), (3, "L005")}


def test_navigation_links_elsewhere_are_not_requests() -> None:
    """An ``<a>`` or canonical link to another host is fine; a fetched resource is not."""
    page = scan_page(
        '<link rel="canonical" href="https://example.org/"><a href="https://example.org/">x</a>'
        '<link rel="preconnect" href="https://fonts.gstatic.com"><img srcset="a.png 1x, '
        'https://cdn.example.com/b.png 2x" alt="">'
    )
    fetched = [(r.element, r.url) for r in page.references if r.fetched]
    assert fetched == [
        ("<link href>", "https://fonts.gstatic.com"),
        ("<img srcset>", "a.png"),
        ("<img srcset>", "https://cdn.example.com/b.png"),
    ]


def test_css_references_carry_their_line() -> None:
    """A CSS ``url()`` is reported at its own line and column."""
    refs = scan_css('a{}\n\n  b { background: url("x.png") }\n@import "y.css";')
    assert [(r.url, r.line, r.column) for r in refs] == [("x.png", 3, 19), ("y.css", 4, 1)]


@pytest.mark.parametrize(
    ("site_url", "base"),
    [
        ("https://soft-power-reader.github.io/reader/", "/reader/"),
        ("https://example.org", "/"),
        ("'https://example.org/a/b'  # quoted", "/a/b/"),
        ("", "/"),
    ],
)
def test_base_path(tmp_path: Path, site_url: str, base: str) -> None:
    """The base path is the path of ``site_url``, always with slashes at both ends."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nsite_url: {site_url}\n", encoding="utf-8")
    assert base_path(config) == base


# ------------------------------------------------------------------------------ html


@pytest.fixture(scope="module")
def html_diagnostics() -> list[Diagnostic]:
    """The Nu checker's findings on every fixture page (one Java run for all tests)."""
    return check_html(HTML_PAGES)


@needs_java
def test_html_checker_reports_exactly_the_marked_errors(html_diagnostics: list[Diagnostic]):
    """``<div>`` in ``<p>``, an unknown element, a name on a plain ``<div>`` (an interview
    turn without ``role="group"``), a non-theme autocomplete: and nothing else."""
    errors = [d for d in html_diagnostics if d.severity == "error"]
    assert len(marked_faults(HTML_PAGES, "*.html")) == 4
    assert findings(errors, HTML_PAGES) == marked_faults(HTML_PAGES, "*.html"), "\n".join(
        map(str, html_diagnostics)
    )


@needs_java
def test_html_checker_passes_a_valid_page(html_diagnostics: list[Diagnostic]) -> None:
    """A valid page yields no finding at all."""
    assert not [d for d in html_diagnostics if Path(d.path).name == "valid.html"]


@needs_java
def test_html_diagnostics_point_at_file_and_line(html_diagnostics: list[Diagnostic]) -> None:
    """A finding prints as ``path:line:column: H001 error: message — markup``."""
    first = next(d for d in html_diagnostics if Path(d.path).name == "invalid.html")
    assert str(first).startswith(f"{HTML_PAGES / 'invalid.html'}:5:")
    assert " H001 error: " in str(first)


@needs_java
def test_every_theme_exception_is_needed() -> None:
    """Without the allow-list, the markup it covers is reported: no entry is dead weight.

    (The search box's ``autocorrect="off"`` needed an entry until the Nu checker of
    vnu-jar 26.9 learnt the attribute, now part of HTML.)"""
    page = HTML_PAGES / "theme-markup.html"
    found = check_html(HTML_PAGES, files=[page], allowed=())
    assert len([d for d in found if d.code == "H001"]) == 3  # 2 theme, 1 ours
    for entry in THEME_EXCEPTIONS + PENDING_FIXES:
        assert entry.reason and entry.rule and entry.element
        assert len(check_html(HTML_PAGES, files=[page], allowed=(entry,))) < len(found), entry
