"""Properties of the repair rules (``reader.repair``), checked on generated inputs.

What must always hold:

- no rule crashes, whatever unicode it is given;
- the character rules, one by one and in their pipeline order, are idempotent;
- no rule loses or invents a word: the ``\\w+`` tokens after a rule are the tokens before
  it, except that a word hyphenated at a line end may become one token (a *documented
  join*: the letters stay the same, in the same order, and the token count drops by one
  per join the rule reports).
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from reader.repair import CHARACTER_RULES, ENCODING_RULES, apply_rules
from reader.repair.characters import (
    collapse_doubled_spaces,
    mark_furniture_lines,
    normalise_newlines,
    strip_byte_order_mark,
    strip_stray_leading_spaces,
    strip_trailing_spaces,
)
from reader.repair.chunks import Chunk, drop_lines, select_lines, split_chunks
from reader.repair.furniture import set_aside_footnote_blocks
from reader.repair.hyphenation import Lexicon, decide, join_lines, split_at_break
from reader.repair.paragraphs import rejoin_cut_paragraphs, unwrap_hard_wrapped_lines

MODEST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHARACTER = (
    strip_byte_order_mark,
    normalise_newlines,
    mark_furniture_lines,
    strip_trailing_spaces,
    collapse_doubled_spaces,
    strip_stray_leading_spaces,
)
_WORD = re.compile(r"\w+")

# Text that looks like extractions: words, hyphenated breaks, odd spaces, line endings.
WORDS = [
    "coun",
    "tries",
    "post",
    "Soviet",
    "soft",
    "power",
    "Russia’s",
    "black",
    "and",
    "white",
    "state",
    "cen",
    "tric",
    "the",
    "Mos",
    "cow",
    "1990",
    "«Россия»",
    "x_y",
]
word = st.one_of(st.sampled_from(WORDS), st.text("abcxyzABCXYZабвя", min_size=1, max_size=8))
space = st.sampled_from([" ", "  ", "\u00a0", " \u00a0 ", "\u2007", "\u202f", "\t"])
piece = st.one_of(word, space, st.sampled_from(["-", "—", ".", ",", "“", "”", "\f", "\ufeff"]))
line = st.lists(piece, max_size=8).map("".join)
hyphen_line = st.tuples(line, word).map(lambda t: f"{t[0]} {t[1]}-")
eol = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n", "\n\u00a0\n\n\n"])
extraction = st.lists(st.tuples(st.one_of(line, hyphen_line), eol), max_size=8).map(
    lambda parts: "".join(a + b for a, b in parts)
)
any_text = st.one_of(extraction, st.text(max_size=200))


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the conservation check counts them."""
    return _WORD.findall(text)


def assert_joined_only(before: list[str], after: list[str], joins: int) -> None:
    """``after`` is ``before`` with ``joins`` adjacent pairs of tokens made one."""
    assert "".join(after) == "".join(before)
    assert len(after) == len(before) - joins


# ----------------------------------------------------------------- character rules


@MODEST
@given(any_text)
@example("\ufeff\ufeffTitle")  # two byte order marks
@example("coun \u2007\n")  # a trailing figure space after a space
def test_character_rules_are_idempotent(text: str) -> None:
    """Each character rule applied twice changes nothing more than applied once."""
    for rule in CHARACTER:
        once = rule(text)
        assert rule(once) == once, rule.__name__


@MODEST
@given(any_text)
def test_character_pipeline_is_idempotent(text: str) -> None:
    """The encoding and character rules, in pipeline order, are idempotent together.

    Except for a byte order mark that is not the file's first character (" \\ufeff"):
    the BOM rule looks only at the start of the file, before leading spaces are stripped.
    Such a mark is invisible and changes no word."""
    assume("\ufeff" not in text.lstrip("\ufeff"))
    once, _ = apply_rules(text, ENCODING_RULES + CHARACTER_RULES)
    twice, log = apply_rules(once, ENCODING_RULES + CHARACTER_RULES)
    assert twice == once
    assert log == []


