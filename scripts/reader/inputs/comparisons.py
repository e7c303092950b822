"""Comparison pages as declared: ``comparisons.yml``, read and checked.

``comparisons.yml`` declares only which concepts get a page (a glossary id each), an
optional title and a one-sentence introduction, and optionally ``also`` (more glossary
ids), ``with`` (passages where one of these entries occurs too) and ``page`` (the file
name). Problems go to a report (codes V001–V004); :mod:`reader.emit.comparisons` renders
the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.diagnostics import DiagnosticError, Report
from reader.inputs.annotations import Declared, load_all
from reader.inputs.yamlio import load_yaml, position_of

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"id", "title", "intro", "also", "with", "page"}


@dataclass(frozen=True)
class Comparison:
    """One comparison page as declared."""

    id: str
    title: str
    intro: str
    also: tuple[str, ...] = ()
    with_: tuple[str, ...] = ()
    page: str = ""
    line: int = 0

    @property
    def entries(self) -> tuple[str, ...]:
        """The glossary ids whose occurrences the page gathers."""
        return (self.id, *self.also)

    @property
    def path(self) -> str:
        """The page's path under docs/."""
        return f"compare/{self.page or self.id}.md"


def load_comparisons(
    path: Path, display: str, glossary_ids: set[str] | None, report: Report
) -> tuple[Comparison, ...]:
    """Read and check ``comparisons.yml``; problems go to ``report`` (codes V001–V004)."""
    data = load_yaml(path, display)
    if not isinstance(data, list):
        report.error("V001", "comparisons.yml must be a list of concepts", display, 1)
        return ()
    out = []
    for index, item in enumerate(data):
        line = position_of(data, index).line
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k].strip() for k in ("id", "intro")
        ):
            report.error(
                "V002",
                "each concept needs an 'id' (a glossary id) and an 'intro'",
                display,
                line,
            )
            continue
        for key in item:
            if key not in KEYS:
                report.error(
                    "V003",
                    f"unknown key '{key}'",
                    display,
                    position_of(item, key).line,
                    hint="known: " + ", ".join(KEYS),
                )
        ids = [item["id"], *item.get("also", []), *item.get("with", [])]
        for entry in ids:
            if glossary_ids is not None and entry not in glossary_ids:
                report.error(
                    "V004",
                    f"unknown glossary id '{entry}'",
                    display,
                    line,
                    hint="use an id of glossary.yml",
                )
        page = str(item.get("page", ""))
        if page and not ID_RE.match(page):
            report.error("V003", f"bad page name '{page}'", display, line)
        out.append(
            Comparison(
                item["id"],
                str(item.get("title", "")),
                " ".join(item["intro"].split()),
                tuple(item.get("also", [])),
                tuple(item.get("with", [])),
                page,
                line,
            )
        )
    return tuple(out)


def load_crosslink_inputs(
    root: Path, glossary_ids: set[str] | None, slugs: list[str], report: Report
) -> tuple[list[Declared], tuple[Comparison, ...] | None]:
    """Every ``sources/<slug>/annotations.yml`` and ``comparisons.yml`` (None when there
    is none); problems go to ``report``."""
    annotations = load_all(root, slugs, report)
    comparisons = None
    path = root / "comparisons.yml"
    if path.exists():
        try:
            comparisons = load_comparisons(path, "comparisons.yml", glossary_ids, report)
        except DiagnosticError as error:
            report.extend(error.diagnostics)
    return annotations, comparisons
