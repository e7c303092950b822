"""Editorial annotations: the schema of annotations.yml, anchoring by quotation (and the
build failing with file:line when an anchor breaks), the markers on the pages and the
W3C Web Annotation export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crosslinks_edition import ROOT, edition
from reader.core.diagnostics import DiagnosticError, Report
from reader.core.model import (
    Annotation,
    Editorial,
    Emphasis,
    FootnoteRef,
    Text,
    plain_text,
    walk_inlines,
)
from reader.inputs.annotations import load_all, load_annotations
from reader.passes.annotations import apply_annotations
from reader.text.quotes import Quote, find_quote, insert_all_at, insert_at

SLUGS = (
    "kosachev-2012",
    "makarychev-2011",
    "bezrukov-2018",
    "gussarova-2017",
    "alipour-gorji-2024",
)
NEW = Annotation("note", "x/y", (Editorial((Text("note"),)),), "t")


def _load(tmp_path: Path, text: str, slug: str = "kosachev-2012"):
    path = tmp_path / "annotations.yml"
    path.write_text(text, encoding="utf-8")
    return load_annotations(path, "sources/x/annotations.yml", slug)


def _codes(error: pytest.ExceptionInfo) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in error.value.diagnostics]


# ----------------------------------------------------------------------------- schema


def test_schema_errors_are_all_reported_with_their_lines(tmp_path: Path) -> None:
    text = """\
- id: one
  kind: note
  exact: "words"
  body: "a note"
  colour: red
- id: two
  kind: remark
  exact: "words"
  body: "a note"
- id: three
  kind: xref
  exact: "words"
  body: "no target"
- id: one
  kind: note
  exact: "other words"
  body: "again"
- kind: note
  body: "no id, no exact"
"""
    with pytest.raises(DiagnosticError) as error:
        _load(tmp_path, text)
    assert _codes(error) == [
        ("A003", 5),
        ("A005", 7),
        ("A014", 10),
        ("A006", 14),
        ("A004", 18),
        ("A004", 18),
    ]


def test_a_valid_file_loads(tmp_path: Path) -> None:
    (item,) = _load(
        tmp_path,
        """\
- id: date
  kind: disagrees
  exact: "In May 2011"
  suffix: ", President"
  body: "  Another   date. "
  target: {text: gussarova-2017, exact: "January 1, 2012"}
  concepts: [compatriots-fund]
