"""Building a :class:`~reader.core.model.Document` from a loaded source.

The stages run in one visible order (see :func:`build_document`): encoding repairs →
declared corrections → character repairs → chunks → declared front/back matter →
classification → footnote set-aside → unwrapping → rejoining cut paragraphs → blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.diagnostics import Diagnostic
from reader.core.model import Block, Document, Heading, Inlines, Paragraph, SectionBreak, Span
from reader.core.profiles import PROFILES, Profile
from reader.inputs.sources import Source
from reader.parse.blocks import BlockBuilder, resolve_contents
from reader.parse.classify import classify
from reader.parse.inline import InlineOptions
from reader.parse.structure import (
    Region,
    check_regions_hold_text,
    default_regions,
    read_regions,
)
from reader.repair import CHARACTER_RULES, ENCODING_RULES, Repair, apply_rules
from reader.repair.chunks import Chunk, drop_lines, select_lines, split_chunks
from reader.repair.corrections import apply_corrections
from reader.repair.furniture import set_aside_footnote_blocks
from reader.repair.hyphenation import Decision, Lexicon
from reader.repair.paragraphs import rejoin_cut_paragraphs, unwrap_hard_wrapped_lines

#: Kinds whose lines are each an item, never joined.
_LINE_ITEMS = frozenset({"bullet", "table", "contents"})


@dataclass
class BuildLog:
    """What the repairs did to one text, for ``reader explain`` and the edition page."""

    repairs: list[Repair] = field(default_factory=list)
    hyphenation: list[tuple[int, Decision]] = field(default_factory=list)
    rejoined: list[tuple[int, int]] = field(default_factory=list)
    footnote_blocks: list[int] = field(default_factory=list)
    relocated: list[tuple[Region, str]] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def normalised_text(source: Source) -> tuple[str, list[Repair]]:
    """The original after encoding repairs, declared corrections and character repairs."""
    text, log = apply_rules(source.text, ENCODING_RULES)
    text = apply_corrections(text, source.meta.corrections, source.meta_display)
    text, more = apply_rules(text, CHARACTER_RULES)
    return text, log + more


def build_document(source: Source, lexicon: Lexicon) -> tuple[Document, BuildLog]:
    """Parse one source into a Document, logging every repair made."""
    meta = source.meta
    profile = PROFILES[meta.profile]
    log = BuildLog()
    text, log.repairs = normalised_text(source)
    chunks = split_chunks(text)
    regions = read_regions(meta.structure, source.meta_display, text.count("\n") + 1)
    check_regions_hold_text(regions, chunks, source.meta_display)
    regions = regions or default_regions(chunks)
    body = chunks
    for region in regions:
        body = drop_lines(body, region.first, region.last)
    options = InlineOptions(
        superscript_notes=profile.footnote_blocks,
        markup=profile.markdown_inline,
        glued_markers=[1] if profile.glued_markers else None,
    )
    builder = BlockBuilder(source.display_path, options, meta.structure)
    title, front, back = _declared_blocks(regions, chunks, body, builder, log)
    body_blocks, note_chunks = _body_blocks(body, profile, lexicon, builder, log)
    footnotes = builder.footnotes(note_chunks)
    log.warnings = builder.warnings
    headings = [b for b in body_blocks if isinstance(b, Heading)]
    document = Document(
        meta=meta,
        title=title,
        front=resolve_contents(tuple(front), headings),
        blocks=resolve_contents((*body_blocks, *back), headings),
        footnotes=footnotes,
        source_path=source.display_path,
        title_line=next((r.first for r in regions if r.role == "title"), 1),
    )
    return document, log


def _declared_blocks(
    regions: list[Region],
    chunks: list[Chunk],
    body: list[Chunk],
    builder: BlockBuilder,
    log: BuildLog,
) -> tuple[Inlines, list[Block], list[Block]]:
    title: Inlines = ()
    front: list[Block] = []
    back: list[Block] = []
    body_start = body[0].line if body else 10**9
    body_end = body[-1].last_line if body else 0
    for region in sorted(regions, key=lambda r: r.first):
        selected = select_lines(chunks, region.first, region.last)
        if region.role == "title":
            title = builder.title(selected)
            continue
        relocated = ""
        where = (
            f"source line {region.first}"
            if region.first == region.last
            else f"source lines {region.first}–{region.last}"
        )
        if region.place == "front" and region.first > body_start:
            relocated = f"moved to the title block from {where}, where it interrupted the text"
        if region.place == "back" and region.last < body_end:
            relocated = f"moved to the end from {where}"
        if relocated:
            log.relocated.append((region, relocated))
        blocks = builder.declared(selected, region.role, relocated)
        (front if region.place == "front" else back).extend(blocks)
    return title, front, back


def _body_blocks(
    body: list[Chunk], profile: Profile, lexicon: Lexicon, builder: BlockBuilder, log: BuildLog
) -> tuple[list[Block], list[Chunk]]:
    chunks = classify(body, profile)
    notes: list[Chunk] = []
    if profile.footnote_blocks:
        chunks, notes = set_aside_footnote_blocks(chunks)
        log.footnote_blocks = [c.line for c in notes]
    unwrapped = []
    for chunk in chunks:
        if chunk.kind not in _LINE_ITEMS:
            chunk, decisions = unwrap_hard_wrapped_lines(chunk, lexicon)
            log.hyphenation.extend(decisions)
        unwrapped.append(chunk)
    joined, joins = rejoin_cut_paragraphs(unwrapped, lexicon, wrapped=profile.hard_wrapped)
    for first, second, decision in joins:
        log.rejoined.append((first, second))
        if decision:
            log.hyphenation.append((first, decision))
    blocks: list[Block] = []
    for i, chunk in enumerate(joined):
        if profile.section_breaks and chunk.gap == 2 and i > 0:
            blocks.append(SectionBreak(Span(builder.path, chunk.line)))
        blocks.extend(builder.body(chunk))
    blocks = builder.finish(blocks)
    return blocks, notes


def is_citable(block: Block) -> bool:
    """Whether a block is a paragraph that can carry a number."""
    return isinstance(block, Paragraph)
