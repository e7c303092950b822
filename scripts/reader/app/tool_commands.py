"""The editor's commands: ``reader serve | explain | add | lock``.

Each is a ``cmd_<name>(args) -> int`` that :mod:`reader.app.cli` imports by name when the
command runs (its registry), so a command imports only what it uses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.app.add import add_text
from reader.app.docs_commands import cmd_build, root_of
from reader.app.explain import explain
from reader.app.lock import lock_texts
from reader.app.serve import serve


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, then serve with live reload; a change in sources/ rebuilds docs/."""
    cmd_build(args)
    return serve(root_of(args), args.host, args.port)


def cmd_explain(args: argparse.Namespace) -> int:
    """List the repairs each rule made to a text, line by line."""
    print(explain(root_of(args), args.slug))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Create sources/<slug>/ for a new text, with a meta.yml skeleton to check."""
    folder = add_text(root_of(args), Path(args.file), args.slug)
    print(f"{folder}/meta.yml: written from the text; check every value (CHECK: marks")
    print("what the text could not tell), then run `make docs` and `reader explain`")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    """Record the texts' current paragraph numbering in their anchors.lock (on purpose)."""
    print("\n".join(lock_texts(root_of(args), args.slugs)))
    print("now run `reader build` so that the pages carry the new anchors and redirects")
    return 0
