"""Scoring for the related-passages pass: features, weights and the similarity of units.

1. **Features.** A unit (:mod:`reader.passes.related_units`) is a bag of word stems
   (stop-words and words under three letters left out, :mod:`reader.text.stemming`) and
   of concepts ``g:<id>``: the glossary entries the glossary pass annotated in it, plus
   the entries whose ``paraphrases`` (declared in ``glossary.yml``, found by reading the
   texts) occur in it. A concept weighs :attr:`Weights.concept` times a word; a person or
   a place less (:attr:`Weights.name`): two passages that list the same territories need
   not make the same point.
   An entry the glossary relates to one the unit has (``related:``) counts too, at
   :attr:`Weights.neighbour` of one mention, where the unit does not name it: a passage
   on Rossotrudnichestvo and one on compatriots abroad meet through the glossary's own
   link between the two.
2. **Named bodies kept apart.** The words of an annotated organisation, programme or
   document name ("Fund", "support", "rights" in the *Fund for support and protection of
   compatriots' rights*) count only through the entry's id, so two different foundations
   are not joined by the words their names share.
3. **Weights.** TF-IDF over all units: sub-linear ``1 + ln tf`` times smoothed
   ``ln((1 + N) / (1 + df)) + 1``; features in more than :data:`MAX_DF` of the units say
   nothing and are left out.
4. **Length.** Each vector is divided by a *pivoted* length, ``(1 − s)·pivot + s·norm``
   (Singhal, Buckley and Mitra 1996), with the mean norm as pivot: with ``s = 1`` this is
   the cosine, which favours short units; a smaller slope gives a long, many-topic
   paragraph back the weight its many points deserve. The score of two units of
   different texts is the dot product of their vectors.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from reader.passes.related_units import Passage
from reader.repair.hyphenation import zipf
from reader.text.phrases import PhraseSearch, lowered_for
from reader.text.stemming import STOP_WORDS, content_stems, stem, tokens

MAX_DF = 0.5
#: How many units one feature may propose as candidates (see :func:`score_all`), so that
#: the work per unit is bounded and the pass grows linearly with the corpus.
POSTINGS_CAP = 10
#: How many of a unit's candidates (by the part of their score the postings give) are
#: scored in full, and how many of its best partners it keeps (see :func:`score_all`).
CANDIDATES = 60
KEPT = 40
#: Pairs scoring below this are not kept: it is under every threshold `make evaluate` tries.
MIN_SCORE = 0.04
#: Glossary categories whose entries are named bodies and texts (kept apart by id).
BODIES = frozenset({"organisation", "programme", "document"})
#: Glossary categories whose entries are names of people and places (weighed less).
NAMES = frozenset({"person", "place"})


@dataclass(frozen=True)
class Weights:
    """The tunable parts of the score (chosen on the development half, `make evaluate`)."""

    concept: float = 2.0  # a concept feature against a word stem
    name: float = 0.5  # a person or place, as a share of ``concept``
    slope: float = 1.0  # pivoted length normalisation (1.0 = cosine)
    common: float = 9.0  # words this frequent in English (Zipf, wordfreq) are left out
    fold: bool = False  # every annotated term counts through its id only, not its words
    neighbour: float = 0.0  # an entry the glossary relates to one a unit names, as a share
    asked: bool = True  # an interview question's words count with its answer's


@dataclass(frozen=True)
class Concepts:
    """What the scorer knows of the glossary: each entry's category and paraphrases."""

    categories: Mapping[str, str] = field(default_factory=dict)
    paraphrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    neighbours: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # ``related:``

    def patterns(self) -> dict[str, PhraseSearch]:
        """One case-insensitive, whole-word search per entry with paraphrases."""
        return {entry: PhraseSearch.of(phrases) for entry, phrases in self.paraphrases.items()}


def _apostrophes(text: str) -> str:
    return text.replace("’", "'")


