"""The search index: one document per paragraph, note, figure and reference.

Fast tests run :mod:`reader.search.index` and :mod:`reader.search.files` on small pages;
the ``slow`` ones build the real site once and check its index (Material's
``search/search_index.json`` with the config only, the documents in
``search/paragraphs.js``), then run real queries through the site's own search worker
(``assets/search/worker.js`` with lunr's stemmers, the files the browser loads) under Node,
so the ranking is tested without a browser. tests/browser/test_search.py does it in the UI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.search.files import (
    DOCUMENTS_FILE,
    page_file,
    read_site_index,
    rewrite_site_index,
)
from reader.search.index import (
    article_html,
    page_entries,
    rewrite_search_index,
    unit_kind,
)

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "scripts" / "evaluation" / "search_node.js"

PAGE = """<html><body><nav><p id="p99">navigation, not content</p></nav>
<article class="md-content__inner md-typeset">
<h1 id="title">The Title<a class="headerlink" href="#title">#</a></h1>
<div class="title-block"><p class="byline">by Someone</p></div>
<p id="p1"><a class="pnum editorial" href="#p1">1</a> First words about
<span class="annotation"><button class="annotation__trigger">Priznanie</button><span
class="annotation__tip editorial" data-search-exclude><span>A tip the editors
wrote.</span></span></span> here.<sup id="fnref:1"><a class="footnote-ref"
href="#fn:1">1</a></sup></p>
<h2 id="second">Second Part<a class="headerlink" href="#second">#</a></h2>
<ul><li id="p2"><a class="pnum editorial" href="#p2">2</a> a listed &amp; <em>item</em></li></ul>
<div class="table-figure" id="chart-1"><table><caption>Chart 1</caption><tr><td>Almaty</td>
</tr></table></div>
<div class="footnote"><ol>
<li id="fn:1"><p><span lang="ru">Бюджет Россотрудничества</span> // x&#160;<a
class="footnote-backref" href="#fnref:1">&#8617;</a></p></li>
<li id="fn:2"><p><span class="editorial missing-note">The text is missing.</span></p></li>
</ol></div>
</article><footer><p id="p100">footer</p></footer></body></html>"""


@pytest.fixture(scope="module")
def entries() -> dict[str, dict]:
    """The sample page's documents by fragment."""
    found = page_entries(PAGE, "texts/sample/", "Sample 2020")
    assert found is not None
    return {str(e["location"]).split("#")[1]: e for e in found}


def test_each_unit_is_a_document_at_its_anchor(entries: dict[str, dict]) -> None:
    """Paragraphs, notes and charts get their own documents; nav and footer do not."""
    assert list(entries) == ["title", "p1", "second", "p2", "chart-1", "fn:1"]
    assert entries["p1"]["location"] == "texts/sample/#p1"


def test_titles_name_text_unit_and_section(entries: dict[str, dict]) -> None:
    """'Sample 2020 ¶ 2 — Second Part', 'Sample 2020 note 1', 'Sample 2020 chart 1'."""
    assert entries["p1"]["title"] == "Sample 2020 ¶ 1 — The Title"
    assert entries["p2"]["title"] == "Sample 2020 ¶ 2 — Second Part"
    assert entries["fn:1"]["title"] == "Sample 2020 note 1"
    assert entries["chart-1"]["title"] == "Sample 2020 chart 1"


def test_text_leaves_out_editorial_bits_and_markers(entries: dict[str, dict]) -> None:
    """No paragraph number, tooltip, footnote marker or back-link; source words kept."""
    assert entries["p1"]["text"] == "First words about Priznanie here."
    assert entries["p2"]["text"] == "a listed &amp; item"  # escaped as Material escapes
    assert entries["fn:1"]["text"] == "Бюджет Россотрудничества // x"