""",
    )
    assert item.quote == Quote("In May 2011", "", ", President")
    assert item.body == "Another date." and item.target_slug == "gussarova-2017"
    assert (item.line, item.target_line) == (1, 6)


# --------------------------------------------------------------------------- anchoring


def _declared(tmp_path: Path, exact: str, **extra: str):
    lines = [
        f"- id: probe\n  kind: {extra.pop('kind', 'note')}\n  exact: {json.dumps(exact)}\n",
        '  body: "probe"\n',
    ]
    lines += [f"  {key}: {value}\n" for key, value in extra.items()]
    return list(_load(tmp_path, "".join(lines)))


def _apply(declared):
    return apply_annotations(list(edition().documents), declared, None)


@pytest.mark.parametrize(
    ("exact", "extra", "code", "line"),
    [
        ("words that Kosachev never wrote", {}, "A010", 3),
        ("soft power", {}, "A011", 3),  # many places, no prefix or suffix
        ("In May 2011", {"prefix": '"In April "'}, "A012", 3),
        ("In May 2011", {"target": '{text: nobody-2000, exact: "x"}'}, "A008", 5),
        (
            "In May 2011",
            {"target": '{text: gussarova-2017, exact: "not in the report"}'},
            "A010",
            5,
        ),
    ],
)
def test_broken_anchors_stop_with_file_and_line(tmp_path, exact, extra, code, line) -> None:
    with pytest.raises(DiagnosticError) as error:
        _apply(_declared(tmp_path, exact, **dict(extra)))
    assert (code, line) in _codes(error)
    assert all(d.path == "sources/x/annotations.yml" for d in error.value.diagnostics)


def test_prefix_and_suffix_pick_one_place_and_quotes_fold(tmp_path: Path) -> None:
    doc = next(d for d in edition().documents if d.meta.slug == "kosachev-2012")
    assert len(find_quote(doc, Quote("soft power"))) > 1
    one = find_quote(doc, Quote("soft power", prefix="There has appeared the concept of "))
    assert len(one) == 1 and one[0][0].anchor == "p2"
    assert find_quote(doc, Quote("nation's image"))  # straight quote, curly in the text
    _docs, (resolved,) = _apply(
        _declared(tmp_path, "soft power", prefix='"the concept of "', suffix='", whose"')
    )
    assert resolved.anchor == "p2" and resolved.exact == "soft power"


def test_the_build_fails_on_a_broken_anchor(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("sources", "scripts/theme", "scripts/hooks"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, project / name)
    for name in ("mkdocs.yml", "glossary.yml", "references.bib", "comparisons.yml"):
        shutil.copy(ROOT / name, project / name)
    target = project / "sources/bezrukov-2018/annotations.yml"
    text = target.read_text(encoding="utf-8")
    broken = text.replace("He was actually my dean at Harvard", "He was my teacher at Harvard")
    assert broken != text
    target.write_text(broken, encoding="utf-8")
    line = 1 + broken[: broken.index("He was my teacher")].count("\n")
    from reader.app.build import generate

    with pytest.raises(DiagnosticError) as error:
        generate(project)
    found = [d for d in error.value.diagnostics if d.code == "A010"]
    assert [(d.path, d.line) for d in found] == [("sources/bezrukov-2018/annotations.yml", line)]


# --------------------------------------------------------------------------- insertion


def test_insert_splits_text_and_enters_emphasis() -> None:
    inlines = (Text("one two"), Emphasis((Text("three four"),)), Text(" five"))
    out = insert_at(inlines, 3, NEW)
    assert out[:3] == (Text("one"), NEW, Text(" two"))
    out = insert_at(inlines, 12, NEW)
    assert out[1] == Emphasis((Text("three"), NEW, Text(" four")))
    assert plain_text(out, editorial=False) == plain_text(inlines, editorial=False)


def test_insert_goes_after_an_annotation_it_falls_in_and_after_footnote_markers() -> None:
    term = Annotation("term", "soft-power", (Text("soft power"),))
    inlines = (Text("a "), term, Text(" b."), FootnoteRef("2"), Text(" c"))
    assert insert_at(inlines, 4, NEW)[:3] == (Text("a "), term, NEW)
    out = insert_at(inlines, 15, NEW)
    assert out[2:5] == (Text(" b."), FootnoteRef("2"), NEW)


def _note(name: str) -> Annotation:
    return Annotation("note", f"x/{name}", (Editorial((Text("note"),)),), name)


@pytest.mark.parametrize("offset", [0, 3, 7, 12, 16, 21, 23, 26, 99])
def test_insert_all_at_places_nodes_as_inserting_them_one_by_one_does(offset: int) -> None:
    inlines = (
        Text("one two"),
        Emphasis((Text("three "), Emphasis((Text("four"),)))),
        Text(" five"),
        FootnoteRef("1"),
        Text(" six"),
    )
    new = [_note(f"n{i}") for i in range(4)]
    one_by_one = inlines
    for node in new:
        one_by_one = insert_at(one_by_one, offset, node)
    out = insert_all_at(inlines, offset, new)
    assert out == one_by_one
    assert plain_text(out, editorial=False) == plain_text(inlines, editorial=False)


# ------------------------------------------------------------------ the real edition


def test_every_text_has_at_least_three_annotations() -> None:
    report = Report()
    declared = load_all(ROOT, list(SLUGS), report)
    assert not report.errors
    for slug in SLUGS:
        assert sum(d.slug == slug for d in declared) >= 3, slug
    kinds = {d.kind for d in declared}
    assert kinds == {"note", "xref", "disagrees"}
    resolved = edition().context.resolved_annotations
    assert len(resolved) == len(declared)


def test_markers_are_editorial_on_the_pages() -> None:
    pages = edition().pages
    for r in edition().context.resolved_annotations:
        d = r.declared
        page = pages[f"texts/{d.slug}.md"]
        assert f"[](#note-{d.id}){{ #ref-note-{d.id} .mark .mark--{d.kind} " in page
        assert f"{{: #note-{d.id} }}" in page  # the body, once, in the editors' notes
        if r.target_anchor:
            assert f"]({d.target_slug}.md#{r.target_anchor})" in page


def test_the_dates_of_the_compatriots_foundation_disagree_both_ways() -> None:
    pairs = {
        (r.declared.slug, r.declared.target_slug)
        for r in edition().context.resolved_annotations
        if r.declared.kind == "disagrees" and "compatriots-fund" in r.declared.concepts
    }
    assert pairs == {("kosachev-2012", "gussarova-2017"), ("gussarova-2017", "kosachev-2012")}


def test_web_annotation_export() -> None:
    data = json.loads(edition().pages["annotations.jsonld"])
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    every = data["first"]["items"]
    editorial = [item for item in every if item["kind"] != "related"]
    assert len(editorial) == len(edition().context.resolved_annotations)
    computed = sum(len(v) for v in edition().context.related.values())
    assert data["total"] == len(every) == len(editorial) + computed
    docs = {d.meta.slug: d for d in edition().documents}
    site = edition().context.site
    for item in every[len(editorial) :]:
        assert item["motivation"] == "linking" and item["band"] in ("strong", "possible")
        assert isinstance(item["score"], float) and item["body"][0]["purpose"] == "describing"
        for place in (item["target"], item["body"][-1]):
            slug = next(s for s in docs if place["source"] == site.page_url(s))
            anchors = {p.anchor for p in docs[slug].citable()}
            assert place["selector"]["value"] in anchors
    for item in editorial:
        assert item["type"] == "Annotation" and item["motivation"] in (
            "commenting",
            "linking",
            "assessing",
        )
        target = item["target"]
        slug = next(s for s in docs if target["source"] == site.page_url(s))
        selector = target["selector"]
        if selector["type"] == "FragmentSelector":
            anchor, quote = selector["value"], selector["refinedBy"]
            paragraph = next(p for p in docs[slug].paragraphs() if p.anchor == anchor)
        else:
            quote = selector
            paragraph = None
        assert quote["type"] == "TextQuoteSelector"
        found = find_quote(
            docs[slug], Quote(quote["exact"], quote.get("prefix", ""), quote.get("suffix", ""))
        )
        assert len(found) == 1
        if paragraph is not None:
            assert found[0][0] == paragraph


def test_the_marker_stands_right_after_the_quoted_words() -> None:
    doc = next(d for d in edition().documents if d.meta.slug == "gussarova-2017")
    p = next(p for p in doc.citable() if p.anchor == "p38")
    text = plain_text(p.inlines, editorial=False)
    marker_at = text.index("January 1, 2012)") + len("January 1, 2012)")  # after the ")"
    rendered = "".join(
        "|"
        if isinstance(n, Annotation) and n.kind == "disagrees"
        else plain_text((n,), editorial=False)
        for n in p.inlines
    )
    assert rendered.index("|") == marker_at


def test_a_see_also_or_disagrees_link_shows_on_the_paragraph_it_points_to() -> None:
    """The paragraph a link points to carries a marker of the same kind that leads back,
    with the note said to be written at the other end; a pair declared from both ends
    has each end's own marker only."""
    docs = {d.meta.slug: d for d in edition().documents}
    resolved = [
        r
        for r in edition().context.resolved_annotations
        if r.declared.target is not None and r.target_anchor
    ]
    ends = {(r.declared.slug, r.anchor, r.declared.target_slug, r.target_anchor) for r in resolved}
    back_seen = 0
    for r in resolved:
        d = r.declared
        paragraph = next(p for p in docs[d.target_slug].paragraphs() if p.anchor == r.target_anchor)
        backs = [
            n
            for n in walk_inlines(paragraph.inlines)
            if isinstance(n, Annotation) and n.target == f"{d.target_slug}/{d.id}-from-{d.slug}"
        ]
        if (d.target_slug, r.target_anchor, d.slug, r.anchor) in ends:
            assert not backs  # it declares the link itself
            continue
        assert len(backs) == 1 and backs[0].kind == d.kind
        assert backs[0].href == f"{d.slug}.md#{r.anchor}"
        assert backs[0].tooltip.startswith(f"Noted at {docs[d.slug].meta.citation_label}, ¶")
        back_seen += 1
    assert back_seen >= 50


