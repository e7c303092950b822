"""Every command the README documents works on a fresh clone, by itself.

One clone of the committed project (``git clone`` of this repository into a temporary
folder) and one virtual environment, made by the first target and shared by the rest,
as a new user would: ``make docs``, ``make check``, ``make site``, ``make offline`` (which
installs the pinned npm packages it needs), ``make site`` (now linking the zip),
``make serve``, ``make evaluate``, ``make tune``, ``reader explain`` and ``reader lock``.
pip's cache and npm's cache keep it affordable. ``make test`` is what CI runs on a fresh clone, and
``make bench`` takes about 12 minutes, so both are only dry-run here (``make -n``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(clone: Path, *command: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTEST"))}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run(
        list(command), cwd=clone, capture_output=True, text=True, timeout=timeout, env=env
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{(done.stdout + done.stderr)[-3000:]}"
    return done


def _free_port() -> str:
    """A TCP port nothing on 127.0.0.1 listens on now (the system's pick), so that a
    server another run left on a fixed port cannot answer for `make serve`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh clone of the committed project, with nothing installed."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    folder = tmp_path_factory.mktemp("fresh") / "reader"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    assert not (folder / ".venv").exists() and not (folder / "node_modules").exists()
    yield folder


def test_make_docs_installs_only_what_building_needs(clone: Path) -> None:
    """The first command sets up a virtual environment without the test tools."""
    _run(clone, "make", "docs", timeout=900)
    bin_dir = clone / ".venv" / "bin"
    assert (bin_dir / "reader").is_file() and (bin_dir / "mkdocs").is_file()
    for tool in ("pytest", "playwright", "ruff", "zizmor"):
        assert not (bin_dir / tool).exists(), f"{tool} is a test tool"
    size = sum(p.stat().st_size for p in (clone / ".venv").rglob("*") if p.is_file())
    print(f"build-only virtual environment: {size / 2**20:.0f} MiB")


def test_make_check(clone: Path) -> None:
    _run(clone, "make", "check")


def test_make_offline_installs_its_npm_shim(clone: Path) -> None:
    """`make offline` by itself: the pinned npm packages, then the versioned zip."""
    _run(clone, "make", "offline")
    assert (clone / "node_modules" / "iframe-worker" / "shim" / "index.js").is_file()
    assert not (clone / "node_modules" / "lighthouse").exists()  # only for make bench
    assert list((clone / "dist").glob("soft-power-reader-*-offline.zip"))


def test_make_site_after_offline_links_the_zip(clone: Path) -> None:
    """The online site, with its service worker, and (after `make offline`) the zip; a
    build without the zip links none (tests/test_offline.py)."""
    _run(clone, "make", "site")
    home = (clone / "site" / "index.html").read_text(encoding="utf-8")
    assert "Keep this edition offline" in home and (clone / "site" / "sw.js").is_file()
    zips = list((clone / "site" / "downloads").glob("soft-power-reader-*-offline.zip"))
    assert zips and f'href="downloads/{zips[0].name}"' in home


def test_make_serve_serves(clone: Path) -> None:
    """`make serve` answers on its port; stopped with SIGINT, as Ctrl-C would."""
    port = _free_port()
    proc = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=clone,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/reader/") as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "make serve did not answer"
                time.sleep(1)
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
            os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)


def test_make_evaluate(clone: Path) -> None:
    """All three evaluations; the repairs one on one seed per style and text (the
    published figures use ten, about 12 minutes)."""
    out = _run(clone, "make", "evaluate", "EVAL_SEEDS=1", timeout=900).stdout
    assert "precision" in out.lower()
    assert "success@1" in out


def test_make_tune_chooses_the_committed_settings(clone: Path) -> None:
    """``make tune`` stores what the development half chooses and rebuilds docs/: on the
    committed project that is what is committed, so neither changes."""
    out = _run(clone, "make", "tune").stdout
    assert "wrote scripts/reader/passes/related_settings.yml" in out
    changed = _run(clone, "git", "status", "--porcelain").stdout
    assert "related_settings.yml" not in changed and "docs/" not in changed


def test_reader_explain_and_lock(clone: Path) -> None:
    reader = str(clone / ".venv" / "bin" / "reader")
    assert "kosachev-2012" in _run(clone, reader, "explain", "kosachev-2012").stdout
    _run(clone, reader, "lock", "kosachev-2012")
    changed = _run(clone, "git", "status", "--porcelain").stdout
    assert "anchors.lock" not in changed  # nothing moved, so nothing to record


def test_make_test_and_bench_resolve(clone: Path) -> None:
    """The two long targets exist and name only commands that exist (dry run)."""
    for target in ("test", "bench"):
        plan = _run(clone, "make", "-n", target).stdout
        assert "pip install" in plan or ".venv/bin" in plan
