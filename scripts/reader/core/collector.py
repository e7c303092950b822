"""The cyclic garbage collector, kept off the heaps it could only find alive.

A build keeps every Document, page and parse alive to its end and makes almost no
reference cycles, so a full collection walks a large heap and frees next to nothing.
These two helpers keep such heaps out of its way: :func:`collector_paused` while a build
allocates, :func:`heap_frozen` while other work (MkDocs' build) runs beside a heap that
stays alive. Reference counting still frees everything else.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the block runs.

    A build keeps every Document, page and parse alive to its end, and makes almost no
    reference cycles (a ×10 corpus leaves some 8,000 cyclic objects of many millions), so
    each collection walks a large heap and frees next to nothing: on the ×10 and ×100
    corpora of ``make bench`` the collector took 10–20% of generate()'s time. Reference
    counting still frees everything else."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Keep every object alive now out of the cyclic collector while the block runs
    (``gc.freeze``), and give them back after it (``gc.unfreeze``).

    For MkDocs' build, which runs after ours in the same process (``reader site``): the
    build's documents and pages stay alive to the end of the command, so each full
    collection that MkDocs' own work sets off would walk them all again to free nothing
    (some 0.1 s a collection at ×1). What it gives back is every frozen object, those
    the program froze after its imports too (:func:`reader.app.cli.program`, which
    freezes everything again before it exits)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
