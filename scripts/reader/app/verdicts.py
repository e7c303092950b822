"""Which pages of a built site the conservation check has passed before, without reading
a source.

A verdict is kept (:class:`reader.core.store.Store`, kind ``verdicts``) under a key of
everything the check reads — the code, every file under ``sources/`` (the text, its
corrections and the corpus the de-hyphenation lexicon counts), the page's HTML — so a
page is compared again whenever any of them changes, and only then. This module finds
the verdicts of a site MkDocs has just built and names the pages that have none; the
comparison itself, which needs the parsed sources, is :mod:`reader.app.pagecheck`'s.
It imports no part of the pipeline, so that ``reader site`` with nothing changed
(:mod:`reader.app.site_warm`) can run it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.diagnostics import Diagnostic
from reader.core.record import code_version, digest, input_digests
from reader.core.store import Store
from reader.inputs.mkdocs_config import load_site_info

ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
#: The renderer of a built site's pages, as verdict keys name it.
BUILT = "mkdocs-article"


def sources_key(root: Path) -> str:
    """A digest of every file under sources/ (what expected words depend on)."""
    found = input_digests(root)
    return digest(*(f"{k}={v}" for k, v in sorted(found.items()) if k.startswith("sources/")))


def verdict_key(sources: str, slug: str, renderer: str, page: str) -> str:
    """The key under which a passed comparison of ``page`` with ``slug`` is kept."""
    return digest(code_version(), "verdict", renderer, sources, slug, page)


def built_page(site: Path, slug: str, directory_urls: bool) -> Path:
    """Where MkDocs writes the page of ``texts/<slug>.md``."""
    return site / "texts" / (f"{slug}/index.html" if directory_urls else f"{slug}.html")


@dataclass
class SiteVerdicts:
    """What the verdicts say of a built site: pages missing from it, and the pages no
    verdict covers (slug -> (verdict key, the page's article HTML))."""

    directory_urls: bool
    missing: list[Diagnostic] = field(default_factory=list)
    pending: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Every text has its page, and every page a verdict."""
        return not self.missing and not self.pending


def site_verdicts(root: Path, site: Path, store: Store | None) -> SiteVerdicts:
    """Look up the verdict of every text's page in a site MkDocs has built (``site``,
    before it is swapped in): the ``<article>`` of each text's ``index.html``, theme
    templates included — the very HTML a reader gets."""
    found = SiteVerdicts(load_site_info(root / "mkdocs.yml").use_directory_urls)
    slugs = sorted(p.name for p in (root / "sources").iterdir() if p.is_dir())
    key = sources_key(root)
    for slug in (s for s in slugs if not s.startswith(".")):
        path = built_page(site, slug, found.directory_urls)
        article = ARTICLE.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if article is None:
            found.missing.append(
                Diagnostic(
                    "W004",
                    f"the built site has no page for this text ({path.relative_to(site)})",
                    f"sources/{slug}/",
                    hint="check the nav of mkdocs.yml and docs/texts/",
                )
            )
            continue
        vkey = verdict_key(key, slug, BUILT, article.group())
        if store is None or store.get("verdicts", vkey) is None:
            found.pending[slug] = (vkey, article.group())
    return found
