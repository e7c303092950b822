"""The edition's published versions: ``editions.yml``, and the snapshot of each version.

``editions.yml`` declares the edition as a citable work (its title and editors) and its
versions, newest first, each with a number and a date. The newest is the version being
built: its number and date go on the edition page, into every citation and into the
offline zip's name. ``editions/<version>.json`` is the snapshot of what a version
contained (texts, declared corrections, repairs, anchors and their redirects):
``reader build`` writes the newest one; older ones are never rewritten, so the changelog
(:mod:`reader.emit.changelog`) can say what changed between any two versions and the
build can check that every anchor of an earlier version still lands on its words.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.inputs.yamlio import load_yaml, position_of

EDITIONS = "editions.yml"
SNAPSHOTS = "editions"
VERSION_RE = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Version:
    """One published version: its number (``1.2.0``), date (ISO) and a line of notes."""

    number: str
    date: str
    notes: str = ""

    @property
    def date_parts(self) -> list[int]:
        """The date as CSL ``date-parts`` numbers: ``[2026, 12, 1]``."""
        return [int(p) for p in self.date.split("-")]


@dataclass(frozen=True)
class EditionInfo:
    """The edition as a citable work: title, editors (as printed) and its versions."""

    title: str = "Soft Power Reader"
    editors: tuple[str, ...] = ()
    versions: tuple[Version, ...] = ()

    @property
    def current(self) -> Version | None:
        """The version being built (the newest), or None when none is declared."""
        return self.versions[0] if self.versions else None


def _bad(display: str, data: Any, key: str | int | None, message: str, hint: str) -> Diagnostic:
    pos = position_of(data, key)
    return Diagnostic("J001", message, display, pos.line, pos.column, hint=hint)


def _version(item: Any, display: str, problems: list[Diagnostic]) -> Version | None:
    if not isinstance(item, dict):
        problems.append(_bad(display, item, None, "a version must be a mapping", "see above"))
        return None
    number, date = str(item.get("version", "")), str(item.get("date", ""))
    if not VERSION_RE.match(number):
        hint = 'write it as MAJOR.MINOR.PATCH, e.g. version: "1.1.0"'
        problems.append(_bad(display, item, "version", f"bad version '{number}'", hint))
        return None
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        hint = 'write it as YYYY-MM-DD, e.g. date: "2026-12-01"'
        problems.append(_bad(display, item, "date", f"bad date '{date}' of {number}", hint))
        return None
    return Version(number, date, str(item.get("notes") or ""))


def load_editions(root: Path) -> EditionInfo:
    """Read and validate ``editions.yml``; an edition without one has no versions.

    Raises :class:`DiagnosticError` naming the line of a bad entry, or of versions that
    are not newest first.
    """
    path = root / EDITIONS
    if not path.is_file():
        return EditionInfo()
    data = load_yaml(path, EDITIONS) or {}
    problems: list[Diagnostic] = []
    items = data.get("versions") or []
    versions = [v for v in (_version(item, EDITIONS, problems) for item in items) if v]
    order = [tuple(int(p) for p in v.number.split(".")) for v in versions]
    if order != sorted(order, reverse=True) or len(set(order)) != len(order):
        hint = "list the versions newest first, each number once"
        problems.append(_bad(EDITIONS, data, "versions", "versions out of order", hint))
    if problems:
        raise DiagnosticError(problems)
    editors = data.get("editors") or []
    return EditionInfo(
        str(data.get("title") or EditionInfo.title),
        tuple(str(e) for e in (editors if isinstance(editors, list) else [editors])),
        tuple(versions),
    )


def snapshot_path(root: Path, number: str) -> Path:
    """Where the snapshot of a version lives."""
    return root / SNAPSHOTS / f"{number}.json"


def load_snapshots(root: Path) -> dict[str, dict[str, Any]]:
    """Every recorded snapshot, by version number."""
    folder = root / SNAPSHOTS
    if not folder.is_dir():
        return {}
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
        if VERSION_RE.match(path.stem)
    }


def dump_snapshot(snapshot: dict[str, Any]) -> str:
    """A snapshot as JSON: one text per block, keys sorted, for reviewable diffs."""
    return json.dumps(snapshot, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
