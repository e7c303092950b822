"""Hostile metadata, glossary and bibliography: refused at load, in the house form.

Found by an adversarial sweep: each of these inputs used to reach a page (a
``javascript:`` source link, a comma linked as a glossary term, a DOI whose quote cut the
link short), to go through unchecked (a language tag with quotes, a NUL or a bidi
override in a title or a name), to vanish unseen (a word inside ``\\input{…}``, or after a
bare ``%``, in a BibTeX field: B010), or to end in an internal error (an author with an empty
name: X001 IndexError). Each now stops ``reader build`` with exit 1, a located finding
with a hint and nothing written (the helpers of tests/test_bad_inputs.py). The last
tests show that the checks refuse only what they mean to.
"""

# ruff: noqa: E501 (the table of cases reads best one case a line)
from __future__ import annotations

from pathlib import Path

import pytest

from project_copy import built_minimal_project, fresh_copy
from reader.app.cli import main
from test_bad_inputs import META, Case, expect_finding, sub, unchanged_state

G, B = "glossary.yml", "references.bib"
ALIASES = 'aliases: []\n  category: concept\n  tooltip: "Getting what one wants by force'
PUBLISHER = "publisher = {Test Press},"

# fmt: off
CASES = [
    Case("source-url-javascript", "M016", f"{META}:15:1", "https://",
         sub(META, "profile: default", 'profile: default\nsource_url: "javascript:alert(1)"'),
         "'javascript:alert(1)' is not an http(s) address"),
    Case("source-url-breaks-out", "M016", f"{META}:15:1", "percent-encoded",
         sub(META, "profile: default", 'profile: default\nsource_url: "https://x.example/\\"><script>alert(1)</script>"')),
    Case("source-url-data", "M016", f"{META}:15:1", "https://",
         sub(META, "profile: default", 'profile: default\nsource_url: "data:text/html,<b>x</b>"')),
    Case("language-with-quotes", "M017", f"{META}:10:1", "en-GB",
         sub(META, "language: en", 'language: "en\\" onload=\\"alert(1)"'), "not a BCP 47 language tag"),
    Case("author-name-empty", "M007", f"{META}:5", "the name as the text gives it",
         sub(META, "{name: John Smith", '{name: ""'), "author 1 has an empty name"),
    Case("author-name-blank", "M007", f"{META}:5", "the name as the text gives it",
         sub(META, "{name: John Smith", '{name: "   "'), "empty name"),
    Case("title-nul", "M018", f"{META}:2:1", "remove it",
         sub(META, "title: A Short Essay on Soft Power", 'title: "A Short\\0 Essay"'), "U+0000 NULL"),
    Case("venue-rlo", "M018", f"{META}:7:1", "remove it",
         sub(META, "venue: Journal of Tests", 'venue: "Journal \\u202eof Tests"'), "U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("author-zero-width", "M018", f"{META}:5:6", "remove it",
         sub(META, "{name: John Smith", '{name: "John\\u200bSmith"'), "U+200B ZERO WIDTH SPACE"),
    Case("alias-a-comma", "G013", f"{G}:13:3", "remove this one",
         sub(G, ALIASES, ALIASES.replace("[]", '[","]')), "the spelling ',' of 'hard-power' has no letter or digit"),
    Case("headword-dashes", "G013", f"{G}:12:3", "remove this one",
         sub(G, "headword: hard power", 'headword: "--"'), "'--'"),
    Case("doi-breaks-out", "B009", f"{B}:13", "10.1234/suffix",
         sub(B, PUBLISHER, PUBLISHER + '\n  doi = {10.1/"><script>alert(1)</script>},'), "is not a DOI"),
    Case("doi-javascript", "B009", f"{B}:13", "without https://doi.org/",
         sub(B, PUBLISHER, PUBLISHER + "\n  doi = {javascript:alert(1)},"), "'javascript:alert(1)'"),
    Case("doi-a-whole-address", "B009", f"{B}:13", "without https://doi.org/",
         sub(B, PUBLISHER, PUBLISHER + "\n  doi = {https://doi.org/10.1000/182},")),
    Case("latex-input-drops-a-word", "B010", f"{B}:12", "write the words plainly",
         sub(B, PUBLISHER, "publisher = {Test \\input{secret} Press},"), "publisher would not show 'secret'"),
    Case("latex-bare-percent-drops-the-rest", "B010", f"{B}:12", "as \\%",
         sub(B, PUBLISHER, "publisher = {Caf\\'e 50% of Press},"), "'of Press'"),
    Case("latex-href-javascript", "B011", f"{B}:12", "without commands such as \\href",
         sub(B, PUBLISHER, "publisher = {\\href{javascript:alert(1)}{Test Press}},"),
         "the LaTeX in the publisher field cannot be decoded"),
]
# fmt: on


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project of tests/project_copy.py, built once."""
    return built_minimal_project(tmp_path_factory, "hostile")


@pytest.fixture
def project(base: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project, for one test to change."""
    return fresh_copy(base, tmp_path)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_is_refused_and_nothing_changes(
    case: Case, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The finding at its place, exit 1, no traceback, docs/ site/ sources/ untouched."""
    case.mutate(project)
    before = unchanged_state(project)
    status = main(["--root", str(project), "build"])
    err = capsys.readouterr().err
    assert status == 1, err
    expect_finding(err, case)
    assert "Traceback" not in err and "X001" not in err
    assert unchanged_state(project) == before


@pytest.mark.parametrize(
    ("mutate", "shown"),
    [
        (sub(META, "profile: default", 'profile: default\nsource_url: "https://x.example/a?b=1&c=(2)#f"'), '(<https://x.example/a?b=1&c=(2)#f>)'),
        (sub(META, "language: en", "language: en-GB"), "en-GB"),
        (sub(G, ALIASES, ALIASES.replace("[]", '["C++", "(a|b)", "U.S.*"]')), "hard power"),
        (sub(B, PUBLISHER, PUBLISHER + "\n  doi = {10.1080/13523260.2017.1362903},"), "10.1080/13523260.2017.1362903"),
        (sub(B, PUBLISHER, "publisher = {Caf\\'e \\emph{Test} Press \\& Stra\\ss e, 50\\% more},"), "Café Test Press &amp; Straße, 50% more"),
    ],
    ids=["a-plain-source-url", "a-region-subtag", "regex-special-aliases", "a-real-doi", "latex-that-shows-every-word"],
)  # fmt: skip
def test_what_the_checks_let_through(
    mutate, shown: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real address, a tag with a region, regex-special aliases, a real DOI and LaTeX
    that shows every word (accents, emphasis, \\&, \\ss, \\%) build."""
    mutate(project)
    assert main(["--root", str(project), "build"]) == 0, capsys.readouterr().err
    written = "".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md"))
    assert shown in written


@pytest.mark.parametrize(
    "slug", ["../x-2020", "x-2020/../../y-2020", "/tmp/reader-hostile-2020", "A B-2020", "x-2020\n"]
)
def test_add_writes_nowhere_but_a_text_folder(
    slug: str, project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader add --slug`` with a path or a malformed name: S004, and nothing written
    anywhere (before the fix '../x' wrote beside sources/, '/tmp/…' wherever it named)."""
    received = tmp_path / "received.txt"
    received.write_text("A Title\nJane Doe\n\nThe text.\n", encoding="utf-8")
    outside = {p for p in tmp_path.rglob("*")}
    before = unchanged_state(project)
    assert main(["--root", str(project), "add", str(received), "--slug", slug]) == 1
    err = capsys.readouterr().err
    assert f"{received}: S004 error: the folder name '" in err
    assert len(err.strip().splitlines()) == 2, err  # the finding on one line, the summary
    assert unchanged_state(project) == before
    assert {p for p in tmp_path.rglob("*")} == outside
    assert not Path("/tmp/reader-hostile-2020").exists()


def test_add_refuses_an_empty_file(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty (or blank) received file: S003 at once, not a folder the build refuses."""
    received = tmp_path / "received.txt"
    received.write_text("  \n\n", encoding="utf-8")
    before = unchanged_state(project)
    assert main(["--root", str(project), "add", str(received)]) == 1
    assert f"{received}: S003 error: the file is empty" in capsys.readouterr().err
    assert unchanged_state(project) == before
