"""The command line: ``reader build | check | site | offline | serve | explain | add | lock``.

Thin by design: arguments, exit codes and printing; the work lives in the modules.
Exit status: 0 success, 1 the input has errors (each printed as file:line: CODE …),
2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from reader.app.add import add_text
from reader.app.build import generate, hand_edits, read_manifest, stale_pages
from reader.app.cache import Store, unchanged_build
from reader.app.editions import check_versions
from reader.app.explain import explain
from reader.app.incremental import Outcome, build_docs, remember, verify_site
from reader.app.lock import lock_texts
from reader.app.offline import build_offline, download_path, publish_download
from reader.app.serve import serve
from reader.app.site import build_site
from reader.app.webapp import add_service_worker, runtime_missing
from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.inputs.mkdocs_config import blocks_for, stale_nav

DEBUG_ENV = "READER_DEBUG"


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """Regenerate docs/ from sources/ (atomically; nothing written on error)."""
    _build(args)
    return 0


def _build(args: argparse.Namespace, check: bool = True) -> Outcome:
    """``reader build``, saying what it did; ``check=False`` leaves the conservation
    check to the caller (``reader site`` runs it on the built site)."""
    root = _root(args)
    outcome = build_docs(root, check=check)
    for warning in outcome.warnings:
        print(warning, file=sys.stderr)
    written = outcome.written
    print(
        f"docs/: {outcome.pages} pages, {len(written)} written"
        + (": " + ", ".join(written) if written else "")
        + (" (nothing changed since the last build)" if outcome.cached else "")
    )
    if outcome.nav_updated:
        print("mkdocs.yml: the generated entries of the nav were updated")
    if outcome.edition is not None:  # nothing changed: the snapshot and versions held
        print("\n".join(outcome.anchors) or "anchors: all locked")
        if outcome.snapshot:
            print(f"{outcome.snapshot}: the snapshot of the version being built")
    return outcome


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything and compare docs/ with the sources, writing nothing."""
    root = _root(args)
    record = unchanged_build(root)
    if record is not None:
        for warning in record.warnings:
            print(warning, file=sys.stderr)
        print(f"check: {record.texts} pages: all good (nothing changed since the last build)")
        return 0
    edition = generate(root, store=Store(root))
    _print(edition.warnings)
    docs = root / "docs"
    problems = hand_edits(docs, read_manifest(docs), edition.pages) + stale_pages(docs, edition)
    problems += stale_nav(root / "mkdocs.yml", blocks_for(edition.documents, edition.pages))
    problems += check_versions(root, edition, writing=False)
    pending = edition.context.pending_locks if edition.context is not None else {}
    for slug, (_, why) in sorted(pending.items()):
        print(f"sources/{slug}/anchors.lock: `reader build` would write it ({why})")
    if problems:
        raise DiagnosticError(problems)
    print(f"check: {len(edition.documents)} texts, {len(edition.pages)} pages: all good")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    """Build docs/, then site/ with MkDocs (swapped in only if the build succeeds)."""
    outcome = _build(args, check=False)  # the check reads the site MkDocs builds
    root = _root(args)
    download = download_path(root)  # the zip of a `reader offline` run, linked in the footer
    missing = runtime_missing(root)  # without Workbox (no `npm ci`), no web app
    env = {"READER_WEBAPP": "0" if missing else "1"}
    if download:
        env["READER_DOWNLOAD"] = download.as_posix()
    published: list[Path] = []
    cached: list[int] = []

    def finish(staged: Path) -> None:
        verify_site(root, staged, outcome)  # every word of every text, on the HTML MkDocs built
        published.extend(p for p in [publish_download(root, staged)] if p)
        if not missing:
            cached.append(add_service_worker(root, staged))

    try:
        build_site(root, root / "mkdocs.yml", root / "site", finish=finish, env=env)
    except BaseException:
        if outcome.undo is not None:
            outcome.undo.restore()  # docs/, the nav and the locks as they were before
        raise
    remember(root, outcome)
    app = (
        f"its service worker precaches {cached[0]} files"
        if cached
        else f"without the web app ({missing} is missing: `make npm`)"
    )
    print(
        f"site/: built, {app}"
        + (f", with site/{download.as_posix()}" if published and download else "")
    )
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """Build docs/, then the offline edition site-offline/ and its zip in dist/."""
    cmd_build(args)
    site, archive = build_offline(_root(args))
    print(
        f"{site.name}/: built; {archive.parent.name}/{archive.name}: "
        f"{archive.stat().st_size // 1024} KiB"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, then serve with live reload; a change in sources/ rebuilds docs/."""
    cmd_build(args)
    return serve(_root(args), args.host, args.port)


def cmd_explain(args: argparse.Namespace) -> int:
    """List the repairs each rule made to a text, line by line."""
    print(explain(_root(args), args.slug))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    """Create sources/<slug>/ for a new text, with a meta.yml skeleton to check."""
    folder = add_text(_root(args), Path(args.file), args.slug)
    print(f"{folder}/meta.yml: written from the text; check every value (CHECK: marks")
    print("what the text could not tell), then run `make docs` and `reader explain`")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    """Record the texts' current paragraph numbering in their anchors.lock (on purpose)."""
    print("\n".join(lock_texts(_root(args), args.slugs)))
    print("now run `reader build` so that the pages carry the new anchors and redirects")
    return 0


DESCRIPTION = "Build, check and serve the Soft Power Reader edition."
EPILOG = """exit status: 0 success; 1 the input has errors (each printed as
file:line: CODE severity message - hint); 2 the command was used wrongly.
Run `reader COMMAND --help` for the arguments of one command."""

#: name -> (function, one-line help for the command list).
COMMANDS = {
    "build": (cmd_build, "regenerate docs/ from sources/ (nothing is written on error)"),
    "check": (cmd_check, "validate everything and check that docs/ is up to date; writes nothing"),
    "site": (cmd_site, "build docs/, then the online site into site/"),
    "offline": (cmd_offline, "build docs/, then the offline edition and its zip in dist/"),
    "serve": (cmd_serve, "build, then serve with live reload (a change in sources/ rebuilds)"),
    "explain": (cmd_explain, "list every repair made to a text, with its evidence"),
    "add": (cmd_add, "create sources/<slug>/ for a new text, with a meta.yml skeleton"),
    "lock": (cmd_lock, "record on purpose a change of a text's paragraph numbering"),
}


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
    for name, (func, line) in COMMANDS.items():
        made[name] = sub.add_parser(name, help=line, description=line[0].upper() + line[1:] + ".")
        made[name].set_defaults(func=func)
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # B002 says it, with the line
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.func(args)
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


def _stopped(command: str, diagnostics: list[Diagnostic]) -> int:
    _print(diagnostics)
    print(
        f"reader {command}: stopped with {len(diagnostics)} error(s); nothing was written",
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
