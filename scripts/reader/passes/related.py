"""Related passages: for each unit of a text, the closest units of the other texts.

A corpus-level pass (it needs all five numbered Documents). The method is plain and can be
explained on the page:

1. The units are numbered paragraphs, an interview question joined to its answer and a
   very short block joined to its neighbour (:mod:`reader.passes.related_units`).
2. Each unit is a bag of word stems and glossary concepts (aliases and declared
   paraphrases, and a share of the entries the glossary relates to them), weighed by
   TF-IDF and divided by a pivoted length; two units of
   different texts score the dot product of their vectors (:mod:`reader.passes.related_score`).
3. Each link gets a **band**: ``strong`` from :attr:`Bands.strong` up, shown by default;
   ``possible`` from :attr:`Bands.possible` up, shown on the related page behind a
   collapsed "More, less certain links" control (:mod:`reader.emit.related_page`) and
   published in the Web Annotation export with the strong ones. A unit keeps at most
   :attr:`Bands.top_k` strong and :attr:`Bands.more_k` possible links, one per text.
   Where no setting reaches the target precision on the development half, the strong
   band is withheld (:data:`WITHHELD`): no computed link is shown by default, and every
   one waits behind that control.
4. A pair the editors already joined (``see also``, ``disagrees`` in
   ``sources/<slug>/annotations.yml``) is not linked again by computation: the declared
   link comes first and is never displaced, and it does not use up a computed slot.
5. Each link carries its **reason** in words: the concepts the two units share, named as
   the glossary names them, else the words they share, and the concepts of one that the
   glossary relates to concepts of the other.

:data:`WEIGHTS` and :data:`BANDS` are chosen on the development half of
``scripts/evaluation/related-gold.yml`` only, by ``scripts/evaluate_related.py --write``
(``make tune``), which writes them as data to ``related_settings.yml`` beside this module;
``make evaluate`` reports the test half. The result is stored in the model as one
:class:`~reader.core.model.Editorial` node on the unit's longest paragraph, holding one
``Annotation(kind="related")`` per link with its band and reason; the emitter
(:mod:`reader.emit.related`) turns it into a marker with a popover.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from reader.core.model import Annotation, Block, Document, Editorial, Paragraph, Text
from reader.inputs.glossary import Entry
from reader.passes.related_bands import (
    WITHHELD,
    Bands,
    configured,
    forget_settings,
)
from reader.passes.related_reasons import (
    SHARED_SHOWN,
    Surface,
    glossary_links,
    reason_of,
    shared_labels,
)
from reader.passes.related_score import (
    NAMES,
    Concepts,
    Weights,
    bags_of,
    contributions,
    score_all,
    vectors_of,
)
from reader.passes.related_units import Passage, passages

__all__ = [
    "WITHHELD",
    "Bands",
    "Passage",
    "configured",
    "forget_settings",
    "passages",
    "reason_of",
    "score_all",
    "shared_labels",
]

STRONG = "strong"
POSSIBLE = "possible"
KIND = "related"
HREF = "{slug}.md#{anchor}"  # relative to docs/texts/<slug>.md
SNIPPET_WORDS = 25


def __getattr__(name: str) -> object:
    """:data:`WEIGHTS` and :data:`BANDS`, read from the settings file
    (:data:`reader.passes.related_bands.SETTINGS`) at their first use
    (so that a broken file is a diagnostic of the build, not an error at import)."""
    if name in ("WEIGHTS", "BANDS"):
        return configured()[name == "BANDS"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _setting(name: str) -> object:
    """:data:`WEIGHTS` or :data:`BANDS` as they are at the call (a test may set them)."""
    return globals()[name] if name in globals() else __getattr__(name)


@dataclass(frozen=True)
class Relation:
    """One related unit: where it is, how strongly, in which band, and why."""

    source: str  # slug#anchor of the unit that shows the link
    target: Passage
    score: float
    shared: tuple[str, ...]  # display forms, strongest first
    band: str = STRONG
    reason: str = ""


def concepts_of(entries: Iterable[Entry]) -> tuple[Concepts, dict[str, str]]:
    """The scorer's view of the glossary, and each entry's headword."""
    entries = list(entries)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for other in e.related:
            neighbours[e.id].add(other)
            neighbours[other].add(e.id)
    concepts = Concepts(
        {e.id: e.category for e in entries},
        {e.id: e.paraphrases for e in entries if e.paraphrases},
        {entry: tuple(sorted(others)) for entry, others in neighbours.items()},
    )
    return concepts, {e.id: e.headword for e in entries}


def select(
    candidates: list[tuple[Passage, float]],
    bands: Bands,
    skip: Iterable[str] = (),
    sure: Callable[[Passage], bool] = lambda target: True,
) -> list[tuple[Passage, float, str]]:
    """The candidates a unit keeps, with their band: the best from :attr:`Bands.possible`
    up, at most ``top_k`` strong and ``more_k`` possible, ``per_text`` from any one
    text; units in ``skip`` (joined by the editors already) are passed over. A candidate
    is strong when it scores from :attr:`Bands.strong` and ``sure`` of it holds (the
    band's other conditions, :func:`sure_of`). A withheld strong band's slots go to the
    possible band: withholding moves links there, it drops none."""
    skip = set(skip)
    room = bands.more_k if bands.shows_strong else bands.top_k + bands.more_k
    chosen: list[tuple[Passage, float, str]] = []
    per: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for target, score in candidates:
        if score < bands.possible:
            break
        if target.key in skip or per[target.slug] >= bands.per_text:
            continue
        strong = score >= bands.strong and counts[STRONG] < bands.top_k and sure(target)
        band = STRONG if strong else POSSIBLE
        if band == POSSIBLE and counts[POSSIBLE] >= room:
            continue
        chosen.append((target, score, band))
        per[target.slug] += 1
        counts[band] += 1
    return chosen


def best_by_text(
    scored: Mapping[str, list[tuple[Passage, float]]], depth: int = 2
) -> dict[tuple[str, str], int]:
    """(unit, unit) -> the rank (1 = best) of the second among the first's partners in
    the second's text, for the ``depth`` best partners in each other text."""
    out: dict[tuple[str, str], int] = {}
    for key, candidates in scored.items():
        seen: Counter[str] = Counter()
        for target, _ in candidates:
            if seen[target.slug] < depth:
                seen[target.slug] += 1
                out[(key, target.key)] = seen[target.slug]
    return out


def sure_of(
    key: str,
    bands: Bands,
    best: Mapping[tuple[str, str], int],
    vectors: Mapping[str, Mapping[str, float]],
    concepts: Concepts,
) -> Callable[[Passage], bool]:
    """The strong band's conditions for the links of unit ``key``: mutual best partners
    (each among the other's :attr:`Bands.mutual` best in its text), a shared concept
    that is not a person or place (:attr:`Bands.concept`)."""

    def sure(target: Passage) -> bool:
        if bands.mutual:
            ranks = (best.get((key, target.key), 99), best.get((target.key, key), 99))
            if max(ranks) > bands.mutual:
                return False
        if bands.concept:
            shared = set(vectors[key]) & set(vectors[target.key])
            return any(
                f.startswith("g:") and concepts.categories.get(f[2:]) not in NAMES for f in shared
            )
        return True

    return sure


def editorial_units(items: list[Passage], pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """For each unit, the units the editors joined it to (``pairs`` of paragraph keys)."""
    unit = {key: p.key for p in items for key in p.paragraph_keys()}
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        if a in unit and b in unit:
            out[unit[a]].add(unit[b])
            out[unit[b]].add(unit[a])
    return out


def related_passages(
    docs: Iterable[Document],
    entries: Iterable[Entry] = (),
    editorial: Iterable[tuple[str, str]] = (),
    weights: Weights | None = None,
    bands: Bands | None = None,
) -> dict[str, list[Relation]]:
    """``slug#anchor`` of a unit -> its related units of the other texts, best first.
    ``entries`` is the glossary; ``editorial`` the pairs of paragraph keys the editors'
    see-also and disagrees notes join; ``weights`` and ``bands`` :data:`WEIGHTS` and
    :data:`BANDS` unless given (read at the call, so a test can build an edition under
    other bands)."""
    weights = _setting("WEIGHTS") if weights is None else weights
    bands = _setting("BANDS") if bands is None else bands
    items = passages(docs)
    concepts, headwords = concepts_of(entries)
    bags = bags_of(items, concepts, weights)
    vectors = vectors_of(bags, concepts, weights)
    index = {p.key: i for i, p in enumerate(items)}
    by_key = {p.key: v for p, v in zip(items, vectors, strict=True)}
    declared = editorial_units(items, editorial)
    scored = score_all(items, vectors)
    best = best_by_text(scored)
    surfaces: dict[str, Surface] = {}
    stems: dict[str, list[str]] = {}
    out: dict[str, list[Relation]] = defaultdict(list)
    for key, candidates in scored.items():
        source = items[index[key]]
        sure = sure_of(key, bands, best, by_key, concepts)
        for target, score, band in select(candidates, bands, declared.get(key, ()), sure):
            # Explained only for the pairs kept: the features' parts of the score.
            i, j = index[key], index[target.key]
            parts = contributions(vectors[i], vectors[j])
            # A relation of the glossary is named only among the score's largest parts.
            links = glossary_links(parts[:SHARED_SHOWN], bags[i], bags[j], concepts.neighbours)
            own = [(f, w) for f, w in parts if f in bags[i] and f in bags[j]]
            shared = shared_labels(own, source, target, headwords, surfaces, stems)
            reason = reason_of(own, source, headwords, shared, links)
            out[key].append(Relation(key, target, round(score, 4), shared, band, reason))
    return dict(out)


def snippet(text: str, words: int = SNIPPET_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def marker(relations: list[Relation]) -> Editorial:
    """The model node for a unit's related passages: one ``related`` annotation per
    link (label as children, the snippet as tooltip, the shared words in a nested
    editorial node, the link as href, with its band, score and reason)."""
    items = []
    for r in relations:
        t = r.target
        items.append(
            Annotation(
                kind=KIND,
                target=t.key,
                children=(Text(f"{t.label}, {t.cite}"), Editorial((Text(", ".join(r.shared)),))),
                tooltip=snippet(t.text),
                href=HREF.format(slug=t.slug, anchor=t.start),
                band=r.band,
                reason=r.reason,
                score=r.score,
            )
        )
    return Editorial(tuple(items))


def link_related(docs: list[Document], relations: Mapping[str, list[Relation]]) -> list[Document]:
    """New documents whose linked units end their longest paragraph with a
    :func:`marker` node."""

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
