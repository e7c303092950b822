"""Related passages: for each numbered paragraph, the closest paragraphs of the other texts.

A corpus-level pass (it needs all five numbered Documents). The method is plain and can be
explained on the page:

1. Every numbered paragraph becomes a bag of features: the Porter stems of its words
   (stop-words and words under three letters left out, :mod:`reader.text.stemming`) and, as
   extra features ``g:<id>``, the glossary entries the glossary pass annotated in it,
   each counted :data:`GLOSSARY_WEIGHT` times.
2. Features are weighted TF-IDF over all numbered paragraphs of the corpus: sub-linear
   term frequency ``1 + ln tf`` times smoothed ``ln((1 + N) / (1 + df)) + 1``; each
   vector is scaled to unit length.
3. Two paragraphs of different texts are related with the cosine of their vectors as
   score. A paragraph keeps its :data:`TOP_K` best partners that score at least
   :data:`THRESHOLD` (at most :data:`PER_TEXT` from any one text), and the features that
   contribute most to each score are kept as the explanation ("shared: compatriots,
   Russian World").

:data:`THRESHOLD` is chosen with ``scripts/evaluate_related.py`` (``make evaluate``),
which scores the method against ``scripts/evaluation/related-gold.yml``, pairs compiled by reading
the texts. The result is stored in the model as one :class:`~reader.core.model.Editorial` node
at the end of the paragraph, holding one ``Annotation(kind="related")`` per partner; the
emitter (:mod:`reader.emit.related`) turns it into a marker with a popover.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from reader.core.model import (
    Annotation,
    Block,
    Document,
    Editorial,
    Paragraph,
    Text,
    plain_text,
    walk_inlines,
)
from reader.text.stemming import content_stems, stem, tokens

#: Minimum cosine for a pair to be shown (chosen by ``make evaluate``; see the module doc).
THRESHOLD = 0.12
TOP_K = 3
PER_TEXT = 1
GLOSSARY_WEIGHT = 2
MAX_DF = 0.5
SHARED_SHOWN = 3
SNIPPET_WORDS = 25
KIND = "related"
HREF = "{slug}.md#{anchor}"  # relative to docs/texts/<slug>.md


@dataclass(frozen=True)
class Passage:
    """A numbered paragraph as the comparison sees it."""

    slug: str
    anchor: str
    number: int
    label: str  # "Kosachev 2012"
    text: str  # the source's words only (editorial additions left out)
    terms: tuple[str, ...]  # glossary entry ids annotated in the paragraph
    names: tuple[str, ...] = ()  # the words annotated for each entry, as the text has them

    @property
    def key(self) -> str:
        """``slug#anchor``, the passage's identity."""
        return f"{self.slug}#{self.anchor}"


@dataclass(frozen=True)
class Relation:
    """One related passage: where it is, how strongly, and the words that make it so."""

    source: str  # slug#anchor
    target: Passage
    score: float
    shared: tuple[str, ...]  # display forms, strongest first


def passages(docs: Iterable[Document]) -> list[Passage]:
    """Every numbered paragraph of ``docs``, in reading order."""
    out = []
    for doc in docs:
        for p in doc.citable():
            terms: dict[str, str] = {}
            for node in walk_inlines(p.inlines):
                if isinstance(node, Annotation) and node.kind == "term":
                    terms.setdefault(node.target, " ".join(plain_text(node.children).split()))
            text = " ".join(plain_text(p.inlines, editorial=False).split())
            label = doc.meta.citation_label
            out.append(
                Passage(
                    doc.meta.slug,
                    p.anchor,
                    p.number or 0,
                    label,
                    text,
                    tuple(terms),
                    tuple(terms.values()),
                )
            )
    return out


def features(passage: Passage) -> Counter[str]:
    """The passage's feature counts: word stems and weighted glossary entries."""
    counts: Counter[str] = Counter(content_stems(passage.text))
    for term in passage.terms if GLOSSARY_WEIGHT > 0 else ():
        counts[f"g:{term}"] += GLOSSARY_WEIGHT
    return counts


