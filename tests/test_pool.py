"""Parsing and the conservation check in a pool of processes give what they give here:
the same pages, and every lost word still caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import reader.app.build
import reader.app.pool
import reader.app.stages
from project_copy import SLUG, write_minimal_project
from reader.app.build import generate
from reader.app.pagecheck import BuiltJob, Texts, compare_built_pages
from reader.checks.render import markdown_to_html
from reader.core.diagnostics import DiagnosticError


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal project with a second text (a pool needs two jobs)."""
    root = write_minimal_project(tmp_path / "project")
    twin = Path(shutil.copytree(root / "sources" / SLUG, root / "sources" / "smith-twin-2020"))
    meta = twin / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("smith2020", "twin2020"), "utf-8")
    bib = root / "references.bib"
    text = bib.read_text(encoding="utf-8")
    entry = text[text.index("@article{smith2020,") :].split("\n}\n", 1)[0] + "\n}\n"
    bib.write_text(text + "\n" + entry.replace("smith2020", "twin2020"), encoding="utf-8")
    return root


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every parse and page comparison goes to a pool of two, however few; the list
    holds the number of jobs of each pool started."""
    started: list[int] = []
    import concurrent.futures

    real = concurrent.futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def map(self, fn, *iterables, **kwargs):
            jobs = list(iterables[0])
            started.append(len(jobs))
            return super().map(fn, jobs, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counting)
    monkeypatch.setattr(reader.app.pool, "PARALLEL_FROM", 1)
    monkeypatch.setattr(reader.app.pool.os, "sched_getaffinity", lambda pid: {0, 1})
    return started


def test_the_pool_gives_the_same_pages(project: Path, pools: list[int]) -> None:
    reader.app.pool.PARALLEL_FROM = 1000
    here = generate(project)
    assert pools == []
    reader.app.pool.PARALLEL_FROM = 1
    pooled = generate(project)
    assert pools == [2, 2]  # the parses, then the page comparisons
    assert pooled.pages == here.pages
    assert pooled.reconverted == here.reconverted


def test_a_word_lost_is_caught_in_the_pool(
    project: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    render = reader.app.stages.render_document

    def losing(doc):
        page = render(doc)
        assert "of nothing else at all" in page
        return page.replace("of nothing else at all", "of nothing at all")

    monkeypatch.setattr(reader.app.stages, "render_document", losing)
    with pytest.raises(DiagnosticError) as caught:
        generate(project)
    assert pools == [2, 2]
    lost = [d for d in caught.value.diagnostics if d.code == "W001" and "else" in d.message]
    assert len(lost) == 2  # on both pages


def test_a_word_lost_on_a_built_page_is_caught_in_the_pool(project: Path, pools: list[int]) -> None:
    """The built site's check in a pool: the texts reach the workers by fork, a job is a
    page's HTML, and each lost word comes back as a finding on its page only."""
    edition = generate(project)
    config = project / "mkdocs.yml"
    jobs = []
    for slug in sorted(edition.sources):
        html = markdown_to_html(edition.pages[f"texts/{slug}.md"], config)
        if slug == SLUG:
            assert "of nothing else at all" in html
            html = html.replace("of nothing else at all", "of nothing at all")
        jobs.append(BuiltJob(slug, html, f"site/texts/{slug}/index.html"))
    problems = compare_built_pages(jobs, Texts.of(edition, {}))
    assert pools[-1] == 2  # the two pages, compared in a pool
    assert [(d.code, d.path) for d in problems] == [("W001", f"sources/{SLUG}/original.txt")]
    assert "else" in problems[0].message and f"site/texts/{SLUG}/" in problems[0].message
