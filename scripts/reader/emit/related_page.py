"""``docs/related.md``: every paragraph's cross-links, as plain Markdown links.

The page a related-passages marker leads to without a script (:mod:`reader.emit.related`),
one item per numbered paragraph that has a cross-link, in three tiers:

1. the editors' declared links first (``see also``, ``disagrees`` in
   ``sources/<slug>/annotations.yml``), on both paragraphs they join: computed links never
   displace them;
2. the computed links of the strong band, shown by default, each with its reason;
3. the possible band, behind an explicit control: a collapsed pymdown ``???`` block
   ("More, less certain links"), a native ``<details>`` element that opens without
   JavaScript.

::

    - [¶ 6](texts/kosachev-2012.md#p6)
      {: #kosachev-2012-p6 }

        - See also (editors): [Gussarova 2017, ¶12](…) — …
        - [Makarychev 2011, ¶4](…) “In the meantime, …” — both discuss Russian soft power.

        ??? related-more "More, less certain links (1)"

            - [Bezrukov 2018, ¶11](…) “…” — both discuss Joseph Nye.

(titled "Less certain links" when nothing is shown by default). Where the strong band is
withheld (:data:`reader.passes.related.WITHHELD`), every computed link is in that control,
and the page's introduction says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from reader.core.model import Annotation, Document, plain_text
from reader.emit.annotations import escape_literal, safe_href
from reader.emit.related import item_id, partners, why
from reader.passes import related as related_pass
from reader.passes.annotations import Resolved

PAGE_TITLE = "Related passages, paragraph by paragraph"
PAGE_INTRO = (
    "For each numbered paragraph of each text, the passages of the other texts it is "
    "linked to. The editors' own links (see also, disagrees) come first. Then the links "
    "the build computed from the glossary concepts and words the passages share, with "
    "the reason: it shows by default only those it is fairly sure of, and keeps the less "
    "certain ones under “More, less certain links”. Read computed links as leads. In a "
    "text, the ⇄ marker after a paragraph shows its list."
)
#: The introduction when the strong band is withheld (reader.passes.related.WITHHELD).
PAGE_INTRO_WITHHELD = (
    "For each numbered paragraph of each text, the passages of the other texts it is "
    "linked to. The editors' own links (see also, disagrees) are shown. The links the "
    "build computed from the glossary concepts and words the passages share are all "
    "kept behind each paragraph's collapsed “less certain links” control, each with its "
    "reason: judged against pairs read "
    "by hand, too few of them were right to show any by default, so the texts carry no "
    "marker for them. Read them as leads, and read both passages."
)
MORE = "More, less certain links"
MORE_CLASS = "related-more"
LESS = "Less certain links"  # the control's title when no link is shown by default
KIND_LABEL = {"xref": "See also (editors)", "disagrees": "Disagrees (editors)"}
INDENT = "    "

#: (slug, anchor) -> the editors' links of that paragraph, as Markdown.
Declared = dict[tuple[str, str], list[str]]


def item_markdown(node: Annotation) -> str:
    """One computed link: link, snippet, reason (all literal)."""
    label = escape_literal(plain_text(node.children[:1]))
    href = safe_href(node.href)
    link = f"[{label}](texts/{href})" if href else label
    text = f"{link} “{escape_literal(node.tooltip)}”"
    if why(node):
        text += f" — {escape_literal(why(node))}"
    return _sentence(text)


def _editorial_link(kind: str, slug: str, anchor: str, number: int, body: str, labels) -> str:
    label = escape_literal(f"{labels.get(slug, slug)}, ¶{number}")
    body = escape_literal(_sentence(body))
    return f"{KIND_LABEL[kind]}: [{label}](texts/{slug}.md#{anchor}) — {body}"


def _noted_there(kind: str, slug: str, anchor: str, number: int, body: str, labels) -> str:
    """A link seen from the paragraph it points to: the note was written at the other
    end, about this one, so it is shown as that paragraph's note, not as this one's."""
    return _editorial_link(kind, slug, anchor, number, f"noted there: {body}", labels)


def declared_links(resolved: Iterable[Resolved], labels: dict[str, str]) -> Declared:
    """The editors' see-also and disagrees links, on both paragraphs they join: on the
    declaring one with its note, on the other as a note made there, unless that one
    declares the link too (then each shows its own note, and the pair is listed once)."""
    links = [r for r in resolved if r.declared.kind in KIND_LABEL and r.anchor and r.target_anchor]
    own = {((r.declared.slug, r.anchor), (r.declared.target_slug, r.target_anchor)) for r in links}
    out: Declared = defaultdict(list)
    for r in links:
        d = r.declared
        here, there = (d.slug, r.anchor), (d.target_slug, r.target_anchor)
        forth = (d.kind, d.target_slug, r.target_anchor, r.target_number, d.body, labels)
        out[here].append(_editorial_link(*forth))
        if (there, here) not in own:
            out[there].append(_noted_there(d.kind, d.slug, r.anchor, r.number, d.body, labels))
    return out


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _item(slug: str, block, editorial: list[str]) -> str:
    """One paragraph's item: its number, then a list of the editors' links and the strong
    ones, then the control with the possible ones ("" when it has none of the three)."""
    shown = [*editorial, *(item_markdown(n) for n in partners(block))]
    more = [item_markdown(n) for n in partners(block, shown=False)]
    if not (shown or more):
        return ""
    back = f"[¶ {block.number}](texts/{slug}.md#{block.anchor})"
    lines = [f"- {back}", f"  {{: #{item_id(slug, block.anchor)} }}", ""]
    if shown:
        lines += [*(f"{INDENT}- {link}" for link in shown), ""]
    if more:
        title = MORE if shown else LESS
        lines += [f'{INDENT}??? {MORE_CLASS} "{title} ({len(more)})"', ""]
        lines += [*(f"{INDENT * 2}- {link}" for link in more), ""]
    return "\n".join(lines)


def render_related_page(docs: Iterable[Document], resolved: Iterable[Resolved] = ()) -> str:
    """The list page: a section per text, an item per paragraph with cross-links."""
    docs = list(docs)
    labels = {d.meta.slug: d.meta.citation_label for d in docs}
    editorial = declared_links(resolved, labels)
    # Out of search: its snippets repeat words that the texts' own entries already hold.
    lines = ["---", "search:", "  exclude: true", "---", ""]
    intro = PAGE_INTRO if related_pass.BANDS.shows_strong else PAGE_INTRO_WITHHELD
    lines += [f"# {escape_literal(PAGE_TITLE)}", "", escape_literal(intro), ""]
    for doc in docs:
        slug = doc.meta.slug
        items = []
        for block in doc.blocks:
            if getattr(block, "number", None) is None or not getattr(block, "anchor", ""):
                continue
            item = _item(slug, block, editorial.get((slug, block.anchor), []))
            if item:
                items.append(item)
        if items:
            title = escape_literal(doc.meta.short_title or doc.meta.title)
            # An HTML heading: the page is outside the nav, and the theme's contents
            # label would then point at a control it does not draw (Nu checker).
            lines += [f'<h2 id="{slug}">{title}</h2>', "", *items]
    return "\n".join(lines)
