"""The commands that build and check docs/: ``reader build | check``.

Each is a ``cmd_<name>(args) -> int`` that :mod:`reader.app.cli` imports by name when the
command runs (its registry), so a command imports only what it uses: these two do not
import MkDocs.
"""

from __future__ import annotations

import argparse
import sys

from reader.app.build import generate, hand_edits, read_manifest, stale_pages
from reader.app.editions import check_versions
from reader.app.incremental import Outcome, build_docs
from reader.app.unchanged import docs_line, root_of
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.record import unchanged_build
from reader.core.store import Store
from reader.inputs.mkdocs_config import blocks_for, stale_nav


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """Regenerate docs/ from sources/ (atomically; nothing written on error)."""
    build_and_say(args)
    return 0


def build_and_say(args: argparse.Namespace, check: bool = True) -> Outcome:
    """``reader build``, saying what it did; ``check=False`` leaves the conservation
    check to the caller (``reader site`` runs it on the built site)."""
    root = root_of(args)
    outcome = build_docs(root, check=check)
    for warning in outcome.warnings:
        print(warning, file=sys.stderr)
    written = outcome.written
    print(docs_line(outcome.pages, written, outcome.cached))
    if outcome.nav_updated:
        print("mkdocs.yml: the generated entries of the nav were updated")
    if outcome.edition is not None:  # nothing changed: the snapshot and versions held
        print("\n".join(outcome.anchors) or "anchors: all locked")
        if outcome.snapshot:
            print(f"{outcome.snapshot}: the snapshot of the version being built")
    return outcome


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything and compare docs/ with the sources, writing nothing."""
    root = root_of(args)
    record = unchanged_build(root)
    if record is not None:
        for warning in record.warnings:
            print(warning, file=sys.stderr)
        print(f"check: {record.texts} pages: all good (nothing changed since the last build)")
        return 0
    edition = generate(root, store=Store(root))
    _print(edition.warnings)
    docs = root / "docs"
    problems = hand_edits(docs, read_manifest(docs), edition.pages) + stale_pages(docs, edition)
    problems += stale_nav(root / "mkdocs.yml", blocks_for(edition.documents, edition.pages))
    problems += check_versions(root, edition, writing=False)
    pending = edition.context.pending_locks if edition.context is not None else {}
    for slug, (_, why) in sorted(pending.items()):
        print(f"sources/{slug}/anchors.lock: `reader build` would write it ({why})")
    if problems:
        raise DiagnosticError(problems)
    print(f"check: {len(edition.documents)} texts, {len(edition.pages)} pages: all good")
    return 0
