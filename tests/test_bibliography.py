"""The shared bibliography: references.bib, its validation and its CSL formatting."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pybtex.database
import pytest

from reader.core.diagnostics import DiagnosticError
from reader.inputs.bibliography import (
    export_bibtex,
    export_csl_json,
    load_bibliography,
    parse_bibliography,
)
from reader.inputs.citations import load_declarations
from reader.inputs.csl import parse_name
from reader.inputs.latex import lost_words
from reader.inputs.yamlio import load_yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "bib"
REFERENCES = ROOT / "references.bib"


@pytest.fixture(scope="module")
def bib():
    return load_bibliography(REFERENCES, "references.bib")


@pytest.fixture(scope="module")
def small():
    return load_bibliography(FIXTURES / "good.bib", "good.bib")


# ------------------------------------------------------------------- references.bib


def test_references_parse_with_both_parsers(bib):
    library = bibtexparser.parse_file(str(REFERENCES))
    other = pybtex.database.parse_file(str(REFERENCES), bib_format="bibtex")
    assert not library.failed_blocks
    keys = {e.key for e in library.entries}
    assert keys == set(other.entries.keys()) == set(bib)
    assert len(keys) >= 60


def test_the_five_texts_are_complete(bib):
    for key in (
        "kosachev2012",
        "makarychev2011",
        "bezrukov2018",
        "gussarova2017",
        "alipourgorji2024",
    ):
        fields = bib.entry(key).field_map
        assert fields.get("title") and (fields.get("author") or fields.get("editor")), key
    assert bib.entry("makarychev2011").field_map["number"] == "10"
    assert bib.entry("alipourgorji2024").field_map["pages"] == "31--34"


@pytest.mark.parametrize(
    "meta", sorted(ROOT.glob("sources/*/meta.yml")), ids=lambda p: p.parent.name
)
def test_every_meta_bib_key_exists(bib, meta):
    assert load_yaml(meta)["bib_key"] in bib


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("sources/*/citations.yml")), ids=lambda p: p.parent.name
)
def test_every_declared_key_exists(bib, path):
    declared = load_declarations(path, str(path))
    assert declared
    assert [d.key for d in declared if d.key not in bib] == []


def test_cyrillic_entries_carry_langid(bib):
    for key in bib:
        fields = bib.entry(key).field_map
        if any("\u0400" <= c <= "\u04ff" for c in fields.get("title", "")):
            assert fields.get("langid") == "russian", key


# ------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("name", "code", "line"),
    [
        ("unclosed", "B002", 8),
        ("duplicate", "B003", 8),
        ("missing-field", "B004", 9),
        ("bad-date", "B007", 4),
    ],
)
def test_broken_files_stop_with_code_and_line(name, code, line):
    with pytest.raises(DiagnosticError) as caught:
        load_bibliography(FIXTURES / f"{name}.bib", f"{name}.bib")
    found = [(d.code, d.line, d.path) for d in caught.value.diagnostics]
    assert (code, line, f"{name}.bib") in found


def test_missing_file_is_a_diagnostic(tmp_path):
    with pytest.raises(DiagnosticError) as caught:
        load_bibliography(tmp_path / "nothing.bib", "nothing.bib")
    assert caught.value.diagnostics[0].code == "B001"


def test_uppercase_keys_and_unknown_types_are_refused():
    text = (
        "@book{Nye2004,\n author={A, B}, title={T}, publisher={P}, year={2004}}\n"
        "@weird{x2000a,\n title={T}}\n"
    )
    with pytest.raises(DiagnosticError) as caught:
        parse_bibliography(text, "x.bib")
    assert {(d.code, d.line) for d in caught.value.diagnostics} == {("B006", 1), ("B005", 3)}


# ---------------------------------------------------------------------- CSL formatting


def test_chicago_book(small):
    assert small.format_reference_text("nye2004soft") == (
        "Nye, Joseph S., Jr. 2004. Soft Power: The Means to Success in World Politics. "
        "PublicAffairs."
    )
    assert small.format_reference("nye2004soft") == (
        "Nye, Joseph S., Jr. 2004. <i>Soft Power: The Means to Success in World Politics</i>. "
        "PublicAffairs."
    )


def test_chicago_article(small):
    assert small.format_reference_text("nye1990soft") == (
        "Nye, Joseph S., Jr. 1990. “Soft Power”. Foreign Policy, no. 80: 153–71."
    )


def test_apa_book_and_article(small):
    assert small.format_reference_text("nye2004soft", "apa") == (
        "Nye, J. S., Jr. (2004). Soft Power: The Means to Success in World Politics. PublicAffairs."
    )
    assert small.format_reference("nye1990soft", "apa") == (
        "Nye, J. S., Jr. (1990). Soft Power. <i>Foreign Policy</i>, (80), 153–171."
    )


def test_short_labels(small, bib):
    assert small.short_label("nye2004soft") == "Nye 2004"
    assert small.short_label("abc2016page") == "Ernst & Young 2016"
    assert bib.short_label("alipourgorji2024") == "Alipour Gorji and Seifi 2024"
    assert bib.short_label("gussarova2017") == "Gussarova 2017"


def test_bibliography_is_sorted_by_the_style(small):
    assert [key for key, _ in small.format_bibliography()] == [
        "abc2016page",
        "nye1990soft",
        "nye2004soft",
    ]


def test_html_in_fields_is_escaped():
    bib = load_bibliography(FIXTURES / "html.bib", "html.bib")
    out = bib.format_reference("evil2020html")
    assert "<script>" not in out and "<b>" not in out and "<i>Press" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "A &amp; B &lt;i&gt;Press&lt;/i&gt;" in out
    assert out.count("<i>") == 1  # the title's italics, from the style


def test_urls_become_links(small):
    out = small.format_reference("abc2016page")
    assert '<a href="http://www.example.org/page/">http://www.example.org/page/</a>' in out


def test_unknown_style_is_refused(small):
    with pytest.raises(ValueError, match="no-such-style"):
        small.format_reference("nye2004soft", "no-such-style")


def test_csl_json_conversion(small):
    items = {item["id"]: item for item in small.to_csl_json()}
    page = items["abc2016page"]
    assert page["type"] == "webpage"
    assert page["author"] == [{"literal": "Ernst & Young"}]
    assert page["issued"] == {"date-parts": [[2016, 2, 23]]}
    assert page["accessed"] == {"date-parts": [[2017, 3, 1]]}
    assert page["language"] == "ru"
    assert page["title"] == (
        'A Page about the <span class="nocase">EU</span> and <span class="nocase">NATO</span>'
    )
    assert items["nye2004soft"]["author"] == [
        {"family": "Nye", "given": "Joseph S.", "suffix": "Jr."}
    ]
    assert items["nye1990soft"]["page"] == "153–171"
    assert json.loads(export_csl_json(small)) == small.to_csl_json()


# ------------------------------------------------------------------------ round trips


def parse_ris(text: str) -> dict[str, list[str]]:
    record: dict[str, list[str]] = {}
    for line in text.splitlines():
        tag, _, value = line.partition("  - ")
        record.setdefault(tag, []).append(value)
    return record


def test_ris_record(bib):
    record = parse_ris(bib.entry_ris("alipourgorji2024"))
    assert record["TY"] == ["JOUR"]
    assert record["AU"] == ["Alipour Gorji, Mahmood", "Seifi, Abdolmajid"]
    assert record["TI"] == [bib.entry("alipourgorji2024").field_map["title"]]
    assert (record["VL"], record["IS"], record["SP"], record["EP"]) == (
        ["6"],
        ["2"],
        ["31"],
        ["34"],
    )
    assert record["PY"] == ["2024"] and record["ER"] == [""]


def test_ris_of_every_entry_has_type_title_and_end(bib):
    for key in bib:
        record = parse_ris(bib.entry_ris(key))
        assert record["TY"] and record["TI"] and "ER" in record, key


def test_bibtex_round_trip(bib):
    again = parse_bibliography(export_bibtex(bib), "export.bib")
    assert again.to_csl_json() == bib.to_csl_json()
    other = pybtex.database.parse_string(bib.entry_bibtex("ey2012rapid"), "bibtex")
    assert other.entries["ey2012rapid"].fields["title"] == "Rapid-Growth Markets Soft Power Index"


def test_latex_in_fields_is_shown_as_unicode() -> None:
    """bibtexparser's LaTeX decoding: accents and escapes become the characters they
    stand for wherever the entry is shown; braces still protect case; a URL is kept."""
    bib = parse_bibliography(
        r"""@article{m2011,
  author = {Makarych\'ev, Andrey and M\"{u}ller, J\"urgen},
  title = {Soft Power, the {EU} \& {NATO}},
  journal = {Journal of Tests},
  year = {2011},
  url = {http://example.org/a%20b\_c},
}
""",
        "references.bib",
    )
    text = bib.format_reference_text("m2011")
    assert "Makarychév, Andrey" in text and "Müller" in text and "EU & NATO" in text
    assert "\\" not in text.replace(r"a%20b\_c", "")
    assert dict(bib.entry("m2011").fields)["url"] == r"http://example.org/a%20b\_c"


@pytest.mark.parametrize(
    ("name", "csl"),
    [
        ("Jan van der Berg", {"family": "van der Berg", "given": "Jan"}),
        ("van der Berg, Jan", {"family": "van der Berg", "given": "Jan"}),
        ("Nye, Jr., Joseph S.", {"family": "Nye", "given": "Joseph S.", "suffix": "Jr."}),
        ("Alipour Gorji, Mahmood", {"family": "Alipour Gorji", "given": "Mahmood"}),
        ("{Ernst & Young}", {"literal": "Ernst & Young"}),
    ],
)
def test_names_are_split_by_bibtexparser(name: str, csl: dict[str, str]) -> None:
    """Names are split by bibtexparser's name middleware (BibTeX's rules, 'von' parts
    included), not by our own."""
    assert parse_name(name) == csl


@pytest.mark.parametrize(
    ("raw", "shown", "lost"),
    [
        ("Makarych\\'ev", "Makarychév", ()),  # an accent command: its letters are there
        ("\\textit{Soft} Power \\& Stra\\ss e", "Soft Power & Straße", ()),
        ("{\\o}re 50\\% more", "øre 50% more", ()),
        ("Soft \\input{secret} Power", "Soft  Power", ("secret",)),
        ("Caf\\'e 50% of Russians", "Café 50", ("of", "Russians")),  # % starts a comment
        ("Power Soft", "Soft Power", ("Soft",)),  # in order: a word moved is a word lost
    ],
)
def test_lost_words_are_the_latex_words_the_decoded_value_lacks(
    raw: str, shown: str, lost: tuple[str, ...]
) -> None:
    assert lost_words(raw, shown) == lost
