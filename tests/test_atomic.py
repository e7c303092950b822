"""Builds are atomic: a failure, an interrupt or a kill never leaves docs/ or site/ half
updated, leftovers of a killed run are cleaned up, and hand edits are never overwritten.

The build is stopped at named points through the ``READER_FAULT`` hook
(:mod:`reader.core.atomic`): ``<point>`` raises there, ``<point>:sleep=<s>`` stalls there after
printing ``reader: fault point <point>``, so the test can send a signal at that moment.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from project_copy import READER, SLUG, fresh_copy, run_reader, snapshot, write_minimal_project
from reader.app.cli import main

PAGE = "texts/smith-2020.md"


def hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path -> sha256 (mtimes ignored)."""
    return {name: digest for name, (digest, _) in snapshot(folder).items()}


def temps(root: Path) -> list[str]:
    """Temporary files and staging folders a build may leave: ``.*.tmp``, ``.docs.*``,
    ``.site.*``."""
    found = [str(p.relative_to(root)) for p in root.rglob(".*.tmp")]
    return found + [p.name for p in root.glob(".docs.*")] + [p.name for p in root.glob(".site.*")]


def change_sources(root: Path, summary: str = "A changed summary.") -> None:
    """A source change that rewrites several generated pages (home, text, glossary)."""
    meta = root / "sources" / SLUG / "meta.yml"
    meta.write_text(
        re.sub(r"(?m)^summary: .*$", f"summary: {summary}", meta.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    glossary = root / "glossary.yml"
    glossary.write_text(
        re.sub(
            r'(?m)^(  tooltip: "Getting what one wants by force)[^"]*"',
            rf'\1 ({summary})."',
            glossary.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project, built once."""
    root = write_minimal_project(tmp_path_factory.mktemp("atomic") / "project")
    assert main(["--root", str(root), "build"]) == 0
    return root


@pytest.fixture(scope="session")
def expected_after_change(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """docs/ as a clean build writes it after :func:`change_sources`."""
    root = Path(shutil.copytree(built, tmp_path_factory.mktemp("reference") / "project"))
    change_sources(root)
    assert main(["--root", str(root), "build"]) == 0
    return hashes(root / "docs")


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project."""
    return fresh_copy(built, tmp_path)


def start(root: Path, fault: str, *args: str) -> subprocess.Popen:
    """Start ``reader build`` (or ``args``) with a fault point; wait until it is reached."""
    env = {**os.environ, "READER_FAULT": fault}
    proc = subprocess.Popen(
        [str(READER), "--root", str(root), *(args or ("build",))],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    point = fault.partition(":")[0]
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.strip() == f"reader: fault point {point}":
            return proc
    proc.wait()
    raise AssertionError(f"fault point {point} never reached:\n{''.join(seen)}")


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    """Wait for the process; its exit status and the rest of its stderr."""
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


# ------------------------------------------------------------------ failures and signals


@pytest.mark.parametrize("point", ["after-generate", "before-replace"])
def test_exception_before_the_swap_changes_nothing(project: Path, point: str) -> None:
    """An unexpected exception before the swap: a traceback (a bug is a bug), docs/
    byte-for-byte and mtime-for-mtime unchanged, no temporary file left."""
    change_sources(project)
    before = snapshot(project / "docs")
    result = run_reader(project, "build", env={**os.environ, "READER_FAULT": point})
    assert result.returncode == 1
    assert f"fault injected at '{point}'" in result.stderr
    assert snapshot(project / "docs") == before
    assert temps(project) == []


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupt_before_the_swap_changes_nothing(project: Path, sig: int, status: int) -> None:
    """Ctrl-C or SIGTERM while pages are staged: docs/ unchanged, temporary files removed."""
    change_sources(project)
    before = snapshot(project / "docs")
    proc = start(project, "before-replace:sleep=30")
    proc.send_signal(sig)
    code, err = finish(proc)
    assert code == status, err
    assert "Traceback" not in err
    assert snapshot(project / "docs") == before
    assert temps(project) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_during_the_swap_completes_it(
    project: Path, sig: int, expected_after_change: dict
) -> None:
    """A signal that arrives while files are being replaced is held until the swap is
    done: docs/ is then wholly the new edition, never half of each."""
    change_sources(project)
    proc = start(project, "mid-replace:sleep=1.5")
    proc.send_signal(sig)
    code, err = finish(proc)
    assert code in (130, 143), err
    assert hashes(project / "docs") == expected_after_change
    assert temps(project) == []


def test_kill_before_the_swap_leaves_docs_and_next_build_cleans_up(
    project: Path, expected_after_change: dict
) -> None:
    """SIGKILL cannot be caught: docs/ is still unchanged, the staged files remain, and the
    next build removes them and writes the new edition."""
    change_sources(project)
    before = snapshot(project / "docs")
    proc = start(project, "before-replace:sleep=30")
    proc.kill()
    proc.wait()
    after = snapshot(project / "docs")
    assert {n: v for n, v in after.items() if not n.endswith(".tmp")} == before
    assert temps(project), "a killed build leaves its staged files"
    assert main(["--root", str(project), "build"]) == 0
    assert hashes(project / "docs") == expected_after_change
    assert temps(project) == []


def test_kill_during_the_swap_is_recovered_without_false_hand_edits(
    project: Path, expected_after_change: dict, tmp_path: Path
) -> None:
    """Killed after the first replace: the next build (even after another source change)
    recognises the files that run wrote as generated, not as hand edits."""
    change_sources(project, "First change.")
    proc = start(project, "mid-replace:sleep=30")
    proc.kill()
    proc.wait()
    change_sources(project, "A changed summary.")  # the state expected_after_change has
    assert main(["--root", str(project), "build"]) == 0
    assert hashes(project / "docs") == expected_after_change
    assert temps(project) == []


def test_temporary_files_of_a_live_build_are_left_alone(project: Path) -> None:
    """Only leftovers of dead processes are removed: a running build's files are not."""
    with subprocess.Popen(["sleep", "60"]) as other:
        live = project / "docs" / f".index.md.{other.pid}.tmp"
        live.write_text("staged by a build that is still running")
        dead = project / "docs" / "texts" / ".smith-2020.md.999999999.tmp"
        dead.write_text("left by a killed build")
        change_sources(project)
        assert main(["--root", str(project), "build"]) == 0
        assert live.exists()
        assert not dead.exists()
        other.kill()


# ------------------------------------------------------------------ site/


@pytest.fixture(scope="session")
def built_site(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project with docs/ and site/ built, once."""
    root = Path(shutil.copytree(built, tmp_path_factory.mktemp("site") / "project"))
    result = run_reader(root, "site")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def site_project(built_site: Path, tmp_path: Path) -> Path:
    """A fresh copy of the project with a built site/."""
    return Path(shutil.copytree(built_site, tmp_path / "project", symlinks=True))


def test_site_failure_before_the_swap_keeps_site(site_project: Path) -> None:
    """An exception after mkdocs built the new site but before the swap: site/ unchanged,
    the staging folder removed."""
    before = snapshot(site_project / "site")
    change_sources(site_project)
    result = run_reader(site_project, "site", env={**os.environ, "READER_FAULT": "before-swap"})
    assert result.returncode == 1
    assert snapshot(site_project / "site") == before
    assert temps(site_project) == []


def test_site_killed_before_the_swap_is_cleaned_up_next_time(site_project: Path) -> None:
    """A killed ``reader site`` leaves site/ as it was; the next one removes the staging
    folder and swaps in the new site."""
    before = snapshot(site_project / "site")
    change_sources(site_project)
    proc = start(site_project, "before-swap:sleep=30", "site")
    proc.kill()
    proc.wait()
    assert snapshot(site_project / "site") == before
    assert temps(site_project), "the killed run's staging folder is still there"
    result = run_reader(site_project, "site")
    assert result.returncode == 0, result.stderr
    assert temps(site_project) == []
    assert "A changed summary." in (site_project / "site" / "index.html").read_text()


def test_mkdocs_failure_keeps_site(site_project: Path) -> None:
    """mkdocs build --strict fails (the nav names a missing page): K001, site/ unchanged."""
    before = snapshot(site_project / "site")
    config = site_project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - Home: index.md\n", "  - Home: index.md\n  - Gone: gone.md\n"
        )
    )
    result = run_reader(site_project, "site")
    assert result.returncode == 1
    assert "K001" in result.stderr and "site/ was left as it was" in result.stderr
    assert snapshot(site_project / "site") == before
    assert temps(site_project) == []


# ------------------------------------------------------------------ hand edits


def hand_edit(root: Path) -> Path:
    """Edit the text page by hand: change a word on one line."""
    page = root / "docs" / PAGE
    lines = page.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if "hard power" in line)
    lines[number] = lines[number].replace("nothing else", "nothing else, really")
    page.write_text("\n".join(lines), encoding="utf-8")
    return page


@pytest.mark.parametrize("command", ["build", "check"])
def test_hand_edit_stops_the_build_and_is_kept(
    project: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A generated page edited by hand: D001 names the file and the edited line and says
    how to move the edit into sources/; the edit and the rest of docs/ stay as they are."""
    page = hand_edit(project)
    edited_line = 1 + next(
        i for i, line in enumerate(page.read_text().split("\n")) if "really" in line
    )
    before = snapshot(project / "docs")
    assert main(["--root", str(project), command]) == 1
    err = capsys.readouterr().err
    assert f"docs/{PAGE}:{edited_line}: D001 error: generated file was edited by hand" in err
    assert "move the change into sources/" in err and f"git checkout docs/{PAGE}" in err
    assert snapshot(project / "docs") == before
    assert "really" in page.read_text()


def test_hand_edit_is_kept_when_sources_change_too(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """New sources to write do not override the protection: D001, nothing written."""
    hand_edit(project)
    change_sources(project)
    before = snapshot(project / "docs")
    assert main(["--root", str(project), "build"]) == 1
    assert f"docs/{PAGE}:" in capsys.readouterr().err
    assert snapshot(project / "docs") == before


def test_discarded_hand_edit_lets_the_build_run(project: Path) -> None:
    """Deleting the edited file (the hint's other way out) lets the build restore it."""
    original = (project / "docs" / PAGE).read_bytes()
    hand_edit(project).unlink()
    assert main(["--root", str(project), "build"]) == 0
    assert (project / "docs" / PAGE).read_bytes() == original


def test_edit_equal_to_the_new_page_is_no_conflict(project: Path) -> None:
    """A file that already holds what the sources now give (e.g. docs/ pulled from git
    before the manifest) loses nothing when rewritten: no D001."""
    reference = Path(shutil.copytree(project, project.parent / "reference"))
    change_sources(reference)
    assert main(["--root", str(reference), "build"]) == 0
    shutil.copy2(reference / "docs" / PAGE, project / "docs" / PAGE)
    change_sources(project)
    assert main(["--root", str(project), "build"]) == 0


def test_a_manifest_left_behind_by_a_merge_is_repaired(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A manifest whose entry no longer matches a page that is right (a merge took one
    side's manifest and the other's page) is reported by ``check`` and rewritten by
    ``build``, so the next source change is not taken for a hand edit (D001)."""
    manifest_path = project / "docs" / ".reader-manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest[PAGE] = "0" * 64
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert "docs/.reader-manifest.json: D002" in capsys.readouterr().err
    assert main(["--root", str(project), "build"]) == 0
    assert main(["--root", str(project), "check"]) == 0
    change_sources(project)
    assert main(["--root", str(project), "build"]) == 0


def test_files_the_pipeline_did_not_write_are_kept(project: Path) -> None:
    """A hand-written file under docs/ (not in the manifest) survives every build."""
    mine = project / "docs" / "notes.md"
    mine.write_text("My own page.\n")
    change_sources(project)
    assert main(["--root", str(project), "build"]) == 0
    assert mine.read_text() == "My own page.\n"
    manifest = json.loads((project / "docs" / ".reader-manifest.json").read_text())
    assert "notes.md" not in manifest
    assert manifest[PAGE] == hashlib.sha256((project / "docs" / PAGE).read_bytes()).hexdigest()
