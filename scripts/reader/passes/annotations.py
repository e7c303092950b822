"""Editorial annotations declared beside each source, anchored by quotation.

``sources/<slug>/annotations.yml`` (read by :mod:`reader.inputs.annotations`) is a list
of notes the editors wrote, each anchored in the text the way a W3C Web Annotation
``TextQuoteSelector`` is: the ``exact`` words, and optionally the ``prefix`` just before
them and the ``suffix`` just after them (both must match when given). Three kinds:

- ``note`` — context in the editors' words;
- ``xref`` — "see also": a passage of another text, given as ``target: {text, exact}``
  and resolved to that paragraph's anchor (``#p12``);
- ``disagrees`` — a point on which another text gives other facts or another reading
  (``target`` as for ``xref``, optional).

Anchors survive renumbering because they quote words, not numbers. A quotation that no
longer matches, or matches more than once without a prefix or suffix to tell the places
apart, stops the build with the ``file:line`` of the declaration (codes A001–A015).
Matching treats typographic and straight quotes as equal and is otherwise exact.

The pass inserts one :class:`~reader.core.model.Annotation` right after the quoted words; its
children are editorial (the label "note", "see also", "disagrees"), so no source word
changes and :func:`reader.emit.annotations.render_annotation` draws the popover.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from reader.core.diagnostics import Diagnostic, Report
from reader.core.model import Annotation, Document, Editorial, Paragraph, Text, plain_text
from reader.inputs.annotations import KINDS, Declared
from reader.text.quotes import Passages, insert_all_at, locate

HREF = "{slug}.md#{anchor}"  # relative to docs/texts/<slug>.md
_CLOSING = frozenset("”’\"')]")


@dataclass(frozen=True)
class Resolved:
    """A declared annotation with its place found: paragraph anchors and exact words."""

    declared: Declared
    anchor: str  # "" for an unnumbered paragraph
    exact: str  # the words as the text has them
    prefix: str
    suffix: str
    target_anchor: str = ""
    target_exact: str = ""
    target_number: int = 0
    number: int = 0


# ---------------------------------------------------------------------------- finding


def _context(text: str, start: int, end: int, size: int = 32) -> tuple[str, str]:
    return text[max(0, start - size) : start], text[end : end + size]


def resolve(
    declared: Declared, docs: dict[str, Passages], glossary_ids: set[str] | None
) -> tuple[Resolved | None, list[Diagnostic]]:
    """Find where a declared annotation and its target stand (in each text's passages,
    read once for all its annotations)."""
    problems: list[Diagnostic] = []
    for concept in declared.concepts:
        if glossary_ids is not None and concept not in glossary_ids:
            problems.append(
                Diagnostic(
                    "A007",
                    f"unknown glossary id '{concept}' in 'concepts'",
                    declared.path,
                    declared.line,
                    hint="use the id of a glossary.yml entry, or add the entry",
                )
            )
    place, problem = locate(
        docs[declared.slug], declared.quote, declared.path, declared.exact_line or declared.line
    )
    if problem:
        problems.append(problem)
    target_place = None
    if declared.target is not None:
        if declared.target_slug not in docs or declared.target_slug == declared.slug:
            problems.append(
                Diagnostic(
                    "A008",
                    f"unknown target text '{declared.target_slug}'",
                    declared.path,
                    declared.target_line,
                    hint="another text's slug: " + ", ".join(sorted(docs)),
                )
            )
        else:
            target_place, problem = locate(
                docs[declared.target_slug],
                declared.target,
                declared.path,
                declared.target_line,
                numbered_only=True,
            )
            if problem:
                problems.append(problem)
    if problems or place is None:
        return None, problems
    p, start, text = place
    end = start + len(declared.quote.exact)
    prefix, suffix = _context(text, start, end)
    resolved = Resolved(declared, p.anchor, text[start:end], prefix, suffix, number=p.number or 0)
    if target_place is not None:
        tp, tstart, ttext = target_place
        resolved = replace(
            resolved,
            target_anchor=tp.anchor,
            target_number=tp.number or 0,
            target_exact=ttext[tstart : tstart + len(declared.target.exact)],
        )
    return resolved, []


# ---------------------------------------------------------------------------- applying


def node_for(r: Resolved, labels: dict[str, str]) -> Annotation:
    """The annotation node a resolved declaration becomes."""
    d = r.declared
    tooltip = d.body
    href = ""
    if d.target is not None and r.target_anchor:
        href = HREF.format(slug=d.target_slug, anchor=r.target_anchor)
        tooltip += f" ({labels.get(d.target_slug, d.target_slug)}, ¶{r.target_number})"
    return Annotation(
        kind=d.kind,
        target=f"{d.slug}/{d.id}",
        children=(Editorial((Text(KINDS[d.kind]),)),),
        tooltip=tooltip,
        href=href,
    )


def apply_annotations(
    docs: list[Document], declared: list[Declared], glossary_ids: set[str] | None = None
) -> tuple[list[Document], list[Resolved]]:
    """Resolve every declaration against ``docs`` and insert its node; raise
    DiagnosticError listing every anchor that fails."""
    by_slug = {d.meta.slug: Passages.of(d) for d in docs}
    labels = {d.meta.slug: d.meta.citation_label for d in docs}
    report = Report()
    resolved: list[Resolved] = []
    for item in declared:
        if item.slug not in by_slug:
            continue
        found, problems = resolve(item, by_slug, glossary_ids)
        report.extend(problems)
        if found is not None:
            resolved.append(found)
    report.raise_if_errors()
    mine: dict[str, list[Resolved]] = defaultdict(list)
    back: dict[str, list[Resolved]] = defaultdict(list)
    for r in resolved:  # grouped once: at ×100 each document scanned every declaration
        mine[r.declared.slug].append(r)
    for r in _seen_from_target(resolved):
        back[r.declared.target_slug].append(r)
    report.extend(_id_clashes(mine, back))
    report.raise_if_errors()
    out = []
    for doc in docs:
        slug = doc.meta.slug
        if mine.get(slug) or back.get(slug):
            doc = _insert_all(doc, mine.get(slug, []), back.get(slug, []), labels)
        out.append(doc)
    return out, resolved


def _seen_from_target(resolved: list[Resolved]) -> list[Resolved]:
    """The see-also and disagrees links whose target paragraph does not declare the same
    link back: each shows a marker there too (:func:`back_node_for`)."""
    linked = [r for r in resolved if r.declared.target is not None and r.target_anchor]
    pairs = {(r.declared.slug, r.anchor, r.declared.target_slug, r.target_anchor) for r in linked}
    return [
        r
        for r in linked
        if (r.declared.target_slug, r.target_anchor, r.declared.slug, r.anchor) not in pairs
    ]


def back_id(d: Declared) -> str:
    """The id, on the target's page, of the marker a link shows there: ``<id>-from-<slug>``."""
    return f"{d.id}-from-{d.slug}"


