"""Clean texts for the simulator: the five texts' paragraphs as the edition parses them."""

from __future__ import annotations

from pathlib import Path

from damage.simulator import Clean
from reader.app.load import load_sources
from reader.core.model import Paragraph, plain_text
from reader.parse.document import build_document
from reader.repair.hyphenation import Lexicon

ROOT = Path(__file__).resolve().parents[2]
_KINDS = {
    "body": "body",
    "bullet": "bullet",
    "lettered": "lettered",
    "question": "body",
    "answer": "body",
}


def clean_texts(root: Path = ROOT) -> dict[str, Clean]:
    """Each text's citable paragraphs (white space normalised), by slug."""
    sources = load_sources(root)
    lexicon = Lexicon.from_texts(s.text for s in sources.values())
    out = {}
    for slug, source in sources.items():
        doc, _ = build_document(source, lexicon)
        blocks = tuple(
            ("body", " ".join(plain_text(b.inlines).split()))
            for b in doc.blocks
            if isinstance(b, Paragraph) and b.role in _KINDS and plain_text(b.inlines).strip()
        )
        out[slug] = Clean(" ".join(plain_text(doc.title).split()), blocks)
    return out
