"""``reader build`` and ``reader check`` when nothing changed since the last build.

Each ``warm_<name>(args)`` runs its command when the build record still holds
(:func:`reader.core.record.unchanged_build`) and returns None otherwise; the command
line (:mod:`reader.app.cli`) then runs the command in full. This module imports no part
of the pipeline, so that finding out there is nothing to do costs the interpreter's
start and the hashing of the inputs, not the import of the parser, the passes and their
libraries.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.core.record import BuildRecord, unchanged_build


def root_of(args: argparse.Namespace) -> Path:
    """The project folder named by ``--root``, absolute."""
    return Path(args.root).resolve()


def docs_line(pages: int, written: list[str], cached: bool) -> str:
    """What ``reader build`` says of docs/."""
    return (
        f"docs/: {pages} pages, {len(written)} written"
        + (": " + ", ".join(written) if written else "")
        + (" (nothing changed since the last build)" if cached else "")
    )


def say_warnings(record: BuildRecord) -> None:
    """Print the last build's warnings again, as a build would."""
    for warning in record.warnings:
        print(warning, file=sys.stderr)


def warm_build(args: argparse.Namespace) -> int | None:
    """``reader build`` with nothing to write; None when something changed."""
    record = unchanged_build(root_of(args))
    if record is None:
        return None
    say_warnings(record)
    print(docs_line(record.texts, [], cached=True))
    return 0


def warm_check(args: argparse.Namespace) -> int | None:
    """``reader check`` of a tree the last build left as it is; None when something
    changed."""
    record = unchanged_build(root_of(args))
    if record is None:
        return None
    say_warnings(record)
    print(f"check: {record.texts} pages: all good (nothing changed since the last build)")
    return 0
