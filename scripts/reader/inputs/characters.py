"""Invisible characters in an original: named, placed, and fixed only on purpose.

A NUL, a right-to-left override or a zero-width joiner inside a word looks like nothing
on screen, yet it splits the word for search, reverses the text after it, or makes two
snippets that look identical differ. :func:`invisible_characters` reports each one as
``file:line:col`` with its code point and Unicode name, and a ready-made declared
correction as the remedy; :func:`show_invisible` writes them visibly (``⟨U+200D⟩``) in
any snippet a message shows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

from reader.core.diagnostics import Diagnostic
from reader.core.meta import Correction

#: Characters an original may not hold unless a declared correction removes them:
#: C0 and C1 controls (but tab, line feed, form feed and carriage return, which the
#: repair rules read), bidirectional controls, zero-width characters and a byte order
#: mark after the start.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u200b-\u200d\u2060\ufeff]"
)
_LEADING_BOMS = re.compile("^\ufeff+")
MAX_REPORTED = 20


def code_point(char: str) -> str:
    """``U+200D ZERO WIDTH JOINER``: the code point and its Unicode name."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


_CONTROL_NAMES = {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE"}


def show_invisible(text: str) -> str:
    """``text`` with every invisible character written as ``⟨U+XXXX⟩``.

    >>> show_invisible("sec\\u200dond")
    'sec⟨U+200D⟩ond'
    """
    return INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, invisible characters escaped (\\uXXXX).

    >>> yaml_quoted("sec\\u200dond")
    '"sec\\\\u200dond"'
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _covered(text: str, corrections: Iterable[Correction]) -> set[int]:
    """Offsets of ``text`` inside the ``find`` of a declared correction."""
    offsets: set[int] = set()
    for correction in corrections:
        if not INVISIBLE.search(correction.find):
            continue
        start = text.find(correction.find)
        while start >= 0:
            offsets.update(range(start, start + len(correction.find)))
            start = text.find(correction.find, start + 1)
    return offsets


_JOINERS = "\u200c\u200d"
_PLAIN_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "DIGIT")


def _joins_script(text: str, offset: int) -> bool:
    """Whether a zero-width (non-)joiner at ``offset`` does its job: Persian, Arabic,
    Indic scripts and emoji need them; between Latin, Cyrillic or Greek letters (or at
    a word's edge) they are damage."""
    if text[offset] not in _JOINERS:
        return False
    around = text[max(offset - 1, 0) : offset] + text[offset + 1 : offset + 2]
    return any(
        not ch.isspace()
        and not unicodedata.name(ch, "").startswith(_PLAIN_SCRIPTS)
        and ord(ch) > 0x7F
        for ch in around
    )


def invisible_characters(
    text: str, corrections: Iterable[Correction], display: str, meta_display: str
) -> list[Diagnostic]:
    """S008 for each invisible character of ``text`` no declared correction removes."""
    covered = _covered(text, corrections)
    start = len(_LEADING_BOMS.match(text)[0]) if text.startswith("\ufeff") else 0
    found = [
        m
        for m in INVISIBLE.finditer(text, start)
        if m.start() not in covered and not _joins_script(text, m.start())
    ]
    problems = [_finding(text, m.start(), display, meta_display) for m in found[:MAX_REPORTED]]
    if len(found) > MAX_REPORTED:
        problems.append(
            Diagnostic(
                "S008",
                f"{len(found) - MAX_REPORTED} more invisible characters not shown",
                display,
                hint="the file may not be text as received; check how it was extracted",
            )
        )
    return problems


def _finding(text: str, offset: int, display: str, meta_display: str) -> Diagnostic:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    left = re.search(r"\S*$", text[:offset])
    right = re.match(r"\S*", text[offset + 1 :])
    word = (left[0] if left else "") + text[offset] + (right[0] if right else "")
    fixed = INVISIBLE.sub("", word)
    count = text.count(word)
    return Diagnostic(
        "S008",
        f"invisible character {code_point(text[offset])} in “{show_invisible(word)}”",
        display,
        line,
        column,
        hint=f"if it is damage, declare in {meta_display} under corrections: "
        f"{{find: {yaml_quoted(word)}, replace: {yaml_quoted(fixed)}, count: {count}, "
        f'reason: "remove a stray {code_point(text[offset])}"}}',
    )
