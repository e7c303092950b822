"""The offline edition: ``site-offline/`` for ``file://`` and its zip in ``dist/``.

``mkdocs-offline.yml`` inherits ``mkdocs.yml`` and adds Material's offline plugin (no
directory URLs, the search index inlined as ``search/search_index.js``). The plugin would
load the ``iframe-worker`` shim that runs search from ``file://`` from unpkg.com; the
edition instead copies the npm package pinned in ``package-lock.json`` into the build, so
no page ever asks another host for anything. site-offline/ is staged beside itself and
switched in whole (:mod:`reader.core.swap`) only when the build, the shim and the zip all
succeeded; the zip then replaces the old one with one rename.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

from reader.app.site import build_site
from reader.core.atomic import signals_held, stale_temps, temp_name, write_failure
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.inputs.editions import load_editions

CONFIG = "mkdocs-offline.yml"
SITE = "site-offline"
ZIP_STEM = "soft-power-reader"
#: The folder the zip unpacks into.
ZIP_ROOT = "soft-power-reader"
#: Where ``npm ci`` puts the shim, and where ``extra.polyfills`` in mkdocs-offline.yml
#: expects it in the build.
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
SHIM_TARGET = Path("assets/javascripts/iframe-worker-shim.js")
#: Where ``reader site`` publishes the zip for the online site's download link.
DOWNLOADS = Path("downloads")


def zip_name(root: Path) -> str:
    """The zip's name, with the version being built: ``soft-power-reader-1.0.0-offline.zip``
    (without a declared version, ``soft-power-reader-offline.zip``)."""
    version = load_editions(root).current
    return f"{ZIP_STEM}-{version.number}-offline.zip" if version else f"{ZIP_STEM}-offline.zip"


def build_offline(root: Path) -> tuple[Path, Path]:
    """Build ``site-offline/`` and ``dist/<zip>``; return both paths.

    Raises :class:`DiagnosticError` (and leaves both as they were) when the shim is not
    installed or MkDocs fails.
    """
    shim = root / SHIM_SOURCE
    if not shim.is_file():
        raise DiagnosticError(
            [
                Diagnostic(
                    "K002",
                    f"the iframe-worker shim is missing: {SHIM_SOURCE}",
                    "package.json",
                    hint="install the pinned npm packages with `make npm` (npm ci)",
                )
            ]
        )
    site, dist = root / SITE, root / "dist"
    name = zip_name(root)
    archive = temp_name(dist / name)

    def finish(staged: Path) -> None:
        (staged / SHIM_TARGET).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shim, staged / SHIM_TARGET)
        for page in staged.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            fixed = online_canonical(text)
            if fixed != text:
                page.write_text(fixed, encoding="utf-8")
        dist.mkdir(exist_ok=True)
        write_zip(staged, archive)

    for leftover in stale_temps(dist):
        leftover.unlink(missing_ok=True)
    try:
        build_site(root, root / CONFIG, site, finish=finish)
        with signals_held():
            os.replace(archive, dist / name)
    except OSError as exc:
        raise DiagnosticError([write_failure(exc, "dist/", "K004")]) from exc
    finally:
        archive.unlink(missing_ok=True)
    return site, dist / name


_CANONICAL = re.compile(r'(<link rel="canonical" href="https?://[^"]*?)(?:(/)index)?\.html"')


def online_canonical(page_html: str) -> str:
    """Point the canonical link at the online page: without directory URLs MkDocs writes
    ``…/texts/x.html``, but online the page is ``…/texts/x/`` (and ``…/index.html`` is
    ``…/``). Citations copied from the offline edition (cite.js) use this URL.

    >>> online_canonical('<link rel="canonical" href="https://e.org/r/texts/x.html">')
    '<link rel="canonical" href="https://e.org/r/texts/x/">'
    >>> online_canonical('<link rel="canonical" href="https://e.org/r/index.html">')
    '<link rel="canonical" href="https://e.org/r/">'
    """
    return _CANONICAL.sub(r'\1/"', page_html)


def write_zip(folder: Path, archive: Path) -> None:
    """Zip ``folder`` under :data:`ZIP_ROOT`, files in sorted order with fixed timestamps,
    so the same build gives the same bytes."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{ZIP_ROOT}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())


def download_path(root: Path) -> Path | None:
    """The zip's path in the online site (``downloads/<zip>``) when ``reader offline`` made
    the zip of the version being built, else None (then the footer links no zip)."""
    name = zip_name(root)
    return DOWNLOADS / name if (root / "dist" / name).is_file() else None


def publish_download(root: Path, site: Path) -> Path | None:
    """Copy ``dist/<zip>`` into a (staged) online site as ``downloads/<zip>`` when it
    exists (after ``reader offline``); return the copy, or None when there is no zip yet.
    ``reader site`` calls it on the staging folder, so the swapped-in site has it."""
    download = download_path(root)
    if download is None or not site.is_dir():
        return None
    source = root / "dist" / download.name
    target = site / download
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
