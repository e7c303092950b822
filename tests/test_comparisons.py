"""Comparison pages: generated from comparisons.yml, the glossary's occurrences and the
annotations; every page in the nav; every passage link pointing at a paragraph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from crosslinks_edition import ROOT, edition
from reader.core.diagnostics import Report
from reader.inputs.comparisons import load_comparisons

LINK = re.compile(r"\]\(\.\./texts/([a-z0-9-]+)\.md#([^)]+)\)")


def _comparisons():
    return edition().context.comparisons


def test_the_central_concepts_have_pages() -> None:
    ids = {c.id for c in _comparisons()}
    assert {
        "soft-power",
        "russian-world",
        "compatriots",
        "public-diplomacy",
        "eurasian-integration",
        "hard-power",
    } <= ids
    for c in _comparisons():
        assert c.path in edition().pages


def test_every_page_is_in_the_nav() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    (section,) = [
        item["Compare"] for item in config["nav"] if isinstance(item, dict) and "Compare" in item
    ]
    listed = set(section)
    assert listed == {"compare/index.md"} | {c.path for c in _comparisons()}


def test_each_page_sets_every_text_side_by_side() -> None:
    docs = edition().documents
    for c in _comparisons():
        page = edition().pages[c.path]
        assert '<div class="grid cards compare-grid" markdown>' in page
        for doc in docs:
            assert f"(../texts/{doc.meta.slug}.md)" in page, (c.id, doc.meta.slug)


def test_passage_links_point_to_existing_anchors() -> None:
    anchors = {
        d.meta.slug: {p.anchor for p in d.citable()} | {f"fn:{n.label}" for n in d.footnotes}
        for d in edition().documents
    }
    total = 0
    for name, page in edition().pages.items():
        if name.startswith("compare/"):
            for slug, anchor in LINK.findall(page):
                assert anchor in anchors[slug], (name, slug, anchor)
                total += 1
    assert total > 50


def test_passages_come_from_the_glossary_occurrences() -> None:
    occurrences = edition().context.term_occurrences
    page = edition().pages["compare/russian-world.md"]
    expected = {
        (o.slug, o.anchor)
        for o in occurrences
        if o.entry_id in ("russian-world", "russkiy-mir-foundation") and o.anchor
    }
    assert expected == _passage_links(page)


def _passage_links(page: str) -> set[tuple[str, str]]:
    """The passages a comparison page lists (not the links of its editorial notes)."""
    lines = [line for line in page.splitlines() if re.match(r"\s+- \[(¶|note )", line)]
    return {pair for line in lines for pair in LINK.findall(line)}


def test_the_definition_page_keeps_only_passages_naming_nye() -> None:
    occurrences = edition().context.term_occurrences
    nye = {(o.slug, o.anchor) for o in occurrences if o.entry_id == "joseph-nye"}
    passages = _passage_links(edition().pages["compare/soft-power.md"])
    assert passages and passages <= nye
    assert {slug for slug, _ in passages} == {
        "kosachev-2012",
        "bezrukov-2018",
        "gussarova-2017",
        "alipour-gorji-2024",
    }


def test_annotations_that_concern_a_concept_appear_on_its_page() -> None:
    page = edition().pages["compare/compatriots.md"]
    assert "**Disagrees**" in page
    assert (
        "](../texts/kosachev-2012.md#p52)" in page and "](../texts/gussarova-2017.md#p38)" in page
    )
    index = edition().pages["compare/index.md"]
    assert "](../annotations.jsonld)" in index and "Where the texts disagree" in index


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("- id: soft-power\n", "V002", 1),
        ("- id: no-such-entry\n  intro: x\n", "V004", 1),
        ("- id: soft-power\n  intro: x\n  color: red\n", "V003", 3),
        ("id: soft-power\n", "V001", 1),
    ],
)
def test_comparisons_yml_is_checked(tmp_path: Path, text: str, code: str, line: int) -> None:
    path = tmp_path / "comparisons.yml"
    path.write_text(text, encoding="utf-8")
    report = Report()
    load_comparisons(path, "comparisons.yml", {e.id for e in edition().context.glossary}, report)
    assert [(d.code, d.line) for d in report.errors] == [(code, line)]
