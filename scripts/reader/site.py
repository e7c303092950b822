"""Building site/ with MkDocs into a temporary folder and swapping it in on success."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reader.diagnostics import Diagnostic, DiagnosticError


def build_site(root: Path, config: Path, dest: Path, extra_args: tuple[str, ...] = ()) -> None:
    """Run ``mkdocs build --strict`` into a temporary folder, then replace ``dest``."""
    parent = dest.parent
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=parent))
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "--config-file",
        str(config),
        "--site-dir",
        str(staging),
        *extra_args,
    ]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stderr + result.stdout).strip().splitlines()
        raise DiagnosticError(
            [
                Diagnostic(
                    "K001",
                    "mkdocs build failed: " + "; ".join(output[-8:]),
                    str(config),
                    hint="fix the page or configuration named above; site/ was left as it was",
                )
            ]
        )
    old = parent / f".{dest.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if dest.exists():
        os.replace(dest, old)
    os.replace(staging, dest)
    shutil.rmtree(old, ignore_errors=True)
