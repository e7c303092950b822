"""The glossary pass: the first mention of each term in a paragraph becomes an annotation.

Terms are found by :class:`reader.text.matching.TermMatcher` (one scan per text, leftmost
then longest, at word boundaries).

The pass rewrites :class:`~reader.core.model.Text` nodes only, through
:func:`~reader.core.model.map_text`, in paragraphs and footnote paragraphs, never in headings,
links, footnote markers or other annotations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from reader.core.model import (
    Annotation,
    Block,
    Document,
    Inline,
    Inlines,
    Paragraph,
    Text,
    map_text,
    plain_text,
    walk_inlines,
)
from reader.inputs.glossary import Entry, Glossary
from reader.text.matching import Match, TermMatcher

#: Where a glossary link points, relative to ``docs/texts/<slug>.md``; MkDocs resolves it.
GLOSSARY_HREF = "../glossary.md#{id}"
CONTEXT_CHARS = 48


@dataclass(frozen=True)
class TermOccurrence:
    """One annotated mention: where it is, which entry, the words and their context."""

    slug: str
    anchor: str  # "p12" for a paragraph, "fn:3" for a footnote, "" when unnumbered
    entry_id: str
    matched: str
    before: str  # context to the left of the words, at most CONTEXT_CHARS
    after: str

    @property
    def kwic(self) -> str:
        """The keyword in context, e.g. '…the concept of soft power, whose author…'."""
        return f"…{self.before}{self.matched}{self.after}…"


# ------------------------------------------------------------------------------ pass


def annotate_terms(doc: Document, glossary: Glossary) -> tuple[Document, list[TermOccurrence]]:
    """Annotate the first mention of each glossary term in every paragraph and footnote
    paragraph; return the new document and every annotated occurrence in reading order."""
    matcher = glossary.matcher
    slug = doc.meta.slug
    occurrences: list[TermOccurrence] = []

    def block(node: Block) -> Block:
        if not isinstance(node, Paragraph):
            return node
        inlines, found = annotate_inlines(node.inlines, matcher, slug, node.anchor)
        occurrences.extend(found)
        return replace(node, inlines=inlines)

    front = tuple(block(b) for b in doc.front)
    blocks = tuple(block(b) for b in doc.blocks)
    footnotes = []
    for note in doc.footnotes:
        paragraphs = []
        for inlines in note.paragraphs:
            new, found = annotate_inlines(inlines, matcher, slug, f"fn:{note.label}")
            paragraphs.append(new)
            occurrences.extend(found)
        footnotes.append(replace(note, paragraphs=tuple(paragraphs)))
    new_doc = replace(doc, front=front, blocks=blocks, footnotes=tuple(footnotes))
    return new_doc, occurrences


def annotate_inlines(
    inlines: Inlines, matcher: TermMatcher[Entry], slug: str, anchor: str
) -> tuple[Inlines, list[TermOccurrence]]:
    """Annotate the first mention of each term in one paragraph's inline nodes."""
    texts: list[str] = []

    def collect(node: Text) -> Inlines:
        texts.append(node.text)
        return (node,)

    map_text(inlines, collect)
    stream = "".join(texts)
    seen: set[str] = set()
    plans: list[list[Match[Entry]]] = []
    occurrences: list[TermOccurrence] = []
    offset = 0
    for text in texts:
        plan = []
        for match in matcher.find(text):
            if match.entry.id not in seen:
                seen.add(match.entry.id)
                plan.append(match)
                occurrences.append(_occurrence(slug, anchor, match, stream, offset))
        plans.append(plan)
        offset += len(text)
    occurrences.extend(_inside_annotations(inlines, matcher, slug, anchor, seen))
    queue = iter(plans)
    return map_text(inlines, _rewriter(queue)), occurrences


def _inside_annotations(
    inlines: Inlines, matcher: TermMatcher[Entry], slug: str, anchor: str, seen: set[str]
) -> list[TermOccurrence]:
    """Terms inside another annotation (a cited title, say) are not annotated again —
    a tooltip cannot sit inside another — but they still appear in "where it appears"."""
    found: list[TermOccurrence] = []
    for node in walk_inlines(inlines):
        if not isinstance(node, Annotation):
            continue
        text = plain_text(node.children)
        for match in matcher.find(text):
            if match.entry.id not in seen:
                seen.add(match.entry.id)
                found.append(_occurrence(slug, anchor, match, text, 0))
    return found


def _rewriter(plans: Iterator[list[Match[Entry]]]) -> Callable[[Text], Inlines]:
    def rewrite(node: Text) -> Inlines:
        plan = next(plans)
        if not plan:
            return (node,)
        out: list[Inline] = []
        pos = 0
        for match in plan:
            if match.start > pos:
                out.append(Text(node.text[pos : match.start]))
            out.append(term_annotation(match.entry, node.text[match.start : match.end]))
            pos = match.end
        if pos < len(node.text):
            out.append(Text(node.text[pos:]))
        return tuple(out)

    return rewrite


def term_annotation(entry: Entry, words: str) -> Annotation:
    """The annotation over ``words`` for a glossary entry."""
    return Annotation(
        kind="term",
        target=entry.id,
        children=(Text(words),),
        tooltip=entry.tooltip,
        href=GLOSSARY_HREF.format(id=entry.id),
    )


def _occurrence(
    slug: str, anchor: str, match: Match[Entry], stream: str, offset: int
) -> TermOccurrence:
    start, end = offset + match.start, offset + match.end
    before = stream[max(0, start - CONTEXT_CHARS) : start]
    after = stream[end : end + CONTEXT_CHARS]
    if start > CONTEXT_CHARS:
        before = re.sub(r"^\S*\s?", "", before, count=1)  # drop a cut word
    if end + CONTEXT_CHARS < len(stream):
        after = re.sub(r"\s?\S*$", "", after, count=1)
    return TermOccurrence(
        slug=slug,
        anchor=anchor,
        entry_id=match.entry.id,
        matched=" ".join(stream[start:end].split()),
        before=_squash(before),
        after=_squash(after),
    )


def _squash(text: str) -> str:
    """Collapse whitespace runs to one space, keeping one at either edge if there was one."""
    return re.sub(r"\s+", " ", text)
