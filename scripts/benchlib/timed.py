"""One ``reader`` command in this process, as the program runs, with its own CPU time
printed last.

Section 8 (:mod:`benchlib.buildcost`) runs this file as a fresh process for every
command it times. It imports only the command line and the module that runs MkDocs, so
what the process imports is what ``reader`` itself imports: a harness that imported the
benchmark's helpers (which load the whole pipeline) would charge a warm ``reader site``
for imports it never makes. The CPU spent inside the in-process MkDocs build
(``reader.app.site._mkdocs``) is taken out of the figure it prints.

    python scripts/benchlib/timed.py <project> <command...>
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `reader` importable from scripts/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.app import site as site_module
from reader.app.cli import program


def main(argv: list[str]) -> int:
    """Run the reader command line on ``argv[0]`` with ``argv[1:]``; print its own CPU,
    the CPU of its in-process MkDocs build taken out."""
    spent = [0.0]
    build = site_module._mkdocs

    def timed_mkdocs(*args: object, **kwargs: object) -> object:
        start = time.process_time()
        try:
            return build(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    site_module._mkdocs = timed_mkdocs  # type: ignore[assignment]
    sys.argv = ["reader", "--root", argv[0], *argv[1:]]
    status = program()  # as the `reader` command runs it
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"own_cpu": usage.ru_utime + usage.ru_stime - spent[0]}))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
