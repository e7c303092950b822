"""glossary.yml: the schema, located diagnostics, duplicate keys, ids and spellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.diagnostics import DiagnosticError
from reader.inputs.glossary import CATEGORIES, load_glossary
from reader.text.folding import fold_key

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "glossary"

ENTRY = """\
- id: {id}
  headword: {headword}
  aliases: {aliases}
  category: concept
  tooltip: "A sentence."
  note: A note.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list:
    with pytest.raises(DiagnosticError) as caught:
        load_glossary(path, "glossary.yml")
    return list(caught.value.diagnostics)


def entry(id: str = "soft-power", headword: str = "soft power", aliases: str = "[]") -> str:
    return ENTRY.format(id=id, headword=headword, aliases=aliases)


def test_valid_fixture_loads_with_defaults_and_lines() -> None:
    glossary = load_glossary(FIXTURES / "valid.yml", "valid.yml")
    assert [e.id for e in glossary] == ["soft-power", "russian-soft-power", "rt"]
    rt = glossary.get("rt")
    assert rt is not None and rt.case_sensitive and rt.related == () and rt.bib == ""
    assert rt.keys == ("RT", "Russia Today")
    assert glossary.get("soft-power").line == 2  # type: ignore[union-attr]
    assert glossary.get("missing") is None


def test_all_problems_reported_at_once_with_places(update_goldens: bool) -> None:
    found = "\n".join(str(d) for d in errors(FIXTURES / "many-errors.yml")) + "\n"
    found = found.replace(str(FIXTURES / "many-errors.yml"), "glossary.yml")
    expected = FIXTURES / "many-errors.expected.txt"
    if update_goldens:
        expected.write_text(found, encoding="utf-8")
    assert found == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("", "G001", 0, 0),
        ("just: a mapping\n", "G001", 1, 1),
        ("- a string\n", "G001", 1, 3),
        (entry() + "  colour: red\n", "G002", 7, 3),
        (entry().replace("  note: A note.\n", ""), "G003", 1, 3),
        (entry(aliases="[1, '']"), "G004", 3, 3),
        (entry() + "  case_sensitive: yes please\n", "G004", 7, 3),
        (entry().replace("concept", "notion"), "G005", 4, 3),
        (entry(id="Soft_Power"), "G006", 1, 3),
        (entry() + entry(headword="power"), "G007", 7, 3),
        (entry() + entry(id="other", headword="x", aliases="[Soft  POWER]"), "G008", 9, 13),
        (entry(aliases="[soft power]"), "G008", 3, 13),
        (entry() + "  related: [hard-power]\n", "G009", 7, 13),
        (entry() + "  related: [soft-power]\n", "G009", 7, 13),
        (entry().replace('"A sentence."', '"No full stop"'), "G010", 5, 3),
        (entry() + "  bib: 'not a key'\n", "G011", 7, 3),
    ],
)
def test_schema_errors_are_located(
    tmp_path: Path, text: str, code: str, line: int, column: int
) -> None:
    found = errors(write(tmp_path, text))
    assert [(d.code, d.line, d.column) for d in found] == [(code, line, column)]
    assert found[0].path == "glossary.yml"
    assert found[0].hint


def test_duplicate_yaml_keys_are_refused(tmp_path: Path) -> None:
    found = errors(write(tmp_path, entry() + "  note: Again.\n"))
    assert [(d.code, d.line) for d in found] == [("Y002", 7)]
    assert "first defined at line 6" in found[0].message


def test_malformed_yaml_is_located(tmp_path: Path) -> None:
    found = errors(write(tmp_path, entry() + "  aliases: [unclosed\n"))
    assert found[0].code == "Y001" and found[0].line >= 7


def test_missing_file(tmp_path: Path) -> None:
    assert [d.code for d in errors(tmp_path / "nowhere.yml")] == ["Y004"]


def test_fold_key_ignores_case_quotes_and_spacing() -> None:
    assert fold_key("Russia’s  Soft\npower") == "russia's soft power"
    assert fold_key("“Russian World” Fund") == fold_key('"russian world" fund')
    assert fold_key("RT", case=False) == "RT"


# ----------------------------------------------------------------- the real glossary


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary.yml", "glossary.yml")


def test_project_glossary_is_valid_and_large_enough(glossary) -> None:
    assert len(glossary) >= 60
    assert {e.category for e in glossary} == set(CATEGORIES)


def test_project_glossary_bib_keys_exist_in_references(glossary) -> None:
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    missing = [e.bib for e in glossary if e.bib and "{" + e.bib + "," not in bib]
    assert not missing, f"keys not in references.bib: {missing}"


@pytest.mark.parametrize(
    ("entry_id", "spellings"),
    [
        ("rossotrudnichestvo", ["Federal Agency for CIS Affairs, Compatriots Living Abroad and"]),
        ("russkiy-mir-foundation", ["“Russian World” Fund", "'Russian World' Fund"]),
        ("eaeu", ["EAEU", "EEU", "EAEC", "Eurasian Economic Union"]),
        ("guam", ["GU(U)AM"]),
        ("joseph-nye", ["Joseph Nye", "Nye"]),
        ("riac", ["RCIA", "Russian Council on International Affairs"]),
    ],
)
def test_project_glossary_knows_the_variants(glossary, entry_id: str, spellings: list) -> None:
    keys = [fold_key(k) for k in glossary.get(entry_id).keys]
    for spelling in spellings:
        assert any(k.startswith(fold_key(spelling)) for k in keys), spelling
