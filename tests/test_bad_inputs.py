"""Every bad input stops the build with a located, explained error and changes nothing.

Each case breaks one input of a small synthetic project (``project_copy``) and runs the
command line in-process: the exit status must be 1, stderr must name the code, the file
and the line (and column where YAML gives one) and end the finding with a hint
(``— what to do``), no Python traceback may appear, and docs/, site/ and sources/ must be
byte-for-byte and mtime-for-mtime as they were. A few cases also run the installed
``reader`` executable in a subprocess, as a user would.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from project_copy import SLUG, run_reader, snapshot, write_minimal_project
from reader.app.cli import main

META = f"sources/{SLUG}/meta.yml"
ORIGINAL = f"sources/{SLUG}/original.txt"
CITATIONS = f"sources/{SLUG}/citations.yml"
ANNOTATIONS = f"sources/{SLUG}/annotations.yml"

Mutation = Callable[[Path], None]


def sub(path: str, old: str, new: str) -> Mutation:
    """Replace the first ``old`` in ``path`` by ``new`` (``old`` must be there)."""

    def mutate(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write(path: str, data: str | bytes) -> Mutation:
    """Overwrite ``path`` with ``data``."""

    def mutate(root: Path) -> None:
        file = root / path
        if isinstance(data, bytes):
            file.write_bytes(data)
        else:
            file.write_text(data, encoding="utf-8")

    return mutate


def remove(path: str) -> Mutation:
    """Delete the file or folder ``path``."""

    def mutate(root: Path) -> None:
        target = root / path
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return mutate


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and the finding it must produce."""

    id: str
    code: str
    place: str  # path[:line[:column]] as the finding must print it
    hint: str  # a fragment of the advice after the dash
    mutate: Mutation
    message: str = ""  # a fragment of the message
    command: tuple[str, ...] = ("build",)


G, B = "glossary.yml", "references.bib"