@MODEST
@given(any_text)
def test_character_rules_keep_every_word(text: str) -> None:
    """White space and invisible characters change; the words do not, nor their order."""
    for rule in CHARACTER:
        assert tokens(rule(text)) == tokens(text), rule.__name__


@MODEST
@given(any_text)
def test_character_rules_keep_the_line_count(text: str) -> None:
    """After line endings are normalised, no rule adds or removes a line (so every
    repair can be logged against its source line)."""
    text = normalise_newlines(strip_byte_order_mark(text))
    for rule in CHARACTER_RULES:
        assert rule(text).count("\n") == text.count("\n"), rule.__name__


# ----------------------------------------------------------------- hyphenation

LOWER = "abcdefghijklmnopqrstuvwxyz"
FRAGMENT = st.one_of(st.sampled_from(WORDS[:12]), st.text(LOWER, min_size=1, max_size=9))


@MODEST
@given(FRAGMENT, FRAGMENT)
def test_decide_only_joins_or_keeps_the_hyphen(left: str, right: str) -> None:
    """A decision's result is the two fragments, with or without the hyphen (or, before
    a conjunction that makes no word with the fragment, a suspended hyphen: "oil- and")."""
    decision = decide(left, right, Lexicon())
    suspended = f"{left}- {right}" if right in ("and", "or", "nor", "to") else None
    assert decision.result in (left + right, f"{left}-{right}", suspended)
    assert decision.evidence


@MODEST
@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_decide_survives_any_unicode(left: str, right: str) -> None:
    """Weighing evidence never fails, whatever the fragments are."""
    decision = decide(left, right, Lexicon.from_texts([left, right]))
    assert decision.result in (left + right, f"{left}-{right}")


@MODEST
@given(st.text(max_size=40), st.text(max_size=40))
def test_hyphenation_survives_any_unicode(line_text: str, next_text: str) -> None:
    """Any pair of lines joins without error and keeps its words (modulo one join)."""
    lexicon = Lexicon.from_texts([line_text, next_text])
    joined, decision = join_lines(line_text, next_text, lexicon)
    merged = 1 if decision is not None and decision.join else 0
    assert_joined_only(tokens(line_text) + tokens(next_text), tokens(joined), merged)


@MODEST
@given(st.one_of(line, hyphen_line), line, st.lists(line, max_size=3))
def test_join_lines_keeps_words(first: str, second: str, corpus: list[str]) -> None:
    """Joining two lines loses or invents no word; a join happens only at a break."""
    lexicon = Lexicon.from_texts(corpus)
    joined, decision = join_lines(first, second, lexicon)
    if decision is None:
        assert split_at_break(first, second) is None
        assert joined == f"{first} {second}"
    merged = 1 if decision is not None and decision.join else 0
    assert_joined_only(tokens(first) + tokens(second), tokens(joined), merged)


# ----------------------------------------------------------------- chunks


@MODEST
@given(any_text)
def test_chunks_keep_every_line_in_place(text: str) -> None:
    """Chunks hold the text's non-blank lines, in order, at their true line numbers."""
    lines = text.split("\n")
    chunks = split_chunks(text)
    for chunk in chunks:
        assert chunk.lines == tuple(lines[chunk.line - 1 : chunk.last_line])
    kept = [x for c in chunks for x in c.lines]
    assert kept == [x for x in lines if x != "\f" and x.strip()]
    assert tokens("\n".join(kept)) == tokens(text)