def test_headings_keep_what_no_unit_holds(entries: dict[str, dict]) -> None:
    """The byline stays with the title heading; a heading whose words all went to its
    units stays findable by its own title; a note with no source text is left out."""
    assert entries["title"] == {
        "location": "texts/sample/#title",
        "title": "The Title",
        "text": "by Someone",
    }
    assert entries["second"]["text"] == ""
    assert "fn:2" not in entries


def test_text_units_outweigh_the_apparatus(entries: dict[str, dict]) -> None:
    """Paragraphs and notes carry a boost; references and headings do not."""
    assert entries["p1"]["boost"] > 1 and entries["fn:1"]["boost"] > 1
    assert "boost" not in entries["title"]
    kind = unit_kind("ref-nye2004soft")
    assert kind is not None and kind[0].boost == 1.0
    assert unit_kind("p12x") is None and unit_kind("tip-term-abc") is None


def test_only_the_article_is_parsed() -> None:
    page = '<nav><a id="p1">nav</a></nav><article class="md-content__inner x">A</article><footer>'
    assert article_html(page) == '<article class="md-content__inner x">A</article>'
    assert article_html("<p id='p1'>no article</p>") == "<p id='p1'>no article</p>"


def test_rewrite_splits_only_pages_with_units() -> None:
    """A page without units keeps Material's documents; a split page keeps its own
    document first (Material groups sections under it), emptied of the heading's words."""
    index = {
        "config": {"lang": ["en"]},
        "docs": [
            {"location": "", "title": "Home", "text": "welcome"},
            {"location": "#texts", "title": "Texts", "text": "five"},
            {"location": "texts/sample/", "title": "Sample 2020", "text": "First words"},
            {"location": "texts/sample/#title", "title": "The Title", "text": "everything"},
        ],
    }
    pages = {
        "": "<article class='md-content__inner'><h1 id='home'>Home</h1></article>",
        "texts/sample/": PAGE,
    }
    out = rewrite_search_index(index, pages.get)
    docs = out["docs"]
    assert out["config"] == index["config"]
    assert docs[:2] == index["docs"][:2]
    assert docs[2] == {"location": "texts/sample/", "title": "Sample 2020", "text": ""}
    assert [d["location"] for d in docs[3:5]] == ["texts/sample/#title", "texts/sample/#p1"]


@pytest.mark.parametrize(
    ("location", "file"),
    [
        ("", "index.html"),
        ("texts/x/", "texts/x/index.html"),
        ("texts/x/#p1", "texts/x/index.html"),
        ("index.html", "index.html"),
        ("texts/x.html#fn:2", "texts/x.html"),
    ],
)
def test_page_file_for_both_url_styles(location: str, file: str) -> None:
    """Directory URLs online, ``.html`` files offline."""
    assert page_file(Path("/s"), location) == Path("/s") / file


def test_documents_move_out_of_materials_index(tmp_path: Path) -> None:
    """Material's index (fetched by every page) keeps the config alone; the split
    documents go to search/paragraphs.js, which reads back as the whole index."""
    site = tmp_path
    (site / "search").mkdir()
    (site / "texts" / "sample").mkdir(parents=True)
    (site / "texts" / "sample" / "index.html").write_text(PAGE, encoding="utf-8")
    config = {"lang": ["en", "ru"], "separator": "[\\s]+"}
    index = {"config": config, "docs": [{"location": "texts/sample/", "title": "S", "text": ""}]}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")

    count = rewrite_site_index(site)

    stub = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert stub == {"config": config, "docs": []}
    script = (site / DOCUMENTS_FILE).read_text("utf-8")
    assert script.startswith("self.readerSearchIndex = {") and script.endswith(";\n")
    whole = read_site_index(site)
    assert whole["config"] == config and len(whole["docs"]) == count == 7
    assert "Бюджет Россотрудничества // x" in script  # UTF-8, not \\u escapes


