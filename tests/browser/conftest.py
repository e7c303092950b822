"""Browser fixtures: one Chromium per session, the built site served locally, guarded pages.

Every test under ``tests/browser/`` is marked ``browser`` (``pytest -m browser``).

- ``chromium`` — one headless Debian Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``)
  driven by Playwright, for the whole session. Playwright never downloads a browser.
- ``site_dir`` — the built online site: ``$SITE_DIR`` if set, else ``site/``, rebuilt with
  ``reader site`` (or ``mkdocs build --strict`` until that command exists) when it is
  missing or older than ``docs/`` or ``mkdocs.yml``.
- ``site_base_path`` — the path the site is served under (from ``site_url``, ``/reader/``).
- ``served_site`` — ``site_dir`` served by :mod:`http.server` on 127.0.0.1 under
  ``site_base_path`` (404s get ``404.html``, as on GitHub Pages); the base URL.
- ``shown_site_dir`` / ``served_shown_site`` — a copy of the project built for real
  under bands that show computed links by default (``crosslinks_edition.SHOWN``; the
  edition withholds them), served the same way: the ⇄ markers and their tips.
- ``page`` / ``page_factory`` — a fresh context and page in which every request to a host
  other than 127.0.0.1/localhost is aborted and recorded in ``external_requests``; the
  test errors at teardown if there is any (zero requests elsewhere is a requirement).
- ``offline_site_dir`` / ``file_page`` — the offline edition (``site-offline/``, made by
  ``reader offline``) opened from ``file://`` with all network blocked; skipped while that
  build does not exist.

On failure a full-page screenshot of each open page goes to
``test-artifacts/screenshots/<test-name>.png``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from crosslinks_edition import shown_bands
from project_copy import copy_project, site_build_lock
from reader.app.build import generate, write_docs
from reader.checks.quality.axe import blocking, describe, inject_axe
from reader.inputs.mkdocs_config import base_path

__all__ = ["blocking", "describe", "inject_axe"]  # helpers for the browser tests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
)
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
#: Schemes that never reach the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "file"})

PAGES_KEY = pytest.StashKey[list]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test collected under ``tests/browser/`` as ``browser``."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[Any]:
    """Screenshot every open page of a test whose body failed."""
    report = yield
    if report.when == "call" and report.failed:
        for path in _screenshot(item, item.stash.get(PAGES_KEY, [])):
            report.sections.append(("screenshot", str(path)))
    return report


def _screenshot(item: pytest.Item, pages: list[Any]) -> list[Path]:
    """Save a full-page screenshot of each open page; return the files written."""
    name = re.sub(r"[^\w.-]+", "_", item.name).strip("_")
    written = []
    open_pages = [p for p in pages if not p.is_closed()]
    for index, page in enumerate(open_pages):
        suffix = f"-{index + 1}" if len(open_pages) > 1 else ""
        path = SCREENSHOTS / f"{name}{suffix}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            sys.stderr.write(f"screenshot of {item.name} failed: {error}\n")
            continue
        written.append(path)
    return written


# ------------------------------------------------------------------------------ browser


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the session (Debian's, never a downloaded one)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: run `make system-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() gives each browser a fresh temporary profile (user-data dir).
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), headless=True
        )
        yield browser
        browser.close()


# --------------------------------------------------------------------------------- site


def _newest_source_mtime() -> float:
    """The newest modification time of what the site is built from."""
    times = [(ROOT / "mkdocs.yml").stat().st_mtime]
    times += [p.stat().st_mtime for p in (ROOT / "docs").rglob("*") if p.is_file()]
    return max(times)


def _build_command() -> list[str]:
    """``reader site`` once the pipeline's command exists, else a plain strict MkDocs build."""
    reader = BIN / "reader"
    if reader.exists() and importlib.util.find_spec("reader.app.cli") is not None:
        return [str(reader), "site"]
    return [str(BIN / "mkdocs"), "build", "--strict"]


def _build_site(site: Path) -> None:
    """Build ``site/``; skip the session's site tests while there are no pages to build."""
    command = _build_command()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0 and command[-1] == "site" and "invalid choice" in done.stderr:
        command = [str(BIN / "mkdocs"), "build", "--strict"]  # `reader site` not there yet
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode == 0 and (site / "index.html").is_file():
        return
    output = (done.stdout + done.stderr)[-3000:]
    if not (ROOT / "docs" / "index.md").is_file():
        pytest.skip(
            "the site cannot be built yet: docs/index.md does not exist "
            f"(the conversion pipeline writes it); `{' '.join(command)}` said:\n{output}"
        )
    pytest.fail(f"`{' '.join(command)}` failed (exit {done.returncode}):\n{output}")


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The built online site (``$SITE_DIR``, or ``site/`` rebuilt when stale)."""
    override = os.environ.get("SITE_DIR")
    if override:
        site = Path(override).resolve()
        if not (site / "index.html").is_file():
            pytest.fail(f"SITE_DIR={override} has no index.html")
        return site
    site = ROOT / "site"
    index = site / "index.html"

    def stale() -> bool:
        return not index.is_file() or index.stat().st_mtime < _newest_source_mtime()

    if stale():
        with site_build_lock():  # the other xdist worker may be building it
            if stale():
                _build_site(site)
    return site


@pytest.fixture(scope="session")
def site_base_path() -> str:
    """The path the site is served under: ``$SITE_BASE_PATH``, else ``site_url``'s path."""
    override = os.environ.get("SITE_BASE_PATH")
    if override is not None:
        return "/" + override.strip("/") + "/" if override.strip("/") else "/"
    return base_path(ROOT / "mkdocs.yml")


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves one directory under a base path, quietly, with ``404.html`` for misses."""

    base_path = "/"

    def translate_path(self, path: str) -> str:
        """Map ``<base_path>rest`` to the directory; anything outside it to nowhere."""
        url_path = urlsplit(path).path
        if not url_path.startswith(self.base_path):
            return os.path.join(self.directory, "\0outside-base-path")
        return super().translate_path("/" + url_path[len(self.base_path) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """Answer a 404 with the site's own ``404.html``, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


