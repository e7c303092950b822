"""Paragraph numbers: every citable block, in reading order, gets ``n`` and ``#pn``."""

from __future__ import annotations

from dataclasses import replace

from reader.core.model import CITABLE_ROLES, Block, Document, Paragraph


def number_paragraphs(doc: Document) -> Document:
    """Number the citable paragraphs of the title block and body in reading order."""
    counter = 0

    def number(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        nonlocal counter
        out: list[Block] = []
        for block in blocks:
            if isinstance(block, Paragraph) and block.role in CITABLE_ROLES:
                counter += 1
                block = replace(block, number=counter, anchor=f"p{counter}")
            out.append(block)
        return tuple(out)

    front = number(doc.front)
    return replace(doc, front=front, blocks=number(doc.blocks))
