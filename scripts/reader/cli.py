"""The command line: ``reader build | check | site | serve | explain``.

Thin by design: arguments, exit codes and printing; the work lives in the modules.
Exit status: 0 success, 1 the input has errors (each printed as file:line: CODE …),
2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.diagnostics import Diagnostic, DiagnosticError


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        print(d, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    """Regenerate docs/ from sources/ (atomically; nothing written on error)."""
    from reader.build import generate, write_docs

    root = _root(args)
    edition = generate(root)
    _print(edition.warnings)
    written = write_docs(root / "docs", edition)
    print(
        f"docs/: {len(edition.pages)} pages, {len(written)} written"
        + (": " + ", ".join(written) if written else "")
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything and compare docs/ with the sources, writing nothing."""
    from reader.build import generate, hand_edits, read_manifest, stale_pages

    root = _root(args)
    edition = generate(root)
    _print(edition.warnings)
    docs = root / "docs"
    problems = hand_edits(docs, read_manifest(docs)) + stale_pages(docs, edition)
    if problems:
        raise DiagnosticError(problems)
    print(f"check: {len(edition.documents)} texts, {len(edition.pages)} pages: all good")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    """Build docs/, then site/ with MkDocs (swapped in only if the build succeeds)."""
    from reader.site import build_site

    cmd_build(args)
    root = _root(args)
    build_site(root, root / "mkdocs.yml", root / "site")
    print("site/: built")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Build, then serve with live reload; a change in sources/ rebuilds docs/."""
    from reader.serve import serve

    cmd_build(args)
    return serve(_root(args), args.host, args.port)


def cmd_explain(args: argparse.Namespace) -> int:
    """List the repairs each rule made to a text, line by line."""
    from reader.explain import explain

    print(explain(_root(args), args.slug))
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser."""
    p = argparse.ArgumentParser(prog="reader", description=__doc__.splitlines()[0])
    p.add_argument("--root", default=".", help="the project folder (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help=cmd_build.__doc__).set_defaults(func=cmd_build)
    sub.add_parser("check", help=cmd_check.__doc__).set_defaults(func=cmd_check)
    sub.add_parser("site", help=cmd_site.__doc__).set_defaults(func=cmd_site)
    serve = sub.add_parser("serve", help=cmd_serve.__doc__)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=cmd_serve)
    explain = sub.add_parser("explain", help=cmd_explain.__doc__)
    explain.add_argument("slug")
    explain.set_defaults(func=cmd_explain)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DiagnosticError as error:
        _print(list(error.diagnostics))
        print(
            f"reader {args.command}: stopped with {len(error.diagnostics)} error(s); "
            "nothing was written",
            file=sys.stderr,
        )
        return 1
