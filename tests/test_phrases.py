"""The quick refusal of a phrase search never changes its answer (reader.text.phrases)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from reader.inputs.glossary import load_glossary
from reader.text.phrases import FOLDED_ONTO_ASCII, PhraseSearch, lowered_for

ROOT = Path(__file__).parents[1]


def test_the_letters_folded_onto_ascii_are_exactly_the_four() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    found = set()
    for letter in string.ascii_letters:
        found.update(re.findall(re.escape(letter), every, re.IGNORECASE))
    assert {c for c in found if not c.isascii()} == set(FOLDED_ONTO_ASCII)


def _paragraphs() -> list[str]:
    texts = (p.read_text(encoding="utf-8") for p in (ROOT / "sources").glob("*/original.txt"))
    return [q.replace("’", "'") for t in texts for q in t.split("\n\n") if q.strip()]


def test_every_paraphrase_of_the_glossary_on_every_paragraph_answers_as_its_pattern() -> None:
    glossary = load_glossary(ROOT / "glossary.yml", "glossary.yml")
    searches = [PhraseSearch.of(e.paraphrases) for e in glossary if e.paraphrases]
    assert len(searches) > 10
    paragraphs = _paragraphs()
    hits = 0
    for text in paragraphs:
        lowered = lowered_for(text)
        for search in searches:
            answer = search.search(text, lowered)
            assert answer == (search.pattern.search(text) is not None), (search, text[:80])
            hits += answer
    assert hits > 50  # the refusal is not all there is


@pytest.mark.parametrize(
    ("phrases", "text", "expected"),
    [
        (["soft power"], "its ſoft power", True),  # long s: re folds it onto s
        (["kin"], "the Kin abroad", True),  # the Kelvin sign onto k
        (["iron"], "an İron will", True),  # capital I with a dot onto i
        (["iron"], "an ıron will", True),  # dotless i onto i
        (["soft power"], "SOFT\n  POWER", True),
        (["soft power"], "softpower", False),
        (["soft power"], "soft powers", False),  # whole words
        (["émigré"], "the ÉMIGRÉ press", True),  # outside ASCII: never refused
        (["émigré", "diaspora"], "a Diaspora", True),
        (["non-coercive means"], "by non-coercive\tmeans", True),
        (["use of force"], "", False),
    ],
)
def test_edges(phrases: list[str], text: str, expected: bool) -> None:
    search = PhraseSearch.of(phrases)
    assert search.search(text) is expected
    assert (search.pattern.search(text) is not None) is expected
