"""The texts' entries in mkdocs.yml's ``nav``, kept in step with sources/.

Adding a text folder must give a page in the navigation without editing configuration by
hand, yet mkdocs.yml stays a plain file any MkDocs-compatible tool reads. So
``reader build`` rewrites only the lines between two marker comments in the nav.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from reader.diagnostics import Diagnostic
from reader.model import Document

BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)# BEGIN texts[^\n]*\n(?P<body>.*?)^[ \t]*# END texts[^\n]*$",
    re.MULTILINE | re.DOTALL,
)


def nav_entries(documents: Iterable[Document], indent: str) -> str:
    """The nav lines for the texts, oldest first (then by slug)."""
    ordered = sorted(documents, key=lambda d: (d.meta.date, d.meta.slug))
    return "".join(f"{indent}- texts/{d.meta.slug}.md\n" for d in ordered)


def with_texts_in_nav(config_text: str, documents: Iterable[Document]) -> str | None:
    """mkdocs.yml with the texts block rewritten; None if the markers are missing."""
    match = BLOCK.search(config_text)
    if not match:
        return None
    indent = match.group("indent")
    start, end = match.start("body"), match.end("body")
    return config_text[:start] + nav_entries(documents, indent) + config_text[end:]


def stale_nav(config: Path, documents: list[Document]) -> list[Diagnostic]:
    """A finding if mkdocs.yml's texts block differs from the sources (or is missing)."""
    text = config.read_text(encoding="utf-8")
    updated = with_texts_in_nav(text, documents)
    if updated is None:
        return [
            Diagnostic(
                "N001",
                "the nav has no '# BEGIN texts' / '# END texts' block",
                config.name,
                hint="put the two marker comments under '- Texts:'",
            )
        ]
    if updated != text:
        return [
            Diagnostic(
                "N002",
                "the texts in the nav differ from sources/",
                config.name,
                hint="run `make docs` and commit mkdocs.yml",
            )
        ]
    return []


def write_nav(config: Path, documents: list[Document]) -> bool:
    """Rewrite the texts block of mkdocs.yml if it changed; return whether it did."""
    text = config.read_text(encoding="utf-8")
    updated = with_texts_in_nav(text, documents)
    if updated is None or updated == text:
        return False
    temp = config.with_name(f".{config.name}.{os.getpid()}.tmp")
    temp.write_text(updated, encoding="utf-8")
    os.replace(temp, config)
    return True
