"""Citations of earlier versions still land on the same words.

A citation of version 1.0.0 names ``texts/<slug>/#p7``. The anchors lock keeps ``#p7`` on
its words or, when a text is renumbered on purpose, redirects it to the paragraph that now
holds them. :func:`earlier_anchors_land` checks that promise against every recorded
snapshot: each anchor of an earlier version must, in the version being built, either
still carry the same fingerprint or redirect to one that does.
"""

from __future__ import annotations

from typing import Any

from reader.core.diagnostics import Diagnostic

SHOWN = 5  # anchors named in one diagnostic


def lands(anchor: str, fingerprint: str, text: dict[str, Any]) -> bool:
    """Whether ``#anchor`` with those words resolves to them in snapshot text ``text``."""
    anchors, redirects = text.get("anchors", {}), text.get("redirects", {})
    target = redirects.get(anchor, anchor)
    return anchors.get(target) == fingerprint or anchors.get(anchor) == fingerprint


def earlier_anchors_land(
    snapshots: dict[str, dict[str, Any]], current: str, now: dict[str, Any]
) -> list[Diagnostic]:
    """One error per earlier version and text whose anchors no longer land on their words
    (``current`` is the number of the version being built, ``now`` its snapshot)."""
    problems = []
    for number, snap in sorted(snapshots.items()):
        if number == current:
            continue
        for slug, text in sorted(snap.get("texts", {}).items()):
            here = now.get("texts", {}).get(slug)
            if here is None:
                problems.append(
                    Diagnostic(
                        "J002",
                        f"the text '{slug}' of version {number} is gone: its citations "
                        "lead nowhere",
                        f"editions/{number}.json",
                        hint="keep the text, or say so in the version's notes and remove "
                        "it from the snapshot on purpose",
                    )
                )
                continue
            lost = [a for a, fp in text.get("anchors", {}).items() if not lands(a, fp, here)]
            if lost:
                shown = ", ".join(f"#{a}" for a in lost[:SHOWN]) + (
                    " …" if len(lost) > SHOWN else ""
                )
                problems.append(
                    Diagnostic(
                        "J003",
                        f"{len(lost)} paragraph anchor(s) of version {number} no longer land "
                        f"on their words: {shown}",
                        f"sources/{slug}/anchors.lock",
                        hint=f"run `reader lock {slug}` to record the renumbering with "
                        "redirects, then `reader build`",
                    )
                )
    return problems
