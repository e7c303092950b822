"""No traceback, ever: every input and environment fault ends in a coded, located line.

Each case breaks a copy of the minimal project in one way (a wrong folder, a missing or
unreadable file, broken or hostile YAML anywhere, an impossible date, an invisible
character, a link out of the project, a full disk, a read-only docs/) and runs the real
``reader`` command in a subprocess. It must exit 1, print no traceback, and say what is
wrong in the house form ``file:line:col: CODE severity message — hint``, with the
expected code and place. The disk-full and read-only cases mount a real tmpfs in a
private mount namespace (``unshare -m``) and are skipped where that is not allowed.
"""

# ruff: noqa: E501 (the table of cases reads best one case a line)
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from project_copy import READER, SLUG, run_reader, write_minimal_project
from reader.app.cli import main

META = f"sources/{SLUG}/meta.yml"
ORIGINAL = f"sources/{SLUG}/original.txt"
#: ``file[:line[:col]]: CODE severity: message[ — hint]``, the one form of every finding.
HOUSE_FORM = re.compile(r"^\S+?(?::\d+(?::\d+)?)?: [A-Z]\d{3} (?:error|warning): \S.*$")
SUMMARY = re.compile(
    r"^reader \w+: stopped with \d+ error\(s\); nothing was written$|^reader: fault point "
)

#: A 2 KB "billion laughs": nine levels of nine aliases, 9**9 strings when expanded.
BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)


@dataclass(frozen=True)
class Case:
    """One way to break the project, and what the command must say."""

    name: str
    code: str
    place: str  # how the finding's line starts: the file, maybe :line:col
    mutate: Callable[[Path], object]
    says: str = ""  # a piece of the message
    args: tuple[str, ...] = ("build",)


