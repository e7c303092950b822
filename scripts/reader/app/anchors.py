"""Permanent paragraph anchors: a lock file per text keeps each ``#pN`` on its words.

``sources/<slug>/anchors.lock`` (JSON, one anchor per line for reviewable diffs) records
every anchor with a fingerprint of its text (normalised words → short sha256) and its
first words for humans. Every build compares the new numbering with the lock
(:func:`check_document`): an existing anchor that would point at different text stops
the build and names the anchors; ``reader lock <slug>`` records the change on purpose
(:func:`relock`), adding a redirect ``old → new`` for every anchor whose words moved and
keeping the history of those changes. A text without a lock gets one from ``reader
build``; anchors past the end of the lock (a text that grew) are appended the same way.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.atomic import write_atomic
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.model import Document, plain_text

LOCK_NAME = "anchors.lock"
SNIPPET_WORDS = 10
SHOWN = 5  # anchors named in one diagnostic
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Entry:
    """One anchor as the lock records it: its fingerprint and its first words."""

    anchor: str
    fingerprint: str
    words: str


@dataclass
class Lock:
    """The contents of one ``anchors.lock``."""

    text: str
    anchors: dict[str, Entry]
    redirects: dict[str, str] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    revision: int = 1


@dataclass
class AnchorBook:
    """The locks of one build and what the build learnt: locks to write, redirects."""

    root: Path
    locks: dict[str, Lock | None]
    pending: dict[str, tuple[Lock, str]] = field(default_factory=dict)  # slug -> (lock, why)
    redirects: dict[str, dict[str, str]] = field(default_factory=dict)


# ------------------------------------------------------------------------ fingerprints


def normalised_words(text: str) -> list[str]:
    """The words of ``text``, NFKC-normalised and case-folded (punctuation ignored)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fingerprint(text: str) -> str:
    """A short sha256 of the normalised words of ``text``."""
    return hashlib.sha256(" ".join(normalised_words(text)).encode("utf-8")).hexdigest()[:12]


def snippet(text: str, count: int = SNIPPET_WORDS) -> str:
    """The first ``count`` words of ``text`` as written, with "…" when there are more."""
    parts = text.split()
    return " ".join(parts[:count]) + (" …" if len(parts) > count else "")


def entries_of(doc: Document) -> dict[str, Entry]:
    """The anchors of a numbered document with their fingerprints, in reading order."""
    out: dict[str, Entry] = {}
    for p in doc.citable():
        text = plain_text(p.inlines, editorial=False)
        out[p.anchor] = Entry(p.anchor, fingerprint(text), snippet(text))
    return out


def _number(anchor: str) -> int:
    return int(anchor[1:]) if anchor[1:].isdigit() else 0


# ---------------------------------------------------------------------- reading, writing


def lock_path(root: Path, slug: str) -> Path:
    """Where the lock of a text lives."""
    return root / "sources" / slug / LOCK_NAME


def _bad(display: str, message: str) -> DiagnosticError:
    return DiagnosticError(
        [
            Diagnostic(
                "P002",
                f"unreadable anchors lock: {message}",
                display,
                hint="restore the file from git, or delete it and run `reader build` to record the "
                "current anchors anew",
            )
        ]
    )


