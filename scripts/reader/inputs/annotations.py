"""Editorial annotations: ``sources/<slug>/annotations.yml``, read and validated.

Each item is a note the editors wrote, anchored in the text by quotation (``exact``, and
optionally ``prefix`` and ``suffix``); kinds ``note``, ``xref`` (with a ``target`` in
another text) and ``disagrees``. Problems go to a report with the ``file:line`` of the
item (codes A001–A006, A014; A016 warns of a hyphen a line break folded into "non- Western");
the fields are declared once in :class:`AnnotationEntry`. :mod:`reader.passes.annotations`
finds the quoted places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from reader.core.diagnostics import Diagnostic, DiagnosticError, Report
from reader.inputs.schema import Problem
from reader.inputs.schema import problems as schema_problems
from reader.inputs.yamlio import load_yaml_list, position_of
from reader.text.quotes import Quote

KINDS: dict[str, str] = {"note": "note", "xref": "see also", "disagrees": "disagrees"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SELECTOR_KEYS = ("exact", "prefix", "suffix")
# A letter, a hyphen and a space before a word: what YAML makes of "non-" at the end of a
# line of a note. A suspended hyphen ("oil- and gas-fired") is followed by a conjunction.
FOLDED_HYPHEN_RE = re.compile(r"\b[^\W\d_]+- (?!(?:and|or|nor|to|as|versus|vs)\b)\w+")
_TEXT = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


class TargetEntry(BaseModel):
    """``target: {text, exact, prefix, suffix}``: the passage of another text."""

    model_config = ConfigDict(extra="forbid", strict=True)
    text: str = Field(description="the other text's slug")
    exact: _TEXT = Field(description="the words of the passage")
    prefix: str = Field("", description="the words just before, if 'exact' is not unique")
    suffix: str = Field("", description="the words just after, if 'exact' is not unique")


class AnnotationEntry(BaseModel):
    """One ``- id: …`` of annotations.yml."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: _TEXT = Field(description="lower-case words joined by hyphens, unique in the file")
    kind: _TEXT = Field(description="one of " + ", ".join(KINDS))
    body: _TEXT = Field(description="the editors' note")
    exact: _TEXT = Field(description="the words of the passage the note is on")
    prefix: str = Field("", description="the words just before, if 'exact' is not unique")
    suffix: str = Field("", description="the words just after, if 'exact' is not unique")
    target: TargetEntry | None = Field(None, description="for xref: the passage elsewhere")
    concepts: list[str] = Field([], description="glossary ids the note is about")


KEYS = set(AnnotationEntry.model_fields)


@dataclass(frozen=True)
class Declared:
    """One annotation as declared in ``annotations.yml`` (with the line of its item)."""

    slug: str
    id: str
    kind: str
    body: str
    quote: Quote
    target_slug: str = ""
    target: Quote | None = None
    concepts: tuple[str, ...] = ()
    path: str = ""
    line: int = 0
    target_line: int = 0
    exact_line: int = 0  # the line of 'exact', where an anchor that fails is reported
    body_line: int = 0


def load_annotations(path: Path, display: str, slug: str) -> tuple[Declared, ...]:
    """Read and validate one ``annotations.yml``; raise DiagnosticError on any problem."""
    message = "annotations.yml must be a list of annotations"
    data = load_yaml_list(path, display, "A001", message, "start each annotation with '- id: …'")
    report = Report()
    out: list[Declared] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data):
        line = position_of(data, index).line
        declared = _declared(item, slug, display, line, report)
        if declared is None:
            continue
        if declared.id in seen:
            report.error(
                "A006",
                f"duplicate annotation id '{declared.id}' (first at line {seen[declared.id]})",
                display,
                line,
                hint="ids must be unique",
            )
            continue
        seen[declared.id] = line
        out.append(declared)
    report.raise_if_errors()
    return tuple(out)


