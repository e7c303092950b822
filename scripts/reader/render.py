"""Rendering generated Markdown to HTML exactly as MkDocs will (same extensions).

Used by the conservation check at build time, so that a lost word is caught before
``mkdocs build`` runs, and by tests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data


@lru_cache(maxsize=4)
def _extensions(config_path: str) -> tuple[list, dict]:
    from mkdocs.config import load_config

    config = load_config(config_path)
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


def markdown_to_html(text: str, config_path: Path) -> str:
    """HTML for one Markdown page (front matter stripped), using mkdocs.yml's extensions."""
    body, _ = get_data(text)
    extensions, configs = _extensions(str(config_path))
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return md.convert(body)
