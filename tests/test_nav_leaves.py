"""The nav's leaves rendered once per link (scripts/hooks/nav_leaves.py and the theme's
copy of Material's ``partials/nav-item.html``): the built pages are byte for byte those
Material renders without the hook, on a real MkDocs build of the project's own docs/."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from reader.app.site import build_site

ROOT = Path(__file__).resolve().parents[1]
HOOK = "  - scripts/hooks/nav_leaves.py"
INPUTS = ("mkdocs.yml", "editions.yml", "docs", "scripts/theme", "scripts/hooks")

sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
from nav_leaves import NavLeaves  # noqa: E402


def _pages(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a site build reads, copied: the project's own docs/ and theme."""
    dest = tmp_path_factory.mktemp("nav")
    for name in INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / name)
    return dest


def test_the_pages_are_those_material_renders_without_the_hook(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(f"\n{HOOK}") == 1
    build_site(project, config, project / "with")
    config.write_text(text.replace(f"\n{HOOK}", "\n  # (nav_leaves: off)"), encoding="utf-8")
    try:
        build_site(project, config, project / "without")
    finally:
        config.write_text(text, encoding="utf-8")
    built, plain = _pages(project / "with"), _pages(project / "without")
    assert len(built) > 20 and built.keys() == plain.keys()
    assert [name for name in built if built[name] != plain[name]] == []
    page = built["texts/kosachev-2012/index.html"].decode()
    assert 'href="../gussarova-2017/" class="md-nav__link"' in page  # a leaf of the nav


class _Item:
    children = None
    active = False

    def __init__(self, url: str) -> None:
        self.url = url


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


def test_a_leaf_is_rendered_once_per_link_and_the_current_page_every_time() -> None:
    calls: list[str] = []

    def render(item, path, level, parent):
        calls.append(item.url)
        return f"<li>{item.url} {path}</li>"

    leaves, item = NavLeaves(), _Item("texts/b/")
    one, other = _Page("texts/a/"), _Page("texts/c/")
    deeper = _Page("occurrences/a/")
    assert leaves(render, item, "p_1", 2, None, one, "../..") == "<li>texts/b/ p_1</li>"
    assert leaves(render, item, "p_1", 2, None, other, "../..") == "<li>texts/b/ p_1</li>"
    assert len(calls) == 1  # the same link from texts/c/: ../b/
    leaves(render, item, "p_1", 2, None, deeper, "../..")
    assert len(calls) == 2  # ../../texts/b/ from occurrences/a/
    item.active = True
    leaves(render, item, "p_1", 2, None, one, "../..")
    leaves(render, item, "p_1", 2, None, one, "../..")
    assert len(calls) == 4  # the page being built: rendered every time