def test_a_site_without_search_is_left_alone(tmp_path: Path) -> None:
    assert rewrite_site_index(tmp_path) == 0
    assert not (tmp_path / DOCUMENTS_FILE).exists()


def test_vendored_lunr_is_the_pinned_npm_package() -> None:
    """docs/assets/search/lunr.min.js is node_modules/lunr/lunr.min.js at the version
    package.json pins (the build needs no node_modules; this keeps the copy honest)."""
    vendored = (ROOT / "docs" / "assets" / "search" / "lunr.min.js").read_text("utf-8")
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["dependencies"]["lunr"]
    assert f" - {pinned}\n" in vendored.split("*/")[0]
    installed = ROOT / "node_modules" / "lunr" / "lunr.min.js"
    if installed.is_file():
        assert installed.read_text("utf-8") == vendored


# ------------------------------------------------------------------ the real site


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the current docs/ (once for this module)."""
    site = tmp_path_factory.mktemp("search") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{done.stderr[-3000:]}")
    return site


@pytest.fixture(scope="module")
def real_index(built_site: Path) -> dict:
    """The built site's whole search index (config and documents)."""
    return read_site_index(built_site)


@pytest.mark.slow
def test_every_numbered_paragraph_and_note_is_a_document(
    built_site: Path, real_index: dict
) -> None:
    """Each ``id="pN"`` and footnote ``id="fn:N"`` of each text page has its document."""

    locations = {d["location"] for d in real_index["docs"]}
    for page in sorted((built_site / "texts").glob("*/index.html")):
        slug = page.parent.name
        html = page.read_text(encoding="utf-8")
        ids = re.findall(r'<(?:p|li|blockquote)[^>]* id="(p\d+)"', html)
        notes = re.findall(r'<li id="(fn:[^"]+)"', html)
        assert ids, slug
        missing = [i for i in ids + notes if f"texts/{slug}/#{i}" not in locations]
        missing = [
            i
            for i in missing
            if not i.startswith("fn:")
            or "missing-note" not in html.split(f'id="{i}"')[1].split("</li>")[0]
        ]
        assert not missing, f"{slug}: no search document for {missing[:5]}"


@pytest.mark.slow
def test_pages_fetch_only_the_config(built_site: Path, real_index: dict) -> None:
    """Material's search_index.json, fetched by every page, has no documents; the Cyrillic
    footnotes are in the documents the worker loads."""
    stub = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert stub["docs"] == [] and stub["config"]["lang"] == ["en", "ru"]
    assert len(real_index["docs"]) > 500
    notes = [d for d in real_index["docs"] if d["location"].startswith("texts/gussarova-2017/#fn:")]
    assert any("Россотрудничества" in d["text"] for d in notes)


@pytest.mark.slow
def test_every_page_names_our_worker(built_site: Path) -> None:
    """The theme points Material's search at assets/search/worker.js on every page."""
    for page in (built_site / "index.html", built_site / "texts" / "kosachev-2012" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'config\.search = "(\.\./)*assets/search/worker\.js"', html), page
    assert (built_site / "assets" / "search" / "worker.js").is_file()


@pytest.mark.slow
def test_tooltips_and_numbers_stay_out_of_paragraphs(real_index: dict) -> None:
    """The glossary tip beside 'Priznanie Foundation' is not in Makarychev's ¶ 17."""
    doc = next(d for d in real_index["docs"] if d["location"] == "texts/makarychev-2011/#p17")
    assert doc["text"].startswith("First, one may argue")
    assert "Priznanie Foundation" in doc["text"]
    assert "worked briefly in 2009" not in doc["text"]  # the tip's definition


