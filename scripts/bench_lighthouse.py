"""Lighthouse alone: section 6 of the benchmark, without the rest (~6 minutes).

    .venv/bin/python scripts/bench_lighthouse.py                  # every page, best of two
    .venv/bin/python scripts/bench_lighthouse.py --keep /tmp/lh   # and keep the reports

Uses the built site (``site/``, made by ``reader site``) and Lighthouse as ``make bench``
installs it (``npm ci --prefix scripts/bench``); prints the section and its target.
With ``--keep`` each page's best report stays as ``lighthouse-<page>.json`` to read
what cost the points (render-blocking resources, the critical request chain…).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import report as rep
from benchlib.lighthouse import section_lighthouse

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Run section 6 against the built site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--keep", type=Path, help="a folder to keep each page's report in")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"bench_lighthouse: {args.site} has no index.html: run `reader site`")
        return 1
    print("# Lighthouse", *rep.machine(), f"- load average: {rep.load()}", sep="\n")
    report = rep.Report()
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        section_lighthouse(ROOT, args.site.resolve(), work, report)
    print(f"- load average at the end: {rep.load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
