"""The conservation check: every word of a source reaches its page, in order, once.

The check shares no logic with the repairs it checks. Expected words are read from the
original after encoding repairs and declared corrections only, on a representation no
repair rule can change: words as runs of letters and digits, with every hyphen inside a
word and every hyphen at a line end ignored (so "coun-|tries", "countries" and
"coun-tries" are one word, whatever the de-hyphenation rule decided, while "his torical"
is two), and white space only as a word boundary. What named rules took out of the
running text is an explicit :class:`Ledger`: the furniture lines removed (each must
still read as furniture: a page number, a line that recurs, or the title repeated) and
the lines set aside as notes (which the page shows elsewhere). Page words are read from
the rendered HTML, leaving out what the edition marks as ``editorial`` (paragraph
numbers, speaker labels, notes on missing text, tooltips) and the theme's own links.

Footnotes and blocks marked ``relocated`` stand elsewhere on the page than in the source;
each must be found, whole and in order, somewhere in the expected words. What remains
must equal the page's running text exactly. Every difference is reported with the
source line and the words lost, added or moved.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.core.diagnostics import Diagnostic

_WORD = re.compile(r"\w+")
#: A word broken by a hyphen at a line end: its first part.
_BROKEN_AT_END = re.compile(r"(?<![\w-])([\w-]*\w)-[ \t]*$")
#: A hyphen inside a word: punctuation, not a word boundary.
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_SKIP_CLASSES = frozenset({"editorial", "headerlink", "footnote-backref", "md-annotation"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"})
_BLOCK = frozenset(
    {
        "p",
        "li",
        "div",
        "td",
        "th",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
        "blockquote",
        "figcaption",
        "nav",
        "aside",
        "section",
        "ol",
        "ul",
        "table",
        "tbody",
        "thead",
        "hr",
        "br",
    }
)


@dataclass(frozen=True)
class Word:
    """A word and the source line it comes from."""

    text: str
    line: int = 0


def words(text: str, line: int = 0) -> list[Word]:
    """The words of ``text`` (NFKC-normalised; punctuation, inner hyphens and markup
    signs ignored).

    >>> [w.text for w in words("post-Soviet coun-tries, ¹")]
    ['postSoviet', 'countries', '1']
    """
    text = _INNER_HYPHEN.sub("", unicodedata.normalize("NFKC", text))
    return [Word(w, line) for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Ledger:
    """What named rules took out of a text's running text, by source line."""

    furniture: dict[int, str] = field(default_factory=dict)  # line → the text removed
    notes: tuple[tuple[int, int], ...] = ()  # (first, last) lines set aside as notes


#: A ``<sup>…</sup>`` pair on one line, found as the inline parser finds it (leftmost,
#: shortest): its tags are markup. A lone ``<sup>`` is shown as it stands, so it stays.
_TAG = re.compile(r"<sup>(.*?)</sup>")


def expected_words(corrected: str, ledger: Ledger | None = None) -> list[Word]:
    """The words a page must show, with their source lines: the running text first (line
    ends joined where a hyphen breaks a word, across blank and removed lines), then each
    set-aside note.

    >>> [w.text for w in expected_words("his-\\n12\\ntorical", Ledger({2: "12"}))]
    ['historical']
    """
    ledger = ledger or Ledger()
    # A form feed (a page break) is white space on the page too: it parts two words.
    lines = _TAG.sub(r"\1", corrected).replace("\f", " ").split("\n")
    in_note = {n for first, last in ledger.notes for n in range(first, last + 1)}
    body = [
        "" if n in ledger.furniture or n in in_note else line
        for n, line in enumerate(lines, start=1)
    ]
    out = _words_by_line(body)
    for first, last in ledger.notes:
        note = [line if first <= n <= last else "" for n, line in enumerate(lines, start=1)]
        out.extend(_words_by_line(note))
    return out


def _words_by_line(lines: list[str]) -> list[Word]:
    """Words of the lines, each with its source line; a word broken by a hyphen at a
    line end is carried to the next line that holds text, and counted there once."""
    out: list[Word] = []
    carry = ""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line = carry + line.lstrip() if carry and line.lstrip()[:1].isalnum() else carry + line
        carry = ""
        match = _BROKEN_AT_END.search(line)
        if match:
            carry, line = match.group(1), line[: match.start()]
        out.extend(words(line, number))
    if carry:
        out.extend(words(carry, len(lines)))
    return out


# ------------------------------------------------------------------------ page side


