"""``reader check`` (``make check``) runs every validation and writes nothing.

Every file of the project (docs/, site/, sources/ with its lock files, mkdocs.yml, the
manifest, stray temporary files) is fingerprinted by content and mtime before and after
the check, in the states in which ``reader build`` *would* write: clean, stale pages, a
new anchor lock to create, a stale nav, leftovers of a killed build, and on a copy of the
real five-text project. Only the git-ignored cache of formatted references
(``.cache/csl/``) may be filled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from project_copy import (
    ROOT,
    SLUG,
    copy_project,
    fresh_copy,
    run_reader,
    snapshot,
    write_minimal_project,
)
from reader.app.cli import main

#: The formatted-reference cache (``.cache/csl/``, git-ignored) may be filled by any run;
#: it is not an output, and nothing in it is ever read as a source.
CACHE = ".cache/"


def files(root: Path) -> dict[str, tuple[str, int]]:
    """:func:`snapshot` of ``root`` without the cache."""
    return {name: v for name, v in snapshot(root).items() if not name.startswith(CACHE)}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project, built once, with a site/ stand-in."""
    root = write_minimal_project(tmp_path_factory.mktemp("readonly") / "project")
    assert main(["--root", str(root), "build"]) == 0
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>site</p>\n")
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project."""
    return fresh_copy(built, tmp_path)


def stale_summary(root: Path) -> None:
    """A source change: docs/ is now stale."""
    meta = root / "sources" / SLUG / "meta.yml"
    meta.write_text(meta.read_text().replace("summary: A test text.", "summary: New."))


def no_lock(root: Path) -> None:
    """No anchor lock yet: a build would create one."""
    for lock in (root / "sources" / SLUG).glob("*.lock"):
        lock.unlink()


def stale_nav(root: Path) -> None:
    """The nav's texts block lists a text that does not exist: a build would rewrite it."""
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            f"      - texts/{SLUG}.md\n", f"      - texts/{SLUG}.md\n      - texts/gone-1999.md\n"
        )
    )


def leftovers(root: Path) -> None:
    """Temporary files of a killed build: a build would remove them."""
    (root / "docs" / ".index.md.999999999.tmp").write_text("staged")
    (root / "docs" / ".reader-manifest.json.999999999.tmp").write_text("{}")
    (root / ".site.999999999.abc").mkdir()


STATES: list[tuple[str, Callable[[Path], None], int]] = [
    ("clean", lambda root: None, 0),
    ("stale-pages", stale_summary, 1),
    ("no-anchor-lock", no_lock, 0),
    ("stale-nav", stale_nav, 1),
    ("leftovers-of-a-killed-build", leftovers, 0),
]


@pytest.mark.parametrize(("state", "prepare", "status"), STATES, ids=[s[0] for s in STATES])
def test_check_writes_nothing(
    project: Path,
    state: str,
    prepare: Callable[[Path], None],
    status: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Whatever ``reader build`` would write, ``reader check`` leaves every file as it is
    (content and mtime) and reports by its exit status whether docs/ is up to date."""
    prepare(project)
    before = files(project)
    folders = sorted(p for p in project.rglob("*") if p.is_dir() and CACHE not in f"{p}/")
    assert main(["--root", str(project), "check"]) == status, capsys.readouterr().err
    assert files(project) == before
    assert sorted(p for p in project.rglob("*") if p.is_dir() and CACHE not in f"{p}/") == folders


def test_check_reports_stale_pages_by_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stale page is named with D002 and the way to refresh it."""
    stale_summary(project)
    assert main(["--root", str(project), "check"]) == 1
    err = capsys.readouterr().err
    assert f"docs/texts/{SLUG}.md: D002 error: generated page is stale or missing" in err
    assert "run `make docs`" in err


@pytest.mark.slow
def test_check_on_the_real_project_writes_nothing(tmp_path: Path) -> None:
    """The five texts, copied: ``reader check`` exits 0 or 1 (docs/ may be stale while
    people work), never with a traceback, and changes no file."""
    root = copy_project(ROOT, tmp_path / "project")
    before = files(root)
    entries = sorted(p.name for p in root.iterdir() if p.name != ".cache")
    result = run_reader(root, "check")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert files(root) == before
    assert sorted(p.name for p in root.iterdir() if p.name != ".cache") == entries
