"""The on-disk build cache (``.cache/reader/``): a build after an edit, with the cache the
earlier builds left, writes exactly what a build from scratch writes, and redoes only
what the edit touched; a build with nothing changed does nothing at all."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import reader.app.build
import reader.app.cache
from project_copy import META, ORIGINAL, SLUG, write_minimal_project
from reader.app.cache import code_version
from reader.app.cli import main

OTHER = "doe-2021"
DOE_BIB = """
@article{doe2021,
  author = {Doe, Jane},
  title = {A Short Essay on Soft Power},
  journal = {Journal of Tests},
  year = {2021},
}
"""
CACHE = ".cache/"


def _project(root: Path) -> Path:
    """The minimal project with a second text, so that "only that text" means something."""
    write_minimal_project(root)
    folder = root / "sources" / OTHER
    folder.mkdir()
    text = ORIGINAL.replace("John Smith", "Jane Doe").replace("short remark", "long remark")
    text = text.replace("of nothing else at all.", "of nothing else: a co-\noperation at all.")
    (folder / "original.txt").write_text(text, encoding="utf-8")
    bib = root / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + DOE_BIB, encoding="utf-8")
    (folder / "meta.yml").write_text(
        META.replace("Smith 2020", "Doe 2021")
        .replace("John Smith", "Jane Doe")
        .replace("bib_key: smith2020", "bib_key: doe2021"),  # each text its own entry (M015)
        encoding="utf-8",
    )
    return root


def outputs(root: Path) -> dict[str, bytes]:
    """What a build writes: docs/, mkdocs.yml and every file under sources/ (the anchor
    locks), by path; the cache itself is left out."""
    files = [root / "mkdocs.yml", *(root / "docs").rglob("*"), *(root / "sources").rglob("*")]
    return {str(p.relative_to(root)): p.read_bytes() for p in files if p.is_file()}


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_paragraph(root: Path) -> None:
    path = root / "sources" / SLUG / "original.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA fourth paragraph.\n", "utf-8")


def _corpus_counts(root: Path) -> None:
    """One text's new words change how the other's line-end hyphen is decided (by corpus
    counts): "co-" / "operation" now keeps its hyphen, so that text is parsed again."""
    path = root / "sources" / SLUG / "original.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA co-operation, a co-operation.\n")
    (root / "sources" / OTHER / "anchors.lock").unlink()  # its paragraph 2 now reads otherwise


EDITS: dict[str, Callable[[Path], None]] = {
    "corpus counts": _corpus_counts,
    "original": _append_paragraph,
    "meta": lambda r: _edit(r, f"sources/{SLUG}/meta.yml", "A test text.", "A new summary."),
    "glossary": lambda r: _edit(r, "glossary.yml", "by force or payment", "by force"),
    "bibliography": lambda r: _edit(r, "references.bib", "Test Press", "Other Press"),
    "mkdocs.yml": lambda r: _edit(r, "mkdocs.yml", "site_name: Soft Power Reader", "site_name: X"),
}
#: Which texts a build parses again after each edit (the corpus passes and emit run for all).
REPARSED = {
    "corpus counts": [OTHER, SLUG],
    "original": [SLUG],
    "meta": [SLUG],
    "glossary": [],
    "bibliography": [],
    "mkdocs.yml": [],
    "code": [OTHER, SLUG],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, built once (so its cache is filled)."""
    root = _project(tmp_path_factory.mktemp("disk-cache") / "project")
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, cache included."""
    return Path(shutil.copytree(built, tmp_path / "project", symlinks=True))


@pytest.fixture
def reconverted(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts each generate() of the test parsed anew, one list per call."""
    calls: list[list[str]] = []
    real = reader.app.build.generate

    def recording(*args, **kwargs):
        edition = real(*args, **kwargs)
        calls.append(sorted(edition.reconverted))
        return edition

    monkeypatch.setattr(reader.app.build, "generate", recording)
    return calls


def _from_scratch(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a build writes into a copy of ``project`` with no cache and no generated
    pages (the anchor locks kept: they are sources)."""
    scratch = Path(shutil.copytree(project, tmp_path / "scratch", symlinks=True))
    shutil.rmtree(scratch / ".cache", ignore_errors=True)
    manifest = scratch / "docs" / ".reader-manifest.json"
    for name in json.loads(manifest.read_text(encoding="utf-8")):
        (scratch / "docs" / name).unlink()
    manifest.unlink()
    assert main(["--root", str(scratch), "build"]) == 0
    return outputs(scratch)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edit_builds_the_same_files_as_a_build_from_scratch(
    edit: str, project: Path, tmp_path: Path, reconverted: list[list[str]]
) -> None:
    before = outputs(project)
    EDITS[edit](project)
    expected = _from_scratch(project, tmp_path)
    reconverted.clear()
    assert main(["--root", str(project), "build"]) == 0
    assert reconverted == [REPARSED[edit]]
    found = outputs(project)
    assert found == expected
    assert found != before  # the edit did change what the build writes


def test_a_new_code_version_builds_everything_again(
    project: Path,
    tmp_path: Path,
    reconverted: list[list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = _from_scratch(project, tmp_path)
    reconverted.clear()
    code_version.cache_clear()
    monkeypatch.setattr(reader.app.cache, "LIBRARIES", (*reader.app.cache.LIBRARIES, "bump"))
    try:
        assert main(["--root", str(project), "build"]) == 0
    finally:
        code_version.cache_clear()
    assert reconverted == [REPARSED["code"]]
    assert outputs(project) == expected


def test_nothing_changed_runs_nothing(
    project: Path, reconverted: list[list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    before = outputs(project)
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 0
    assert main(["--root", str(project), "check"]) == 0
    assert reconverted == []  # generate() was never called
    said = capsys.readouterr().out
    assert said.count("nothing changed since the last build") == 2
    assert outputs(project) == before


def test_a_hand_edit_of_docs_is_not_hidden_by_the_cache(project: Path) -> None:
    page = project / "docs" / "texts" / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAn edit by hand.\n", "utf-8")
    assert main(["--root", str(project), "build"]) == 1  # D001, as without a cache
    assert main(["--root", str(project), "check"]) == 1


def test_a_damaged_cache_entry_is_computed_again(
    project: Path, tmp_path: Path, reconverted: list[list[str]]
) -> None:
    for entry in (project / CACHE / "reader").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    _append_paragraph(project)
    expected = _from_scratch(project, tmp_path)
    reconverted.clear()
    assert main(["--root", str(project), "build"]) == 0
    assert reconverted == [[OTHER, SLUG]]
    assert outputs(project) == expected
