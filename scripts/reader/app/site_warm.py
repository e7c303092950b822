"""Building site/ with MkDocs, and ``reader site`` when nothing changed.

:func:`publish_site` is what every ``reader site`` does once docs/ is ready: MkDocs
builds into a staging folder, a check reads what it built, the zip of the offline
edition and the web app's service worker are added, and the folder is swapped in.

:func:`warm_site` is ``reader site`` when the build record still holds and a site built
from the same docs/ was checked before: MkDocs runs, and every text's page must have a
verdict of the conservation check under the key of its HTML and every source
(:mod:`reader.app.verdicts`). A page without one (a theme template changed the HTML,
say) abandons the staged site, and the command runs in full, comparing the page with
its source. This module imports no part of the pipeline (no parser, passes, pydantic
models or citation libraries).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from reader.app.offline import download_path, publish_download
from reader.app.site import build_site
from reader.app.unchanged import docs_line, root_of, say_warnings
from reader.app.verdicts import site_verdicts
from reader.app.webapp import add_service_worker, runtime_missing
from reader.core.record import unchanged_build
from reader.core.store import Store


def publish_site(root: Path, check: Callable[[Path], None]) -> str:
    """Build site/ with MkDocs; ``check`` the staged folder (it raises to stop the
    build), add the zip and the service worker, swap it in; what to say of it."""
    download = download_path(root)  # the zip of a `reader offline` run, linked in the footer
    missing = runtime_missing(root)  # without Workbox (no `npm ci`), no web app
    env = {"READER_WEBAPP": "0" if missing else "1"}
    if download:
        env["READER_DOWNLOAD"] = download.as_posix()
    published: list[Path] = []
    cached: list[int] = []

    def finish(staged: Path) -> None:
        check(staged)
        published.extend(p for p in [publish_download(root, staged)] if p)
        if not missing:
            cached.append(add_service_worker(root, staged))

    build_site(root, root / "mkdocs.yml", root / "site", finish=finish, env=env)
    app = (
        f"its service worker precaches {cached[0]} files"
        if cached
        else f"without the web app ({missing} is missing: `make npm`)"
    )
    return f"site/: built, {app}" + (
        f", with site/{download.as_posix()}" if published and download else ""
    )


class _Unchecked(Exception):
    """A page of the staged site has no verdict: the command must run in full."""


def warm_site(args: argparse.Namespace) -> int | None:
    """``reader site`` with docs/ as the last checked build left it; None (nothing
    swapped in, nothing printed) when something changed or a page has no verdict."""
    root = root_of(args)
    record = unchanged_build(root)
    if record is None or not record.site:
        return None
    store = Store(root)

    def check(staged: Path) -> None:
        if not site_verdicts(root, staged, store).passed:
            raise _Unchecked

    try:
        said = publish_site(root, check)
    except _Unchecked:
        return None
    say_warnings(record)
    print(docs_line(record.texts, [], cached=True))
    print(said)
    return 0