def tfidf(bags: list[Counter[str]], max_df: float | None = None) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (sub-linear tf, smoothed idf) for the bags; features
    found in more than ``max_df`` of the bags (:data:`MAX_DF`) are left out."""
    n = len(bags)
    limit = (MAX_DF if max_df is None else max_df) * n
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {f: math.log((1 + n) / (1 + d)) + 1 for f, d in df.items() if d <= limit}
    vectors = []
    for bag in bags:
        vec = {f: (1 + math.log(c)) * idf[f] for f, c in bag.items() if f in idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({f: v / norm for f, v in vec.items()})
    return vectors


def contributions(a: Mapping[str, float], b: Mapping[str, float]) -> list[tuple[str, float]]:
    """The shared features of two vectors with their part of the cosine, largest first."""
    if len(b) < len(a):
        a, b = b, a
    parts = [(f, w * b[f]) for f, w in a.items() if f in b]
    return sorted(parts, key=lambda item: (-item[1], item[0]))


#: How many paragraphs one feature may propose as candidates (see :func:`score_all`); on
#: the five texts any cap from 10 up gives the same links and evaluation figures.
POSTINGS_CAP = 10
#: Pairs scoring below this are not kept: it is under every threshold `make evaluate` tries.
MIN_SCORE = 0.05


def score_all(
    items: list[Passage], vectors: list[dict[str, float]] | None = None
) -> dict[str, list[tuple[Passage, float]]]:
    """For every passage, every passage of another text that shares a feature with it,
    with their cosine, best first (ties broken by text and number). ``vectors`` are the
    passages' TF-IDF vectors, computed here unless given."""
    if vectors is None:
        vectors = tfidf([features(p) for p in items])
    scored: dict[str, list[tuple[Passage, float]]] = {p.key: [] for p in items}
    # Only pairs that share a feature can score above 0: find them through an inverted
    # index instead of comparing every pair of paragraphs. A feature proposes only the
    # POSTINGS_CAP paragraphs where it weighs most, so the work per paragraph is bounded
    # and the whole grows linearly with the corpus; the pairs found are scored in full.
    postings: dict[str, list[int]] = {}
    for i, vector in enumerate(vectors):
        for feature in vector:
            postings.setdefault(feature, []).append(i)
    seen: list[set[int]] = [set() for _ in items]
    for feature, where in postings.items():
        if len(where) > POSTINGS_CAP:
            where.sort(key=lambda i: -vectors[i][feature])
            postings[feature] = where[:POSTINGS_CAP]
    for i, a in enumerate(items):
        partners = sorted({j for f in vectors[i] for j in postings[f] if j != i})
        for j in partners:
            b = items[j]
            if a.slug == b.slug or (j < i and i in seen[j]):
                continue
            seen[i].add(j)
            va, vb = vectors[i], vectors[j]
            if len(vb) < len(va):
                va, vb = vb, va
            score = sum(w * vb[f] for f, w in va.items() if f in vb)
            if score >= MIN_SCORE:  # under every threshold `make evaluate` tries
                scored[a.key].append((b, score))
                scored[b.key].append((a, score))
    for candidates in scored.values():
        candidates.sort(key=lambda c: (-c[1], c[0].slug, c[0].number))
    return scored


def select(
    candidates: list[tuple[Passage, float]],
    threshold: float,
    top_k: int = TOP_K,
    per_text: int = PER_TEXT,
) -> list[tuple[Passage, float]]:
    """The best candidates at or above ``threshold``: at most ``top_k`` in all and
    ``per_text`` from any one text."""
    chosen: list[tuple[Passage, float]] = []
    per: Counter[str] = Counter()
    for candidate in candidates:
        if candidate[1] < threshold or len(chosen) >= top_k:
            break
        if per[candidate[0].slug] < per_text:
            chosen.append(candidate)
            per[candidate[0].slug] += 1
    return chosen


