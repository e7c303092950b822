"""Accessibility checks with axe-core, run inside a Playwright page.

axe-core is pinned in ``package.json`` and installed into ``node_modules/`` by
``scripts/install-system-deps.sh`` (``npm ci``); nothing is fetched at test time. The
gate fails on violations whose impact is *serious* or *critical*; minor and moderate ones
are reported by :func:`describe` but do not block.

Works with any object that has Playwright's ``evaluate`` and ``add_script_tag`` methods,
so this module imports nothing from Playwright.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from reader.core.diagnostics import Diagnostic

#: Impacts that fail the accessibility gate.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

#: Default options for ``axe.run``: only violations are returned (faster, smaller).
DEFAULT_OPTIONS: dict[str, Any] = {"resultTypes": ["violations"]}

_REPO = Path(__file__).resolve().parents[4]


class ScriptablePage(Protocol):
    """The part of a Playwright ``Page`` (or ``Frame``) this module uses."""

    def evaluate(self, expression: str, arg: Any = None) -> Any: ...

    def add_script_tag(self, *, path: str | Path | None = None) -> Any: ...


def axe_script(root: Path | None = None) -> Path:
    """Where ``axe.min.js`` is: ``$AXE_CORE_JS``, else ``<root>/node_modules/axe-core/``."""
    override = os.environ.get("AXE_CORE_JS")
    path = Path(override) if override else (root or _REPO) / "node_modules/axe-core/axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: run `bash scripts/install-system-deps.sh` (npm ci)"
        )
    return path


def inject_axe(
    page: ScriptablePage,
    *,
    context: Any = None,
    options: dict[str, Any] | None = None,
    script: Path | None = None,
) -> list[dict[str, Any]]:
    """Load axe-core into ``page`` (once) and run it; return the violations.

    ``context`` is axe's context (a selector, or ``{"include": …, "exclude": …}``; the
    whole document by default) and ``options`` are ``axe.run`` options. Each violation is
    axe's dict: ``id``, ``impact``, ``help``, ``helpUrl``, ``nodes`` (with ``target``).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=script or axe_script())
    results = page.evaluate(
        "([context, options]) => window.axe.run(context || document, options)",
        [context, DEFAULT_OPTIONS if options is None else options],
    )
    return list(results["violations"])


def blocking(violations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The violations that fail the gate (impact serious or critical)."""
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: Iterable[dict[str, Any]], limit: int = 5) -> str:
    """A readable summary: one line per violation, then up to ``limit`` offending nodes."""
    lines = []
    for v in violations:
        nodes = v.get("nodes", [])
        lines.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} — {len(nodes)} node(s)")
        lines.extend(
            f"    {node.get('target')}: {node.get('html', '')[:120]}" for node in nodes[:limit]
        )
        lines.append(f"    see {v.get('helpUrl', '')}")
    return "\n".join(lines)


def to_diagnostics(violations: Iterable[dict[str, Any]], where: str) -> list[Diagnostic]:
    """One diagnostic per violation (``Q001`` error if blocking, ``Q002`` warning if not)."""
    found = []
    for v in violations:
        targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
        is_blocking = v.get("impact") in BLOCKING_IMPACTS
        found.append(
            Diagnostic(
                "Q001" if is_blocking else "Q002",
                f"{v['id']} ({v.get('impact')}): {v.get('help')} at {targets}",
                where,
                hint=v.get("helpUrl", ""),
                severity="error" if is_blocking else "warning",
            )
        )
    return found
