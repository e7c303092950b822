"""The judged pairs of the related-passages evaluation and how a setting scores on them.

Read by ``scripts/evaluate_related.py`` (which tunes the method and prints the figures) and
``scripts/evaluate_semantic.py``: :func:`load_gold` reads a gold list (each side a text
and an exact quotation, so the list survives renumbering) and splits it into halves by
:func:`half_of`; :class:`Run` holds the method's candidates under one setting of the
weights, and :meth:`Run.scores` gives the :class:`Scores` of a setting of the bands on
one half.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reader.app.pipeline import editorial_pairs
from reader.core.diagnostics import Diagnostic, Report
from reader.core.model import Document
from reader.inputs.yamlio import load_yaml, position_of
from reader.passes import related
from reader.passes.related_score import Weights, bags_of, dot, score_all, vectors_of
from reader.text.quotes import Quote, locate


@dataclass(frozen=True)
class Judged:
    """One judged pair of paragraphs (keys ``slug#pN``)."""

    keys: frozenset[str]
    related: bool
    origin: str
    half: str  # "dev" or "test"
    line: int
    was_shown: bool = False  # shown by the edition before the list was grown


def half_of(a: tuple[str, str], b: tuple[str, str]) -> str:
    """``dev`` or ``test``, from a hash of the two (text, quotation) sides."""
    text = "\n".join("|".join(side) for side in sorted((a, b)))
    return "dev" if int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 2 == 0 else "test"


def _side(raw: object, by_slug: dict, display: str, line: int, report: Report) -> str | None:
    if not isinstance(raw, dict) or raw.get("text") not in by_slug:
        report.error("E001", "a pair side needs a known 'text' and 'exact'", display, line)
        return None
    place, problem = locate(
        by_slug[raw["text"]], Quote(str(raw.get("exact", ""))), display, line, numbered_only=True
    )
    if problem:
        report.extend([problem])
        return None
    return f"{raw['text']}#{place[0].anchor}"


def load_gold(path: Path, display: str, docs: list[Document], half: str = "") -> list[Judged]:
    """The judged pairs; every quotation must match one numbered paragraph (else
    DiagnosticError with the line). Each pair's half is :func:`half_of` its quotations,
    or ``half`` for all of them when it is given."""
    data = load_yaml(path, display)
    by_slug = {d.meta.slug: d for d in docs}
    report = Report()
    out: list[Judged] = []
    for index, item in enumerate(data or []):
        line = position_of(data, index).line
        item = item if isinstance(item, dict) else {}
        keys = [_side(item.get(s), by_slug, display, line, report) for s in ("a", "b")]
        if None in keys:
            continue
        if keys[0].split("#")[0] == keys[1].split("#")[0]:
            report.extend([Diagnostic("E002", "a pair must join two texts", display, line)])
        if any(j.keys == frozenset(keys) for j in out):
            report.extend([Diagnostic("E003", "the same pair is listed twice", display, line)])
        judged = item.get("judged", "related")
        if judged not in ("related", "unrelated"):
            report.error("E004", "'judged' must be related or unrelated", display, line)
        sides = [(item[s]["text"], str(item[s]["exact"])) for s in ("a", "b")]
        origin = item.get("origin", "")
        shown = origin == "shown" or item.get("was_shown") is True
        part = half or half_of(sides[0], sides[1])
        out.append(Judged(frozenset(keys), judged == "related", origin, part, line, shown))
    report.raise_if_errors()
    return out


@dataclass(frozen=True)
class Scores:
    """The figures of one setting on one half."""

    precision: float  # of the judged strong links, the share related
    judged: int  # strong links that are judged
    shown: int  # strong links in all
    recall: float  # of the related pairs, the share shown by a strong link
    recall_editorial: float  # ... by a strong link or a declared editorial link
    possible_precision: float
    text_pairs: int
    shown_precision: float  # of the judged links shown by default (strong or editorial)
    shown_judged: int
    shown_text_pairs: int  # pairs of texts joined by a link shown by default
    possible_judged: int = 0  # possible links that are judged
    recall_all: float = 0.0  # ... by any link, the less certain ones behind the control too


class Run:
    """The method's candidates under one setting of the weights, ready to be banded."""

    def __init__(self, docs: list[Document], weights: Weights, context) -> None:
        entries = tuple(context.glossary) if context.glossary is not None else ()
        self.items = related.passages(docs)
        concepts, _ = related.concepts_of(entries)
        vectors = vectors_of(bags_of(self.items, concepts, weights), concepts, weights)
        self.scored = score_all(self.items, vectors)
        self.concepts = concepts
        self.vectors = {p.key: v for p, v in zip(self.items, vectors, strict=True)}
        self.best = related.best_by_text(self.scored)
        self.unit = {key: p.key for p in self.items for key in p.paragraph_keys()}
        pairs = editorial_pairs(context.resolved_annotations)
        self.declared = related.editorial_units(self.items, pairs)

    def links(self, bands: related.Bands) -> dict[frozenset[str], str]:
        """Unit pair -> band ("strong" wins over "possible")."""
        out: dict[frozenset[str], str] = {}
        for key, candidates in self.scored.items():
            sure = related.sure_of(key, bands, self.best, self.vectors, self.concepts)
            skip = self.declared.get(key, ())
            for target, _, band in related.select(candidates, bands, skip, sure):
                pair = frozenset((key, target.key))
                if out.get(pair) != related.STRONG:
                    out[pair] = band
        return out

    def judged(self, gold: list[Judged], half: str) -> dict[frozenset[str], bool]:
        """Unit pair -> related, for the gold pairs of ``half`` (one related pair of
        paragraphs makes the unit pair related). Gold pairs that fall in one unit pair
        (a question and its answer) take the half of the first, so that no unit pair is
        in both halves."""
        halves: dict[frozenset[str], str] = {}
        out: dict[frozenset[str], bool] = {}
        for j in gold:
            pair = frozenset(self.unit[k] for k in j.keys)
            if halves.setdefault(pair, j.half) == half or half == "all":
                out[pair] = out.get(pair, False) or j.related
        return out

    def separation(self, gold: list[Judged], half: str, origin: str = "") -> float:
        """How often the score puts a related pair of ``half`` above an unrelated one
        (of ``origin`` only, if given): the area under the ROC curve, 0.5 is chance."""
        truth = self.judged(gold, half)
        unrelated = {frozenset(self.unit[k] for k in j.keys) for j in gold if not j.related}
        if origin:
            picked = {frozenset(self.unit[k] for k in j.keys) for j in gold if j.origin == origin}
            unrelated &= picked
        score = {p: dot(*(self.vectors[k] for k in sorted(p))) for p in truth}
        pos = [score[p] for p, ok in truth.items() if ok]
        neg = [score[p] for p, ok in truth.items() if not ok and p in unrelated]
        wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
        return _share(wins, len(pos) * len(neg))

    def scores(self, gold: list[Judged], half: str, bands: related.Bands) -> Scores:
        """The figures of ``bands`` on ``half`` (``dev``, ``test``, ``all`` or ``blind``)."""
        links, truth = self.links(bands), self.judged(gold, half)
        strong = {p for p, b in links.items() if b == related.STRONG}
        weak = {p for p, b in links.items() if b == related.POSSIBLE}
        editorial = {frozenset((a, b)) for a, bs in self.declared.items() for b in bs}
        positives = {p for p, ok in truth.items() if ok}
        judged = [p for p in strong if p in truth]
        judged_weak = [p for p in weak if p in truth]
        judged_shown = [p for p in strong | editorial if p in truth]
        texts = _text_pairs(strong)
        return Scores(
            _share(sum(truth[p] for p in judged), len(judged)),
            len(judged),
            len(strong),
            _share(len(positives & strong), len(positives)),
            _share(len(positives & (strong | editorial)), len(positives)),
            _share(sum(truth[p] for p in judged_weak), len(judged_weak)),
            len(texts),
            _share(sum(truth[p] for p in judged_shown), len(judged_shown)),
            len(judged_shown),
            len(_text_pairs(strong | editorial)),
            len(judged_weak),
            _share(len(positives & (strong | weak | editorial)), len(positives)),
        )


def _text_pairs(links: set[frozenset[str]]) -> set[frozenset[str]]:
    return {frozenset(k.split("#")[0] for k in p) for p in links}


def _share(part: float, whole: int) -> float:
    return part / whole if whole else 0.0
