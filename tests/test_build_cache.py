"""The cache ``reader serve`` keeps between rebuilds: an edit redoes only what it touched,
and a cached build gives exactly the pages a build without the cache gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from project_copy import META, ORIGINAL, SLUG, write_minimal_project
from reader.app.build import generate
from reader.app.stages import BuildCache
from reader.core.diagnostics import DiagnosticError

OTHER = "doe-2021"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal project with a second text, so that "only that text" means something."""
    root = write_minimal_project(tmp_path / "project")
    folder = root / "sources" / OTHER
    folder.mkdir()
    (folder / "original.txt").write_text(
        ORIGINAL.replace("John Smith", "Jane Doe").replace("short remark", "long remark"),
        encoding="utf-8",
    )
    (folder / "meta.yml").write_text(
        META.replace("Smith 2020", "Doe 2021")
        .replace("John Smith", "Jane Doe")
        .replace("bib_key: smith2020", "bib_key: doe2021"),
        encoding="utf-8",
    )
    bib = root / "references.bib"  # its own entry: two texts may not share one (M015)
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "\n@article{doe2021,\n  author = {Doe, Jane},\n  title = {A Short Essay},\n"
        "  journal = {Journal of Tests},\n  year = {2021},\n}\n",
        encoding="utf-8",
    )
    return root


def _append(root: Path, slug: str, sentence: str) -> None:
    path = root / "sources" / slug / "original.txt"
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_a_rebuild_with_nothing_changed_parses_and_renders_nothing(project: Path) -> None:
    cache = BuildCache()
    first = generate(project, cache=cache)
    again = generate(project, cache=cache)
    assert sorted(first.reconverted) == sorted(first.rendered) == [OTHER, SLUG]
    assert again.reconverted == [] and again.rendered == []
    assert again.pages == first.pages


def test_an_edit_reconverts_and_rerenders_only_that_text(project: Path) -> None:
    cache = BuildCache()
    generate(project, cache=cache)
    _append(project, SLUG, "A fourth paragraph was added by the test.")
    edited = generate(project, cache=cache)
    assert edited.reconverted == [SLUG]
    assert edited.rendered == [SLUG]
    assert "A fourth paragraph was added by the test." in edited.pages[f"texts/{SLUG}.md"]
    assert edited.pages == generate(project).pages  # the same as a build without the cache


def test_a_changed_mkdocs_yml_renders_every_page_again(project: Path) -> None:
    cache = BuildCache()
    generate(project, cache=cache)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    again = generate(project, cache=cache)
    assert again.reconverted == []
    assert sorted(again.rendered) == [OTHER, SLUG]


def test_a_word_lost_after_a_cached_build_is_still_caught(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.app.stages
    import reader.core.record

    cache = BuildCache()
    generate(project, cache=cache)
    render = reader.app.stages.render_document

    def losing(doc):  # an emitter that drops a word: the page changes, so it is rendered
        page = render(doc)
        assert "of nothing else at all" in page
        return page.replace("of nothing else at all", "of nothing at all")

    monkeypatch.setattr(reader.app.stages, "render_document", losing)
    # a changed emitter is changed code: a new code version, as editing reader/ gives
    monkeypatch.setattr(reader.core.record, "LIBRARIES", (*reader.core.record.LIBRARIES, "bump"))
    reader.core.record.code_version.cache_clear()
    try:
        with pytest.raises(DiagnosticError) as caught:
            generate(project, cache=cache)
    finally:
        reader.core.record.code_version.cache_clear()
    lost = [d for d in caught.value.diagnostics if d.code == "W001"]
    assert lost and "else" in lost[0].message


def test_serve_says_what_a_rebuild_redid(project: Path, capsys: pytest.CaptureFixture) -> None:
    from reader.app.serve import rebuild

    cache = BuildCache()
    rebuild(project, cache)
    capsys.readouterr()
    _append(project, OTHER, "A sentence added while serving.")
    rebuild(project, cache)
    said = capsys.readouterr().out
    assert f"re-converted: {OTHER};" in said
    assert f"pages rendered for the word check: {OTHER};" in said
    assert f"texts/{OTHER}.md" in said.split("wrote:")[1]
