"""Both cores for the per-text work that is pure: parsing texts, comparing pages.

:func:`pool_map` runs ``func(job, shared)`` for every job, in a pool of forked processes
when there are at least :data:`PARALLEL_FROM` jobs and more than one usable core, else
here. ``shared`` (the lexicon, say) reaches the workers by ``fork``, not by pickling;
each job and result is pickled. Measured on the five texts (``make bench``), a pool
costs more than it saves below a dozen texts; it is kept for large corpora.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

#: Fewer jobs than this run in this process (``READER_PARALLEL_FROM`` overrides it).
PARALLEL_FROM = int(os.environ.get("READER_PARALLEL_FROM", "12"))

_SHARED: list[Any] = []  # in a worker: what the parent passed as ``shared``


def _init(shared: Any) -> None:
    _SHARED[:] = [shared]


def _call(func: Callable[[Any, Any], Any], job: Any) -> Any:
    return func(job, _SHARED[0])


def workers_for(jobs: int) -> int:
    """How many processes ``jobs`` jobs get (1: run them here)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return 1 if jobs < PARALLEL_FROM else max(1, min(usable, jobs))


def pool_map(func: Callable[[Job, Any], Result], jobs: list[Job], shared: Any) -> list[Result]:
    """``[func(job, shared) for job in jobs]``, in parallel when it pays; in job order."""
    workers = workers_for(len(jobs))
    if workers < 2:
        return [func(job, shared) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor  # imported only when a pool runs
    from multiprocessing import get_context

    chunk = max(1, len(jobs) // (4 * workers))
    with ProcessPoolExecutor(workers, get_context("fork"), _init, (shared,)) as pool:
        return list(pool.map(partial(_call, func), jobs, chunksize=chunk))
