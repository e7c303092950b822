"""The related-passages settings are data: ``reader/passes/related_settings.yml``, which
``make tune`` (``scripts/evaluate_related.py --write``) writes and the build reads; a file
that does not hold them stops the build with E006 at the field's line, never a traceback."""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path

import pytest

from project_copy import write_minimal_project
from reader.app.cli import main
from reader.core.diagnostics import DiagnosticError
from reader.inputs.related_settings import load_related_settings, settings_text
from reader.passes import related, related_bands
from reader.passes.related_score import Weights
from test_related import _evaluation

GOOD = settings_text(asdict(Weights()), asdict(related.Bands(0.3, 0.2, 1, True)))


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the build at a settings file of the test's own (read afresh)."""
    path = tmp_path / "related_settings.yml"
    monkeypatch.setattr(related_bands, "SETTINGS", path)
    related.forget_settings()
    yield path
    related.forget_settings()


def test_the_settings_are_read_from_the_file_the_evaluation_writes() -> None:
    weights, bands = related.configured()
    assert (weights, bands) == (related.WEIGHTS, related.BANDS)
    text = related_bands.SETTINGS.read_text(encoding="utf-8")
    assert text == settings_text(asdict(weights), asdict(bands))  # as --write writes it


@pytest.mark.parametrize(
    "bands",
    [related.Bands(0.3, 0.2, 1, True, 2, 4, 1), related.Bands(related.WITHHELD, 0.18, 1, False)],
)
def test_what_is_written_reads_back_the_same(settings: Path, bands: related.Bands) -> None:
    weights = Weights(concept=2.5, name=0.25, slope=0.75, common=5.5, fold=True, neighbour=0.35)
    settings.write_text(settings_text(asdict(weights), asdict(bands)), encoding="utf-8")
    assert related.configured() == (weights, bands)
    assert ("strong: withheld" in settings.read_text()) == (not bands.shows_strong)


@pytest.mark.parametrize(
    ("change", "line", "says"),
    [
        (("slope: 1.0", "slope: steep"), 6, "'weights.slope' must be a number"),
        (("possible: 0.2, ", ""), 7, "'bands.possible' is missing"),
        (("fold: false", "fold: false, colour: red"), 6, "unknown key 'weights.colour'"),
        (("strong: 0.3", "strong: never"), 7, "'bands.strong' must be a score, or 'withheld'"),
        (("possible: 0.2", "possible: .nan"), 7, "'bands.possible' must be a finite number"),
        (("strong: 0.3", "strong: -0.5"), 7, "'bands.strong' must be at least 0"),
        (("per_text: 1", "per_text: 0"), 7, "'bands.per_text' must be at least 1"),
        (("fold: false", "fold: 1"), 6, "'weights.fold' must be true or false"),
    ],
)
def test_a_broken_settings_file_is_a_located_e006(
    tmp_path: Path, change: tuple[str, str], line: int, says: str
) -> None:
    path = tmp_path / "related_settings.yml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(DiagnosticError) as error:
        load_related_settings(path, "related_settings.yml")
    (found,) = error.value.diagnostics
    assert (found.code, found.line, found.severity) == ("E006", line, "error")
    assert says in found.message and "make tune" in found.hint


def test_a_settings_file_that_is_not_a_mapping_is_an_e006(tmp_path: Path) -> None:
    path = tmp_path / "related_settings.yml"
    path.write_text("- weights\n- bands\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as error:
        load_related_settings(path, "related_settings.yml")
    (found,) = error.value.diagnostics
    assert (found.code, found.line) == ("E006", 1)
    assert found.message == "the settings must be a mapping of 'weights' and 'bands'"


@pytest.mark.parametrize(
    ("change", "code"),
    [(("mutual: 1", "mutual: many"), "E006"), (("bands: {", "bands: ["), "Y001")],
)
def test_the_build_stops_at_a_broken_settings_file_and_writes_nothing(
    tmp_path: Path, settings: Path, monkeypatch: pytest.MonkeyPatch, capsys, change, code
) -> None:
    settings.write_text(GOOD.replace(*change, 1), encoding="utf-8")
    project = write_minimal_project(tmp_path / "project")
    monkeypatch.chdir(project)
    assert main(["--root", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "related_settings.yml:7:" in err and f"{code} error" in err
    assert "Traceback" not in err
    assert not (project / "docs" / "texts").exists()
    settings.write_text(GOOD, encoding="utf-8")
    related.forget_settings()
    assert main(["--root", str(project), "build"]) == 0


def test_tune_writes_the_file_the_build_reads(settings: Path) -> None:
    evaluation = _evaluation()
    bands = replace(related.Bands(0.3, 0.2, 1, True), top_k=2)
    evaluation.write_settings(Weights(slope=0.5), bands)
    assert related.configured() == (Weights(slope=0.5), bands)
    assert bands == related.BANDS
