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
        Repair(name, n, f"{a.strip()[:40]!r} → {b.strip()[:40]!r}")
        for n, (a, b) in enumerate(zip(old, new, strict=True), start=1)
        if a != b
    ]
