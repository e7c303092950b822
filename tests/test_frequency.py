"""The install-time word table answers exactly what wordfreq answers, and a build needs
nothing else (:mod:`reader.text.frequency`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from reader.app.build import generate
from reader.core.record import installed_versions
from reader.repair import hyphenation
from reader.text.frequency import table_path, table_zipf
from reader.text.frequency_table import write_table

ROOT = Path(__file__).parents[1]

#: Words outside the table's reach or at its edges: apostrophes, digits, other scripts,
#: stray hyphens, letters whose case folding changes their length.
EDGES = [
    "one's",
    "Russia’s",
    "don't",
    "l'arc",
    "x1",
    "2015",
    "g20",
    "a-",
    "-a",
    "a--b",
    "",
    "post-Soviet",
    "vis-à-vis",
    "black-and-white",
    "Straße",
    "STRASSE",
    "İstanbul",
    "ŉ",
    "côte",
    "émigré",
    "Ærø",
    "naïve",
    "nai\u0308ve",  # a combining diaeresis: NFC decides
    "Россия",
    "русский-мир",
    "中国",
    "zzzzqx",
    "zzzzqx-the",
    "the",
]


@pytest.fixture(scope="module")
def table() -> Path:
    """The table of the installed wordfreq, written as ``make setup`` writes it if this
    environment has none yet."""
    path = table_path(installed_versions()["wordfreq"])
    if not path.is_file():
        write_table(path)
    return path


def _same(word: str) -> bool:
    found = table_zipf(word)
    return found is None or repr(found) == repr(zipf_frequency(word, "en"))


def test_every_word_a_build_asks_comes_from_the_table(table, monkeypatch) -> None:
    asked: list[str] = []

    def recorded(word: str) -> float | None:
        asked.append(word)
        return table_zipf(word)

    monkeypatch.setattr(hyphenation, "table_zipf", recorded)
    hyphenation.zipf.cache_clear()
    try:
        generate(ROOT, check=False)
    finally:
        hyphenation.zipf.cache_clear()
    assert len(set(asked)) > 1000  # the hyphenation repair's words and the related pass's
    unanswered = sorted(w for w in set(asked) if table_zipf(w) is None)
    assert not unanswered, f"these would import wordfreq during a build: {unanswered[:20]}"
    wrong = sorted(w for w in set(asked) if not _same(w))
    assert not wrong, wrong[:20]


def test_the_table_agrees_with_wordfreq_across_its_list(table) -> None:
    words = list(get_frequency_dict("en", "best"))[::53]
    variants = [w.upper() for w in words[::5]] + [w.title() for w in words[1::5]]
    pairs = [f"{a}-{b}" for a, b in zip(words[::7], words[3::7], strict=False)]
    answered = [w for w in words + variants + pairs if table_zipf(w) is not None]
    assert len(answered) > 3000
    assert [w for w in answered if not _same(w)] == []


@pytest.mark.parametrize("word", EDGES)
def test_the_edges_answer_as_wordfreq_does(table, word: str) -> None:
    hyphenation.zipf.cache_clear()
    assert repr(hyphenation.zipf(word)) == repr(zipf_frequency(word, "en"))
    assert _same(word)


def test_an_unknown_word_is_zero_and_an_apostrophe_goes_to_wordfreq(table) -> None:
    assert table_zipf("zzzzqx") == 0.0
    assert table_zipf("the") == zipf_frequency("the", "en") > 7
    assert table_zipf("one's") is None


BUILD = """
import sys
from pathlib import Path
from reader.app.build import generate
generate(Path(sys.argv[1]), check=False)
print("wordfreq" in sys.modules)
"""


def test_a_build_of_the_five_texts_does_not_import_wordfreq(table) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BUILD, str(ROOT)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
