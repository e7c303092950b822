"""BibTeX fields to CSL-JSON.

citeproc-py's own BibTeX reader understands little of biblatex (no ``date``, ``urldate``,
``langid``, corporate authors), so :func:`entry_to_csl` converts one entry's fields into a
CSL-JSON item here; :mod:`reader.inputs.csl_render` hands the items to citeproc-py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

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
    """One BibTeX name as a CSL name, split into first, von, last and jr by bibtexparser's
    name middleware (:func:`parse_single_name_into_parts`, BibTeX's own rules);
    ``{Corporate}`` names stay whole.

    >>> parse_name("Nye, Jr., Joseph S.")
    {'family': 'Nye', 'given': 'Joseph S.', 'suffix': 'Jr.'}
    >>> parse_name("{Ernst & Young}")
    {'literal': 'Ernst & Young'}
    >>> parse_name("Jan van der Berg")
    {'family': 'van der Berg', 'given': 'Jan'}
    """
    name = name.strip()
    if name.startswith("{") and name.endswith("}") and split_top_level(name, ",") == [name]:
        return {"literal": strip_braces(name)}
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except InvalidNameError:
        return {"literal": strip_braces(name)}
    out = {
        "family": strip_braces(" ".join(parts.von + parts.last)),
        "given": strip_braces(" ".join(parts.first)),
        "suffix": strip_braces(" ".join(parts.jr)),
    }
    return {key: value for key, value in out.items() if value}


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
