"""Building site/ with MkDocs into a temporary folder and swapping it in on success.

MkDocs runs in this process (its ``load_config`` and ``build``), not as a second
interpreter that would import Markdown, pymdownx, YAML and Jinja again. The staging
folder is ``.site.<pid>.new`` beside ``site/``; the switch is one atomic exchange of the
two names (:mod:`reader.core.swap`), and a later run removes what a killed run left
behind.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from reader.core import swap
from reader.core.atomic import check_writable, fault, write_failure
from reader.core.diagnostics import Diagnostic, DiagnosticError


def build_site(
    root: Path,
    config: Path,
    dest: Path,
    finish: Callable[[Path], None] | None = None,
    env: dict[str, str] | None = None,
) -> None:
    """Build with MkDocs in strict mode into a staging folder beside ``dest``, let
    ``finish`` add to it, then switch it in for ``dest`` in one step
    (:mod:`reader.core.swap`)."""
    try:
        check_writable(dest)
        staging = swap.start(dest, clone=False)
    except OSError as exc:
        raise DiagnosticError([write_failure(exc, f"{dest.name}/", "K004")]) from exc
    try:
        failure = _mkdocs(root, config, staging, env)
        if failure is None and finish is not None:
            finish(staging)
        if failure is None:
            fault("before-swap")
    except OSError as exc:
        swap.abandon(staging)
        raise DiagnosticError([write_failure(exc, f"{dest.name}/", "K004")]) from exc
    except BaseException:
        swap.abandon(staging)
        raise
    if failure is not None:
        swap.abandon(staging)
        raise DiagnosticError([_failure(failure, config, dest)])
    try:
        swap.commit(staging, dest)
    except OSError as exc:
        swap.abandon(staging)
        raise DiagnosticError([write_failure(exc, f"{dest.name}/", "K004")]) from exc


def _mkdocs(
    root: Path, config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> list[str] | None:
    """``mkdocs build --strict`` in this process, from ``root`` with ``env`` added to the
    environment (e.g. READER_DOWNLOAD for the footer's zip link); None on success, else
    MkDocs' warnings and errors, or the exception's message when it logged none."""
    with _captured() as lines, _environment(root, env or {}):
        try:
            cfg = load_config(config_file=str(config), site_dir=str(site_dir), strict=True)
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build.build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        except MkDocsException as exc:  # Abort, BuildError, ConfigurationError, PluginError
            return lines or [str(exc)]
        except Exception as exc:  # a template, hook or extension failed: what the
            # `mkdocs` command's non-zero exit said, K001, never a traceback
            return [*lines, f"ERROR    -  {exc.__class__.__name__}: {exc}"]
    return None


class _Lines(logging.Handler):
    """Keeps MkDocs' warnings and errors as the lines its command line prints."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.lines = lines
        self.addFilter(mkdocs_utils.DuplicateFilter())  # as `mkdocs build` does

    def emit(self, record: logging.LogRecord) -> None:
        """Record ``LEVEL -  message`` (MkDocs' own prefix)."""
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextmanager
def _captured() -> Iterator[list[str]]:
    """MkDocs' log records go to a list, not to the terminal, while the build runs."""
    logger = logging.getLogger("mkdocs")
    lines: list[str] = []
    handler, propagate = _Lines(lines), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _environment(root: Path, env: dict[str, str]) -> Iterator[None]:
    """Run in ``root`` with ``env`` set, as the ``mkdocs`` command did; restore both."""
    before = {name: os.environ.get(name) for name in env}
    cwd = Path.cwd()
    os.environ.update(env)
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(cwd)
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _failure(output: list[str], config: Path, dest: Path) -> Diagnostic:
    output = [line for line in output if line.startswith(("WARNING", "ERROR"))] or output
    return Diagnostic(
        "K001",
        "mkdocs build failed: " + "; ".join(output[-8:]),
        config.name,
        hint=f"fix the page or configuration named above; {dest.name}/ was left as it was",
    )
