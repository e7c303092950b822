"""``reader build``, ``reader check`` and ``reader site`` with the on-disk build cache.

- Nothing changed (:func:`reader.core.record.unchanged_build`): the last successful
  build's record still matches every input and docs/ still holds what it wrote, so
  ``reader build`` and ``reader check`` have nothing to do, and ``reader site`` runs
  MkDocs only (its pages' verdicts are found in the cache). The command line usually
  takes those warm paths before this module is even imported (:mod:`reader.app.unchanged`,
  :mod:`reader.app.site_warm`); this one handles the rest.
- Something changed: :func:`reader.app.build.generate` runs with the cache
  (:class:`reader.core.store.Store`): unchanged texts are not parsed again, and a text
  whose own files and the shared inputs did not change keeps its passes' result
  (:mod:`reader.app.memo`). The corpus passes run for every text, since one text's change
  can change another's page (related passages, annotations); a page is rendered again
  only when its document changed, and compared again only when it or its text did.
- ``reader site`` leaves the conservation check to the site: MkDocs renders each page
  once, and the check reads that HTML before the site is swapped in. docs/, the nav and
  the anchor locks are written first (MkDocs reads them); if the check then fails, they
  are put back as they were (:class:`Snapshot`) and site/ is not touched.

The record is written only after a build whose every check passed.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from reader.app import build
from reader.app.build import write_docs
from reader.app.editions import check_versions, snapshot_file, write_snapshot
from reader.app.pagecheck import Texts, check_built_site, load_texts
from reader.core.atomic import temp_name
from reader.core.diagnostics import DiagnosticError
from reader.core.record import (
    MANIFEST,
    BuildRecord,
    docs_digests,
    input_digests,
    inputs_key,
    unchanged_build,
    write_record,
)
from reader.core.store import Store
from reader.inputs.locks import write_pending
from reader.inputs.mkdocs_config import blocks_for, write_nav
from reader.passes.edition import Edition


@dataclass
class Snapshot:
    """The bytes of the files a build is about to write (None: the file did not exist)."""

    files: dict[Path, bytes | None] = field(default_factory=dict)

    @classmethod
    def of(cls, paths: list[Path]) -> Snapshot:
        """Read every path now."""
        return cls({p: p.read_bytes() if p.is_file() else None for p in paths})

    def restore(self) -> None:
        """Put every file back as it was (each through a temporary file)."""
        for path, data in self.files.items():
            now = path.read_bytes() if path.is_file() else None
            if now == data:
                continue
            if data is None:
                path.unlink(missing_ok=True)
                continue
            temp = temp_name(path)
            temp.write_bytes(data)
            os.replace(temp, path)


@dataclass
class Outcome:
    """What ``reader build`` did, for the command line to print."""

    pages: int
    written: list[str]
    warnings: list[str]
    cached: bool = False  # nothing changed: the last build's record was used
    nav_updated: bool = False
    anchors: list[str] = field(default_factory=list)
    snapshot: str | None = None  # editions/<version>.json, when the build wrote it
    edition: Edition | None = None
    before: dict[str, str] = field(default_factory=dict)  # input digests before the build
    undo: Snapshot | None = None


def _written_paths(root: Path, edition: Edition) -> list[Path]:
    """Every file writing this edition may change: docs/ pages, the manifest, the nav,
    the anchor locks."""
    docs = root / "docs"
    manifest = docs / MANIFEST
    names = set(edition.pages)
    if manifest.is_file():
        with contextlib.suppress(ValueError):
            names |= set(json.loads(manifest.read_bytes()))
    locks = [root / "sources" / slug / "anchors.lock" for slug in edition.sources]
    snapshot = snapshot_file(root)
    extra = [snapshot] if snapshot is not None else []
    return [*(docs / n for n in sorted(names)), manifest, root / "mkdocs.yml", *locks, *extra]


def build_docs(root: Path, check: bool = True) -> Outcome:
    """Regenerate docs/, the nav and the anchor locks unless nothing changed."""
    before = input_digests(root)
    record = unchanged_build(root)
    if record is not None:
        return Outcome(record.texts, [], record.warnings, cached=True, before=before)
    edition = build.generate(root, store=Store(root), check=check, digests=before)
    undo = None if check else Snapshot.of(_written_paths(root, edition))
    try:
        written = write_docs(root / "docs", edition)
        nav = write_nav(root / "mkdocs.yml", blocks_for(edition.documents, edition.pages))
        anchors: list[str] = []
        if edition.context is not None and edition.context.anchors is not None:
            anchors = write_pending(root, edition.context.pending_locks)
        snapshot = write_snapshot(root, edition)  # before the record: editions/ is an input
        problems = check_versions(root, edition, writing=True)
        if problems:
            raise DiagnosticError(problems)
    except BaseException:
        if undo is not None:  # pages not yet checked: put back what was there
            undo.restore()
        raise
    outcome = Outcome(
        len(edition.pages),
        written,
        [str(w) for w in edition.warnings],
        nav_updated=nav,
        anchors=anchors,
        snapshot=snapshot,
        edition=edition,
        before=before,
        undo=undo,
    )
    if check:
        remember(root, outcome)
    return outcome


def remember(root: Path, outcome: Outcome, site: bool = False) -> None:
    """Record a build whose checks all passed, unless an input changed while it ran
    (other than the nav and anchor locks it wrote itself); ``site``: ``reader site``
    checked the site built from it, so that the next one may take the warm path
    (:mod:`reader.app.site_warm`)."""
    if outcome.edition is None:
        if site:
            _mark_site_checked(root)
        return
    after = input_digests(root)
    ctx = outcome.edition.context
    ours = {f"sources/{slug}/anchors.lock" for slug in (ctx.pending_locks if ctx else {})}
    if outcome.nav_updated:
        ours.add("mkdocs.yml")
    if outcome.snapshot:
        ours.add(outcome.snapshot)
    changed = {k for k in set(after) | set(outcome.before) if after.get(k) != outcome.before.get(k)}
    if changed - ours:
        return
    pages = docs_digests(root / "docs", [*outcome.edition.pages, MANIFEST])
    if pages is None:
        return
    n = len(outcome.edition.pages)
    write_record(root, BuildRecord(inputs_key(after), pages, outcome.warnings, n, site))


def _mark_site_checked(root: Path) -> None:
    """Say in the record of an unchanged build that a site built from it was checked."""
    record = unchanged_build(root)
    if record is not None and not record.site:
        record.site = True
        write_record(root, record)


def verify_site(root: Path, staging: Path, outcome: Outcome | None = None) -> None:
    """The conservation check on the freshly built site; raise DiagnosticError if a word
    was lost, added or moved. The texts are the ``outcome``'s build's when it ran one,
    else read anew."""
    store = Store(root)
    edition = outcome.edition if outcome is not None else None

    def texts() -> Texts:
        if edition is None or outcome is None:
            return load_texts(root, store)
        return Texts.of(edition, outcome.before)

    with build.collector_paused():  # a large heap, almost no cycles: as in generate()
        problems = check_built_site(root, staging, texts, store)
    if problems:
        raise DiagnosticError(problems)
