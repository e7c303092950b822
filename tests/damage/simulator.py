"""Re-lay clean paragraphs as a damaged PDF extraction, in a named style, from a seed.

``damage(clean, style, seed)`` returns the extraction and its ground truth: the clean
blocks, the line numbers of every page-furniture line it added, every line-end hyphen it
made (and whether it must be joined), and the footnotes it set at page bottoms. The same
``(clean, style, seed)`` always gives the same extraction, so a failing case replays.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from damage.layout import Break, wrap
from damage.styles import STYLES, Style, ocr_vary

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
LIST_MARKERS = ("bullet", "numbered", "lettered")


@dataclass(frozen=True)
class Clean:
    """A clean text: its title and its blocks as (kind, text); kind is body or a list."""

    title: str
    blocks: tuple[tuple[str, str], ...]
    journal: str = "Journal of Soft Power Studies"


@dataclass
class Damaged:
    """A damaged extraction and what it should repair to."""

    text: str
    blocks: list[tuple[str, str]]
    notes: list[str]
    furniture: set[int] = field(default_factory=set)
    breaks: list[Break] = field(default_factory=list)


@dataclass
class _Line:
    text: str
    kind: str = "body"  # body, blank, furniture
    marker: int = 0  # footnote number whose marker is on this line


def damage(clean: Clean, style_name: str, seed: int) -> Damaged:
    """The clean text damaged in ``style_name``, deterministically from ``seed``."""
    style = STYLES[style_name]
    rng = random.Random(f"{style_name}:{seed}:{clean.title}")
    blocks = _with_lists(list(clean.blocks), rng) if style.lists else list(clean.blocks)
    blocks, notes = _with_notes(blocks, rng) if style.footnotes else (blocks, [])
    width = rng.randint(*style.width)
    body, breaks = _body_lines(blocks, style, width, rng)
    pages = _paginate(body, style, rng)
    out: list[_Line] = [_Line(clean.title, "title"), _Line("", "blank")]
    for number, page in enumerate(pages, start=1):
        out.extend(_page(clean, style, number, page, notes, width, rng))
    text_lines = [
        _spaces(line.text, style, rng) if line.kind == "body" else line.text for line in out
    ]
    furniture = {n for n, line in enumerate(out, start=1) if line.kind == "furniture"}
    truth = [(kind, _plain(text)) for kind, text in blocks]
    return Damaged("\n".join(text_lines) + "\n", truth, notes, furniture, breaks)


def _plain(text: str) -> str:
    """A block's text as the page shows it: note markers left out."""
    return " ".join(w.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹") for w in text.split())


def _with_lists(blocks: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """Turn some paragraphs' sentences into list items (bullets, numbers, letters)."""
    out: list[tuple[str, str]] = []
    for kind, text in blocks:
        sentences = [s for s in text.replace(". ", ".\n").split("\n") if s]
        labelled = text[:1] == "(" or text[:1].isdigit()
        if kind == "body" and len(sentences) >= 3 and not labelled and rng.random() < 0.3:
            marker = rng.choice(LIST_MARKERS)
            out.extend((marker, s) for s in sentences[:5])
            if sentences[5:]:
                out.append(("body", " ".join(sentences[5:])))
        else:
            out.append((kind, text))
    return out


def _with_notes(blocks: list[tuple[str, str]], rng: random.Random):
    """Add footnote markers after some sentence ends; the notes quote other sentences."""
    notes: list[str] = []
    out = []
    for kind, text in blocks:
        words = text.split()
        places = [i for i, w in enumerate(words) if i >= 5 and w[:1].isalpha() and w[-1].isalpha()]
        if kind == "body" and places and rng.random() < 0.4:
            at = rng.choice(places)
            notes.append(_note_text(blocks, rng))
            words[at] += str(len(notes)).translate(SUPERSCRIPT)
            text = " ".join(words)
        out.append((kind, text))
    return out, notes


def _note_text(blocks: list[tuple[str, str]], rng: random.Random) -> str:
    words = rng.choice(blocks)[1].split()[: rng.randint(6, 30)]
    return " ".join(words).rstrip(".,;:") + "."


def _body_lines(blocks, style: Style, width: int, rng: random.Random):
    """Every block wrapped, with blank lines where the style separates blocks."""
    lines: list[_Line] = []
    breaks: list[Break] = []
    indent = " " * rng.randint(2, 5)
    for i, (kind, text) in enumerate(blocks):
        listed = kind in LIST_MARKERS
        if listed:
            label = _list_label(blocks, i)
            first, rest = label, " " * len(label)
        else:
            first, rest = (indent if style.indent else ""), ""
        wrapped, made = wrap(text, width, rng, first=first, rest=rest, hyphenate=style.hyphenate)
        breaks.extend(made)
        previous = blocks[i - 1][0] if i else ""
        list_edge = (listed and previous != kind) or (previous in LIST_MARKERS and not listed)
        if lines and (list_edge or (style.blank_lines and not listed)):
            lines.append(_Line("", "blank"))
        lines.extend(_Line(line, "body", _marker(line)) for line in wrapped)
    return lines, breaks


def _marker(line: str) -> int:
    digits = "".join(ch for ch in line if ch in "⁰¹²³⁴⁵⁶⁷⁸⁹")
    return int(digits.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))) if digits else 0


