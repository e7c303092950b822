"""The same ``docs/`` and ``mkdocs.yml`` build with Zensical, strict and without a warning.

Zensical (pinned in ``requirements-zensical.lock``, installed apart by ``make zensical``)
reads MkDocs' configuration; ``strict: true`` there makes any warning stop its build.
The built text page keeps what the edition relies on: paragraph anchors, footnotes, the
tip data, the "Cite" action and block, one stylesheet and deferred scripts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
#: What a Zensical build reads: the configuration, the pages and the theme override.
INPUTS = ("mkdocs.yml", "docs", "scripts/theme", "scripts/hooks")

pytestmark = pytest.mark.slow


def _project(tmp_path: Path) -> Path:
    """A copy of what the build reads, so the build writes nothing in the project."""
    for name in INPUTS:
        source, target = ROOT / name, tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return tmp_path


def _build(project: Path) -> tuple[int, str]:
    """Zensical's exit code and its output, without colours."""
    if not ZENSICAL.is_file():
        pytest.skip("Zensical is not installed: run `make zensical`")
    done = subprocess.run(
        [str(ZENSICAL), "build"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(project)},
    )
    return done.returncode, re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)


def test_docs_build_with_zensical_strict_without_warnings(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert re.search(r"^strict: true$", (project / "mkdocs.yml").read_text(), re.M)
    code, output = _build(project)
    assert code == 0, output[-3000:]
    assert "Warning" not in output and "No issues found" in output, output[-3000:]
    page = (project / "site" / "texts" / "gussarova-2017" / "index.html").read_text("utf-8")
    assert 'id="p1"' in page and 'class="pnum' in page  # paragraph anchors and numbers
    assert 'class="footnote"' in page and 'id="fn:1"' in page
    assert 'id="tip-data"' in page and 'id="cite-this-heading"' in page
    assert 'href="#cite-this-heading"' in page  # the theme's "Cite" action
    assert '<article class="md-content__inner md-typeset reader-text">' in page
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    assert [s for s in stylesheets if "assets/stylesheets/" not in s] == ["../../assets/reader.css"]
    scripts = re.findall(r"<script src=\"[^\"]+\"[^>]*>", page)
    assert scripts and all(" defer" in s for s in scripts), scripts


def test_a_broken_anchor_stops_the_strict_zensical_build(tmp_path: Path) -> None:
    """The strict build above can fail: a link to a missing anchor stops it."""
    project = _project(tmp_path)
    page = project / "docs" / "edition.md"
    page.write_text(page.read_text("utf-8") + "\n[Nowhere](#no-such-anchor)\n", "utf-8")
    code, output = _build(project)
    assert code != 0
    assert "anchor does not exist" in output and "edition.md" in output, output[-2000:]
