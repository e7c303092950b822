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
    missing: str  # message for a missing file
    missing_hint: str
    unreadable_hint: str
    encoding_message: str = "file is not UTF-8"
    encoding_hint: str = "save it as UTF-8 (e.g. iconv -f cp1252 -t utf-8)"
    what: str = "the file"


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
