"""Sections a partial run (``bench.py --only``) did not measure, kept from the report before.

Each carried section keeps its figures as they were, under a note naming the run that
measured them (its date, commit and load), so that BENCHMARKS.md never mixes the two
runs without saying so; a section carried once already keeps its first note. A target
this run did not measure keeps its verdict from the report before, marked as carried,
so that a partial run never turns a FAIL into a SKIP.
"""

from __future__ import annotations

import re

HEADING = re.compile(r"^## (\d+)[a-z]?\. ")
NOTE = "_Not run this time: as measured"
FACTS = ("- date: ", "- commit: ", "- load average (1, 5, 15 min) at the start: ")


def carried_sections(old: str, ran: frozenset[int]) -> list[str]:
    """The sections of an earlier report whose number is not in ``ran``, as lines."""
    facts = {}
    for line in old.splitlines():
        for prefix in FACTS:
            if line.startswith(prefix) and prefix not in facts:
                facts[prefix] = line[len(prefix) :].split(";")[0]
    note = (
        f"{NOTE} on {facts.get(FACTS[0], '?')}, commit {facts.get(FACTS[1], '?')}, "
        f"load {facts.get(FACTS[2], '?')} at its start._"
    )
    out: list[str] = []
    for part in re.split(r"(?m)^(?=## )", old):
        found = HEADING.match(part)
        if found is None or int(found[1]) in ran:
            continue
        heading, _, body = part.rstrip().partition("\n")
        body = body.strip("\n")
        kept = body if body.startswith(NOTE) else f"{note}\n\n{body}"
        out += ["", heading, "", kept]
    return out


def carried_targets(old: str, names: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """The PASS/FAIL verdicts and details of ``names`` in an earlier report's targets."""
    found: dict[str, tuple[str, str]] = {}
    for line in old.splitlines():
        for name in names:
            for verdict in ("PASS", "FAIL"):
                prefix = f"- **{verdict}**: {name} ("
                if line.startswith(prefix) and line.endswith(")") and name not in found:
                    found[name] = (verdict, line[len(prefix) : -1])
    return found
