"""Versions of the edition: editions.yml, snapshots, the changelog and the promise that a
citation of an earlier version still lands on the same words."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from reader.checks.editions import earlier_anchors_land, lands
from reader.core.diagnostics import DiagnosticError
from reader.emit.changelog import changes, render_changelog_page
from reader.inputs.editions import EditionInfo, Version, load_editions, load_snapshots

ROOT = Path(__file__).resolve().parents[1]


def _write(root: Path, text: str) -> Path:
    (root / "editions.yml").write_text(text, encoding="utf-8")
    return root


def test_the_project_declares_its_current_version_and_has_its_snapshot() -> None:
    info = load_editions(ROOT)
    assert info.current is not None and info.title == "Soft Power Reader"
    snaps = load_snapshots(ROOT)
    assert info.current.number in snaps
    kosachev = snaps[info.current.number]["texts"]["kosachev-2012"]
    lock = json.loads((ROOT / "sources/kosachev-2012/anchors.lock").read_text("utf-8"))
    assert kosachev["anchors"] == {a: e["fingerprint"] for a, e in lock["anchors"].items()}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('versions:\n  - {version: "1.0", date: "2026-01-01"}\n', 2),
        ('versions:\n  - version: "1.0.0"\n    date: "2026-13-01"\n', 3),
        (
            'versions:\n  - {version: "1.0.0", date: "2026-01-01"}\n'
            '  - {version: "1.1.0", date: "2026-02-01"}\n',
            1,
        ),
    ],
)
def test_a_bad_editions_file_is_named_with_its_line(tmp_path: Path, text: str, where: int) -> None:
    with pytest.raises(DiagnosticError) as error:
        load_editions(_write(tmp_path, text))
    found = error.value.diagnostics[0]
    assert found.code == "J001" and found.path == "editions.yml" and found.line == where


def _snapshot() -> dict:
    return {
        "texts": {
            "smith-2020": {
                "title": "An Essay",
                "original_sha256": "a" * 64,
                "corrections": [],
                "repairs": {"unwrap": 3},
                "anchors": {"p1": "f1", "p2": "f2", "p3": "f3"},
                "redirects": {},
                "revision": 1,
            }
        }
    }


def _renumbered() -> dict:
    """A paragraph inserted before p2, recorded on purpose (`reader lock`)."""
    snap = copy.deepcopy(_snapshot())
    text = snap["texts"]["smith-2020"]
    text["anchors"] = {"p1": "f1", "p2": "new", "p3": "f2", "p4": "f3"}
    text["redirects"] = {"p2": "p3", "p3": "p4"}
    text["revision"] = 2
    text["original_sha256"] = "b" * 64
    text["repairs"] = {"unwrap": 4}
    return snap


def test_an_earlier_citation_lands_on_its_words_through_the_redirects() -> None:
    old, new = _snapshot(), _renumbered()
    assert earlier_anchors_land({"1.0.0": old}, "1.1.0", new) == []
    assert lands("p2", "f2", new["texts"]["smith-2020"])  # #p2 of 1.0.0 → #p3 now
    assert not lands("p2", "f2", {"anchors": new["texts"]["smith-2020"]["anchors"]})


def test_a_renumbering_without_redirects_breaks_earlier_citations() -> None:
    new = _renumbered()
    new["texts"]["smith-2020"]["redirects"] = {}
    (problem,) = earlier_anchors_land({"1.0.0": _snapshot()}, "1.1.0", new)
    assert problem.code == "J003" and "#p2, #p3" in problem.message
    assert problem.path == "sources/smith-2020/anchors.lock"
    gone = {"texts": {}}
    assert earlier_anchors_land({"1.0.0": _snapshot()}, "1.1.0", gone)[0].code == "J002"


def test_the_changelog_says_what_changed() -> None:
    items = changes(_snapshot(), _renumbered())
    joined = "\n".join(items)
    assert "the source file was replaced" in joined
    assert "repairs by `unwrap`: 3 → 4" in joined
    assert "1 paragraph added" in joined
    assert "revision 1 → 2" in joined and "#p2 → #p3, #p3 → #p4" in joined
    assert changes(_snapshot(), _snapshot()) == [
        "No change to the texts, their repairs or their anchors."
    ]
    assert changes(None, _snapshot()) == ["1 text, 3 numbered paragraphs."]


def test_the_changelog_page_lists_versions_newest_first() -> None:
    info = EditionInfo(
        "Soft Power Reader",
        ("Eds",),
        (Version("1.1.0", "2026-02-01", "Renumbered."), Version("1.0.0", "2026-01-01")),
    )
    page = render_changelog_page(info, {"1.0.0": _snapshot(), "1.1.0": _renumbered()})
    assert page.index("## Version 1.1.0 — 2026-02-01 { #v1.1.0 }") < page.index("## Version 1.0.0")
    assert "Renumbered." in page and "#p2 → #p3" in page
