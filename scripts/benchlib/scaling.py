"""Section 2: scaling to synthetic corpora of ×10 and ×100 texts.

Conversion alone (parse, passes, emit per text) is measured at every size; the full
pipeline of section 1 at ×10 as well. A ×100 full build takes far longer than the
benchmark's budget (the related-passages pass compares every pair of paragraphs), so its
time is projected part by part from the ×1 and ×10 builds.
"""

from __future__ import annotations

from pathlib import Path

from benchlib.clock import ZERO, Sample, measure, median
from benchlib.corpus import make_project
from benchlib.pipeline import Build, full_build, part_times
from benchlib.report import TARGETS, Report, ratio


def convert_only(root: Path, corpus: bool = False) -> tuple[Sample, Sample, int, Sample | None]:
    """The per-text part of generate() alone — parse, passes, emit — for every text, and
    with ``corpus`` also the corpus passes (annotations, related passages) over them all.

    Returns (setup: sources, lexicon and shared inputs; conversion; number of texts;
    corpus passes or None)."""
    from reader.build import load_sources
    from reader.emit.markdown import render_document
    from reader.pages import load_shared_inputs
    from reader.parse.document import build_document
    from reader.pipeline import Context, run_corpus_passes, run_passes
    from reader.repair.hyphenation import Lexicon

    with measure() as setup:
        sources = load_sources(root)
        lexicon = Lexicon.from_texts(s.text for s in sources.values())
        ctx = Context(root=root, lexicon=lexicon)
        load_shared_inputs(ctx, sources)
    docs = []
    with measure() as conversion:
        for source in sources.values():
            doc, _ = build_document(source, lexicon)
            doc = run_passes(doc, ctx)
            render_document(doc)
            docs.append(doc)
    passes = None
    if corpus:
        with measure() as corpus_sample:
            run_corpus_passes(docs, ctx)
        passes = corpus_sample[0]
    return setup[0], conversion[0], len(sources), passes


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
        measured_corpus = factor == 100
        samples = [convert_only(project, corpus=measured_corpus) for _ in range(times)]
        conversions[factor] = median([s[1] for s in samples])
        report.line(
            f"- ×{factor} ({samples[0][2]} texts, {times} run(s)): conversion "
            f"{conversions[factor]}; loading inputs {median([s[0] for s in samples])}"
        )
        if measured_corpus and samples[0][3] is not None:
            base["corpus-100"] = samples[0][3]
            report.line(f"  - corpus passes (annotations, related passages) ×100: {samples[0][3]}")
        if factor in full_factors and factor != 1:
            run = full_build(project, work / f"site-x{factor}", baseline=False)
            _full_scaling(report, factor, run, base)
            base[f"full-{factor}"] = run.full
            base[f"parts-{factor}"] = part_times(dict(run.stages.totals), run.write, run.mkdocs)
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


def project(t1: float, t10: float, k: int = 100) -> float:
    """A part's time at ×k from its times at ×1 and ×10: through both points, as
    ``c + a·k`` (a fixed cost plus a linear one) when it grew at most tenfold, else as
    ``a·k + b·k²`` (a linear cost plus a pairwise one)."""
    if t10 <= 10 * t1:
        a = (t10 - t1) / 9
        return (t1 - a) + a * k
    b = (t10 - 10 * t1) / 90
    return (t1 - b) * k + b * k * k


def _scaling_target(
    report: Report, base: dict, factors: tuple[int, ...], conversions: dict[int, Sample]
) -> None:
    t1 = base["full"].cpu
    t10 = base.get("full-10")
    if t10 is None:
        report.target(TARGETS[1], None, "the ×10 full build was not run (--quick)")
        return
    one, ten = base["parts-1"], base["parts-10"]
    parts = {name: project(one.get(name, 0.0), ten[name]) for name in ten}
    how = "projected part by part from ×1 and ×10"
    if "corpus-100" in base:  # the corpus passes were measured at ×100: use that
        for name in [n for n in parts if n.startswith("corpus:")]:
            del parts[name]
        parts["corpus passes (measured at ×100)"] = base["corpus-100"].cpu
        how += ", the corpus passes measured at ×100"
    total = sum(parts.values())
    top = sorted(parts, key=lambda n: -parts[n])[:3]
    conv = ""
    if 100 in conversions:
        measured = conversions[100].cpu / conversions[1].cpu
        conv = f"; conversion alone ×100/×1 measured {measured:.0f}×"
    report.line(
        f"- full pipeline ×10/×1: {t10.cpu / t1:.1f}× CPU. The ×100 full build is too slow "
        f"to run in the benchmark's budget; {how} "
        f"(c + a·k where a part grew at most tenfold, a·k + b·k² where it grew more): "
        f"{total:.0f} s CPU = {total / t1:.0f}× ×1, mostly "
        + ", ".join(f"{n} {parts[n]:.0f} s" for n in top)
    )
    report.target(
        TARGETS[1],
        total <= 100 * t1,
        f"estimated {total / t1:.0f}×, ×10 measured {t10.cpu / t1:.1f}×{conv}",
    )
