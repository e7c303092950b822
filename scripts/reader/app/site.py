"""Building site/ with MkDocs into a temporary folder and swapping it in on success.

The staging folder is ``.site.<pid>.<random>`` beside ``site/``; the swap (two renames)
runs with SIGINT and SIGTERM held, and a later run removes what a killed run left behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from reader.core.atomic import fault, signals_held, stale_dirs
from reader.core.diagnostics import Diagnostic, DiagnosticError


def build_site(
    root: Path,
    config: Path,
    dest: Path,
    extra_args: tuple[str, ...] = (),
    verify: Callable[[Path], None] | None = None,
) -> None:
    """Run ``mkdocs build --strict`` into a temporary folder, then replace ``dest``.

    ``verify`` is called with the staging folder before the swap; if it raises, the
    staging folder is removed and ``dest`` is left as it was."""
    parent = dest.parent
    prefix = f".{dest.name}."
    for leftover in stale_dirs(parent, prefix):  # of a run that was killed
        if leftover.name.endswith(".old") and not dest.exists():
            os.replace(leftover, dest)  # killed between the two renames: put it back
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}.", dir=parent))
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",  # not with --quiet: it hides warnings from the strict-mode counter
        "--config-file",
        str(config),
        "--site-dir",
        str(staging),
        *extra_args,
    ]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
        if result.returncode == 0:
            fault("before-swap")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stderr + result.stdout).strip().splitlines()
        output = [line for line in output if line.startswith(("WARNING", "ERROR"))] or output
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
    if verify is not None:
        try:
            verify(staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    old = parent / f"{prefix}{os.getpid()}.old"
    with signals_held():
        if dest.exists():
            os.replace(dest, old)
        os.replace(staging, dest)
    shutil.rmtree(old, ignore_errors=True)
