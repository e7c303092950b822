"""RIS records from CSL-JSON items, for the "Cite this text" downloads (``.ris``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: CSL type -> RIS type (``GEN`` for the rest).
RIS_TYPES: dict[str, str] = {
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "article-magazine": "MGZN",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "legislation": "STAT",
    "dataset": "DATA",
    "interview": "GEN",
    "speech": "GEN",
    "document": "GEN",
    "manuscript": "UNPB",
    "pamphlet": "PAMP",
}


def ris_record(item: Mapping[str, Any]) -> str:
    """One CSL-JSON item as an RIS record ending in ``ER  -``."""
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN"))]
    lines += [("AU", _ris_name(n)) for n in item.get("author", [])]
    lines += [("ED", _ris_name(n)) for n in item.get("editor", [])]
    lines.append(("TI", _plain(item.get("title", ""))))
    container_tag = "JO" if item["type"] == "article-journal" else "T2"
    simple = [
        (container_tag, "container-title"),
        ("VL", "volume"),
        ("IS", "issue"),
        ("M1", "number"),
        ("PB", "publisher"),
        ("CY", "publisher-place"),
        ("UR", "URL"),
        ("DO", "DOI"),
        ("LA", "language"),
        ("N1", "note"),
    ]
    lines += [(tag, _plain(str(item[name]))) for tag, name in simple if item.get(name)]
    lines += _ris_pages(item.get("page", ""))
    lines += _ris_date("PY", "DA", item.get("issued")) + _ris_date("", "Y2", item.get("accessed"))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value) + "\nER  - \n"


def _ris_name(name: Mapping[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    given = ", ".join(p for p in (name.get("given", ""), name.get("suffix", "")) if p)
    return f"{name.get('family', '')}, {given}" if given else name.get("family", "")


def _ris_pages(page: str) -> list[tuple[str, str]]:
    if not page:
        return []
    start, _, end = page.partition("–")
    return [("SP", start), ("EP", end)]


def _ris_date(year_tag: str, date_tag: str, value: Mapping[str, Any] | None):
    if not value or not value.get("date-parts"):
        return []
    parts = value["date-parts"][0]
    padded = [str(parts[0]), *(f"{p:02d}" for p in parts[1:])] + [""] * (3 - len(parts))
    out = [(date_tag, "/".join(padded) + "/")] if len(parts) > 1 else []
    return [(year_tag, str(parts[0])), *out] if year_tag else out


def _plain(text: str) -> str:
    return re.sub(r"</?span[^>]*>", "", text).replace("\n", " ")
