"""The edition page ("About this edition"): principles, the repairs the build made (with
real examples from the build logs), the declared corrections, what the sources lack, how to
cite, and the rights of each text.

Nothing here is typed per text: every list and example is read from the built documents,
their :class:`~reader.parse.document.BuildLog` and their ``meta.yml``. The repair
sections live in :mod:`reader.emit.edition_repairs`.
"""

from __future__ import annotations

from reader.core.model import Contents, Document, Figure, Link, plain_text, walk_inlines
from reader.core.profiles import PROFILES
from reader.emit.edition_repairs import code, render_repairs
from reader.emit.inline import escape_text
from reader.passes.edition import Edition

INTRO = """\
This page says how the texts of the Soft Power Reader were made from the files received:
what the editors repaired and how, what they changed by hand and why, what the sources
lack, and how to cite the edition. It is generated from the sources and the build, so it
always describes the edition you are reading."""

PRINCIPLES = """\
- **The source is kept as received.** Each text is published from the file received,
  stored unchanged in `sources/<slug>/` with its checksum; no one edits it.
- **Extraction damage is repaired by named rules.** Broken lines, words hyphenated at line
  ends, paragraphs cut by page and column breaks, page-bottom footnotes: each kind of
  damage has one rule, and every change a rule makes is logged. The rules and one real
  example of each are listed below.
- **Words change only by declared correction.** Where the words themselves must change,
  the correction is declared next to the source with its reason and the number of places
  it applies to; if it stops matching exactly that often, the build stops.
- **Nothing is lost.** At every build a conservation check confirms that every word of each
  source reaches its page, in order, once — or the build stops and names the line.
- **The editors' words are marked.** Paragraph numbers, speaker labels, notes on missing
  text, glossary definitions and references are the edition's, styled apart from the
  authors' words <span class="editorial">like this</span>, and left out of the check.
- **Gaps are shown, not filled.** Where the source lost something (a note's text, a chart,
  a link), the page says so in place; the editors do not reconstruct it."""

CONTENTS_NOTE = (
    "is kept as the original's own contents list, with its printed page numbers and each "
    "entry linked to its heading on the page. It duplicates the site's table of contents, "
    "but dropping it would drop the original's words, so it stays, marked as the "
    "original's."
)

CITING = """\
- **Paragraphs.** Every paragraph of the authors' text has a number in the margin, and
  the number is a link to the paragraph (`#p12`); cite it as the text's reference plus
  “¶ 12” and the link. Selecting the number copies the link.
- **References.** Each text page ends with “Cite this text”: its reference in Chicago
  author-date and APA, with BibTeX and RIS to copy or download; the “Cite” beside a
  paragraph number gives the reference with the paragraph.
- **Stable anchors.** The anchors are locked: `sources/<slug>/anchors.lock` records each
  `#pN` with a fingerprint of its words, and a build that would move a number onto
  different words stops. A change is recorded on purpose, and the old anchor is
  redirected to the new one, so a link once cited keeps working."""


def label(doc: Document) -> str:
    """The short name the edition uses for a text ('Kosachev 2012')."""
    return doc.meta.short_title or doc.meta.citation_label


def _link(doc: Document, anchor: str = "") -> str:
    target = f"texts/{doc.meta.slug}.md" + (f"#{anchor}" if anchor else "")
    return f"[{escape_text(label(doc))}]({target})"


def render_corrections(documents: list[Document]) -> list[str]:
    """The declared corrections of every text, exactly as the build applies them."""
    lines = [
        "## Declared corrections { #corrections }",
        "",
        "The only changes of the authors' words. Each is declared in the text's "
        "`meta.yml` with the exact text it replaces, the number of places and the "
        "reason; the build applies each exactly so often or stops.",
        "",
    ]
    for doc in documents:
        meta = doc.meta
        lines += [f"### {_link(doc)} {{ #corrections-{meta.slug} }}", ""]
        if not meta.corrections:
            lines += ["No corrections.", "{: .no-corrections }", ""]
            continue
        for c in meta.corrections:
            times = "once" if c.count == 1 else f"{c.count} times"
            lines += [
                f"- {code(c.find)} → {code(c.replace)} ({times}; "
                f"`sources/{meta.slug}/meta.yml`, line {c.line}): {escape_text(c.reason)}",
                f'  {{: .correction data-slug="{meta.slug}" data-count="{c.count}" }}',
            ]
        lines.append("")
    return lines


