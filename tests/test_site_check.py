"""``reader site`` checks the words on the HTML MkDocs built (each page rendered once):
a lost word stops it with docs/ and site/ as they were; with nothing changed it compares
nothing again; with the cache it builds the same site as from scratch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reader.app.build
import reader.app.pagecheck
import reader.app.stages
from project_copy import SLUG, built_minimal_project, fresh_copy, snapshot
from reader.app.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with its site built once."""
    return built_minimal_project(tmp_path_factory, "site-check", "site")


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, cache included."""
    return fresh_copy(built, tmp_path)


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The pages each conservation check compared (by slug), one list per call."""
    calls: list[list[str]] = []
    real, built = reader.app.pagecheck.compare_pages, reader.app.pagecheck.compare_built_pages

    def recording(jobs):
        calls.append([job.slug for job in jobs])
        return real(jobs)

    def recording_built(jobs, texts):
        calls.append([job.slug for job in jobs])
        return built(jobs, texts)

    monkeypatch.setattr(reader.app.pagecheck, "compare_pages", recording)
    monkeypatch.setattr(reader.app.pagecheck, "compare_built_pages", recording_built)
    return calls


def _visible(root: Path) -> dict[str, str]:
    """Every file of docs/, site/, mkdocs.yml and sources/ by content (not the cache)."""
    return {k: v[0] for k, v in snapshot(root).items() if not k.startswith(".cache/")}


def test_a_word_lost_on_the_built_page_stops_the_site_and_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _visible(project)
    render = reader.app.stages.render_document

    def losing(doc):  # an emitter that drops a word from the page
        page = render(doc)
        assert "of nothing else at all" in page
        return page.replace("of nothing else at all", "of nothing at all")

    monkeypatch.setattr(reader.app.stages, "render_document", losing)
    path = project / "sources" / SLUG / "meta.yml"  # an edit, so that the build runs
    path.write_text(path.read_text(encoding="utf-8").replace("A test text.", "New."), "utf-8")
    before[f"sources/{SLUG}/meta.yml"] = _visible(project)[f"sources/{SLUG}/meta.yml"]
    assert main(["--root", str(project), "site"]) == 1
    said = capsys.readouterr().err
    assert "W001" in said and "else" in said and f"site/texts/{SLUG}/index.html" in said
    assert _visible(project) == before  # docs/, the nav, the locks and site/ as they were
    assert not list(project.glob(".site.*"))  # no staging folder left


def test_nothing_changed_compares_nothing(project: Path, compared: list[list[str]]) -> None:
    assert main(["--root", str(project), "site"]) == 0
    assert compared == []


def test_an_edit_builds_the_site_a_build_from_scratch_builds(
    project: Path, tmp_path: Path, compared: list[list[str]]
) -> None:
    path = project / "sources" / SLUG / "original.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA fourth paragraph.\n", "utf-8")
    scratch = Path(shutil.copytree(project, tmp_path / "scratch", symlinks=True))
    shutil.rmtree(scratch / ".cache")
    shutil.rmtree(scratch / "site")
    assert main(["--root", str(project), "site"]) == 0
    assert compared == [[SLUG]]  # the edited page, read from the built site
    assert main(["--root", str(scratch), "site"]) == 0
    site, fresh = _visible(project), _visible(scratch)
    assert {k: v for k, v in site.items() if k.startswith("site/")} == {
        k: v for k, v in fresh.items() if k.startswith("site/")
    }
    assert site == fresh
