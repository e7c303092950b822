"""Search latency alone: section 7 of the benchmark, without the rest (~1 minute).

    .venv/bin/python scripts/bench_search.py              # ×1 and ×100
    .venv/bin/python scripts/bench_search.py --factors 1  # the built site only

Uses the built site (``site/``, made by ``reader site``); prints the section and its two
targets. ``make bench`` runs the same section as part of the whole benchmark.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import report as rep
from benchlib.search import section_search

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Run section 7 against the built site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 100])
    args = parser.parse_args(argv)
    if not (args.site / "search" / "paragraphs.js").is_file():
        print(f"bench_search: {args.site} has no search/paragraphs.js: run `reader site`")
        return 1
    print("# Search latency", *rep.machine(), f"- load average: {rep.load()}", sep="\n")
    report = rep.Report()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        section_search(args.site.resolve(), Path(tmp), report, tuple(args.factors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
