"""Score the related-passages method against pairs judged by reading the texts.

    .venv/bin/python scripts/evaluate_related.py        (or: make evaluate)
    .venv/bin/python scripts/evaluate_related.py --curve   (and the precision–recall curve)
    .venv/bin/python scripts/evaluate_related.py --no-tune (the configured values only)
    .venv/bin/python scripts/evaluate_related.py --write   (or: make tune; writes them)

``scripts/evaluation/related-gold.yml`` lists judged passage pairs, each side named by a
text and an exact quotation (so the list survives renumbering), judged ``related`` or
``unrelated`` (look-alikes, and wrong links the edition once showed). The list is split
once and for all into a **development** and a **test** half by a hash of the two
quotations (:func:`half_of`), which no setting of the method can change.

The weights and the two band thresholds of :mod:`reader.passes.related` are chosen on the
development half only (:func:`tune`): the strong band starts at the threshold that finds
the most related development pairs (at equal recall, the most precise) while at least
:data:`TARGET_PRECISION` of the judged links it shows are right; the possible band at the
lowest threshold where at least :data:`POSSIBLE_PRECISION` of its judged links are. Where
no setting of the strong band reaches the target on the development half, the strong band
is withheld (:data:`reader.passes.related.WITHHELD`): no computed link is shown by
default, every one waits behind the "more, less certain" control, and the printout says
so, with the best setting's development precision (:func:`verdict`). The test half is
then reported:

- precision of the links shown by default (strong band): of those that are judged, the
  share judged related (and how many of them are judged at all);
- recall: the share of related pairs shown by a strong link, alone and together with the
  editors' declared links (see also, disagrees), which are shown first;
- the pairs of texts joined by a strong link.

``scripts/evaluation/related-gold-blind.yml`` (:data:`BLIND`) is a second reading, held out
whole: its pairs were found by a reader who saw neither the method's links, nor the
editors', nor the list above; the links shown by default that it leaves unjudged were then
judged the same way. Nothing is tuned on it; it is reported as the ``blind`` row.

A gold side inside a joined unit (an interview question and its answer) stands for the
unit (the gold list, its halves and the scores: ``scripts/related_gold.py``).
``--write`` stores the chosen values as data in ``reader/passes/related_settings.yml``
(:data:`reader.passes.related_bands.SETTINGS`), which the build reads as ``WEIGHTS`` and
``BANDS``; a test keeps them equal to what this script chooses, so a batch of editors'
links that moves the choice asks for ``make tune`` (and a build), not an edit of code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from itertools import product
from pathlib import Path
from typing import TypeVar

from reader.app.build import generate
from reader.core.atomic import write_atomic
from reader.core.diagnostics import DiagnosticError
from reader.core.model import Document
from reader.inputs.related_settings import settings_text
from reader.passes import related, related_bands
from reader.passes.edition import Edition
from reader.passes.related_score import Weights
from related_gold import (  # noqa: F401 (the tests and evaluate_semantic reach these here)
    Judged,
    Run,
    Scores,
    _share,
    half_of,
    load_gold,
)

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]
GOLD = "scripts/evaluation/related-gold.yml"
#: Pairs judged by a second reader, blind to the method, the editors' links and GOLD; then
#: the links shown by default that it did not judge, judged by reading both passages. All
#: of it is held out: nothing is tuned or declared on it (the "blind" half).
BLIND = "scripts/evaluation/related-gold-blind.yml"
SETTINGS_SHOWN = "scripts/reader/passes/related_settings.yml"
TARGET_PRECISION = 0.85  # the issue asks 0.8 on test; a margin for a small development set
POSSIBLE_PRECISION = 0.5
MIN_JUDGED = 10  # a precision measured on fewer judged links is noise
MUTUAL = (1,)  # strong links need mutual best partners (against the hubs issue 18 found)
#: How many strong links a unit may have into any one other text. (1, 2) with MUTUAL (1, 2)
#: was tried: dev 0.867 precision at 0.181 recall, but test 0.462 at 0.079 (a small
#: development half overfitted), so both stay at 1.
PER_TEXT = (1,)
THRESHOLDS = tuple(round(0.06 + 0.01 * i, 2) for i in range(35))
GRID = {
    "concept": (2.0, 3.0),
    "name": (0.5,),
    "slope": (1.0, 0.75, 0.5),
    # Only 5.5: keeping every common word (9.0) lets every unit meet every other through
    # its frequent words, and the linking pass must stay linear in the corpus (issue 18):
    # tuned with 9.0 the whole ×100 build took 289 s (×10 25.1 s); with 5.5, 252 s (18.7 s).
    "common": (5.5,),
    "fold": (False, True),
    "neighbour": (0.0, 0.2, 0.35),
}
# Tried and left out of the grid (it doubles the search): ``asked=False`` ties with the
# chosen setting on the development half (0.933 precision at 0.187 recall).


def dev_rank(s: Scores) -> tuple[bool, float, float]:
    """How a setting ranks on the development half: first whether its strong band reaches
    the target precision; among those that do, by recall, then precision; among those
    that do not, by precision, then recall (a wrong link costs more than a gap: a trade-off
    such as F0.5 chose 65 strong links of which 0.53 were right on dev)."""
    ok = s.precision >= TARGET_PRECISION and s.judged >= MIN_JUDGED
    return (ok, s.recall, s.precision) if ok else (ok, s.precision, s.recall)


@dataclass(frozen=True)
class Choice:
    """What the development half chooses for one setting of the weights: ``best``, the
    strong band's best setting and ``scores``, its figures there (which settings are
    ranked by); ``bands``, what the edition is to use: ``best`` with the possible band's
    threshold, and the strong band withheld (:data:`related.WITHHELD`) when ``best``
    misses :data:`TARGET_PRECISION`."""

    bands: related.Bands
    best: related.Bands
    scores: Scores

    @property
    def rank(self) -> tuple[bool, float, float]:
        """:func:`dev_rank` of the best strong setting."""
        return dev_rank(self.scores)

    @property
    def withheld(self) -> bool:
        """True when no computed link is shown by default."""
        return not self.bands.shows_strong


def choose_bands(run: Run, gold: list[Judged]) -> Choice:
    """The strong band (threshold and conditions) with the best development recall at
    the target precision, then the possible threshold (see the module doc); the strong
    band withheld when no setting reaches the target."""
    best: tuple[tuple[bool, float, float], related.Bands, Scores] | None = None
    for t, mutual, concept, per in product(THRESHOLDS, MUTUAL, (False, True), PER_TEXT):
        bands = related.Bands(t, t, mutual, concept, per_text=per)
        s = run.scores(gold, "dev", bands)
        rank = dev_rank(s)
        if s.judged >= MIN_JUDGED and (best is None or rank > best[0]):
            best = (rank, bands, s)
    if best is None:  # too few judged links anywhere: the strictest setting, withheld
        last = related.Bands(THRESHOLDS[-1], THRESHOLDS[-1], 1, True)
        s = run.scores(gold, "dev", last)
        best = ((False, s.precision, s.recall), last, s)
    strong = chosen = best[1]
    if not best[0][0]:
        return Choice(withheld_possible(run, gold, strong), strong, best[2])
    for t in reversed([t for t in THRESHOLDS if t < strong.strong]):
        bands = replace(strong, possible=t)
        if run.scores(gold, "dev", bands).possible_precision < POSSIBLE_PRECISION:
            break
        chosen = bands
    return Choice(chosen, strong, best[2])


def withheld_possible(run: Run, gold: list[Judged], strong: related.Bands) -> related.Bands:
    """``strong`` withheld, and the possible band (which then holds every computed link)
    from the lowest threshold where :data:`POSSIBLE_PRECISION` of its judged development
    links are right, on at least :data:`MIN_JUDGED`; where none is, the most precise."""
    withheld = replace(strong, strong=related.WITHHELD)
    scored = []
    for t in THRESHOLDS:
        bands = replace(withheld, possible=t)
        s = run.scores(gold, "dev", bands)
        if s.possible_judged < MIN_JUDGED:
            continue
        if s.possible_precision >= POSSIBLE_PRECISION:
            return bands
        scored.append((s.possible_precision, -t, bands))
    return max(scored, key=lambda item: item[:2])[2] if scored else withheld


def tune(docs: list[Document], gold: list[Judged], context) -> tuple[Weights, related.Bands]:
    """The weights and bands with the best development recall at the target precision
    (at equal recall, the better precision: a wrong link costs more than a gap)."""
    weights, choice = tuned_choice(docs, gold, context)
    return weights, choice.bands


def tuned_choice(docs: list[Document], gold: list[Judged], context) -> tuple[Weights, Choice]:
    """:func:`tune`, with the :class:`Choice` that explains its bands."""
    best: tuple[Weights, Choice] | None = None
    for values in product(*GRID.values()):
        weights = Weights(*values)
        choice = choose_bands(Run(docs, weights, context), gold)
        if best is None or choice.rank > best[1].rank:
            best = (weights, choice)
    assert best is not None
    return best


def verdict(bands: related.Bands, choice: Choice | None) -> str:
    """What is shown by default under ``bands``, and why (``choice``: what the
    development half chose, if there is one to judge by), in words."""
    if choice is None or choice.bands != bands:
        shown = "some computed links" if bands.shows_strong else "no computed link"
        return f"{shown} shown by default (as configured; the development half chose other bands)"
    s, b = choice.scores, choice.best
    setting = f"strong from {b.strong:.2f}, mutual best: {b.mutual}, shared concept: {b.concept}"
    figures = f"{s.precision:.3f} on {s.judged} judged of {s.shown} links"
    if choice.withheld:
        return (
            "NO COMPUTED LINK IS SHOWN BY DEFAULT: the best setting of the strong band on "
            f"the development half ({setting}) is right {figures}, below the target "
            f'{TARGET_PRECISION:.2f}; every computed link waits behind the "more, less '
            "certain\" control, and the figures below are of the editors' links alone"
        )
    return (
        f"computed links shown by default: {setting}, right {figures} on the development "
        f"half (target {TARGET_PRECISION:.2f})"
    )


def _from(threshold: float) -> str:
    return f"from {threshold:.2f}" if threshold != related.WITHHELD else "withheld"


def _row(name: str, s: Scores) -> str:
    return (
        f"  {name:<5} {s.precision:9.3f} ({s.judged:3d} of {s.shown:3d} judged)  "
        f"{s.recall:6.3f}  {s.recall_editorial:6.3f}  {s.possible_precision:9.3f}  "
        f"{s.text_pairs:2d}/10  {s.shown_precision:8.3f} ({s.shown_judged:3d})  "
        f"{s.shown_text_pairs:2d}/10  {s.recall_all:6.3f}"
    )


def _blind_rows(run: Run, blind: list[Judged], bands: related.Bands) -> list[str]:
    """The blind row, and its recall counted on the reading's own related pairs only
    (the pairs judged after the reading were found by the links, so they favour them)."""
    if not blind:
        return []
    related_pairs = sum(j.related for j in blind)
    read = run.scores([j for j in blind if j.origin == "blind reading"], "blind", bands)
    return [
        _row("blind", run.scores(blind, "blind", bands)),
        f"        (blind: {len(blind)} pairs, {related_pairs} related, "
        f"{len(blind) - related_pairs} unrelated, from {BLIND};",
        f"         recall on the reading's own pairs only: {read.recall:.3f}, "
        f"+editorial {read.recall_editorial:.3f})",
    ]


def _withheld_rows(run: Run, gold: list[Judged], choice: Choice | None) -> list[str]:
    """The best strong setting's rows, when it is withheld: what it would have shown."""
    if choice is None or not choice.withheld:
        return []
    best = choice.best  # the strong setting as it was ranked, its possible band with it
    return [
        "  had the best strong setting been shown (it is not):",
        _row("dev", run.scores(gold, "dev", best)),
        _row("test", run.scores(gold, "test", best)),
    ]


