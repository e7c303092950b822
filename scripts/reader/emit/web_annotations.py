"""The editorial annotations as W3C Web Annotation JSON-LD: ``docs/annotations.jsonld``.

One ``AnnotationCollection`` holds every annotation of ``sources/*/annotations.yml``.
Each targets the paragraph it is anchored in: ``target.source`` is the text's page URL,
selected by a ``FragmentSelector`` (the paragraph's anchor, e.g. ``p52``) refined by a
``TextQuoteSelector`` with the exact words and their context as the text now has them
(https://www.w3.org/TR/annotation-model/#refinement-of-selection). An unnumbered
paragraph has no anchor, so its target is the page with the quotation alone. A "see
also" or "disagrees" note also links the passage of the other text, as a second body
with the purpose ``linking``.

Every computed related-passage link (:mod:`reader.passes.related`) follows, one per link
a page shows or keeps: motivation ``linking``, the paragraph that shows it as target, and
as bodies the reason in words (purpose ``describing``) and the linked passage. Each
annotation also says its ``kind`` (note, xref, disagrees, related) and, for a computed
link, its confidence ``band`` (strong: shown by default; possible: less certain) and
``score``, terms of this edition's own small vocabulary (:data:`VOCABULARY`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from reader.passes.annotations import Resolved
from reader.passes.related import Relation

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCABULARY = "https://soft-power-reader.github.io/reader/vocabulary#"
EXTENSION = {"reader": VOCABULARY, "kind": "reader:kind", "band": "reader:band"}
EXTENSION = {
    **EXTENSION,
    "score": {"@id": "reader:score", "@type": "http://www.w3.org/2001/XMLSchema#decimal"},
}
RFC3986 = "http://tools.ietf.org/rfc/rfc3986"
MOTIVATION = {"note": "commenting", "xref": "linking", "disagrees": "assessing"}
FILE = "annotations.jsonld"


def _selector(anchor: str, exact: str, prefix: str, suffix: str) -> dict:
    quote = {"type": "TextQuoteSelector", "exact": exact}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    if not anchor:
        return quote
    return {"type": "FragmentSelector", "conformsTo": RFC3986, "value": anchor, "refinedBy": quote}


def annotation(r: Resolved, page_url: Callable[[str], str], base: str) -> dict:
    """One annotation as a JSON-LD object."""
    d = r.declared
    bodies: list[dict] = [
        {
            "type": "TextualBody",
            "value": d.body,
            "format": "text/plain",
            "language": "en",
            "purpose": "commenting" if d.kind != "disagrees" else "assessing",
        }
    ]
    if d.target is not None and r.target_anchor:
        bodies.append(
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": page_url(d.target_slug),
                "selector": _selector(r.target_anchor, r.target_exact, "", ""),
            }
        )
    return {
        "id": f"{base}{FILE}#{d.slug}/{d.id}",
        "type": "Annotation",
        "motivation": MOTIVATION[d.kind],
        "kind": d.kind,
        "body": bodies if len(bodies) > 1 else bodies[0],
        "target": {
            "type": "SpecificResource",
            "source": page_url(d.slug),
            "selector": _selector(r.anchor, r.exact, r.prefix, r.suffix),
        },
    }


def _passage(page: str, anchor: str) -> dict:
    return {
        "type": "SpecificResource",
        "source": page,
        "selector": {"type": "FragmentSelector", "conformsTo": RFC3986, "value": anchor},
    }


def link_annotation(r: Relation, page_url: Callable[[str], str], base: str) -> dict:
    """One computed related-passage link as a JSON-LD object."""
    slug, anchor = r.source.split("#")
    target = {**_passage(page_url(r.target.slug), r.target.start), "purpose": "linking"}
    bodies: list[dict] = [target]
    if r.reason:
        reason = {"type": "TextualBody", "value": r.reason, "format": "text/plain"}
        bodies.insert(0, {**reason, "language": "en", "purpose": "describing"})
    return {
        "id": f"{base}{FILE}#related/{r.source}/{r.target.key}",
        "type": "Annotation",
        "motivation": "linking",
        "kind": "related",
        "band": r.band,
        "score": r.score,
        "body": bodies,
        "target": _passage(page_url(slug), anchor),
    }


def render_jsonld(
    resolved: Iterable[Resolved],
    page_url: Callable[[str], str],
    site_url: str = "",
    label: str = "Soft Power Reader: editorial annotations and cross-links",
    related: Iterable[Relation] = (),
) -> str:
    """The whole collection as pretty-printed JSON-LD text: the editorial annotations,
    then the computed links (``related``, in the order of their pages)."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    items = [annotation(r, page_url, base) for r in resolved]
    items += [link_annotation(r, page_url, base) for r in related]
    data = {
        "@context": [CONTEXT, EXTENSION],
        "id": f"{base}{FILE}",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
