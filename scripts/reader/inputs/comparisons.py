"""Comparison pages as declared: ``comparisons.yml``, read and checked.

``comparisons.yml`` declares only which concepts get a page (a glossary id each), an
optional title and a one-sentence introduction, and optionally ``also`` (more glossary
ids), ``with`` (passages where one of these entries occurs too) and ``page`` (the file
name), declared once in :class:`ComparisonEntry`. Problems go to a report (codes
V001–V005); :mod:`reader.emit.comparisons` renders
the pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.inputs.annotations import Declared, load_all
from reader.inputs.schema import Problem, check, description, kind_of
from reader.inputs.yamlio import load_yaml, position_of

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NONEMPTY = StringConstraints(strip_whitespace=True, min_length=1)


class ComparisonEntry(BaseModel):
    """One ``- id: …`` of comparisons.yml."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: Annotated[str, _NONEMPTY] = Field(description="the glossary id of the concept")
    title: str = Field("", description="the page's title (else the entry's headword)")
    intro: Annotated[str, _NONEMPTY] = Field(description="one sentence of introduction")
    also: list[str] = Field([], description="more glossary ids on the same page")
    with_: list[str] = Field(
        [], alias="with", description="only passages where one of these entries occurs too"
    )
    page: str = Field("", description="the file name under docs/compare/ if not the id")


#: The keys an entry may have, as comparisons.yml spells them.
KEYS = {info.alias or name for name, info in ComparisonEntry.model_fields.items()}


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
        entry, found = check(ComparisonEntry, item, _describe(display, line))
        report.extend(found)
        if entry is None:
            continue
        for concept in (entry.id, *entry.also, *entry.with_):
            if glossary_ids is not None and concept not in glossary_ids:
                report.error(
                    "V004",
                    f"unknown glossary id '{concept}'",
                    display,
                    line,
                    hint="use an id of glossary.yml",
                )
        if entry.page and not ID_RE.match(entry.page):
            report.error("V003", f"bad page name '{entry.page}'", display, line)
        intro = " ".join(entry.intro.split())
        also, with_ = tuple(entry.also), tuple(entry.with_)
        out.append(Comparison(entry.id, entry.title, intro, also, with_, entry.page, line))
    return tuple(out)


def _describe(display: str, line: int) -> Callable[[Problem], Diagnostic]:
    """V002 for a missing or empty id or intro, or an entry that is no mapping; V003 for
    an unknown key; V005 for a value of the wrong type."""

    def describe(problem: Problem) -> Diagnostic:
        at = problem.position.line or line
        if problem.kind == "extra_forbidden":
            return Diagnostic(
                "V003",
                f"unknown key '{problem.field}'",
                display,
                at,
                problem.position.column,
                hint="known: " + ", ".join(sorted(KEYS)),
            )
        if problem.field in ("id", "intro", "") or problem.kind == "model_type":
            return Diagnostic(
                "V002", "each concept needs an 'id' (a glossary id) and an 'intro'", display, line
            )
        return Diagnostic(
            "V005",
            f"'{problem.field}' must be {problem.expected or 'a value'}, not "
            f"{kind_of(problem.value)}",
            display,
            at,
            problem.position.column,
            hint=description(ComparisonEntry, problem.field.replace("with", "with_")),
        )

    return describe


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
