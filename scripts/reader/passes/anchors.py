"""The anchor check: every paragraph anchor keeps the words its lock recorded.

Every build compares the new numbering with the text's ``anchors.lock``
(:mod:`reader.inputs.locks`): an existing anchor that would point at different text stops
the build and names the anchors (P001); ``reader lock <slug>`` records such a change on
purpose. A text without a lock gets one from ``reader build``; anchors past the end of
the lock (a text that grew) are appended the same way.
"""

from __future__ import annotations

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.model import Document
from reader.inputs.characters import show_invisible
from reader.inputs.locks import LOCK_NAME, Entry, Lock, entries_of

SHOWN = 5  # anchors named in one diagnostic


def _line_of(lock: Lock, anchor: str) -> int:
    """The line of ``anchor`` in the dumped lock (anchors start on line 5)."""
    return 5 + list(lock.anchors).index(anchor) if anchor in lock.anchors else 0


def check_document(doc: Document, lock: Lock | None) -> tuple[Lock, str] | None:
    """Compare a numbered document with its lock; return the lock ``reader build`` must
    write (a missing lock, or anchors past the end of the lock) and why, or None.

    Raises DiagnosticError naming the anchors that would point at different text or
    vanish.
    """
    slug = doc.meta.slug
    new = entries_of(doc)
    if lock is None:
        return Lock(slug, new), f"created with {len(new)} anchors"
    changed = [
        (old, new.get(a))
        for a, old in lock.anchors.items()
        if a not in new or new[a].fingerprint != old.fingerprint
    ]
    if changed:
        raise DiagnosticError([_moved(slug, lock, changed)])
    added = [a for a in new if a not in lock.anchors]
    if not added:
        return None
    grown = Lock(
        slug,
        {**lock.anchors, **{a: new[a] for a in added}},
        dict(lock.redirects),
        list(lock.history),
        lock.revision,
    )
    return grown, f"{len(added)} new anchors recorded ({added[0]}–{added[-1]})"


def _moved(slug: str, lock: Lock, changed: list[tuple[Entry, Entry | None]]) -> Diagnostic:
    shown = []
    for old, now in changed[:SHOWN]:
        then = f"was “{show_invisible(old.words)}”"
        if now is None:
            shown.append(f"{old.anchor} ({then}, now gone)")
            continue
        same = show_invisible(now.words) == show_invisible(old.words)
        later = " — the same first words: the change is further on" if same else ""
        shown.append(f"{old.anchor} ({then}, now “{show_invisible(now.words)}”{later})")
    more = f" and {len(changed) - SHOWN} more" if len(changed) > SHOWN else ""
    count = len(changed)
    noun = "anchor" if count == 1 else "anchors"
    return Diagnostic(
        "P001",
        f"{count} paragraph {noun} of {slug} would point at different text: "
        + "; ".join(shown)
        + more,
        f"sources/{slug}/{LOCK_NAME}",
        _line_of(lock, changed[0][0].anchor),
        hint=f"if the change to the text is intended, record it with `reader lock {slug}` "
        "(old anchors then redirect to where their words went) and rebuild; otherwise "
        "undo the change in the source, its corrections or the parser",
    )
