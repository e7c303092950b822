"""MkDocs runs inside the ``reader`` process (:func:`reader.app.site.build_site`).

The same site as the ``mkdocs`` command built: the environment the caller gives reaches
MkDocs' hooks and is restored afterwards, as is the working folder; MkDocs' warnings,
errors and exceptions become one K001 diagnostic, never a traceback or stray output on
the terminal; and a failed build leaves site/ and no staging folder behind. Real MkDocs
builds of the synthetic one-text project (tests/project_copy.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from project_copy import built_minimal_project, fresh_copy
from reader.app.site import build_site
from reader.core.diagnostics import DiagnosticError

DOWNLOAD = "downloads/reader-test.zip"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project with docs/ built, once."""
    return built_minimal_project(tmp_path_factory, "inprocess")


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the built project; the test runs from another folder."""
    monkeypatch.delenv("READER_DOWNLOAD", raising=False)
    monkeypatch.chdir(tmp_path)
    return fresh_copy(built, tmp_path)


def leftovers(root: Path) -> list[str]:
    """Staging folders a build left beside site/."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))


def add_hook(project: Path, name: str, body: str) -> Path:
    """Add ``scripts/hooks/<name>.py`` with ``body`` to the project's hooks; its config."""
    (project / "scripts" / "hooks" / f"{name}.py").write_text(body, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text
    config.write_text(
        text.replace("\nhooks:\n", f"\nhooks:\n  - scripts/hooks/{name}.py\n", 1),
        encoding="utf-8",
    )
    return config


def test_the_environment_reaches_mkdocs_and_is_restored(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """MkDocs' hooks see READER_DOWNLOAD and run in the project folder, as under the
    ``mkdocs`` command; afterwards neither the variable nor the working folder is left
    changed, and nothing was printed."""
    config = add_hook(
        project,
        "seen",
        "import os\n\n\ndef on_config(config):\n"
        "    with open('seen.txt', 'w') as out:\n"
        "        out.write(os.environ['READER_DOWNLOAD'] + ' ' + os.getcwd())\n",
    )
    cwd = Path.cwd()
    build_site(project, config, project / "site", env={"READER_DOWNLOAD": DOWNLOAD})
    assert (project / "seen.txt").read_text() == f"{DOWNLOAD} {project}"
    assert (project / "site" / "index.html").exists()
    assert "READER_DOWNLOAD" not in os.environ
    assert Path.cwd() == cwd
    assert capsys.readouterr() == ("", "")
    assert leftovers(project) == []


def test_a_strict_warning_is_one_k001_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The nav names a missing page: MkDocs warns, strict mode aborts; the diagnostic
    quotes the warning, site/ is not created and no staging folder is left."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("nav:\n", "nav:\n  - Gone: gone.md\n", 1), encoding="utf-8")
    with pytest.raises(DiagnosticError) as caught:
        build_site(project, config, project / "site")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "K001"
    assert "WARNING" in diagnostic.message and "gone.md" in diagnostic.message
    assert "site/ was left as it was" in str(diagnostic)
    assert not (project / "site").exists()
    assert leftovers(project) == []
    assert capsys.readouterr() == ("", "")


def test_an_exception_in_a_hook_is_one_k001(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hook that raises (not one of MkDocs' own exceptions) is said as K001 with the
    exception's message, as the ``mkdocs`` command's failure was; no traceback."""
    config = add_hook(
        project, "broken", "def on_config(config):\n    raise RuntimeError('the hook broke')\n"
    )
    with pytest.raises(DiagnosticError) as caught:
        build_site(project, config, project / "site")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "K001"
    assert "RuntimeError: the hook broke" in diagnostic.message
    assert leftovers(project) == []
    assert "Traceback" not in capsys.readouterr().err
