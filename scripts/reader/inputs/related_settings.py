"""The related-passages method's settings: ``reader/passes/related_settings.yml``.

``make tune`` (``scripts/evaluate_related.py --write``) chooses the weights of the score
and where each confidence band starts on the development half of the gold list, and
writes them here as data, so that a batch of editors' links or a new text that moves the
choice asks for a command, not an edit of code. :mod:`reader.passes.related` reads the
file; a file that does not hold what it should stops the build with ``E006`` at the line
of the field (the file is part of the package, so the build record fingerprints it).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from reader.core.diagnostics import Diagnostic, DiagnosticError
from reader.inputs.schema import Problem, description, problems
from reader.inputs.yamlio import load_yaml

CODE = "E006"
#: The strong band's threshold when no computed link is to be shown by default.
WITHHELD = "withheld"
HEADER = """\
# The related-passages method's settings, chosen on the development half of
# scripts/evaluation/related-gold.yml by `make tune` (scripts/evaluate_related.py --write),
# which rewrites this file; `make evaluate` reports them on the test half and the blind list.
# bands.strong is "withheld" when no setting reaches the target precision on development:
# then no computed link is shown by default.
"""


#: A weight or a threshold: a finite number, not negative (NaN would pass every test of a
#: score against it and link everything).
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0)]
Flag = Annotated[bool, Field(strict=True)]  # true or false, not 1 or 'yes'


class WeightsEntry(BaseModel):
    """``weights:`` the tunable parts of the score (``reader.passes.related_score.Weights``)."""

    model_config = ConfigDict(extra="forbid")
    concept: Amount = Field(description="a concept feature against a word stem")
    name: Amount = Field(description="a person or place, as a share of 'concept'")
    slope: Amount = Field(description="pivoted length normalisation (1.0 = cosine)")
    common: Amount = Field(description="words this frequent in English (Zipf) are left out")
    fold: Flag = Field(description="every annotated term counts through its id only")
    neighbour: Amount = Field(description="a related glossary entry, as a share")
    asked: Flag = Field(True, description="a question's words count with its answer's")


class BandsEntry(BaseModel):
    """``bands:`` where each confidence band starts (``reader.passes.related.Bands``)."""

    model_config = ConfigDict(extra="forbid")
    strong: Amount | Literal["withheld"] = Field(description="a score, or 'withheld'")
    possible: Amount = Field(description="the score the possible band starts at")
    mutual: Count = Field(description="strong links need partners this close to best")
    concept: Flag = Field(description="strong links need a shared concept")
    top_k: Count = Field(3, description="strong links a unit keeps")
    more_k: Count = Field(3, description="possible links a unit keeps")
    per_text: int = Field(1, ge=1, description="links a unit keeps into any one text")


class RelatedSettings(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid")
    weights: WeightsEntry
    bands: BandsEntry


def load_related_settings(path: Path, display: str) -> RelatedSettings:
    """Read and validate the settings file; DiagnosticError (E006, at the field's line)
    if it is unreadable or does not hold what it should."""
    data = load_yaml(path, display)
    # one finding a field (a union of types gives one problem per member, named in loc[2:])
    first = {p.loc[:2]: p for p in reversed(list(problems(RelatedSettings, data)))}
    found = sorted((_finding(p, display) for p in first.values()), key=lambda d: (d.line, d.column))
    if found:
        raise DiagnosticError(found)
    return RelatedSettings.model_validate(data)


def settings_text(weights: Mapping[str, object], bands: Mapping[str, object]) -> str:
    """The file's text for these settings (the order of the fields as declared)."""

    def line(name: str, values: Mapping[str, object], model: type[BaseModel]) -> str:
        fields = ", ".join(f"{key}: {_value(values[key])}" for key in model.model_fields)
        return f"{name}: {{{fields}}}\n"

    return HEADER + line("weights", weights, WeightsEntry) + line("bands", bands, BandsEntry)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value == float("inf"):
        return WITHHELD
    return repr(value)


#: What a field of each type must be, in an editor's words.
EXPECTED = {float: "a number", int: "a whole number", bool: "true or false"}
#: pydantic's errors of a value of the right type out of its range, in an editor's words.
BOUNDS = {"greater_than_equal": "at least {ge:g}", "finite_number": "a finite number"}


def _expected(loc: tuple[str | int, ...]) -> str:
    """What the field at ``loc`` must be ('' where it is not a field of the two parts)."""
    parts = {"weights": WeightsEntry, "bands": BandsEntry}
    if len(loc) != 2 or loc[0] not in parts:
        return ""
    model, name = parts[str(loc[0])], str(loc[1])
    annotation = model.model_fields[name].annotation if name in model.model_fields else None
    return EXPECTED.get(annotation, "") or description(model, name)


def _finding(problem: Problem, display: str) -> Diagnostic:
    where = ".".join(str(part) for part in problem.loc[:2])
    if not where:
        message = "the settings must be a mapping of 'weights' and 'bands'"
    elif problem.kind == "missing":
        message = f"'{where}' is missing"
    elif problem.kind == "extra_forbidden":
        message = f"unknown key '{where}'"
    elif problem.kind in BOUNDS:
        message = f"'{where}' must be " + BOUNDS[problem.kind].format(**problem.context)
    else:
        message = f"'{where}' must be {_expected(problem.loc[:2]) or problem.message}"
    return Diagnostic(
        CODE,
        message,
        display,
        problem.position.line,
        problem.position.column,
        hint="run `make tune` to write the file again from the development half",
    )
