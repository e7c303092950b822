"""The units the related-passages pass compares: numbered paragraphs, some joined.

A numbered paragraph is the unit a reader cites, but not always the unit that makes a
point. Two kinds of block cannot stand alone (``make evaluate`` showed them as hubs that
collected links for the words they share with everything):

- an interview **question** is joined to the paragraph that answers it, so that "Are there
  any ways in which Russia could improve its image abroad?" is compared together with the
  answer that says how;
- a **very short block** (under :data:`MIN_WORDS` words: a lead-in ending with a colon, a
  one-line task, the key words of an abstract) is joined to the paragraph after it, or to
  the one before it when it is the last of its text.

A joined unit neither gives nor takes links through its parts alone: it is compared as
one, its related list is shown on its longest paragraph (:attr:`Passage.anchor`) and a link
to it opens at its first paragraph (:attr:`Passage.start`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from reader.core.model import Annotation, Document, Paragraph, plain_text, walk_inlines

#: A block of fewer words than this is joined to its neighbour. Chosen by reading: the
#: numbered blocks under 25 words of the five texts are lead-ins ("Image … can be described
#: as:"), one-line tasks, questions, the key words of an abstract and single list items.
MIN_WORDS = 25


@dataclass(frozen=True)
class Passage:
    """A unit as the comparison sees it: one numbered paragraph, or several joined."""

    slug: str
    anchor: str  # the paragraph that shows the unit's related list (its longest)
    number: int
    label: str  # "Kosachev 2012"
    text: str  # the source's words only (editorial additions left out)
    terms: tuple[str, ...]  # glossary entry ids annotated in the unit
    names: tuple[str, ...] = ()  # the words annotated for each entry, as the text has them
    anchors: tuple[str, ...] = ()  # every paragraph of the unit, in order ("" = just anchor)
    numbers: tuple[int, ...] = ()
    asked: str = ""  # the words of an interview question joined to its answer (they lead)

    @property
    def key(self) -> str:
        """``slug#anchor``, the unit's identity."""
        return f"{self.slug}#{self.anchor}"

    @property
    def start(self) -> str:
        """The anchor of the unit's first paragraph, where a link to it opens."""
        return self.anchors[0] if self.anchors else self.anchor

    @property
    def cite(self) -> str:
        """The paragraph numbers as a reader cites them: ``¶12`` or ``¶28–29``."""
        numbers = self.numbers or (self.number,)
        if len(numbers) == 1:
            return f"¶{numbers[0]}"
        return f"¶{numbers[0]}–{numbers[-1]}"

    def paragraph_keys(self) -> Iterator[str]:
        """``slug#anchor`` of every paragraph of the unit."""
        for anchor in self.anchors or (self.anchor,):
            yield f"{self.slug}#{anchor}"


def paragraph_passage(doc: Document, p: Paragraph) -> Passage:
    """One numbered paragraph as a passage of its own."""
    terms: dict[str, str] = {}
    for node in walk_inlines(p.inlines):
        if isinstance(node, Annotation) and node.kind == "term":
            terms.setdefault(node.target, " ".join(plain_text(node.children).split()))
    text = " ".join(plain_text(p.inlines, editorial=False).split())
    number = p.number or 0
    return Passage(
        doc.meta.slug,
        p.anchor,
        number,
        doc.meta.citation_label,
        text,
        tuple(terms),
        tuple(terms.values()),
        (p.anchor,),
        (number,),
    )


def join(parts: list[Passage], questions: frozenset[str] = frozenset()) -> Passage:
    """One passage made of consecutive ``parts`` of a text; the leading parts whose
    anchors are in ``questions`` are what it :attr:`~Passage.asked`."""
    if len(parts) == 1:
        return parts[0]
    lead = 0
    while lead < len(parts) - 1 and parts[lead].anchor in questions:
        lead += 1
    main = max(parts, key=lambda p: len(p.text.split()))
    terms: dict[str, str] = {}
    for part in parts:
        for term, name in zip(part.terms, part.names, strict=False):
            terms.setdefault(term, name)
    return replace(
        main,
        text=" ".join(p.text for p in parts),
        terms=tuple(terms),
        names=tuple(terms.values()),
        anchors=tuple(a for p in parts for a in p.anchors),
        numbers=tuple(n for p in parts for n in p.numbers),
        asked=" ".join(p.text for p in parts[:lead]),
    )


def _groups(blocks: list[tuple[Paragraph, Passage]]) -> list[list[Passage]]:
    """Consecutive paragraphs grouped: a question or a short block takes the next one."""
    groups: list[list[Passage]] = []
    open_group = False
    for block, passage in blocks:
        if open_group:
            groups[-1].append(passage)
        else:
            groups.append([passage])
        words = sum(len(p.text.split()) for p in groups[-1])
        open_group = block.role == "question" or words < MIN_WORDS
    if open_group and len(groups) > 1:  # a short last block joins the one before it
        groups[-2].extend(groups.pop())
    return groups


def passages(docs: Iterable[Document]) -> list[Passage]:
    """Every unit of ``docs``, in reading order."""
    out = []
    for doc in docs:
        blocks = [(p, paragraph_passage(doc, p)) for p in doc.citable()]
        questions = frozenset(p.anchor for p in doc.citable() if p.role == "question")
        out.extend(join(group, questions) for group in _groups(blocks))
    return out
