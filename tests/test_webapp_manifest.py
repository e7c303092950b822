"""The service worker reader site writes: Workbox from node_modules, every file precached."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.app import webapp
from reader.core.diagnostics import DiagnosticError

ROOT = Path(__file__).resolve().parents[1]


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "texts" / "a").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (site / "texts" / "a" / "index.html").write_text("<h1>A</h1>", encoding="utf-8")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}", encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / "x.zip").write_bytes(b"PK")
    (site / "app.js.map").write_text("{}", encoding="utf-8")
    return site


def test_manifest_lists_pages_assets_and_the_index_not_the_zip(tmp_path: Path) -> None:
    manifest = webapp.precache_manifest(_site(tmp_path))
    urls = [e["url"] for e in manifest]
    assert urls == ["index.html", "search/search_index.json", "texts/a/index.html"]
    assert all(len(e["revision"]) == 32 for e in manifest)


def test_a_changed_page_changes_its_revision(tmp_path: Path) -> None:
    site = _site(tmp_path)
    before = {e["url"]: e["revision"] for e in webapp.precache_manifest(site)}
    (site / "texts" / "a" / "index.html").write_text("<h1>A, revised</h1>", encoding="utf-8")
    after = {e["url"]: e["revision"] for e in webapp.precache_manifest(site)}
    assert before["texts/a/index.html"] != after["texts/a/index.html"]
    assert before["index.html"] == after["index.html"]


def test_worker_uses_the_pinned_workbox_runtime(tmp_path: Path) -> None:
    if not (ROOT / "node_modules" / "workbox-sw").is_dir():
        pytest.skip("npm packages not installed (make npm)")
    root = tmp_path / "project"
    root.mkdir()
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    shutil.copyfile(ROOT / "package-lock.json", root / "package-lock.json")
    shutil.copyfile(ROOT / "editions.yml", root / "editions.yml")
    site = _site(root)
    count = webapp.add_service_worker(root, site)
    worker = (site / webapp.WORKER).read_text(encoding="utf-8")
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert f"Workbox {lock['packages']['node_modules/workbox-sw']['version']}" in worker
    assert 'importScripts("assets/workbox/workbox-sw.js")' in worker
    for name in webapp.MODULES.values():
        assert (site / "assets" / "workbox" / name).is_file()
    assert count == worker.count('"url": ') and '"url": "texts/a/index.html"' in worker
    assert "googleapis" not in worker and "https://" not in worker  # never a CDN


def test_missing_runtime_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as error:
        webapp.add_service_worker(tmp_path, _site(tmp_path))
    assert error.value.diagnostics[0].code == "K006"
