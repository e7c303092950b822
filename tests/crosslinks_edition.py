"""The real edition, generated once per test session for the cross-link tests
(``test_related.py``, ``test_annotations.py``, ``test_comparisons.py``), and the same
edition under bands that show computed links by default (:func:`shown_edition`), for the
tests of what a reader sees when the strong band is not withheld."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.app.build import generate
from reader.passes import related
from reader.passes.edition import Edition

ROOT = Path(__file__).resolve().parents[1]
#: The strong band as the edition configured it until no setting reached the target
#: precision on the development half (mutual best partners from 0.13): 27 strong links.
SHOWN = related.Bands(strong=0.13, possible=0.13, mutual=1, concept=False)


@functools.cache
def edition() -> Edition:
    """Every page of the edition, built in memory from the project's sources."""
    return generate(ROOT)


@contextlib.contextmanager
def shown_bands(bands: related.Bands = SHOWN) -> Iterator[related.Bands]:
    """Build under ``bands`` instead of the configured ``related.BANDS`` (read at each
    build by the related pass, the related page and the comparison index)."""
    assert bands.shows_strong
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(related, "BANDS", bands)
            yield bands
    finally:  # undone, the patch would leave the settings file's bands fixed in the module
        vars(related).pop("BANDS", None)


@functools.cache
def shown_edition(root: Path = ROOT) -> Edition:
    """The edition of ``root`` built in memory under :data:`SHOWN`."""
    with shown_bands():
        return generate(root)
