"""Section 8: what ``make site`` costs beside a plain ``mkdocs build``, side by side.

``make site`` runs ``reader site`` (docs/ when something changed, then ``mkdocs build``
into a staging folder, the conservation check on that HTML, the swap). Four commands run
in fresh processes, interleaved round after round so that they share the machine's load
alike, on a copy of the project:

- **plain**: ``mkdocs build`` of the same docs/ (the baseline);
- **warm**: ``reader site`` with nothing changed;
- **scratch**: ``reader site`` with no build cache (``.cache/reader/`` removed) and no
  generated pages in docs/ (the CSL cache of formatted references kept, as a clone that
  has built once has it; section 1 gives the cold-CSL cost), with what ``make setup``
  installs (the word table, the package's bytecode: the report says whether they were
  there, :func:`installed`);
- **edit**: ``reader site`` after one new paragraph in one text; its *pipeline work* is the
  ``reader`` process's own CPU time (interpreter start and imports included), without
  the CPU spent inside its MkDocs build (``reader.app.site._mkdocs``, which runs MkDocs
  in the same process; the time is taken around that call, so MkDocs' own imports count
  as pipeline work, which overstates it a little). Each command runs in
  :mod:`benchlib.timed`, which imports nothing the command does not.

Each figure is the median over the rounds; the ratios are medians of the per-round
ratios, each taken within one round.

    python scripts/benchlib/timed.py <project> <command...>   # one timed command
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from benchlib.clock import Sample, median, mkdocs_build, run_child
from benchlib.corpus import append_paragraph, clear_generated, make_project
from benchlib.report import TARGETS, Report
from reader.core.record import PACKAGE, installed_versions
from reader.text.frequency import table_path

#: The script that runs one timed ``reader`` command in a fresh process.
TIMED = Path(__file__).resolve().with_name("timed.py")

EDITED = ("kosachev-2012", "makarychev-2011", "bezrukov-2018")


@dataclass(frozen=True)
class Run:
    """One ``reader`` command in a fresh process: all of it, and its own part."""

    total: Sample  # the process and its children (mkdocs build)
    own_cpu: float  # the reader process without its MkDocs build: start, imports, pipeline, check


def reader_run(project: Path, *args: str) -> Run:
    """Run ``reader --root project <args>`` in a fresh process, timed."""
    command = [sys.executable, str(TIMED), str(project), *args]
    total, output = run_child(command, project)
    data = json.loads(output.strip().splitlines()[-1])
    return Run(total, data["own_cpu"])


def installed() -> str:
    """What ``make setup`` put in place for a build, as the report says it: the word
    table (:mod:`reader.text.frequency`) and how many of the package's modules have
    bytecode as new as their source."""
    version = installed_versions().get("wordfreq", "")
    table = "present" if version and table_path(version).is_file() else "absent"
    modules = sorted(PACKAGE.rglob("*.py"))
    compiled = sum(1 for m in modules if _compiled(m))
    return f"the word table {table}, bytecode for {compiled} of {len(modules)} modules"


def _compiled(module: Path) -> bool:
    cached = Path(importlib.util.cache_from_source(str(module)))
    return cached.is_file() and cached.stat().st_mtime >= module.stat().st_mtime


def _scratch(project: Path) -> None:
    shutil.rmtree(project / ".cache" / "reader", ignore_errors=True)
    clear_generated(project / "docs")


def section_buildcost(repo: Path, work: Path, rounds: int, report: Report) -> None:
    """Section 8, with three of the issue's targets."""
    report.section("8. make site against a plain mkdocs build, side by side")
    project = make_project(repo, work / "buildcost", factor=1, csl_cache=True)
    site = work / "site-buildcost-plain"
    reader_run(project, "site")  # fills the build cache and the CSL cache
    plain, warm, scratch, edit = [], [], [], []
    for i in range(rounds):
        plain.append(mkdocs_build(project, site))
        warm.append(reader_run(project, "site"))
        _scratch(project)
        scratch.append(reader_run(project, "site"))
        append_paragraph(project, EDITED[i % len(EDITED)])
        edit.append(reader_run(project, "site"))
    base = median(plain)
    report.line(
        f"{rounds} round(s), each: plain `mkdocs build`, then `reader site` warm, from "
        "scratch, and after an edit, every one in a fresh process (CPU of the process "
        "tree; medians). From scratch: no `.cache/reader/`, no generated pages in docs/, "
        f"the CSL cache kept; installed by `make setup`: {installed()}."
    )
    report.line()
    report.line(f"- plain `mkdocs build` of the same docs/: {base}")
    warm_ratio = _ratios(warm, plain)
    scratch_ratio = _ratios(scratch, plain)
    report.line(
        f"- warm `reader site` (nothing changed): {median([r.total for r in warm])} = "
        f"**{warm_ratio:.2f}×** plain; the reader process's own part "
        f"{statistics.median(r.own_cpu for r in warm):.2f} s CPU"
    )
    report.line(
        f"- `reader site` from scratch: {median([r.total for r in scratch])} = "
        f"**{scratch_ratio:.2f}×** plain; own part "
        f"{statistics.median(r.own_cpu for r in scratch):.2f} s CPU"
    )
    own_edit = statistics.median(r.own_cpu for r in edit)
    report.line(
        f"- `reader site` after one new paragraph in one text ({', '.join(EDITED[:rounds])}): "
        f"{median([r.total for r in edit])}; pipeline work (the reader process's own CPU, "
        f"start and imports included; its MkDocs build apart): **{own_edit:.2f} s**"
    )
    per_round = ", ".join(f"{w.total.cpu / p.cpu:.2f}" for w, p in zip(warm, plain, strict=True))
    report.line(f"- warm/plain per round (CPU): {per_round}")
    for name, runs in (("warm", warm), ("from scratch", scratch), ("after an edit", edit)):
        owns = ", ".join(f"{r.own_cpu:.2f}" for r in runs)
        report.line(f"- the reader process's own CPU per round, {name}: {owns}")
    report.target(TARGETS[6], warm_ratio <= 1.33, f"{warm_ratio:.2f}× CPU")
    report.target(TARGETS[7], scratch_ratio <= 1.6, f"{scratch_ratio:.2f}× CPU")
    report.target(TARGETS[8], own_edit <= 1.5, f"{own_edit:.2f} s CPU")
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)


def _ratios(runs: list[Run], plain: list[Sample]) -> float:
    """The median over rounds of each round's CPU ratio."""
    return statistics.median(r.total.cpu / p.cpu for r, p in zip(runs, plain, strict=True))
