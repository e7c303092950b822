"""Generating the edition in memory, checking it, and writing it atomically.

:func:`generate` turns every source into its pages without touching the disk; nothing is
written unless every check passes. :func:`write_docs` then replaces each changed file
through a temporary file and ``os.replace``, after refusing to overwrite a generated
file that someone edited by hand (the manifest records what the pipeline last wrote).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reader.app.pages import extra_pages, load_shared_inputs
from reader.app.pipeline import run_corpus_passes, run_passes
from reader.checks.conservation import PageWords, check_conservation, expected_words, page_words
from reader.checks.render import markdown_to_html
from reader.core.atomic import fault, signals_held, stale_temps, temp_name
from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.core.model import Document
from reader.emit.markdown import render_document
from reader.inputs.sources import Source, discover, load_source
from reader.parse.document import BuildLog, build_document, normalised_text
from reader.passes.context import Context
from reader.passes.edition import Edition
from reader.repair.hyphenation import Lexicon, decide

MANIFEST = ".reader-manifest.json"


@dataclass
class BuildCache:
    """What ``reader serve`` keeps from one build to the next, so that a rebuild redoes
    only what an edit touched.

    ``parses``: slug -> (digest of original and meta.yml, Document, BuildLog).
    ``page_words``: slug -> (digest of its page and of mkdocs.yml, the words of the page's
    HTML), which the conservation check reads (rendering is most of the check's cost).
    """

    parses: dict[str, tuple[str, Document, BuildLog]] = field(default_factory=dict)
    page_words: dict[str, tuple[str, PageWords]] = field(default_factory=dict)


def _source_key(source: Source) -> str:
    meta = source.meta_path.read_bytes() if source.meta_path.exists() else b""
    return hashlib.sha256(source.text.encode("utf-8") + b"\0" + meta).hexdigest()


def _parse_cached(
    source: Source, lexicon: Lexicon, cache: BuildCache | None
) -> tuple[Document, BuildLog, bool]:
    """Parse a source, reusing the cached parse when neither the source nor any
    hyphenation decision it depends on has changed. Returns (doc, log, parsed anew)."""
    key = _source_key(source)
    slug = source.meta.slug
    if cache is not None and slug in cache.parses:
        cached_key, doc, log = cache.parses[slug]
        if cached_key == key and all(
            decide(d.left, d.right, lexicon).join == d.join for _, d in log.hyphenation
        ):
            return doc, log, False
    doc, log = build_document(source, lexicon)
    if cache is not None:
        cache.parses[slug] = (key, doc, log)
    return doc, log, True


def load_sources(root: Path, slugs: list[str] | None = None) -> dict[str, Source]:
    """Load every text folder (or the named ones), collecting every error before stopping."""
    report = Report()
    folders = discover(root)
    known = {f.name for f in folders}
    for slug in slugs or []:
        if slug not in known:
            report.error(
                "S005",
                f"unknown text '{slug}'",
                path="sources/",
                hint="known texts: " + ", ".join(sorted(known)),
            )
    report.raise_if_errors()
    sources: dict[str, Source] = {}
    for folder in folders:
        try:
            source = load_source(folder, root)
        except DiagnosticError as error:
            report.extend(error.diagnostics)
            continue
        sources[source.meta.slug] = source
    report.raise_if_errors()
    if not sources:
        raise DiagnosticError(
            [
                Diagnostic(
                    "S006",
                    "no texts found",
                    "sources/",
                    hint="add a folder with original.txt and meta.yml",
                )
            ]
        )
    return sources


def generate(root: Path, config: Path | None = None, cache: BuildCache | None = None) -> Edition:
    """Build every page in memory and run every check; raise DiagnosticError on errors.

    With a ``cache`` (kept across calls by ``reader serve``), a source that did not change
    is not parsed again, and a page that did not change is not rendered again for the
    conservation check (which still compares its words with the source's).
    """
    with collector_paused():
        return _generate(root, config or root / "mkdocs.yml", cache)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the block runs.

    A build keeps every Document, page and parse alive to its end, and makes almost no
    reference cycles (a ×10 corpus leaves some 8,000 cyclic objects of many millions), so
    each collection walks a large heap and frees next to nothing: on the ×10 and ×100
    corpora of ``make bench`` the collector took 10–20% of generate()'s time. Reference
    counting still frees everything else."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(root: Path, config: Path, cache: BuildCache | None) -> Edition:
    edition = Edition(sources=load_sources(root))
    lexicon = Lexicon.from_texts(s.text for s in edition.sources.values())
    ctx = Context(root=root, lexicon=lexicon)
    load_shared_inputs(ctx, edition.sources)
    edition.context = ctx
    report = Report()
    for slug, source in edition.sources.items():
        started = time.perf_counter()
        try:
            doc, log, fresh = _parse_cached(source, lexicon, cache)
        except DiagnosticError as error:
            report.extend(error.diagnostics)
            continue
        if fresh:
            edition.reconverted.append(slug)
        edition.timings.append(("parse", slug, time.perf_counter() - started))
        started = time.perf_counter()
        doc = run_passes(doc, ctx)
        edition.timings.append(("passes", slug, time.perf_counter() - started))
        edition.documents.append(doc)
        edition.logs[slug] = log
        edition.warnings.extend(log.warnings)
    report.raise_if_errors()
    edition.documents = run_corpus_passes(edition.documents, ctx)  # all texts numbered
    for doc in edition.documents:
        edition.pages[f"texts/{doc.meta.slug}.md"] = render_document(doc)
    edition.pages.update(extra_pages(edition))
    for doc in edition.documents:
        started = time.perf_counter()
        report.extend(conserve(edition, doc, lexicon, config, cache))
        edition.timings.append(("conservation", doc.meta.slug, time.perf_counter() - started))
    report.raise_if_errors()
    return edition


def conserve(
    edition: Edition,
    doc: Document,
    lexicon: Lexicon,
    config: Path,
    cache: BuildCache | None = None,
) -> list[Diagnostic]:
    """The conservation check for one text's generated page."""
    source = edition.sources[doc.meta.slug]
    text, _ = normalised_text(source)
    page = f"texts/{doc.meta.slug}.md"
    markdown = edition.pages[page]
    key = _digest(markdown) + _digest(config.read_text(encoding="utf-8"))
    cached_key, found = (cache.page_words.get(doc.meta.slug) if cache else None) or ("", None)
    if found is None or cached_key != key:
        found = page_words(markdown_to_html(markdown, config))
        edition.rendered.append(doc.meta.slug)
        if cache is not None:
            cache.page_words[doc.meta.slug] = (key, found)
    return check_conservation(
        expected_words(text, lexicon), found, source.display_path, f"docs/{page}"
    )


# ----------------------------------------------------------------------- writing


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(docs: Path) -> dict[str, str]:
    """What the pipeline last wrote: path under docs/ -> sha256."""
    path = docs / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_bytes())
    except ValueError as exc:
        data = exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise DiagnosticError(
            [
                Diagnostic(
                    "D004",
                    "the manifest of generated files is damaged",
                    f"docs/{MANIFEST}",
                    hint="check docs/ for hand edits (git diff docs/), then delete the "
                    "manifest and run `make docs` to write a new one",
                )
            ]
        )
    return data


def _pending_manifests(docs: Path) -> list[dict[str, str]]:
    """Manifests staged by a build that was killed while it replaced files: the files it
    already replaced match these, not the manifest, and are not hand edits."""
    found = []
    for path in docs.glob(f".{MANIFEST}.*.tmp"):
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            found.append(data)
    return found


def _first_difference(old: bytes, new: str) -> int:
    """The 1-based line where a file first differs from the page the pipeline gives now."""
    old_lines = old.decode("utf-8", "replace").split("\n")
    new_lines = new.split("\n")
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), start=1):
        if a != b:
            return number
    return min(len(old_lines), len(new_lines)) + 1


