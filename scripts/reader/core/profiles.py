"""Conversion profiles: which repairs and structures a kind of extraction needs.

A profile is named in each text's ``meta.yml``. ``default`` suits a clean text with
paragraphs separated by blank lines, so a new text needs no code to get a readable page;
``auto`` (or no profile) lets :mod:`reader.repair.detect` choose one from the text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """The switches of one kind of extraction."""

    name: str
    description: str
    section_breaks: bool = False  # two blank lines mark a section break
    hard_wrapped: bool = False  # lines are wrapped at a column width (PDF columns)
    footnote_blocks: bool = False  # footnote texts sit at page bottoms (¹ Text …)
    glued_markers: bool = False  # digits glued to words are footnote markers ("Makarychev1")
    interview: bool = False  # "- " starts a question or an answer
    markdown_headings: bool = False  # "# Heading" lines are headings
    markdown_inline: bool = False  # *emphasis*, **strong**, [links](…) are markup
    page_furniture: bool = False  # running heads and page numbers found and removed
    layout: bool = False  # paragraphs by indentation or short last lines; wrapped list items


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile(
            "default",
            "paragraphs separated by blank lines; two blank lines = section break",
            section_breaks=True,
        ),
        Profile(
            "hard-wrapped",
            "two-column PDF: wrapped, hyphenated lines; glued note markers",
            hard_wrapped=True,
            glued_markers=True,
        ),
        Profile(
            "interview",
            "questions and answers starting with '- '; page breaks cut sentences",
            interview=True,
            markdown_inline=True,
        ),
        Profile(
            "report",
            "page-bottom footnotes in superscript digits, tables, charts",
            footnote_blocks=True,
            markdown_inline=True,
        ),
        Profile(
            "pdf",
            "a laid-out PDF (journal article): running heads and page numbers, wrapped and "
            "hyphenated lines, paragraphs marked by indentation or a short last line, "
            "wrapped list items, footnotes at page bottoms",
            hard_wrapped=True,
            footnote_blocks=True,
            page_furniture=True,
            layout=True,
        ),
        Profile(
            "markdown",
            "Markdown-like headings, bold labels and <sup> tags",
            markdown_headings=True,
            markdown_inline=True,
        ),
    )
}