@dataclass
class PageWords:
    """The words of a rendered page: running text, and the chunks that stand apart."""

    main: list[str] = field(default_factory=list)
    chunks: list[tuple[str, list[str]]] = field(default_factory=list)  # (what, words)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageWords()
        self.stack: list[tuple[str, bool, list[str] | None]] = []
        self.skip = 0
        self.buffer: list[str] = []
        self.target: list[str] = self.page.main

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            self.buffer.append(" ")
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skip = bool(classes & _SKIP_CLASSES) or tag in ("script", "style")
        chunk: list[str] | None = None
        label = ""
        if not self.skip and not skip:
            ident = attributes.get("id") or ""
            if tag == "li" and ident.startswith("fn:"):
                chunk, label = [], ident[3:]
                self.page.chunks.append((f"footnote {label}", chunk))
            elif "relocated" in classes:
                chunk = []
                self.page.chunks.append((attributes.get("data-relocated", "relocated"), chunk))
        if tag in _BLOCK:
            self.buffer.append(" ")
        if chunk is not None:
            self._flush()
            self.target = chunk
            self.buffer.append(f" {label} ")
        self.stack.append((tag, skip, chunk))
        if skip:
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, skip, chunk = self.stack.pop()
            if skip:
                self.skip -= 1
            if chunk is not None:
                self._flush()
                self.target = self._outer_target()
            if open_tag == tag:
                break
        if tag in _BLOCK:
            self.buffer.append(" ")

    def _outer_target(self) -> list[str]:
        for _, _, chunk in reversed(self.stack):
            if chunk is not None:
                return chunk
        return self.page.main

    def handle_data(self, data):
        if not self.skip:
            self.buffer.append(data)

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        self.target.extend(w.text for w in words(text))

    def close(self) -> None:
        super().close()
        self._flush()


def page_words(html: str) -> PageWords:
    """Read the words of rendered HTML, sorting footnotes and relocated blocks apart."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    page = reader.page
    page.chunks = [
        (what, chunk if not (what.startswith("footnote ") and len(chunk) <= 1) else [])
        for what, chunk in page.chunks
    ]
    return page


# ------------------------------------------------------------------------- the check


def _find_run(
    haystack: list[Word],
    taken: list[bool],
    needle: list[str],
    start: int,
    index: dict[str, list[int]],
) -> int:
    """The first free position, from ``start`` on (then from the beginning), where
    ``needle`` stands whole in ``haystack``; -1 if nowhere."""
    n = len(needle)
    positions = index.get(needle[0], [])
    ordered = [i for i in positions if i >= start] + [i for i in positions if i < start]
    for i in ordered:
        if i + n <= len(haystack) and all(
            not taken[i + k] and haystack[i + k].text == needle[k] for k in range(n)
        ):
            return i
    return -1


def check_conservation(
    expected: list[Word], page: PageWords, source: str, page_name: str
) -> list[Diagnostic]:
    """Compare expected words with a page's words; one diagnostic per difference."""
    problems: list[Diagnostic] = []
    taken = [False] * len(expected)
    index: dict[str, list[int]] = {}
    for i, word in enumerate(expected):
        index.setdefault(word.text, []).append(i)
    cursor = 0
    for what, chunk in page.chunks:
        if not chunk:
            continue
        at = _find_run(expected, taken, chunk, cursor, index)
        if at < 0:
            problems.append(
                Diagnostic(
                    "W003",
                    f"{what} on {page_name} does not match the source as a whole: "
                    f"{' '.join(chunk[:12])}…",
                    source,
                    hint="the note or block lost, gained or reordered words",
                )
            )
            continue
        for k in range(len(chunk)):
            taken[at + k] = True
        cursor = at + len(chunk)
    rest = [w for w, t in zip(expected, taken, strict=True) if not t]
    problems.extend(_diff(rest, page.main, source, page_name))
    return problems


def _diff(expected: list[Word], actual: list[str], source: str, page_name: str) -> list[Diagnostic]:
    texts = [w.text for w in expected]
    if texts == actual:
        return []
    matcher = difflib.SequenceMatcher(None, texts, actual, autojunk=False)
    problems = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        line = expected[i1].line if i1 < len(expected) else (expected[-1].line if expected else 0)
        lost = " ".join(w.text for w in expected[i1:i2])
        added = " ".join(actual[j1:j2])
        if op == "delete":
            message = f"words lost on {page_name}: {lost[:200]}"
        elif op == "insert":
            message = f"words added on {page_name} (not in the source): {added[:200]}"
        else:
            message = f"words changed on {page_name}: source '{lost[:100]}' → page '{added[:100]}'"
        problems.append(
            Diagnostic(
                "W001" if op != "insert" else "W002",
                message,
                source,
                line,
                hint="fix the rule or parser that dropped or invented them, "
                "or declare a correction in meta.yml",
            )
        )
    return problems
