"""The text pages' light markup: terms linked once per section, bodies once as data,
and HTML tags a small share of every docs/texts/*.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.model import Annotation, Emphasis, Heading, Paragraph, Span, Text
from reader.emit.terms import first_per_section

ROOT = Path(__file__).resolve().parents[1]
TAG = re.compile(r"<[^>]+>")


def term(target: str, words: str) -> Annotation:
    return Annotation("term", target, (Text(words),), "def", f"../glossary.md#{target}")


def para(*inlines) -> Paragraph:
    return Paragraph(tuple(inlines), Span("x", 1))


def test_a_term_is_linked_once_per_section_and_again_after_a_heading() -> None:
    blocks = (
        para(term("eu", "EU"), Text(" and "), Emphasis((term("eu", "EU"),))),
        para(term("eu", "the EU")),
        Heading(2, (Text("Next"),), Span("x", 3), anchor="next"),
        para(term("eu", "EU")),
    )
    out = first_per_section(blocks)
    assert out[0].inlines == (term("eu", "EU"), Text(" and "), Emphasis((Text("EU"),)))
    assert out[1].inlines == (Text("the EU"),)  # the words stay, unlinked
    assert out[3].inlines == (term("eu", "EU"),)


@pytest.mark.parametrize("page", sorted((ROOT / "docs" / "texts").glob("*.md")), ids=str)
def test_html_tags_are_at_most_15_percent_of_a_text_page(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    share = sum(len(m) for m in TAG.findall(text)) / len(text)
    assert share <= 0.15, f"{page.name}: {share:.1%}"
    assert "annotation__tip" not in text and "<button" not in text
