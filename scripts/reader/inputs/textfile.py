"""Reading an input file as strict UTF-8, with a located diagnostic for each way it fails.

Every input (originals, YAML declarations, the bibliography) is read the same way: a
missing or unreadable file, or one that is not UTF-8, stops the build with the file, the
line and column of the first bad byte, and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.diagnostics import Diagnostic, DiagnosticError


@dataclass(frozen=True)
class ReadCodes:
    """How one kind of input names its reading problems."""

    unreadable: str  # code for a missing or unreadable file
    encoding: str  # code for a file that is not UTF-8
    missing: str = "file is missing"  # message for a missing file
    missing_hint: str = "create it or fix the path"
    unreadable_hint: str = "make it a readable file"
    encoding_message: str = "file is not UTF-8"
    encoding_hint: str = "save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)"
    what: str = "the file"

    @classmethod
    def named(cls, code: str, what: str, name: str, missing_hint: str) -> ReadCodes:
        """The codes of one named input with one code for every reading problem:
        '<what> is missing', 'cannot read <what> (…)', 'make <name> a readable file'."""
        unreadable_hint = f"make {name} a readable file"
        return cls(code, code, f"{what} is missing", missing_hint, unreadable_hint, what=what)


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in bytes) of ``raw[offset]``, for decoding errors."""
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def read_utf8(path: Path, display: str, codes: ReadCodes) -> str:
    """The file's text; DiagnosticError if it is missing, unreadable or not UTF-8."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise DiagnosticError(
            [Diagnostic(codes.unreadable, codes.missing, display, hint=codes.missing_hint)]
        ) from exc
    except OSError as exc:  # a folder, no permission…
        why = exc.strerror or exc.__class__.__name__
        raise DiagnosticError(
            [
                Diagnostic(
                    codes.unreadable,
                    f"cannot read {codes.what} ({why})",
                    display,
                    hint=codes.unreadable_hint,
                )
            ]
        ) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        raise DiagnosticError(
            [
                Diagnostic(
                    codes.encoding,
                    f"{codes.encoding_message} (byte 0x{raw[exc.start]:02x})",
                    display,
                    line,
                    column,
                    hint=codes.encoding_hint,
                )
            ]
        ) from exc


def outside_project(path: Path, root: Path, display: str, code: str = "S009") -> list[Diagnostic]:
    """A finding when ``path`` is not plainly inside ``root``: a ``..`` in it, a symbolic
    link on the way to it (the file itself or a folder), or a real location outside.

    An input must be a file of the project as it is committed; a link could publish any
    file of the machine that builds the site."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = ("..",)
    step, linked = root, ""
    for part in parts:
        step = step / part
        if part == ".." or step.is_symlink():
            linked = part
            break
    if not linked and (not path.exists() or path.resolve().is_relative_to(root.resolve())):
        return []
    why = "goes up with '..'" if linked == ".." else f"'{linked}' is a symbolic link"
    if not linked:
        why = "resolves to a place outside the project"
    return [
        Diagnostic(
            code,
            f"input path leaves the project: {why}",
            display,
            hint="copy the file into the project (cp --dereference) instead of linking to it",
        )
    ]
