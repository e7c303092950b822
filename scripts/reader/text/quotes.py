"""Anchoring by quotation: finding a W3C-style TextQuoteSelector in a Document, and
inserting an editorial node right after the quoted words.

A :class:`Quote` is the ``exact`` words with, optionally, the ``prefix`` just before them
and the ``suffix`` just after them; when given, both must match. Matching is exact except
that typographic and straight quotes are equal (:func:`reader.text.folding.fold_char`, which
keeps every position). Used by the editorial annotations (``annotations.yml``) and by the
gold list of related passages (``scripts/evaluation/related-gold.yml``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reader.core.diagnostics import Diagnostic
from reader.core.model import (
    Document,
    Emphasis,
    FootnoteRef,
    Inline,
    Inlines,
    Lang,
    Paragraph,
    Strong,
    Text,
    plain_text,
)
from reader.text.folding import fold_table


@dataclass(frozen=True)
class Quote:
    """A TextQuoteSelector: the exact words, with optional words before and after."""

    exact: str
    prefix: str = ""
    suffix: str = ""


def _fold(text: str) -> str:
    """Quotes made straight and white space a space (positions are kept):
    :func:`reader.text.folding.fold_char` of each character, case kept."""
    return text.translate(fold_table())


@dataclass(frozen=True)
class Passages:
    """A document's paragraphs as quotation matching reads them — each paragraph, its
    source text and that text folded — read once for all the quotes sought in it."""

    doc: Document
    items: tuple[tuple[Paragraph, str, str], ...]

    @classmethod
    def of(cls, doc: Document | Passages) -> Passages:
        """The passages of ``doc`` (itself when it is passages already)."""
        if isinstance(doc, Passages):
            return doc
        texts = ((p, plain_text(p.inlines, editorial=False)) for p in doc.paragraphs())
        return cls(doc, tuple((p, text, _fold(text)) for p, text in texts))


def find_quote(
    doc: Document | Passages, quote: Quote, *, numbered_only: bool = False
) -> list[tuple[Paragraph, int, str]]:
    """Every place of ``quote`` in the paragraphs of ``doc`` whose prefix and suffix
    (when given) match: (paragraph, start offset in its source text, that text)."""
    exact, prefix, suffix = _fold(quote.exact), _fold(quote.prefix), _fold(quote.suffix)
    found = []
    for p, text, folded in Passages.of(doc).items:
        if numbered_only and p.number is None:
            continue
        start = folded.find(exact)
        while start >= 0:
            before, after = folded[:start], folded[start + len(exact) :]
            if before.endswith(prefix) and after.startswith(suffix):
                found.append((p, start, text))
            start = folded.find(exact, start + 1)
    return found


def locate(
    doc: Document | Passages,
    quote: Quote,
    where: str,
    line: int,
    *,
    numbered_only: bool = False,
) -> tuple[tuple[Paragraph, int, str] | None, Diagnostic | None]:
    """The one place of ``quote`` in ``doc``, or a diagnostic saying why there is none."""
    doc = Passages.of(doc)
    found = find_quote(doc, quote, numbered_only=numbered_only)
    if len(found) == 1:
        return found[0], None
    slug = doc.doc.meta.slug
    if not found:
        bare = find_quote(doc, Quote(quote.exact), numbered_only=numbered_only)
        if bare:
            return None, Diagnostic(
                "A012",
                f"the prefix or suffix does not match the text "
                f"around '{_short(quote.exact)}' in {slug}",
                where,
                line,
                hint="copy the words just before/after from the text",
            )
        what = "numbered paragraph" if numbered_only else "paragraph"
        return None, Diagnostic(
            "A010",
            f"the quotation '{_short(quote.exact)}' no longer matches any {what} of {slug}",
            where,
            line,
            hint="the text changed: update 'exact' to the words as "
            "they stand now (straight and curly quotes are equal)",
        )
    places = ", ".join(p.anchor or "an unnumbered paragraph" for p, _, _ in found)
    return None, Diagnostic(
        "A011",
        f"the quotation '{_short(quote.exact)}' matches {len(found)} places in {slug} ({places})",
        where,
        line,
        hint="add a 'prefix' or 'suffix' to say which one",
    )


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _length(node: Inline) -> int:
    """How many characters of source text a node holds (editorial words hold none)."""
    return len(plain_text((node,), editorial=False))


def insert_at(inlines: Inlines, offset: int, new: Inline) -> Inlines:
    """``new`` inserted after ``offset`` characters of source text: inside a text node,
    an emphasis or another-language span; after an annotation, link or superscript that
    contains the offset; and after any footnote marker that stands right there."""
    out: list[Inline] = []
    position = 0
    placed = False
    for node in inlines:
        size = _length(node)
        end = position + size
        if not placed and position < offset < end:
            if isinstance(node, Text):
                cut = offset - position
                out += [Text(node.text[:cut]), new, Text(node.text[cut:])]
            elif isinstance(node, Emphasis | Strong | Lang):
                out.append(replace(node, children=insert_at(node.children, offset - position, new)))
            else:
                out += [node, new]
            placed = True
        elif not placed and size and offset == end:
            out += [node, new]
            placed = True
        else:
            out.append(node)
        position = end
    if not placed:
        out.append(new)
    return _after_footnote_refs(tuple(out), new)


def insert_all_at(inlines: Inlines, offset: int, new: list[Inline]) -> Inlines:
    """The nodes of ``new`` inserted after ``offset`` characters of source text where
    :func:`insert_at` would put them one after the other (each lands just before those
    inserted there before it; past the end, each goes last), in one walk of the inlines
    rather than one per node."""
    if not new:
        return inlines
    first = new[0]
    placed = 0 < offset <= sum(_length(node) for node in inlines)  # else each goes last
    order = tuple(reversed(new)) if placed else tuple(new)
    return _replace_node(insert_at(inlines, offset, first), first, order)


def _replace_node(inlines: Inlines, old: Inline, by: Inlines) -> Inlines:
    """``inlines`` with the node ``old`` (itself, not an equal one) replaced by the
    nodes ``by``, wherever it stands (in an emphasis or another-language span too)."""
    out: list[Inline] = []
    for node in inlines:
        if node is old:
            out += by
        elif isinstance(node, Emphasis | Strong | Lang) and _holds(node, old):
            out.append(replace(node, children=_replace_node(node.children, old, by)))
        else:
            out.append(node)
    return tuple(out)


def _holds(node: Emphasis | Strong | Lang, old: Inline) -> bool:
    return any(
        child is old or (isinstance(child, Emphasis | Strong | Lang) and _holds(child, old))
        for child in node.children
    )


def _after_footnote_refs(inlines: Inlines, new: Inline) -> Inlines:
    items = list(inlines)
    i = next((k for k, node in enumerate(items) if node is new), -1)
    while 0 <= i < len(items) - 1 and isinstance(items[i + 1], FootnoteRef):
        items[i], items[i + 1] = items[i + 1], items[i]
        i += 1
    return tuple(items)
