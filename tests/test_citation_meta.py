"""Citation metadata of the text pages: Highwire tags and JSON-LD match references.bib.

The built pages (``site/``, rebuilt with ``reader site`` when older than docs/) are read
with an HTML parser and every ``citation_*`` tag is compared with the text's entry as
bibtexparser reads ``references.bib``; the "Cite this text" block must link per-text
BibTeX and RIS files that exist. The theme partials must escape hostile field values.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import jinja2
import pytest
import yaml

from project_copy import site_build_lock
from reader.core.meta import Author, Meta
from reader.emit.citation_meta import citation_data
from reader.inputs.bibliography import parse_bibliography
from reader.inputs.mkdocs_config import SiteInfo

ROOT = Path(__file__).resolve().parents[1]
SLUGS = sorted(p.parent.name for p in (ROOT / "sources").glob("*/meta.yml"))


class _Head(HTMLParser):
    """Collects meta tags, the canonical link, JSON-LD and download links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.canonical = ""
        self.jsonld: list[str] = []
        self.links: list[str] = []
        self._script = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content") or ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href") or ""
        elif tag == "script":
            self._script = a.get("type") or ""
            if self._script == "application/ld+json":
                self.jsonld.append("")
        elif tag == "a" and "download" in a:
            self.links.append(a.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = ""

    def handle_data(self, data):
        if self._script == "application/ld+json":
            self.jsonld[-1] += data


@pytest.fixture(scope="module")
def site() -> Path:
    """The built site: $SITE_DIR, or site/ rebuilt when missing or older than docs/."""
    if os.environ.get("SITE_DIR"):
        return Path(os.environ["SITE_DIR"])
    site = ROOT / "site"
    index = site / "index.html"

    def stale() -> bool:
        newest = max(p.stat().st_mtime for p in (ROOT / "docs").rglob("*") if p.is_file())
        return not index.is_file() or index.stat().st_mtime < newest

    if stale():
        with site_build_lock():  # another xdist worker may be building it
            if stale():
                reader = Path(sys.executable).parent / "reader"
                done = subprocess.run(
                    [str(reader), "site"], cwd=ROOT, capture_output=True, text=True
                )
                assert done.returncode == 0, done.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def bib() -> dict[str, dict[str, str]]:
    """references.bib as bibtexparser reads it: key -> field -> value (braces stripped)."""
    library = bibtexparser.parse_file(str(ROOT / "references.bib"))
    return {
        e.key: {"@type": e.entry_type.lower()}
        | {f.key.lower(): re.sub(r"[{}]", "", str(f.value)) for f in e.fields}
        for e in library.entries
    }


def read_page(site: Path, slug: str) -> _Head:
    head = _Head()
    head.feed((site / "texts" / slug / "index.html").read_text(encoding="utf-8"))
    return head


def bib_key(slug: str) -> str:
    data = yaml.safe_load((ROOT / "sources" / slug / "meta.yml").read_text(encoding="utf-8"))
    return data["bib_key"]


def test_five_texts():
    assert len(SLUGS) == 5


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_highwire_tags_match_references_bib(site, bib, slug):
    entry = bib[bib_key(slug)]
    head = read_page(site, slug)
    tags: dict[str, list[str]] = {}
    for name, content in head.meta:
        tags.setdefault(name, []).append(content)
    people = entry.get("author") or entry.get("editor")
    assert tags["citation_title"] == [entry["title"]]
    assert tags["citation_author"] == [n.strip() for n in people.split(" and ")]
    date = entry.get("date") or entry["year"]
    assert tags["citation_publication_date"][0].replace("/", "-").startswith(date)
    if entry["@type"] == "article":
        assert tags["citation_journal_title"] == [entry["journal"]]
    else:
        publisher = entry.get("institution") or entry.get("organization") or entry["publisher"]
        assert tags["citation_publisher"] == [publisher]
    assert tags.get("citation_volume", [""]) == [entry.get("volume", "")]
    if entry["@type"] == "article":
        assert tags.get("citation_issue", [""]) == [entry.get("number", "")]
    first, _, last = entry.get("pages", "").partition("--")
    assert tags.get("citation_firstpage", [""]) == [first]
    assert tags.get("citation_lastpage", [""]) == [last]
    assert tags["citation_public_url"] == [head.canonical] and head.canonical.endswith(
        f"/texts/{slug}/"
    )
    assert tags["citation_language"] == ["en"] and entry["langid"] == "english"


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_json_ld_and_cite_this_downloads(site, bib, slug):
    key = bib_key(slug)
    entry = bib[key]
    head = read_page(site, slug)
    (raw,) = head.jsonld
    data = json.loads(raw)
    expected = {"article": "ScholarlyArticle", "report": "Report"}.get(entry["@type"], "Article")
    assert data["@context"] == "https://schema.org" and data["@type"] == expected
    assert data["name"] == entry["title"] and data["url"] == head.canonical
    assert data["datePublished"].startswith((entry.get("date") or entry["year"])[:4])
    people = entry.get("author") or entry.get("editor")
    names = data.get("author") or data.get("editor")
    assert len(names) == len(people.split(" and "))
    if entry["@type"] == "article":
        assert json.dumps(data["isPartOf"], ensure_ascii=False).count(entry["journal"]) == 1
    # The page's other downloads (the offline edition in the footer) are not the text's.
    cite_links = {Path(h).name for h in head.links if Path(h).suffix in (".bib", ".ris")}
    assert cite_links == {f"{slug}.bib", f"{slug}.ris"}
    page_dir = site / "texts" / slug
    for href in head.links:
        if Path(href).suffix in (".bib", ".ris"):
            assert (page_dir / href).resolve().is_file(), href
    downloaded = bibtexparser.parse_file(str(site / "texts" / f"{slug}.bib"))
    assert [e.key for e in downloaded.entries] == [key]
    ris = (site / "texts" / f"{slug}.ris").read_text(encoding="utf-8")
    assert ris.startswith("TY  - ") and "ER  - " in ris


HOSTILE = """@article{evil2020,
  author = {Evil, Eve},
  title = {</script><script>alert(1)</script> "quoted" & <b>bold</b>},
  journal = {Journal <img src=x onerror=alert(2)>},
  year = {2020},
}
"""


def render_partials(reader: dict) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "scripts" / "theme")))
    env.filters["url"] = lambda value: value  # MkDocs' own filter makes it page-relative
    page = type("Page", (), {"meta": {"reader": reader}, "canonical_url": ""})()
    return "".join(
        env.get_template(f"partials/{name}.html").render(page=page, config={})
        for name in ("reader-citation-head", "reader-cite-this")
    )


def test_hostile_bib_fields_render_as_text():
    bib = parse_bibliography(HOSTILE, "hostile.bib")
    meta = Meta(
        "evil-2020",
        "Evil",
        (Author("Eve Evil"),),
        "2020",
        "v",
        "essay",
        "evil2020",
        "en",
        "r",
        "p",
        "default",
    )
    reader = citation_data(meta, bib, SiteInfo("https://example.org/r/"), {"p1": "p2"})
    html = render_partials(json.loads(json.dumps(reader)))
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert html.count("<script") == 3  # JSON-LD, redirects, cite data: nothing else
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in html  # the meta tag, as text
    assert "&#34;quoted&#34; &amp;" in html or "&quot;quoted&quot; &amp;" in html
    assert "\\u003c/script\\u003e" in html  # inside JSON: escaped by tojson
