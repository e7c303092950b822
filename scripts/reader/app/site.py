"""Building site/ with MkDocs into a temporary folder and swapping it in on success.

The staging folder is ``.site.<pid>.new`` beside ``site/``; the switch is one atomic
exchange of the two names (:mod:`reader.core.swap`), and a later run removes what a
killed run left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from reader.core import swap
from reader.core.atomic import check_writable, fault, write_failure
from reader.core.diagnostics import Diagnostic, DiagnosticError


def build_site(
    root: Path,
    config: Path,
    dest: Path,
    extra_args: tuple[str, ...] = (),
    finish: Callable[[Path], None] | None = None,
    env: dict[str, str] | None = None,
) -> None:
    """Run ``mkdocs build --strict`` into a staging folder beside ``dest``, let ``finish``
    add to it, then switch it in for ``dest`` in one step (:mod:`reader.core.swap`)."""
    try:
        check_writable(dest)
        staging = swap.start(dest, clone=False)
    except OSError as exc:
        raise DiagnosticError([write_failure(exc, f"{dest.name}/", "K004")]) from exc
    try:
        result = _mkdocs(root, config, staging, extra_args, env)
        if result.returncode == 0 and finish is not None:
            finish(staging)
        if result.returncode == 0:
            fault("before-swap")
    except OSError as exc:
        swap.abandon(staging)
        raise DiagnosticError([write_failure(exc, f"{dest.name}/", "K004")]) from exc
    except BaseException:
        swap.abandon(staging)
        raise
    if result.returncode != 0:
        swap.abandon(staging)
        raise DiagnosticError([_failure(result, config, dest)])
    try:
        swap.commit(staging, dest)
    except OSError as exc:
        swap.abandon(staging)
        raise DiagnosticError([write_failure(exc, f"{dest.name}/", "K004")]) from exc


def _mkdocs(
    root: Path,
    config: Path,
    site_dir: Path,
    extra_args: tuple[str, ...],
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",  # not with --quiet: it hides warnings from the strict-mode counter
        "--config-file",
        str(config),
        "--site-dir",
        str(site_dir),
        *extra_args,
    ]
    env = {**os.environ, **(env or {})}  # e.g. READER_DOWNLOAD for the footer's zip link
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env)


def _failure(result: subprocess.CompletedProcess, config: Path, dest: Path) -> Diagnostic:
    output = (result.stderr + result.stdout).strip().splitlines()
    output = [line for line in output if line.startswith(("WARNING", "ERROR"))] or output
    return Diagnostic(
        "K001",
        "mkdocs build failed: " + "; ".join(output[-8:]),
        config.name,
        hint=f"fix the page or configuration named above; {dest.name}/ was left as it was",
    )
