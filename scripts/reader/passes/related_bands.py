"""The confidence bands of the related passages, and the settings ``make tune`` stores.

:class:`Bands` says where each band starts and how many links of each a unit keeps;
:func:`configured` reads the weights and bands the evaluation chose on the development
half from :data:`SETTINGS` (``related_settings.yml`` beside this module, written by
``scripts/evaluate_related.py --write``). :mod:`reader.passes.related` offers them as
``WEIGHTS`` and ``BANDS``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reader.inputs.related_settings import WITHHELD as SETTINGS_WITHHELD
from reader.inputs.related_settings import load_related_settings
from reader.passes.related_score import Weights

#: The strong band's threshold when it is withheld: no score reaches it, so no computed
#: link is shown by default (every one is ``possible``).
WITHHELD = math.inf


@dataclass(frozen=True)
class Bands:
    """Where each confidence band starts, and how many links of each a unit keeps.
    ``strong`` is :data:`WITHHELD` when no computed link is to be shown by default."""

    strong: float
    possible: float
    mutual: int = 0  # strong only if each is among the other's ``mutual`` best in its text
    concept: bool = False  # strong only if the two share a glossary concept (not a name)
    top_k: int = 3
    more_k: int = 3
    per_text: int = 1

    @property
    def shows_strong(self) -> bool:
        """True unless the strong band is :data:`WITHHELD`."""
        return math.isfinite(self.strong)


#: The settings ``make tune`` chose on the development half and wrote as data (a test
#: keeps them equal to what the evaluation chooses; ``make evaluate`` prints their figures).
SETTINGS = Path(__file__).with_name("related_settings.yml")
_ROOT = Path(__file__).resolve().parents[3]


def configured() -> tuple[Weights, Bands]:
    """The weights and bands of the settings file (:data:`SETTINGS`, read at the call);
    DiagnosticError (E006, at the field's line) if it does not hold them."""
    return _read_settings(SETTINGS)


@cache
def _read_settings(path: Path) -> tuple[Weights, Bands]:
    shown = path.resolve()
    display = str(shown.relative_to(_ROOT) if shown.is_relative_to(_ROOT) else path)
    read = load_related_settings(path, display)
    bands = read.bands.model_dump()
    if bands["strong"] == SETTINGS_WITHHELD:
        bands["strong"] = WITHHELD
    return Weights(**read.weights.model_dump()), Bands(**bands)


def forget_settings() -> None:
    """Read the settings file again at the next use (after ``make tune`` wrote it)."""
    _read_settings.cache_clear()
