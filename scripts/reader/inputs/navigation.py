"""Generated entries of mkdocs.yml's ``nav``, kept in step with what the build writes.

Adding a text folder (or a concept to comparisons.yml) must give a page in the navigation
without editing configuration by hand, yet mkdocs.yml stays a plain file any
MkDocs-compatible tool reads. So ``reader build`` rewrites only the lines between marker
comments in the nav: ``# BEGIN texts`` … ``# END texts`` and ``# BEGIN compare`` …
``# END compare``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from reader.core.diagnostics import Diagnostic
from reader.core.model import Document


def _block(name: str) -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<indent>[ \t]*)# BEGIN {name}\b[^\n]*\n(?P<body>.*?)^[ \t]*# END {name}\b[^\n]*$",
        re.MULTILINE | re.DOTALL,
    )


def text_entries(documents: Iterable[Document]) -> list[str]:
    """The texts' pages, oldest first (then by slug)."""
    ordered = sorted(documents, key=lambda d: (d.meta.date, d.meta.slug))
    return [f"texts/{d.meta.slug}.md" for d in ordered]


def compare_entries(pages: Iterable[str]) -> list[str]:
    """The comparison pages in the order the build made them, the index first."""
    names = [p for p in pages if p.startswith("compare/") and p.endswith(".md")]
    return sorted(names, key=lambda p: (p != "compare/index.md", names.index(p)))


def blocks_for(documents: list[Document], pages: Iterable[str]) -> dict[str, list[str]]:
    """Every generated nav block: its name and its entries."""
    blocks = {"texts": text_entries(documents)}
    compare = compare_entries(pages)
    if compare:
        blocks["compare"] = compare
    return blocks


def with_blocks(config_text: str, blocks: Mapping[str, list[str]]) -> tuple[str, list[str]]:
    """mkdocs.yml with each block rewritten, and the names of blocks whose markers are
    missing."""
    missing = []
    for name, entries in blocks.items():
        match = _block(name).search(config_text)
        if not match:
            missing.append(name)
            continue
        indent = match.group("indent")
        body = "".join(f"{indent}- {entry}\n" for entry in entries)
        config_text = config_text[: match.start("body")] + body + config_text[match.end("body") :]
    return config_text, missing


def stale_nav(config: Path, blocks: Mapping[str, list[str]]) -> list[Diagnostic]:
    """Findings for blocks that are missing or differ from what the build makes."""
    text = config.read_text(encoding="utf-8")
    updated, missing = with_blocks(text, blocks)
    problems = [
        Diagnostic(
            "N001",
            f"the nav has no '# BEGIN {name}' / '# END {name}' block",
            config.name,
            hint=f"put the two marker comments in the nav for the {name}",
        )
        for name in missing
    ]
    if updated != text:
        problems.append(
            Diagnostic(
                "N002",
                "the generated entries of the nav are stale",
                config.name,
                hint="run `make docs` and commit mkdocs.yml",
            )
        )
    return problems


def write_nav(config: Path, blocks: Mapping[str, list[str]]) -> bool:
    """Rewrite the generated blocks of mkdocs.yml if they changed; return whether they did."""
    text = config.read_text(encoding="utf-8")
    updated, _ = with_blocks(text, blocks)
    if updated == text:
        return False
    temp = config.with_name(f".{config.name}.{os.getpid()}.tmp")
    temp.write_text(updated, encoding="utf-8")
    os.replace(temp, config)
    return True