def _list_label(blocks, i: int) -> str:
    kind = blocks[i][0]
    n = 0
    for k, _ in reversed(blocks[: i + 1]):
        if k != kind:
            break
        n += 1
    if kind == "bullet":
        return "• "
    if kind == "numbered":
        return f"{n}. "
    return f"({'abcdefghij'[n - 1]}) "


def _paginate(body: list[_Line], style: Style, rng: random.Random) -> list[list[list[_Line]]]:
    """Pages of columns of lines; at least four pages; blank lines at edges are lost."""
    per_column = max(8, min(rng.randint(*style.page_lines), len(body) // (4 * style.columns) + 1))
    columns: list[list[_Line]] = []
    for start in range(0, len(body), per_column):
        column = body[start : start + per_column]
        while column and column[0].kind == "blank":
            column = column[1:]
        while column and column[-1].kind == "blank":
            column = column[:-1]
        if column:
            columns.append(column)
    return [columns[i : i + style.columns] for i in range(0, len(columns), style.columns)]


def _page(clean: Clean, style: Style, number: int, columns, notes, width, rng) -> list[_Line]:
    out: list[_Line] = []
    folio = str(number + style.first_page - 1)
    head = ""
    if style.running_heads and number > 1:
        if number % 2 == 0:
            head = ocr_vary(f"{clean.journal}, Vol. 12, No. 3", rng, style.ocr)
            head = f"{folio}    {head}" if style.folio_in_head else head
        else:
            head = ocr_vary(
                clean.title[:60].upper() if style.caps_recto else clean.title[:60], rng, style.ocr
            )
            head = f"{head}    {folio}" if style.folio_in_head else head
    elif style.header_url and number > 1:
        head = (
            f"Downloaded from https://journals.example.org/sp/{rng.randint(100, 999)} on "
            f"{rng.randint(1, 28)} March 2025"
        )
    if head:
        out += [_Line(head, "furniture"), _Line("", "blank")]
    for c, column in enumerate(columns):
        if c:
            out.append(_Line("", "blank"))
        out.extend(column)
    markers = [line.marker for column in columns for line in column if line.marker]
    if markers:
        out.append(_Line("", "blank"))
        for m in markers:
            label = str(m).translate(SUPERSCRIPT)
            lines, _ = wrap(notes[m - 1], width, rng, first=f"{label} ", hyphenate=False)
            out.extend(_Line(line, "note") for line in lines)
    if style.folio_at_foot or (not style.folio_in_head and style.running_heads):
        out += [_Line("", "blank"), _Line(style.folio_format.format(folio), "furniture")]
    if style.form_feed and out and number > 1:
        out[0] = _Line("\f" + out[0].text, out[0].kind)
    return out


def _spaces(line: str, style: Style, rng: random.Random) -> str:
    """Doubled spaces inside a line and trailing spaces at its end, now and then."""
    if not style.spaces:
        return line
    words = line.split(" ")
    line = "".join(w + (" " if rng.random() < 0.9 else "  ") for w in words[:-1]) + words[-1]
    return line + (" " * rng.randint(1, 3) if rng.random() < 0.3 else "")