def _range(labels: list[str]) -> str:
    if (
        all(x.isdigit() for x in labels)
        and labels
        and [int(x) for x in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels)))
    ):
        return f"{labels[0]}–{labels[-1]}" if len(labels) > 1 else labels[0]
    return ", ".join(labels)


def render_gaps(documents: list[Document]) -> list[str]:
    """What the sources lack: note texts, chart images, link targets; and the contents
    lists kept from the originals."""
    lines = [
        "## What the sources lack { #gaps }",
        "",
        "The edition shows each gap where it occurs and does not fill it.",
        "",
    ]
    for doc in documents:
        missing = [n.label for n in doc.footnotes if n.missing]
        figures = [b for b in doc.blocks if isinstance(b, Figure)]
        lost = sum(
            1
            for p in doc.paragraphs()
            for n in walk_inlines(p.inlines)
            if isinstance(n, Link) and not n.url
        )
        items = []
        if missing:
            items.append(
                f"- **Footnote texts.** The source keeps {len(missing)} note "
                f"markers ({escape_text(_range(missing))}) but not the notes' "
                f"texts; each note says so on the page ([note {missing[0]}]"
                f"(texts/{doc.meta.slug}.md#fn:{missing[0]}), …)."
            )
        if figures:
            names = "; ".join(
                f"[{escape_text(plain_text(f.caption, editorial=False).strip())}]"
                f"(texts/{doc.meta.slug}.md#{f.anchor})"
                for f in figures
            )
            items.append(
                f"- **Chart images.** {len(figures)} charts survive only as "
                f"captions and sources; the images were not extracted: {names}."
            )
        if lost:
            items.append(
                f"- **Link targets.** {lost} links lost their targets in the "
                "extraction; their words are kept, dotted, without a link."
            )
        if items:
            lines += [f"### {_link(doc)} {{ #gaps-{doc.meta.slug} }}", "", *items, ""]
    for doc in documents:
        for block in (*doc.front, *doc.blocks):
            if isinstance(block, Contents):
                linked = sum(1 for _, _, target in block.entries if target)
                lines += [
                    f"### The contents list of {_link(doc)} {{ #contents-list }}",
                    "",
                    f"The contents list of {escape_text(label(doc))} "
                    f"({len(block.entries)} entries, {linked} linked to their "
                    f"headings) {CONTENTS_NOTE}",
                    "",
                ]
    return lines


def render_rights(documents: list[Document]) -> list[str]:
    """Rights and provenance of each text, from its meta.yml."""
    lines = ["## Rights and provenance { #rights }", ""]
    for doc in documents:
        meta = doc.meta
        profile = PROFILES[meta.profile]
        lines += [
            f"### {_link(doc)} {{ #rights-{meta.slug} }}",
            "",
            f"- **Rights.** {escape_text(meta.rights)}",
            f"- **Source.** {escape_text(meta.provenance)} Kept as "
            f"`{escape_text(doc.source_path or meta.source_file)}`; converted with "
            f"the `{meta.profile}` profile ({escape_text(profile.description)}).",
        ]
        if meta.source_url:
            lines.append(f"- **Published at** <{meta.source_url}>")
        lines.append("")
    return lines


def render_edition_page(edition: Edition) -> str:
    """Markdown for docs/edition.md."""
    documents = sorted(edition.documents, key=lambda d: d.meta.date)
    lines = [
        "---",
        "title: About this edition",
        "---",
        "",
        "# About this edition",
        "",
        INTRO,
        "",
        "## Editorial principles { #principles }",
        "",
        PRINCIPLES,
        "",
    ]
    lines += render_repairs(documents, edition.logs, edition.sources)
    lines += render_corrections(documents)
    lines += render_gaps(documents)
    lines += ["## How to cite { #citing }", "", CITING, ""]
    lines += render_rights(documents)
    return "\n".join(lines)
