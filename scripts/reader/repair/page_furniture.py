"""Page furniture found from evidence in the text itself: running heads, page numbers,
dated or URL headers and footers, and the form feeds an extractor leaves between pages.

Nothing here is a list of known heads. The evidence is the page structure:

1. page boundaries: form feeds, and page numbers — short numeric lines (or numbers set
   apart at the start or end of a short line) that run in sequence through the text;
2. near each boundary (the first and last lines of a page), a line that recurs on other
   pages, allowing for OCR misspellings (letters compared fuzzily, digits ignored): three
   times, or twice with a URL or date, or twice at the tops of pages when it is clearly
   shorter or longer than the column's lines or stands alone; or a line at the top of a
   page after the first that repeats the text's title. A footnote's first line is never
   furniture, nor is a line that finishes or starts a word hyphenated across lines.

:func:`remove_page_furniture` turns each such line into a lone form feed (the line count
is kept, so every later repair still names source lines), and strips the form feeds that
stand at the start of a body line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

#: A line that is only a page number ("12", "— 12 —", "Page 3 of 9", "[iv]").
PAGE_NUMBER = re.compile(
    r"^[\s\-–—|\[(]*(?:page\s+)?(?P<n>\d{1,4}|[ivxlc]{1,7})(?:\s+(?:of|/)\s+\d{1,4})?[\s\-–—|\])]*$",
    re.IGNORECASE,
)
#: A number set apart by a wide gap at the start or end of a short line (a folio in a head).
FOLIO_IN_HEAD = re.compile(r"^(?P<a>\d{1,4})\s{2,}\S.*$|^.*\S\s{2,}(?P<b>\d{1,4})$")
URL_OR_DATE = re.compile(
    r"https?://|www\.|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.IGNORECASE,
)
#: A footnote's first line ("¹ Ibid.") is a note, even when it recurs.
NOTE_LABEL = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s")
HEAD_MAX = 100  # a running head is a short line
SIMILAR = 0.85  # letters this alike are the same head misread differently
TITLE_MIN = 12  # letters a head needs to be taken for the title repeated …
TITLE_SHARE = 0.4  # … and the share of the title's letters
MEASURE = 0.15  # how far from the column width a head set apart is
NEAR = 2  # how many lines at each edge of a page may be furniture


@dataclass(frozen=True)
class Furniture:
    """One line found to be page furniture, with the evidence."""

    line: int  # 1-based source line
    text: str
    kind: str  # "page number", "running head", "header or footer"
    evidence: str


def _key(line: str) -> str:
    """A line's letters, case-folded: what stays the same when OCR or folios vary."""
    return "".join(ch for ch in line.casefold() if ch.isalpha())


def _folio(line: str) -> int | None:
    text = line.strip("\f").strip()
    match = PAGE_NUMBER.match(text)
    if match and match.group("n").isdigit():
        return int(match.group("n"))
    match = FOLIO_IN_HEAD.match(text)
    if match and len(text) <= HEAD_MAX:
        return int(match.group("a") or match.group("b"))
    return None


def page_number_chain(lines: list[str]) -> list[int]:
    """Indexes of the lines that carry page numbers in sequence (each 1 or 2 more than
    the last; at least three), the longest such chain.

    >>> page_number_chain(["text", "7", "more", "8", "x", "2016", "9"])
    [1, 3, 6]
    """
    found = [(i, n) for i, line in enumerate(lines) if (n := _folio(line)) is not None]
    best: list[list[int]] = []
    for k, (_, n) in enumerate(found):
        chains = [best[j] for j in range(k) if 1 <= n - found[j][1] <= 2]
        longest = max(chains, key=len, default=[])
        best.append([*longest, k])
    chain = max(best, key=len, default=[])
    return [found[k][0] for k in chain] if len(chain) >= 3 else []


def _edges(lines: list[str], boundaries: set[int]) -> dict[int, int]:
    """The first and last few non-blank lines of every page, each with its place: 0 or
    more from a boundary on (the top of a page), negative before it (the bottom)."""
    content = [i for i, line in enumerate(lines) if line.strip("\f").strip()]
    position = {i: k for k, i in enumerate(content)}
    edges: dict[int, int] = {}
    for b in sorted(boundaries):
        k = position.get(b)
        if k is None:
            k = next((position[i] for i in content if i > b), len(content))
        for j in range(max(0, k - NEAR), min(len(content), k + NEAR + 1)):
            offset = j - k
            if abs(offset) < abs(edges.get(content[j], 99)):
                edges[content[j]] = offset
    return edges


def find_page_furniture(text: str) -> list[Furniture]:
    """Every furniture line of ``text``, in order, with its evidence."""
    return list(_find(text))


