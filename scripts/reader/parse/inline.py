"""Inline parsing: the small Markdown-like subset the extracted texts contain.

Recognised: ``*emphasis*``, ``**strong**``, ``[text](url)`` (an empty or ``#`` target
is a link the extraction lost), ``<http://…>`` autolinks, bare URLs, ``\\*`` escapes,
``<sup>…</sup>``, superscript-digit footnote markers (¹²³), and digits glued to words as
footnote markers when the caller expects them. Anything else is literal text. A text
whose profile reads no markup still has its ``<sup>…</sup>`` pairs, bare URLs and
superscript markers read: the conservation check counts a ``<sup>`` pair as markup in
every text, and a ``<sup>`` shown literally would be a word the source "lacks".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.core.model import (
    Emphasis,
    FootnoteRef,
    Inline,
    Inlines,
    Lang,
    Link,
    Strong,
    Superscript,
    Text,
    map_text,
)

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_TOKEN = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!<>|])"
    r"|(?P<sup><sup>(?P<sup_body>.*?)</sup>)"
    r"|(?P<autolink><(?P<auto_url>https?://[^>\s]+)>)"
    r"|(?P<link>\[(?P<link_text>[^\]]+)\]\((?P<link_url>[^)\s]*)\))"
    r"|(?P<strong>\*\*(?=\S)(?P<strong_body>.+?)(?<=\S)\*\*)"
    r"|(?P<em>\*(?=[^\s*])(?P<em_body>.+?)(?<=[^\s*])\*)"
    r"|(?P<url>https?://[^\s<>]+)"
    r"|(?P<supnote>(?<=[\w.,;:”’\")\]»])[" + SUPERSCRIPT_DIGITS + r"]+)"
)
#: Link targets the edition keeps as links; any other ``[text](target)`` stays literal.
_SAFE_URL = re.compile(r"^(?:https?://|mailto:)", re.I)
_URL_TRAILING = ".,;:»”’\"'"


@dataclass
class InlineOptions:
    """What the inline parser should look for in one text.

    ``glued_markers`` is a counter of the next expected glued footnote number (digits
    glued to a word, as in "Makarychev1"); None turns glued markers off.
    """

    superscript_notes: bool = True
    markup: bool = True  # read the Markdown-like subset; otherwise only bare URLs
    glued_markers: list[int] | None = None
    refs: list[str] = field(default_factory=list)


def parse_inlines(text: str, options: InlineOptions | None = None) -> Inlines:
    """Parse one block's text into inline nodes."""
    options = options or InlineOptions()
    nodes = _parse(text, options)
    if options.glued_markers is not None:
        nodes = map_text(nodes, lambda t: _glued(t, options))
    return merge_text(mark_cyrillic(nodes))


def _parse(text: str, options: InlineOptions) -> list[Inline]:
    nodes: list[Inline] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() < pos:
            continue
        if match.start() > pos:
            nodes.append(Text(text[pos : match.start()]))
        node, end = _node(match, options)
        nodes.extend(node)
        pos = end
    if pos < len(text):
        nodes.append(Text(text[pos:]))
    return nodes


def _node(match: re.Match, options: InlineOptions) -> tuple[list[Inline], int]:
    kind = match.lastgroup
    end = match.end()
    if not options.markup and kind not in ("url", "supnote", "sup"):
        return [Text(match.group())], end
    if kind == "escape":
        return [Text(match.group()[1])], end
    if kind == "sup":
        return [Superscript(tuple(_parse(match.group("sup_body"), options)))], end
    if kind == "autolink":
        url = match.group("auto_url")
        return [Link(url, (Text(url),))], end
    if kind == "link":
        url = match.group("link_url")
        url = "" if url in ("", "#") else url
        if url and not _SAFE_URL.match(url):  # javascript:, data:, a relative path…
            return [Text(match.group())], end  # kept as the literal text it is
        return [Link(url, tuple(_parse(match.group("link_text"), options)))], end
    if kind == "strong":
        return [Strong(tuple(_parse(match.group("strong_body"), options)))], end
    if kind == "em":
        return [Emphasis(tuple(_parse(match.group("em_body"), options)))], end
    if kind == "url":
        url = match.group()
        trimmed = _trim_url(url)
        return [Link(trimmed, (Text(trimmed),))], match.start() + len(trimmed)
    if kind == "supnote" and options.superscript_notes:
        label = "".join(_SUPER_TO_DIGIT[c] for c in match.group())
        options.refs.append(label)
        return [FootnoteRef(label)], end
    return [Text(match.group())], end


def _trim_url(url: str) -> str:
    while url and url[-1] in _URL_TRAILING:
        url = url[:-1]
    if url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


_GLUED = re.compile(r"(?<=[^\W\d_]|[.,;:”’\")\]])(\d{1,2})(?=[\s—–.,;:)”]|$)")


def _glued(node: Text, options: InlineOptions) -> Inlines:
    """Split footnote markers glued to words ("Makarychev1") off, in expected order."""
    expected = options.glued_markers
    assert expected is not None
    out: list[Inline] = []
    pos = 0
    for match in _GLUED.finditer(node.text):
        if int(match.group(1)) != expected[0]:
            continue
        out.append(Text(node.text[pos : match.start()]))
        out.append(FootnoteRef(match.group(1)))
        options.refs.append(match.group(1))
        expected[0] += 1
        pos = match.end()
    out.append(Text(node.text[pos:]))
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


_CYRILLIC_RUN = re.compile(
    r"[\u0400-\u04ff](?:[\u0400-\u04ff\s\d.,:;!?«»\"'()№%/–—-]*[\u0400-\u04ff»)])?"
)


def mark_cyrillic(nodes: Inlines | list[Inline]) -> Inlines:
    """Wrap runs of Cyrillic text in ``Lang("ru")`` so browsers and readers know."""
    return map_text(tuple(nodes), _split_cyrillic)


def _split_cyrillic(node: Text) -> Inlines:
    out: list[Inline] = []
    pos = 0
    for match in _CYRILLIC_RUN.finditer(node.text):
        if match.start() > pos:
            out.append(Text(node.text[pos : match.start()]))
        out.append(Lang("ru", (Text(match.group()),)))
        pos = match.end()
    if pos < len(node.text):
        out.append(Text(node.text[pos:]))
    return tuple(out) if out else (node,)


def merge_text(nodes: Inlines) -> Inlines:
    """Merge adjacent Text nodes and drop empty ones (recursively)."""
    out: list[Inline] = []
    for node in nodes:
        children = getattr(node, "children", None)
        if children is not None:
            from dataclasses import replace

            node = replace(node, children=merge_text(children))
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
        out.append(node)
    return tuple(out)


def superscript_label(text: str) -> str | None:
    """The footnote number a line starts with in superscript digits ("¹² Text" → "12")."""
    match = re.match(r"^([" + SUPERSCRIPT_DIGITS + r"]+)\s", text)
    if not match:
        return None
    return "".join(_SUPER_TO_DIGIT[c] for c in match.group(1))


def nfkc(text: str) -> str:
    """Unicode NFKC normalisation (superscript digits become digits)."""
    return unicodedata.normalize("NFKC", text)


Transform = Callable[[Text], Inlines]
