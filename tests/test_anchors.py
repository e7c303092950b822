"""Permanent paragraph anchors: fingerprints, the lock file, redirects, and the build.

The unit tests drive :mod:`reader.inputs.locks`, :mod:`reader.passes.anchors` and
:mod:`reader.app.lock` with tiny synthetic documents; the build tests copy the real
texts into a temporary project and run ``reader build`` / ``reader lock`` through
:func:`reader.app.cli.main`, as an editor would.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from reader.app.cli import main
from reader.app.lock import relock
from reader.core.diagnostics import DiagnosticError
from reader.core.meta import Meta
from reader.core.model import Document, Paragraph, Span, Text
from reader.inputs.locks import Entry, Lock, dump_lock, entries_of, fingerprint, load_lock
from reader.passes.anchors import _moved, check_document
from reader.passes.numbering import number_paragraphs

ROOT = Path(__file__).resolve().parents[1]
SLUG = "kosachev-2012"

A = "Soft power is the ability to get what you want through attraction rather than coercion."
B = "The Russian language remains the main asset of the country abroad, and its compatriots too."
C = "Integration without incorporation is what partners are offered, not a fish but a rod."
X = "An inserted paragraph that the editor added between two others for this test only."


def doc(*texts: str) -> Document:
    """A numbered document whose body paragraphs have the given texts."""
    meta = Meta(
        slug="demo-2020",
        title="Demo",
        authors=(),
        date="2020",
        venue="v",
        genre="essay",
        bib_key="demo2020",
        language="en",
        rights="r",
        provenance="p",
        profile="default",
    )
    blocks = tuple(Paragraph((Text(t),), Span("demo", i + 1)) for i, t in enumerate(texts))
    return number_paragraphs(Document(meta, (Text("Demo"),), (), blocks))


# ------------------------------------------------------------------------------ units


def test_fingerprint_ignores_case_punctuation_and_spacing_but_not_words():
    assert fingerprint("The  state, “its” Image.") == fingerprint("the state its image")
    assert fingerprint("the state its image") != fingerprint("the state its images")
    assert len(fingerprint(A)) == 12


def test_lock_round_trips_with_one_anchor_per_line(tmp_path):
    lock, _ = relock(None, doc(A, B, C))
    lock.redirects = {"p4": "p3"}
    path = tmp_path / "anchors.lock"
    path.write_text(dump_lock(lock), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["anchors"]["p2"]["words"].startswith("The Russian language")
    assert [line.strip()[:5] for line in text.splitlines()[4:7]] == ['"p1":', '"p2":', '"p3":']
    again = load_lock(path, "anchors.lock")
    assert again == lock


def test_broken_lock_is_a_located_error(tmp_path):
    path = tmp_path / "anchors.lock"
    path.write_text('{"text": "demo-2020", "anchors": {"p1": {}}}', encoding="utf-8")
    with pytest.raises(DiagnosticError) as error:
        load_lock(path, "sources/demo-2020/anchors.lock")
    assert error.value.diagnostics[0].code == "P002"


def test_unchanged_text_passes_and_missing_lock_is_pending_not_an_error():
    lock, why = check_document(doc(A, B), None)
    assert list(lock.anchors) == ["p1", "p2"] and "created" in why
    assert check_document(doc(A, B), lock) is None


def test_shifted_numbering_fails_naming_anchors_words_and_the_lock_command():
    lock, _ = relock(None, doc(A, B, C))
    with pytest.raises(DiagnosticError) as error:
        check_document(doc(A, X, B, C), lock)
    (finding,) = error.value.diagnostics
    text = str(finding)
    assert finding.code == "P001" and finding.path == "sources/demo-2020/anchors.lock"
    assert "p2 (was “The Russian language" in text and "now “An inserted paragraph" in text
    assert "p3 (was “Integration without" in text
    assert "`reader lock demo-2020`" in text
    assert finding.line == 6  # the line of p2 in the lock


def test_appended_paragraphs_extend_the_lock_without_failing():
    lock, _ = relock(None, doc(A, B))
    grown, why = check_document(doc(A, B, C), lock)
    assert list(grown.anchors) == ["p1", "p2", "p3"] and "p3" in why


def test_relock_after_an_insertion_redirects_every_moved_anchor():
    lock, _ = relock(None, doc(A, B, C))
    new, change = relock(lock, doc(A, X, B, C), today="2030-01-01")
    assert change["moved"] == {"p2": "p3", "p3": "p4"}
    assert new.redirects == {"p2": "p3", "p3": "p4"}
    assert new.revision == 2
    assert new.history == [
        {"revision": 2, "date": "2030-01-01", "redirects": {"p2": "p3", "p3": "p4"}, "edited": []}
    ]
    assert check_document(doc(A, X, B, C), new) is None  # now the build passes


def test_redirects_chain_across_two_recorded_changes():
    first, _ = relock(None, doc(A, B))
    second, _ = relock(first, doc(A, X, B))  # B: p2 → p3
    third, _ = relock(second, doc(A, X, C, B))  # B: p3 → p4
    assert second.redirects == {"p2": "p3"}
    assert third.redirects == {"p2": "p4", "p3": "p4"}  # both old names of B reach it
    assert [h["redirects"] for h in third.history] == [{"p2": "p3"}, {"p3": "p4"}]


def test_a_name_moved_again_takes_its_newest_meaning():
    first, _ = relock(None, doc(A, B, C))
    second, _ = relock(first, doc(X, A, B, C))
    third, _ = relock(second, doc(C, X, A, B))
    # p3 meant C in the first lock and B in the second: the newest meaning wins
    assert third.redirects == {"p1": "p2", "p2": "p3", "p3": "p4", "p4": "p1"}


def test_split_maps_to_the_first_part_and_merge_to_the_merged_paragraph():
    merged = f"{B} {C}"
    lock, _ = relock(None, doc(A, merged))
    split, change = relock(lock, doc(A, B, C))
    assert change["moved"] == {} and change["edited"] == ["p2"]  # p2 keeps the opening
    back, change = relock(split, doc(A, merged))
    assert change["moved"] == {"p3": "p2"} and back.redirects == {"p3": "p2"}


def test_entries_ignore_editorial_additions():
    from reader.core.model import Editorial

    plain = doc(A)
    with_label = number_paragraphs(
        Document(
            plain.meta,
            plain.title,
            (),
            (Paragraph((Editorial((Text("Q:"),)), Text(A)), Span("demo", 1)),),
        )
    )
    assert entries_of(with_label)["p1"].fingerprint == entries_of(plain)["p1"].fingerprint


# ------------------------------------------------------------------------- the build


def project(tmp_path: Path) -> Path:
    """A temporary project: the real texts (without their locks) and shared inputs."""
    for name in ("mkdocs.yml", "glossary.yml", "references.bib"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("docs/assets", "scripts/theme", "scripts/hooks"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copytree(  # every text: annotations may point from one text into another
        ROOT / "sources", tmp_path / "sources", ignore=shutil.ignore_patterns("anchors.lock")
    )
    return tmp_path


def front_matter(page: Path) -> dict:
    return yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])


def paragraph_line(page: Path, anchor: str) -> str:
    """The Markdown line of the paragraph whose attribute list names ``anchor``."""
    lines = page.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{{: #{anchor} "))
    return lines[at - 1]


@pytest.mark.slow
def test_build_refuses_a_shift_until_reader_lock_records_it(tmp_path, capsys):
    root = project(tmp_path)
    lock_file = root / "sources" / SLUG / "anchors.lock"
    assert main(["--root", str(root), "build"]) == 0
    assert "anchors.lock: created" in capsys.readouterr().out
    before = json.loads(lock_file.read_text(encoding="utf-8"))
    assert before["anchors"]["p2"]["words"].startswith("The 21st century")

    original = root / "sources" / SLUG / "original.txt"
    text = original.read_text(encoding="utf-8")
    epigraph = "Teach a man to fish, and you feed him for life.”\n"
    assert text.count(epigraph) == 1
    original.write_text(
        text.replace(
            epigraph, epigraph + "\nThis paragraph was inserted to shift the numbering.\n"
        ),
        encoding="utf-8",
    )
    page = root / "docs" / "texts" / f"{SLUG}.md"
    page_before = page.read_text(encoding="utf-8")

    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "P001" in err and f"sources/{SLUG}/anchors.lock" in err
    assert "p2 (was “The 21st century" in err and "now “This paragraph was inserted" in err
    assert f"`reader lock {SLUG}`" in err
    assert page.read_text(encoding="utf-8") == page_before  # nothing written
    assert json.loads(lock_file.read_text(encoding="utf-8")) == before

    assert main(["--root", str(root), "lock", SLUG]) == 0
    assert "p2 → p3" in capsys.readouterr().out
    after = json.loads(lock_file.read_text(encoding="utf-8"))
    assert after["redirects"]["p2"] == "p3" and after["revision"] == 2
    assert after["history"][-1]["redirects"]["p2"] == "p3"

    assert main(["--root", str(root), "build"]) == 0
    redirects = front_matter(page)["reader"]["redirects"]
    old_last = f"p{len(before['anchors'])}"
    assert redirects["p2"] == "p3"
    assert redirects[old_last] == f"p{len(before['anchors']) + 1}"
    assert "The 21st century is marked" in paragraph_line(page, redirects["p2"])
    assert "This paragraph was inserted" in paragraph_line(page, "p2")


def test_snippets_that_look_alike_show_the_difference() -> None:
    """P001 names an invisible character it shows (⟨U+200D⟩), and says so when the first
    words are the same and the change is further on."""
    old = Entry("p2", "aaaaaaaaaaaa", "The second paragraph speaks")
    hidden = Entry("p2", "bbbbbbbbbbbb", "The sec\u200dond paragraph speaks")
    later = Entry("p3", "cccccccccccc", "The second paragraph speaks")
    lock = Lock("smith-2020", {"p2": old})
    message = _moved("smith-2020", lock, [(old, hidden), (old, later)]).message
    assert "now “The sec⟨U+200D⟩ond paragraph speaks”" in message
    assert "the same first words: the change is further on" in message
