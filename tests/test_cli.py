"""The command line: a complete, plain ``--help`` and no traceback on a closed pipe."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from reader.app import cli

ROOT = Path(__file__).resolve().parents[1]
READER = Path(sys.executable).with_name("reader")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices)


def test_help_lists_every_command_plainly() -> None:
    """Every command is in the list, with a help line, and no reST markup leaks out."""
    text = cli.parser().format_help()
    for name in ("build", "check", "site", "offline", "serve", "explain", "lock"):
        assert f"    {name} " in text, name
    assert "``" not in text and ":func:" not in text


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_every_argument_has_help(name: str) -> None:
    """No argument of any command is listed without saying what it is."""
    sub = _subparsers(cli.parser())[name]
    assert sub.description and "``" not in sub.format_help()
    for action in sub._actions:
        assert action.help, f"reader {name}: {action.dest} has no help"


def test_closed_pipe_ends_quietly() -> None:
    """`reader explain … | head -1`: the reader stops reading, and the command ends without
    a traceback (exit 141, as a program killed by SIGPIPE)."""
    proc = subprocess.Popen(
        [str(READER), "explain", "kosachev-2012"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before the command writes anything
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
