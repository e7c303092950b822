"""The cost of the related-passages pass alone, at ×1, ×10 and ×100 (a few minutes).

    .venv/bin/python scripts/bench_related.py                 # ×1, ×10, ×100
    .venv/bin/python scripts/bench_related.py --factors 1 10  # smaller corpora only

Each synthetic corpus (:func:`benchlib.corpus.make_project`: the five texts and copies of
them under new slugs) is loaded, parsed and passed through every document pass and the
editorial-annotations corpus pass; then only ``related_passages`` (the corpus pass of
:mod:`reader.app.pipeline`) is timed, in CPU seconds, the best of ``--reps`` runs, with
its parts: finding the links (:func:`reader.passes.related.related_passages`) and
marking the documents (:func:`reader.passes.related.link_related`). The growth from ×1
is printed beside the growth in units, and the CPU time per unit: a linear pass keeps it
bounded. (A copy corpus gives a unit up to ``top_k + more_k`` links, one per text, where
the five texts give it about one, so the time per unit first grows with the links it
explains, then stays.)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib.corpus import make_project
from reader.app.build import collector_paused
from reader.app.pipeline import document_passes, editorial_annotations, editorial_pairs
from reader.app.stages import Run, load, parse
from reader.passes import related
from reader.passes.edition import Edition

ROOT = Path(__file__).resolve().parents[1]


def prepared(root: Path) -> Edition:
    """The edition of ``root`` up to the related-passages pass."""
    run = Run(root, root / "mkdocs.yml")
    edition = Edition()
    for stage in (load, parse, document_passes):
        stage(edition, run)
    assert edition.context is not None
    docs, found = editorial_annotations(edition.documents, edition.context)
    edition.documents = docs
    edition.context = edition.context.with_found(edition.context.found + found)
    return edition


def timed(edition: Edition, reps: int) -> tuple[float, float, int, int]:
    """(CPU s to find the links, CPU s to mark the documents, units, links), best of
    ``reps``."""
    ctx = edition.context
    assert ctx is not None
    entries = tuple(ctx.glossary) if ctx.glossary is not None else ()
    pairs = editorial_pairs(ctx.resolved_annotations)
    best = (float("inf"), float("inf"))
    found: dict = {}
    for _ in range(reps):
        with collector_paused():
            start = time.process_time()
            found = related.related_passages(edition.documents, entries, pairs)
            middle = time.process_time()
            related.link_related(edition.documents, found)
            end = time.process_time()
        best = (min(best[0], middle - start), min(best[1], end - middle))
    units = len(related.passages(edition.documents))
    return best[0], best[1], units, sum(len(v) for v in found.values())


def main(argv: list[str] | None = None) -> int:
    """Build each corpus, time the pass, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    print("| corpus | units | links | find (CPU s) | mark (CPU s) | pass | pass / ×1 |", end="")
    print(" units / ×1 | ms per unit |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    first: tuple[float, int] | None = None
    with tempfile.TemporaryDirectory(prefix="bench-related-") as tmp:
        for factor in args.factors:
            project = make_project(ROOT, Path(tmp) / f"x{factor}", factor)
            find, mark, units, links = timed(prepared(project), args.reps if factor < 100 else 1)
            total = find + mark
            first = first or (total, units)
            print(
                f"| ×{factor} | {units} | {links} | {find:.3f} | {mark:.3f} | {total:.3f} | "
                f"{total / first[0]:.1f}× | {units / first[1]:.0f}× | "
                f"{1000 * total / units:.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
