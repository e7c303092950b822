"""What a text page needs to be cited: Highwire tags, JSON-LD, references, redirects.

Everything comes from ``references.bib`` (through :class:`reader.inputs.bibliography.Bibliography`
and its CSL-JSON form) and the text's metadata. :func:`citation_data` gathers it at build
time; the pipeline's last pass attaches it to the document (:func:`with_page_data`) and
the emitter puts it in the page's front matter under ``reader:``, where the theme
override (``scripts/theme/main.html``) renders the ``<meta>`` tags, the JSON-LD, the data
blocks that ``cite.js`` reads, and the "Cite this text" block. The template escapes every
value; nothing here is HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.meta import Meta
from reader.core.model import Document
from reader.emit.edition_cite import paragraph_citations, paragraph_exports, paragraph_item
from reader.inputs.editions import EditionInfo
from reader.inputs.mkdocs_config import SiteInfo

STYLES = {"chicago": "chicago-author-date", "apa": "apa"}
_TAG = re.compile(r"<[^>]+>")
JSONLD_TYPES = {"article-journal": "ScholarlyArticle", "report": "Report"}


@dataclass(frozen=True)
class _PageDocument(Document):
    """A document that carries data for its page's front matter (``reader:``)."""

    page_data: dict = field(default_factory=dict, hash=False, compare=False)


def with_page_data(doc: Document, data: dict[str, Any]) -> Document:
    """The document with ``data`` added to what its page's front matter carries."""
    merged = {**page_data(doc), **data}
    fields = {name: getattr(doc, name) for name in Document.__dataclass_fields__}
    return _PageDocument(**fields, page_data=merged)


def page_data(doc: Document) -> dict[str, Any]:
    """The extra front-matter data a pass attached to the document (empty if none)."""
    return dict(getattr(doc, "page_data", {}) or {})


# ------------------------------------------------------------------------ the data


def _text(value: Any) -> str:
    return _TAG.sub("", str(value or "")).strip()


def _names(item: dict[str, Any]) -> list[dict[str, str]]:
    return item.get("author") or item.get("editor") or []