def concept_ids(passage: Passage, patterns: Mapping[str, PhraseSearch]) -> list[str]:
    """The glossary entries of ``passage``: annotated, then found by a paraphrase."""
    found = list(passage.terms)
    text = _apostrophes(passage.text)
    lowered = lowered_for(text)
    found.extend(e for e, pat in patterns.items() if e not in found and pat.search(text, lowered))
    return found


def _stems(text: str, common: float) -> Counter[str]:
    """The content stems of ``text``, without the words commoner than ``common`` (Zipf)."""
    return Counter(
        stem(w) for w in tokens(text) if len(w) > 2 and w not in STOP_WORDS and zipf(w) < common
    )


def answer_only(passage: Passage) -> Passage:
    """``passage`` without the interview question that leads it: its text, and the terms
    annotated only there."""
    answer = passage.text.removeprefix(passage.asked).strip()
    folded = _apostrophes(answer).casefold()
    kept = [
        (term, name)
        for term, name in zip(passage.terms, passage.names, strict=False)
        if _apostrophes(name).casefold() in folded
    ]
    return replace(
        passage,
        text=answer,
        terms=tuple(t for t, _ in kept),
        names=tuple(n for _, n in kept),
        asked="",
    )


def features(
    passage: Passage,
    concepts: Concepts | None = None,
    patterns: Mapping[str, PhraseSearch] | None = None,
    weights: Weights | None = None,
) -> Counter[str]:
    """The unit's feature counts: word stems (named bodies' words removed) and concepts."""
    concepts, weights = concepts or Concepts(), weights or Weights()
    if passage.asked and not weights.asked:
        passage = answer_only(passage)
    counts = _stems(passage.text, weights.common)
    folded = _apostrophes(passage.text).casefold()
    for entry, name in zip(passage.terms, passage.names, strict=False):
        if weights.fold or concepts.categories.get(entry) in BODIES:
            times = folded.count(_apostrophes(name).casefold()) or 1
            for word in content_stems(name):
                counts[word] -= times
    counts = Counter({f: c for f, c in counts.items() if c > 0})
    for entry in concept_ids(passage, patterns if patterns is not None else concepts.patterns()):
        counts[f"g:{entry}"] += 1
    return counts


def multiplier(feature: str, concepts: Concepts, weights: Weights) -> float:
    """How much one occurrence of ``feature`` weighs against a word stem."""
    if not feature.startswith("g:"):
        return 1.0
    if concepts.categories.get(feature[2:]) in NAMES:
        return weights.concept * weights.name
    return weights.concept


def vectors_of(
    bags: list[Counter[str]],
    concepts: Concepts | None = None,
    weights: Weights | None = None,
    max_df: float = MAX_DF,
) -> list[dict[str, float]]:
    """TF-IDF vectors of the bags, divided by their pivoted length (see the module doc)."""
    concepts, weights = concepts or Concepts(), weights or Weights()
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {f: math.log((1 + n) / (1 + d)) + 1 for f, d in df.items() if d <= max_df * n}
    raw = []
    for bag in bags:
        raw.append(
            {
                f: (1 + math.log(c)) * idf[f] * multiplier(f, concepts, weights)
                for f, c in bag.items()
                if f in idf
            }
        )
    if weights.neighbour:
        raw = [_with_neighbours(vec, idf, concepts, weights) for vec in raw]
    norms = [math.sqrt(sum(v * v for v in vec.values())) for vec in raw]
    pivot = sum(norms) / len(norms) if norms else 1.0
    out = []
    for vec, norm in zip(raw, norms, strict=True):
        length = (1 - weights.slope) * pivot + weights.slope * norm or 1.0
        out.append({f: v / length for f, v in vec.items()})
    return out


