"""Temporary projects for the benchmark: a copy of the real one, optionally grown.

A ×N corpus keeps the five texts and adds N−1 copies of each under new slugs
(``kosachev-2012`` → ``kosachev-c001-2012`` … ; :data:`reader.inputs.sources.SLUG_RE` accepts
them). Each copy keeps its ``citations.yml`` and ``annotations.yml`` as they are, and is
made its own text where the build insists on it: its own entry in references.bib (the
original's under a new key, as two texts may not share one) and its ``anchors.lock``
naming it; the nav block of ``mkdocs.yml`` is rewritten by the build itself.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

from reader.app.load import load_shared_inputs, load_sources
from reader.core.project import copy_project
from reader.emit.citation_meta import STYLES, citation_data
from reader.inputs.bibliography import DEFAULT_STYLE
from reader.inputs.glossary import Glossary
from reader.inputs.sources import SLUG_RE
from reader.repair.hyphenation import Lexicon
from reader.text.folding import fold_key

MANIFEST = ".reader-manifest.json"
APPENDED = "This sentence was appended by the benchmark to test an incremental rebuild."


def copy_slug(slug: str, index: int) -> str:
    """The slug of the ``index``-th copy of a text: ``kosachev-2012`` → ``kosachev-c001-2012``."""
    name, year = slug.rsplit("-", 1)
    new = f"{name}-c{index:03d}-{year}"
    if not SLUG_RE.match(new):
        raise ValueError(f"{new} is not a valid slug")
    return new


def make_project(src: Path, dest: Path, factor: int = 1, csl_cache: bool = False) -> Path:
    """Copy the project at ``src`` into ``dest`` with ``factor`` copies of every text.

    Pages generated into docs/ are removed, so a build writes them all. With
    ``csl_cache`` the formatted bibliography cache (``.cache/csl``) is copied too, and for
    a grown corpus filled for its grown bibliography (:func:`warm_csl`): as a project of
    that size has it once it has built, and as the ×1 copy has it for the real one."""
    copy_project(src, dest)
    if csl_cache and (src / ".cache" / "csl").is_dir():
        shutil.copytree(src / ".cache" / "csl", dest / ".cache" / "csl")
    originals = sorted(p for p in (dest / "sources").iterdir() if p.is_dir())
    for folder in originals:
        for index in range(1, factor):
            copy = folder.parent / copy_slug(folder.name, index)
            shutil.copytree(folder, copy)
            own_identity(dest, copy, folder.name, index)
    clear_generated(dest / "docs")
    if csl_cache and factor > 1:
        warm_csl(dest)
    return dest


def warm_csl(root: Path) -> None:
    """Format the project's bibliography in every style a build uses, and each text's
    paragraph citations, so that the CSL cache (``.cache/csl``) holds them (citeproc-py
    takes tens of seconds for hundreds of entries or texts: section 1 measures the cold
    cost)."""
    sources = load_sources(root)
    ctx = load_shared_inputs(root, Lexicon.from_texts(s.text for s in sources.values()), sources)
    bib = ctx.bibliography
    if bib is None:
        return
    for style in dict.fromkeys([DEFAULT_STYLE, *STYLES.values()]):
        bib.format_bibliography(style)
    for slug, source in sources.items():
        redirects = ctx.anchors.redirects(slug) if ctx.anchors else {}
        citation_data(source.meta, bib, ctx.site, redirects)


def own_identity(root: Path, copy: Path, slug: str, index: int) -> None:
    """Give a copied text its own bib key (with a copy of the original's entry) and a
    lock that names it."""
    meta = copy / "meta.yml"
    text = meta.read_text(encoding="utf-8")
    key = re.search(r"(?m)^bib_key: *(\S+)", text)
    if key:
        new_key = f"{key[1]}c{index:03d}"
        meta.write_text(text.replace(key[0], f"bib_key: {new_key}"), encoding="utf-8")
        bib = root / "references.bib"
        found = re.search(rf"@(\w+)\{{{re.escape(key[1])},(.*?)\n\}}", bib.read_text("utf-8"), re.S)
        if found:
            entry = f"\n@{found[1]}{{{new_key},{found[2]}\n}}\n"
            bib.write_text(bib.read_text(encoding="utf-8") + entry, encoding="utf-8")
    lock = copy / "anchors.lock"
    if lock.exists():
        lock.write_text(
            lock.read_text(encoding="utf-8").replace(f'"text": "{slug}"', f'"text": "{copy.name}"'),
            encoding="utf-8",
        )


def clear_generated(docs: Path) -> None:
    """Remove the pages the pipeline wrote (listed in its manifest) and the manifest."""
    manifest = docs / MANIFEST
    if not manifest.exists():
        return
    for name in json.loads(manifest.read_text(encoding="utf-8")):
        (docs / name).unlink(missing_ok=True)
    manifest.unlink()


def source_bytes(root: Path) -> int:
    """The size of every text's original file (what conversion reads)."""
    return sum(s.path.stat().st_size for s in load_sources(root).values())


def append_paragraph(root: Path, slug: str) -> Path:
    """Append one sentence, as a paragraph of its own, to a text's original file.

    A new last paragraph leaves every locked anchor where it was (a sentence added to the
    last paragraph would change what its #pN points at, which the anchor lock refuses)."""
    path = load_sources(root, [slug])[slug].path
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{APPENDED}\n", encoding="utf-8")
    return path


_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


def synthetic_headwords(
    texts: list[str], taken: set[str], count: int, occurring: bool = True
) -> list[str]:
    """``count`` unique two-word headwords taken from the texts, most frequent first, none
    of them folding to a spelling in ``taken``: terms that really occur, so the larger
    glossary also annotates more (a worst case rather than a free ride). Made-up words
    fill up when the texts run out, or make up the whole list unless ``occurring``."""
    pairs: Counter[str] = Counter()
    for text in texts:
        words = _WORD.findall(text)
        pairs.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    seen = set(taken)
    chosen: list[str] = []
    for pair, _ in sorted(pairs.items(), key=lambda item: (-item[1], item[0])):
        if not occurring:
            break
        key = fold_key(pair)
        if key not in seen:
            seen.add(key)
            chosen.append(pair)
        if len(chosen) == count:
            return chosen
    index = 0
    while len(chosen) < count:
        word = f"benchterm{index:04d}"
        index += 1
        if word not in seen:
            seen.add(word)
            chosen.append(word)
    return chosen


def grown_glossary(glossary, texts: list[str], size: int, occurring: bool = True):
    """The real glossary with generated entries added until it has ``size`` entries
    (phrases of the texts, or words found nowhere unless ``occurring``)."""
    entries = list(glossary)
    taken = {fold_key(k) for e in entries for k in e.keys}
    template = entries[0]
    for i, headword in enumerate(synthetic_headwords(texts, taken, size - len(entries), occurring)):
        entries.append(
            replace(
                template,
                id=f"bench-{i:04d}",
                headword=headword,
                aliases=(),
                related=(),
                bib="",
                case_sensitive=False,
                tooltip=f"A generated entry for {headword}.",
            )
        )
    return Glossary(tuple(entries), glossary.path)
