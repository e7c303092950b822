"""Section 1: the full pipeline against a plain ``mkdocs build``.

The full pipeline is what ``reader site`` does from scratch: :func:`reader.app.build.generate`,
writing docs/ and the nav, ``mkdocs build``, then the conservation check on the HTML MkDocs
built. The baseline is ``mkdocs build`` of the docs/ that run just wrote. "Conversion and
annotation" is parse + every pass + the corpus passes + emit; the conservation check and
the loading of inputs are counted apart.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from benchlib.clock import (
    MKDOCS_WARNINGS,
    ZERO,
    Sample,
    StageTimer,
    measure,
    median,
    median_stages,
    mkdocs_build,
)
from benchlib.corpus import clear_generated, make_project, source_bytes
from benchlib.report import TARGETS, Report, ratio
from reader.app.build import generate, write_docs
from reader.app.incremental import verify_site
from reader.core.store import Store
from reader.inputs.bibliography import load_bibliography
from reader.inputs.mkdocs_config import blocks_for, write_nav

CONVERSION = ("parse", "pass:", "corpus:", "emit")  # conversion and annotation
THROUGHPUT = ("parse", "pass:", "emit")  # what the brief calls parse+passes+emit


@dataclass
class Build:
    """One full pipeline run: stages of generate, writing, mkdocs build, and its baseline."""

    stages: StageTimer
    generate: Sample
    write: Sample
    mkdocs: Sample
    baseline: Sample | None
    timings: dict[str, float]  # Edition.timings summed by stage (wall seconds)

    @property
    def full(self) -> Sample:
        """generate + write + mkdocs build."""
        return self.generate + self.write + self.mkdocs


def full_build(root: Path, site: Path, baseline: bool = True, mkdocs: bool = True) -> Build:
    """Run the full pipeline once in ``root`` from scratch (its generated pages and build
    cache removed first), as ``reader site`` does: generate() with the conservation check
    left to the site, docs/ and the nav written, ``mkdocs build``, then the check on the
    HTML MkDocs built (stage ``conservation``; without ``mkdocs``, on Python-Markdown's)."""
    clear_generated(root / "docs")
    shutil.rmtree(root / ".cache" / "reader", ignore_errors=True)
    with StageTimer() as stages, measure() as gen:
        edition = generate(root, store=Store(root), check=not mkdocs)
    with measure() as write:
        write_docs(root / "docs", edition)
        write_nav(root / "mkdocs.yml", blocks_for(edition.documents, edition.pages))
    timings: dict[str, float] = {}
    for stage, _, seconds in edition.timings:
        timings[stage] = timings.get(stage, 0.0) + seconds
    built = mkdocs_build(root, site) if mkdocs else ZERO
    if mkdocs:
        with measure() as check:
            verify_site(root, site)  # as reader site does, before its swap
        stages.totals["conservation"] = check[0]
        timings["conservation"] = check[0].wall
        gen = [gen[0] + check[0]]
    base = mkdocs_build(root, site.with_name(site.name + "-baseline")) if baseline else None
    return Build(stages, gen[0], write[0], built, base, timings)


def _stage_lines(report: Report, stages: dict[str, Sample]) -> None:
    report.line("| stage | CPU s | wall s |")
    report.line("| --- | ---: | ---: |")
    for stage, sample in sorted(stages.items(), key=lambda item: -item[1].cpu):
        report.line(f"| {stage} | {sample.cpu:.3f} | {sample.wall:.3f} |")


def _sum(stages: dict[str, Sample], prefixes: tuple[str, ...]) -> Sample:
    out = ZERO
    for name, sample in stages.items():
        if name.startswith(prefixes):
            out = out + sample
    return out


def section_full(repo: Path, work: Path, reps: int, report: Report) -> dict:
    """Section 1; returns the ×1 project and its built site, for the later sections."""
    report.section("1. Full pipeline against a plain mkdocs build")
    project = make_project(repo, work / "x1", factor=1, csl_cache=False)
    size = source_bytes(project)
    cold = full_build(project, work / "site-x1", baseline=False, mkdocs=False)
    runs = [full_build(project, work / "site-x1") for _ in range(reps)]
    stages = median_stages([r.stages for r in runs])
    full = median([r.full for r in runs])
    base = median([r.baseline for r in runs if r.baseline])
    gen = median([r.generate for r in runs])
    built = median([r.mkdocs for r in runs])
    report.line(
        f"{len(runs)} repetition(s) with a warm CSL cache (medians), after one run of "
        f"generate() with a cold one; 5 texts, {size / 1e6:.3f} MB of sources."
    )
    report.line()
    report.line(f"- full pipeline (generate + write docs/ + mkdocs build): {full}")
    write = median([r.write for r in runs])
    report.line(f"  - generate(): {gen}; writing docs/ and the nav: {write}; mkdocs build: {built}")
    if MKDOCS_WARNINGS:
        report.line(
            f"  - mkdocs build warned {len(MKDOCS_WARNINGS)} time(s) (`--strict` would "
            f"stop), e.g. {MKDOCS_WARNINGS[0]!r}"
        )
    report.line(f"- plain mkdocs build of the same docs/ (baseline): {base}")
    report.line(f"- **overhead ratio** full / baseline: {ratio(full, base)}")
    report.line(
        f"- generate() with a cold CSL cache (.cache/csl absent): {cold.generate}; "
        f"warm: {gen} — cold/warm {ratio(cold.generate, gen)}"
    )
    convert = _sum(stages, CONVERSION)
    through = _sum(stages, THROUGHPUT)
    share = convert.cpu / full.cpu
    report.line(
        f"- conversion and annotation (parse, passes, corpus passes, emit): {convert} = "
        f"{share:.0%} of the full pipeline's CPU time"
    )
    report.line(
        f"- conversion throughput: {size / 1e6 / through.cpu:.3f} MB/s of CPU "
        f"({size / 1e6 / through.wall:.3f} MB/s wall) over parse + passes + emit "
        f"({through})"
    )
    timings = {
        k: median([Sample(r.timings.get(k, 0.0), 0.0) for r in runs]).wall for k in runs[0].timings
    }
    report.line(
        "- Edition.timings (wall s, medians, summed over texts): "
        + ", ".join(f"{k} {v:.3f}" for k, v in timings.items())
    )
    report.line()
    report.line("Stages of generate() (medians; pass:/corpus: are the pipeline's passes):")
    report.line()
    _stage_lines(report, stages)
    report.line()
    report.target(TARGETS[0], share <= 0.25, f"{share:.0%} of the full build's CPU time")
    _bibliography(project, work, reps, report)
    return {"project": project, "site": work / "site-x1"}


def _bibliography(project: Path, work: Path, reps: int, report: Report) -> None:
    """Formatting the bibliography with citeproc (cold cache) and from .cache/csl (warm)."""
    cold, warm = [], []
    for i in range(reps):
        bib = load_bibliography(project / "references.bib", "references.bib")
        bib.cache_dir = work / f"csl-{i}"
        with measure() as sample:
            bib.format_bibliography()
        cold.append(sample[0])
        bib = load_bibliography(project / "references.bib", "references.bib")
        bib.cache_dir = work / f"csl-{i}"
        with measure() as sample:
            bib.format_bibliography()
        warm.append(sample[0])
    report.line()
    report.line(
        f"Bibliography formatting alone ({len(bib)} entries, {reps} repetition(s)): "
        f"cold cache {median(cold)}, warm cache {median(warm)}; "
        "the timed builds above ran with a warm cache."
    )