@lru_cache(maxsize=8)
def _find(text: str) -> tuple[Furniture, ...]:
    """:func:`find_page_furniture`, remembered (detection and removal both ask)."""
    lines = text.split("\n")
    chain = page_number_chain(lines)
    feeds = {i for i, line in enumerate(lines) if line.startswith("\f")}
    boundaries = set(chain) | feeds
    if not boundaries:
        return []
    found: dict[int, Furniture] = {
        i: Furniture(i + 1, lines[i], "page number", f"page {_folio(lines[i])} in a sequence")
        for i in chain
    }
    title = _key(next((line for line in lines if line.strip()), ""))
    edges = _edges(lines, boundaries)
    candidates = {
        i: offset
        for i, offset in edges.items()
        if i not in found
        and 0 < len(lines[i].strip("\f").strip()) <= HEAD_MAX
        and i > 0
        and not NOTE_LABEL.match(lines[i].strip("\f"))
        and not _finishes_a_word(lines, i)
        and not _breaks_a_word(lines, i)
    }
    first = next((i for i, line in enumerate(lines) if line.strip("\f").strip()), 0)
    second_page = min((b for b in boundaries if b > first + NEAR), default=len(lines))
    for i in sorted(candidates):
        reason = _head_evidence(lines, i, candidates, title if i >= second_page else "")
        if reason:
            kind = "header or footer" if URL_OR_DATE.search(lines[i]) else "running head"
            found[i] = Furniture(i + 1, lines[i], kind, reason)
    return tuple(found[i] for i in sorted(found))


def _finishes_a_word(lines: list[str], i: int) -> bool:
    """Whether line ``i`` starts with the rest of a word hyphenated on the line before."""
    before = next((x for x in reversed(lines[:i]) if x.strip("\f").strip()), "")
    return bool(re.search(r"[^\W\d_]-$", before.rstrip())) and lines[i].strip("\f")[:1].islower()


def _breaks_a_word(lines: list[str], i: int) -> bool:
    """Whether line ``i`` ends with a word hyphenated into the next line that holds text."""
    after = next((x for x in lines[i + 1 :] if x.strip("\f").strip()), "")
    ends = re.search(r"[^\W\d_]-$", lines[i].rstrip())
    return bool(ends) and after.strip("\f").lstrip()[:1].islower()


def _head_evidence(lines: list[str], i: int, candidates: dict[int, int], title: str) -> str:
    """Why line ``i`` is a running head: it recurs at page edges (three times, or twice
    at the tops of pages, or twice with a URL or date), or it repeats the title at the
    top of a page."""
    key = _key(lines[i])
    if len(key) < 4:
        return ""
    matcher = difflib.SequenceMatcher(None, "", key, autojunk=False)
    alike = []
    for j in candidates:
        matcher.set_seq1(_key(lines[j]))
        if j != i and matcher.real_quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
            alike.append(j)
    top = candidates[i] >= 0
    apart = _off_measure(lines, i) or _stands_alone(lines, i)
    pair_at_tops = top and all(candidates[j] >= 0 for j in alike) and apart
    if len(alike) >= 2 or (alike and (URL_OR_DATE.search(lines[i]) or pair_at_tops)):
        return f"recurs at page edges ({len(alike) + 1} times, e.g. line {alike[0] + 1})"
    sentence = lines[i].rstrip().endswith(".")
    if top and title and not sentence and _contained(key, title) >= SIMILAR:
        return "repeats the title at the top of a page"
    return ""


def _stands_alone(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a block of its own: a blank line or a page's start before it
    and a blank line after it."""
    before = lines[i - 1].strip() if i else ""
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    alone_before = not before or lines[i].startswith("\f") or _folio(lines[i - 1]) is not None
    return alone_before and not after


def _off_measure(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is clearly shorter or longer than the body's lines (a head set
    apart from the column, not a line of it)."""
    width = _width(tuple(lines))
    length = len(lines[i].strip("\f").strip())
    return length < (1 - MEASURE) * width or length > (1 + MEASURE) * width


@lru_cache(maxsize=8)
def _width(lines: tuple[str, ...]) -> int:
    lengths = sorted(len(line.strip("\f").strip()) for line in lines if line.strip("\f").strip())
    return lengths[int(0.9 * (len(lengths) - 1))]


def _contained(key: str, title: str) -> float:
    """How much of ``key`` the title holds, in order (1.0: all of it)."""
    if len(key) < max(TITLE_MIN, TITLE_SHARE * len(title)):
        return 0.0
    matcher = difflib.SequenceMatcher(None, key, title, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks() if b.size >= 3) / len(key)


def remove_page_furniture(text: str) -> str:
    """Replace running heads, page numbers and dated headers with a form feed line.

    >>> pages = ["Body one", "\\fJournal of Things", "", "Body two", "12",
    ...          "\\fJournal of Thlngs", "Body three", "13", "\\fJournal of Things", "14"]
    >>> remove_page_furniture("\\n".join(pages)).split("\\n")[1:5]
    ['\\x0c', '', 'Body two', '\\x0c']
    """
    lines = text.split("\n")
    for item in find_page_furniture(text):
        lines[item.line - 1] = "\f"
    return "\n".join(line if line == "\f" else line.lstrip("\f") for line in lines)
