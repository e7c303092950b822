"""Permanent paragraph anchors: a lock file per text keeps each ``#pN`` on its words.

``sources/<slug>/anchors.lock`` (JSON, one anchor per line for reviewable diffs) records
every anchor with a fingerprint of its text (normalised words → short sha256) and its
first words for humans. This module reads and writes the locks; every build compares the
new numbering with them (:func:`reader.passes.anchors.check_document`), and ``reader lock
<slug>`` records a change on purpose (:func:`reader.app.lock.relock`).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reader.core.atomic import write_atomic
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.core.model import Document, plain_text

LOCK_NAME = "anchors.lock"
SNIPPET_WORDS = 10
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


@dataclass(frozen=True)
class AnchorBook:
    """The locks of one build's texts, by slug (None for a text without a lock)."""

    root: Path
    locks: Mapping[str, Lock | None]

    def redirects(self, slug: str) -> dict[str, str]:
        """The redirects of old anchors that a text's lock records (none without one)."""
        lock = self.locks.get(slug)
        return dict(lock.redirects) if lock is not None else {}


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


def anchor_number(anchor: str) -> int:
    """The number of an anchor (``p12`` → 12; 0 for one that is not ``p`` + digits)."""
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


class AnchorRecord(BaseModel):
    """One anchor of a lock: the fingerprint of its words, and its first words."""

    model_config = ConfigDict(extra="forbid", strict=True)
    fingerprint: str = Field(pattern=r"^[0-9a-f]{12}$", description="sha256 of the words")
    words: str = Field("", description="the first words, for humans")


class LockFile(BaseModel):
    """``sources/<slug>/anchors.lock`` (JSON)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    text: str = Field(description="the slug of the text the lock belongs to")
    revision: int = Field(1, ge=1, description="how many times the numbering was relocked")
    anchors: dict[str, AnchorRecord] = Field(description="anchor -> its fingerprint")
    redirects: dict[str, str] = Field({}, description="old anchor -> where its words went")
    history: list[dict[str, Any]] = Field([], description="what each relock changed")


def load_lock(path: Path, display: str) -> Lock | None:
    """Read a lock file (None when there is none); DiagnosticError (P002) when it is
    not JSON or does not follow :class:`LockFile`."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        lock = LockFile.model_validate(data)
    except ValueError as error:  # JSON, UTF-8 and pydantic errors are ValueErrors
        raise _bad(display, _why(error)) from error
    anchors = {a: Entry(a, v.fingerprint, v.words) for a, v in lock.anchors.items()}
    return Lock(lock.text, anchors, lock.redirects, lock.history, lock.revision)


def _why(error: ValueError) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        return f"{where}: {first['msg']}"
    return f"{error.__class__.__name__}: {error}"


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
        for k, v in sorted(lock.redirects.items(), key=lambda kv: anchor_number(kv[0]))
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
        display = f"sources/{slug}/{LOCK_NAME}"
        try:
            locks[slug] = lock = load_lock(lock_path(root, slug), display)
        except DiagnosticError as error:
            problems.extend(error.diagnostics)
            continue
        if lock is not None and lock.text != slug:
            problems.append(foreign_lock(display, slug, lock.text))
    if problems:
        raise DiagnosticError(problems)
    return AnchorBook(root, locks)


def foreign_lock(display: str, slug: str, other: str) -> Diagnostic:
    """P003: a lock that names another text (copied with a folder): its anchors are not
    this text's, and relocking would write redirects from the other text's numbering."""
    return Diagnostic(
        "P003",
        f"this anchors lock belongs to '{other}', not to '{slug}'",
        display,
        2,
        2,
        hint=f"it was copied from sources/{other}/: delete it and run `reader build` to "
        "record this text's own anchors (not `reader lock`, which would keep the other "
        "text's anchors as redirects)",
    )


def write_pending(root: Path, pending: Mapping[str, tuple[Lock, str]]) -> list[str]:
    """Write the locks the build created or extended; one line of report per lock."""
    lines = []
    for slug, (lock, why) in sorted(pending.items()):
        path = lock_path(root, slug)
        write_atomic(path, dump_lock(lock))  # a lock is a source: never half-written
        lines.append(f"sources/{slug}/{LOCK_NAME}: {why}")
    return lines