def _name_inverted(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(p for p in (name.get("family", ""), name.get("given", "")) if p)


def _name_direct(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return " ".join(p for p in (name.get("given", ""), name.get("family", "")) if p)


def _date_parts(item: dict[str, Any]) -> list[int]:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return [int(p) for p in parts[0]]


def _pages(item: dict[str, Any]) -> tuple[str, str]:
    first, _, last = str(item.get("page", "")).replace("--", "–").replace("-", "–").partition("–")
    return first.strip(), last.strip()


def highwire_tags(meta: Meta, item: dict[str, Any], url: str) -> list[list[str]]:
    """Highwire Press ``citation_*`` tags as ``[name, content]`` pairs (unescaped)."""
    tags = [["citation_title", _text(item.get("title")) or meta.title]]
    tags += [["citation_author", _name_inverted(n)] for n in _names(item)]
    date = _date_parts(item)
    if date:
        tags.append(["citation_publication_date", "/".join(f"{p:02d}" for p in date)])
    container = _text(item.get("container-title"))
    publisher = _text(item.get("publisher"))
    if item.get("type") == "article-journal" and container:
        tags.append(["citation_journal_title", container])
    elif container and not publisher:
        publisher = container
    if item.get("type") == "report" and publisher:
        tags.append(["citation_technical_report_institution", publisher])
        if item.get("number"):
            tags.append(["citation_technical_report_number", _text(item["number"])])
    if publisher:
        tags.append(["citation_publisher", publisher])
    for name, key in (("citation_volume", "volume"), ("citation_issue", "issue")):
        if item.get(key):
            tags.append([name, _text(item[key])])
    first, last = _pages(item)
    if first:
        tags.append(["citation_firstpage", first])
    if last:
        tags.append(["citation_lastpage", last])
    tags.append(["citation_public_url", url])
    tags.append(["citation_language", meta.language or _text(item.get("language"))])
    return tags


def json_ld(meta: Meta, item: dict[str, Any], url: str, site: SiteInfo) -> dict[str, Any]:
    """A schema.org description of the text (ScholarlyArticle, Report or Article)."""
    kind = JSONLD_TYPES.get(str(item.get("type")), "Article")
    people = [{"@type": "Person", "name": _name_direct(n)} for n in _names(item)]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": url,
        "url": url,
        "name": _text(item.get("title")) or meta.title,
        "headline": meta.title,
    }
    data["editor" if not item.get("author") and item.get("editor") else "author"] = people
    date = _date_parts(item)
    if date:
        data["datePublished"] = "-".join([str(date[0]), *(f"{p:02d}" for p in date[1:])])
    if meta.genre:
        data["genre"] = meta.genre
    data["inLanguage"] = meta.language
    container = _text(item.get("container-title"))
    publisher = _text(item.get("publisher"))
    if item.get("type") == "article-journal" and container:
        part: dict[str, Any] = {"@type": "Periodical", "name": container}
        if item.get("volume"):
            part = {
                "@type": "PublicationVolume",
                "volumeNumber": _text(item["volume"]),
                "isPartOf": part,
            }
        if item.get("issue"):
            part = {
                "@type": "PublicationIssue",
                "issueNumber": _text(item["issue"]),
                "isPartOf": part,
            }
        data["isPartOf"] = part
    elif container and not publisher:
        publisher = container
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    if kind == "Report" and item.get("number"):
        data["reportNumber"] = _text(item["number"])
    first, last = _pages(item)
    if first:
        data["pagination"] = f"{first}–{last}" if last else first
    if meta.source_url or item.get("URL"):
        data["sameAs"] = meta.source_url or _text(item.get("URL"))
    if site.site_name:
        data["mainEntityOfPage"] = {
            "@type": "WebPage",
            "@id": url,
            "isPartOf": {"@type": "WebSite", "name": site.site_name, "url": site.site_url},
        }
    return data


def citation_data(
    meta: Meta, bib: Any, site: SiteInfo, redirects: dict[str, str]
) -> dict[str, Any]:
    """The front-matter data of a text page: URL, redirects, tags, JSON-LD, references."""
    url = site.page_url(meta.slug)
    data: dict[str, Any] = {"url": url, "redirects": dict(redirects)}
    if bib is None or meta.bib_key not in bib:
        return data
    item = bib.csl_item(meta.bib_key)  # not the whole bibliography for every text
    data["citation"] = {
        "meta": highwire_tags(meta, item, url),
        "jsonld": json_ld(meta, item, url, site),
    }
    data["cite"] = {
        "label": meta.citation_label,
        **{name: bib.format_reference_text(meta.bib_key, style) for name, style in STYLES.items()},
        "bibtex": bib.entry_bibtex(meta.bib_key),
        "ris": bib.entry_ris(meta.bib_key),
        "bib_file": f"{meta.slug}.bib",
        "ris_file": f"{meta.slug}.ris",
        "url": url,
        "paragraph": edition_citations(meta, item, url, site.edition, bib.cache_dir),
    }
    return data


def edition_citations(
    meta: Meta, item: dict, url: str, edition: EditionInfo, csl_cache: Path | None = None
) -> dict[str, Any]:
    """A paragraph's citation as part of this edition, in every style and format, as
    templates that cite.js fills (:mod:`reader.emit.edition_cite`; citeproc's output kept
    in ``csl_cache`` with the bibliography's), and the version."""
    part = paragraph_item(meta, item, url, edition)
    version = edition.current
    return {
        "styles": paragraph_citations(part, csl_cache),
        **paragraph_exports(part),
        "edition": edition.title,
        "version": {"number": version.number, "date": version.date} if version else None,
    }


def citation_files(documents: list[Document], bib: Any) -> dict[str, str]:
    """Per-text ``texts/<slug>.bib`` and ``texts/<slug>.ris`` files, by path under docs/."""
    files: dict[str, str] = {}
    if bib is None:
        return files
    for doc in documents:
        key = doc.meta.bib_key
        if key in bib:
            files[f"texts/{doc.meta.slug}.bib"] = bib.entry_bibtex(key)
            files[f"texts/{doc.meta.slug}.ris"] = bib.entry_ris(key)
    return files
