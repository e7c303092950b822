"""A round of blind judging for the held-out list (``related-gold-blind.yml``).

    .venv/bin/python scripts/blind_round.py list [FOLDER]   (default build/blind-round)
    .venv/bin/python scripts/blind_round.py check FILE

The blind list must judge every link shown by default (a test keeps it complete), so the
links that editors declare, or that a newly shown band adds, need a judgement by a reader
who does not know which links are computed and which declared. ``list`` writes, for the
links shown by default that the list does not judge yet, shuffled and without their kind:
``to-judge.yml`` (each pair named by the opening words of its two passages, with
``judged: TODO`` and ``reason: TODO`` to fill in) and ``passages.txt`` (both passages of
each, in full). Give the reader only those two files and the plain texts. ``check``
validates a filled file against the texts and prints its counts; append it to the blind
list under a comment line that names the round.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

from evaluate_related import BLIND, ROOT, Run, load_gold
from reader.app.build import generate
from reader.core.diagnostics import DiagnosticError
from reader.core.model import Document, Paragraph, plain_text
from reader.passes import related
from reader.passes.related_units import Passage

OPENING_WORDS = 9
SEED = 22  # a fixed shuffle, so that a round can be made again


def unjudged_shown(
    docs: list[Document], context, blind_list: Path = ROOT / BLIND
) -> list[tuple[Passage, Passage]]:
    """The links shown by default (strong computed and editorial) that ``blind_list`` does
    not judge, as pairs of units, shuffled."""
    run = Run(docs, related.WEIGHTS, context)
    blind = load_gold(blind_list, str(blind_list), docs, half="blind")
    judged = set(run.judged(blind, "blind"))
    strong = {p for p, band in run.links(related.BANDS).items() if band == related.STRONG}
    editorial = {frozenset((a, b)) for a, bs in run.declared.items() for b in bs}
    pairs = sorted(sorted(p) for p in (strong | editorial) if p not in judged)
    random.Random(SEED).shuffle(pairs)
    by_key = {p.key: p for p in run.items}
    return [(by_key[a], by_key[b]) for a, b in pairs]


def opening(paragraph: Paragraph) -> str:
    """The paragraph's longest run of words, up to :data:`OPENING_WORDS`, from its start,
    with no quotation mark or backslash (a quotation the gold list can hold)."""
    best: list[str] = []
    run: list[str] = []
    for word in plain_text(paragraph.inlines, editorial=False).split():
        run = [] if ('"' in word or "\\" in word) else [*run, word]
        best = run if len(run) > len(best) else best
        if len(best) >= OPENING_WORDS:
            break
    return " ".join(best)


def round_files(docs: list[Document], pairs: list[tuple[Passage, Passage]]) -> tuple[str, str]:
    """The text of ``to-judge.yml`` and of ``passages.txt`` for ``pairs``."""
    paragraphs = {f"{d.meta.slug}#{p.anchor}": p for d in docs for p in d.paragraphs() if p.number}
    items, texts = [], []
    for i, (a, b) in enumerate(pairs, 1):
        qa, qb = (opening(paragraphs[f"{x.slug}#{x.start}"]) for x in (a, b))
        items.append(
            f'- a: {{text: {a.slug}, exact: "{qa}"}}\n'
            f'  b: {{text: {b.slug}, exact: "{qb}"}}\n'
            f"  judged: TODO  # related or unrelated (link {i})\n"
            "  origin: blind judged shown\n  reason: TODO\n"
        )
        texts.append(
            f"=== link {i}\n--- A: {a.label} {a.cite}\n{a.text}\n"
            f"--- B: {b.label} {b.cite}\n{b.text}\n"
        )
    return "\n".join(items), "\n".join(texts)


def check(path: Path, docs: list[Document]) -> list[str]:
    """The counts of a filled file, or its problems (a TODO left, a quotation that names
    no paragraph, a judgement that is neither related nor unrelated)."""
    text = path.read_text(encoding="utf-8")
    if "TODO" in text:
        return [f"{path}: {text.count('judged: TODO')} link(s) still to judge (TODO)"]
    try:
        gold = load_gold(path, str(path), docs, half="blind")
    except DiagnosticError as error:
        return [str(d) for d in error.diagnostics]
    pairs = Counter(" – ".join(sorted(k.split("#")[0] for k in j.keys)) for j in gold)
    related_count = sum(j.related for j in gold)
    lines = [f"{len(gold)} pairs: {related_count} related, {len(gold) - related_count} unrelated"]
    return lines + [f"  {k}: {v}" for k, v in sorted(pairs.items())]


def main(argv: list[str]) -> int:
    """``list [FOLDER]`` or ``check FILE``; 1 on a problem, 2 on a wrong command line."""
    if not argv or argv[0] not in ("list", "check") or (argv[0] == "check" and len(argv) != 2):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        edition = generate(ROOT)
    except DiagnosticError as error:
        print("\n".join(str(d) for d in error.diagnostics), file=sys.stderr)
        return 1
    docs = edition.documents
    if argv[0] == "check":
        lines = check(Path(argv[1]), docs)
        print("\n".join(lines))
        return 1 if "pairs:" not in lines[0] else 0
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "blind-round"
    pairs = unjudged_shown(docs, edition.context)
    to_judge, passages = round_files(docs, pairs)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "to-judge.yml").write_text(to_judge, encoding="utf-8")
    (folder / "passages.txt").write_text(passages, encoding="utf-8")
    print(f"{len(pairs)} link(s) shown by default to judge: {folder}/to-judge.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
