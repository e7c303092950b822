"""The command line: ``reader build | check | site | offline | serve | explain | add | lock``.

Thin by design: arguments, exit codes and printing; the work lives in the modules.
Exit status: 0 success, 1 the input has errors (each printed as file:line: CODE …),
2 the command was used wrongly.

The commands are a registry of module paths (:data:`COMMANDS`, as pip names its
commands): :func:`command` imports a command's module when that command runs, so
``reader build`` and ``reader check`` do not import MkDocs, nor ``reader site`` the
editor's tools. A command may also have a warm path (:data:`WARM`), run first: the
command when nothing changed since the last build, from a module that imports none of
the pipeline; it returns None when something did, and the command then runs in full.
That one :func:`importlib.import_module` is the package's only import made at run time
(tests/test_layers.py allows exactly it); the commands' modules import at module level,
under the layers contract like every other.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import signal
import sys
from collections.abc import Callable

from reader.core.collector import collector_paused
from reader.core.diagnostics import Diagnostic, DiagnosticError

DEBUG_ENV = "READER_DEBUG"

DESCRIPTION = "Build, check and serve the Soft Power Reader edition."
EPILOG = """exit status: 0 success; 1 the input has errors (each printed as
file:line: CODE severity message - hint); 2 the command was used wrongly.
Run `reader COMMAND --help` for the arguments of one command."""

_DOCS, _SITE = "reader.app.docs_commands", "reader.app.site_commands"
_TOOLS = "reader.app.tool_commands"

#: name -> (the module holding ``cmd_<name>``, one-line help for the command list).
COMMANDS = {
    "build": (_DOCS, "regenerate docs/ from sources/ (nothing is written on error)"),
    "check": (_DOCS, "validate everything and check that docs/ is up to date; writes nothing"),
    "site": (_SITE, "build docs/, then the online site into site/"),
    "offline": (_SITE, "build docs/, then the offline edition and its zip in dist/"),
    "serve": (_TOOLS, "build, then serve with live reload (a change in sources/ rebuilds)"),
    "explain": (_TOOLS, "list every repair made to a text, with its evidence"),
    "add": (_TOOLS, "create sources/<slug>/ for a new text, with a meta.yml skeleton"),
    "lock": (_TOOLS, "record on purpose a change of a text's paragraph numbering"),
}

_UNCHANGED = "reader.app.unchanged"
#: name -> the module holding ``warm_<name>``: the command when nothing changed since the
#: last build, or None (then ``cmd_<name>`` runs).
WARM = {"build": _UNCHANGED, "check": _UNCHANGED, "site": "reader.app.site_warm"}


def command(
    name: str, warm: bool = False, freeze: bool = False
) -> Callable[[argparse.Namespace], int | None]:
    """The function that runs command ``name`` (``warm``: its warm path), its module
    imported only now (the one dispatch point; see the module's docstring), with the
    collector paused: hundreds of modules, all alive to the end. ``freeze`` (the program,
    :func:`program`): then keep what the import made out of every later collection."""
    module, kind = (WARM[name], "warm") if warm else (COMMANDS[name][0], "cmd")
    with collector_paused():
        loaded = importlib.import_module(module)
    if freeze:
        gc.freeze()
    return getattr(loaded, f"{kind}_{name}")


def run(args: argparse.Namespace, as_program: bool = False) -> int:
    """Run the command ``args`` names: its warm path first, if it has one (``as_program``:
    run as the ``reader`` program, see :func:`command`)."""
    if args.command in WARM:
        status = command(args.command, warm=True, freeze=as_program)(args)
        if status is not None:
            return status
    status = command(args.command, freeze=as_program)(args)
    return 0 if status is None else status


def parser() -> argparse.ArgumentParser:
    """The argument parser: every command and argument with a plain help line."""
    p = argparse.ArgumentParser(
        prog="reader",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--root", default=".", help="the project folder (default: .)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")
    made = {}
    for name, (_, line) in COMMANDS.items():
        made[name] = sub.add_parser(name, help=line, description=line[0].upper() + line[1:] + ".")
    made["serve"].add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)"
    )
    made["serve"].add_argument(
        "--port", type=int, default=8000, help="the port to listen on (default: 8000)"
    )
    made["explain"].add_argument(
        "slug", help="the text's folder name in sources/, e.g. kosachev-2012"
    )
    made["add"].add_argument("file", help="the text as received (a UTF-8 .txt file)")
    made["add"].add_argument(
        "--slug", help="the folder name (default: first author's surname-year)"
    )
    made["lock"].add_argument(
        "slugs", nargs="+", metavar="slug", help="one or more texts' folder names in sources/"
    )
    return p


def program() -> int:
    """The ``reader`` program: :func:`main` on the command line's arguments, in a process
    that ends right after it. What the command's imports made is frozen out of the
    cyclic collector (``gc.freeze``), since it lives as long as the process, and so is
    every object left at the end, so that the interpreter's last collection, as it
    exits, does not walk the whole heap of a build only to find it all reachable (about
    0.15 s of a build from scratch); the memory goes back with the process."""
    status = main(as_program=True)
    gc.freeze()
    return status


def main(argv: list[str] | None = None, *, as_program: bool = False) -> int:
    """Run the command line; return the exit status (``as_program``: see :func:`program`;
    a caller in its own process leaves it False and keeps its collector as it was)."""
    args = parser().parse_args(argv)
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # B002 says it, with the line
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return run(args, as_program)
    except KeyboardInterrupt:
        print(
            f"reader {args.command}: interrupted; docs/ and site/ are as they were or "
            "wholly updated, never half",
            file=sys.stderr,
        )
        return 130
    except BrokenPipeError:
        _quiet_stdout()  # the reader closed the pipe (`reader explain … | head`): not an error
        return 128 + signal.SIGPIPE
    except DiagnosticError as error:
        return _stopped(args.command, list(error.diagnostics))
    except OSError as error:  # the environment: permissions, a full disk, a lost folder
        return _stopped(args.command, [os_failure(error)])
    except Exception as error:  # a bug: said as one, the traceback on request
        if os.environ.get(DEBUG_ENV):
            raise
        return _stopped(args.command, [internal_error(error)])
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stopped(name: str, diagnostics: list[Diagnostic]) -> int:
    for d in diagnostics:
        print(d, file=sys.stderr)
    print(
        f"reader {name}: stopped with {len(diagnostics)} error(s); nothing was written",
        file=sys.stderr,
    )
    return 1


def os_failure(error: OSError) -> Diagnostic:
    """O001: a file the command needed could not be read or written."""
    where = str(error.filename or "")
    return Diagnostic(
        "O001",
        f"cannot use {where or 'a file'}: {error.strerror or error.__class__.__name__}",
        where,
        hint="check that the file exists and that you may read and write it (or that "
        "the disk has room), then run the command again",
    )


def internal_error(error: Exception) -> Diagnostic:
    """X001: an error in reader itself, not in the input."""
    return Diagnostic(
        "X001",
        f"internal error: {error.__class__.__name__}: {error}",
        "reader",
        hint=f"this is a bug in reader, not in your files; run again with {DEBUG_ENV}=1 "
        "for the traceback and report it",
    )


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM unwinds like an exception, so staged temporary files are removed."""
    raise SystemExit(128 + signum)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush of a closed pipe
    does not print a second BrokenPipeError."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
