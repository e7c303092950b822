"""Durable swaps: a SIGKILL at any instant leaves docs/ and site/ wholly old or wholly new.

Each case starts the real ``reader`` command on a copy of a built project whose sources
changed, kills it with SIGKILL at a random instant, and then looks at docs/ (or site/):
it must be exactly the old tree or exactly the new one (with the rename journal, a kill
between its two renames may leave no docs/ for a moment; :func:`swap.recover`, which the
next run calls first, must then restore one of the two). The next build must finish the
job and leave no staging folder. A third of the kills are spread over the whole run, a
third fall in the milliseconds after the new tree is staged (where the switch happens),
a third inside the switch itself (held there by the ``mid-replace`` fault point).
Seeds are fixed, so a failing case can be replayed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from project_copy import READER, run_reader
from reader.app.cli import main
from reader.core import swap
from test_atomic import change_sources, hashes, temps

KILLS = 6  # per mode and kind of instant


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The built minimal project, docs/ before and after the source change, and how long
    a build takes."""
    from project_copy import write_minimal_project

    root = write_minimal_project(tmp_path_factory.mktemp("durable") / "project")
    assert main(["--root", str(root), "build"]) == 0
    reference = Path(shutil.copytree(root, root.parent / "reference", symlinks=True))
    change_sources(reference)
    started = time.monotonic()
    assert run_reader(reference, "build").returncode == 0
    took = time.monotonic() - started
    return {
        "root": root,
        "old": hashes(root / "docs"),
        "new": hashes(reference / "docs"),
        "took": took,
    }


def _killed_run(root: Path, env: dict[str, str], delay: float, point: str = "") -> None:
    """Start ``reader build``; SIGKILL it ``delay`` seconds after it starts, or after it
    reaches the fault ``point`` (``before-replace``: the new tree is staged;
    ``mid-replace``: inside the switch)."""
    if point:
        env = {**env, "READER_FAULT": point}
    proc = subprocess.Popen(
        [str(READER), "--root", str(root), "build"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    if point:
        for line in proc.stderr:
            if line.startswith("reader: fault point"):
                break
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stderr.close()


@pytest.mark.parametrize("mode", ["exchange", "rename"])
@pytest.mark.parametrize("instant", ["anywhere", "after-staging", "mid-switch"])
def test_sigkill_at_random_instants_leaves_docs_whole(
    trees: dict, tmp_path: Path, mode: str, instant: str
) -> None:
    """Many kills: docs/ is always the old or the new tree, and the next run repairs."""
    rng = random.Random(f"{mode}-{instant}")
    env = {**os.environ}
    if mode == "rename":
        env[swap.SWAP_ENV] = "rename"
    seen = {"old": 0, "new": 0, "recovered": 0}
    for case in range(KILLS):
        root = Path(shutil.copytree(trees["root"], tmp_path / f"case{case}", symlinks=True))
        change_sources(root)
        if instant == "anywhere":
            _killed_run(root, env, rng.uniform(0, trees["took"] * 1.2))
        elif instant == "after-staging":
            _killed_run(root, env, rng.uniform(0, 0.003), "before-replace:sleep=0")
        else:
            _killed_run(root, env, rng.uniform(0, 0.01), "mid-replace:sleep=5")
        docs = root / "docs"
        if not docs.exists():
            assert mode == "rename", f"case {case}: docs/ vanished after an exchange"
            swap.recover(docs)
            seen["recovered"] += 1
        found = hashes(docs)
        assert found in (trees["old"], trees["new"]), f"case {case}: docs/ is half old"
        seen["old" if found == trees["old"] else "new"] += 1
        assert run_reader(root, "build", env=env).returncode == 0
        assert hashes(docs) == trees["new"], f"case {case}: the next build did not finish"
        assert temps(root) == [], f"case {case}: leftovers after the next build"
        shutil.rmtree(root)
    assert seen["old"] + seen["new"] == KILLS
    print(f"{mode}/{instant}: {seen}")


def test_sigkill_during_reader_site_leaves_site_whole(trees: dict, tmp_path: Path) -> None:
    """The same for site/: killed in the milliseconds around the switch, site/ is wholly
    the old site or wholly the one the next run builds from the same sources."""
    root = Path(shutil.copytree(trees["root"], tmp_path / "site", symlinks=True))
    assert run_reader(root, "site").returncode == 0
    old_site = hashes(root / "site")
    rng = random.Random("site")
    for case in range(4):
        change_sources(root, f"Summary number {case}.")
        proc = subprocess.Popen(
            [str(READER), "--root", str(root), "site"],
            cwd=root,
            env={**os.environ, "READER_FAULT": "before-swap:sleep=0"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.startswith("reader: fault point"):
                break
        time.sleep(rng.uniform(0, 0.03))
        proc.kill()
        proc.wait(timeout=60)
        proc.stderr.close()
        now = hashes(root / "site")
        assert run_reader(root, "site").returncode == 0
        after = hashes(root / "site")  # the same sources build the same site
        assert f"Summary number {case}." in (root / "site" / "index.html").read_text()
        assert now in (old_site, after), f"case {case}: site/ is half old, half new"
        assert temps(root) == []
        old_site = after
