"""Score the related-passages method against pairs compiled by reading the texts.

    .venv/bin/python scripts/evaluate_related.py        (or: make evaluate)

``scripts/evaluation/related-gold.yml`` lists related passage pairs, each side named by a text
and an exact quotation (so the list survives renumbering). For each threshold the script
prints:

- precision@3: of the passages the method would show (at most 3 per paragraph) for the
  paragraphs that occur in the gold list, the share that are gold pairs. The gold list is
  incomplete, so this is a lower bound;
- recall: the share of gold pairs shown from at least one side;
- F1 of the two, how many links the edition would show, and how many of the ten pairs of
  texts would be joined by at least one shown link.

The chosen threshold is the highest whose F1 is within 0.01 of the best F1 (with some
sixty pairs smaller differences are noise, and a higher threshold shows fewer, stronger
links). ``reader.passes.related.THRESHOLD`` is set to it; a test keeps the two equal.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.core.model import Document
from reader.inputs.yamlio import load_yaml, position_of
from reader.passes import related
from reader.text.quotes import Quote, locate

ROOT = Path(__file__).resolve().parents[1]
GOLD = "scripts/evaluation/related-gold.yml"
TIE = 0.01  # F1 differences below this are noise with some sixty gold pairs
THRESHOLDS = (0.08, 0.10, 0.12, 0.14, 0.16, 0.18, 0.20, 0.22, 0.25, 0.30)


@dataclass(frozen=True)
class Scores:
    """The figures for one threshold."""

    threshold: float
    precision: float
    recall: float
    shown: int
    text_pairs: int

    @property
    def f1(self) -> float:
        """The harmonic mean of precision@3 and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load_gold(path: Path, display: str, docs: list[Document]) -> list[frozenset[str]]:
    """The gold pairs as sets of two ``slug#anchor`` keys; every quotation must match one
    numbered paragraph (else DiagnosticError with the line)."""
    data = load_yaml(path, display)
    by_slug = {d.meta.slug: d for d in docs}
    report = Report()
    pairs = []
    for index, item in enumerate(data or []):
        line = position_of(data, index).line
        keys = []
        for side in ("a", "b"):
            raw = item.get(side) if isinstance(item, dict) else None
            if not isinstance(raw, dict) or raw.get("text") not in by_slug:
                report.error(
                    "E001",
                    f"pair side '{side}' needs a known 'text' and 'exact'",
                    display,
                    line,
                )
                continue
            place, problem = locate(
                by_slug[raw["text"]],
                Quote(str(raw.get("exact", ""))),
                display,
                line,
                numbered_only=True,
            )
            if problem:
                report.extend([problem])
            else:
                keys.append(f"{raw['text']}#{place[0].anchor}")
        if len(keys) == 2:
            if keys[0].split("#")[0] == keys[1].split("#")[0]:
                report.extend([Diagnostic("E002", "a pair must join two texts", display, line)])
            if frozenset(keys) in pairs:
                report.extend([Diagnostic("E003", "the same pair is listed twice", display, line)])
            pairs.append(frozenset(keys))
    report.raise_if_errors()
    return pairs


def evaluate(
    docs: list[Document], gold: list[frozenset[str]], thresholds: tuple[float, ...] = THRESHOLDS
) -> list[Scores]:
    """The scores of the method at each threshold."""
    scored = related.score_all(related.passages(docs))
    judged = {key for pair in gold for key in pair}
    out = []
    for threshold in thresholds:
        shown: set[frozenset[str]] = set()
        hits = total = 0
        for key, candidates in scored.items():
            chosen = [frozenset((key, c[0].key)) for c in related.select(candidates, threshold)]
            shown.update(chosen)
            if key in judged:
                total += len(chosen)
                hits += sum(pair in gold for pair in chosen)
        found = sum(pair in shown for pair in set(gold))
        joined = {frozenset(k.split("#")[0] for k in pair) for pair in shown}
        out.append(
            Scores(
                threshold,
                hits / total if total else 0.0,
                found / len(set(gold)),
                len(shown),
                len(joined),
            )
        )
    return out


def best(scores: list[Scores], tolerance: float = TIE) -> Scores:
    """The highest threshold whose F1 is within ``tolerance`` of the best F1: of two
    settings that score alike, the one that shows fewer, stronger links."""
    top = max(s.f1 for s in scores)
    return max((s for s in scores if s.f1 >= top - tolerance), key=lambda s: s.threshold)


def report_text(scores: list[Scores], gold_pairs: int, texts: int) -> str:
    """The table the script prints."""
    all_pairs = len(list(combinations(range(texts), 2)))
    lines = [
        f"{gold_pairs} gold pairs; method: {related.__name__} (TF-IDF cosine, "
        f"top {related.TOP_K}, at most {related.PER_TEXT} per text)",
        "threshold  precision@3  recall   F1     links shown  text pairs joined",
    ]
    for s in scores:
        lines.append(
            f"  {s.threshold:5.2f}      {s.precision:5.3f}     {s.recall:5.3f}  "
            f"{s.f1:5.3f}  {s.shown:6d}       {s.text_pairs}/{all_pairs}"
        )
    chosen = best(scores)
    lines.append(
        f"chosen threshold: {chosen.threshold:.2f} (F1 {chosen.f1:.3f}, within "
        f"{TIE} of the best); configured in reader.passes.related: "
        f"{related.THRESHOLD:.2f}"
    )
    return "\n".join(lines)


def main() -> int:
    """Build the documents, score the method, print the figures."""
    from reader.app.build import generate

    try:
        edition = generate(ROOT)
        gold = load_gold(ROOT / GOLD, GOLD, edition.documents)
    except DiagnosticError as error:
        for d in error.diagnostics:
            print(d, file=sys.stderr)
        return 1
    scores = evaluate(edition.documents, gold)
    print(report_text(scores, len(set(gold)), len(edition.documents)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