def curve(run: Run, gold: list[Judged], bands: related.Bands, half: str = "dev") -> list[str]:
    """Precision and recall of the strong band on ``half`` at every threshold, the other
    conditions of ``bands`` kept: the most the method can give on that half."""
    lines = [f"  strong from  precision (judged)  recall   [{half}: {bands}]"]
    for t in THRESHOLDS[:20:2]:
        s = run.scores(gold, half, replace(bands, strong=t, possible=min(t, bands.possible)))
        lines.append(f"  {t:10.2f}  {s.precision:9.3f} ({s.judged:3d})  {s.recall:6.3f}")
    return lines


def report_text(
    docs: list[Document], gold: list[Judged], context, tuned: bool, blind: list[Judged] = ()
) -> str:
    """The table the script prints; ``blind`` (the held-out second reading) adds a row,
    and takes no part in tuning."""
    if tuned:
        weights, choice = tuned_choice(docs, gold, context)
        run, bands = Run(docs, weights, context), choice.bands
    else:
        weights, bands = related.WEIGHTS, related.BANDS
        run = Run(docs, weights, context)
        choice = choose_bands(run, gold) if gold else None
    count = {h: sum(j.half == h for j in gold) for h in ("dev", "test")}
    positives = sum(j.related for j in gold)
    old = [j for j in gold if j.was_shown]
    lines = [
        f"{len(gold)} judged pairs ({positives} related, {len(gold) - positives} unrelated): "
        f"{count['dev']} development, {count['test']} test",
        f"before: {sum(j.related for j in old)} of the {len(old)} links shown by the "
        f"previous method judged right ({_share(sum(j.related for j in old), len(old)):.3f})",
        f"weights: {weights}",
        verdict(bands, choice),
        f"bands: strong {_from(bands.strong)} (mutual best: {bands.mutual}, shared "
        f"concept: {bands.concept}), possible from {bands.possible:.2f} (top "
        f"{bands.top_k} strong, {bands.more_k} possible, {bands.per_text} per text)",
        "  half  precision (strong, judged)     recall  +editorial  possible P  texts  "
        "shown P (judged: strong + editorial)  texts  recall, less certain too",
        _row("dev", run.scores(gold, "dev", bands)),
        _row("test", run.scores(gold, "test", bands)),
        _row("all", run.scores(gold, "all", bands)),
        *_blind_rows(run, blind, bands),
        *_withheld_rows(run, gold, choice),
        f"configured in {SETTINGS_SHOWN}: {related.WEIGHTS}, {related.BANDS}",
        "separation (how often a related pair scores above an unrelated one; 0.5 is chance):",
    ]
    for origin, name in (
        ("", "all unrelated pairs"),
        ("reading", "look-alikes found by reading"),
        ("shown", "links shown before, judged wrong"),
    ):
        dev, test = (run.separation(gold, h, origin) for h in ("dev", "test"))
        lines.append(f"  against {name}: dev {dev:.3f}, test {test:.3f}")
    if "--curve" in sys.argv:
        lines += ["precision–recall on the development half, by the strong band's threshold:"]
        lines += curve(run, gold, bands)
        loose = replace(bands, mutual=0, top_k=99, more_k=0, per_text=99)
        lines += ["and with the score alone (no mutual-best, per-text or top-k condition):"]
        lines += curve(run, gold, loose)
    return "\n".join(lines)


