"""Section 2: scaling to synthetic corpora of ×10 and ×100 texts.

Every corpus is built whole — generate(), writing docs/, ``mkdocs build`` — in a process
of its own (:mod:`benchlib.isolated`), as a user's command builds it, and the time of
that process tree is compared across sizes: measured at ×100, not projected. Conversion
alone (parse, passes, emit per text, in this process) is measured at every size too, for
the throughput of the converter itself.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from benchlib.clock import ZERO, Sample, measure, median
from benchlib.corpus import make_project
from benchlib.isolated import IsolatedBuild, isolated_build
from benchlib.report import TARGETS, Report, ratio
from reader.app.load import load_shared_inputs, load_sources
from reader.app.pipeline import run_passes
from reader.core.collector import collector_paused
from reader.emit.markdown import render_document
from reader.parse.document import build_document
from reader.repair.hyphenation import Lexicon


def convert_only(root: Path) -> tuple[Sample, Sample, int]:
    """The per-text part of generate() alone — parse, passes, emit — for every text.

    Returns (setup: sources, lexicon and shared inputs; conversion; number of texts)."""
    with collector_paused(), measure() as setup:
        sources = load_sources(root)
        lexicon = Lexicon.from_texts(s.text for s in sources.values())
        ctx = load_shared_inputs(root, lexicon, sources)
    with collector_paused(), measure() as conversion:
        for source in sources.values():
            doc, _ = build_document(source, lexicon)
            render_document(run_passes(doc, ctx)[0])
    return setup[0], conversion[0], len(sources)


def section_scaling(
    repo: Path, work: Path, base: dict, factors: tuple[int, ...], reps: int, report: Report
) -> None:
    """Section 2: a whole build and conversion alone at every factor."""
    report.section("2. Scaling")
    report.line(
        f"Synthetic corpora: the five texts plus copies under new slugs "
        f"(×{', ×'.join(map(str, factors))}), each copy with its own citations, "
        "annotations and anchor lock. A whole build is generate() + writing docs/ + "
        "`mkdocs build`, run in a fresh process as `reader build` and `reader site` run "
        "(interpreter start and imports included, CSL cache warm: for ×10 and ×100 filled "
        "for their grown bibliographies beforehand, untimed); ×1 is the median of "
        f"{reps} such builds, the larger corpora are built once."
    )
    report.line()
    builds: dict[int, IsolatedBuild] = {}
    conversions: dict[int, Sample] = {}
    for factor in factors:
        project = (
            base["project"]
            if factor == 1
            else make_project(repo, work / f"x{factor}", factor, csl_cache=True)
        )
        times = reps if factor == 1 else 1
        runs = [isolated_build(project, work / f"site-iso-x{factor}") for _ in range(times)]
        builds[factor] = sorted(runs, key=lambda r: r.total.cpu)[len(runs) // 2]  # median
        samples = [convert_only(project) for _ in range(times)]
        conversions[factor] = median([s[1] for s in samples])
        _build_line(report, factor, samples[0][2], builds[factor], builds.get(factors[0]))
        if factor != 1:
            shutil.rmtree(work / f"x{factor}", ignore_errors=True)
        shutil.rmtree(work / f"site-iso-x{factor}", ignore_errors=True)
    report.line()
    _growth_table(report, factors, builds)
    report.line()
    for previous, factor in itertools.pairwise(factors):
        step = factor // previous
        report.line(
            f"- ×{factor}/×{previous} ({step}× the texts): whole build "
            f"{ratio(builds[factor].total, builds[previous].total)}; conversion alone "
            f"{ratio(conversions[factor], conversions[previous])}"
        )
    _scaling_target(report, factors, builds)


def _build_line(
    report: Report, factor: int, texts: int, build: IsolatedBuild, first: IsolatedBuild | None
) -> None:
    parts = build.parts
    generate = sum((v for k, v in parts.items() if k not in ("write", "mkdocs")), start=ZERO)
    versus = f" = {ratio(build.total, first.total)} of ×1" if first and factor != 1 else ""
    report.line(
        f"- ×{factor} ({texts} texts): whole build {build.total}{versus}; generate "
        f"{generate}, mkdocs build {parts['mkdocs']}, start and imports {build.startup}"
    )


def _growth_table(
    report: Report, factors: tuple[int, ...], builds: dict[int, IsolatedBuild]
) -> None:
    """CPU seconds of every part at every size, and how much the largest grew."""
    names = list(dict.fromkeys(n for f in factors for n in builds[f].parts))
    rows = {n: [builds[f].parts.get(n, ZERO).cpu for f in factors] for n in names}
    rows["start and imports"] = [builds[f].startup.cpu for f in factors]
    rows["whole build"] = [builds[f].total.cpu for f in factors]
    last = factors[-1]
    report.line(
        "| part (CPU s) | " + " | ".join(f"×{f}" for f in factors) + f" | ×{last}/×{factors[0]} |"
    )
    report.line("| --- |" + " ---: |" * (len(factors) + 1))
    for name, values in sorted(rows.items(), key=lambda item: -item[1][-1]):
        grown = f"{values[-1] / values[0]:.1f}×" if values[0] > 0.005 else "–"
        cells = " | ".join(f"{v:.2f}" for v in values)
        report.line(f"| {name} | {cells} | {grown} |")


def _scaling_target(
    report: Report, factors: tuple[int, ...], builds: dict[int, IsolatedBuild]
) -> None:
    if 100 not in builds or 1 not in builds:
        report.target(TARGETS[1], None, f"the ×100 corpus was not built (sizes ×{factors})")
        return
    grown = builds[100].total.cpu / builds[1].total.cpu
    per_tenfold = (
        f"; ×100/×10 {builds[100].total.cpu / builds[10].total.cpu:.1f}×" if 10 in builds else ""
    )
    report.line(
        f"- peak memory of the ×100 build: {builds[100].peak_mb:.0f} MB (the reader process), "
        f"{builds[100].mkdocs_peak_mb:.0f} MB (its mkdocs build)"
    )
    report.target(
        TARGETS[1],
        grown <= 80,
        f"measured {grown:.0f}× CPU: ×100 {builds[100].total.cpu:.0f} s, "
        f"×1 {builds[1].total.cpu:.2f} s{per_tenfold}",
    )