def write(rel: str, text: str | bytes) -> Callable[[Path], object]:
    def mutate(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return mutate


def sub(rel: str, old: str, new: str) -> Callable[[Path], object]:
    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def remove(rel: str) -> Callable[[Path], object]:
    def mutate(root: Path) -> None:
        path = root / rel
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    return mutate


def folder_instead(rel: str) -> Callable[[Path], object]:
    def mutate(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()

    return mutate


def linked_out(rel: str) -> Callable[[Path], object]:
    """Replace ``rel`` by a symbolic link to a copy of it outside the project."""

    def mutate(root: Path) -> None:
        path = root / rel
        outside = root.parent / ("outside-" + path.name)
        shutil.move(path, outside)
        path.symlink_to(outside, target_is_directory=outside.is_dir())

    return mutate


CASES = [
    Case("no-sources-folder", "S007", "sources/", remove("sources"), "not the project folder"),
    Case("meta-missing", "Y004", META, remove(META), "missing"),
    Case("meta-is-a-folder", "Y004", META, folder_instead(META), "cannot read"),
    Case("original-is-a-folder", "S001", ORIGINAL, folder_instead(ORIGINAL), "cannot read"),
    Case("mkdocs-syntax", "K005", "mkdocs.yml:2:", sub("mkdocs.yml", "site_name:", "a: [x\nb:")),
    Case(
        "mkdocs-tab",
        "K005",
        "mkdocs.yml:1:1",
        lambda r: write("mkdocs.yml", "\t" + (r / "mkdocs.yml").read_text())(r),
        "'\\t'",
    ),
    Case("mkdocs-missing", "K005", "mkdocs.yml", remove("mkdocs.yml"), "missing"),
    Case(
        "mkdocs-not-utf8",
        "K005",
        "mkdocs.yml:1:",
        lambda r: write("mkdocs.yml", b"\xff" + (r / "mkdocs.yml").read_bytes())(r),
        "UTF-8",
    ),
    Case("alias-bomb-meta", "Y006", f"{META}:", write(META, BOMB), "aliases"),
    Case("alias-bomb-glossary", "Y006", "glossary.yml:", write("glossary.yml", BOMB), "aliases"),
    Case("alias-bomb-timeline", "Y006", "timeline.yml:", write("timeline.yml", BOMB), "aliases"),
    Case(
        "deep-nesting",
        "Y006",
        "glossary.yml:1:",
        write("glossary.yml", "[" * 5000 + "]" * 5000),
        "nesting",
    ),
    Case(
        "huge-yaml",
        "Y006",
        "glossary.yml:1:1",
        write("glossary.yml", "# " + "x" * 2_100_000 + "\n"),
        "too large",
    ),
    Case(
        "month-13", "M006", f"{META}:6:1", sub(META, 'date: "2020"', 'date: "2020-13"'), "'2020-13'"
    ),
    Case("february-30", "M006", f"{META}:6:1", sub(META, 'date: "2020"', 'date: "2020-02-30"')),
    Case(
        "unquoted-month-13",
        "Y007",
        f"{META}:6:7",
        sub(META, 'date: "2020"', "date: 2020-13-01"),
        "month must be in 1..12",
    ),
    Case(
        "timeline-month-13",
        "Y007",
        "timeline.yml:2:",
        write("timeline.yml", "events:\n  - {date: 2020-13-01, label: x, passages: []}\n"),
    ),
    Case(
        "timeline-february-30",
        "T004",
        "timeline.yml:2:",
        write("timeline.yml", 'events:\n  - {date: "2019-02-29", label: x, passages: []}\n'),
    ),
    Case(
        "empty-title",
        "M014",
        f"{META}:2:1",
        sub(META, "title: A Short Essay on Soft Power", 'title: ""'),
        "'title' is empty",
    ),
    Case(
        "blank-short-title",
        "M014",
        f"{META}:3:1",
        sub(META, "short_title: Smith 2020", 'short_title: "  "'),
    ),
    Case("nav-markers-gone", "N001", "mkdocs.yml", sub("mkdocs.yml", "      # END texts\n", "")),
    Case(
        "nul-in-word",
        "S008",
        f"{ORIGINAL}:4:",
        sub(ORIGINAL, "soft power", "soft\x00power"),
        "U+0000 NULL",
    ),
    Case(
        "rlo-in-word",
        "S008",
        f"{ORIGINAL}:4:",
        sub(ORIGINAL, "soft power", "soft \u202epower"),
        "U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    Case(
        "zwj-in-word",
        "S008",
        f"{ORIGINAL}:6:8",
        sub(ORIGINAL, "second", "sec\u200dond"),
        "U+200D ZERO WIDTH JOINER in “sec⟨U+200D⟩ond”",
    ),
    Case("original-links-out", "S009", ORIGINAL, linked_out(ORIGINAL), "symbolic link"),
    Case("meta-links-out", "S009", META, linked_out(META), "symbolic link"),
    Case("text-folder-links-out", "S009", META, linked_out(f"sources/{SLUG}"), "symbolic link"),
    Case("glossary-links-out", "S009", "glossary.yml", linked_out("glossary.yml"), "symbolic link"),
    Case(
        "references-links-out",
        "S009",
        "references.bib",
        linked_out("references.bib"),
        "symbolic link",
    ),
    Case(
        "citations-link-out",
        "S009",
        f"sources/{SLUG}/citations.yml",
        linked_out(f"sources/{SLUG}/citations.yml"),
        "symbolic link",
    ),
    Case(
        "source-file-goes-up",
        "M009",
        f"{META}:15:1",
        sub(META, "profile: default", "profile: default\nsource_file: ../x.txt"),
    ),
    Case(
        "anchors-lock-garbage",
        "P002",
        f"sources/{SLUG}/anchors.lock",
        write(f"sources/{SLUG}/anchors.lock", "{{{"),
    ),
    Case(
        "anchors-lock-of-another-text",
        "P003",
        f"sources/{SLUG}/anchors.lock:2:2",
        sub(f"sources/{SLUG}/anchors.lock", f'"text": "{SLUG}"', '"text": "kosachev-2012"'),
        "belongs to 'kosachev-2012'",
    ),
    Case(
        "comparisons-wrong-type",
        "V005",
        "comparisons.yml:2:3",
        write("comparisons.yml", "- id: soft-power\n  also: 3\n  intro: x\n"),
        "'also' must be a list",
    ),
    Case("references-missing", "M013", META, remove("references.bib"), "references.bib"),
    Case(
        "shared-bib-key",
        "M015",
        "sources/smithz-2020/meta.yml:9:1",
        lambda r: shutil.copytree(
            r / "sources" / SLUG,
            r / "sources" / "smithz-2020",
            ignore=shutil.ignore_patterns("anchors.lock"),
        ),
        "smith2020",
    ),
    Case(
        "unknown-text", "S005", "sources/", lambda r: None, "unknown text", ("lock", "nobody-2000")
    ),
    Case(
        "explain-unknown-text",
        "S005",
        "sources/",
        lambda r: None,
        "unknown text",
        ("explain", "nobody-2000"),
    ),
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal project, built once."""
    root = write_minimal_project(tmp_path_factory.mktemp("faults") / "project")
    assert main(["--root", str(root), "build"]) == 0
    return root


def assert_reported(result: subprocess.CompletedProcess, code: str, place: str, says: str) -> None:
    """Exit 1, no traceback, every line of stderr in the house form, the code at the
    place."""
    err = result.stderr
    assert result.returncode == 1, (result.returncode, err)
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    odd = [line for line in lines if not (HOUSE_FORM.match(line) or SUMMARY.match(line))]
    assert odd == [], err
    found = [line for line in lines if f": {code} error: " in line]
    assert found, f"no {code} in:\n{err}"
    assert any(line.startswith(place) for line in found), f"{code} not at {place}:\n{err}"
    assert says in "\n".join(found), err


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_fault_is_a_located_diagnostic(base: Path, tmp_path: Path, case: Case) -> None:
    """The real command on the broken copy: coded, located, exit 1, no traceback."""
    root = Path(shutil.copytree(base, tmp_path / "project", symlinks=True))
    case.mutate(root)
    result = run_reader(root, *case.args, timeout=60)
    assert_reported(result, case.code, case.place, case.says)


def test_wrong_folder(tmp_path: Path) -> None:
    """Run from a folder that is not a project, or with --root naming no folder: S007."""
    for root in (tmp_path, tmp_path / "missing"):
        result = subprocess.run(
            [str(READER), "--root", str(root), "build"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert_reported(result, "S007", "sources/", "not the project folder")


def test_the_declared_correction_of_the_hint_fixes_it(base: Path, tmp_path: Path) -> None:
    """Following S008's hint (the correction it spells out, pasted into meta.yml) lets the
    build run: the remedy is real, and the invisible character is gone from the page."""
    root = Path(shutil.copytree(base, tmp_path / "project", symlinks=True))
    sub(ORIGINAL, "second", "sec\u200dond")(root)
    result = run_reader(root, "build")
    hint = re.search(r"under corrections: (\{.*\})$", result.stderr, re.M)
    assert hint, result.stderr
    meta = root / META
    meta.write_text(meta.read_text(encoding="utf-8") + f"  - {hint[1]}\n", encoding="utf-8")
    result = run_reader(root, "build")
    assert result.returncode == 0, result.stderr
    page = (root / "docs" / "texts" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "The second paragraph" in page and "\u200d" not in page


def test_an_internal_error_is_said_as_one(base: Path, tmp_path: Path) -> None:
    """A bug (here a fault injected on purpose) is X001 with the exception named; the
    traceback only with READER_DEBUG=1."""
    root = Path(shutil.copytree(base, tmp_path / "project", symlinks=True))
    sub(META, "summary: A test text.", "summary: Another.")(root)
    env = {**os.environ, "READER_FAULT": "after-generate"}
    assert_reported(run_reader(root, "build", env=env), "X001", "reader", "fault injected")
    debug = run_reader(root, "build", env={**env, "READER_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" in debug.stderr


# ------------------------------------------------------------ a real full or read-only disk

#: Run inside a private mount namespace: mount a tmpfs over the project's folder (or its
#: docs/), break it, run reader, and report what happened as JSON.
FS_SCRIPT = r"""
import hashlib, json, os, shutil, subprocess, sys
base, work, mode, reader = sys.argv[1:5]
def tree(folder):
    return {os.path.relpath(os.path.join(d, f), folder): hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
            for d, _, files in os.walk(folder) for f in files}
os.makedirs(work)
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", work], check=True)
shutil.copytree(base, work, dirs_exist_ok=True, symlinks=True)
meta = os.path.join(work, "sources", "smith-2020", "meta.yml")
text = open(meta, encoding="utf-8").read().replace("summary: A test text.", "summary: " + "Long. " * 20000)
open(meta, "w", encoding="utf-8").write(text)
docs = os.path.join(work, "docs")
if mode == "full":
    free = os.statvfs(work).f_bavail * os.statvfs(work).f_frsize
    with open(os.path.join(work, "filler"), "wb") as f:
        f.write(b"x" * (free - 64 * 1024))
else:
    subprocess.run(["mount", "--bind", docs, docs], check=True)
    subprocess.run(["mount", "-o", "remount,ro,bind", docs], check=True)
before = tree(docs)
run = subprocess.run([reader, "--root", work, "build"], capture_output=True, text=True, cwd=work)
print(json.dumps({"rc": run.returncode, "stderr": run.stderr, "same": tree(docs) == before,
                  "left": sorted(n for n in os.listdir(work) if n.startswith(".docs."))
                          + sorted(n for n in tree(docs) if n.endswith(".tmp"))}))
"""


def fs_args(base: Path, tmp_path: Path, mode: str) -> list[str]:
    """The arguments of :data:`FS_SCRIPT`."""
    return [str(base), str(tmp_path / "work"), mode, str(READER)]


def _can_mount(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.mkdir()
    if not shutil.which("unshare"):
        return False
    run = subprocess.run(
        ["unshare", "-m", "mount", "-t", "tmpfs", "tmpfs", str(probe)], capture_output=True
    )
    return run.returncode == 0


@pytest.mark.parametrize(("mode", "says"), [("full", "No space left"), ("ro", "Read-only")])
def test_full_or_read_only_disk(base: Path, tmp_path: Path, mode: str, says: str) -> None:
    """Disk full while docs/ is written, or docs/ on a read-only mount: D005 with the
    reason, docs/ unchanged, no partial file and no staging folder left."""
    if not _can_mount(tmp_path):
        pytest.skip("cannot mount a tmpfs in a private mount namespace here")
    run = subprocess.run(
        ["unshare", "-m", sys.executable, "-c", FS_SCRIPT, *fs_args(base, tmp_path, mode)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    result = subprocess.CompletedProcess([], found["rc"], "", found["stderr"])
    assert_reported(result, "D005", "docs/", says)
    assert found["same"], "docs/ changed"
    assert found["left"] == [], found["left"]
