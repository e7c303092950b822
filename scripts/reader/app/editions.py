"""The snapshot of the version being built, written beside the older ones.

``reader build`` records what the newest version of ``editions.yml`` holds in
``editions/<version>.json`` (see :mod:`reader.inputs.editions`); ``reader check`` says
when that file is stale, and both check that the anchors of every earlier version still
land on their words (:mod:`reader.checks.editions`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from reader.checks.editions import earlier_anchors_land
from reader.core.atomic import write_atomic
from reader.core.diagnostics import Diagnostic
from reader.emit.changelog import render_changelog_page, version_line
from reader.inputs.editions import (
    dump_snapshot,
    load_editions,
    load_snapshots,
    snapshot_path,
)
from reader.passes.edition import Edition


def snapshot(edition: Edition) -> dict[str, Any]:
    """What the edition being built holds, text by text (see :mod:`reader.emit.changelog`)."""
    ctx = edition.context
    book = ctx.anchors if ctx is not None else None
    pending = ctx.pending_locks if ctx is not None else {}
    texts: dict[str, Any] = {}
    for doc in edition.documents:
        slug = doc.meta.slug
        source = edition.sources.get(slug)
        log = edition.logs.get(slug)
        lock = pending[slug][0] if slug in pending else None
        if lock is None and book is not None:
            lock = book.locks.get(slug)
        repairs = Counter(r.rule for r in (log.repairs if log else []))
        if log is not None:
            repairs.update({"dehyphenate": len(log.hyphenation), "rejoin": len(log.rejoined)})
        texts[slug] = {
            "title": doc.meta.title,
            "original_sha256": hashlib.sha256(source.path.read_bytes()).hexdigest()
            if source is not None
            else "",
            "corrections": [
                f"“{c.find}” → “{c.replace}” ({c.reason})" for c in doc.meta.corrections
            ],
            "repairs": {rule: n for rule, n in sorted(repairs.items()) if n},
            "anchors": {a: e.fingerprint for a, e in lock.anchors.items()} if lock else {},
            "redirects": dict(lock.redirects) if lock else {},
            "revision": lock.revision if lock else 0,
        }
    return {"texts": texts}


def _current(root: Path) -> str | None:
    version = load_editions(root).current
    return version.number if version else None


def snapshots_with_current(root: Path, edition: Edition) -> dict[str, dict[str, Any]]:
    """The recorded snapshots, the current version's replaced by the build's own."""
    snaps = load_snapshots(root)
    number = _current(root)
    if number is not None:
        snaps[number] = snapshot(edition)
    return snaps


def check_versions(root: Path, edition: Edition, writing: bool) -> list[Diagnostic]:
    """The landing check and, when not ``writing``, whether the snapshot is stale."""
    number = _current(root)
    if number is None:
        return []
    now = snapshot(edition)
    problems = earlier_anchors_land(load_snapshots(root), number, now)
    path = snapshot_path(root, number)
    stale = not path.is_file() or path.read_text(encoding="utf-8") != dump_snapshot(now)
    if stale and not writing:
        problems.append(
            Diagnostic(
                "J004",
                f"the snapshot of version {number} is stale",
                f"editions/{number}.json",
                hint="run `make docs` and commit editions/",
            )
        )
    return problems


def snapshot_file(root: Path) -> Path | None:
    """Where :func:`write_snapshot` writes (None: editions.yml has no current version)."""
    number = _current(root)
    return snapshot_path(root, number) if number is not None else None


def write_snapshot(root: Path, edition: Edition) -> str | None:
    """Write the current version's snapshot if it changed; return its path if written."""
    number = _current(root)
    if number is None:
        return None
    path = snapshot_path(root, number)
    text = dump_snapshot(snapshot(edition))
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return None
    path.parent.mkdir(exist_ok=True)
    write_atomic(path, text)
    return str(path.relative_to(root))


def changelog_page(root: Path, edition: Edition) -> str:
    """The changelog page of this build."""
    return render_changelog_page(load_editions(root), snapshots_with_current(root, edition))


def with_version(page: str, root: Path) -> str:
    """A page with the edition's version line after its title (the edition page)."""
    line = version_line(load_editions(root))
    lines = page.split("\n")
    title = next((i for i, text in enumerate(lines) if text.startswith("# ")), None)
    if not line or title is None:
        return page
    return "\n".join([*lines[: title + 1], "", line, *lines[title + 1 :]])