def test_a_note_may_not_take_the_id_of_the_marker_a_link_shows_on_its_page(
    tmp_path: Path,
) -> None:
    """Gussarova's note named 'agency-from-kosachev-2012' and the back marker of Kosachev's
    link 'agency' would share one anchor on Gussarova's page: A015 at the note's line."""
    link = """\
- id: agency
  kind: xref
  exact: "Head of the Federal Agency for the Commonwealth of Independent States"
  body: "see the report"
  target: {text: gussarova-2017, exact: "One of the main Russian actors in soft power"}
"""
    (tmp_path / "k").mkdir()
    (tmp_path / "g").mkdir()
    declared = list(_load(tmp_path / "k", link))
    note = """\
- id: other
  kind: note
  exact: "One of the main Russian actors in soft power implementation"
  body: "a note"
- id: NAME
  kind: note
  exact: "One of the main Russian actors in soft power implementation"
  body: "a note"
"""
    clashing = _load(
        tmp_path / "g", note.replace("NAME", "agency-from-kosachev-2012"), "gussarova-2017"
    )
    with pytest.raises(DiagnosticError) as error:
        _apply(declared + list(clashing))
    assert _codes(error) == [("A015", 5)]
    assert "'agency' in kosachev-2012" in error.value.diagnostics[0].message
    fine = _load(
        tmp_path / "g", note.replace("NAME", "agency-from-makarychev-2011"), "gussarova-2017"
    )
    _apply(declared + list(fine))
