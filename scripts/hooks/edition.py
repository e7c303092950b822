"""MkDocs hook: the edition's version, download and web app for the theme's footer.

On ``on_config`` it puts into ``config.extra``:

- ``edition``: the version being built (number and date, from ``editions.yml``), shown in
  the footer of every page with a link to the changelog;
- ``download``: the offline zip's path in the site, only when ``reader site`` found a
  zip to publish (it passes ``READER_DOWNLOAD``), so a build without one links none;
- ``webapp``: whether this build is the online edition (no offline plugin) with its
  service worker (``reader site`` passes ``READER_WEBAPP=0`` when Workbox is not
  installed), which carries the web app manifest and the "Keep this edition offline"
  button.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from reader.inputs.editions import load_editions


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Add the edition's data to ``config.extra``."""
    info = load_editions(Path(config.config_file_path).parent)
    version = info.current
    config.extra["edition"] = (
        {"title": info.title, "version": version.number, "date": version.date} if version else {}
    )
    config.extra["download"] = os.environ.get("READER_DOWNLOAD", "")
    plugins = {name.rpartition("/")[2] for name in config.plugins}  # "material/offline"
    wanted = os.environ.get("READER_WEBAPP", "1") != "0"  # `reader site` without Workbox: "0"
    config.extra["webapp"] = wanted and "offline" not in plugins
    return config
