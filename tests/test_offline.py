"""The offline edition: its configuration, the shim, the zip and the download link.

The browser side (search, links, tips and the cite dialog from ``file://`` with the network
blocked) is tests/browser/test_offline.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config

from reader.app import offline
from reader.core.diagnostics import DiagnosticError
from reader.inputs.editions import load_editions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def configs() -> tuple:
    """The online and offline MkDocs configurations, loaded as MkDocs loads them."""
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        return load_config(str(ROOT / "mkdocs.yml")), load_config(str(ROOT / offline.CONFIG))
    finally:
        os.chdir(cwd)


def test_offline_config_inherits_and_adds_the_offline_plugin(configs: tuple) -> None:
    """Same search settings and hook as online, plus Material's offline plugin."""
    online, offline_config = configs
    assert "material/offline" in offline_config["plugins"]
    assert "material/offline" not in online["plugins"]
    search = "material/search"
    assert offline_config["plugins"][search].config == online["plugins"][search].config
    assert list(offline_config["hooks"]) == list(online["hooks"])
    assert Path(offline_config["site_dir"]).name == offline.SITE


def test_offline_config_loads_the_shim_from_the_build(configs: tuple) -> None:
    """The polyfill is the local copy `reader offline` writes, so the plugin adds no
    https://unpkg.com/iframe-worker script."""
    _, offline_config = configs
    assert offline_config["extra"]["polyfills"] == [offline.SHIM_TARGET.as_posix()]


def test_the_shim_comes_from_the_pinned_npm_package() -> None:
    """package-lock.json pins iframe-worker; `npm ci` puts the shim where we copy from."""
    import json

    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/iframe-worker"]["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned)
    assert offline.SHIM_SOURCE.as_posix() == "node_modules/iframe-worker/shim/index.js"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '<link rel="canonical" href="https://e.org/r/texts/x.html">',
            '<link rel="canonical" href="https://e.org/r/texts/x/">',
        ),
        (
            '<link rel="canonical" href="https://e.org/r/index.html">',
            '<link rel="canonical" href="https://e.org/r/">',
        ),
        (
            '<link rel="canonical" href="https://e.org/r/texts/">',
            '<link rel="canonical" href="https://e.org/r/texts/">',
        ),
        ('<a href="texts/x.html">', '<a href="texts/x.html">'),
    ],
)
def test_canonical_links_name_the_online_pages(before: str, after: str) -> None:
    """Offline pages are ``x.html``, but citations must carry the online ``x/`` URL."""
    assert offline.online_canonical(before) == after


def test_zip_is_rooted_and_reproducible(tmp_path: Path) -> None:
    """Everything unpacks under one folder; two zips of the same files are identical."""
    site = tmp_path / "site"
    (site / "texts").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "texts" / "a.html").write_text("a", encoding="utf-8")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    offline.write_zip(site, first)
    os.utime(site / "index.html", (0, 0))
    offline.write_zip(site, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        assert zf.namelist() == [
            f"{offline.ZIP_ROOT}/index.html",
            f"{offline.ZIP_ROOT}/texts/a.html",
        ]


def test_missing_shim_stops_before_anything_changes(tmp_path: Path) -> None:
    """Without `npm ci` the build stops with K002 and writes nothing."""
    with pytest.raises(DiagnosticError) as error:
        offline.build_offline(tmp_path)
    assert error.value.diagnostics[0].code == "K002"
    assert list(tmp_path.iterdir()) == []


def test_publish_download_copies_the_zip_into_the_site(tmp_path: Path) -> None:
    """`reader site` after `reader offline` serves the zip, named with the version being
    built, as downloads/<zip>; without that zip it links and copies nothing."""
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "editions.yml").write_text(
        'versions:\n  - {version: "2.3.4", date: "2030-01-02"}\n', encoding="utf-8"
    )
    name = "soft-power-reader-2.3.4-offline.zip"
    assert offline.zip_name(tmp_path) == name
    assert offline.publish_download(tmp_path, site) is None
    assert offline.download_path(tmp_path) is None
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "soft-power-reader-2.3.3-offline.zip").write_bytes(b"old")
    assert offline.download_path(tmp_path) is None  # an older version's zip is not linked
    (tmp_path / "dist" / name).write_bytes(b"PK zip")
    assert offline.download_path(tmp_path) == Path("downloads") / name
    target = offline.publish_download(tmp_path, site)
    assert target == site / "downloads" / name
    assert target.read_bytes() == b"PK zip"
    assert [p.name for p in target.parent.iterdir()] == [name]


def test_footer_links_the_zip_only_when_the_build_has_it(monkeypatch: Any) -> None:
    """The hook gives the footer a download only when `reader site` passes one, and marks
    only the online build as the web app; neither configuration hard-codes a zip link."""
    sys.path.insert(0, str(ROOT / "scripts" / "hooks"))
    import edition as hook

    online = load_config(str(ROOT / "mkdocs.yml"))
    monkeypatch.delenv("READER_DOWNLOAD", raising=False)
    extra = hook.on_config(online).extra
    assert extra["download"] == "" and extra["webapp"] is True
    assert extra["edition"]["version"] == load_editions(ROOT).current.number
    monkeypatch.setenv("READER_DOWNLOAD", "downloads/x.zip")
    assert hook.on_config(online).extra["download"] == "downloads/x.zip"
    offline_config = load_config(str(ROOT / offline.CONFIG))
    assert hook.on_config(offline_config).extra["webapp"] is False
    for config in (online, offline_config):
        assert ".zip" not in config["copyright"]


@pytest.mark.slow
def test_reader_offline_builds_site_and_zip(tmp_path: Path) -> None:
    """`reader offline` on a copy of the project: the shim is in the build, the search
    index is inlined, the zip holds the same files, and no page names unpkg.com."""
    if not (ROOT / offline.SHIM_SOURCE).is_file():
        pytest.skip("npm packages not installed (make system-deps)")
    sys.path.insert(0, str(ROOT / "tests"))
    from project_copy import copy_project

    project = tmp_path / "project"
    copy_project(ROOT, project)
    for name in (offline.CONFIG, "package.json"):
        (project / name).write_bytes((ROOT / name).read_bytes())
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    code = (
        "import sys; from pathlib import Path; from reader.app.offline import build_offline;"
        "build_offline(Path(sys.argv[1]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(project)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = project / offline.SITE
    assert (site / offline.SHIM_TARGET).read_bytes() == (ROOT / offline.SHIM_SOURCE).read_bytes()
    assert (site / "search" / "search_index.js").read_text("utf-8").startswith("var __index")
    assert (site / "texts" / "kosachev-2012.html").is_file()  # no directory URLs
    pages = list(site.rglob("*.html"))
    assert not [p for p in pages if "unpkg.com" in p.read_text("utf-8")]
    with zipfile.ZipFile(project / "dist" / offline.zip_name(project)) as zf:
        names = set(zf.namelist())
    files = {
        f"{offline.ZIP_ROOT}/{p.relative_to(site).as_posix()}"
        for p in site.rglob("*")
        if p.is_file()
    }
    assert names == files
    assert not [p for p in project.iterdir() if p.name.startswith(".site-offline")]
