"""Hostile source text: Markdown, HTML, Jinja and extension syntax in an original reach
the page as the characters they are, every word kept, nothing live.

Each text is converted as the build converts it (load, repair, parse, number, emit),
rendered with mkdocs.yml's own Markdown extensions, audited for anything live (an
element, an event handler or an active URL the text could have made: the audit of
tests/test_injection.py) and compared word for word with its source by the real
conservation check. A property test does the same for random text made of Markdown
and HTML metacharacters; the parametrised cases name the forms found or tried by hand.
"""

from __future__ import annotations

import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from project_copy import META, ROOT
from reader.checks.conservation import Ledger, check_conservation, expected_words, page_words
from reader.checks.render import markdown_to_html
from reader.core.model import Link, Text
from reader.emit.inline import render_inline
from reader.emit.markdown import render_document
from reader.inputs.sources import load_source
from reader.parse.document import build_document, corrected_text
from reader.passes.numbering import number_paragraphs
from reader.repair.hyphenation import Lexicon
from test_injection import audit

SLUG = "smith-2020"
HEAD = "A Short Essay on Soft Power\nJohn Smith\n\n"
CONFIG = ROOT / "mkdocs.yml"
LEXICON = Lexicon.from_texts([])
#: Elements no source text may make, whatever its profile (the pipeline makes headings,
#: lists, tables, emphasis and links itself, from what it parses).
NEVER = frozenset(
    {
        "script", "style", "img", "iframe", "object", "embed", "svg", "math", "form",
        "input", "button", "details", "summary", "blockquote", "pre", "code", "dl", "dt",
        "dd", "abbr", "del", "ins", "mark", "hr", "textarea", "select", "video", "audio",
    }
)  # fmt: skip


class _Tags(HTMLParser):
    """The names of every element of some HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)


def convert(body: str, profile: str) -> tuple[str, list[str]]:
    """The rendered HTML of a one-text project whose original is HEAD + ``body``, and the
    conservation check's findings on it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources" / SLUG
        folder.mkdir(parents=True)
        (folder / "original.txt").write_text(HEAD + body + "\n", encoding="utf-8")
        meta = META.replace("profile: default", f"profile: {profile}")
        (folder / "meta.yml").write_text(meta.split("corrections:")[0], encoding="utf-8")
        source = load_source(folder, Path(tmp))
        doc, log = build_document(source, LEXICON)
        html = markdown_to_html(render_document(number_paragraphs(doc)), CONFIG)
        expected = expected_words(
            corrected_text(source)[0], Ledger(log.furniture, tuple(log.note_lines))
        )
    problems = check_conservation(expected, page_words(html), SLUG, "page")
    return html, [str(p) for p in problems]


def live(html: str) -> list[str]:
    """Anything live in ``html``: the injection audit's findings and forbidden elements."""
    tags = _Tags()
    tags.feed(html)
    return audit(html, "page").problems + sorted({f"<{t}>" for t in tags.tags if t in NEVER})


def visible(html: str) -> str:
    """The page's text, white space collapsed."""
    return audit(html, "page").visible()


#: Source lines that mean something to Markdown, HTML, Jinja or an extension; each must
#: come out as the characters it is (white space collapsed), in each profile.
LITERAL = [
    '??? note "Click <b>me</b>"',
    "???+ warning open",
    '!!! danger "x"',
    "```js alert(1) ```",
    "~~~ code ~~~",
    "> quoted words",
    "+ plus item",
    "***",
    '[x]: http://evil.example/ "t"',
    "see [x] and [x][] here",
    "*[HTML]: Hyper Text",
    "[^1]: a footnote look alike",
    'words {: .cls onclick="alert(1)" }',
    "{{ config.site_name }} and {% include 'x' %}",
    "<!-- open comment",
    "<![CDATA[ x ]]>",
    "<?php echo 1 ?>",
    "&#x3C;script&#x3E; &lt; &#0;",
    '<div markdown="1">*x*</div>',
    "<javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    '--8<-- "/etc/passwd"',
    ';--8<-- "x"',
    "[[x]]",
    "^^ins^^ ~~del~~ ==mark==",
    "[TOC]",
    "$$x$$ and \\(y\\)",
    "1) not a list",
    "<details open><summary>x</summary>y</details>",
    "<style>body{display:none}</style>",
    "<sup><script>alert(1)</script></sup> x",
    "a <sup> b and a </sup> c",
]


