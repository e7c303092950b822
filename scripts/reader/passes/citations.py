"""The citation pass: link source words to entries of the shared bibliography.

Two kinds of citation are annotated, both as ``Annotation(kind="cite")`` around the
source's own words (only :class:`~reader.core.model.Text` nodes are rewritten, never inside a
link or another annotation):

* declared citations, from ``sources/<slug>/citations.yml`` (read by
  :mod:`reader.inputs.citations`): an exact phrase of a paragraph or footnote, the bib
  key it cites and how many places the phrase occurs (``occurrence``, default 1; every
  place is annotated);
* detected citations: a footnote that names a work of the bibliography by its title
  (:mod:`reader.passes.cited_works` says which works, and by which words).

Each annotation is recorded as a :class:`CitationOccurrence` for the "cited in" links.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reader.core.diagnostics import Diagnostic, Report
from reader.core.model import Annotation, Document, Footnote, Inlines, Paragraph, Text, map_text
from reader.core.model import plain_text as inline_text
from reader.inputs.bibliography import Bibliography
from reader.inputs.citations import DeclaredCitation
from reader.passes.cited_works import WorkIndex, detect_works, fold, work_index


@dataclass(frozen=True)
class CitationOccurrence:
    """Where a work is cited: text slug, paragraph anchor or footnote id, bib key."""

    slug: str
    anchor: str
    key: str
    phrase: str
    declared: bool


Wrapper = Callable[[str], Annotation]


# ------------------------------------------------------------------------------ pass


def annotate_citations(
    doc: Document, bib: Bibliography, declared: Sequence[DeclaredCitation]
) -> tuple[Document, list[CitationOccurrence]]:
    """Annotate declared and detected citations; raise DiagnosticError when a declaration
    names an unknown key or its quote matches no place, or another number of places."""
    report = Report()
    report.extend(check_declared_keys(declared, bib))
    _check_duplicates(report, declared)
    report.raise_if_errors()
    counts: Counter[int] = Counter()
    occurrences: list[CitationOccurrence] = []
    units = _units(doc)
    rewritten = {}
    quotes = _Quotes.of(declared, bib)  # once per text, not once per paragraph
    for unit_id, anchor, inlines in units:
        new = _apply_declared(inlines, quotes, counts)
        occurrences += _declared_occurrences(doc.meta.slug, anchor, inlines, new)
        rewritten[unit_id] = new
    _check_counts(report, declared, counts)
    report.raise_if_errors()
    clues = work_index(bib)  # once per bibliography, not once per text
    for unit_id, anchor, _ in units:
        if anchor.startswith("fn:"):
            new, keys = _apply_detected(rewritten[unit_id], bib, clues)
            rewritten[unit_id] = new
            occurrences += [CitationOccurrence(doc.meta.slug, anchor, k, p, False) for k, p in keys]
    return _rebuild(doc, rewritten), _dedupe(occurrences)


def _units(doc: Document) -> list[tuple[tuple, str, Inlines]]:
    """Every searchable run of inlines: (identity, anchor, inlines)."""
    units: list[tuple[tuple, str, Inlines]] = []
    for block in (*doc.front, *doc.blocks):
        if isinstance(block, Paragraph):
            anchor = block.anchor or (f"p{block.number}" if block.number is not None else "")
            units.append((("p", id(block)), anchor, block.inlines))
    for note in doc.footnotes:
        for i, para in enumerate(note.paragraphs):
            units.append((("fn", note.label, i), f"fn:{note.label}", para))
    return units


def _rebuild(doc: Document, rewritten: dict[tuple, Inlines]) -> Document:
    def block(b: Any) -> Any:
        key = ("p", id(b))
        return replace(b, inlines=rewritten[key]) if key in rewritten else b

    def note(n: Footnote) -> Footnote:
        paras = tuple(rewritten[("fn", n.label, i)] for i in range(len(n.paragraphs)))
        return replace(n, paragraphs=paras)

    return replace(
        doc,
        front=tuple(block(b) for b in doc.front),
        blocks=tuple(block(b) for b in doc.blocks),
        footnotes=tuple(note(n) for n in doc.footnotes),
    )


#: Where a citation links, relative to ``docs/texts/<slug>.md``: a Markdown path, so MkDocs
#: rewrites it for either URL style (online directories, offline .html) and validates it.
BIBLIOGRAPHY_HREF = "../bibliography.md#ref-{key}"


def _cite(bib: Bibliography, key: str) -> Wrapper:
    tooltip = bib.format_reference_text(key)
    return lambda phrase: Annotation(
        "cite", key, (Text(phrase),), tooltip, BIBLIOGRAPHY_HREF.format(key=key)
    )


# ------------------------------------------------------------------- declared citations


@dataclass(frozen=True)
class _Quotes:
    """A text's declared quotes as one pattern, longest first, with each one's wrapper."""

    order: list[int]  # the declarations' indexes, in the pattern's order
    pattern: re.Pattern[str] | None  # None: nothing declared
    wrappers: list[Wrapper]

    @classmethod
    def of(cls, declared: Sequence[DeclaredCitation], bib: Bibliography) -> _Quotes:
        """The quotes of ``declared``, with their references formatted once."""
        if not declared:
            return cls([], None, [])
        order = sorted(range(len(declared)), key=lambda i: -len(declared[i].quote))
        pattern = re.compile("|".join(f"({re.escape(declared[i].quote)})" for i in order))
        return cls(order, pattern, [_cite(bib, declared[i].key) for i in order])


def _apply_declared(inlines: Inlines, quotes: _Quotes, counts: Counter[int]) -> Inlines:
    pattern, order, wrappers = quotes.pattern, quotes.order, quotes.wrappers
    if pattern is None:
        return inlines

    def split(node: Text) -> Inlines:
        out: list = []
        end = 0
        for match in pattern.finditer(node.text):
            group = match.lastindex - 1
            counts[order[group]] += 1
            out += [Text(node.text[end : match.start()])] if match.start() > end else []
            out.append(wrappers[group](match.group(0)))
            end = match.end()
        return (
            (node,)
            if not out
            else (*out, *([Text(node.text[end:])] if end < len(node.text) else []))
        )

    return map_text(inlines, split)


def _declared_occurrences(slug: str, anchor: str, old: Inlines, new: Inlines):
    if old == new:
        return []
    before = Counter(_annotations(old))
    found = Counter(_annotations(new)) - before
    return [
        CitationOccurrence(slug, anchor, key, phrase, True)
        for (key, phrase), n in found.items()
        for _ in range(n)
    ]


def _annotations(inlines: Inlines):
    for node in inlines:
        if isinstance(node, Annotation) and node.kind == "cite":
            yield node.target, inline_text(node.children)
        elif hasattr(node, "children"):
            yield from _annotations(node.children)


def _check_duplicates(report: Report, declared: Sequence[DeclaredCitation]) -> None:
    seen: dict[str, DeclaredCitation] = {}
    for decl in declared:
        if decl.quote in seen:
            report.error(
                "C001",
                f"quote '{decl.quote}' is declared twice (first at line {seen[decl.quote].line})",
                path=decl.path,
                line=decl.line,
                hint="declare each phrase once; choose a longer phrase for a 2nd key",
            )
        seen.setdefault(decl.quote, decl)


def _check_counts(
    report: Report, declared: Sequence[DeclaredCitation], counts: Counter[int]
) -> None:
    for i, decl in enumerate(declared):
        found = counts[i]
        if found == 0:
            report.error(
                "C003",
                f"quote '{decl.quote}' matches nothing",
                path=decl.path,
                line=decl.line,
                hint="copy the phrase exactly from one paragraph "
                "or footnote (within one run of text)",
            )
        elif found != decl.occurrence:
            code, word = ("C004", "more") if found > decl.occurrence else ("C005", "fewer")
            report.error(
                code,
                f"quote '{decl.quote}' matches {found} places, {word} than "
                f"the {decl.occurrence} declared",
                path=decl.path,
                line=decl.line,
                hint=f"set occurrence: {found} if every place cites the work, "
                "or lengthen the quote",
            )


# ------------------------------------------------------------------- detected citations


def _apply_detected(inlines: Inlines, bib: Bibliography, clues: WorkIndex) -> tuple[Inlines, list]:
    works = detect_works(inline_text(inlines), bib, clues)
    done: list[tuple[str, str]] = []
    for key, needles in works:
        wrap = _cite(bib, key)

        def split(node: Text, key: str = key, needles=needles, wrap: Wrapper = wrap):
            if any(k == key for k, _ in done):
                return (node,)
            text = fold(node.text)
            hits = [(text.find(n), n) for n in needles if n in text]
            if not hits:
                return (node,)
            start, needle = hits[0]
            end = start + len(needle)
            done.append((key, node.text[start:end]))
            parts = (Text(node.text[:start]), wrap(node.text[start:end]), Text(node.text[end:]))
            return tuple(p for p in parts if not isinstance(p, Text) or p.text)

        inlines = map_text(inlines, split)
    return inlines, done


def _dedupe(occurrences: list[CitationOccurrence]) -> list[CitationOccurrence]:
    seen: set[tuple[str, str, str]] = set()
    out = []
    for occ in occurrences:
        if (occ.slug, occ.anchor, occ.key) not in seen:
            seen.add((occ.slug, occ.anchor, occ.key))
            out.append(occ)
    return out


def check_declared_keys(
    declared: Sequence[DeclaredCitation], bib: Bibliography
) -> list[Diagnostic]:
    """Declarations whose key is not in the bibliography (for a ``check`` command)."""
    return [
        Diagnostic(
            "C002",
            f"unknown bib key '{d.key}'",
            d.path,
            d.line,
            hint="add the work to references.bib or fix the key",
        )
        for d in declared
        if d.key not in bib
    ]


__all__ = [
    "CitationOccurrence",
    "annotate_citations",
    "check_declared_keys",
]
