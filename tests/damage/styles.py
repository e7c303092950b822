"""The named damage styles, and the OCR-like misspellings of page furniture."""

from __future__ import annotations

import random
from dataclasses import dataclass

#: Misreadings an OCR engine makes (each applied now and then, at most twice a line).
_OCR = (("l", "1"), ("o", "0"), ("rn", "m"), ("m", "rn"), ("e", "c"), ("i", "í"), ("S", "5"))


@dataclass(frozen=True)
class Style:
    """How one kind of extraction damages a text."""

    name: str
    width: tuple[int, int] = (60, 78)  # column width, chosen per seed
    page_lines: tuple[int, int] = (40, 55)  # lines per column
    columns: int = 1
    indent: bool = False  # paragraphs start with an indented first line
    blank_lines: bool = True  # a blank line between paragraphs
    hyphenate: bool = True
    running_heads: bool = True  # verso: journal and volume; recto: the title
    folio_in_head: bool = False  # the page number shares the running head's line
    folio_at_foot: bool = False
    folio_format: str = "{}"
    caps_recto: bool = False
    header_url: bool = False  # a "Downloaded from <URL> on <date>" header instead
    form_feed: bool = False
    ocr: float = 0.0  # chance of a misreading per furniture line
    lists: bool = False
    footnotes: bool = False
    spaces: bool = False
    first_page: int = 1


STYLES: dict[str, Style] = {
    s.name: s
    for s in (
        Style(
            "two-column",
            width=(38, 48),
            page_lines=(40, 52),
            columns=2,
            indent=True,
            blank_lines=False,
            folio_in_head=True,
            form_feed=True,
            ocr=0.5,
            first_page=117,
        ),
        Style(
            "indent-only",
            indent=True,
            blank_lines=False,
            caps_recto=True,
            folio_at_foot=True,
            folio_format="— {} —",
            ocr=0.3,
            form_feed=True,
        ),
        Style(
            "page-breaks",
            running_heads=False,
            header_url=True,
            folio_at_foot=True,
            folio_format="Page {}",
        ),
        Style("lists", lists=True, folio_at_foot=True, ocr=0.2, width=(50, 70)),
        Style("spaces", spaces=True, folio_at_foot=True, form_feed=True, ocr=0.2),
        Style("footnotes", footnotes=True, indent=True, folio_at_foot=True, ocr=0.3, first_page=45),
    )
}


def ocr_vary(line: str, rng: random.Random, chance: float) -> str:
    """``line`` as an OCR engine might misread it on one page (deterministic per rng)."""
    for _ in range(2):
        if rng.random() >= chance:
            continue
        options = [(a, b) for a, b in _OCR if a in line]
        if options:
            a, b = rng.choice(options)
            at = rng.choice([i for i in range(len(line)) if line.startswith(a, i)])
            line = line[:at] + b + line[at + len(a) :]
    return line
