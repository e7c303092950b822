"""Annotations to Markdown: one accessible popover design for terms, citations, cross-links
and notes.

An annotation becomes, inside the emitted ``docs/texts/<slug>.md``::

    <span class="annotation annotation--term" data-annotation="term">
      <button type="button" class="annotation__trigger" aria-describedby="ID">words</button>
      <span class="annotation__tip editorial">
        <span class="annotation__text" id="ID" data-search-exclude>tooltip text</span>
        <span class="annotation__more" data-search-exclude>[Glossary entry](../glossary.md#…)</span>
      </span>
    </span>

(on one line). The source words stay in the page, in search and in the word count; the
tooltip is editorial (class ``editorial``), excluded from search (``data-search-exclude``
on its leaf spans: Material's search parser
matches excluded elements by tag name, so an excluded span must not contain another span)
and escaped character by character, so a definition containing HTML or Markdown shows as
text. ``docs/assets/annotations.css`` shows the tip on hover and keyboard focus;
``docs/assets/annotations.js`` adds tap-to-open and Escape. The design needs neither a
``title`` attribute (which Material's instant previews strip from links) nor a script run
per page, so it survives ``navigation.instant``. The link to the full entry is a Markdown
link, so MkDocs resolves it for directory or file URLs and checks it under ``--strict``.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from reader.core.model import Annotation

#: The label of the link inside the tip, by annotation kind.
MORE_LABELS: dict[str, str] = {
    "term": "Glossary entry",
    "cite": "Full reference",
    "xref": "Go to the passage",
    "note": "Read the note",
}
SAFE_SCHEMES = ("http", "https", "mailto")

# Characters that HTML or Markdown (with any common extension) could read as syntax.
_ACTIVE = set("&<>\"'\\`*_{}[]()#+-.!|~^=:$%@")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def escape_literal(text: str) -> str:
    """``text`` as Markdown-with-HTML that renders literally: every character Markdown or
    HTML could interpret becomes a numeric character reference, whatever extensions run.

    >>> escape_literal("<b>*x*</b>")
    '&#60;b&#62;&#42;x&#42;&#60;&#47;b&#62;'
    """
    return "".join(f"&#{ord(ch)};" if ch in _ACTIVE or ch == "/" else ch for ch in text)


def annotation_id(node: Annotation, inner_html: str, uid: str = "") -> str:
    """The id of the tooltip text: ``tip-<uid>`` when the caller numbers annotations on a
    page, else a hash of the annotation (unique only if the same words with the same
    annotation do not recur on the page)."""
    if uid:
        return "tip-" + _ID_UNSAFE.sub("-", uid).strip("-")
    digest = hashlib.sha1(
        "\x1f".join((node.kind, node.target, node.tooltip, inner_html)).encode("utf-8")
    ).hexdigest()[:10]
    return f"tip-{_ID_UNSAFE.sub('-', node.kind)}-{digest}"


def safe_href(href: str) -> str:
    """``href`` made safe for a Markdown link destination, or "" if it must not be linked
    (a script or data URL). Relative paths such as ``../glossary.md#id`` are kept."""
    href = href.strip()
    if not href:
        return ""
    scheme = urlsplit(href).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return ""
    for ch, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        href = href.replace(ch, code)
    return href.replace('"', "%22").replace("\\", "%5C")


def render_annotation(node: Annotation, inner_html: str, *, uid: str = "") -> str:
    """Inline Markdown (HTML tags around one Markdown link) for an annotation of any kind.

    ``inner_html`` is the already rendered content of the annotated words; ``uid``, unique
    on the page (e.g. ``p12-3``), makes the tooltip id unique when words recur.
    """
    kind = _ID_UNSAFE.sub("-", node.kind) or "note"
    tip_id = annotation_id(node, inner_html, uid)
    parts = [
        f'<span class="annotation annotation--{kind}" data-annotation="{kind}">',
        f'<button type="button" class="annotation__trigger" aria-describedby="{tip_id}">',
        inner_html,
        "</button>",
        '<span class="annotation__tip editorial">',
        f'<span class="annotation__text" id="{tip_id}" data-search-exclude>',
        escape_literal(node.tooltip),
        "</span>",
    ]
    href = safe_href(node.href)
    if href:
        label = escape_literal(MORE_LABELS.get(node.kind, "More"))
        parts.append(
            f' <span class="annotation__more" data-search-exclude>[{label}]({href})</span>'
        )
    parts.append("</span></span>")
    return "".join(parts)