def load_all(root: Path, slugs: list[str], report: Report) -> list[Declared]:
    """The declarations of every ``sources/<slug>/annotations.yml`` that exists; problems
    (and the A016 warnings of the files that load) go to ``report``."""
    out: list[Declared] = []
    for slug in slugs:
        path = root / "sources" / slug / "annotations.yml"
        if path.exists():
            try:
                declared = load_annotations(path, f"sources/{slug}/annotations.yml", slug)
            except DiagnosticError as error:
                report.extend(error.diagnostics)
                continue
            out.extend(declared)
            report.extend(w for d in declared for w in folded_hyphens(d))
    return out


def _declared(item: Any, slug: str, display: str, line: int, report: Report) -> Declared | None:
    if not isinstance(item, dict):
        report.error("A002", "each annotation must be a mapping", display, line)
        return None
    findings = [_finding(p, display, line) for p in schema_problems(AnnotationEntry, item)]
    report.extend(findings)
    if any(f.code != "A003" for f in findings):  # an unknown key alone loses nothing
        return None
    if not ID_RE.match(item["id"]):
        report.error(
            "A004",
            f"bad id '{item['id']}'",
            display,
            position_of(item, "id").line,
            hint="lower-case words joined by hyphens",
        )
    if item["kind"] not in KINDS:
        report.error(
            "A005",
            f"unknown kind '{item['kind']}'",
            display,
            position_of(item, "kind").line,
            hint="one of " + ", ".join(KINDS),
        )
        return None
    target_slug, target, target_line = "", None, 0
    if "target" in item:
        raw = item["target"]
        target_line = position_of(item, "target").line
        target_slug, target = raw["text"], _quote(raw)
    elif item["kind"] == "xref":
        report.error(
            "A014",
            "a 'see also' (xref) annotation needs a target",
            display,
            line,
            hint="add target: {text: <slug>, exact: <words of the passage>}",
        )
        return None
    concepts = item.get("concepts", [])
    return Declared(
        slug,
        item["id"],
        item["kind"],
        " ".join(item["body"].split()),
        _quote(item),
        target_slug,
        target,
        tuple(concepts),
        display,
        line,
        target_line,
        position_of(item, "exact").line,
        position_of(item, "body").line,
    )


def folded_hyphens(declared: Declared) -> list[Diagnostic]:
    """A016 warnings: a word of the note that ends in a hyphen and a space ("non- Western"),
    which is what a line break after a hyphen becomes in YAML."""
    return [
        Diagnostic(
            "A016",
            f"'{match.group()}' in the note of '{declared.id}' has a space after its hyphen",
            declared.path,
            declared.body_line,
            hint="a line break after a hyphen folds into a space in YAML: keep the word on "
            "one line (a suspended hyphen, 'oil- and gas-fired', is not flagged)",
            severity="warning",
        )
        for match in FOLDED_HYPHEN_RE.finditer(declared.body)
    ]


def _finding(problem: Problem, display: str, line: int) -> Diagnostic:
    """A003 for an unknown key; A004 for a field that is missing, empty or of the wrong
    type (in the words each field's findings have always had)."""
    key, top = problem.field, str(problem.loc[0]) if problem.loc else ""
    if problem.kind == "extra_forbidden" and top != "target":
        known = "known keys: " + ", ".join(sorted(KEYS))
        return Diagnostic(
            "A003", f"unknown key '{key}'", display, problem.position.line, hint=known
        )
    if top == "target":
        return Diagnostic(
            "A004", "'target' needs 'text' (a slug) and 'exact'", display, problem.position.line
        )
    if top == "concepts":
        return Diagnostic("A004", "'concepts' must be a list of glossary ids", display, line)
    if key in ("id", "kind", "body", "exact"):
        return Diagnostic("A004", f"'{key}' is required and must be non-empty text", display, line)
    return Diagnostic("A004", f"'{key}' must be {problem.expected or 'text'}", display, line)


def _quote(raw: dict) -> Quote:
    return Quote(*(str(raw.get(key) or "") for key in SELECTOR_KEYS))
