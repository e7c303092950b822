"""The real edition, generated once per test session for the cross-link tests
(``test_related.py``, ``test_annotations.py``, ``test_comparisons.py``)."""

from __future__ import annotations

import functools
from pathlib import Path

from reader.app.build import generate
from reader.passes.edition import Edition

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def edition() -> Edition:
    """Every page of the edition, built in memory from the project's sources."""
    return generate(ROOT)
