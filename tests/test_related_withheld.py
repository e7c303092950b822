"""Where no setting of the strong band reaches the target precision on the development
half, no computed link is shown by default (``related.BANDS.strong`` is ``WITHHELD``):
the text pages carry no ⇄ marker, the related page keeps every computed link behind its
"Less certain links" control and says why, the comparison index says so, the Web
Annotation export keeps every link with its band, and the evaluation says so in words.
Under bands that do show computed links (:data:`crosslinks_edition.SHOWN`), the markers
reach the text pages."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from crosslinks_edition import edition, shown_edition
from reader.emit.related import PAGE
from reader.emit.related_page import LESS, MORE, PAGE_INTRO, PAGE_INTRO_WITHHELD
from reader.passes import related
from test_related import _evaluation, _items

TEXTS = ("makarychev-2011", "kosachev-2012", "gussarova-2017", "bezrukov-2018")


def test_the_configured_strong_band_is_withheld_and_every_link_is_possible() -> None:
    assert not related.BANDS.shows_strong and related.BANDS.strong == related.WITHHELD
    links = [r for v in edition().context.related.values() for r in v]
    assert len(links) > 100 and {r.band for r in links} == {related.POSSIBLE}


def test_withholding_the_strong_band_moves_its_links_and_drops_none() -> None:
    strong = [r for v in shown_edition().context.related.values() for r in v if r.band == "strong"]
    assert len(strong) >= 20  # the bands that showed computed links did show some
    run = _evaluation().Run(edition().documents, related.WEIGHTS, edition().context)
    shown_at_the_same_threshold = replace(related.BANDS, strong=related.BANDS.possible)
    shown = run.links(shown_at_the_same_threshold)
    withheld = run.links(related.BANDS)
    assert related.STRONG in shown.values() and set(withheld.values()) == {related.POSSIBLE}
    assert set(withheld) == set(shown)
    published = {(k, r.target.key) for k, v in edition().context.related.items() for r in v}
    assert {frozenset(p) for p in published} == set(withheld)


def test_no_text_page_marks_a_computed_link_and_the_related_page_keeps_them_all() -> None:
    pages = edition().pages
    for slug in (*TEXTS, "alipour-gorji-2024"):
        page = pages[f"texts/{slug}.md"]
        assert ".mark--related" not in page and ".mark--xref" in page
        assert '"related"' not in page.partition("tips:")[2].partition("\n---")[0]
    listed = pages[PAGE]
    assert re.sub(r"\s+", " ", PAGE_INTRO_WITHHELD)[:60] in re.sub(r"\s+", " ", listed)
    items = _items(listed)
    for key, links in edition().context.related.items():
        item = items[key.replace("#", "-")]
        shown, _, more = item.partition("??? related-more ")
        title = MORE if "(editors)" in shown else LESS  # "Less certain" when alone
        assert more.startswith(f'"{title} (') and all(
            f"(texts/{r.target.slug}.md#{r.target.start})" in more for r in links
        )
        assert not re.search(r"^    - \[", shown, re.M)  # nothing computed before the control
    index = pages["compare/index.md"].partition("## Related passages")[2].partition("\n## ")[0]
    assert "None of them is shown by default" in index and "(../related.md)" in index
    assert "marked ⇄" not in index


def test_the_export_publishes_every_computed_link_with_its_band() -> None:
    data = json.loads(edition().pages["annotations.jsonld"])
    bands = [i["band"] for i in data["first"]["items"] if i["kind"] == "related"]
    assert len(bands) == sum(len(v) for v in edition().context.related.values())
    assert set(bands) == {"possible"}


def test_under_shown_bands_markers_of_strong_links_reach_the_text_pages() -> None:
    built = shown_edition()
    strong = [k for k, v in built.context.related.items() if any(r.band == "strong" for r in v)]
    listed = built.pages[PAGE]
    assert re.sub(r"\s+", " ", PAGE_INTRO)[:60] in re.sub(r"\s+", " ", listed)
    assert "marked ⇄" in built.pages["compare/index.md"]
    for slug in TEXTS:
        page = built.pages[f"texts/{slug}.md"]
        mine = [key for key in strong if key.startswith(f"{slug}#")]
        assert page.count("{ .mark .mark--related ") == len(mine) > 0
        for anchor in re.findall(rf"\(\.\./related\.md#({slug}-p\d+)\)", page):
            assert f"{{: #{anchor} }}" in listed  # each marker leads to its paragraph's item


def test_the_evaluation_says_that_no_computed_link_is_shown_and_why() -> None:
    evaluation = _evaluation()
    docs = edition().documents
    gold = evaluation.load_gold(evaluation.ROOT / evaluation.GOLD, evaluation.GOLD, docs)
    run = evaluation.Run(docs, related.WEIGHTS, edition().context)
    choice = evaluation.choose_bands(run, gold)
    assert choice.withheld and choice.bands == related.BANDS
    assert choice.scores.precision < evaluation.TARGET_PRECISION
    assert choice.best.shows_strong and choice.best.strong < choice.bands.possible
    line = evaluation.verdict(related.BANDS, choice)
    assert line.startswith("NO COMPUTED LINK IS SHOWN BY DEFAULT")
    assert f"right {choice.scores.precision:.3f}" in line and "below the target 0.85" in line
    text = evaluation.report_text(docs, gold, edition().context, False)
    assert line in text.splitlines() and "bands: strong withheld" in text
    assert "had the best strong setting been shown (it is not):" in text
