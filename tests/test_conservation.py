"""The conservation check passes on the five texts and catches every kind of loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.app.build import generate
from reader.checks.conservation import (
    Ledger,
    check_conservation,
    expected_words,
    page_words,
    words,
)
from reader.checks.ledger import check_ledger

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


EXPECTED = expected_words("Title\nOne two three four five.\nSix seven¹.\n¹ A note here.\n")


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


# ------------------------------------------------- a check that no repair can fool

SOURCE = (
    "Title\n"
    "The state builds its image abroad. The his-\n"
    "torical record of the state is long.\n"
    "\n"
    "A second paragraph follows the first one.\n"
    "\n"
    "A third paragraph ends the text.\n"
)
PAGE = (
    "The state builds its image abroad. The historical record of the state is long.",
    "A second paragraph follows the first one.",
    "A third paragraph ends the text.",
)


def _html(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "<h1>Title</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)


def _problems(paragraphs, source: str = SOURCE, ledger: Ledger | None = None):
    return check_conservation(
        expected_words(source, ledger), page_words(_html(paragraphs)), "src.txt", "page"
    )


def test_the_faithful_page_passes() -> None:
    assert _problems(PAGE) == []


def test_a_kept_line_end_hyphen_passes_too() -> None:
    """Whatever the de-hyphenation rule decided, no word was lost or split."""
    assert _problems([PAGE[0].replace("historical", "his-torical"), *PAGE[1:]]) == []


@pytest.mark.parametrize(
    "damage",
    [
        # a word lost that also occurs elsewhere in the text
        lambda p: [p[0].replace("of the state", "of the", 1), *p[1:]],
        # two words swapped
        lambda p: [p[0].replace("builds its", "its builds"), *p[1:]],
        # a word moved to another paragraph
        lambda p: [p[0].replace(" abroad", ""), p[1], p[2].replace("ends", "ends abroad")],
        # a word split in two
        lambda p: [p[0].replace("historical", "his torical"), *p[1:]],
    ],
    ids=["lost-word-that-recurs", "swapped", "moved-to-another-paragraph", "split-in-two"],
)
def test_every_change_of_words_fails(damage) -> None:
    assert _problems(damage(list(PAGE))), "the check must fail"


PAGED = (
    "Title\n"
    "The state builds its image abroad. The his-\n"
    "\f12\n"
    "JOURNAL OF THINGS\n"
    "torical record of the state is long.\n"
    "13\n"
    "Journal of Thlngs\n"
    "A second paragraph follows the first one.\n"
    "14\n"
    "JOURNAL 0F THINGS\n"
    "A third paragraph ends the text.\n"
)
FURNITURE = {
    3: "\f12",
    4: "JOURNAL OF THINGS",
    6: "13",
    7: "Journal of Thlngs",
    9: "14",
    10: "JOURNAL 0F THINGS",
}


def test_a_word_hyphenated_across_removed_furniture_is_one_word() -> None:
    assert _problems(PAGE, PAGED, Ledger(FURNITURE)) == []
    assert check_ledger(PAGED, FURNITURE, "src.txt") == []


def test_a_word_lost_behind_the_furniture_fails() -> None:
    page = [PAGE[0].replace("historical", "his"), *PAGE[1:]]
    assert _problems(page, PAGED, Ledger(FURNITURE))


def test_a_furniture_rule_that_removes_a_real_line_fails() -> None:
    """The rule says it removed line 5 as furniture; the page indeed lacks it."""
    ledger = {**FURNITURE, 5: "torical record of the state is long."}
    page = [PAGE[0].replace("historical record of the state is long.", "his"), *PAGE[1:]]
    problems = check_ledger(PAGED, ledger, "src.txt")
    assert [(p.code, p.line) for p in problems] == [("W004", 5)]
    assert _problems(page, PAGED, Ledger(ledger)), "the words are gone from the page"


def test_a_ledger_that_misquotes_the_source_fails() -> None:
    problems = check_ledger(PAGED, {**FURNITURE, 9: "15"}, "src.txt")
    assert [(p.code, p.line) for p in problems] == [("W004", 9)]


def test_notes_set_aside_are_found_on_the_page() -> None:
    source = "Title\nA sen-\n\n¹ A note.\n\ntence here¹.\n"
    html = (
        "<h1>Title</h1><p>A sentence here<sup>1</sup>.</p>"
        '<div class="footnote"><ol><li id="fn:1"><p>A note.</p></li></ol></div>'
    )
    expected = expected_words(source, Ledger(notes=((4, 4),)))
    assert check_conservation(expected, page_words(html), "src.txt", "page") == []