def related_passages(
    docs: Iterable[Document],
    headwords: Mapping[str, str] | None = None,
    threshold: float = THRESHOLD,
) -> dict[str, list[Relation]]:
    """``slug#anchor`` -> the related passages of the other texts, best first."""
    items = passages(docs)
    vectors = tfidf([features(p) for p in items])
    index = {p.key: i for i, p in enumerate(items)}
    surfaces: dict[str, Surface] = {}
    out: dict[str, list[Relation]] = defaultdict(list)
    for key, candidates in score_all(items, vectors).items():
        source = items[index[key]]
        for target, score in select(candidates, threshold):
            # Explained only for the pairs shown: the features' parts of the cosine.
            parts = contributions(vectors[index[key]], vectors[index[target.key]])
            shared = shared_labels(parts, source, target, headwords or {}, surfaces)
            out[key].append(Relation(key, target, round(score, 4), shared))
    return dict(out)


#: The spellings of each stem in a passage, in order of first use: stem -> word -> count.
Surface = dict[str, Counter[str]]


def surface_forms(text: str) -> Surface:
    """How the words of ``text`` spell each stem, with counts."""
    surface: Surface = defaultdict(Counter)
    for word in tokens(text):
        surface[stem(word)][word] += 1
    return surface


def shared_labels(
    parts: list[tuple[str, float]],
    a: Passage,
    b: Passage,
    headwords: Mapping[str, str],
    surfaces: dict[str, Surface] | None = None,
) -> tuple[str, ...]:
    """Readable names of the top contributing features: a glossary entry as the words of
    passage ``a`` spell it (else its headword), or the commonest spelling of a stem in the
    two passages; a stem already named by a glossary entry is skipped. ``surfaces``
    keeps each passage's :func:`surface_forms` across calls (key: the passage's key)."""
    surfaces = {} if surfaces is None else surfaces
    for passage in (a, b):
        if passage.key not in surfaces:
            surfaces[passage.key] = surface_forms(passage.text)
    in_a, in_b = surfaces[a.key], surfaces[b.key]
    names = dict(zip(a.terms, a.names, strict=False))
    labels: list[str] = []
    covered: set[str] = set()
    for feature, _ in parts[: SHARED_SHOWN * 3]:
        if feature.startswith("g:"):
            covered.update(content_stems(headwords.get(feature[2:], feature[2:])))
            covered.update(content_stems(names.get(feature[2:], "")))
    for feature, _ in parts:
        if feature.startswith("g:"):
            entry = feature[2:]
            label = names.get(entry) or headwords.get(entry, entry.replace("-", " "))
        elif feature in covered:
            continue
        else:
            spelled = in_a.get(feature, Counter()) + in_b.get(feature, Counter())
            label = spelled.most_common(1)[0][0] if spelled else feature
        if label.casefold() not in (x.casefold() for x in labels):
            labels.append(label)
        if len(labels) >= SHARED_SHOWN:
            break
    return tuple(labels)


def snippet(text: str, words: int = SNIPPET_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def marker(relations: list[Relation]) -> Editorial:
    """The model node for a paragraph's related passages: one ``related`` annotation per
    partner (label as children, the snippet as tooltip, the shared words in a nested
    editorial node, the link as href)."""
    items = []
    for r in relations:
        t = r.target
        items.append(
            Annotation(
                kind=KIND,
                target=t.key,
                children=(Text(f"{t.label}, ¶{t.number}"), Editorial((Text(", ".join(r.shared)),))),
                tooltip=snippet(t.text),
                href=HREF.format(slug=t.slug, anchor=t.anchor),
            )
        )
    return Editorial(tuple(items))


def link_related(docs: list[Document], relations: Mapping[str, list[Relation]]) -> list[Document]:
    """New documents whose related paragraphs end with a :func:`marker` node."""

    def block(slug: str, node: Block) -> Block:
        if not isinstance(node, Paragraph) or not node.anchor:
            return node
        found = relations.get(f"{slug}#{node.anchor}")
        if not found:
            return node
        return replace(node, inlines=(*node.inlines, marker(found)))

    out = []
    for doc in docs:
        slug = doc.meta.slug
        out.append(
            replace(
                doc,
                front=tuple(block(slug, b) for b in doc.front),
                blocks=tuple(block(slug, b) for b in doc.blocks),
            )
        )
    return out
