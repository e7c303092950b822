"""``reader add <file>``: a new text's folder, with a meta.yml skeleton read from the text.

The skeleton is a first reading for the editor to check, never a final one: the title is
the first line, a byline is the next short line of capitalised names, the date is the
first year, and the profile is ``auto`` with what detection found written beside it.
Every value the text cannot give is marked ``CHECK:``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.inputs.sources import SLUG_RE
from reader.repair.detect import detect_profile

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_NAME = re.compile(r"^[A-Z][\w.’'-]+$")
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
BYLINE_WORDS = 10


def _q(value: str) -> str:
    """A YAML scalar (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def byline_names(line: str) -> list[str]:
    """The names in a byline, or [] if the line is not one.

    >>> byline_names("By Ada Lovelace and Charles Babbage")
    ['Ada Lovelace', 'Charles Babbage']
    >>> byline_names("The concept of soft power was coined by Nye.")
    []
    """
    text = re.sub(r"^(?:by|von|par)\s+", "", line.strip(), flags=re.IGNORECASE)
    if not text or len(text.split()) > BYLINE_WORDS or text[-1:] in ".:;?!":
        return []
    names = [n for n in _SPLIT.split(text) if n]
    if all(2 <= len(n.split()) <= 4 and all(_NAME.match(w) for w in n.split()) for n in names):
        return names
    return []


def _ascii(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.casefold())


def skeleton(text: str, file_name: str) -> tuple[str, str]:
    """(slug, meta.yml text) read from ``text``."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    content = [(n, line.strip(" \f#*")) for n, line in enumerate(lines, start=1) if line.strip()]
    title_line, title = content[0] if content else (1, "CHECK: the title")
    by_line, names = next(
        ((n, byline_names(t)) for n, t in content[1:4] if byline_names(t)), (0, [])
    )
    year = next((m.group(1) for _, t in content[:40] if (m := _YEAR.search(t))), "")
    surname = _ascii(names[0].split()[-1]) if names else _ascii(Path(file_name).stem)[:20]
    slug = f"{surname or 'text'}-{year or '0000'}"
    found = detect_profile("\n".join(lines))
    authors = names or ["CHECK: the author's name"]
    front = [f'    - {{lines: "{title_line}", role: title}}']
    if by_line:
        front.append(f'    - {{lines: "{by_line}", role: byline}}')
    meta = [
        "# Written by `reader add` from the text: check every value, then run `make docs`.",
        f"title: {_q(title)}",
        "authors:",
        *(f"  - {{name: {_q(name)}, role: author}}" for name in authors),
        f"date: {_q(year or 'CHECK: YYYY')}",
        'venue: "CHECK: journal, volume (issue), pages"',
        "genre: other  # essay, policy brief, interview, report, journal article, abstract",
        f"bib_key: {surname}{year}  # add the entry to references.bib",
        "language: en",
        'rights: "CHECK: who holds the rights, and on what terms the edition shows the text"',
        f"provenance: {_q('CHECK: where ' + file_name + ' came from and how it was extracted')}",
        f"seed: {_q(file_name)}",
        f"sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
        f"profile: auto  # detected: {found.profile} — {found.evidence}",
        "structure:",
        "  front:",
        *front,
    ]
    if found.problem:
        meta.insert(1, f"# WARNING line {found.line}: {found.problem}")
    return slug, "\n".join(meta) + "\n"


def add_text(root: Path, file: Path, slug: str | None = None) -> Path:
    """Create ``sources/<slug>/`` with the file, byte for byte, and a meta.yml skeleton."""
    if not file.is_file():
        raise DiagnosticError(
            [Diagnostic("S010", "no such file", str(file), hint="name the received text file")]
        )
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DiagnosticError(
            [Diagnostic("S002", "the file is not UTF-8", str(file), hint="convert it to UTF-8")]
        ) from error
    if not text.strip():
        raise DiagnosticError(
            [Diagnostic("S003", "the file is empty", str(file), hint="name the received text")]
        )
    guessed, meta = skeleton(text, file.name)
    name = slug or guessed
    if not SLUG_RE.fullmatch(name):  # "../x", "/tmp/x" or "A B" would be written anywhere
        shown = json.dumps(name, ensure_ascii=False)[1:-1]  # a line break, as \n
        raise DiagnosticError(
            [
                Diagnostic(
                    "S004",
                    f"the folder name '{shown}' is not <first-author-surname>-<year>",
                    str(file),
                    hint="name it with --slug, in lower case: --slug kosachev-2012",
                )
            ]
        )
    folder = root / "sources" / name
    if folder.exists():
        raise DiagnosticError(
            [
                Diagnostic(
                    "S011",
                    f"{folder.relative_to(root)} already exists",
                    str(file),
                    hint="choose another name with --slug",
                )
            ]
        )
    folder.mkdir(parents=True)
    (folder / "original.txt").write_bytes(data)
    (folder / "meta.yml").write_text(meta, encoding="utf-8")
    return folder
