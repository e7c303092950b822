"""HTML validity of the built pages, by the Nu HTML Checker (``vnu.jar``).

The checker is npm's ``vnu-jar``, pinned in ``package.json`` and installed into
``node_modules/`` by ``npm ci`` (``$VNU_JAR`` names another jar). All pages go to one Java
process (start-up costs about two seconds) and come back as JSON messages, which become
diagnostics with ``file:line:column``:

- ``H001`` an error in the markup (e.g. ``<div>`` inside ``<p>``, an unknown element);
- ``H002`` a warning of the checker (reported, never fatal);
- ``H000`` the checker could not run (no Java, unreadable output) — an error, so a broken
  tool never passes as a clean site.

Markup the Material theme owns and we cannot change without forking its templates is
listed in :data:`THEME_EXCEPTIONS`, one entry per rule, each narrowed to the element it
concerns and commented with why it is harmless. Anything else fails.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reader.core.diagnostics import Diagnostic

_REPO = Path(__file__).resolve().parents[4]
#: The checker's jar inside ``node_modules/``.
VNU_JAR = "vnu-jar/build/dist/vnu.jar"
#: Java's thread stack for the checker, in KiB: deep pages (long texts) need more than
#: the default.
STACK_KIB = 8192


@dataclass(frozen=True)
class AllowedMessage:
    """A checker message we accept: its rule, the element it must be about, and why."""

    rule: str  # regular expression searched in the checker's message
    element: str  # regular expression searched in the flagged markup
    reason: str

    def matches(self, message: str, markup: str) -> bool:
        """Whether this exception covers a message about the given markup."""
        return bool(re.search(self.rule, message) and re.search(self.element, markup))


#: Theme-owned markup the checker rejects, accepted on purpose (mkdocs-material 9.8.1).
THEME_EXCEPTIONS: tuple[AllowedMessage, ...] = (
    AllowedMessage(
        # Material's drawer and search toggles are hidden checkboxes with
        # autocomplete="off", so Firefox does not restore them "checked" when the reader
        # comes back to a page; browsers ignore the attribute elsewhere. Template: base.html.
        rule=r"^Attribute .autocomplete. is only allowed when the input type is",
        element=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        reason="Material's drawer/search toggles carry autocomplete=off (Firefox state restore)",
    ),
)


#: Our own markup that the current checker rejects and whose fix has not landed yet, each
#: entry removed with its fix. Empty: the last one, interview turns named as plain divs,
#: became role="group" turns (reader.emit.markdown), and tests/fixtures/quality/html
#: keeps both forms, the fixed one in valid.html and the rejected one in invalid.html.
PENDING_FIXES: tuple[AllowedMessage, ...] = ()

_NO_JAVA = "install a Java runtime (scripts/install-system-deps.sh installs Debian's)"


def vnu_jar(root: Path | None = None) -> Path:
    """Where ``vnu.jar`` is: ``$VNU_JAR``, else ``<root>/node_modules/vnu-jar/``."""
    override = os.environ.get("VNU_JAR")
    return (
        Path(override) if override else (root or _REPO) / "node_modules/vnu-jar/build/dist/vnu.jar"
    )


def check_html(
    site_dir: Path,
    *,
    files: Iterable[Path] | None = None,
    allowed: Iterable[AllowedMessage] = THEME_EXCEPTIONS + PENDING_FIXES,
) -> list[Diagnostic]:
    """Validate every ``*.html`` page under ``site_dir`` (or just ``files``).

    Returns one diagnostic per checker message that no entry of ``allowed`` covers.
    """
    site_dir = Path(site_dir)
    paths = (
        sorted(Path(f) for f in files) if files is not None else sorted(site_dir.rglob("*.html"))
    )
    if not paths:
        return []
    allowed = tuple(allowed)
    jar = vnu_jar()
    if not jar.is_file():
        hint = "run `npm ci` (vnu-jar is pinned in package.json)"
        return [Diagnostic("H000", f"the Nu checker is missing: {jar}", str(site_dir), hint=hint)]
    command = ["java", f"-Xss{STACK_KIB}k", "-jar", str(jar)]
    options = ["--format", "json", "--stdout", "--exit-zero-always"]
    try:
        result = subprocess.run(
            [*command, *options, *map(str, paths)], capture_output=True, encoding="utf-8"
        )
    except FileNotFoundError:
        return [Diagnostic("H000", "no Java runtime (java)", str(site_dir), hint=_NO_JAVA)]
    stdout, stderr = result.stdout, result.stderr
    try:
        messages = json.loads(stdout)["messages"]
    except (ValueError, KeyError):
        text = (stdout + stderr).strip()[:500]
        return [Diagnostic("H000", f"unreadable output of the Nu checker: {text}", str(site_dir))]
    shown = {os.path.abspath(p): str(p) for p in paths}
    diagnostics = []
    for message in messages:
        diagnostic = _diagnostic(message, shown, allowed)
        if diagnostic:
            diagnostics.append(diagnostic)
    return diagnostics


def _diagnostic(
    message: dict, shown: dict[str, str], allowed: tuple[AllowedMessage, ...]
) -> Diagnostic | None:
    """The diagnostic for one Nu checker message, or None if it is allowed or mere info."""
    kind, text = message.get("type"), message.get("message", "")
    path = unquote(urlsplit(message.get("url", "")).path)
    path = shown.get(os.path.abspath(path), path) if path else ""
    if kind == "non-document-error":
        return Diagnostic("H000", f"the Nu checker failed: {text}", path)
    if kind == "info" and message.get("subType") != "warning":
        return None
    markup = _flagged_markup(message)
    if any(rule.matches(text, markup) for rule in allowed):
        return None
    line = message.get("lastLine") or message.get("firstLine") or 0
    column = message.get("firstColumn") or 0
    hint = " ".join(markup.split())[:160]
    if kind == "error":
        return Diagnostic("H001", text, path, line, column, hint)
    return Diagnostic("H002", text, path, line, column, hint, severity="warning")


def _flagged_markup(message: dict) -> str:
    """The markup the checker highlights in its extract (the whole extract if unmarked)."""
    extract = message.get("extract", "")
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if isinstance(start, int) and isinstance(length, int):
        return extract[start : start + length]
    return extract