def load_lock(path: Path, display: str) -> Lock | None:
    """Read a lock file (None when there is none); DiagnosticError when it is broken."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        anchors = {
            a: Entry(a, str(v["fingerprint"]), str(v.get("words", "")))
            for a, v in data["anchors"].items()
        }
        redirects = {str(k): str(v) for k, v in data.get("redirects", {}).items()}
        return Lock(
            str(data["text"]),
            anchors,
            redirects,
            list(data.get("history", [])),
            int(data.get("revision", 1)),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _bad(display, f"{error.__class__.__name__}: {error}") from error


def dump_lock(lock: Lock) -> str:
    """The lock as JSON text with one anchor or redirect per line."""

    def block(name: str, items: list[str], opener: str, closer: str) -> str:
        if not items:
            return f' "{name}": {opener}{closer}'
        return f' "{name}": {opener}\n  ' + ",\n  ".join(items) + f"\n {closer}"

    anchors = [
        f"{json.dumps(e.anchor)}: "
        + json.dumps({"fingerprint": e.fingerprint, "words": e.words}, ensure_ascii=False)
        for e in lock.anchors.values()
    ]
    redirects = [
        f"{json.dumps(k)}: {json.dumps(v)}"
        for k, v in sorted(lock.redirects.items(), key=lambda kv: _number(kv[0]))
    ]
    history = [json.dumps(h, ensure_ascii=False, sort_keys=True) for h in lock.history]
    head = f' "text": {json.dumps(lock.text)},\n "revision": {lock.revision}'
    body = ",\n".join(
        [
            head,
            block("anchors", anchors, "{", "}"),
            block("redirects", redirects, "{", "}"),
            block("history", history, "[", "]"),
        ]
    )
    return "{\n" + body + "\n}\n"


def load_book(root: Path, slugs: list[str]) -> AnchorBook:
    """Load the lock of every text (missing ones are None); stop on a broken lock."""
    problems: list[Diagnostic] = []
    locks: dict[str, Lock | None] = {}
    for slug in slugs:
        try:
            locks[slug] = load_lock(lock_path(root, slug), f"sources/{slug}/{LOCK_NAME}")
        except DiagnosticError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise DiagnosticError(problems)
    return AnchorBook(root, locks)


def write_pending(book: AnchorBook) -> list[str]:
    """Write the locks the build created or extended; one line of report per lock."""
    lines = []
    for slug, (lock, why) in sorted(book.pending.items()):
        path = lock_path(book.root, slug)
        write_atomic(path, dump_lock(lock))  # a lock is a source: never half-written
        lines.append(f"sources/{slug}/{LOCK_NAME}: {why}")
    return lines


# ---------------------------------------------------------------------- the check


def _line_of(lock: Lock, anchor: str) -> int:
    """The line of ``anchor`` in the dumped lock (anchors start on line 5)."""
    return 5 + list(lock.anchors).index(anchor) if anchor in lock.anchors else 0


def check_document(doc: Document, book: AnchorBook) -> dict[str, str]:
    """Compare a numbered document with its lock; return the redirects for its page.

    Raises DiagnosticError naming the anchors that would point at different text or
    vanish. A missing lock, or anchors past the end of the lock, become a pending lock
    that ``reader build`` writes.
    """
    slug = doc.meta.slug
    new = entries_of(doc)
    lock = book.locks.get(slug)
    if lock is None:
        book.pending[slug] = (Lock(slug, new), f"created with {len(new)} anchors")
        return {}
    changed = [
        (old, new.get(a))
        for a, old in lock.anchors.items()
        if a not in new or new[a].fingerprint != old.fingerprint
    ]
    if changed:
        raise DiagnosticError([_moved(slug, lock, changed)])
    added = [a for a in new if a not in lock.anchors]
    if added:
        grown = Lock(
            slug,
            {**lock.anchors, **{a: new[a] for a in added}},
            dict(lock.redirects),
            list(lock.history),
            lock.revision,
        )
        book.pending[slug] = (grown, f"{len(added)} new anchors recorded ({added[0]}–{added[-1]})")
    book.redirects[slug] = dict(lock.redirects)
    return dict(lock.redirects)


def _moved(slug: str, lock: Lock, changed: list[tuple[Entry, Entry | None]]) -> Diagnostic:
    shown = []
    for old, now in changed[:SHOWN]:
        then = f"was “{old.words}”"
        shown.append(
            f"{old.anchor} ({then}, now “{now.words}”)"
            if now
            else f"{old.anchor} ({then}, now gone)"
        )
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


# ---------------------------------------------------------------------- recording


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
    near = _number(old.anchor)
    same = [a for a, e in new.items() if e.fingerprint == old.fingerprint]
    if same:
        return min(same, key=lambda a: abs(_number(a) - near))
    scored = [(_score(old, texts[a]), -abs(_number(a) - near), a) for a in new]
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
    from reader.app.build import load_sources
    from reader.parse.document import build_document
    from reader.passes.numbering import number_paragraphs
    from reader.repair.hyphenation import Lexicon

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
