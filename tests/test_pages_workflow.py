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
    """Runs on pushes to main, one deploy at a time; the workflow grants nothing, the
    build job may only read the repository, and only the deploy job may write Pages and
    mint an OIDC token."""
    assert "main" in workflow["on"]["push"]["branches"]
    assert workflow["permissions"] in ({}, "")  # `permissions: {}`
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_every_action_is_pinned_by_commit_with_its_tag() -> None:
    """Every ``uses:`` names a commit (40 hex digits) with the release tag in a comment."""
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(lines) >= 5
    for line in lines:
        assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


def test_checkout_keeps_no_credentials(workflow: dict) -> None:
    """The token checkout would leave in .git/config is not kept for later steps."""
    checkouts = [s for s in _steps(workflow) if "actions/checkout" in s.get("uses", "")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["persist-credentials"] == "false"


def test_gate_runs_before_the_build_which_deploys_the_site(workflow: dict) -> None:
    """Lint, `make check` and the fast tests run before `make offline`, which runs before
    `make site` (so the zip is published); site/ is uploaded and the deploy job deploys it."""
    runs = [step["run"] for step in _steps(workflow) if "run" in step]
    makes = [m for run in runs for m in re.findall(r"\bmake\s+([\w.-]+)", run)]
    for gate in ("lint", "check", "fast-tests"):
        assert makes.index(gate) < makes.index("offline") < makes.index("site"), makes
    upload = [s for s in _steps(workflow) if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def _zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    binary = Path(sys.executable).with_name("zizmor")
    return subprocess.run(
        [str(binary), "--offline", str(path)], capture_output=True, text=True, check=False
    )


def test_workflow_linter_passes(tmp_path: Path) -> None:
    """zizmor finds nothing in the workflow, and does find two faults this one had: an
    action pinned by tag and checkout's credentials kept (the permissions are checked
    above)."""
    done = _zizmor(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    bad = tmp_path / "bad.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    text = re.sub(r"actions/setup-node@[0-9a-f]{40} # (v[\d.]+)", r"actions/setup-node@\1", text)
    text = text.replace("        with:\n          persist-credentials: false\n", "")
    bad.write_text(text, encoding="utf-8")
    found = _zizmor(bad)
    assert found.returncode != 0
    for audit in ("unpinned-uses", "artipacked"):
        assert audit in found.stdout + found.stderr, found.stdout


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
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ".zip" not in home  # a build without the zip links none (reader site passes it)
    assert "Keep this edition offline" in home and 'rel="manifest"' in home
