"""An editor adds a laid-out journal PDF extraction with no code: ``reader add`` writes the
folder and a meta.yml skeleton, ``profile: auto`` detects the kind of extraction, the page
comes out without its furniture and with every word, and a text that cannot be repaired
safely is refused with a located message that names the declaration to make."""

from __future__ import annotations

from pathlib import Path

import yaml

from damage.layout import wrap
from damage.simulator import damage
from damage.synthetic import synthetic_clean
from project_copy import META, SLUG, write_minimal_project
from reader.app.cli import main

DAMAGED = damage(synthetic_clean(4), "two-column", 4)


def _project(tmp_path: Path, original: str, profile: str = "auto") -> Path:
    meta = META.replace("profile: default", f"profile: {profile}")
    meta = meta.split("structure:")[0]  # the title is the first line; no corrections
    return write_minimal_project(
        tmp_path, original=original, meta=meta, citations=None, annotations=None
    )


def test_reader_add_writes_a_skeleton_to_check(tmp_path: Path, capsys) -> None:
    root = write_minimal_project(tmp_path / "p", citations=None, annotations=None)
    received = tmp_path / "journal-article.txt"
    received.write_text(
        DAMAGED.text.replace("\n", "\nBy Ada Lovelace and Charles Babbage\n", 1),
        encoding="utf-8",
    )
    assert main(["--root", str(root), "add", str(received)]) == 0
    folder = root / "sources" / "lovelace-0000"
    assert (folder / "original.txt").read_bytes() == received.read_bytes()
    text = (folder / "meta.yml").read_text(encoding="utf-8")
    meta = yaml.safe_load(text)
    assert meta["title"] == "Soft Power and Its Instruments: A Synthetic Test Text"
    assert [a["name"] for a in meta["authors"]] == ["Ada Lovelace", "Charles Babbage"]
    assert meta["profile"] == "auto"
    assert "# detected: pdf — " in text
    assert meta["structure"]["front"] == [
        {"lines": "1", "role": "title"},
        {"lines": "2", "role": "byline"},
    ]
    assert "CHECK:" in meta["venue"]
    assert main(["--root", str(root), "add", str(received)]) == 1, "never overwrites"
    assert "S011" in "".join(capsys.readouterr())
    assert main(["--root", str(root), "add", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt: S010 error: no such file" in "".join(capsys.readouterr())


def test_a_journal_extraction_builds_with_profile_auto(tmp_path: Path, capsys) -> None:
    root = _project(tmp_path, DAMAGED.text)
    assert main(["--root", str(root), "build"]) == 0  # conservation passed
    page = (root / "docs" / "texts" / f"{SLUG}.md").read_text(encoding="utf-8")
    for number in DAMAGED.furniture:
        line = DAMAGED.text.split("\n")[number - 1].strip("\f").strip()
        assert line not in page, f"furniture line {number} leaked: {line!r}"
    n = len(DAMAGED.blocks)
    assert f"{{: #p{n} }}" in page and f"#p{n + 1} " not in page, "one block per paragraph"
    assert main(["--root", str(root), "explain", SLUG]) == 0
    report = capsys.readouterr().out
    assert "(profile auto: detected pdf — " in report
    removed = sorted(DAMAGED.furniture)
    assert f"remove_page_furniture ({len(removed)})" in report
    assert f"  line {min(removed)}: " in report


SIDE_BY_SIDE = "A Title of Two Columns\n\n" + "".join(
    f"left column line {n} of the text      right column line {n} here\n" for n in range(30)
)


def test_columns_side_by_side_are_refused_with_the_declaration_to_make(
    tmp_path: Path, capsys
) -> None:
    root = _project(tmp_path, SIDE_BY_SIDE)
    assert main(["--root", str(root), "build"]) == 1
    out = "".join(capsys.readouterr())
    assert f"sources/{SLUG}/original.txt:3:" in out
    assert "R010" in out and "columns side by side" in out
    assert f"sources/{SLUG}/meta.yml" in out and "profile:" in out
    assert not (root / "docs" / "texts" / f"{SLUG}.md").exists()


def _interleaved() -> str:
    """Two hyphenated columns read across the page: left line, right line, left line…"""
    columns = [
        wrap(" ".join(text for _, text in synthetic_clean(seed).blocks[:6]), 38, None)[0]
        for seed in (5, 6)
    ]
    rows = [line for pair in zip(*columns, strict=False) for line in pair]
    return "A Title of Two Columns Read Across\n\n" + "\n".join(rows) + "\n"


def test_columns_interleaved_line_by_line_are_refused(tmp_path: Path, capsys) -> None:
    root = _project(tmp_path, _interleaved())
    assert main(["--root", str(root), "build"]) == 1
    out = "".join(capsys.readouterr())
    assert "R010" in out and "interleaved line by line" in out
    assert f"sources/{SLUG}/original.txt:" in out and "profile:" in out
