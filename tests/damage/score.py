"""Repair a damaged extraction with the real pipeline and score it against its truth."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from damage.simulator import Clean, Damaged, damage
from reader.core.model import Heading, Paragraph, plain_text
from reader.inputs.sources import Source
from reader.parse.document import build_document
from reader.repair.hyphenation import Lexicon

_LABEL = re.compile(r"^(?:\([a-z]\)|\d{1,2}[.)])\s+")


@dataclass
class Score:
    """What one repair got right and wrong."""

    paragraphs: int = 0
    exact: int = 0
    furniture: int = 0
    leaked: int = 0  # furniture lines left in the text
    real_removed: int = 0  # body lines taken for furniture
    words: int = 0
    lost: int = 0
    added: int = 0
    hyphens: int = 0
    hyphens_right: int = 0
    notes: int = 0
    notes_exact: int = 0
    profile: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Sum another score into this one."""
        for name in (
            "paragraphs",
            "exact",
            "furniture",
            "leaked",
            "real_removed",
            "words",
            "lost",
            "added",
            "hyphens",
            "hyphens_right",
            "notes",
            "notes_exact",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.profile.update(other.profile)
        self.failures.extend(other.failures)


def _key(word: str) -> str:
    return re.sub(r"[^\w]", "", word.casefold())


def repair(damaged: Damaged, template: Source, corpus: list[str]):
    """The document and build log the pipeline makes of a damaged text (profile auto)."""
    meta = replace(template.meta, profile="auto", corrections=(), structure={})
    source = replace(template, text=damaged.text, meta=meta)
    return build_document(source, Lexicon.from_texts([*corpus, damaged.text]))


def score(clean: Clean, style: str, seed: int, template: Source, corpus: list[str]) -> Score:
    """Damage ``clean`` in ``style`` with ``seed``, repair it, and score the result."""
    damaged = damage(clean, style, seed)
    doc, log = repair(damaged, template, corpus)
    out = [
        _LABEL.sub("", " ".join(plain_text(b.inlines).split()))
        for b in doc.blocks
        if isinstance(b, Paragraph | Heading)
    ]
    truth = [_LABEL.sub("", text) for _, text in damaged.blocks]
    s = Score(paragraphs=len(truth), furniture=len(damaged.furniture), notes=len(damaged.notes))
    s.profile[doc.meta.profile] += 1
    matcher = difflib.SequenceMatcher(None, truth, out, autojunk=False)
    s.exact = sum(block.size for block in matcher.get_matching_blocks())
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal" and len(s.failures) < 3:
            s.failures.append(f"{style}:{seed} {op}: {truth[i1:i2][:2]!r} → {out[j1:j2][:2]!r}")
    removed = set(log.furniture)
    s.leaked = len(damaged.furniture - removed)
    s.real_removed = len(removed - damaged.furniture)
    notes = [" ".join(plain_text(p).strip() for p in n.paragraphs) for n in doc.footnotes]
    s.notes_exact = sum(1 for a, b in zip(damaged.notes, notes, strict=False) if a == b)
    truth_words = [_key(w) for text in truth + damaged.notes for w in text.split()]
    out_words = [_key(w) for text in out + notes for w in text.split()]
    s.words = len(truth_words)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, truth_words, out_words, autojunk=False
    ).get_opcodes():
        if op in ("delete", "replace"):
            s.lost += i2 - i1
        if op in ("insert", "replace"):
            s.added += j2 - j1
    s.hyphens, s.hyphens_right = _hyphens(damaged, log.hyphenation)
    return s


def _fragments(left: str, right: str) -> tuple[str, str]:
    head = left.rsplit("-", 1)[-1]
    tail = right.split("-", 1)[0]
    return _key(head), _key(tail)


def _hyphens(damaged: Damaged, decisions) -> tuple[int, int]:
    truth = Counter((*_fragments(b.left, b.right), b.join) for b in damaged.breaks)
    made = Counter((*_fragments(d.left, d.right), d.join) for _, d in decisions)
    return sum(truth.values()), sum(min(n, made[k]) for k, n in truth.items())
