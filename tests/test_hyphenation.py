"""End-of-line de-hyphenation: joins broken words, keeps real compounds, on evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.repair.hyphenation import Lexicon, decide, join_lines, split_at_break

CORPUS = Lexicon.from_texts(
    p.read_text(encoding="utf-8") for p in (Path(__file__).parents[1] / "sources").glob("*/*.txt")
)


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("coun", "tries", "countries"),  # a common word
        ("Mos", "cow", "Moscow"),  # a proper noun the corpus knows
        ("multi", "polarity", "multipolarity"),  # rare word, attested in the corpus
        ("faculta", "tive", "facultative"),  # rare word, known to the frequency list
        ("state-cen", "tric", "state-centric"),  # only the broken fragment is decided
        ("non-Euro", "pean", "non-European"),
        ("soli", "darism", "solidarism"),  # unknown everywhere, fragments are not words
        ("totalitarian", "ism", "totalitarianism"),  # near tie in frequency: join wins
        ("vis", "à-vis", "vis-à-vis"),  # real hyphens kept
        ("black", "and-white", "black-and-white"),
        ("pro", "European", "pro-European"),
        ("Euro", "Atlantic", "Euro-Atlantic"),
        ("all", "European", "all-European"),
        ("post", "Soviet", "post-Soviet"),
        ("anti", "Western", "anti-Western"),
    ],
)
def test_decide_on_the_corpus(left: str, right: str, expected: str) -> None:
    assert decide(left, right, CORPUS).result == expected


def test_corpus_evidence_overrides_word_frequency() -> None:
    lexicon = Lexicon.from_texts(["a well-known co-operation between co-operation partners"])
    assert decide("co", "operation", lexicon).result == "co-operation"
    assert "corpus" in decide("co", "operation", lexicon).evidence


def test_line_end_hyphen_is_not_counted_as_evidence() -> None:
    lexicon = Lexicon.from_texts(["the coun-\ntries"])
    assert lexicon.count("coun-tries") == 0


@pytest.mark.parametrize(
    ("line", "next_line", "parts"),
    [
        ("a number of coun-", "tries in North Africa", ("coun", "tries")),
        ("the Polish-Swedish “East-", "ern Partnership", ("East", "ern")),
        ("oil- and gas-producing", "countries", None),  # no break at the line end
        ("between 1990 and 2011 -", "x", None),  # a dash, not a hyphenated word
        ("the year 2015-", "2016", None),  # numbers are not words
    ],
)
def test_split_at_break(line: str, next_line: str, parts: tuple[str, str] | None) -> None:
    assert split_at_break(line, next_line) == parts


def test_join_lines_keeps_the_rest_of_the_next_line() -> None:
    text, decision = join_lines("in a number of coun-", "tries in North Africa", CORPUS)
    assert text == "in a number of countries in North Africa"
    assert decision is not None and decision.join
