"""Temporary projects for tests: copies of the real project and a minimal synthetic one.

- :func:`copy_project` copies what a build reads (:data:`PROJECT_PATHS`) from one folder
  to another.
- :func:`write_minimal_project` writes a one-text project, small enough to build in about
  a second, with a glossary, a bibliography, citation and annotation declarations and a
  declared correction, so every kind of input can be broken cheaply;
  :func:`add_site_files` gives any such project the real ``mkdocs.yml`` (its ``nav`` cut
  down to the pages it has), docs/assets/, scripts/theme/ and scripts/hooks/.
- :func:`fresh_copy` copies a built project whole (its build cache too) for one test.
- :func:`snapshot` fingerprints every file under a folder, to prove nothing changed;
  :func:`run_reader` runs the installed ``reader`` command.
- :func:`site_build_lock` is held by a test that rebuilds the project's own ``site/``, so
  pytest-xdist's workers never build it at the same time.

Tests import it as ``from project_copy import …``: pytest puts ``tests/`` on the path.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.app.cli import main
from reader.core.project import PROJECT_PATHS, copy_project  # noqa: F401 (re-exported)

ROOT = Path(__file__).resolve().parents[1]
READER = Path(sys.executable).parent / "reader"
#: Hand-written files under docs/ the site needs (styles, scripts, templates).
DOCS_ASSETS = ("assets",)

SLUG = "smith-2020"

ORIGINAL = """\
A Short Essay on Soft Power
John Smith

The first paragraph speaks of soft power, as Jane Jones wrote in her famous study of attraction.

The second paragraph speaks of hard power and of nothing else at all.

The third paragraph closes the essay with a short remark.
"""

META = """\
# A minimal text for tests.
title: A Short Essay on Soft Power
short_title: Smith 2020
authors:
  - {name: John Smith, role: author}
date: "2020"
venue: Journal of Tests
genre: essay
bib_key: smith2020
language: en
summary: A test text.
rights: Public domain test text.
provenance: Written for the test suite.
profile: default
structure:
  front:
    - {lines: "1", role: title}
    - {lines: "2", role: byline}
corrections:
  - find: closes the essay
    replace: closes the essay
    count: 1
    reason: a no-op correction the tests can break
"""

CITATIONS = """\
# Editorial citations.
- quote: as Jane Jones wrote in her famous study
  key: jones2019
"""

ANNOTATIONS = """\
# Editorial annotations, anchored by quotation.
- id: first-note
  kind: note
  exact: "The first paragraph speaks of soft power"
  body: A note on the first paragraph.
  concepts: [soft-power]
"""

GLOSSARY = """\
# A two-entry glossary.
- id: soft-power
  headword: soft power
  aliases: []
  category: concept
  tooltip: "Getting what one wants by attraction."
  note: The term of Joseph Nye.
  related: [hard-power]
  bib: jones2019

- id: hard-power
  headword: hard power
  aliases: []
  category: concept
  tooltip: "Getting what one wants by force or payment."
  note: The opposite of soft power.
  related: [soft-power]
"""

BIB = """\
% A two-entry bibliography.
@article{smith2020,
  author = {Smith, John},
  title = {A Short Essay on Soft Power},
  journal = {Journal of Tests},
  year = {2020},
}

@book{jones2019,
  author = {Jones, Jane},
  title = {A Famous Study of Attraction},
  publisher = {Test Press},
  year = {2019},
}
"""


def mkdocs_config(slugs: list[str], root: Path = ROOT) -> str:
    """The real ``mkdocs.yml`` with a ``nav`` of only the pages a minimal project has
    (home, ``slugs`` between the ``# BEGIN texts`` / ``# END texts`` markers that
    ``reader build`` maintains, glossary, bibliography, edition).

    Edited as text, so tags such as ``!!python/name`` and comments elsewhere survive."""
    texts = "".join(f"      - texts/{slug}.md\n" for slug in slugs)
    nav = (
        "nav:\n  - Home: index.md\n  - Texts:\n"
        "      # BEGIN texts (written by `reader build` from sources/)\n"
        f"{texts}      # END texts\n"
        "  - Glossary: glossary.md\n  - Bibliography: bibliography.md\n"
        "  - About this edition: edition.md\n"
    )
    kept: list[str] = []
    in_nav = False
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if re.match(r"^nav\s*:", line):
            in_nav = True
            kept.append(nav.rstrip("\n"))
            continue
        if in_nav and line and not line[0].isspace() and not line.startswith("#"):
            in_nav = False
        if not in_nav:
            kept.append(line)
    return "\n".join(kept) + "\n"


def write_minimal_project(
    dest: Path,
    *,
    original: str = ORIGINAL,
    meta: str = META,
    citations: str | None = CITATIONS,
    annotations: str | None = ANNOTATIONS,
    glossary: str | None = GLOSSARY,
    bib: str | None = BIB,
    slug: str = SLUG,
) -> Path:
    """Write a one-text project into ``dest`` (created); return ``dest``."""
    folder = dest / "sources" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "original.txt").write_text(original, encoding="utf-8")
    (folder / "meta.yml").write_text(meta, encoding="utf-8")
    if citations is not None:
        (folder / "citations.yml").write_text(citations, encoding="utf-8")
    if annotations is not None:
        (folder / "annotations.yml").write_text(annotations, encoding="utf-8")
    if glossary is not None:
        (dest / "glossary.yml").write_text(glossary, encoding="utf-8")
    if bib is not None:
        (dest / "references.bib").write_text(bib, encoding="utf-8")
    return add_site_files(dest, [slug])


def add_site_files(dest: Path, slugs: list[str]) -> Path:
    """Give a project in ``dest`` what MkDocs needs besides generated pages: mkdocs.yml
    (see :func:`mkdocs_config`), docs/assets/, scripts/theme/ and scripts/hooks/ from the
    real one."""
    (dest / "mkdocs.yml").write_text(mkdocs_config(slugs), encoding="utf-8")
    docs = dest / "docs"
    docs.mkdir(exist_ok=True)
    for name in DOCS_ASSETS:
        if (ROOT / "docs" / name).is_dir():
            shutil.copytree(ROOT / "docs" / name, docs / name, dirs_exist_ok=True)
    for name in ("scripts/theme", "scripts/hooks"):  # theme templates, the MkDocs hook
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, dirs_exist_ok=True)
    return dest


def built_minimal_project(factory: Any, name: str, command: str = "build") -> Path:
    """The minimal project, written under a new temporary folder ``name`` (``factory`` is
    pytest's ``tmp_path_factory``) and built once by ``reader <command>``: the module
    fixture of the tests that then change a :func:`fresh_copy` of it."""
    root = write_minimal_project(factory.mktemp(name) / "project")
    status = main(["--root", str(root), command])
    assert status == 0, f"reader {command} of the minimal project: exit {status}"
    return root


def fresh_copy(built: Path, tmp_path: Path) -> Path:
    """A copy of the project ``built`` under ``tmp_path`` (symlinks kept as links, the
    build cache included), for one test to change."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


@contextlib.contextmanager
def site_build_lock() -> Iterator[None]:
    """Hold an exclusive lock on this checkout's ``site/`` builds (a file lock in the
    temporary folder): a second worker that finds site/ stale waits here, then sees it
    fresh."""
    key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    with (Path(tempfile.gettempdir()) / f"reader-site-{key}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``folder``: relative path -> (sha256, mtime in ns)."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_reader(
    root: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the installed ``reader`` command in ``root``; capture its output as text."""
    return subprocess.run(
        [str(READER), "--root", str(root), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
