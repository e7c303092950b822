"""The edition page through the real build: the corrections it lists are exactly those
meta.yml declares and the build applies; its repair examples come from the build logs;
it names what the sources lack and each text's rights."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from reader.app.build import generate
from reader.checks.render import markdown_to_html
from reader.parse.document import normalised_text
from reader.passes.edition import Edition
from reader.repair import ENCODING_RULES, apply_rules

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "mkdocs.yml"


@pytest.fixture(scope="module")
def edition() -> Edition:
    """The whole edition, built in memory from the real sources."""
    return generate(ROOT)


@pytest.fixture(scope="module")
def page(edition: Edition) -> str:
    """The edition page as MkDocs renders it, entities decoded."""
    return html.unescape(markdown_to_html(edition.pages["edition.md"], CONFIG))


def _declared(slug: str) -> list[dict]:
    meta = yaml.safe_load((ROOT / "sources" / slug / "meta.yml").read_text(encoding="utf-8"))
    return meta.get("corrections") or []


def _shown(text: str) -> str:
    return text.replace(" ", "␣")


def test_the_page_lists_exactly_the_declared_corrections(edition: Edition, page: str) -> None:
    """Per text, one item per correction in meta.yml, showing find, replace and count."""
    for slug in edition.sources:
        declared = _declared(slug)
        items = re.findall(
            rf'<li class="correction" data-count="(\d+)" data-slug="{slug}">(.*?)</li>',
            page,
            re.S,
        )
        assert len(items) == len(declared), slug
        for (count, item), correction in zip(items, declared, strict=True):
            assert int(count) == correction["count"]
            assert f"<code>{_shown(correction['find'])}</code>" in item
            assert f"<code>{_shown(correction['replace'])}</code>" in item
        if not declared:
            section = page[page.index(f'id="corrections-{slug}"') :]
            assert section.split("<h3", 1)[0].count("No corrections.") == 1


def test_each_listed_correction_is_applied_by_the_build(edition: Edition) -> None:
    """Each declared correction matches the original exactly as often as declared, and its
    replacement is what the build's normalised text carries."""
    for slug, source in edition.sources.items():
        original, _ = apply_rules(source.text, ENCODING_RULES)
        corrected, _ = normalised_text(source)
        for correction in source.meta.corrections:
            assert original.count(correction.find) == correction.count, slug
            assert correction.replace in corrected, slug


def test_repair_examples_come_from_the_build_log(edition: Edition, page: str) -> None:
    """The hyphenation examples are the log's decisions, with their evidence."""
    joined = [(n, d) for log in edition.logs.values() for n, d in log.hyphenation if d.join]
    kept = [(n, d) for log in edition.logs.values() for n, d in log.hyphenation if not d.join]
    assert joined and kept, "the edition has hyphenation repairs to show"
    _, first = joined[0]
    assert (
        f"<code>{first.left}-</code> / <code>{first.right}</code> → "
        f"<code>{first.result}</code> ({first.evidence};"
    ) in page
    assert "<code>vis-</code> / <code>à-vis</code> → <code>vis-à-vis</code>" in page
    assert "Paragraphs cut by page and column breaks, rejoined" in page
    assert "Footnote texts set aside from page bottoms" in page
    for log in edition.logs.values():
        for _region, why in log.relocated:
            assert why in page


def test_every_rule_that_acted_is_listed(edition: Edition, page: str) -> None:
    """Each character rule that changed a text has a section naming it."""
    rules = {r.rule for log in edition.logs.values() for r in log.repairs}
    for rule in rules:
        assert f"<code>{rule}</code>" in page, rule


def test_the_page_names_what_the_sources_lack(edition: Edition, page: str) -> None:
    """Makarychev's eight lost notes, the four missing chart images, the contents list."""
    assert "The source keeps 8 note markers (1–8)" in page
    for chart in (2, 3, 4, 5):
        assert f'href="texts/gussarova-2017.md#chart-{chart}"' in page
    assert "dropping it would drop the original's words" in page


def test_rights_and_provenance_of_every_text(edition: Edition, page: str) -> None:
    """Each text's rights and provenance, from its meta.yml, stand on the page."""
    for doc in edition.documents:
        assert " ".join(doc.meta.rights.split()) in " ".join(page.split())
        assert f'id="rights-{doc.meta.slug}"' in page
