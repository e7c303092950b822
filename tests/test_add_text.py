"""Adding a text is an editor's everyday task: a folder with the original and a meta.yml
(default profile, no structure) gives a readable page and a nav entry, without code."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from reader.app.cli import main

ROOT = Path(__file__).parents[1]

NEW_TEXT = """\
A Text the Pipeline Has Never Seen

An opening paragraph that mentions soft power and public diplomacy, written for this test.

A second paragraph, with a URL https://example.org/report and a footnote-like marker 3.


After a section break, a closing paragraph that ends the text.
"""

META = """\
title: A Text the Pipeline Has Never Seen
authors:
  - {name: Ada Newcomer, role: author}
date: "2025"
venue: A test venue
genre: essay
bib_key: newcomer2025
language: en
rights: Written for the test suite.
provenance: Typed for the test suite.
profile: default
"""


_SKIP = {
    ".git",
    ".venv",
    "site",
    "site-offline",
    "dist",
    "node_modules",
    "tests",
    "test-artifacts",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
}
_INSTALLED = shutil.ignore_patterns("node_modules", "__pycache__")


def _project(tmp_path: Path) -> Path:
    """A copy of everything a build reads (the whole project but its caches, tests and
    installed packages: the virtual environments, among them Zensical's 20,000 files, and
    any node_modules, such as Lighthouse's under scripts/bench/)."""
    for item in ROOT.iterdir():
        if item.name in _SKIP or item.name.startswith(".venv") or item.name.endswith(".egg-info"):
            continue
        if item.is_dir():
            shutil.copytree(item, tmp_path / item.name, ignore=_INSTALLED)
        else:
            shutil.copy(item, tmp_path / item.name)
    return tmp_path


def add_bib_entry(root: Path) -> None:
    """The new text's own entry in references.bib (a text may not share another's)."""
    bib = root / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8") + "\n@misc{newcomer2025,\n  author = {Newcomer, Ada},\n"
        "  title = {A Text the Pipeline Has Never Seen},\n  year = {2025},\n}\n",
        encoding="utf-8",
    )


def test_a_new_text_folder_gives_a_page_and_a_nav_entry(tmp_path: Path) -> None:
    root = _project(tmp_path)
    folder = root / "sources" / "newcomer-2025"
    folder.mkdir()
    (folder / "original.txt").write_text(NEW_TEXT, encoding="utf-8")
    (folder / "meta.yml").write_text(META, encoding="utf-8")
    add_bib_entry(root)

    assert main(["--root", str(root), "build"]) == 0

    page = (root / "docs" / "texts" / "newcomer-2025.md").read_text(encoding="utf-8")
    assert "# A Text the Pipeline Has Never Seen { #title }" in page
    assert "An opening paragraph that mentions" in page
    assert '<hr class="section-break">' in page
    assert "{: #p3 }" in page  # three numbered paragraphs
    nav = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    texts = next(item["Texts"] for item in nav["nav"] if isinstance(item, dict) and "Texts" in item)
    assert texts[-1] == "texts/newcomer-2025.md"  # newest last
    assert main(["--root", str(root), "check"]) == 0
