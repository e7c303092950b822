"""``reader site``, ``build`` and ``check`` with nothing changed take the warm path
(:mod:`reader.app.site_warm`, :mod:`reader.app.unchanged`): they import no part of the
pipeline, yet a page of the built site that no verdict covers is still compared with its
source, and a word it lost still stops the site. The program also keeps its heap out of
the cyclic collector where a collection could only find it all alive (MkDocs' build after
ours, the exit).

Real MkDocs builds of the synthetic one-text project (tests/project_copy.py).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

import reader.app.pagecheck
import reader.app.site_warm
from project_copy import SLUG, built_minimal_project, fresh_copy, snapshot
from reader.app.cli import main
from reader.core.record import read_record

#: Modules a warm command must not import: the parser, the passes, the checks' reading of
#: the sources, the schema models and the citation libraries.
PIPELINE = (
    "reader.parse",
    "reader.passes",
    "reader.checks",
    "pydantic",
    "citeproc",
    "bibtexparser",
)

#: Runs one command, then prints every module it imported (JSON, on the last line).
IMPORTED = """
import json, sys
from reader.app.cli import main
status = main(["--root", sys.argv[1], sys.argv[2]])
print(json.dumps(sorted(sys.modules)))
sys.exit(status)
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project with its site built and checked once."""
    return built_minimal_project(tmp_path_factory, "site-warm", "site")


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, cache included."""
    return fresh_copy(built, tmp_path)


def _imported(project: Path, command: str) -> tuple[list[str], str]:
    """Run ``reader <command>`` in a fresh interpreter: the pipeline modules it imported,
    and what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORTED, str(project), command],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    lines = done.stdout.strip().splitlines()
    modules = [m for m in json.loads(lines[-1]) if m.startswith(PIPELINE)]
    return modules, "\n".join(lines[:-1])


@pytest.mark.parametrize("command", ["site", "build", "check"])
def test_nothing_changed_imports_no_pipeline(project: Path, command: str) -> None:
    imported, said = _imported(project, command)
    assert "nothing changed since the last build" in said
    assert imported == []


def test_an_edit_imports_the_pipeline(project: Path) -> None:
    """The same probe sees the pipeline when there is work to do (it can fail)."""
    path = project / "sources" / SLUG / "original.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA fourth paragraph.\n", "utf-8")
    imported, said = _imported(project, "site")
    assert "nothing changed" not in said
    assert {m.split(".")[0] for m in imported} >= {"pydantic", "bibtexparser"}
    assert any(m.startswith("reader.parse") for m in imported)


def test_a_site_no_verdict_covers_is_compared_and_a_lost_word_stops_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A template that drops a word changes no input of the build record, only the HTML:
    the warm path finds no verdict for the page, and the full check stops the site."""
    template = project / "scripts" / "theme" / "main.html"
    text = template.read_text(encoding="utf-8")
    content = '{% include "partials/reader-cite-action.html" %}\n  {{ super() }}'
    assert content in text
    dropping = (
        '{% include "partials/reader-cite-action.html" %}\n'
        '  {% filter replace("of nothing else at all", "of nothing at all") %}'
        "{{ super() }}{% endfilter %}"
    )
    template.write_text(text.replace(content, dropping), encoding="utf-8")
    before = {k: v for k, v in snapshot(project).items() if k.startswith("site/")}
    assert main(["--root", str(project), "site"]) == 1
    said = capsys.readouterr().err
    assert "W001" in said and "else" in said
    assert {k: v for k, v in snapshot(project).items() if k.startswith("site/")} == before


def test_a_missing_verdict_is_compared_again_and_kept(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the verdicts gone, the warm path hands over to the full command, which
    compares the page with its source and keeps the verdict for the next run."""
    compared: list[str] = []
    real = reader.app.pagecheck.compare_built_pages

    def recording(jobs, texts):
        compared.extend(job.slug for job in jobs)
        return real(jobs, texts)

    monkeypatch.setattr(reader.app.pagecheck, "compare_built_pages", recording)
    for path in (project / ".cache" / "reader" / "verdicts").iterdir():
        path.unlink()
    assert main(["--root", str(project), "site"]) == 0
    assert compared == [SLUG]
    assert main(["--root", str(project), "site"]) == 0
    assert compared == [SLUG]  # the second run found the verdict


def test_the_record_says_whether_a_site_was_checked(project: Path) -> None:
    """`reader build` records its build as not yet checked on a site; the next `reader
    site` (the full command, since no site was checked) marks it, so the one after can
    take the warm path."""
    path = project / "sources" / SLUG / "meta.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("A test text.", "New."), "utf-8")
    assert main(["--root", str(project), "build"]) == 0
    record = read_record(project)
    assert record is not None and not record.site
    assert main(["--root", str(project), "site"]) == 0
    record = read_record(project)
    assert record is not None and record.site


FROZEN = """
import gc, sys
from reader.app.cli import main, program
sys.argv = ["reader", "--root", sys.argv[1], "check"]
assert main(sys.argv[1:]) == 0 and gc.get_freeze_count() == 0  # in-process: no freeze
assert program() == 0
print(gc.get_freeze_count())
"""


def test_the_program_freezes_its_heap_before_it_exits(project: Path) -> None:
    """`reader` as a program leaves its objects out of the exit's last collection; a
    caller of main() in its own process keeps its collector as it was."""
    done = subprocess.run(
        [sys.executable, "-c", FROZEN, str(project)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert int(done.stdout.strip().splitlines()[-1]) > 0


def test_mkdocs_runs_with_the_build_frozen_and_the_heap_is_given_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[int] = []
    real = reader.app.site_warm.build_site

    def recording(*args, **kwargs):
        frozen.append(gc.get_freeze_count())
        return real(*args, **kwargs)

    monkeypatch.setattr(reader.app.site_warm, "build_site", recording)
    path = project / "sources" / SLUG / "meta.yml"  # an edit: the full command runs
    path.write_text(path.read_text(encoding="utf-8").replace("A test text.", "New."), "utf-8")
    assert gc.get_freeze_count() == 0
    assert main(["--root", str(project), "site"]) == 0
    assert len(frozen) == 1 and frozen[0] > 0
    assert gc.get_freeze_count() == 0
