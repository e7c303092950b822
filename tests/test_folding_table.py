"""Quotation matching folds a paragraph with one translation table
(:func:`reader.text.folding.fold_table`), not a call of :func:`fold_char` per character:
the two agree on every character, and a document's paragraphs are folded once for all the
quotes sought in it (:class:`reader.text.quotes.Passages`)."""

from __future__ import annotations

from reader.text.folding import fold_char, fold_table, fold_text
from reader.text.quotes import Passages, Quote, find_quote, locate
from test_anchors import doc as demo_doc


def test_the_table_folds_every_character_as_fold_char() -> None:
    table = fold_table()
    astral = range(0x10000, 0x110000, 97)  # none is white space or a quote
    for code in [*range(0x10000), *astral]:
        ch = chr(code)
        assert ch.translate(table) == fold_char(ch, case=False), hex(code)
        assert fold_text(ch) == fold_char(ch), hex(code)


def test_passages_find_what_the_document_finds() -> None:
    doc = demo_doc(
        "The “soft power” of a state\u00a0is its attraction.", "Hard power is another matter."
    )
    passages = Passages.of(doc)
    quote = Quote('"soft power" of a state is')
    assert find_quote(passages, quote) == find_quote(doc, quote)
    assert [(p.number, start) for p, start, _ in find_quote(passages, quote)] == [(1, 4)]
    place, problem = locate(passages, Quote("another matter"), "annotations.yml", 3)
    assert problem is None and place is not None and place[0].number == 2
    _, missing = locate(passages, Quote("no such words"), "annotations.yml", 4)
    assert missing is not None and missing.code == "A010" and "demo-2020" in missing.message
