"""Quality gates on the real built site: accessibility, valid HTML, links, privacy, layout.

Pages come from the ``nav`` of ``mkdocs.yml`` (plus ``404.html``); a page the conversion
pipeline has not written yet is skipped with the reason, never failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from reader.checks.quality.axe import DEFAULT_OPTIONS, blocking, describe, inject_axe
from reader.checks.quality.html import check_html
from reader.checks.quality.links import check_links

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
#: axe rules whose outcome depends on the colour scheme.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs' ``!!python/…`` and ``!ENV`` tags as None."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _nav_files(nav: Any) -> list[str]:
    """The Markdown files of an MkDocs ``nav``, in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    if isinstance(nav, list):
        return [f for value in nav for f in _nav_files(value)]
    return []


def _pages() -> list[tuple[str, str]]:
    """(source file, URL relative to the base) of every page the site should have."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _TolerantLoader)
    pages = []
    for source in _nav_files(config.get("nav", [])):
        stem = source.removesuffix(".md")
        url = "" if stem == "index" else stem.removesuffix("/index") + "/"
        pages.append((source, url))
    return [*pages, ("404.html", "404.html")]


PAGES = _pages()
PAGE_IDS = [url.rstrip("/") or "home" for _, url in PAGES]


def _page_url(site_dir: Path, served_site: str, source: str, url: str) -> str:
    """The served URL of a page, or skip when the pipeline has not produced it yet."""
    built = site_dir / (url if url.endswith(".html") else url + "index.html")
    if not built.is_file():
        pytest.skip(f"{built.relative_to(site_dir)} not built: docs/{source} does not exist yet")
    return served_site + url


def _open(page: Any, url: str) -> list[str]:
    """Load ``url``; return the uncaught script errors the page raised while loading."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    return errors


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("source", "url"), PAGES, ids=PAGE_IDS)
def test_page_has_no_serious_accessibility_violation(
    page_factory: Any, site_dir: Path, served_site: str, source: str, url: str, scheme: str
) -> None:
    """axe-core finds no serious or critical violation, in either colour scheme."""
    page = page_factory(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    errors = _open(page, _page_url(site_dir, served_site, source, url))
    expected = "slate" if scheme == "dark" else "default"
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme", arg=expected
    )
    # Only the colour rules depend on the scheme: the dark run checks just those.
    options = None if scheme == "light" else {"runOnly": list(COLOUR_RULES), **DEFAULT_OPTIONS}
    violations = blocking(inject_axe(page, options=options))
    assert not violations, describe(violations)
    assert not errors, f"uncaught script errors: {errors}"


@pytest.mark.parametrize(("source", "url"), PAGES, ids=PAGE_IDS)
def test_phone_viewport_has_no_horizontal_overflow(
    page_factory: Any, site_dir: Path, served_site: str, source: str, url: str
) -> None:
    """At 390x844 (a phone) nothing makes the page wider than the screen."""
    page = page_factory(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    _open(page, _page_url(site_dir, served_site, source, url))
    widths = page.evaluate(
        """() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > limit + 1
                          && el.getClientRects().length && !el.closest('[hidden]'))
            .slice(0, 5)
            .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                       + ' right=' + Math.round(el.getBoundingClientRect().right));
        return {scroll: document.documentElement.scrollWidth, client: limit, wide};
    }"""
    )
    assert widths["scroll"] <= widths["client"], (
        f"page is {widths['scroll']}px wide on a {widths['client']}px screen; "
        f"candidates: {widths['wide']}"
    )


def test_no_request_leaves_the_machine(
    page: Any, site_dir: Path, served_site: str, external_requests: list[str]
) -> None:
    """Every page, fully loaded and scrolled, and a search, fetch nothing from elsewhere.

    The ``page`` fixture aborts and records such requests and fails at teardown; this test
    makes sure every page and the search worker get the chance to try.
    """
    for _source, url in PAGES:
        if not (site_dir / (url if url.endswith(".html") else url + "index.html")).is_file():
            continue  # not written by the pipeline yet
        page.goto(served_site + url, wait_until="networkidle")
        page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.goto(served_site, wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type("power")
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert external_requests == []


def test_dark_mode_toggle(page: Any, site_dir: Path, served_site: str) -> None:
    """The header toggle switches to the dark scheme, which persists across pages."""
    page.goto(served_site, wait_until="load")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    light = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.locator("label[title='Switch to dark mode']").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    dark = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert dark != light, "the dark scheme did not change the background"
    page.reload(wait_until="load")
    assert body.get_attribute("data-md-color-scheme") == "slate", "choice not remembered"
    page.locator("label[title='Switch to light mode']").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")


def test_generated_html_is_valid(site_dir: Path) -> None:
    """The Nu HTML Checker finds no error outside the theme's documented exceptions."""
    errors = [d for d in check_html(site_dir) if d.severity == "error"]
    assert not errors, "\n".join(map(str, errors))


def test_internal_links_resolve(site_dir: Path, site_base_path: str) -> None:
    """Every internal link and anchor resolves; no resource is fetched from another host."""
    errors = [d for d in check_links(site_dir, base_path=site_base_path) if d.severity == "error"]
    assert not errors, "\n".join(map(str, errors))


def test_request_guard_catches_an_external_request(page: Any, external_requests: list[str]) -> None:
    """The guard itself works: a page asking another host is blocked and recorded."""
    page.set_content('<img src="http://example.invalid/pixel.png" alt="">')
    page.wait_for_load_state("load")
    assert external_requests == ["http://example.invalid/pixel.png"]
    external_requests.clear()  # seen and expected: do not fail this test at teardown


def test_offline_edition_opens_without_network(
    file_page: Any, offline_site_dir: Path, external_requests: list[str]
) -> None:
    """The offline edition opens from file:// and tries no network at all."""
    errors: list[str] = []
    file_page.on("pageerror", lambda error: errors.append(str(error)))
    file_page.goto((offline_site_dir / "index.html").as_uri(), wait_until="load")
    assert file_page.locator("h1").count() >= 1
    assert not errors, f"uncaught script errors: {errors}"
    assert external_requests == []
