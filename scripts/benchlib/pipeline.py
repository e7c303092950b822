"""Sections 1 and 2: the full pipeline against a plain ``mkdocs build``, and scaling.

The full pipeline is what ``reader site`` does: :func:`reader.build.generate`, writing
docs/ and the nav, then ``mkdocs build --strict``. The baseline is ``mkdocs build`` of the
docs/ that run just wrote. "Conversion and annotation" is parse + every pass + the corpus
passes + emit; the conservation check (which renders each page's Markdown to HTML once
more) and the loading of inputs are counted apart.
"""

from __future__ import annotations

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
    """Run the full pipeline once in ``root`` (its generated pages removed first)."""
    from reader.build import generate, write_docs
    from reader.navigation import write_nav

    clear_generated(root / "docs")
    with StageTimer() as stages, measure() as gen:
        edition = generate(root)
    with measure() as write:
        write_docs(root / "docs", edition)
        write_nav(root / "mkdocs.yml", edition.documents)
    timings: dict[str, float] = {}
    for stage, _, seconds in edition.timings:
        timings[stage] = timings.get(stage, 0.0) + seconds
    built = mkdocs_build(root, site) if mkdocs else ZERO
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
    """Section 1; returns the ×1 project, its site and median figures for section 2."""
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
    return {
        "project": project,
        "site": work / "site-x1",
        "full": full,
        "stages": stages,
        "mkdocs": built,
        "bytes": size,
    }


def _bibliography(project: Path, work: Path, reps: int, report: Report) -> None:
    """Formatting the bibliography with citeproc (cold cache) and from .cache/csl (warm)."""
    from reader.bibliography import load_bibliography

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


def convert_only(root: Path) -> tuple[Sample, Sample, int]:
    """The per-text part of generate() alone — parse, passes, emit — for every text.

    Returns (setup: sources, lexicon and shared inputs; conversion; number of texts)."""
    from reader.build import load_sources
    from reader.emit.markdown import render_document
    from reader.pages import load_shared_inputs
    from reader.parse.document import build_document
    from reader.pipeline import Context, run_passes
    from reader.repair.hyphenation import Lexicon

    with measure() as setup:
        sources = load_sources(root)
        lexicon = Lexicon.from_texts(s.text for s in sources.values())
        ctx = Context(root=root, lexicon=lexicon)
        load_shared_inputs(ctx, sources)
    with measure() as conversion:
        for source in sources.values():
            doc, _ = build_document(source, lexicon)
            render_document(run_passes(doc, ctx))
    return setup[0], conversion[0], len(sources)


def section_scaling(
    repo: Path,
    work: Path,
    base: dict,
    factors: tuple[int, ...],
    full_factors: tuple[int, ...],
    reps: int,
    report: Report,
) -> None:
    """Section 2: conversion alone at every factor; the full pipeline at ``full_factors``."""
    import shutil

    report.section("2. Scaling")
    report.line(
        f"Synthetic corpora: the five texts plus copies under new slugs "
        f"(×{', ×'.join(map(str, factors))}). Conversion alone is parse + passes + "
        "emit per text (no corpus passes, no conservation check); the full "
        "pipeline is section 1's."
    )
    report.line()
    conversions: dict[int, Sample] = {}
    for factor in factors:
        project = (
            base["project"]
            if factor == 1
            else make_project(repo, work / f"x{factor}", factor, csl_cache=True)
        )
        times = reps if factor == 1 else 1
        samples = [convert_only(project) for _ in range(times)]
        conversions[factor] = median([s[1] for s in samples])
        report.line(
            f"- ×{factor} ({samples[0][2]} texts, {times} run(s)): conversion "
            f"{conversions[factor]}; loading inputs {median([s[0] for s in samples])}"
        )
        if factor in full_factors and factor != 1:
            run = full_build(project, work / f"site-x{factor}", baseline=False)
            _full_scaling(report, factor, run, base)
            base[f"full-{factor}"] = run.full
        if factor != 1:
            shutil.rmtree(work / f"x{factor}", ignore_errors=True)
    report.line()
    previous = None
    for factor in factors:
        if previous is not None:
            report.line(
                f"- conversion ×{factor}/×{previous}: "
                f"{ratio(conversions[factor], conversions[previous])} "
                f"for {factor // previous}× the texts"
            )
        previous = factor
    _scaling_target(report, base, factors, conversions)


def _full_scaling(report: Report, factor: int, run: Build, base: dict) -> None:
    stages = dict(run.stages.totals)
    report.line(
        f"  - full pipeline ×{factor}: {run.full} = {ratio(run.full, base['full'])} "
        f"of ×1 (generate {run.generate}, mkdocs build {run.mkdocs} = "
        f"{ratio(run.mkdocs, base['mkdocs'])} of ×1)"
    )
    for name in sorted(stages, key=lambda s: -stages[s].cpu)[:6]:
        old = base["stages"].get(name, ZERO)
        report.line(f"    - {name}: {stages[name]}, {ratio(stages[name], old)} of ×1")


def _scaling_target(
    report: Report, base: dict, factors: tuple[int, ...], conversions: dict[int, Sample]
) -> None:
    t1 = base["full"].cpu
    t10 = base.get("full-10")
    if t10 is None:
        report.target(TARGETS[1], None, "the ×10 full build was not run (--quick)")
        return
    # A cost a·k + b·k² (linear stages plus the pairwise related-passages pass) through
    # the ×1 and ×10 points, extrapolated to ×100.
    quad = max((t10.cpu - 10 * t1) / 90, 0.0)
    lin = t1 - quad
    projected = (100 * lin + 10_000 * quad) / t1
    conv = ""
    if 100 in conversions:
        measured = conversions[100].cpu / conversions[1].cpu
        conv = f"; conversion alone ×100/×1 measured {measured:.0f}×"
    report.line(
        f"- full pipeline ×10/×1: {t10.cpu / t1:.1f}×; projected ×100/×1 from a·k + b·k² "
        f"through ×1 and ×10: {projected:.0f}× (the ×100 full build is too slow to run "
        "within the benchmark's budget)"
    )
    report.target(
        TARGETS[1],
        projected <= 100,
        f"projected {projected:.0f}×, ×10 measured {t10.cpu / t1:.1f}×{conv}",
    )
