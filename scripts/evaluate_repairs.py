"""Score the repair rules on simulated damage: the five texts re-laid as PDF extractions.

    .venv/bin/python scripts/evaluate_repairs.py [--seeds N]      (or: make evaluate)

For every damage style of ``tests/damage`` and every seed (10 by default), each of the
five texts' clean paragraphs is laid out as a damaged extraction (running heads, page
numbers, form feeds, hyphenation by syllable, indent-only paragraphs, wrapped list
items, doubled spaces, footnotes at page bottoms), then repaired by the real pipeline
with ``profile: auto``. The script prints, per style and in total: paragraphs exactly
right, furniture lines left in the text, body lines taken for furniture, words lost and
added, line-end hyphens decided right, footnotes exactly right, and the profiles
detected. It exits non-zero when a target of issue 17 is missed (≥ 98% of paragraphs
exact, 0 furniture lines leaked, 0 words lost, ≥ 99% of hyphens right).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from damage.score import Score, score  # noqa: E402
from damage.styles import STYLES  # noqa: E402
from damage.truth import clean_texts  # noqa: E402
from reader.app.load import load_sources  # noqa: E402

TARGETS = {"paragraphs": 0.98, "hyphens": 0.99}


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print the table; 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--style", action="append", choices=sorted(STYLES))
    parser.add_argument("--show", type=int, default=0, help="print this many failures")
    args = parser.parse_args(argv)
    sources = load_sources(ROOT)
    corpus = [s.text for s in sources.values()]
    cleans = clean_texts(ROOT)
    total = Score()
    print(
        f"{'style':<12} {'paras':>6} {'exact':>7} {'leaked':>6} {'real':>4} {'lost':>4} "
        f"{'added':>5} {'hyphens':>8} {'right':>7} {'notes':>7}  profiles"
    )
    for style in args.style or list(STYLES):
        row = Score()
        for slug, clean in cleans.items():
            for seed in range(args.seeds):
                row.add(score(clean, style, seed, sources[slug], corpus))
        _print(style, row)
        total.add(row)
        for failure in row.failures[: args.show]:
            print("   ", failure[:300])
    _print("all", total)
    missed = _missed(total)
    print("targets: " + ("all met" if not missed else "MISSED " + ", ".join(missed)))
    return 1 if missed else 0


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.2f}%" if d else "-"


def _print(name: str, s: Score) -> None:
    profiles = ", ".join(f"{k} ×{v}" for k, v in s.profile.most_common())
    print(
        f"{name:<12} {s.paragraphs:>6} {_pct(s.exact, s.paragraphs):>7} {s.leaked:>6} "
        f"{s.real_removed:>4} {s.lost:>4} {s.added:>5} {s.hyphens:>8} "
        f"{_pct(s.hyphens_right, s.hyphens):>7} {_pct(s.notes_exact, s.notes):>7}  {profiles}"
    )


def _missed(s: Score) -> list[str]:
    missed = []
    if s.exact < TARGETS["paragraphs"] * s.paragraphs:
        missed.append("paragraphs exact")
    if s.leaked:
        missed.append("furniture leaked")
    if s.lost:
        missed.append("words lost")
    if s.hyphens_right < TARGETS["hyphens"] * s.hyphens:
        missed.append("hyphens right")
    return missed


if __name__ == "__main__":
    sys.exit(main())