# fmt: off
CASES = [
    # ------------------------------------------------------------------ glossary.yml
    Case("glossary-malformed-yaml", "Y001", f"{G}:9:6", "fix the syntax",
         sub(G, "related: [hard-power]", "related: [hard-power"),
         "flow sequence opened at line 8"),
    Case("glossary-duplicate-key", "Y002", f"{G}:6:3", "remove or rename",
         sub(G, "  category: concept\n", "  category: concept\n  category: x\n"),
         "duplicate key 'category' (first defined at line 5)"),
    Case("glossary-not-utf8", "Y005", f"{G}:1:10", "save it as UTF-8",
         write(G, b"- id: caf\xe9\n"), "not UTF-8"),
    Case("glossary-not-a-list", "G001", f"{G}:1:1", "start each entry",
         write(G, "soft-power: x\n")),
    Case("glossary-unknown-field", "G002", f"{G}:7:3", "did you mean 'note'",
         sub(G, "  note: The term", "  notes: x\n  note: The term"), "unknown field 'notes'"),
    Case("glossary-missing-field", "G003", f"{G}:11:3", "add note:",
         sub(G, "  note: The opposite of soft power.\n", ""), "lacks the field 'note'"),
    Case("glossary-unknown-category", "G005", f"{G}:5:3", "did you mean 'concept'",
         sub(G, "category: concept", "category: concpt"), "unknown category 'concpt'"),
    Case("glossary-duplicate-id", "G007", f"{G}:11:3", "merge the two entries",
         sub(G, "id: hard-power", "id: soft-power"), "duplicate id 'soft-power'"),
    Case("glossary-related-undefined", "G009", f"{G}:8:13", "did you mean 'hard-power'",
         sub(G, "related: [hard-power]", "related: [hard-powr]"), "unknown entry 'hard-powr'"),
    Case("glossary-bib-undefined", "G012", f"{G}:9", "add the work to references.bib",
         sub(G, "bib: jones2019", "bib: nobody2000"), "'nobody2000'"),
    # ------------------------------------------------------------------ meta.yml
    Case("meta-malformed-yaml", "Y001", f"{META}:8:6", "fix the syntax",
         sub(META, "venue: Journal of Tests", "venue: [Journal of Tests")),
    Case("meta-duplicate-key", "Y002", f"{META}:9:1", "remove or rename",
         sub(META, "genre: essay\n", "genre: essay\ngenre: report\n"),
         "duplicate key 'genre' (first defined at line 8)"),
    Case("meta-not-utf8", "Y005", f"{META}:1:11", "save it as UTF-8",
         write(META, b"title: Caf\xe9\n")),
    Case("meta-missing", "Y004", META, "create it", remove(META), "file is missing"),
    Case("meta-empty", "M001", f"{META}:1", "for an example", write(META, "")),
    Case("meta-unknown-field", "M002", f"{META}:9:1", "known fields",
         sub(META, "genre: essay", "genre: essay\ngenere: essay"), "unknown field 'genere'"),
    Case("meta-wrong-type", "M003", f"{META}:2:1", "the title as the edition shows it",
         sub(META, "title: A Short Essay on Soft Power", "title: [A, B]"),
         "'title' must be text, not a list"),
    Case("meta-missing-field", "M004", f"{META}:1", "add 'venue:'",
         sub(META, "venue: Journal of Tests\n", ""), "missing required field 'venue'"),
    Case("meta-unknown-profile", "M005", f"{META}:14:1", "use one of: auto, default",
         sub(META, "profile: default", "profile: scanned"), "unknown profile 'scanned'"),
    Case("meta-unknown-author-role", "M005", f"{META}:5", "use one of: author",
         sub(META, "role: author}", "role: writer}"), "unknown author role 'writer'"),
    Case("meta-bad-date", "M006", f"{META}:6:1", "write it as",
         sub(META, 'date: "2020"', 'date: "20-20"'), "'20-20' is not YYYY"),
    Case("meta-no-authors", "M007", f"{META}:4", "add - {name",
         sub(META, "authors:\n  - {name: John Smith, role: author}", "authors: []"),
         "at least one author"),
    Case("meta-source-file-outside", "M009", f"{META}:15:1", "name a file next to meta.yml",
         sub(META, "profile: default", "profile: default\nsource_file: ../x.txt")),
    Case("meta-bib-key-undefined", "M013", f"{META}:9:1", "add the text's own entry",
         sub(META, "bib_key: smith2020", "bib_key: smyth2020"), "'smyth2020'"),
    Case("meta-structure-out-of-range", "M010", f"{META}:18", "role from",
         sub(META, '{lines: "2", role: byline}', '{lines: "200", role: byline}'),
         "outside the source (1-9)"),
    Case("meta-structure-unknown-role", "M010", f"{META}:18", "role from",
         sub(META, "role: byline}", "role: bylines}"), "unknown role 'bylines'"),
    Case("meta-structure-unknown-key", "M010", f"{META}:16:3", "known keys: front",
         sub(META, "structure:\n", "structure:\n  fornt: []\n"),
         "unknown structure key 'fornt'"),
    Case("meta-structure-not-a-list", "M010", f"{META}:16", "write back:",
         sub(META, "structure:\n", "structure:\n  back: 3\n"), "'back' must be a list"),
    Case("meta-correction-malformed", "M008", f"{META}:20", "write {find:",
         sub(META, "corrections:\n", "corrections:\n  - 3\n"), "correction 1 lacks find"),
    Case("correction-matches-nothing", "R001", f"{META}:20", "update 'find'",
         sub(META, "find: closes the essay", "find: opens the essay"), "matches nothing"),
    Case("correction-matches-too-much", "R001", f"{META}:20", "update 'find'",
         sub(META, "find: closes the essay", "find: paragraph"), "matches 3 times, not 1"),
    # ------------------------------------------------------------------ citations.yml
    Case("citations-malformed-yaml", "Y001", f"{CITATIONS}:4:1", "fix the syntax",
         sub(CITATIONS, "key: jones2019", "key: [jones2019")),
    Case("citations-duplicate-key", "Y002", f"{CITATIONS}:4:3", "remove or rename",
         sub(CITATIONS, "key: jones2019", "key: jones2019\n  key: x")),
    Case("citations-not-a-list", "C001", f"{CITATIONS}:1", "start each declaration",
         write(CITATIONS, "quote: x\n")),
    Case("citations-unknown-field", "C001", f"{CITATIONS}:2", "fields: quote, key",
         sub(CITATIONS, "key: jones2019", "key: jones2019\n  page: 3"), "unknown field 'page'"),
    Case("citations-unknown-bib-key", "C002", f"{CITATIONS}:2", "add the work to references.bib",
         sub(CITATIONS, "key: jones2019", "key: jonas2019"), "'jonas2019'"),
    Case("citation-anchor-matches-nothing", "C003", f"{CITATIONS}:2", "copy the phrase exactly",
         sub(CITATIONS, "Jane Jones wrote", "Jane Jones said"), "matches nothing"),
    Case("citation-anchor-matches-too-much", "C004", f"{CITATIONS}:2", "lengthen the quote",
         sub(CITATIONS, "as Jane Jones wrote in her famous study", "paragraph"),
         "matches 3 places"),
    # ------------------------------------------------------------------ annotations.yml
    Case("annotations-malformed-yaml", "Y001", f"{ANNOTATIONS}:7:1", "fix the syntax",
         sub(ANNOTATIONS, "concepts: [soft-power]", "concepts: [soft-power"),
         "flow sequence opened at line 6"),
    Case("annotations-duplicate-key", "Y002", f"{ANNOTATIONS}:4:3", "remove or rename",
         sub(ANNOTATIONS, "  kind: note\n", "  kind: note\n  kind: xref\n")),
    Case("annotations-unknown-key", "A003", f"{ANNOTATIONS}:4", "known keys: body",
         sub(ANNOTATIONS, "kind: note", "kind: note\n  colour: red"), "unknown key 'colour'"),
    Case("annotation-glossary-id-undefined", "A007", f"{ANNOTATIONS}:2", "glossary.yml entry",
         sub(ANNOTATIONS, "concepts: [soft-power]", "concepts: [soft-powr]"), "'soft-powr'"),
    Case("annotation-target-text-undefined", "A008", f"{ANNOTATIONS}:4", "another text's slug",
         sub(ANNOTATIONS, "kind: note", "kind: xref\n  target: {text: nobody-2000, exact: x}"),
         "unknown target text 'nobody-2000'"),
    Case("annotation-anchor-matches-nothing", "A010", f"{ANNOTATIONS}:4", "update 'exact'",
         sub(ANNOTATIONS, "speaks of soft power", "speaks of hard power"), "no longer matches"),
    Case("annotation-anchor-matches-too-much", "A011", f"{ANNOTATIONS}:4", "add a 'prefix'",
         sub(ANNOTATIONS, '"The first paragraph speaks of soft power"', '"paragraph"'),
         "matches 3 places"),
    # ------------------------------------------------------------------ references.bib
    Case("bib-syntax-error", "B002", f"{B}:9", "check the braces",
         sub(B, "publisher = {Test Press},", "publisher = {Test Press,"),
         "unreadable BibTeX block"),
    Case("bib-duplicate-key", "B003", f"{B}:9", "rename or remove",
         sub(B, "@book{jones2019", "@book{smith2020"), "first defined at line 2"),
    Case("bib-missing-field", "B004", f"{B}:9", "add publisher",
         sub(B, "  publisher = {Test Press},\n", ""), "lacks 'publisher'"),
    Case("bib-bad-year", "B007", f"{B}:13", "write YYYY",
         sub(B, "year = {2019}", "year = {c. 2019}"), "is not a date"),
    Case("bib-url-not-http", "B008", f"{B}:14", "https://",
         sub(B, "  year = {2019},\n", "  year = {2019},\n  url = {javascript:alert(1)},\n"),
         "not an http(s) address"),
    Case("bib-not-utf8", "B001", f"{B}:1:10", "save it as UTF-8",
         write(B, b"@misc{caf\xe9, title={x}}\n")),
    # ------------------------------------------------------------------ originals
    Case("original-not-utf8", "S002", f"{ORIGINAL}:3:4", "convert the file to UTF-8",
         write(ORIGINAL, b"A title\n\nCaf\xe9 au lait.\n"), "byte 0xe9"),
    Case("original-empty", "S003", ORIGINAL, "put the text in the file", write(ORIGINAL, "")),
    Case("original-blank", "S003", ORIGINAL, "put the text", write(ORIGINAL, "\n  \n")),
    Case("original-missing", "S001", ORIGINAL, "copy the text", remove(ORIGINAL)),
    Case("folder-badly-named", "S004", "sources/Smith/meta.yml", "rename the folder",
         lambda root: (root / "sources" / SLUG).rename(root / "sources" / "Smith")),
    Case("no-texts", "S006", "sources/", "add a folder", remove(f"sources/{SLUG}")),
    Case("unknown-slug", "S005", "sources/", f"known texts: {SLUG}", lambda root: None,
         "unknown text 'nosuch'", ("explain", "nosuch")),
    # ------------------------------------------------------------------ the rest
    Case("mkdocs-config-invalid", "K003", "mkdocs.yml", "fix mkdocs.yml",
         sub("mkdocs.yml", "site_name:", "site_nam: x\nsite_name:"), "site_nam"),
    Case("manifest-damaged", "D004", "docs/.reader-manifest.json", "delete the manifest",
         write("docs/.reader-manifest.json", "{not json")),
]
# fmt: on


