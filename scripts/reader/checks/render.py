"""Rendering generated Markdown to HTML exactly as MkDocs will (same extensions).

Used by the conservation check at build time, so that a lost word is caught before
``mkdocs build`` runs, and by tests.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data

from reader.core.diagnostics import Diagnostic, DiagnosticError


@lru_cache(maxsize=4)
def _extensions(config_path: str) -> tuple[list, dict]:
    from mkdocs import exceptions
    from mkdocs.config import load_config

    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        config = load_config(config_path)
    except (exceptions.MkDocsException, exceptions.Abort, OSError) as exc:
        problems = capture.messages or [str(exc)]
        raise DiagnosticError(
            [
                Diagnostic(
                    "K003",
                    "the MkDocs configuration is invalid: " + "; ".join(problems),
                    Path(config_path).name,
                    hint="fix mkdocs.yml (mkdocs build --strict says the same)",
                )
            ]
        ) from exc
    finally:
        logger.removeHandler(capture)
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


class _Capture(logging.Handler):
    """Collects MkDocs' own warnings and errors about a configuration."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@lru_cache(maxsize=4)
def _converter(config_path: str) -> markdown.Markdown:
    """One Markdown instance per configuration, reset before each page: a new instance
    per page would also leave its reference cycles to the garbage collector, which a
    build pauses (:func:`reader.app.build.collector_paused`)."""
    extensions, configs = _extensions(config_path)
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def markdown_to_html(text: str, config_path: Path) -> str:
    """HTML for one Markdown page (front matter stripped), using mkdocs.yml's extensions."""
    body, _ = get_data(text)
    md = _converter(str(config_path))
    md.reset()
    return md.convert(body)
