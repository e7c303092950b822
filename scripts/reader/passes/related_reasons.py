"""Why two related units are linked, in a reader's words (:mod:`reader.passes.related`).

The parts of a link's score (:func:`reader.passes.related_score.contributions`) are named
as a reader knows them: a glossary concept as the glossary (or the text) names it, a word
stem by its commonest spelling in the two passages. :func:`reason_of` makes the sentence
shown with the link ("both discuss compatriots and Rossotrudnichestvo").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping

from reader.passes.related_units import Passage
from reader.text.stemming import content_stems, stem, tokens

SHARED_SHOWN = 3

#: The spellings of each stem in a passage, in order of first use: stem -> word -> count.
Surface = dict[str, Counter[str]]


def surface_forms(text: str) -> Surface:
    """How the words of ``text`` spell each stem, with counts."""
    surface: Surface = defaultdict(Counter)
    for word in tokens(text):
        surface[stem(word)][word] += 1
    return surface


def _stems_of(text: str, cache: dict[str, list[str]]) -> list[str]:
    """:func:`content_stems` of ``text``, kept in ``cache`` (a headword recurs in many
    links)."""
    if text not in cache:
        cache[text] = content_stems(text)
    return cache[text]


def _concept_label(entry: str, a: Passage, headwords: Mapping[str, str]) -> str:
    names = dict(zip(a.terms, a.names, strict=False))
    return names.get(entry) or headwords.get(entry, entry.replace("-", " "))


def shared_labels(
    parts: list[tuple[str, float]],
    a: Passage,
    b: Passage,
    headwords: Mapping[str, str],
    surfaces: dict[str, Surface] | None = None,
    stems: dict[str, list[str]] | None = None,
) -> tuple[str, ...]:
    """Readable names of the top contributing features: a glossary entry as the words of
    passage ``a`` spell it (else its headword), or the commonest spelling of a stem in the
    two passages; a stem already named by a glossary entry is skipped. ``surfaces``
    keeps each passage's :func:`surface_forms` across calls (key: the passage's key),
    ``stems`` the stems of the names."""
    surfaces = {} if surfaces is None else surfaces
    stems = {} if stems is None else stems
    for passage in (a, b):
        if passage.key not in surfaces:
            surfaces[passage.key] = surface_forms(passage.text)
    in_a, in_b = surfaces[a.key], surfaces[b.key]
    covered: set[str] = set()
    for feature, _ in parts[: SHARED_SHOWN * 3]:
        if feature.startswith("g:"):
            covered.update(_stems_of(headwords.get(feature[2:], feature[2:]), stems))
            covered.update(_stems_of(_concept_label(feature[2:], a, headwords), stems))
    labels: list[str] = []
    for feature, _ in parts:
        if feature.startswith("g:"):
            label = _concept_label(feature[2:], a, headwords)
        elif feature in covered:
            continue
        else:
            spelled = in_a.get(feature, Counter()) + in_b.get(feature, Counter())
            label = max(spelled, key=spelled.__getitem__) if spelled else feature
        if label.casefold() not in (x.casefold() for x in labels):
            labels.append(label)
        if len(labels) >= SHARED_SHOWN:
            break
    return tuple(labels)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def glossary_links(
    parts: list[tuple[str, float]],
    own_a: Collection[str],
    own_b: Collection[str],
    neighbours: Mapping[str, tuple[str, ...]],
) -> list[tuple[str, str]]:
    """The (entry of a, entry of b) pairs whose part of the score comes from the glossary
    relating them (``related:``) rather than from both units naming one entry; ``own_a``
    and ``own_b`` are the features the units have themselves."""
    out: list[tuple[str, str]] = []
    for feature, _ in parts:
        if not feature.startswith("g:") or (feature in own_a) == (feature in own_b):
            continue
        entry, lacking = feature[2:], own_b if feature in own_a else own_a
        via = next((o for o in neighbours.get(entry, ()) if f"g:{o}" in lacking), None)
        pair = (entry, via) if feature in own_a else (via, entry)
        if via is not None and pair not in out:
            out.append(pair)
    return out


def reason_of(
    parts: list[tuple[str, float]],
    a: Passage,
    headwords: Mapping[str, str],
    shared: tuple[str, ...],
    links: list[tuple[str, str]] | None = None,
) -> str:
    """Why two units are linked, in a reader's words: the concepts both discuss (as the
    glossary names them), else the words they share; then the concepts of one that the
    glossary relates to concepts of the other (``links``, :func:`glossary_links`).
    ``parts`` are the features both units have themselves."""
    said = _shared_reason(parts, headwords, shared)
    if not links:
        return said
    x, y = links[0]  # the largest part of the score
    related = f"the glossary relates {headwords.get(x, x)} to {headwords.get(y, y)}"
    return f"{said}; {related}" if said else related


def _shared_reason(
    parts: list[tuple[str, float]], headwords: Mapping[str, str], shared: tuple[str, ...]
) -> str:
    concepts: list[str] = []
    for feature, _ in parts:
        if feature.startswith("g:"):
            name = headwords.get(feature[2:], feature[2:].replace("-", " "))
            if name not in concepts:
                concepts.append(name)
        if len(concepts) >= SHARED_SHOWN:
            break
    if concepts:
        return f"both discuss {_and(concepts)}"
    return f"they share the words {_and(list(shared))}" if shared else ""
