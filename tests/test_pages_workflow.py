"""The GitHub Pages workflow: valid, pinned, permitted, and runs only targets that exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    """The workflow, parsed (``on`` stays a string key, as GitHub reads it)."""
    text = WORKFLOW.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # no YAML 1.1 "on" → True surprise
    assert isinstance(data, dict)
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _make_targets() -> set[str]:
    """The targets the Makefile defines (``name:`` at the start of a line)."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, flags=re.MULTILINE))


def test_triggers_permissions_and_concurrency(workflow: dict) -> None:
    """Runs on pushes to main, may write Pages with an OIDC token, one deploy at a time."""
    assert "main" in workflow["on"]["push"]["branches"]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]


def test_every_action_is_pinned(workflow: dict) -> None:
    """Every ``uses:`` names an exact release (vX.Y.Z) or a commit, never a moving tag."""
    uses = [step["uses"] for step in _steps(workflow) if "uses" in step]
    assert uses
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})", ref), ref


def test_builds_with_the_makefile_and_deploys_the_site(workflow: dict) -> None:
    """The build runs `make offline` before `make site` (so the zip is published), uploads
    site/ and the deploy job deploys that artifact."""
    runs = [step["run"] for step in _steps(workflow) if "run" in step]
    makes = [m for run in runs for m in re.findall(r"\bmake\s+([\w.-]+)", run)]
    assert makes.index("offline") < makes.index("site")
    upload = [s for s in _steps(workflow) if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_every_make_target_it_runs_exists(workflow: dict) -> None:
    """A renamed Makefile target cannot silently break publishing."""
    targets = _make_targets()
    runs = [step["run"] for step in _steps(workflow) if "run" in step]
    used = {m for run in runs for m in re.findall(r"\bmake\s+([\w.-]+)", run)}
    assert used, "the workflow should build with make"
    assert used <= targets, f"missing Makefile targets: {sorted(used - targets)}"
    dry = subprocess.run(
        ["make", "-n", *sorted(used)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "No rule to make target" not in dry.stderr, dry.stderr


@pytest.mark.slow
def test_built_site_has_404_and_sitemap(tmp_path: Path) -> None:
    """MkDocs writes 404.html (Pages serves it for unknown paths) and sitemap.xml with the
    public URLs of every text."""
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "404" in page and 'href="/reader/' in page  # links home work from any path
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    base = re.search(r"^site_url:\s*(\S+)", config, flags=re.MULTILINE)[1]
    assert f"<loc>{base}texts/kosachev-2012/</loc>" in sitemap
