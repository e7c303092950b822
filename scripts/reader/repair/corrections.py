"""Declared corrections: exact text → replacement, with the expected number of matches.

Corrections are the only way an editor changes the words of a text. They are declared in
``meta.yml`` next to the original; one that no longer matches as often as declared stops
the build, so a correction can never silently do nothing or too much.
"""

from __future__ import annotations

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.meta import Correction


def apply_corrections(text: str, corrections: tuple[Correction, ...], meta_path: str) -> str:
    """Apply each correction; stop if one matches a different number of times."""
    errors: list[Diagnostic] = []
    for c in corrections:
        found = text.count(c.find)
        if found != c.count:
            what = "matches nothing" if found == 0 else f"matches {found} times, not {c.count}"
            errors.append(
                Diagnostic(
                    "R001",
                    f"correction {c.find[:50]!r} {what}",
                    meta_path,
                    c.line,
                    hint="update 'find' to the original's exact text, or 'count' to the number of "
                    "places meant",
                )
            )
            continue
        if c.find.count("\n") != c.replace.count("\n"):
            errors.append(
                Diagnostic(
                    "R002",
                    "a correction may not add or remove line breaks",
                    meta_path,
                    c.line,
                    hint="keep the same number of lines in 'find' and 'replace'",
                )
            )
            continue
        text = text.replace(c.find, c.replace)
    if errors:
        raise DiagnosticError(errors)
    return text
