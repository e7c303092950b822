"""Section 4: an incremental rebuild as ``reader serve`` does it.

:func:`reader.app.serve.rebuild` calls ``generate(root, cache=cache)`` with one cache kept
across rebuilds, then ``write_docs``. Here: a first build fills the cache, one sentence is
appended to one text's original file, and a second build runs with the same cache.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from benchlib.clock import StageTimer, measure
from benchlib.corpus import append_paragraph, make_project
from benchlib.report import TARGETS, Report
from reader.app.build import generate, write_docs
from reader.app.stages import BuildCache

EDITED = "kosachev-2012"


def _rebuild(root: Path, cache: BuildCache):
    with StageTimer() as stages, measure() as sample:
        edition = generate(root, cache=cache)
        written = write_docs(root / "docs", edition)
    return edition, written, stages, sample[0]


def section_incremental(repo: Path, work: Path, report: Report, unchanged: bool = True) -> None:
    """Build, edit one source, rebuild with the same cache; say what ran again."""
    report.section("4. Incremental rebuild (serve)")
    root = make_project(repo, work / "incremental", factor=1, csl_cache=True)
    cache = BuildCache()
    first, _, _, first_time = _rebuild(root, cache)
    slug = EDITED if EDITED in first.sources else sorted(first.sources)[0]
    if unchanged:
        same, _, _, same_time = _rebuild(root, cache)
    append_paragraph(root, slug)
    edition, written, stages, took = _rebuild(root, cache)
    report.line(
        f"Build with an empty cache: {first_time}; re-converted {len(first.reconverted)} texts."
    )
    if unchanged:
        report.line(
            f"Rebuild with nothing changed: {same_time}; re-converted: "
            f"{', '.join(same.reconverted) or 'none'}; pages rendered for the word check: "
            f"{', '.join(same.rendered) or 'none'}."
        )
    report.line(
        f"After appending one sentence (a new last paragraph) to sources/{slug}: "
        f"rebuild {took}; **re-converted: {', '.join(edition.reconverted) or 'none'}**; "
        f"passes run again: {', '.join(edition.passed) or 'none'}; text pages emitted "
        f"again: {', '.join(edition.emitted) or 'none'} (a page whose document the corpus "
        "passes changed — its related passages, say — is emitted again too); pages "
        f"rendered for the word check: {', '.join(edition.rendered) or 'none'}; "
        f"wrote {len(written)} file(s): {', '.join(written[:8])}"
        + (" …" if len(written) > 8 else "")
    )
    report.line()
    per_stage: dict[str, dict[str, float]] = defaultdict(dict)
    for stage, text, seconds in edition.timings:
        per_stage[stage][text] = per_stage[stage].get(text, 0.0) + seconds
    texts = sorted(edition.sources)
    report.line("Edition.timings of the rebuild (wall s per text):")
    report.line()
    report.line("| stage | " + " | ".join(texts) + " |")
    report.line("| --- |" + " ---: |" * len(texts))
    for stage, by_text in per_stage.items():
        cells = " | ".join(f"{by_text[t]:.3f}" if t in by_text else "–" for t in texts)
        report.line(f"| {stage} | {cells} |")
    report.line()
    totals = stages.totals
    whole = ("load", "corpus:")
    per_text = [f"{n} {totals[n].cpu:.3f}" for n in sorted(totals) if not n.startswith(whole)]
    corpus = [f"{n} {totals[n].cpu:.3f}" for n in sorted(totals) if n.startswith(whole)]
    report.line(
        f"Stages of the rebuild (CPU s), for the texts the edit reached only: "
        f"{', '.join(per_text)}; for the whole corpus: {', '.join(corpus)}."
    )
    report.line(
        "Each text's passes and page are kept under keys of its own files and the shared "
        "inputs (reader.app.memo); the corpus passes run again (a new paragraph can change "
        "any text's related passages), the extra pages are emitted again, and the "
        "conservation check compares only pages whose Markdown or text changed."
    )
    report.target(TARGETS[3], edition.reconverted == [slug], f"re-converted {edition.reconverted}")