def _or_printed(load: Callable[[], T]) -> T | None:
    """What ``load`` returns; None, its problems printed, if it raises DiagnosticError."""
    try:
        return load()
    except DiagnosticError as error:
        for d in error.diagnostics:
            print(d, file=sys.stderr)
        return None


def edition_and_gold() -> tuple[Edition, list[Judged]] | None:
    """The built edition and its gold list; None, the problems printed, if either fails."""

    def load() -> tuple[Edition, list[Judged]]:
        edition = generate(ROOT)
        return edition, load_gold(ROOT / GOLD, GOLD, edition.documents)

    return _or_printed(load)


def blind_gold(docs: list[Document]) -> list[Judged] | None:
    """The held-out second reading (empty if there is none); None, the problems printed,
    if it does not load."""
    if not (ROOT / BLIND).exists():
        return []
    return _or_printed(lambda: load_gold(ROOT / BLIND, BLIND, docs, half="blind"))


def write_settings(weights: Weights, bands: related.Bands) -> None:
    """Store ``weights`` and ``bands`` in :data:`reader.passes.related_bands.SETTINGS`, which
    the build reads from then on."""
    write_atomic(related_bands.SETTINGS, settings_text(asdict(weights), asdict(bands)))
    related.forget_settings()


def main() -> int:
    """Build the documents, tune on the development half, print the figures (with
    ``--write``, store the tuned settings first and print the figures of what is stored)."""
    loaded = edition_and_gold()
    if loaded is None:
        return 1
    edition, gold = loaded
    blind = blind_gold(edition.documents)
    if blind is None:
        return 1
    tuned = "--no-tune" not in sys.argv
    if "--write" in sys.argv:
        write_settings(*tune(edition.documents, gold, edition.context))
        print(f"wrote {SETTINGS_SHOWN}; run `reader build` to publish what it chose")
        tuned = False
    print(report_text(edition.documents, gold, edition.context, tuned, blind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