@pytest.fixture(scope="session")
def minimal_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project, built once, with an old site/ that must survive."""
    root = write_minimal_project(tmp_path_factory.mktemp("minimal") / "project")
    assert main(["--root", str(root), "build"]) == 0
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<p>the last good site</p>\n")
    return root


@pytest.fixture
def project(minimal_base: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built synthetic project, for one test to break."""
    return Path(shutil.copytree(minimal_base, tmp_path / "project", symlinks=True))


def unchanged_state(root: Path) -> dict[str, dict]:
    """What must not move when a build fails: docs/, site/ and sources/ (with lock files)."""
    return {name: snapshot(root / name) for name in ("docs", "site", "sources")}


def expect_finding(stderr: str, case: Case) -> str:
    """The finding's line in ``stderr``, checked for place, code, message and hint."""
    pattern = re.escape(case.place) + rf": {case.code} error: (?P<message>.+?) — (?P<hint>.+)"
    found = next((m for m in map(re.compile(pattern).fullmatch, stderr.splitlines()) if m), None)
    assert found, f"no '{case.place}: {case.code} error: … — …' in:\n{stderr}"
    assert case.hint in found["hint"], found.group(0)
    assert case.message in found["message"], found.group(0)
    return found.group(0)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_reported_and_nothing_changes(
    case: Case, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The case's finding, exit status 1, no traceback, docs/ site/ sources/ untouched."""
    case.mutate(project)
    before = unchanged_state(project)
    status = main(["--root", str(project), *case.command])
    err = capsys.readouterr().err
    assert status == 1, err
    expect_finding(err, case)
    assert "Traceback" not in err
    assert unchanged_state(project) == before


CHECKED = [
    "glossary-related-undefined",
    "annotation-anchor-matches-too-much",
    "meta-unknown-profile",
    "citation-anchor-matches-nothing",
    "bib-duplicate-key",
    "original-not-utf8",
]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in CHECKED], ids=CHECKED)
def test_check_reports_the_same(
    case: Case, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``reader check`` stops on the same finding as ``reader build``."""
    case.mutate(project)
    before = unchanged_state(project)
    assert main(["--root", str(project), "check"]) == 1
    expect_finding(capsys.readouterr().err, case)
    assert unchanged_state(project) == before


SUBPROCESS = ["glossary-duplicate-key", "meta-missing-field", "bib-syntax-error", "unknown-slug"]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in SUBPROCESS], ids=SUBPROCESS)
def test_installed_command_exits_1_without_traceback(case: Case, project: Path) -> None:
    """The real executable: exit status 1, the finding on stderr, a closing summary line."""
    case.mutate(project)
    before = unchanged_state(project)
    result = run_reader(project, *case.command)
    assert result.returncode == 1, result.stderr
    expect_finding(result.stderr, case)
    assert "Traceback" not in result.stderr
    assert re.search(r"reader \w+: stopped with \d+ error\(s\)", result.stderr)
    assert unchanged_state(project) == before


def test_every_finding_is_reported_at_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Independent errors in one file are collected, not reported one per run."""
    sub(META, "genre: essay", "genre: essay\ngenere: x")(project)
    sub(META, "venue: Journal of Tests\n", "")(project)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "M002" in err and "M004" in err
    assert "stopped with 2 error(s)" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A command used wrongly is not an input error: argparse's status 2."""
    with pytest.raises(SystemExit) as stop:
        main(["nosuchcommand"])
    assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_real_bugs_are_not_hidden(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is no traceback either, but it is said as one: X001 names the exception and
    says it is reader's fault; with READER_DEBUG=1 the exception propagates."""
    import reader.app.build
    from reader.core.record import forget_record

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(reader.app.build, "generate", broken)
    forget_record(project)  # else nothing changed since the last build: generate never runs
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "X001 error: internal error: ZeroDivisionError: a bug" in err
    assert "this is a bug in reader" in err
    monkeypatch.setenv("READER_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["--root", str(project), "build"])