class _QuietServer(ThreadingHTTPServer):
    """Drops a connection the browser closed mid-answer (a page closed while a file was
    still being sent) without printing a traceback; any other error is printed."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing of a closed connection; the base class's report otherwise."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def _serve(site: Path, base_path: str) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    handler = type("Handler", (_SiteHandler,), {"base_path": base_path})
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def served_site(site_dir: Path, site_base_path: str) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port) in a thread; yield the base URL."""
    with _serve(site_dir, site_base_path) as url:
        yield url


@pytest.fixture(scope="session")
def shown_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built for real (``reader``'s pipeline, then ``mkdocs build
    --strict``) under bands that show computed links by default
    (``crosslinks_edition.SHOWN``): the site a reader would get if the strong band were
    not withheld, for the ⇄ markers, their tips and their reasons."""
    root = copy_project(ROOT, tmp_path_factory.mktemp("shown") / "project")
    with shown_bands():
        write_docs(root / "docs", generate(root))
    site = root / "site"
    command = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return site


@pytest.fixture(scope="session")
def served_shown_site(shown_site_dir: Path, site_base_path: str) -> Iterator[str]:
    """Serve ``shown_site_dir`` like :func:`served_site`; yield the base URL."""
    with _serve(shown_site_dir, site_base_path) as url:
        yield url


@pytest.fixture(scope="session")
def offline_site_dir() -> Path:
    """The offline edition (``$OFFLINE_SITE_DIR`` or ``site-offline/``); skip until built."""
    site = Path(os.environ.get("OFFLINE_SITE_DIR") or ROOT / "site-offline").resolve()
    if not (site / "index.html").is_file():
        pytest.skip(f"no offline edition at {site}: build it with `reader offline` (make offline)")
    return site


# -------------------------------------------------------------------------------- pages


def _is_local(url: str) -> bool:
    """Whether loading ``url`` stays on this machine (127.0.0.1, localhost, file, data…)."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOCAL_HOSTS


def _is_never(url: str) -> bool:
    """For ``file://`` pages: only schemes that never touch the network are allowed."""
    return urlsplit(url).scheme in LOCAL_SCHEMES


def _guard(context: Any, allowed: Callable[[str], bool], attempts: list[str]) -> None:
    """Abort and record every request (and WebSocket) of ``context`` that ``allowed`` refuses.

    The ``request`` event records too, so a request that bypasses routing is still seen.
    """

    def record(url: str) -> None:
        if url not in attempts:
            attempts.append(url)

    def on_route(route: Any) -> None:
        if allowed(route.request.url):
            route.continue_()
        else:
            record(route.request.url)
            route.abort("blockedbyclient")

    def on_web_socket(ws: Any) -> None:
        if allowed(ws.url):
            ws.connect_to_server()
        else:
            record(ws.url)
            ws.close()

    context.route("**/*", on_route)
    context.route_web_socket(re.compile(".*"), on_web_socket)
    context.on("request", lambda request: None if allowed(request.url) else record(request.url))


@pytest.fixture
def external_requests() -> list[str]:
    """URLs on other hosts the test's pages tried to load (checked at teardown)."""
    return []


@pytest.fixture
def page_factory(
    chromium: Any, request: pytest.FixtureRequest, external_requests: list[str]
) -> Iterator[Callable[..., Any]]:
    """Make guarded pages, each in a fresh context (keyword arguments go to ``new_context``).

    Every request to another host than 127.0.0.1/localhost is aborted and recorded; the
    test errors at teardown if any was attempted.
    """
    contexts: list[Any] = []
    pages = request.node.stash.setdefault(PAGES_KEY, [])

    def make(**context_options: Any) -> Any:
        context = chromium.new_context(service_workers="block", **context_options)
        _guard(context, _is_local, external_requests)
        contexts.append(context)
        page = context.new_page()
        pages.append(page)
        return page

    yield make
    try:
        if external_requests:
            shots = _screenshot(request.node, pages)
            pytest.fail(
                f"{len(external_requests)} request(s) to other hosts (must be zero):\n  "
                + "\n  ".join(external_requests)
                + (f"\nscreenshots: {', '.join(map(str, shots))}" if shots else ""),
                pytrace=False,
            )
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def page(page_factory: Callable[..., Any]) -> Any:
    """A fresh page (desktop 1280x800) whose requests may only go to this machine."""
    return page_factory(viewport={"width": 1280, "height": 800})


@pytest.fixture
def file_page(
    chromium: Any,
    offline_site_dir: Path,
    request: pytest.FixtureRequest,
    external_requests: list[str],
) -> Iterator[Any]:
    """A page for the offline edition over ``file://`` with all network blocked.

    Open pages with ``file_page.goto((offline_site_dir / "index.html").as_uri())``.
    """
    context = chromium.new_context(
        service_workers="block", offline=True, viewport={"width": 1280, "height": 800}
    )
    _guard(context, _is_never, external_requests)
    page = context.new_page()
    request.node.stash.setdefault(PAGES_KEY, []).append(page)
    yield page
    try:
        if external_requests:
            pytest.fail(
                "the offline edition tried the network:\n  " + "\n  ".join(external_requests),
                pytrace=False,
            )
    finally:
        context.close()
