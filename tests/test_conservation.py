"""The conservation check passes on the five texts and catches every kind of loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app.build import generate
from reader.checks.conservation import check_conservation, expected_words, page_words, words

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def edition():
    return generate(ROOT)


def test_all_five_texts_conserve_every_word(edition) -> None:
    # generate() raises on any conservation error; reaching here means zero differences.
    assert len(edition.documents) == 5


def _page(body: str, notes: str = "") -> str:
    footnotes = f'<div class="footnote"><ol>{notes}</ol></div>' if notes else ""
    return f"<h1>Title</h1><p>{body}</p>{footnotes}"


EXPECTED = expected_words(
    "Title\nOne two three four five.\nSix seven¹.\n¹ A note here.\n", lexicon=None
)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("html", "code", "fragment"),
    [
        (
            _page(
                "One two four five. Six seven<sup>1</sup>.",
                '<li id="fn:1"><p>A note here.</p></li>',
            ),
            "W001",
            "three",
        ),
        (
            _page(
                "One two three three four five. Six seven<sup>1</sup>.",
                '<li id="fn:1"><p>A note here.</p></li>',
            ),
            "W002",
            "three",
        ),
        (
            _page(
                "One two three four five. Six seven<sup>1</sup>.",
                '<li id="fn:1"><p>A note there.</p></li>',
            ),
            "W003",
            "footnote 1",
        ),
        (
            _page(
                "Two one three four five. Six seven<sup>1</sup>.",
                '<li id="fn:1"><p>A note here.</p></li>',
            ),
            "W00",
            "One",
        ),
    ],
    ids=["lost", "duplicated", "footnote-changed", "moved"],
)
def test_differences_are_reported(html: str, code: str, fragment: str) -> None:
    problems = check_conservation(EXPECTED, page_words(html), "src.txt", "page")
    assert problems, "the check must fail"
    assert any(p.code.startswith(code) and fragment in p.message for p in problems), problems


def test_identical_page_passes() -> None:
    html = _page(
        "One two three four five. Six seven<sup>1</sup>.", '<li id="fn:1"><p>A note here.</p></li>'
    )
    assert check_conservation(EXPECTED, page_words(html), "src.txt", "page") == []


def test_editorial_words_are_not_counted() -> None:
    html = _page(
        '<a class="pnum editorial">1</a> One two three four five. '
        '<span class="speaker editorial">Q</span> Six seven<sup>1</sup>.',
        '<li id="fn:1"><p>A note here. <a class="footnote-backref">↩</a></p></li>',
    )
    assert check_conservation(EXPECTED, page_words(html), "src.txt", "page") == []


def test_lost_word_names_its_source_line() -> None:
    html = _page(
        "One two three four five. Six<sup>1</sup>.", '<li id="fn:1"><p>A note here.</p></li>'
    )
    problems = check_conservation(EXPECTED, page_words(html), "src.txt", "page")
    assert [p.line for p in problems] == [3]


def test_words_normalises_superscript_digits() -> None:
    assert [w.text for w in words("currencies¹ and ²")] == ["currencies1", "and", "2"]
