"""A full build in a process of its own, as a user's command runs it.

Run as a script, it does what ``reader build`` and ``reader site`` do to a project —
generate(), write docs/ and the nav, ``mkdocs build`` — with the stage timer on, and
prints the parts as JSON. :func:`isolated_build` runs it and adds the CPU time of the
whole process tree: the interpreter's start, the imports and every cache a build fills
are paid each time, as they are when someone types the command. Comparing corpora of
different sizes this way is fair to the small one, whose in-process medians would
otherwise profit from what earlier runs left in memory.

    python scripts/benchlib/isolated.py <project> <site-dir>
"""

from __future__ import annotations

import json
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchlib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchlib.clock import ZERO, Sample, run_child
from benchlib.pipeline import full_build


@dataclass(frozen=True)
class IsolatedBuild:
    """One build in a fresh process: the whole of it and its parts (CPU and wall)."""

    total: Sample  # the process tree: start, imports, generate, write, mkdocs build
    parts: dict[str, Sample]  # generate's stages and the rest of it, "write", "mkdocs"
    peak_mb: float = 0.0  # the build process's peak resident memory
    mkdocs_peak_mb: float = 0.0  # its mkdocs build's

    @property
    def startup(self) -> Sample:
        """What the parts leave out: the interpreter's start and the imports."""
        inside = sum(self.parts.values(), ZERO)
        return Sample(self.total.wall - inside.wall, self.total.cpu - inside.cpu)


def isolated_build(root: Path, site: Path) -> IsolatedBuild:
    """Build ``root`` into ``site`` in a new process; its time and parts."""
    command = [sys.executable, str(Path(__file__).resolve()), str(root), str(site)]
    total, output = run_child(command, root, timeout=3600)
    data = json.loads(output.strip().splitlines()[-1])
    peaks = data.pop("peak_mb")
    return IsolatedBuild(total, {k: Sample(*v) for k, v in data.items()}, *peaks)


def main(argv: list[str]) -> int:
    """Build the project ``argv[0]`` into ``argv[1]``; print the parts as one JSON line."""
    build = full_build(Path(argv[0]), Path(argv[1]), baseline=False)
    stages = dict(build.stages.totals)
    timed = sum(stages.values(), ZERO)
    other = Sample(build.generate.wall - timed.wall, build.generate.cpu - timed.cpu)
    parts = {**stages, "generate: other": other, "write": build.write, "mkdocs": build.mkdocs}
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = children.ru_utime + children.ru_stime - build.mkdocs.cpu  # the pool's processes
    parts["pool workers"] = Sample(0.0, max(0.0, workers))
    out: dict = {k: [v.wall, v.cpu] for k, v in parts.items()}
    kib = 1024  # ru_maxrss is in KiB on Linux
    out["peak_mb"] = [
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib,
    ]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
