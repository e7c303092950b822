"""Clocks for the benchmark: wall time and CPU time, medians, and a stage timer.

Other work shares the machine, so every figure is taken on two clocks: the wall clock and
the CPU time of this process (or of a child such as ``mkdocs build``). CPU time hardly
moves with the load of other processes; the ratios and verdicts use it.

:class:`StageTimer` wraps the collaborators :func:`reader.app.build.generate` calls (parse,
each pass, emit, the conservation check) for the duration of a ``with`` block, so one
call of the real ``generate`` yields a breakdown by stage without changing pipeline code.
"""

from __future__ import annotations

import importlib
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Sample:
    """One measurement: seconds on the wall clock and of CPU."""

    wall: float
    cpu: float

    def __add__(self, other: Sample) -> Sample:
        return Sample(self.wall + other.wall, self.cpu + other.cpu)

    def __str__(self) -> str:
        return f"{self.cpu:.2f} s CPU ({self.wall:.2f} s wall)"


ZERO = Sample(0.0, 0.0)


def median(samples: list[Sample]) -> Sample:
    """The median of each clock separately."""
    return Sample(
        statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples)
    )


@contextmanager
def measure() -> Iterator[list[Sample]]:
    """Time the block on both clocks; the list it yields holds the sample afterwards."""
    out: list[Sample] = []
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield out
    finally:
        out.append(Sample(time.perf_counter() - wall, time.process_time() - cpu))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_child(command: list[str], cwd: Path, timeout: float = 1800) -> tuple[Sample, str]:
    """Run a command to completion; its time and output, raising if it fails."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    wall, cpu = time.perf_counter(), _children_cpu()
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    sample = Sample(time.perf_counter() - wall, _children_cpu() - cpu)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return sample, result.stderr + result.stdout


#: Warnings of the last :func:`mkdocs_build`, which ``--strict`` would turn into a failure.
MKDOCS_WARNINGS: list[str] = []


def mkdocs_build(root: Path, site_dir: Path) -> Sample:
    """``mkdocs build`` of ``root`` into ``site_dir``, as ``reader site`` runs it but with
    ``--no-strict`` (mkdocs.yml sets strict): a warning, say from a page someone is still
    changing, goes to :data:`MKDOCS_WARNINGS` instead of stopping the benchmark."""
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site_dir)]
    sample, output = run_child(command, root)
    MKDOCS_WARNINGS[:] = [line for line in output.splitlines() if line.startswith("WARNING")]
    return sample


class StageTimer:
    """Times the stages of :func:`reader.app.build.generate` while the ``with`` block runs.

    Stages: ``load`` (sources, shared inputs), ``parse``, ``pass:<name>`` for each pass of
    ``PASSES`` and ``corpus:<name>`` for each of ``CORPUS_PASSES``, ``emit`` (text pages
    and extra pages) and ``conservation``. A name the pipeline no longer has is skipped."""

    PATCHES = (
        ("reader.app.stages", "load_sources", "load"),
        ("reader.app.stages", "load_shared_inputs", "load"),
        ("reader.app.parsing", "build_document", "parse"),
        ("reader.app.stages", "render_document", "emit"),
        ("reader.app.stages", "extra_pages", "emit"),
        ("reader.app.stages", "conserve", "conservation"),
        ("reader.app.pipeline", "citation_data", "pass:citable_page"),  # before the passes,
        # for the texts whose citable-page data the cache did not have
    )

    def __init__(self) -> None:
        self.totals: dict[str, Sample] = defaultdict(lambda: ZERO)
        self._undo: list[Callable[[], None]] = []

    def _wrap(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with measure() as sample:
                result = func(*args, **kwargs)
            self.totals[stage] = self.totals[stage] + sample[0]
            return result

        timed.__name__ = getattr(func, "__name__", stage)
        timed.__doc__ = func.__doc__
        return timed

    def _patch(self, module: Any, name: str, value: Any) -> None:
        old = getattr(module, name)
        setattr(module, name, value)
        self._undo.append(lambda: setattr(module, name, old))

    def __enter__(self) -> StageTimer:
        for module_name, name, stage in self.PATCHES:
            module = importlib.import_module(module_name)
            if hasattr(module, name):
                self._patch(module, name, self._wrap(stage, getattr(module, name)))
        pipeline = importlib.import_module("reader.app.pipeline")
        for tuple_name, prefix in (("PASSES", "pass"), ("CORPUS_PASSES", "corpus")):
            steps = getattr(pipeline, tuple_name, ())
            wrapped = tuple(self._wrap(f"{prefix}:{s.__name__}", s) for s in steps)
            self._patch(pipeline, tuple_name, wrapped)
        return self

    def __exit__(self, *exc: object) -> None:
        while self._undo:
            self._undo.pop()()

    def total(self, *prefixes: str) -> Sample:
        """The sum of the stages whose names start with one of ``prefixes``."""
        out = ZERO
        for stage, sample in self.totals.items():
            if stage.startswith(prefixes):
                out = out + sample
        return out


def median_stages(timers: list[StageTimer]) -> dict[str, Sample]:
    """Per stage, the median over several timed runs."""
    stages = dict.fromkeys(s for t in timers for s in t.totals)
    return {s: median([t.totals.get(s, ZERO) for t in timers]) for s in stages}