def run_worker(site: Path, queries: list[str], limit: int = 5) -> dict:
    """Each query's first ``limit`` result locations, best first, from the site's worker
    under Node."""
    done = subprocess.run(
        ["node", str(RUNNER), str(site), str(limit)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)["results"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_first_hits_with_the_site_worker(built_site: Path) -> None:
    """Real queries through the worker the browser runs: where the first hit lands (the
    result Material's Enter key opens), for exact words, word forms and typos."""
    from browser.test_search import LANDINGS, MORPHOLOGY, TYPOS

    landings = LANDINGS + MORPHOLOGY + TYPOS
    results = run_worker(built_site, [landing.query for landing in landings])
    for landing in landings:
        found = results[landing.query]["locations"]
        assert found, landing.query
        assert re.fullmatch(f"{landing.page}/#{landing.fragment}", found[0]), (
            f"{landing.query!r} → {found[0]}"
        )
    assert results["Kalashnikof"]["fixes"] == ["kalashnikov"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_phrases_rank_first_and_quotes_require_them(built_site: Path, real_index: dict) -> None:
    """Passages with the words as a phrase come before those with the words apart; a
    quoted query finds only the phrase; an unquoted one also finds the words apart."""
    text = {d["location"]: d["text"] for d in real_index["docs"]}
    # every result, not the first five: the quoted query's must all be among the loose one's
    results = run_worker(built_site, ["Russian world", '"stick and carrot"', "stick carrot"], 999)
    phrase = re.compile(r"russian\W+world", re.I)
    assert phrase.search(text[results["Russian world"]["locations"][0]])
    quoted = results['"stick and carrot"']["locations"]
    assert quoted and all(re.search(r"stick and carrot", text[x], re.I) for x in quoted)
    loose = results["stick carrot"]["locations"]
    assert set(quoted) <= set(loose)


WORKER_JS = r"""
const fs = require("fs"), vm = require("vm");
const ctx = { console, URL, addEventListener: () => {} };
ctx.self = ctx;
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), ctx);
const cases = JSON.parse(process.argv[3]);
console.log(JSON.stringify({
  oneEdit: cases.oneEdit.map(([a, b]) => ctx.oneEdit(a, b)),
  fold: cases.fold.map(word => ctx.fold(word)),
  tokens: cases.tokens.map(text => ctx.tokenize(text).map(([word]) => word)),
}));
"""

ONE_EDIT = [
    (("kalashnikof", "kalashnikov"), True),  # substitution
    (("rusophobia", "russophobia"), True),  # insertion
    (("skripall", "skripal"), True),  # deletion
    (("xuetnog", "xuetong"), True),  # a swap of neighbours
    (("russofobia", "russophobia"), False),  # two edits
    (("nye", "nye"), True),
    (("abc", "abcde"), False),
]
FOLD = [("Россотрудничества", "россотрудничества"), ("Ёлка", "елка"), ("vis-à-vis", "vis-a-vis")]
TOKENS = [
    ("Ernst &amp; Young", ["ernst", "young"]),
    ("<p>Organisation</p> <p>A foundation</p>", ["organisation", "a", "foundation"]),
    ("Ust-Kamenogorsk, 2015/2016", ["ust", "kamenogorsk", "2015", "2016"]),
]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_worker_edits_folds_and_tokens(tmp_path: Path) -> None:
    """The worker's own pieces: one-edit neighbours (Damerau), folding (case, ё, accents)
    and words (entities and tags are not words; hyphens and slashes split)."""
    script = tmp_path / "pieces.js"
    script.write_text(WORKER_JS, encoding="utf-8")
    cases = {
        "oneEdit": [pair for pair, _ in ONE_EDIT],
        "fold": [word for word, _ in FOLD],
        "tokens": [text for text, _ in TOKENS],
    }
    worker = ROOT / "docs" / "assets" / "search" / "worker.js"
    done = subprocess.run(
        ["node", str(script), str(worker), json.dumps(cases)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    got = json.loads(done.stdout)
    assert got["oneEdit"] == [expected for _, expected in ONE_EDIT]
    assert got["fold"] == [expected for _, expected in FOLD]
    assert got["tokens"] == [expected for _, expected in TOKENS]
