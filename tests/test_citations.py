"""The citation pass: declared and detected citations become annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.diagnostics import DiagnosticError
from reader.core.meta import Meta
from reader.core.model import (
    Annotation,
    Document,
    Emphasis,
    Footnote,
    FootnoteRef,
    Link,
    Paragraph,
    Span,
    Text,
    plain_text,
    walk_inlines,
)
from reader.emit.bibliography_page import render_bibliography_page
from reader.inputs.bibliography import load_bibliography
from reader.inputs.citations import DeclaredCitation, load_declarations
from reader.passes.citations import annotate_citations
from reader.passes.cited_works import detect_works

ROOT = Path(__file__).resolve().parents[1]
META = Meta(
    slug="doe-2017",
    title="T",
    authors=(),
    date="2017",
    venue="",
    genre="report",
    bib_key="nye2004soft",
    language="en",
    rights="",
    provenance="",
    profile="report",
)


@pytest.fixture(scope="module")
def bib():
    return load_bibliography(ROOT / "references.bib", "references.bib")


def para(*inlines, anchor="p1"):
    return Paragraph(tuple(inlines), Span("t.txt", 1), anchor=anchor)


def note(label, *inlines):
    return Footnote(label, (tuple(inlines),), Span("t.txt", 9))


def doc(*blocks, footnotes=()):
    return Document(META, (Text("T"),), (), tuple(blocks), tuple(footnotes))


def decl(quote, key="nye2004soft", occurrence=1):
    return DeclaredCitation(quote, key, occurrence, path="citations.yml", line=3)


def cites(inlines):
    return [n for n in walk_inlines(inlines) if isinstance(n, Annotation) and n.kind == "cite"]


# ------------------------------------------------------------------ declared citations


def test_wraps_exactly_the_declared_phrase(bib):
    source = doc(para(Text("As Nye put it, soft power attracts."), FootnoteRef("1")))
    new, occurrences = annotate_citations(source, bib, [decl("Nye put it")])
    inlines = new.blocks[0].inlines
    assert inlines[0] == Text("As ")
    assert inlines[1] == Annotation(
        "cite",
        "nye2004soft",
        (Text("Nye put it"),),
        bib.format_reference_text("nye2004soft"),
        "../bibliography.md#ref-nye2004soft",
    )
    assert inlines[2:] == (Text(", soft power attracts."), FootnoteRef("1"))
    assert plain_text(inlines) == plain_text(source.blocks[0].inlines)
    assert [(o.slug, o.anchor, o.key, o.declared) for o in occurrences] == [
        ("doe-2017", "p1", "nye2004soft", True)
    ]


def test_wraps_inside_emphasis_and_footnotes(bib):
    source = doc(
        para(Emphasis((Text("read Bound to Lead now"),))),
        footnotes=[note("4", Text("See Bound to Lead here."))],
    )
    new, occurrences = annotate_citations(
        source, bib, [decl("Bound to Lead", "nye1990bound", occurrence=2)]
    )
    assert len(cites(new.blocks[0].inlines)) == 1
    assert len(cites(new.footnotes[0].paragraphs[0])) == 1
    assert {o.anchor for o in occurrences} == {"p1", "fn:4"}


def test_unmatched_quote_is_an_error_with_its_line(bib):
    with pytest.raises(DiagnosticError) as caught:
        annotate_citations(doc(para(Text("nothing here"))), bib, [decl("Nye put it")])
    found = caught.value.diagnostics[0]
    assert (found.code, found.path, found.line) == ("C003", "citations.yml", 3)


def test_quote_matching_more_places_than_declared_is_an_error(bib):
    source = doc(para(Text("Nye says. Nye says.")), para(Text("Nye says."), anchor="p2"))
    with pytest.raises(DiagnosticError) as caught:
        annotate_citations(source, bib, [decl("Nye says", occurrence=2)])
    assert caught.value.diagnostics[0].code == "C004"
    assert "3 places" in caught.value.diagnostics[0].message


def test_unknown_key_is_an_error(bib):
    with pytest.raises(DiagnosticError) as caught:
        annotate_citations(doc(para(Text("Nye says"))), bib, [decl("Nye says", "nobody1999")])
    assert caught.value.diagnostics[0].code == "C002"


def test_never_annotates_inside_links_or_annotations(bib):
    existing = Annotation("term", "g", (Text("Nye says"),))
    source = doc(para(Link("http://x", (Text("Nye says"),)), existing))
    with pytest.raises(DiagnosticError) as caught:
        annotate_citations(source, bib, [decl("Nye says")])
    assert caught.value.diagnostics[0].code == "C003"


SMALL = load_bibliography(ROOT / "tests" / "fixtures" / "bib" / "good.bib", "good.bib")


@settings(deadline=None, max_examples=60)
@given(st.text(alphabet="ab Nye,.", max_size=40))
def test_annotation_never_changes_the_words(text):
    bib = SMALL
    source = doc(para(Text(text + " Nye says")))
    new, _ = annotate_citations(
        source, bib, [decl("Nye says", occurrence=text.count("Nye says") + 1)]
    )
    assert plain_text(new.blocks[0].inlines) == plain_text(source.blocks[0].inlines)


# ------------------------------------------------------------------ detected citations


def test_footnote_naming_a_title_is_annotated(bib):
    footnote = note(
        "54",
        Text("Nye, J. (2004) "),
        Emphasis((Text("Soft Power: The means to success in world politics"),)),
        Text(", New York, Public Affairs"),
    )
    new, occurrences = annotate_citations(doc(para(Text("x")), footnotes=[footnote]), bib, [])
    found = cites(new.footnotes[0].paragraphs[0])
    assert [(c.target, plain_text(c.children)) for c in found] == [
        ("nye2004soft", "Soft Power: The means to success in world politics")
    ]
    assert [(o.anchor, o.key, o.declared) for o in occurrences] == [("fn:54", "nye2004soft", False)]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Nye, J. (2011) The Future of Power, New York", ["nye2011future"]),
        ("The Future of Power, a phrase on its own", []),  # short title, no clue
        ("Soft Power is everywhere (Nye 1990)", []),  # too short to be a title
        (
            "Указ Президента Российской Федерации от 05.12.2016 г. № 646 Об утверждении "
            "Доктрины информационной безопасности Российской Федерации",
            ["russia2016doctrine"],
        ),
        ("Meeting Russia // http://www.picreadi.ru/meeting-russia/", ["picreadimeetingrussia"]),
        (
            "Lillis Joana, Central Asia Battered by Currency Turmoil // http://x",
            ["lillis2015currency"],
        ),
    ],
)
def test_detect_works(bib, text, keys):
    assert [key for key, _ in detect_works(text, bib)] == keys


def test_declared_and_detected_in_one_footnote_are_recorded_once(bib):
    footnote = note("53", Text("Nye, J. (2011) The Future of Power, New York"))
    _, occurrences = annotate_citations(
        doc(footnotes=[footnote]), bib, [decl("The Future of Power", "nye2011future")]
    )
    assert [(o.anchor, o.key, o.declared) for o in occurrences] == [
        ("fn:53", "nye2011future", True)
    ]


# ---------------------------------------------------------------------- declarations


def test_declarations_of_the_five_texts_load():
    for path in sorted(ROOT.glob("sources/*/citations.yml")):
        declared = load_declarations(path, str(path.relative_to(ROOT)))
        assert all(d.line > 0 and d.occurrence >= 1 for d in declared)


def test_bad_declarations_are_reported_with_lines(tmp_path):
    path = tmp_path / "citations.yml"
    path.write_text(
        "- quote: Nye says\n  key: nye2004soft\n- quote: ''\n  key: x\n"
        "- {quote: ok, key: y, occurrence: 0, colour: red}\n",
        encoding="utf-8",
    )
    with pytest.raises(DiagnosticError) as caught:
        load_declarations(path, "citations.yml")
    found = {(d.code, d.line) for d in caught.value.diagnostics}
    assert found == {("C001", 3), ("C001", 5)}
    assert len(caught.value.diagnostics) == 3


def test_missing_declaration_file_declares_nothing(tmp_path):
    assert load_declarations(tmp_path / "citations.yml", "citations.yml") == ()


# ------------------------------------------------------------------ bibliography page


def test_bibliography_page_has_anchors_and_cited_in_links(bib):
    source = doc(para(Text("As Nye put it"), anchor="p7"))
    _, occurrences = annotate_citations(source, bib, [decl("Nye put it")])
    page = render_bibliography_page(bib, occurrences, text_labels={"doe-2017": "Doe 2017"})
    assert page.count('id="ref-') == len(bib)
    assert '<p class="reference" id="ref-nye2004soft">Nye, Joseph S., Jr.' in page
    assert "Cited in: [Doe 2017, ¶ 7](texts/doe-2017.md#p7)" in page
    assert page.index('id="ref-nye1990bound"') < page.index('id="ref-nye2004soft"')
