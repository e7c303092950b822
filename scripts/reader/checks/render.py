"""Rendering generated Markdown to HTML exactly as MkDocs will (same extensions).

Used by the conservation check at build time, so that a lost word is caught before
``mkdocs build`` runs, and by tests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data

from reader.inputs.mkdocs_config import markdown_extensions


@lru_cache(maxsize=4)
def _converter(config_path: str) -> markdown.Markdown:
    """One Markdown instance per configuration, reset before each page: a new instance
    per page would also leave its reference cycles to the garbage collector, which a
    build pauses (:func:`reader.core.collector.collector_paused`)."""
    extensions, configs = markdown_extensions(config_path)
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def markdown_to_html(text: str, config_path: Path) -> str:
    """HTML for one Markdown page (front matter stripped), using mkdocs.yml's extensions."""
    body, _ = get_data(text)
    md = _converter(str(config_path))
    md.reset()
    return md.convert(body)
