"""Named repair rules for extraction damage, and the log of what each one changed.

Character rules are ``str -> str`` and run in :data:`CHARACTER_RULES` order; block rules
(footnote set-aside, unwrapping, rejoining) live in their own modules and are called by
the document builder. Each change is recorded as a :class:`Repair` so that
``reader explain`` and the edition page can list them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.repair.characters import (
    collapse_doubled_spaces,
    mark_furniture_lines,
    normalise_newlines,
    strip_byte_order_mark,
    strip_stray_leading_spaces,
    strip_trailing_spaces,
)

Rule = Callable[[str], str]

#: Rules that must run before declared corrections (which quote the original's lines).
ENCODING_RULES: tuple[Rule, ...] = (strip_byte_order_mark, normalise_newlines)

#: Character rules, in the order they run after the declared corrections.
CHARACTER_RULES: tuple[Rule, ...] = (
    mark_furniture_lines,
    strip_trailing_spaces,
    collapse_doubled_spaces,
    strip_stray_leading_spaces,
)


@dataclass(frozen=True)
class Repair:
    """One change a rule made: which rule, at which source line, what it did."""

    rule: str
    line: int
    detail: str


def apply_rules(text: str, rules: tuple[Rule, ...]) -> tuple[str, list[Repair]]:
    """Run ``rules`` in order, logging each line a rule changed (line count is kept)."""
    log: list[Repair] = []
    for rule in rules:
        repaired = rule(text)
        if repaired != text:
            log.extend(_changed_lines(rule.__name__, text, repaired))
        text = repaired
    return text, log


def _changed_lines(name: str, before: str, after: str) -> list[Repair]:
    old, new = before.split("\n"), after.split("\n")
    if len(old) != len(new):
        return [Repair(name, 0, "changed the text")]
    return [
        Repair(name, n, _describe(a, b))
        for n, (a, b) in enumerate(zip(old, new, strict=True), start=1)
        if a != b
    ]


def _describe(before: str, after: str, context: int = 12) -> str:
    """The first difference between two lines, with a little context either side."""
    pairs = enumerate(zip(before, after, strict=False))
    start = next((i for i, (x, y) in pairs if x != y), min(len(before), len(after)))
    end_b, end_a = len(before), len(after)
    while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
        end_b, end_a = end_b - 1, end_a - 1
    lo = max(0, start - context)
    return f"{before[lo : end_b + context]!r} → {after[lo : end_a + context]!r}"