@pytest.mark.parametrize("profile", ["default", "markdown"])
@pytest.mark.parametrize("line", LITERAL)
def test_a_hostile_line_is_shown_as_it_is(line: str, profile: str) -> None:
    """Every word kept and nothing live; in a plain-text profile the line is on the page
    as its characters (the markdown profile reads emphasis and http(s) links)."""
    html, problems = convert(line, profile)
    assert problems == []
    assert live(html) == []
    if profile == "markdown":
        return
    shown = " ".join(line.replace("<sup>", " ").replace("</sup>", " ").split())
    if line.startswith("<sup>"):  # a <sup> pair is the one markup every profile reads
        shown = "<script>alert(1)</script> x"
    assert shown in visible(html).replace("<sup>", " ").replace("</sup>", " ").replace("  ", " ")


@pytest.mark.parametrize(
    "body",
    [
        "Some line of words\n---",  # a setext heading
        "Some line of words\n===",
        "    indented code words",
        "```\nalert(1)\n```",
        "<script>\nalert(1)\n</script>",
        "| a | b |\n| --- | --- |\n| c | d |",
        "word<sup>2</sup> and x<sup><img src=x onerror=alert(1)></sup>",
    ],
)
def test_hostile_blocks_keep_their_words_and_make_nothing_live(body: str) -> None:
    """Blocks of several lines that Markdown would read as a heading, code, a script or a
    table: a plain-text profile keeps every word and makes nothing of them. (Before the
    fix a ``<sup>`` pair in a plain text was refused: W002 'sup'.)"""
    html, problems = convert(body, "default")
    assert problems == []
    assert live(html) == []
    assert "<h2" not in html.split('id="title"')[1]


def test_a_link_target_keeps_its_entities_as_written() -> None:
    """A URL that holds "&lt;" links to "&lt;", as the page shows it, not to "<"."""
    markdown = render_inline(Link("https://a.example/?a=1&lt;b&c=2", (Text("x"),)))
    html = markdown_to_html(markdown, CONFIG)
    assert 'href="https://a.example/?a=1&amp;lt;b&amp;c=2"' in html


#: Pieces of hostile text; the property test strings them together at random.
PIECES = [
    "soft", "power", "words", "Kosachev", "1.", "2)", "#", "##", ">", "-", "+", "*", "**",
    "_", "__", "`", "```", "~~~", "[", "]", "(", ")", "[x]", "[^1]", "[^1]:", "*[x]:",
    "{:", "}", "{", "#evil", ".cls", "|", "---", "===", "!!!", "???", "???+", "!!! note",
    "<", ">", "<b>", "</b>", "<script>", "</script>", "<img src=x onerror=alert(1)>",
    "<!--", "-->", "&", "&amp;", "&lt;", "&#60;", "<sup>", "</sup>", "javascript:",
    "https://example.org/a_b", "<https://example.org>", "--8<--", ";--8<--", "{{", "}}",
    "{%", "%}", "$$", "\\(", "\\", "^^", "==", "~~", ":", '"', "'", "\u00a0", "«", "»",
]  # fmt: skip
line = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map(" ".join)
body = st.lists(line, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body)
@example("<sup> soft </sup> power")
@example("soft\n\n- - -")
@example("??? note\n\n    power")
def test_random_metacharacters_keep_every_word_and_make_nothing_live(text: str) -> None:
    """Random text of Markdown and HTML metacharacters, in a plain-text profile: the
    conservation check passes (every word, in order, once) and nothing is live."""
    html, problems = convert(text, "default")
    assert problems == []
    assert live(html) == []


#: Ids a text page has, or has when it holds notes, a cite block or tip data.
PAGE_IDS = re.compile(
    r"p\d+|title|editors-notes|tip-data|cite-data|anchor-redirects|(note|ref|cite)-.*"
)


@pytest.mark.parametrize("heading", ["title", "Editors’ notes", "Note: first note", "cite data"])
def test_a_heading_never_takes_an_id_the_page_has(heading: str) -> None:
    """A source heading named like an id a page has (the title's, the editors' notes', a
    note's or its marker's, a data script's) gets another, so no id is there twice and a
    link to one lands where it should."""
    html, problems = convert(
        f"## {heading}\n\nSome words.\n\n## {heading}\n\nMore words.", "markdown"
    )
    assert problems == []
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    headings = re.findall(r'<h2 id="([^"]+)"', html)
    assert len(headings) == 2
    assert [h for h in headings if PAGE_IDS.fullmatch(h)] == []


@pytest.mark.parametrize("profile", ["default", "hard-wrapped", "pdf"])
def test_a_form_feed_inside_a_line_parts_two_words(profile: str) -> None:
    """A page break (form feed) inside a line is white space on the page and, since the
    fix, to the conservation check too (it read 'form\\ffeed' as 'formfeed': W001)."""
    html, problems = convert("A form\ffeed inside a line of words.", profile)
    assert problems == []
    assert "form feed" in visible(html)
