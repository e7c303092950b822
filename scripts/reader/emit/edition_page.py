"""The edition page: principles, the repairs made, the declared corrections, the gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.emit.inline import escape_text
from reader.profiles import PROFILES

if TYPE_CHECKING:
    from reader.build import Edition

PRINCIPLES = """\
Each text is published from the file received, which is kept unchanged in `sources/`.
Damage done by extraction is repaired by named rules, listed below with what they changed;
a change of words is made only by a correction declared next to the source, listed below
too. At every build a conservation check confirms that every word of each source reaches
its page, in order, once."""


def render_edition_page(edition: Edition) -> str:
    """Markdown for docs/edition.md."""
    lines = ["---", "title: About this edition", "---", "", "# About this edition", "",
             PRINCIPLES, "", "## Declared corrections", ""]
    for doc in edition.documents:
        meta = doc.meta
        lines.append(f"### {escape_text(meta.short_title or meta.title)}")
        lines.append("")
        lines.append(f"Profile: `{meta.profile}` — {escape_text(PROFILES[meta.profile].description)}.")
        lines.append("")
        if not meta.corrections:
            lines += ["No corrections.", ""]
        for c in meta.corrections:
            lines += [f"- “{escape_text(c.find)}” → “{escape_text(c.replace)}” "
                      f"({c.count}×): {escape_text(c.reason)}"]
        lines.append("")
        log = edition.logs.get(meta.slug)
        if log:
            kept = [d for _, d in log.hyphenation if not d.join]
            lines += [f"Repairs: {len(log.hyphenation)} words hyphenated at line ends "
                      f"({len(kept)} real hyphens kept), {len(log.rejoined)} paragraphs "
                      f"rejoined, {len(log.footnote_blocks)} footnote blocks set aside, "
                      f"{len(log.relocated)} blocks moved.", ""]
    return "\n".join(lines)
