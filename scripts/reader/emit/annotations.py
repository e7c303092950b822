"""Annotations to Markdown: light, standard markers; the bodies stand elsewhere, once.

An annotation over source words (a glossary term, a citation) becomes a plain Markdown
link to the full entry, with a class (attr_list)::

    [soft power](../glossary.md#soft-power){ .term }
    [the ability to get what you want](../bibliography.md#ref-nye2004soft){ .bibref }

An editors' note ("note", "see also", "disagrees") is an empty link to its body in the
page's "Editors' notes" list (:mod:`reader.emit.notes`), its label drawn by CSS generated
content and named by ``aria-label``, so no editorial word stands in the text::

    [](#note-putin-ambassadors){ #ref-note-putin-ambassadors .mark .mark--note aria-label="…" }

The definitions and references (the tip bodies) are page data (:func:`reader.emit.notes.
tip_data`, one entry per target), which ``docs/assets/annotations.js`` shows on hover,
focus and tap. Without a script every term still links to its entry and every note is
in the list. The links are Markdown, so MkDocs rewrites them for either URL style and
checks them under ``--strict``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reader.core.model import Annotation

#: The label of each kind of editors' note (CSS draws it; the ``aria-label`` says it).
NOTE_LABELS: dict[str, str] = {"note": "note", "xref": "see also", "disagrees": "disagrees"}
#: The class of the link over source words, by annotation kind.
WORD_CLASSES: dict[str, str] = {"term": "term", "cite": "bibref"}
SAFE_SCHEMES = ("http", "https", "mailto")

# Characters that HTML or Markdown (with any common extension) could read as syntax.
_ACTIVE = set("&<>\"'\\`*_{}[]()#+-.!|~^=:$%@")
#: Each of them, and "/", as its numeric character reference (a ``str.translate`` table).
_LITERAL = {ord(ch): f"&#{ord(ch)};" for ch in _ACTIVE | {"/"}}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def escape_literal(text: str) -> str:
    """``text`` as Markdown-with-HTML that renders literally: every character Markdown or
    HTML could interpret becomes a numeric character reference, whatever extensions run.

    >>> escape_literal("<b>*x*</b>")
    '&#60;b&#62;&#42;x&#42;&#60;&#47;b&#62;'
    """
    return text.translate(_LITERAL)


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


def note_id(node: Annotation) -> str:
    """The anchor of a note's body in the page's notes list: ``note-<declared id>``.

    >>> note_id(Annotation("note", "kosachev-2012/putin", ()))
    'note-putin'
    """
    name = node.target.rsplit("/", 1)[-1] or node.kind
    return "note-" + (_ID_UNSAFE.sub("-", name).strip("-") or "x")


def note_label(node: Annotation) -> str:
    """What a screen reader says for a note marker: "Editors' note: see also"."""
    return f"Editors’ note: {NOTE_LABELS.get(node.kind, node.kind)}"


def is_note(node: Annotation) -> bool:
    """True for an editors' note (its body goes to the notes list, not over words)."""
    return node.kind in NOTE_LABELS


def render_annotation(node: Annotation, inner: str) -> str:
    """Inline Markdown for an annotation of any kind; ``inner`` is the rendered words."""
    if node.kind not in WORD_CLASSES:
        nid = note_id(node)
        kind = _ID_UNSAFE.sub("-", node.kind)
        return f'[](#{nid}){{ #ref-{nid} .mark .mark--{kind} aria-label="{note_label(node)}" }}'
    css = WORD_CLASSES[node.kind]
    href = safe_href(node.href)
    if not href or not inner.strip():
        return f'<span class="{css}">{inner}</span>' if inner.strip() else inner
    return f"[{inner}]({href}){{ .{css} }}"
