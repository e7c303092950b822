"""Generating the edition in memory, checking it, and writing it atomically.

:func:`generate` turns every source into its pages without touching the disk; nothing is
written unless every check passes. :func:`write_docs` then replaces each changed file
through a temporary file and ``os.replace``, after refusing to overwrite a generated
file that someone edited by hand (the manifest records what the pipeline last wrote).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reader.app.cache import BuildCache
from reader.app.pipeline import PIPELINE
from reader.app.stages import Run
from reader.core import swap
from reader.core.atomic import check_writable, fault, stale_temps, write_failure
from reader.core.collector import collector_paused, heap_frozen  # noqa: F401 (re-exported)
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.record import input_digests
from reader.core.store import Store
from reader.passes.edition import Edition

MANIFEST = ".reader-manifest.json"


def generate(
    root: Path,
    config: Path | None = None,
    cache: BuildCache | None = None,
    store: Store | None = None,
    check: bool = True,
    digests: dict[str, str] | None = None,
) -> Edition:
    """Build every page in memory and run every check: every stage of
    :data:`~reader.app.pipeline.PIPELINE`, in order; raise DiagnosticError on errors.

    With a ``cache`` (kept across calls by ``reader serve``), a source that did not change
    is not parsed again, and a page that did not change is not rendered again for the
    conservation check (which still compares its words with the source's). A ``store``
    (:class:`reader.core.store.Store`) keeps the same on disk, from one command to the
    next. ``check=False`` leaves the conservation check to the caller, who must run it
    on the built site before anything is kept (``reader site``). With either, each
    text's passes and page are kept too, under keys made of ``digests`` (the input
    digests, :func:`reader.core.record.input_digests`; read now when not given).
    """
    if digests is None and (cache is not None or store is not None):
        digests = input_digests(root)
    run = Run(root, config or root / "mkdocs.yml", cache, store, check, digests)
    edition = Edition()
    with collector_paused():
        for stage in PIPELINE:
            stage(edition, run)
    return edition


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
    problems = []
    for name, digest in sorted(manifest.items()):
        path = docs / name
        if not path.is_file():
            continue
        raw = path.read_bytes()
        found = hashlib.sha256(raw).hexdigest()
        if found == digest:
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
    if not problems and manifest != expected_manifest(edition):
        problems.append(
            Diagnostic(
                "D002",
                "the manifest of generated files does not match the pages",
                f"docs/{MANIFEST}",
                hint="run `make docs` and commit docs/",
            )
        )
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
    """Write the changed pages; return the paths written (under docs/).

    Nothing is written into docs/ itself: the new tree is staged beside it (a hard-link
    clone of the old one with the changed pages replaced and the manifest rewritten) and
    switched in with one atomic exchange (:mod:`reader.core.swap`), so that a kill at any
    instant leaves docs/ wholly old or wholly new. A build that changes nothing writes
    nothing."""
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
    new_manifest = expected_manifest(edition)
    # a manifest that no longer matches the pages (a merge took one side's) is rewritten
    # too, or the next change to those pages would be taken for a hand edit (D001)
    if changed or removed or manifest != new_manifest or leftovers_of(docs):
        staged = {name: text.encode("utf-8") for name, text in changed.items()}
        staged[MANIFEST] = (json.dumps(new_manifest, indent=1) + "\n").encode("utf-8")
        replace_tree(docs, staged, removed)
    return sorted(changed) + [f"{name} (removed)" for name in removed]


def expected_manifest(edition: Edition) -> dict[str, str]:
    """The manifest the edition's pages give: path under docs/ -> sha256."""
    return {name: _digest(text) for name, text in sorted(edition.pages.items())}


def leftovers_of(docs: Path) -> bool:
    """Whether a killed run left temporary files or staging folders to clean up."""
    return bool(stale_temps(docs) or any(swap.leftovers(docs).values()))


def replace_tree(docs: Path, files: dict[str, bytes], removed: list[str]) -> None:
    """Stage docs/ with ``files`` written and ``removed`` deleted, then switch it in;
    a file-system failure (disk full, read-only) is diagnostic D005 and leaves docs/ and
    no staging folder behind."""
    try:
        check_writable(docs)
        staging = swap.start(docs, clone=True)
        try:
            for name, data in files.items():
                swap.write_file(staging / name, data)
            for name in removed:
                (staging / name).unlink(missing_ok=True)
            for leftover in stale_temps(staging):  # of runs before whole-tree swaps
                leftover.unlink(missing_ok=True)
            fault("before-replace")
        except BaseException:
            swap.abandon(staging)
            raise
        swap.commit(staging, docs)
    except OSError as exc:
        raise DiagnosticError([write_failure(exc, "docs/")]) from exc
