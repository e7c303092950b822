"""Building a :class:`~reader.core.model.Document` from a loaded source.

The stages run in one visible order (see :func:`build_document`): encoding repairs →
declared corrections → character repairs → chunks → declared front/back matter →
classification → footnote set-aside → unwrapping → rejoining cut paragraphs → blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reader.core.diagnostics import Diagnostic, DiagnosticError
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
from reader.repair.detect import Detection, detect_profile
from reader.repair.furniture import set_aside_footnote_blocks
from reader.repair.hyphenation import Decision, Lexicon
from reader.repair.layout import Layout, read_layout, rejoin_by_layout, split_at_layout
from reader.repair.page_furniture import find_page_furniture, remove_page_furniture
from reader.repair.paragraphs import rejoin_cut_paragraphs, unwrap_hard_wrapped_lines

#: Kinds whose lines are each an item, never joined.
_LINE_ITEMS = frozenset({"bullet", "table", "contents"})


@dataclass
class BuildLog:
    """What the repairs did to one text, for ``reader explain`` and the edition page."""

    repairs: list[Repair] = field(default_factory=list)
    hyphenation: list[tuple[int, Decision]] = field(default_factory=list)
    rejoined: list[tuple[int, int]] = field(default_factory=list)
    rejoin_rule: str = rejoin_cut_paragraphs.__name__  # which rule did the rejoining
    footnote_blocks: list[int] = field(default_factory=list)
    relocated: list[tuple[Region, str]] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    #: source lines set aside as notes, (first, last) per note: the conservation ledger
    note_lines: list[tuple[int, int]] = field(default_factory=list)
    #: source lines removed as page furniture, with their text: the conservation ledger
    furniture: dict[int, str] = field(default_factory=dict)
    detection: Detection | None = None


def corrected_text(source: Source) -> tuple[str, list[Repair]]:
    """The original after encoding repairs and declared corrections: every word is still
    where the source has it (the conservation check starts from this)."""
    text, log = apply_rules(source.text, ENCODING_RULES)
    return apply_corrections(text, source.meta.corrections, source.meta_display), log


def choose_profile(source: Source, text: str) -> tuple[Profile, Detection | None]:
    """The declared profile, or for ``auto`` the detected one; refuse a text that cannot
    be repaired safely."""
    if source.meta.profile != "auto":
        return PROFILES[source.meta.profile], None
    found = detect_profile(text)
    if found.problem:
        line = source.meta_lines.get("profile", 1)
        raise DiagnosticError(
            [
                Diagnostic(
                    "R010",
                    f"{found.problem}: detected {found.evidence} (from line {found.line})",
                    source.display_path,
                    found.line,
                    hint=f"re-extract the file one column at a time, or declare in "
                    f"{source.meta_display}:{line} the profile that fits (profile: default "
                    "publishes the lines as they stand, e.g. for a table)",
                )
            ]
        )
    return PROFILES[found.profile], found


def normalised_text(source: Source) -> tuple[str, list[Repair]]:
    """The original after encoding repairs, declared corrections and character repairs."""
    text, log, _, _ = prepared_text(source)
    return text, log


def prepared_text(
    source: Source, profile: Profile | None = None
) -> tuple[str, list[Repair], Layout | None, dict[int, str]]:
    """The original after encoding repairs, declared corrections, page furniture removal
    (for profiles that have it) and character repairs; the page layout measured before
    leading spaces go; and the furniture lines removed (line → text)."""
    text, log = corrected_text(source)
    profile = profile or PROFILES["default"]
    removed: dict[int, str] = {}
    if profile.page_furniture:
        for item in find_page_furniture(text):
            removed[item.line] = item.text
            log.append(
                Repair(
                    remove_page_furniture.__name__,
                    item.line,
                    f"{item.kind} {item.text.strip(chr(12)).strip()!r}: {item.evidence}",
                )
            )
        text = remove_page_furniture(text)
    layout = read_layout(text) if profile.layout else None
    text, more = apply_rules(text, CHARACTER_RULES)
    return text, log + more, layout, removed


def build_document(source: Source, lexicon: Lexicon) -> tuple[Document, BuildLog]:
    """Parse one source into a Document, logging every repair made."""
    meta = source.meta
    log = BuildLog()
    corrected, _ = corrected_text(source)
    profile, log.detection = choose_profile(source, corrected)
    if log.detection:
        meta = replace(meta, profile=profile.name)
    text, log.repairs, layout, log.furniture = prepared_text(source, profile)
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
    body_blocks, note_chunks = _body_blocks(body, profile, lexicon, builder, log, layout)
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
    body: list[Chunk],
    profile: Profile,
    lexicon: Lexicon,
    builder: BlockBuilder,
    log: BuildLog,
    layout: Layout | None,
) -> tuple[list[Block], list[Chunk]]:
    if layout is not None:
        body = split_at_layout(body, layout)
    chunks = classify(body, profile)
    notes: list[Chunk] = []
    if profile.footnote_blocks:
        chunks, notes = set_aside_footnote_blocks(chunks, across_pages=layout is None)
        log.footnote_blocks = [c.line for c in notes]
        log.note_lines = [(c.line, c.last_line) for c in notes]
    line_items = _LINE_ITEMS - {"bullet"} if layout is not None else _LINE_ITEMS
    unwrapped = []
    for chunk in chunks:
        if chunk.kind not in line_items:
            chunk, decisions = unwrap_hard_wrapped_lines(chunk, lexicon)
            log.hyphenation.extend(decisions)
        unwrapped.append(chunk)
    if layout is not None:
        joined, joins = rejoin_by_layout(chunks, unwrapped, lexicon, layout)
        log.rejoin_rule = rejoin_by_layout.__name__
    else:
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
