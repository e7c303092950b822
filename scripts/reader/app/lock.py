"""``reader lock``: recording a change of paragraph numbering on purpose.

:func:`relock` writes the text's current numbering into its ``anchors.lock``, adding a
redirect ``old → new`` for every anchor whose words moved (:func:`match_anchor`) and
keeping the history of those changes.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from reader.app.load import load_sources
from reader.core.atomic import write_atomic
from reader.core.model import Document, plain_text
from reader.inputs.locks import (
    LOCK_NAME,
    Entry,
    Lock,
    anchor_number,
    dump_lock,
    entries_of,
    load_lock,
    lock_path,
    normalised_words,
)
from reader.parse.document import build_document
from reader.passes.numbering import number_paragraphs
from reader.repair.hyphenation import Lexicon


def _score(old: Entry, words: list[str]) -> float:
    """How well an old anchor's first words match a new paragraph (0 to 2)."""
    probe = normalised_words(old.words.removesuffix(" …"))
    if not probe:
        return 0.0
    if words[: len(probe)] == probe:
        return 2.0
    n = len(probe)
    if any(words[i : i + n] == probe for i in range(len(words) - n + 1)):
        return 1.5
    have = set(words)
    return sum(w in have for w in probe) / n


def match_anchor(old: Entry, new: dict[str, Entry], texts: dict[str, list[str]]) -> str:
    """Where an old anchor's words went: the same fingerprint if any (the nearest), else
    the paragraph that best contains its first words (ties: the nearest); else itself."""
    near = anchor_number(old.anchor)
    same = [a for a, e in new.items() if e.fingerprint == old.fingerprint]
    if same:
        return min(same, key=lambda a: abs(anchor_number(a) - near))
    scored = [(_score(old, texts[a]), -abs(anchor_number(a) - near), a) for a in new]
    best = max(scored, default=(0.0, 0, old.anchor))
    if best[0] >= 0.5:
        return best[2]
    return old.anchor if old.anchor in new else (list(new)[-1] if new else old.anchor)


def relock(lock: Lock | None, doc: Document, today: str | None = None) -> tuple[Lock, dict]:
    """The lock recording ``doc``'s numbering, with redirects for every moved anchor.

    Returns the new lock and the change just recorded (moved anchors, removed ones).
    """
    slug = doc.meta.slug
    new = entries_of(doc)
    if lock is None:
        return Lock(slug, new), {"created": len(new)}
    texts = {
        p.anchor: normalised_words(plain_text(p.inlines, editorial=False)) for p in doc.citable()
    }
    moves: dict[str, str] = {}
    edited: list[str] = []
    for anchor, old in lock.anchors.items():
        if anchor in new and new[anchor].fingerprint == old.fingerprint:
            continue
        target = match_anchor(old, new, texts)
        if target != anchor:
            moves[anchor] = target
        else:
            edited.append(anchor)
    redirects = {a: moves.get(t, t) for a, t in lock.redirects.items()}
    redirects.update(moves)
    redirects = {a: t for a, t in redirects.items() if a != t and t in new}
    change = {"moved": moves, "edited": edited}
    if not moves and not edited and new.keys() == lock.anchors.keys():
        return Lock(slug, new, redirects, list(lock.history), lock.revision), change
    revision = lock.revision + 1
    record = {
        "revision": revision,
        "date": today or datetime.date.today().isoformat(),
        "redirects": moves,
        "edited": edited,
    }
    return Lock(slug, new, redirects, [*lock.history, record], revision), change


def describe(slug: str, change: dict, lock: Lock) -> str:
    """One line saying what ``reader lock`` recorded for a text."""
    where = f"sources/{slug}/{LOCK_NAME}"
    if "created" in change:
        return f"{where}: created with {change['created']} anchors"
    moved, edited = change.get("moved", {}), change.get("edited", [])
    if not moved and not edited:
        return f"{where}: {len(lock.anchors)} anchors, unchanged (revision {lock.revision})"
    parts = []
    if moved:
        shown = ", ".join(f"{a} → {b}" for a, b in list(moved.items())[:8])
        parts.append(f"{len(moved)} redirected ({shown}{', …' if len(moved) > 8 else ''})")
    if edited:
        parts.append(f"{len(edited)} kept with new words ({', '.join(edited[:8])})")
    return f"{where}: revision {lock.revision}: " + "; ".join(parts)


def lock_texts(root: Path, slugs: list[str]) -> list[str]:
    """``reader lock``: record the current numbering of the named texts in their locks,
    with redirects for the anchors whose words moved; one line of report per text."""
    sources = load_sources(root, slugs)
    lexicon = Lexicon.from_texts(s.text for s in sources.values())
    lines = []
    for slug in slugs:
        doc, _ = build_document(sources[slug], lexicon)
        path = lock_path(root, slug)
        lock, change = relock(
            load_lock(path, f"sources/{slug}/{LOCK_NAME}"), number_paragraphs(doc)
        )
        write_atomic(path, dump_lock(lock))  # a lock is a source: never half-written
        lines.append(describe(slug, change, lock))
    return lines