@MODEST
@given(any_text, st.integers(1, 30), st.integers(0, 10))
@example(" coun-\n coun-\ncoun\n", 2, 0)  # a line dropped from the middle of a chunk
def test_select_and_drop_partition_the_lines(text: str, first: int, length: int) -> None:
    """select_lines and drop_lines split the lines between them, none lost or doubled,
    and every chunk left holds the source lines its numbers say."""
    chunks = split_chunks(text)
    last = first + length
    selected = [x for c in select_lines(chunks, first, last) for x in c.lines]
    dropped = [x for c in drop_lines(chunks, first, last) for x in c.lines]
    every = [x for c in chunks for x in c.lines]
    assert sorted(selected + dropped) == sorted(every)
    assert drop_lines(drop_lines(chunks, first, last), first, last) == drop_lines(
        chunks, first, last
    )
    lines = text.split("\n")
    for chunk in drop_lines(chunks, first, last):
        assert chunk.lines == tuple(lines[chunk.line - 1 : chunk.last_line])


def test_dropping_middle_lines_splits_the_chunk_and_cuts_what_follows() -> None:
    chunks = split_chunks("one\ntwo\nthree\nfour\n\nfive\n")
    left = drop_lines(chunks, 2, 2)
    assert [(c.lines, c.line, c.last_line, c.cut) for c in left] == [
        (("one",), 1, 1, False),
        (("three", "four"), 3, 4, True),
        (("five",), 6, 6, False),
    ]
    # a second region, as document.py drops them one after the other: line 4, not 5
    assert [c.lines for c in drop_lines(left, 4, 4)] == [("one",), ("three",), ("five",)]


# ----------------------------------------------------------------- furniture

KINDS = st.sampled_from(["text", "text", "footnote", "heading", "bullet", "turn"])


@st.composite
def classified(draw: st.DrawFn) -> list[Chunk]:
    """Chunks of generated text, each given a kind as the classifier would."""
    chunks = split_chunks(draw(extraction))
    return [c.with_kind(draw(KINDS)) for c in chunks]


@MODEST
@given(classified())
def test_footnote_set_aside_keeps_every_line(chunks: list[Chunk]) -> None:
    """Body and footnotes together hold every line once; set-aside is idempotent."""
    body, notes = set_aside_footnote_blocks(chunks)
    every = [x for c in chunks for x in c.lines]
    assert sorted(x for c in body + notes for x in c.lines) == sorted(every)
    again, more = set_aside_footnote_blocks(body)
    assert more == []
    assert again == body


# ----------------------------------------------------------------- paragraphs


@MODEST
@given(classified(), st.booleans())
def test_unwrapping_keeps_words(chunks: list[Chunk], wrapped: bool) -> None:
    """Unwrapping joins lines; words change only where a hyphenated break was joined;
    unwrapping an unwrapped chunk changes nothing."""
    lexicon = Lexicon.from_texts(" ".join(c.lines) for c in chunks)
    for chunk in chunks:
        flat, decisions = unwrap_hard_wrapped_lines(chunk, lexicon)
        joins = sum(d.join for _, d in decisions)
        assert_joined_only(tokens(chunk.text), tokens(flat.text), joins)
        assert unwrap_hard_wrapped_lines(flat, lexicon) == (flat, [])


@MODEST
@given(classified(), st.booleans())
def test_rejoining_keeps_words_and_is_idempotent(chunks: list[Chunk], wrapped: bool) -> None:
    """Rejoining cut paragraphs keeps every word (modulo the joins it reports) and a
    second pass finds nothing more to join."""
    lexicon = Lexicon.from_texts(c.text for c in chunks)
    chunks = [replace(c, cut=c.cut) for c in chunks]
    joined, joins = rejoin_cut_paragraphs(chunks, lexicon, wrapped=wrapped)
    merged = sum(1 for _, _, d in joins if d is not None and d.join)
    before = [t for c in chunks for t in tokens(c.text)]
    after = [t for c in joined for t in tokens(c.text)]
    assert_joined_only(before, after, merged)
    assert len(joined) == len(chunks) - len(joins)
    again, more = rejoin_cut_paragraphs(joined, lexicon, wrapped=wrapped)
    assert more == [] and again == joined
