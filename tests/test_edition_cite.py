"""Citations of the edition and of every reference: real CSL styles through citeproc-py.

- A paragraph is cited as a part of the edition: the source text, then "in Soft Power
  Reader, version …, ed. …", the paragraph, an access date and the public URL, in
  Chicago (notes), APA and MLA, and as BibTeX, RIS and CSL-JSON.
- No style doubles punctuation for any entry of references.bib (``Granted?.``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import bibtexparser
import pytest

from reader.emit import edition_cite
from reader.inputs import csl_render as csl
from reader.inputs.bibliography import load_bibliography
from reader.inputs.mkdocs_config import load_site_info

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = "https://soft-power-reader.github.io/reader/texts/kosachev-2012/"
#: Every style the edition renders: the texts' and the bibliography's, and the paragraphs'.
ALL_STYLES = tuple(
    dict.fromkeys(["chicago-author-date", "apa", *(n for n, _ in edition_cite.STYLES.values())])
)
#: Punctuation doubled by a style: "?." "!." ".." (not an ellipsis), ". ." ",," ", ." ";,"
#: (an abbreviation's period before a comma, "Jr.,", is right).
DOUBLED = re.compile(r"(?<!\.)[?!.]\.(?!\.)|\.\s+\.|[,;:]\s*[,;:.]")


@pytest.fixture(scope="module")
def bib() -> Any:
    return load_bibliography(ROOT / "references.bib", "references.bib")


@pytest.fixture(scope="module")
def kosachev(bib: Any) -> dict[str, Any]:
    """The paragraph citations of Kosachev 2012, as the page's cite data carries them."""
    site = load_site_info(ROOT / "mkdocs.yml")
    item = next(i for i in bib.to_csl_json() if i["id"] == "kosachev2012")
    meta = type("Meta", (), {"bib_key": "kosachev2012", "title": "x"})
    part = edition_cite.paragraph_item(meta, item, site.page_url("kosachev-2012"), site.edition)
    return {"site": site, **edition_cite.paragraph_citations(part)}


def fill(entry: dict[str, Any], number: int, date: tuple[int, int, int]) -> str:
    """What cite.js makes of a template (written out here, not shared with it)."""
    year, month, day = date
    text = entry["text"].replace("{n}", str(number)).replace("{yyyy}", str(year))
    return text.replace("{d}", str(day)).replace("{month}", entry["months"][month - 1])


def test_chicago_note_names_the_text_then_the_edition(kosachev: dict[str, Any]) -> None:
    version = kosachev["site"].edition.current.number
    note = fill(kosachev["chicago"], 6, (2027, 3, 9))
    assert note.startswith("Konstantin Kosachev, “The Specifics of Russian Soft Power”, in ")
    assert f"in Soft Power Reader, version {version}, ed. Soft Power Reader editors" in note
    assert ", para. 6, accessed March 9, 2027, " in note
    assert note.endswith(f"{PUBLIC}#p6.")


def test_apa_and_mla_give_the_version_the_access_date_and_the_url(
    kosachev: dict[str, Any],
) -> None:
    version = kosachev["site"].edition.current.number
    apa = fill(kosachev["apa"], 6, (2027, 3, 9))
    assert f"Soft Power Reader (Version {version})" in apa
    assert f"Retrieved March 9, 2027, from {PUBLIC}#p6" in apa
    assert "(Original work published 2012)" in apa
    assert kosachev["apa"]["cite"] == "(Kosachev, 2012/2026, para. {n})"
    mla = fill(kosachev["mla"], 6, (2027, 9, 9))
    assert f"{PUBLIC}#p6. Accessed 9 Sept. 2027." in mla
    assert "par. {n}" in kosachev["mla"]["cite"]


def test_the_paragraph_exports_carry_the_edition(kosachev: dict[str, Any], bib: Any) -> None:
    """BibTeX (biblatex) that bibtexparser reads back, RIS, CSL-JSON, all of paragraph n."""
    site = kosachev["site"]
    item = next(i for i in bib.to_csl_json() if i["id"] == "kosachev2012")
    meta = type("Meta", (), {"bib_key": "kosachev2012", "title": "x"})
    part = edition_cite.paragraph_item(meta, item, site.page_url("kosachev-2012"), site.edition)
    out = edition_cite.paragraph_exports(part)
    bibtex = out["bibtex"].replace("{n}", "6").replace("{yyyy}-{mm}-{dd}", "2027-03-09")
    entry = bibtexparser.parse_string(bibtex).entries[0]
    assert entry.key == "kosachev2012-p6" and entry.entry_type == "incollection"
    assert entry["booktitle"] == "Soft Power Reader" and entry["url"] == f"{PUBLIC}#p6"
    assert entry["urldate"] == "2027-03-09" and entry["version"] == site.edition.current.number
    assert "TY  - CHAP" in out["ris"] and "Y2  - {yyyy}/{mm}/{dd}/" in out["ris"]
    assert out["csl"]["container-title"] == "Soft Power Reader"
    assert out["csl"]["URL"] == PUBLIC + "#p{n}" and "accessed" not in out["csl"]


def test_every_style_prints_the_access_date() -> None:
    """The access-date adaptation: each style's sentinel date is found and tokenised."""
    for name, _ in edition_cite.STYLES.values():
        printed, pattern, months = edition_cite.date_format(name)
        assert "1987" in printed and "{yyyy}" in pattern and "{month}" in pattern
        assert len(set(months)) == 12


@pytest.mark.slow  # citeproc-py takes 5–20 s a style for the whole bibliography
@pytest.mark.parametrize("style", ALL_STYLES)
def test_no_style_doubles_punctuation(bib: Any, style: str) -> None:
    """Every entry of references.bib, rendered by citeproc-py in every style the edition
    uses, has no doubled punctuation such as ``Taken for Granted?.``."""
    items = bib.to_csl_json()
    loaded = edition_cite.edition_style(style)
    entries, cites = csl.render(items, loaded)
    found = []
    for key, text in [*entries, *cites.items()]:
        plain = csl.marked_to_text(text)
        for match in DOUBLED.finditer(plain):
            found.append(f"{key}: …{plain[max(0, match.start() - 30) : match.end() + 5]}…")
    assert not found, "\n".join(found)
    assert len(entries) == len(items)


def test_collapse_catches_what_citeproc_py_doubles(bib: Any) -> None:
    """The check above can fail: without collapsing, Gussarova 2017 reads `Granted?.`."""
    items = [i for i in bib.to_csl_json() if i["id"] == "gussarova2017"]
    raw = csl.CitationStylesBibliography(
        csl.load_style("chicago-author-date"), csl.CiteProcJSON(items), csl.MARKED
    )
    raw.register(csl.Citation([csl.CitationItem("gussarova2017")]))
    assert "Granted?." in csl.marked_to_text(str(raw.bibliography()[0]))
