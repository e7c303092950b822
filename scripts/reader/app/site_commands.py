"""The commands that build the sites with MkDocs: ``reader site | offline``.

Each is a ``cmd_<name>(args) -> int`` that :mod:`reader.app.cli` imports by name when the
command runs (its registry); MkDocs runs in this process (:mod:`reader.app.site`).
``reader site`` with nothing changed usually never gets here: :mod:`reader.app.site_warm`
runs it without importing the pipeline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.app.build import heap_frozen
from reader.app.docs_commands import build_and_say, cmd_build
from reader.app.incremental import remember, verify_site
from reader.app.offline import build_offline
from reader.app.site_warm import publish_site
from reader.app.unchanged import root_of


def cmd_site(args: argparse.Namespace) -> int:
    """Build docs/, then site/ with MkDocs (swapped in only if the build succeeds)."""
    outcome = build_and_say(args, check=False)  # the check reads the site MkDocs builds
    root = root_of(args)

    def check(staged: Path) -> None:
        verify_site(root, staged, outcome)  # every word of every text, on the HTML MkDocs built

    try:
        with heap_frozen():  # the build's objects live on; MkDocs' collections skip them
            said = publish_site(root, check)
    except BaseException:
        if outcome.undo is not None:
            outcome.undo.restore()  # docs/, the nav and the locks as they were before
        raise
    remember(root, outcome, site=True)
    print(said)
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
