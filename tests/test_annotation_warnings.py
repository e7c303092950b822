"""A016: a hyphen at a line break of an editors' note, which YAML folds into "non- Western",
is warned of at the note's line; the build goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crosslinks_edition import ROOT
from reader.app.build import generate
from reader.core.diagnostics import Report
from reader.inputs.annotations import load_all

STYLES = {
    "folded": "  body: >-\n    A {first}\n    {second}\n",
    "plain": "  body: A {first}\n    {second}\n",
}


def _warnings(tmp_path: Path, first: str, second: str, style: str = "folded") -> list[str]:
    folder = tmp_path / "sources" / "kosachev-2012"
    folder.mkdir(parents=True)
    head = '- id: probe\n  kind: note\n  exact: "In May 2011"\n'
    text = head + STYLES[style].format(first=first, second=second)
    (folder / "annotations.yml").write_text(text, encoding="utf-8")
    report = Report()
    (declared,) = load_all(tmp_path, ["kosachev-2012"], report)
    assert not report.errors and declared.id == "probe"
    return [str(d) for d in report]


@pytest.mark.parametrize("style", ["folded", "plain"])
def test_a_hyphen_at_a_line_break_of_a_note_is_warned_of_at_the_notes_line(
    tmp_path: Path, style: str
) -> None:
    shown = _warnings(tmp_path, "reading of the non-", "Western world.", style)
    assert shown == [
        "sources/kosachev-2012/annotations.yml:4: A016 warning: 'non- Western' in the note "
        "of 'probe' has a space after its hyphen — a line break after a hyphen folds into a "
        "space in YAML: keep the word on one line (a suspended hyphen, 'oil- and "
        "gas-fired', is not flagged)"
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("oil-", "and gas-fired plants."),  # a suspended hyphen
        ("pre-", "or post-Soviet states."),
        ("a non-Western", "reading."),  # the hyphen is inside the line
        ("a reading —", "not another."),  # a dash, not a hyphen
    ],
)
def test_a_suspended_hyphen_or_a_dash_is_not_warned_of(
    tmp_path: Path, first: str, second: str
) -> None:
    assert _warnings(tmp_path, first, second) == []


def test_the_build_carries_the_warning_and_goes_on(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("sources", "scripts/theme", "scripts/hooks"):
        shutil.copytree(ROOT / name, project / name)
    for name in ("mkdocs.yml", "glossary.yml", "references.bib", "comparisons.yml"):
        shutil.copy(ROOT / name, project / name)
    (project / "docs").mkdir()
    target = project / "sources/bezrukov-2018/annotations.yml"
    text = target.read_text(encoding="utf-8")
    broken = text.replace("Nye was dean of", "Nye was non-\n    dean of", 1)
    assert broken != text
    target.write_text(broken, encoding="utf-8")
    edition = generate(project)
    found = [d for d in edition.warnings if d.code == "A016"]
    assert [(d.path, d.severity) for d in found] == [
        ("sources/bezrukov-2018/annotations.yml", "warning")
    ]
    assert "'non- dean'" in found[0].message
    line = 1 + broken[: broken.index("Nye was non-")].count("\n") - 1  # the line of 'body:'
    assert found[0].line == line