def _with_neighbours(
    vector: dict[str, float], idf: Mapping[str, float], concepts: Concepts, weights: Weights
) -> dict[str, float]:
    """``vector`` with the entries the glossary relates to its concepts (``related:``),
    each at :attr:`Weights.neighbour` of one mention, where the unit does not name them."""
    out = dict(vector)
    for feature in vector:
        if not feature.startswith("g:"):
            continue
        for other in concepts.neighbours.get(feature[2:], ()):
            key = f"g:{other}"
            if key not in vector and key in idf:
                share = weights.neighbour * idf[key] * multiplier(key, concepts, weights)
                out[key] = max(out.get(key, 0.0), share)
    return out


def contributions(a: Mapping[str, float], b: Mapping[str, float]) -> list[tuple[str, float]]:
    """The shared features of two vectors with their part of the score, largest first."""
    if len(b) < len(a):
        a, b = b, a
    parts = [(f, w * b[f]) for f, w in a.items() if f in b]
    return sorted(parts, key=lambda item: (-item[1], item[0]))


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two sparse vectors (the score of two units)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(w * b[f] for f, w in a.items() if f in b)


def _postings(vectors: list[dict[str, float]]) -> dict[str, list[tuple[int, float]]]:
    """For each feature, the units where it weighs most, with its weight there (at most
    :data:`POSTINGS_CAP`; ties go to the earlier unit)."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, vector in enumerate(vectors):
        for feature, weight in vector.items():
            postings.setdefault(feature, []).append((i, weight))
    for where in postings.values():
        if len(where) > POSTINGS_CAP:
            where.sort(key=lambda posting: (-posting[1], posting[0]))
            del where[POSTINGS_CAP:]
    return postings


def nearest(
    i: int,
    vectors: list[dict[str, float]],
    postings: Mapping[str, list[tuple[int, float]]],
    slugs: list[str],
) -> list[tuple[int, float]]:
    """The units of other texts closest to unit ``i``, with their full scores: the
    :data:`CANDIDATES` best by the part of the score their shared features' postings
    give (a bounded amount of work), each then scored in full."""
    partial: dict[int, float] = defaultdict(float)
    for feature, weight in vectors[i].items():
        for j, other in postings.get(feature, ()):
            if slugs[j] != slugs[i]:
                partial[j] += weight * other
    best = heapq.nlargest(CANDIDATES, partial.items(), key=lambda item: (item[1], -item[0]))
    return [(j, dot(vectors[i], vectors[j])) for j, _ in best]


def score_all(
    items: list[Passage], vectors: list[dict[str, float]]
) -> dict[str, list[tuple[Passage, float]]]:
    """For every unit, its closest units of other texts with their scores, best first
    (ties broken by text and number), at most :data:`KEPT`.

    Only pairs that share a feature can score above 0: they are found through an
    inverted index instead of comparing every pair. A feature proposes only the units
    where it weighs most (:data:`POSTINGS_CAP`), each unit rescores only its
    :data:`CANDIDATES` best in full and keeps :data:`KEPT`: the work per unit is bounded,
    so the whole grows linearly with the corpus. A pair found from either side is kept
    on both."""
    postings = _postings(vectors)
    slugs = [p.slug for p in items]
    found: list[dict[int, float]] = [{} for _ in items]
    for i in range(len(items)):
        for j, score in nearest(i, vectors, postings, slugs):
            if score >= MIN_SCORE:
                found[i][j] = found[j][i] = score
    scored: dict[str, list[tuple[Passage, float]]] = {}
    for i, partners in enumerate(found):
        ranked = sorted(
            ((items[j], s) for j, s in partners.items()),
            key=lambda c: (-c[1], c[0].slug, c[0].number),
        )
        scored[items[i].key] = ranked[:KEPT]
    return scored


def bags_of(
    items: Iterable[Passage], concepts: Concepts | None = None, weights: Weights | None = None
) -> list[Counter[str]]:
    """The feature bags of ``items``, with the paraphrase patterns compiled once."""
    concepts = concepts or Concepts()
    patterns = concepts.patterns()
    return [features(p, concepts, patterns, weights) for p in items]
