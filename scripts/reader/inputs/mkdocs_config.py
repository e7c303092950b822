"""``mkdocs.yml``, read in one place: the site's address, the Markdown extensions, the nav.

- :func:`load_site_info`: ``site_url``, ``site_name`` and ``use_directory_urls``, which
  the citation data and the link checker need (:func:`base_path` is the path part of
  ``site_url``). Read with a YAML loader that ignores ``!!python/…`` tags, so a
  configuration that names Python objects still loads without running them.
- :func:`markdown_extensions`: the extensions and their options exactly as MkDocs
  resolves them (MkDocs' own ``load_config``), for rendering a page as MkDocs will.
- The generated entries of the ``nav``, kept in step with what the build writes. Adding
  a text folder (or a concept to comparisons.yml) must give a page in the navigation
  without editing configuration by hand, yet mkdocs.yml stays a plain file any
  MkDocs-compatible tool reads. So ``reader build`` rewrites only the lines between
  marker comments in the nav: ``# BEGIN texts`` … ``# END texts`` and ``# BEGIN
  compare`` … ``# END compare``.
"""

from __future__ import annotations

import copy
import logging
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from mkdocs import exceptions
from mkdocs.config import load_config

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.model import Document
from reader.inputs.editions import EditionInfo, load_editions
from reader.inputs.textfile import ReadCodes, read_utf8
from reader.inputs.yamlio import check_shape, malformed

# ------------------------------------------------------------------------ site address


class _Loader(yaml.SafeLoader):
    """A YAML loader that reads mkdocs.yml and ignores its ``!!python/…`` tags."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteInfo:
    """What the citation data and the link checker need from ``mkdocs.yml``."""

    site_url: str = ""
    site_name: str = ""
    use_directory_urls: bool = True
    edition: EditionInfo = field(default_factory=EditionInfo)  # editions.yml beside mkdocs.yml

    def page_url(self, slug: str) -> str:
        """The absolute (or, without a site_url, site-relative) URL of a text's page."""
        path = f"texts/{slug}/" if self.use_directory_urls else f"texts/{slug}.html"
        base = self.site_url.rstrip("/") + "/" if self.site_url else "/"
        return base + path


CONFIG_CODES = ReadCodes.named(
    "K005",
    "the MkDocs configuration",
    "mkdocs.yml",
    "run reader in the project folder, or restore mkdocs.yml from git",
)


def read_config(config: Path) -> dict[str, Any]:
    """``mkdocs.yml`` as plain data; DiagnosticError (K005, with the line and column) if
    it is missing, unreadable, not UTF-8, malformed YAML or not a mapping."""
    shown = config.name
    text = read_utf8(config, shown, CONFIG_CODES)
    try:
        data = copy.deepcopy(_parsed(text, shown))
    except yaml.MarkedYAMLError as exc:
        found = malformed(exc, shown, text)
        raise DiagnosticError([replace(found, code="K005")]) from exc
    except yaml.YAMLError as exc:
        raise DiagnosticError(
            [Diagnostic("K005", f"malformed YAML: {exc}", shown, hint="fix the syntax")]
        ) from exc
    if not isinstance(data, dict):
        raise DiagnosticError(
            [
                Diagnostic(
                    "K005",
                    "the MkDocs configuration must be a mapping of settings",
                    shown,
                    1,
                    1,
                    hint="start it with 'site_name: …'",
                )
            ]
        )
    return data


@lru_cache(maxsize=4)
def _parsed(text: str, shown: str) -> Any:
    """The YAML of a configuration, parsed once per text (a build reads mkdocs.yml three
    times, and PyYAML's pure-Python loader, which its tags need, is slow)."""
    check_shape(text, shown)
    return yaml.load(text, Loader=_Loader) or {}


def load_site_info(config: Path) -> SiteInfo:
    """Read site_url, site_name and use_directory_urls from an MkDocs configuration, and
    the edition's versions from ``editions.yml`` beside it."""
    if not config.exists():
        return SiteInfo()
    data = read_config(config)
    return SiteInfo(
        str(data.get("site_url") or ""),
        str(data.get("site_name") or ""),
        bool(data.get("use_directory_urls", True)),
        load_editions(config.parent),
    )


def base_path(config: Path) -> str:
    """The path part of ``site_url`` in ``mkdocs.yml`` (``/reader/``), or ``/``."""
    path = urlsplit(load_site_info(Path(config)).site_url).path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


# ------------------------------------------------------------------ markdown extensions


@lru_cache(maxsize=4)
def markdown_extensions(config_path: str) -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions of an MkDocs configuration and their options, as MkDocs
    resolves them; DiagnosticError (K003) when MkDocs rejects the configuration."""
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        config = load_config(config_path)
    except (exceptions.MkDocsException, exceptions.Abort, OSError) as exc:
        problems = capture.messages or [str(exc)]
        raise DiagnosticError(
            [
                Diagnostic(
                    "K003",
                    "the MkDocs configuration is invalid: " + "; ".join(problems),
                    Path(config_path).name,
                    hint="fix mkdocs.yml (mkdocs build --strict says the same)",
                )
            ]
        ) from exc
    finally:
        logger.removeHandler(capture)
    return list(config["markdown_extensions"]), dict(config["mdx_configs"])


class _Capture(logging.Handler):
    """Collects MkDocs' own warnings and errors about a configuration."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# ------------------------------------------------------------------------------- nav


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
