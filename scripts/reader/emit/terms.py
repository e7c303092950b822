"""Which glossary occurrences a page links: the first of each term in each section.

The glossary pass annotates the first mention of a term in every paragraph, and the model
keeps them all (the glossary's occurrence lists and the related-passages features read
them). A page that linked each of them would underline "Central Asia" in 24 paragraphs of
one report; like an encyclopedia's rule of linking a term once per section, the page links
a term at its first mention after each heading and shows later mentions in the section as
plain words (their tips and entries are one link away). Footnotes, read on their own in
previews, keep all their links.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.model import Annotation, Block, Editorial, Heading, Inline, Inlines, Paragraph


def first_per_section(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` with each term linked only at its first mention after each heading."""
    seen: set[str] = set()
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            seen = set()
        elif isinstance(block, Paragraph):
            block = replace(block, inlines=_thin(block.inlines, seen))
        out.append(block)
    return tuple(out)


def _thin(inlines: Inlines, seen: set[str]) -> Inlines:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Annotation) and node.kind == "term":
            if node.target in seen:
                out.extend(node.children)
                continue
            seen.add(node.target)
            out.append(node)
        elif isinstance(node, Annotation | Editorial) or not getattr(node, "children", None):
            out.append(node)
        else:
            out.append(replace(node, children=_thin(node.children, seen)))  # type: ignore[arg-type]
    return tuple(out)
