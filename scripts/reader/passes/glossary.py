"""The glossary pass: the first mention of each term in a paragraph becomes an annotation.

Matching is one Aho–Corasick automaton over every spelling of every entry, folded by
:func:`reader.inputs.glossary.fold_key`, so a text is scanned once, in time linear in its length
whatever the size of the glossary: each character costs at most one forward transition
plus failure transitions paid for by earlier forward ones (:class:`ScanStats` counts
them). Of overlapping candidates the leftmost wins, then the longest ("Russian soft power"
over "soft power"). A candidate must start and end at word boundaries, and a
``case_sensitive`` entry must match its spelling exactly.

The pass rewrites :class:`~reader.core.model.Text` nodes only, through
:func:`~reader.core.model.map_text`, in paragraphs and footnote paragraphs, never in headings,
links, footnote markers or other annotations.
"""

from __future__ import annotations

import re
from collections import deque
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
from reader.inputs.glossary import Entry, Glossary, fold_key, fold_text

#: Where a glossary link points, relative to ``docs/texts/<slug>.md``; MkDocs resolves it.
GLOSSARY_HREF = "../glossary.md#{id}"
CONTEXT_CHARS = 48
#: Web and mail addresses written as plain text; no term is annotated inside one.
URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]+|[\w.+-]+@[\w-]+\.[\w.-]+", re.I)


@dataclass(frozen=True)
class Match:
    """A term found in a string: ``text[start:end]`` is a spelling of ``entry``."""

    start: int
    end: int
    entry: Entry


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


@dataclass
class ScanStats:
    """Work done by :meth:`TermMatcher.find`: automaton transitions and outputs visited."""

    chars: int = 0
    transitions: int = 0
    outputs: int = 0


def _is_word(ch: str) -> bool:
    return ch.isalpha() or ch.isdecimal()


class TermMatcher:
    """An Aho–Corasick automaton over the folded spellings of a glossary."""

    def __init__(self, glossary: Glossary):
        self._goto: list[dict[str, int]] = [{}]
        self._fail: list[int] = [0]
        self._out: list[list[tuple[int, Entry, str]]] = [[]]  # (length, entry, spelling)
        self._next_out: list[int] = [0]  # nearest proper suffix state with outputs
        for entry in glossary:
            for spelling in entry.keys:
                self._add(fold_key(spelling), entry, spelling)
        self._link()

    def _add(self, key: str, entry: Entry, spelling: str) -> None:
        state = 0
        for ch in key:
            nxt = self._goto[state].get(ch)
            if nxt is None:
                nxt = len(self._goto)
                self._goto.append({})
                self._fail.append(0)
                self._out.append([])
                self._next_out.append(0)
                self._goto[state][ch] = nxt
            state = nxt
        self._out[state].append((len(key), entry, spelling))

    def _link(self) -> None:
        queue = deque(self._goto[0].values())
        while queue:
            state = queue.popleft()
            for ch, child in self._goto[state].items():
                fail = self._fail[state]
                while fail and ch not in self._goto[fail]:
                    fail = self._fail[fail]
                target = self._goto[fail].get(ch, 0)
                self._fail[child] = 0 if target == child else target
                target = self._fail[child]
                self._next_out[child] = target if self._out[target] else self._next_out[target]
                queue.append(child)

    def find(self, text: str, stats: ScanStats | None = None) -> list[Match]:
        """Non-overlapping matches in ``text``, leftmost first, longest at each start."""
        stats = stats if stats is not None else ScanStats()
        in_url = _url_mask(text)
        longest: dict[int, Match] = {}
        fed: list[int] = []  # index in ``text`` of each character fed to the automaton
        state = 0
        for i, ch in enumerate(fold_text(text)):
            if ch == " " and fed and text[fed[-1]].isspace():
                continue  # a whitespace run is one space
            fed.append(i)
            stats.chars += 1
            while state and ch not in self._goto[state]:
                state = self._fail[state]
                stats.transitions += 1
            state = self._goto[state].get(ch, 0)
            stats.transitions += 1
            out = state if self._out[state] else self._next_out[state]
            while out:
                for length, entry, spelling in self._out[out]:
                    stats.outputs += 1
                    start = fed[len(fed) - length]
                    if not in_url[start] and self._accept(text, start, i + 1, entry, spelling):
                        best = longest.get(start)
                        if best is None or best.end < i + 1:
                            longest[start] = Match(start, i + 1, entry)
                out = self._next_out[out]
        return _leftmost(longest, len(text))

    @staticmethod
    def _accept(text: str, start: int, end: int, entry: Entry, spelling: str) -> bool:
        if _is_word(spelling[0]) and start > 0 and _is_word(text[start - 1]):
            return False
        if _is_word(spelling[-1]) and end < len(text) and _is_word(text[end]):
            return False
        if entry.case_sensitive:
            return fold_key(text[start:end], case=False) == fold_key(spelling, case=False)
        return True


def _url_mask(text: str) -> bytearray:
    """1 for every character inside a web or mail address written as plain text."""
    mask = bytearray(len(text))
    for url in URL_RE.finditer(text):
        mask[url.start() : url.end()] = b"\x01" * (url.end() - url.start())
    return mask


def _leftmost(longest: dict[int, Match], size: int) -> list[Match]:
    chosen: list[Match] = []
    end = 0
    for start in range(size):
        match = longest.get(start)
        if match is not None and start >= end:
            chosen.append(match)
            end = match.end
    return chosen


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
    inlines: Inlines, matcher: TermMatcher, slug: str, anchor: str
) -> tuple[Inlines, list[TermOccurrence]]:
    """Annotate the first mention of each term in one paragraph's inline nodes."""
    texts: list[str] = []

    def collect(node: Text) -> Inlines:
        texts.append(node.text)
        return (node,)

    map_text(inlines, collect)
    stream = "".join(texts)
    seen: set[str] = set()
    plans: list[list[Match]] = []
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
    inlines: Inlines, matcher: TermMatcher, slug: str, anchor: str, seen: set[str]
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


def _rewriter(plans: Iterator[list[Match]]) -> Callable[[Text], Inlines]:
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


def _occurrence(slug: str, anchor: str, match: Match, stream: str, offset: int) -> TermOccurrence:
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
