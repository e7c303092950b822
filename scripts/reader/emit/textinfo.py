"""Facts about a text the pages show: length, reading time, date, credits, and the header
under a text page's title.

Length is counted from the :class:`~reader.core.model.Document`, never from the page: the
words of the title, front matter, headings, paragraphs, tables, figure captions, the
original's contents list and the footnotes, leaving out everything the edition adds
(:class:`~reader.core.model.Editorial` nodes, paragraph numbers, speaker labels, notes on
missing images). Words are counted as the conservation check counts them, so the number
on a card is the number of source words the page carries.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterator

from reader.core.meta import Meta
from reader.core.model import (
    Contents,
    Document,
    Editorial,
    Figure,
    Heading,
    Inlines,
    Link,
    Paragraph,
    Superscript,
    Table,
    plain_text,
)
from reader.emit.inline import escape_text

#: Words per minute for the reading-time estimate (an adult reading expository prose).
WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ROLE_LABELS = {
    "editor": "ed.",
    "interviewee": "interviewee",
    "interviewer": "interviewer",
    "contributor": "contributor",
    "translator": "translator",
}


def source_texts(doc: Document) -> Iterator[str]:
    """The plain text of every run of the authors' words, in reading order."""

    def text(inlines: Inlines) -> str:
        return _plain(inlines)

    yield text(doc.title)
    for block in (*doc.front, *doc.blocks):
        if isinstance(block, Heading | Paragraph):
            yield text(block.inlines)
        elif isinstance(block, Table):
            yield text(block.caption)
            yield from (text(cell) for cell in block.header)
            yield from (text(cell) for row in block.rows for cell in row.cells)
            yield text(block.source)
        elif isinstance(block, Figure):
            yield text(block.caption)
            yield text(block.source)
        elif isinstance(block, Contents):
            yield text(block.title)
            for title, page, _ in block.entries:
                yield text(title)
                yield page
    for note in doc.footnotes:
        yield from (text(paragraph) for paragraph in note.paragraphs)


def _plain(inlines: Inlines) -> str:
    """Plain text without editorial words; two touching links stay a space apart, as
    :func:`~reader.emit.inline.render_inlines` sets them."""
    parts = []
    for i, node in enumerate(inlines):
        if i and isinstance(node, Link) and isinstance(inlines[i - 1], Link):
            parts.append(" ")
        children = getattr(node, "children", None)
        if isinstance(node, Editorial):
            continue
        text = _plain(children) if children is not None else plain_text((node,))
        parts.append(f" {text} " if isinstance(node, Superscript) else text)
    return "".join(parts)


def count_words(text: str) -> int:
    """The number of words in ``text``, counted as the conservation check counts them.

    >>> count_words("Russia’s “soft power”, 2008–2014.")
    6
    """
    return len(_WORD.findall(unicodedata.normalize("NFKC", text)))


def word_count(doc: Document) -> int:
    """The number of the authors' words in a text (editorial additions left out)."""
    return sum(count_words(text) for text in source_texts(doc))


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at :data:`WORDS_PER_MINUTE`, rounded up (at least 1).

    >>> reading_minutes(231)
    2
    """
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def length_label(words: int) -> str:
    """'3,412 words · 15 min read'."""
    return f"{words:,} words · {reading_minutes(words)} min read"


def format_date(date: str) -> str:
    """'2018-06-10' → '10 June 2018', '2012-07' → 'July 2012', '2011' → '2011'.

    >>> format_date("2012-07"), format_date("2018-06-10"), format_date("2011")
    ('July 2012', '10 June 2018', '2011')
    """
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def credits(meta: Meta) -> list[tuple[str, str]]:
    """(name, role label) for each person credited; the label is empty for an author."""
    return [(a.name, _ROLE_LABELS.get(a.role, "")) for a in meta.authors]


def credits_text(meta: Meta) -> str:
    """'Anna Gussarova (ed.), Yevgeniy Khon (contributor)' — plain text."""
    return ", ".join(f"{name} ({role})" if role else name for name, role in credits(meta))


def _download(slug: str, ext: str, name: str) -> str:
    """A Markdown link to the text's reference file beside its page, as a download."""
    return (
        f"[Download {name}](<{slug}.{ext}>){{ .text-header__action "
        f'download="{slug}.{ext}" title="Download the reference as {name}" }}'
    )


def render_text_header(doc: Document, *, cite: bool = False) -> str:
    """The metadata header under a text's title, marked editorial (Markdown with HTML).

    ``cite`` adds the downloads of the ``<slug>.bib``/``.ris`` files beside the page.
    Links are Markdown, so MkDocs rewrites them for both the online and the offline
    (``file://``) builds. The page's "Cite" action is the theme's, beside the block it
    leads to (``scripts/theme/partials/reader-cite-this.html``): a link written here to
    an id the theme adds is one neither MkDocs' nor Zensical's link check can see.
    """
    meta = doc.meta
    words = word_count(doc)
    people = ", ".join(
        f'<span class="text-header__person">{escape_text(name)}'
        + (f' <span class="text-header__role">({escape_text(role)})</span>' if role else "")
        + "</span>"
        for name, role in credits(meta)
    )
    facts = [
        f'<span class="text-header__people">{people}</span>',
        f'<time datetime="{html.escape(meta.date)}">{escape_text(format_date(meta.date))}</time>',
        f'<span class="text-header__venue">{escape_text(meta.venue)}</span>',
        f'<span class="text-header__genre">{escape_text(meta.genre)}</span>',
        f'<span class="text-header__length" data-words="{words}">'
        f"{escape_text(length_label(words))}</span>",
    ]
    actions = []
    if cite:
        actions += [
            _download(meta.slug, "bib", "BibTeX"),
            _download(meta.slug, "ris", "RIS"),
        ]
    if meta.source_url:
        actions.append(
            f"[Original source](<{meta.source_url}>){{ .text-header__action "
            '.text-header__action--source rel="external" }'
        )
    lines = [
        '<div class="text-header editorial" data-search-exclude="true" markdown>',
        "",
        '<p class="text-header__facts">'
        + "".join(f'<span class="text-header__fact">{f}</span>' for f in facts)
        + "</p>",
        "",
    ]
    if actions:
        lines += [" ".join(actions), "{: .text-header__actions }", ""]
    lines.append("</div>")
    return "\n".join(lines)
