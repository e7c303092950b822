"""The benchmark's report: sections of lines printed as they come, targets with verdicts,
the machine they were measured on, and ``BENCHMARKS.md``."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from benchlib.clock import Sample

#: Every section a report has, in order (the smoke test checks them all).
SECTIONS = (
    "1. Full pipeline against a plain mkdocs build",
    "2. Scaling",
    "3. Glossary pass with 1,000 entries",
    "4. Incremental rebuild (serve)",
    "5. Page weight",
    "5b. Page elements and bytes before the first search",
    "6. Lighthouse",
    "7. Search latency",
    "8. make site against a plain mkdocs build, side by side",
)
TARGETS = (
    "conversion and annotation take at most a quarter of a full build",
    "the ×100 corpus builds in at most 80× the time of the base corpus",
    "the glossary pass with 1,000 entries costs at most 2× the real glossary's",
    "an edit to one source re-converts only that source",
    "every search query shows its results within 100 ms (base corpus, Chromium)",
    "every search query shows its results within 300 ms (×100 index, Chromium)",
    "warm make site (nothing changed) costs at most 1.33× a plain mkdocs build",
    "make site from scratch costs at most 1.6× a plain mkdocs build",
    "an edit to one text rebuilds in at most 1.5 s of pipeline work",
    "every page within its element budget (Gussarova 1,500, other texts 1,000, glossary 1,500)",
    "Lighthouse mobile: performance ≥ 95 and accessibility 100 on the home page, every text "
    "page and the glossary (best of two runs)",
)


@dataclass
class Report:
    """What the benchmark found, printed line by line while it runs."""

    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    targets: dict[str, tuple[str, str]] = field(default_factory=dict)  # target -> verdict
    echo: bool = True

    def section(self, title: str) -> None:
        """Start a section."""
        self.sections.append((title, []))
        if self.echo:
            print(f"\n## {title}\n", flush=True)

    def line(self, text: str = "") -> None:
        """Add a line (Markdown) to the current section."""
        self.sections[-1][1].append(text)
        if self.echo:
            print(text, flush=True)

    def target(self, name: str, passed: bool | None, detail: str) -> None:
        """Record a target's verdict: PASS, FAIL, or SKIP when ``passed`` is None."""
        verdict = "SKIP" if passed is None else "PASS" if passed else "FAIL"
        self.targets[name] = (verdict, detail)
        self.line(f"- **{verdict}**: {name} ({detail})")

    def target_lines(self) -> list[str]:
        """One line per target, in :data:`TARGETS` order (SKIP when never measured)."""
        lines = []
        for name in TARGETS:
            verdict, detail = self.targets.get(name, ("SKIP", "not measured in this run"))
            lines.append(f"- **{verdict}**: {name} ({detail})")
        return lines


def ratio(a: Sample, b: Sample) -> str:
    """``a / b`` on both clocks, e.g. ``2.41× CPU (2.60× wall)``."""
    cpu = a.cpu / b.cpu if b.cpu else float("inf")
    wall = a.wall / b.wall if b.wall else float("inf")
    return f"{cpu:.2f}× CPU ({wall:.2f}× wall)"


def machine() -> list[str]:
    """The machine and moment of the run, as Markdown list items."""
    model = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- CPU: {model}; {os.cpu_count()} cores ({usable} usable by this process)",
        f"- memory: {memory}",
        f"- Python {platform.python_version()} ({sys.executable}); {platform.platform()}",
        f"- date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- commit: {_commit()}",
    ]


def load() -> str:
    """The load averages (1, 5, 15 minutes) as text."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _commit() -> str:
    root = Path(__file__).resolve().parents[2]
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "scripts", "hooks"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with uncommitted changes under scripts/)" if dirty else "")


def markdown(report: Report, header: list[str], footer: list[str]) -> str:
    """The whole report as the text of BENCHMARKS.md."""
    out = ["# Benchmarks", "", *header, "", "## Targets", "", *report.target_lines()]
    for title, lines in report.sections:
        out += ["", f"## {title}", "", *lines]
    out += ["", *footer]
    return "\n".join(out).rstrip() + "\n"
