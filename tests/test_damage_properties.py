"""Property tests on generated ground truth: repair(damage(text, style, seed)) gives the
clean paragraphs back (all but a paragraph end that the layout cannot show), with no
page furniture left, no word lost or added, and every line-end hyphen decided right.

The damage simulator (tests/damage/) is deterministic, so a failing (style, seed) pair
replays exactly. ``make evaluate`` runs the same check over the five texts and many
more seeds and reports the rates (scripts/evaluate_repairs.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from damage.layout import break_points, wrap
from damage.score import score
from damage.simulator import damage
from damage.styles import STYLES
from damage.synthetic import synthetic_clean
from reader.app.load import load_sources

ROOT = Path(__file__).parents[1]
SOURCES = load_sources(ROOT, ["kosachev-2012"])
TEMPLATE = SOURCES["kosachev-2012"]
CORPUS = [s.text for s in SOURCES.values()]
SEEDS = range(3)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("style", sorted(STYLES))
def test_repair_undoes_the_damage(style: str, seed: int) -> None:
    result = score(synthetic_clean(seed), style, seed, TEMPLATE, CORPUS)
    # One boundary may be missed: a paragraph that ends a page on a full line, at a
    # sentence end, reads exactly like a page break inside a paragraph.
    assert result.exact >= result.paragraphs - 2, result.failures
    assert (result.leaked, result.real_removed, result.lost, result.added) == (0, 0, 0, 0)
    assert result.hyphens_right == result.hyphens
    assert result.notes_exact == result.notes
    assert result.profile == {"pdf": 1}


@pytest.mark.parametrize("style", sorted(STYLES))
def test_the_simulator_is_deterministic_and_damages(style: str) -> None:
    clean = synthetic_clean(1)
    first, again = damage(clean, style, 7), damage(clean, style, 7)
    assert first.text == again.text
    assert first.text != damage(clean, style, 8).text
    assert first.furniture, "every style adds page furniture"
    assert len(first.text.split("\n")) > len(clean.blocks) * 2, "lines are wrapped"


def test_syllable_breaks_come_from_the_dictionary() -> None:
    assert break_points("post-Soviet")[0] == (5, False)  # the real hyphen is kept
    lines, breaks = wrap("an extraordinarily complicated matter", 20, None)  # type: ignore[arg-type]
    assert lines == ["an extraordinarily", "complicated matter"] or all(
        len(line) <= 20 for line in lines
    )
    assert all(b.join for b in breaks if "-" not in b.left)
