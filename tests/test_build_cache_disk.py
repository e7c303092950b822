"""The on-disk build cache (``.cache/reader/``): a build after an edit, with the cache the
earlier builds left, writes exactly what a build from scratch writes, and redoes only
what the edit touched (parses, per-text passes, page renderings); a build with nothing
changed does nothing at all. A key left short of an input it needs is caught: the same
comparison with a build from scratch then fails."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import reader.app.build
import reader.app.memo
import reader.app.stages
import reader.core.record
from project_copy import META, ORIGINAL, SLUG, fresh_copy, write_minimal_project
from reader.app.cli import main
from reader.core.record import code_version
from reader.passes.edition import Edition

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
EDITIONS = """title: Soft Power Reader
editors:
  - Test editors
versions:
  - version: "1.1.0"
    date: "2026-12-01"
    notes: The second version.
  - version: "1.0.0"
    date: "2026-11-01"
    notes: The first version.
"""


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
    (root / "editions.yml").write_text(EDITIONS, encoding="utf-8")
    (root / "editions").mkdir()
    (root / "editions" / "1.0.0.json").write_text('{"texts": {}}\n', encoding="utf-8")
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


def _earlier_snapshot(root: Path) -> None:
    """The recorded snapshot of the earlier version says it had one text, under another
    title (the changelog compares the version being built with it)."""
    current = json.loads((root / "editions" / "1.1.0.json").read_text(encoding="utf-8"))
    text = current["texts"][SLUG]
    earlier = {"texts": {SLUG: {**text, "title": "An Earlier Title"}}}
    (root / "editions" / "1.0.0.json").write_text(json.dumps(earlier), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "corpus counts": _corpus_counts,
    "original": _append_paragraph,
    "meta": lambda r: _edit(r, f"sources/{SLUG}/meta.yml", "A test text.", "A new summary."),
    "glossary": lambda r: _edit(r, "glossary.yml", "by force or payment", "by force"),
    "bibliography": lambda r: _edit(r, "references.bib", "Test Press", "Other Press"),
    "mkdocs.yml": lambda r: _edit(r, "mkdocs.yml", "site_name: Soft Power Reader", "site_name: X"),
    "editions.yml": lambda r: _edit(r, "editions.yml", "Test editors", "Other editors"),
    "edition snapshot": _earlier_snapshot,
}
#: Which texts a build parses again after each edit (the corpus passes and emit run for all).
REPARSED = {
    "corpus counts": [OTHER, SLUG],
    "original": [SLUG],
    "meta": [SLUG],
    "glossary": [],
    "bibliography": [],
    "mkdocs.yml": [],
    "editions.yml": [],
    "edition snapshot": [],
    "code": [OTHER, SLUG],
}
#: Which texts' passes run again (:data:`reader.app.pipeline.PASSES`; the rest come from
#: the cache): an edit to one text's files, or a shared input every text reads.
PASSED = {
    "corpus counts": [OTHER, SLUG],
    "original": [SLUG],
    "meta": [SLUG],
    "glossary": [OTHER, SLUG],
    "bibliography": [OTHER, SLUG],
    "mkdocs.yml": [OTHER, SLUG],
    "editions.yml": [OTHER, SLUG],  # the edition's editors are in every paragraph's citation
    "edition snapshot": [],  # only the changelog reads the snapshots
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, built (so its cache is filled): twice, since the first build writes
    the anchor locks, which the per-text passes read (the second caches them with)."""
    root = _project(tmp_path_factory.mktemp("disk-cache") / "project")
    assert main(["--root", str(root), "build"]) == 0
    reader.core.record.forget_record(root)
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, cache included."""
    return fresh_copy(built, tmp_path)


@pytest.fixture
def editions(monkeypatch: pytest.MonkeyPatch) -> list[Edition]:
    """The edition of each generate() of the test, in order."""
    calls: list[Edition] = []
    real = reader.app.build.generate

    def recording(*args, **kwargs):
        edition = real(*args, **kwargs)
        calls.append(edition)
        return edition

    monkeypatch.setattr(reader.app.build, "generate", recording)
    return calls


def _parsed(editions: list[Edition]) -> list[list[str]]:
    """The texts each generate() parsed anew, one list per call."""
    return [sorted(e.reconverted) for e in editions]


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
    edit: str, project: Path, tmp_path: Path, editions: list[Edition]
) -> None:
    before = outputs(project)
    EDITS[edit](project)
    expected = _from_scratch(project, tmp_path)
    editions.clear()
    assert main(["--root", str(project), "build"]) == 0
    assert _parsed(editions) == [REPARSED[edit]]
    assert [sorted(e.passed) for e in editions] == [PASSED[edit]]
    found = outputs(project)
    assert found == expected
    assert found != before  # the edit did change what the build writes
    assert main(["--root", str(project), "build"]) == 0  # and then nothing is left to do
    assert len(editions) == 1


def test_an_edit_to_one_text_renders_and_compares_only_the_pages_it_changed(
    project: Path, editions: list[Edition]
) -> None:
    path = project / "sources" / OTHER / "original.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new last paragraph.\n", "utf-8")
    assert main(["--root", str(project), "build"]) == 0
    (edition,) = editions
    assert edition.passed == [OTHER]
    assert OTHER in edition.emitted and OTHER in edition.rendered
    assert set(edition.rendered) <= set(edition.emitted)  # compared: only re-rendered pages


#: Keys left short of one input each, and the edit that then goes unseen.
BROKEN = {
    "the shared key without references.bib": (
        lambda mp: mp.setattr(reader.app.memo, "DECLARATIONS", (".yml", ".yaml")),
        "bibliography",
    ),
    "the page key blind to the document's words": (
        lambda mp: mp.setattr(reader.app.stages, "value_digest", lambda doc: doc.meta.slug),
        "original",
    ),
}


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_a_key_short_of_an_input_fails_the_comparison(
    broken: str, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The comparison above can fail: with a key that misses an input, the build after
    the edit finds a stale result and writes other files than a build from scratch (or
    the conservation check stops it, when the stale page shows other words)."""
    breaking, edit = BROKEN[broken]
    with monkeypatch.context() as patched:  # the cache filled under the short key
        breaking(patched)
        reader.core.record.forget_record(project)
        shutil.rmtree(project / CACHE / "reader")
        assert main(["--root", str(project), "build"]) == 0
    EDITS[edit](project)
    expected = _from_scratch(project, tmp_path)
    with monkeypatch.context() as patched:
        breaking(patched)
        status = main(["--root", str(project), "build"])
    assert status != 0 or outputs(project) != expected


