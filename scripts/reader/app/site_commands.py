"""The commands that build the sites with MkDocs: ``reader site | offline``.

Each is a ``cmd_<name>(args) -> int`` that :mod:`reader.app.cli` imports by name when the
command runs (its registry); MkDocs runs in this process (:mod:`reader.app.site`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.app.docs_commands import build_and_say, cmd_build, root_of
from reader.app.incremental import remember, verify_site
from reader.app.offline import build_offline, download_path, publish_download
from reader.app.site import build_site
from reader.app.webapp import add_service_worker, runtime_missing


def cmd_site(args: argparse.Namespace) -> int:
    """Build docs/, then site/ with MkDocs (swapped in only if the build succeeds)."""
    outcome = build_and_say(args, check=False)  # the check reads the site MkDocs builds
    root = root_of(args)
    download = download_path(root)  # the zip of a `reader offline` run, linked in the footer
    missing = runtime_missing(root)  # without Workbox (no `npm ci`), no web app
    env = {"READER_WEBAPP": "0" if missing else "1"}
    if download:
        env["READER_DOWNLOAD"] = download.as_posix()
    published: list[Path] = []
    cached: list[int] = []

    def finish(staged: Path) -> None:
        verify_site(root, staged, outcome)  # every word of every text, on the HTML MkDocs built
        published.extend(p for p in [publish_download(root, staged)] if p)
        if not missing:
            cached.append(add_service_worker(root, staged))

    try:
        build_site(root, root / "mkdocs.yml", root / "site", finish=finish, env=env)
    except BaseException:
        if outcome.undo is not None:
            outcome.undo.restore()  # docs/, the nav and the locks as they were before
        raise
    remember(root, outcome)
    app = (
        f"its service worker precaches {cached[0]} files"
        if cached
        else f"without the web app ({missing} is missing: `make npm`)"
    )
    print(
        f"site/: built, {app}"
        + (f", with site/{download.as_posix()}" if published and download else "")
    )
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """Build docs/, then the offline edition site-offline/ and its zip in dist/."""
    cmd_build(args)
    site, archive = build_offline(root_of(args))
    print(
        f"{site.name}/: built; {archive.parent.name}/{archive.name}: "
        f"{archive.stat().st_size // 1024} KiB"
    )
    return 0
