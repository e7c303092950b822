"""The editorial annotations as W3C Web Annotation JSON-LD: ``docs/annotations.jsonld``.

One ``AnnotationCollection`` holds every annotation of ``sources/*/annotations.yml``.
Each targets the paragraph it is anchored in: ``target.source`` is the text's page URL,
selected by a ``FragmentSelector`` (the paragraph's anchor, e.g. ``p52``) refined by a
``TextQuoteSelector`` with the exact words and their context as the text now has them
(https://www.w3.org/TR/annotation-model/#refinement-of-selection). An unnumbered
paragraph has no anchor, so its target is the page with the quotation alone. A "see
also" or "disagrees" note also links the passage of the other text, as a second body
with the purpose ``linking``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from reader.passes.annotations import Resolved

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
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
        "body": bodies if len(bodies) > 1 else bodies[0],
        "target": {
            "type": "SpecificResource",
            "source": page_url(d.slug),
            "selector": _selector(r.anchor, r.exact, r.prefix, r.suffix),
        },
    }


def render_jsonld(
    resolved: Iterable[Resolved],
    page_url: Callable[[str], str],
    site_url: str = "",
    label: str = "Soft Power Reader: editorial annotations",
) -> str:
    """The whole collection as pretty-printed JSON-LD text."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    items = [annotation(r, page_url, base) for r in resolved]
    data = {
        "@context": CONTEXT,
        "id": f"{base}{FILE}",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