def test_a_new_code_version_builds_everything_again(
    project: Path,
    tmp_path: Path,
    editions: list[Edition],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = _from_scratch(project, tmp_path)
    editions.clear()
    code_version.cache_clear()
    monkeypatch.setattr(reader.core.record, "LIBRARIES", (*reader.core.record.LIBRARIES, "bump"))
    try:
        assert main(["--root", str(project), "build"]) == 0
    finally:
        code_version.cache_clear()
    assert _parsed(editions) == [REPARSED["code"]]
    assert outputs(project) == expected


def test_nothing_changed_runs_nothing(
    project: Path, editions: list[Edition], capsys: pytest.CaptureFixture[str]
) -> None:
    before = outputs(project)
    capsys.readouterr()
    assert main(["--root", str(project), "build"]) == 0
    assert main(["--root", str(project), "check"]) == 0
    assert editions == []  # generate() was never called
    said = capsys.readouterr().out
    assert said.count("nothing changed since the last build") == 2
    assert outputs(project) == before


def test_a_hand_edit_of_docs_is_not_hidden_by_the_cache(project: Path) -> None:
    page = project / "docs" / "texts" / f"{SLUG}.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nAn edit by hand.\n", "utf-8")
    assert main(["--root", str(project), "build"]) == 1  # D001, as without a cache
    assert main(["--root", str(project), "check"]) == 1


def test_a_damaged_cache_entry_is_computed_again(
    project: Path, tmp_path: Path, editions: list[Edition]
) -> None:
    for entry in (project / CACHE / "reader").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    _append_paragraph(project)
    expected = _from_scratch(project, tmp_path)
    editions.clear()
    assert main(["--root", str(project), "build"]) == 0
    assert _parsed(editions) == [[OTHER, SLUG]]
    assert outputs(project) == expected