def hand_edits(
    docs: Path, manifest: dict[str, str], pages: dict[str, str] | None = None
) -> list[Diagnostic]:
    """Generated files whose content differs from what the pipeline wrote.

    With ``pages`` (what the pipeline writes now), a file that already says exactly that
    is no edit worth keeping, and each finding names the first line that differs."""
    accepted = _pending_manifests(docs)
    problems = []
    for name, digest in sorted(manifest.items()):
        path = docs / name
        if not path.is_file():
            continue
        raw = path.read_bytes()
        found = hashlib.sha256(raw).hexdigest()
        if found == digest or any(m.get(name) == found for m in accepted):
            continue
        page = (pages or {}).get(name)
        if page is not None and raw == page.encode("utf-8"):
            continue
        where = " (the line is where it first differs from the page the sources give)"
        problems.append(
            Diagnostic(
                "D001",
                "generated file was edited by hand; the build will not overwrite it"
                + (where if page is not None else ""),
                f"docs/{name}",
                _first_difference(raw, page) if page is not None else 0,
                hint="move the change into sources/ (a correction or structure entry in "
                "meta.yml, glossary.yml, references.bib) and run `make docs`; to discard "
                f"the edit, run `git checkout docs/{name}` or delete the file",
            )
        )
    return problems


def stale_pages(docs: Path, edition: Edition) -> list[Diagnostic]:
    """Generated pages whose committed copy differs from what the sources give now."""
    problems = []
    for name, text in sorted(edition.pages.items()):
        path = docs / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            problems.append(
                Diagnostic(
                    "D002",
                    "generated page is stale or missing",
                    f"docs/{name}",
                    hint="run `make docs` and commit docs/",
                )
            )
    manifest = read_manifest(docs)
    for name in sorted(set(manifest) - set(edition.pages)):
        if (docs / name).exists():
            problems.append(
                Diagnostic(
                    "D003",
                    "generated page no longer has a source",
                    f"docs/{name}",
                    hint="run `make docs` to remove it",
                )
            )
    return problems


def write_docs(docs: Path, edition: Edition) -> list[str]:
    """Write the changed pages atomically; return the paths written (under docs/).

    Every page is staged under a temporary name first; the swap (``os.replace`` of each
    page, the manifest last) runs with SIGINT and SIGTERM held, and leftovers of a killed
    earlier run are removed once it is done."""
    fault("after-generate")
    manifest = read_manifest(docs)
    problems = hand_edits(docs, manifest, edition.pages)
    if problems:
        raise DiagnosticError(problems)
    changed = {
        name: text
        for name, text in edition.pages.items()
        if not (docs / name).is_file() or (docs / name).read_bytes() != text.encode("utf-8")
    }
    removed = [name for name in manifest if name not in edition.pages]
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in changed.items():
            target = docs / name
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = temp_name(target)
            temp.write_bytes(text.encode("utf-8"))
            staged.append((temp, target))
        new_manifest = {name: _digest(text) for name, text in sorted(edition.pages.items())}
        temp_manifest = temp_name(docs / MANIFEST)
        temp_manifest.write_text(json.dumps(new_manifest, indent=1) + "\n", encoding="utf-8")
        staged.append((temp_manifest, docs / MANIFEST))
        fault("before-replace")
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    with signals_held():
        for i, (temp, target) in enumerate(staged):
            os.replace(temp, target)
            if i == 0:
                fault("mid-replace")
        for name in removed:
            (docs / name).unlink(missing_ok=True)
        for leftover in stale_temps(docs):
            leftover.unlink(missing_ok=True)
    return sorted(changed) + [f"{name} (removed)" for name in removed]
