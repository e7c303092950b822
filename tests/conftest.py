"""Project-wide pytest configuration: command-line options every test module may use, and
the order in which pytest-xdist's workers take the test files.

``make test`` runs pytest in two worker processes (pytest-xdist, ``--dist loadfile``): each
file runs whole, in its own order, on one worker, and a worker that finishes a file takes
the next one in collection order. :data:`LONGEST_FIRST` puts the files that take longest
at the front of that queue, so that neither worker is left with a long file at the end
while the other waits. The order changes when a test runs, never whether it runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: The test files that take longest (``pytest --durations=0``, summed per file, longest
#: first); every other file follows in collection order. A stale entry only costs time.
LONGEST_FIRST = (
    "test_bench_smoke.py",
    "test_fresh_clone.py",
    "test_durable_swap.py",
    "browser/test_site_quality.py",
    "browser/test_tooltips.py",
    "test_no_traceback.py",
    "test_related.py",
    "test_atomic.py",
    "browser/test_search.py",
    "browser/test_print.py",
    "browser/test_reading.py",
    "test_add_text.py",
    "browser/test_related_more.py",
    "test_repair_properties.py",
    "test_build_cache_disk.py",
)
TESTS = Path(__file__).resolve().parent


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register ``--update-goldens``: rewrite expected files instead of comparing to them."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files (tests/fixtures/**) from the current output; review the diff",
    )


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with ``--update-goldens``."""
    return bool(request.config.getoption("--update-goldens"))


def _rank(item: pytest.Item) -> int:
    """The place of the item's file in :data:`LONGEST_FIRST`, or after all of them."""
    path = Path(item.path).resolve()
    name = path.relative_to(TESTS).as_posix() if TESTS in path.parents else ""
    return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an xdist worker, move the longest files to the front (a stable sort: each file's
    tests keep their order, and so do the other files). Every worker sorts alike."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=_rank)
