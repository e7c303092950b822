"""What a project is made of on disk: the paths a build reads, and copying them.

The tests and the benchmark build copies of the project in temporary folders; both take
the list from here, so a new input (a declaration file, a theme folder) is added once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: What a build reads or writes, relative to the project root.
PROJECT_PATHS: tuple[str, ...] = (
    "sources",
    "docs",
    "mkdocs.yml",
    "mkdocs-offline.yml",
    "glossary.yml",
    "references.bib",
    "comparisons.yml",
    "timeline.yml",
    "editions.yml",
    "editions",
    "scripts/theme",
    "scripts/hooks",
)


def copy_project(src: Path, dest: Path) -> Path:
    """Copy the paths a build reads from ``src`` into ``dest`` (created); return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PATHS:
        path = src / name
        if path.is_dir():
            shutil.copytree(path, dest / name, symlinks=True)
        elif path.exists():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / name)
    return dest