def _id_clashes(
    mine: dict[str, list[Resolved]], back: dict[str, list[Resolved]]
) -> list[Diagnostic]:
    """A015 for a note whose id is the one a link from another text shows on the same page
    (both markers would answer to one anchor, and a click would open either note)."""
    problems = []
    for slug, backs in back.items():
        own = {r.declared.id: r.declared for r in mine.get(slug, [])}
        for r in backs:
            clash = own.get(back_id(r.declared))
            if clash is not None:
                problems.append(
                    Diagnostic(
                        "A015",
                        f"annotation id '{clash.id}' is also the id of the marker that "
                        f"'{r.declared.id}' in {r.declared.slug} shows on this text",
                        clash.path,
                        clash.line,
                        hint="rename it: ids ending in '-from-<slug>' name those markers",
                    )
                )
    return problems


def back_node_for(r: Resolved, labels: dict[str, str]) -> Annotation:
    """The marker a see-also or disagrees link shows on the paragraph it points to: the
    same note, said to be written at the other end, and a link back there."""
    d = r.declared
    label = labels.get(d.slug, d.slug)
    return Annotation(
        kind=d.kind,
        target=f"{d.target_slug}/{back_id(d)}",
        children=(Editorial((Text(KINDS[d.kind]),)),),
        tooltip=f"Noted at {label}, ¶{r.number}: {d.body}",
        href=HREF.format(slug=d.slug, anchor=r.anchor),
    )


def _insert_all(
    doc: Document, mine: list[Resolved], back: list[Resolved], labels: dict[str, str]
) -> Document:
    own = _by_anchor(mine, lambda r: r.anchor)  # grouped once: hundreds of links can
    seen_from = _by_anchor(back, lambda r: r.target_anchor)  # point into one text

    def block(node):
        if not isinstance(node, Paragraph):
            return node
        inlines = node.inlines
        text = plain_text(inlines, editorial=False)
        places = [
            (_end(text, r.prefix + r.exact), node_for(r, labels))
            for r in own.get(node.anchor or "", [])
            if _is_here(r, node, text)
        ]
        places += [
            (_end(text, r.target_exact), back_node_for(r, labels))
            for r in (seen_from.get(node.anchor, []) if node.anchor else [])
        ]
        ordered = sorted(places, key=lambda place: -place[0])
        for end, group in itertools.groupby(ordered, key=lambda place: place[0]):
            inlines = insert_all_at(inlines, end, [annotation for _, annotation in group])
        return replace(node, inlines=inlines) if places else node

    return replace(
        doc, front=tuple(block(b) for b in doc.front), blocks=tuple(block(b) for b in doc.blocks)
    )


def _by_anchor(
    items: list[Resolved], anchor: Callable[[Resolved], str | None]
) -> dict[str, list[Resolved]]:
    """The items by paragraph anchor ("" for an unnumbered paragraph), in their order."""
    out: dict[str, list[Resolved]] = defaultdict(list)
    for r in items:
        out[anchor(r) or ""].append(r)
    return out


def _end(text: str, quoted: str) -> int:
    """Where a marker goes: after ``quoted``, and after a closing quote or bracket that
    ends the quotation."""
    end = text.find(quoted) + len(quoted)
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return end


def _is_here(r: Resolved, p: Paragraph, text: str) -> bool:
    if r.anchor:
        return p.anchor == r.anchor
    return not p.anchor and (r.prefix + r.exact + r.suffix) in text
