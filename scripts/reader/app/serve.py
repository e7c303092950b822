"""``reader serve``: MkDocs' live-reloading server, with docs/ regenerated on change.

MkDocs watches docs/ and reloads the browser; this loop watches what docs/ is made
from (sources/, glossary.yml, references.bib and the other declarations) and rebuilds
docs/ when one of them changes. Only changed pages are rewritten, so only they reload.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from reader.app.build import generate, write_docs
from reader.app.stages import BuildCache
from reader.core.diagnostics import DiagnosticError

WATCHED = ("sources", "glossary.yml", "references.bib", "timeline.yml", "comparisons.yml")


def snapshot(root: Path) -> dict[str, float]:
    """Modification times of every watched file."""
    stamps: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                stamps[str(file)] = file.stat().st_mtime
    return stamps


def rebuild(root: Path, cache: BuildCache) -> None:
    """Regenerate docs/ and say what changed; print errors and keep serving."""
    started = time.perf_counter()
    try:
        edition = generate(root, cache=cache)
        written = write_docs(root / "docs", edition)
    except DiagnosticError as error:
        for d in error.diagnostics:
            print(d, file=sys.stderr)
        print("reader serve: docs/ left as it was; fix the error above", file=sys.stderr)
        return
    took = time.perf_counter() - started
    redone = ", ".join(edition.reconverted) or "none"
    checked = ", ".join(edition.rendered) or "none"
    print(
        f"reader serve: rebuilt in {took:.2f}s; re-converted: {redone}; "
        f"pages rendered for the word check: {checked}; wrote: {', '.join(written) or 'nothing'}"
    )


def serve(root: Path, host: str, port: int, interval: float = 0.5) -> int:
    """Serve until interrupted."""
    cache = BuildCache()
    rebuild(root, cache)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{host}:{port}", "--livereload"],
        cwd=root,
    )
    seen = snapshot(root)
    try:
        while server.poll() is None:
            time.sleep(interval)
            now = snapshot(root)
            if now != seen:
                seen = now
                rebuild(root, cache)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
