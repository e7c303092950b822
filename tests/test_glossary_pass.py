"""The glossary pass: matching rules, where annotations may go, rendering, linear scanning."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reader.core.meta import Meta
from reader.core.model import (
    Annotation,
    Document,
    Emphasis,
    Footnote,
    FootnoteRef,
    Heading,
    Link,
    Paragraph,
    Span,
    Text,
    plain_text,
)
from reader.emit.annotations import render_annotation, safe_href
from reader.emit.glossary_page import (
    render_glossary_page,
    render_occurrence_pages,
    render_term_overview,
)
from reader.inputs.glossary import Entry, Glossary, load_glossary
from reader.passes.cited_works import _FOLD, fold
from reader.passes.glossary import annotate_terms
from reader.text.folding import fold_char, fold_text
from reader.text.matching import ScanStats, TermMatcher

ROOT = Path(__file__).resolve().parents[1]
SPAN = Span("test.txt", 1)


def entry(id: str, *keys: str, case: bool = False, tooltip: str = "A definition.") -> Entry:
    return Entry(id, keys[0], tuple(keys[1:]), "concept", tooltip, "Note.", case_sensitive=case)


GLOSSARY = Glossary(
    (
        entry("soft-power", "soft power"),
        entry("russian-soft-power", "Russian soft power", "Russia’s soft power"),
        entry("rt", "RT", "Russia Today", case=True),
        entry("nye", "Nye", "Joseph Nye", case=True),
        entry("guam", "GU(U)AM", case=True),
        entry("fund", "“Russian World” Fund"),
        entry("russian-world", "Russian World"),
    )
)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.entry.id) for m in TermMatcher(GLOSSARY).find(text)]


def doc(*blocks, footnotes=()) -> Document:
    meta = Meta("kosachev-2012", "T", (), "2012", "", "essay", "k", "en", "", "", "default")
    return Document(meta, (Text("T"),), (), tuple(blocks), tuple(footnotes))


def para(*inlines, anchor: str = "p1") -> Paragraph:
    return Paragraph(tuple(inlines), SPAN, anchor=anchor)


def annotations(inlines) -> list[tuple[str, str]]:
    return [(plain_text(n.children), n.target) for n in inlines if isinstance(n, Annotation)]


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russian soft power and soft power",
            [("Russian soft power", "russian-soft-power"), ("soft power", "soft-power")],
        ),
        (
            "Russia’s soft power, Russia's  soft\npower",
            [
                ("Russia’s soft power", "russian-soft-power"),
                ("Russia's  soft\npower", "russian-soft-power"),
            ],
        ),
        ("SOFT Power", [("SOFT Power", "soft-power")]),
        ("soft powers, softpower, unsoft power", []),
        ("RT and Russia Today", [("RT", "rt"), ("Russia Today", "rt")]),
        ("rt, Rt, ART, RTs, RT-1", [("RT", "rt")]),
        ("Nye’s idea; Nyeland", [("Nye", "nye")]),
        ("Joseph Nye wrote", [("Joseph Nye", "nye")]),
        ("the GU(U)AM group", [("GU(U)AM", "guam")]),
        (
            "the “Russian World” Fund and the Russian world",
            [("“Russian World” Fund", "fund"), ("Russian world", "russian-world")],
        ),
        ("see http://rt.com/soft-power and www.soft-power.org", []),
        (
            "Russian soft power⁴ and RT¹",
            [("Russian soft power", "russian-soft-power"), ("RT", "rt")],
        ),
    ],
)
def test_matching_rules(text: str, expected: list) -> None:
    assert found(text) == expected


def test_leftmost_then_longest_with_overlaps() -> None:
    glossary = Glossary((entry("ab", "A B"), entry("bc", "B C"), entry("c", "C")))
    matcher = TermMatcher(glossary)
    text = "A B C"
    assert [(text[m.start : m.end]) for m in matcher.find(text)] == ["A B", "C"]


@given(st.text(alphabet="softpwerRusinaT ’'\n", max_size=60))
def test_matches_never_overlap_and_respect_boundaries(text: str) -> None:
    last = 0
    for m in TermMatcher(GLOSSARY).find(text):
        assert m.start >= last
        assert m.start == 0 or not text[m.start - 1].isalnum()
        assert m.end == len(text) or not text[m.end].isalnum()
        last = m.end


# ------------------------------------------------------------------------------ pass


def test_first_occurrence_per_paragraph_and_footnote() -> None:
    text = "Soft power is soft power; Russian soft power too."
    d = doc(
        para(Text(text), anchor="p1"),
        para(Text("More soft power."), anchor="p2"),
        footnotes=[Footnote("3", ((Text("On soft power and soft power."),),), SPAN)],
    )
    new, occurrences = annotate_terms(d, GLOSSARY)
    first = new.blocks[0].inlines
    assert annotations(first) == [
        ("Soft power", "soft-power"),
        ("Russian soft power", "russian-soft-power"),
    ]
    assert plain_text(first) == text  # no word lost or added
    assert annotations(new.blocks[1].inlines) == [("soft power", "soft-power")]
    assert annotations(new.footnotes[0].paragraphs[0]) == [("soft power", "soft-power")]
    assert [(o.anchor, o.entry_id, o.matched) for o in occurrences] == [
        ("p1", "soft-power", "Soft power"),
        ("p1", "russian-soft-power", "Russian soft power"),
        ("p2", "soft-power", "soft power"),
        ("fn:3", "soft-power", "soft power"),
    ]
    assert all(o.slug == "kosachev-2012" for o in occurrences)


def test_annotation_fields() -> None:
    new, _ = annotate_terms(doc(para(Text("about soft power"))), GLOSSARY)
    node = new.blocks[0].inlines[1]
    assert node == Annotation(
        kind="term",
        target="soft-power",
        children=(Text("soft power"),),
        tooltip="A definition.",
        href="../glossary.md#soft-power",
    )


def test_never_in_headings_links_annotations_or_footnote_markers() -> None:
    cite = Annotation("cite", "nye2004soft", (Text("Nye on soft power"),), "Nye 2004.")
    d = doc(
        Heading(2, (Text("Soft power"),), SPAN),
        para(
            Link("http://x", (Text("soft power"),)),
            cite,
            FootnoteRef("1"),
            Text(" then "),
            Emphasis((Text("soft power"),)),
        ),
    )
    new, occurrences = annotate_terms(d, GLOSSARY)
    assert new.blocks[0] == d.blocks[0]
    inlines = new.blocks[1].inlines
    assert inlines[:3] == d.blocks[1].inlines[:3]
    assert annotations(inlines[4].children) == [("soft power", "soft-power")]
    # "Nye" inside the citation is not annotated (no tooltip inside another) but is still
    # recorded, so the glossary's "where it appears" lists it.
    assert [o.entry_id for o in occurrences] == ["soft-power", "nye"]
    assert inlines[1] == cite


def test_match_across_text_nodes_is_not_made_and_kwic_spans_nodes() -> None:
    d = doc(para(Text("the concept of soft"), Emphasis((Text(" power"),)), Text(", Nye said")))
    new, occurrences = annotate_terms(d, GLOSSARY)
    assert annotations(new.blocks[0].inlines) == [(", Nye said"[2:5], "nye")]
    assert occurrences[0].before == "the concept of soft power, "
    assert occurrences[0].kwic == "…the concept of soft power, Nye said…"


def test_kwic_is_short_and_cut_at_words() -> None:
    words = " ".join(f"word{i}" for i in range(40))
    d = doc(para(Text(f"{words} soft power {words}")))
    _, (occurrence,) = annotate_terms(d, GLOSSARY)
    assert len(occurrence.before) <= 48 and len(occurrence.after) <= 48
    assert occurrence.before.startswith("word") and occurrence.after.rstrip().endswith(
        tuple("0123456789")
    )


# ------------------------------------------------------------------------- linearity


def synthetic_glossary(size: int, seed: int = 7) -> Glossary:
    rng = random.Random(seed)
    letters = "abcdefghij"
    keys: set[str] = set()
    while len(keys) < size:
        words = [
            "".join(rng.choice(letters) for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(1, 3))
        ]
        keys.add(" ".join(words))
    return Glossary(tuple(entry(f"t{i}", k) for i, k in enumerate(sorted(keys))))


def test_scan_reads_each_character_once_whatever_the_glossary_size() -> None:
    """One pass over the text (the automaton is pyahocorasick's); the candidates examined
    grow with the text, not with the glossary beyond what it matches."""
    rng = random.Random(1)
    text = " ".join(
        "".join(rng.choice("abcdefghij") for _ in range(rng.randint(2, 5))) for _ in range(3000)
    )
    for size in (60, 1000):
        stats = ScanStats()
        TermMatcher(synthetic_glossary(size)).find(text, stats)
        assert stats.chars == len(text)
    once, doubled = ScanStats(), ScanStats()
    matcher = TermMatcher(synthetic_glossary(1000))
    matcher.find(text, once)
    matcher.find(text + " " + text, doubled)
    assert doubled.chars == 2 * len(text) + 1
    assert once.outputs <= doubled.outputs <= 2 * once.outputs + 10


def test_output_work_is_bounded_by_nesting_not_glossary_size() -> None:
    glossary = Glossary(tuple(entry(f"a{n}", " ".join(["a"] * n)) for n in range(1, 6)))
    stats = ScanStats()
    TermMatcher(glossary).find("a " * 1000, stats)
    assert stats.outputs <= 5 * stats.chars


# ------------------------------------------------------------------------- rendering


def test_render_annotation_is_a_plain_link_without_the_definition() -> None:
    node = Annotation(
        "term", "x", (Text("x"),), '<script>alert("x")</script> *a* [b](c)', "../glossary.md#x"
    )
    out = render_annotation(node, "soft power")
    assert out == "[soft power](../glossary.md#x){ .term }"  # the body is page data


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("term", '<span class="term">w</span>'),
        ("cite", '<span class="bibref">w</span>'),
        (
            "xref",
            '[](#note-k){ #ref-note-k .mark .mark--xref aria-label="Editors’ note: see also" }',
        ),
        ("note", '[](#note-k){ #ref-note-k .mark .mark--note aria-label="Editors’ note: note" }'),
    ],
)
def test_render_annotation_serves_every_kind(kind: str, expected: str) -> None:
    assert render_annotation(Annotation(kind, "k", (), "Plain.", ""), "w") == expected


@pytest.mark.parametrize(
    ("href", "safe"),
    [
        ("../glossary.md#a", "../glossary.md#a"),
        ("javascript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("https://x.org/a b(c)", "https://x.org/a%20b%28c%29"),
    ],
)
def test_safe_href(href: str, safe: str) -> None:
    assert safe_href(href) == safe


def test_glossary_page_lists_occurrences_with_anchors() -> None:
    d = doc(para(Text("Soft power <b>is</b> *here*."), anchor="p12"))
    _, occurrences = annotate_terms(d, GLOSSARY)
    texts = {"kosachev-2012": "The Specifics"}
    page = render_glossary_page(GLOSSARY, occurrences, texts)
    assert '<h3 id="soft-power">soft power</h3>' in page
    assert "[Kosachev 2012](occurrences/kosachev-2012.md#soft-power) (1)" in page
    assert "not annotated in the texts" in page
    lists = render_occurrence_pages(GLOSSARY, occurrences, texts)
    listed = lists["occurrences/kosachev-2012.md"]
    assert '<h2 id="soft-power">soft power (1)</h2>' in listed
    assert "- [¶ 12](../texts/kosachev-2012.md#p12): …**Soft power**" in listed
    assert "<b>" not in listed and "*here*" not in listed
    table = render_term_overview(GLOSSARY, occurrences, texts)
    assert '<th scope="col">' in table and '<th scope="row"' in table
    # A Markdown link in a markdown="span" cell, so MkDocs rewrites and validates it.
    cell = '[1](occurrences/kosachev-2012.md#soft-power){ aria-label="1 passage in Kosachev 2012" }'
    assert cell in table


# ------------------------------------------------------------- the real texts


def normalise(text: str) -> str:
    """Undo what the parser will undo for matching: end-of-line hyphenation and footnote
    digits glued to words (Makarychev's two-column PDF)."""
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)
    return re.sub(r"(?<=[A-Za-z.,”’)])\d{1,2}(?=[\s.,—])", "", text)


def test_every_entry_occurs_in_the_five_originals() -> None:
    glossary = load_glossary(ROOT / "glossary.yml", "glossary.yml")
    matcher = TermMatcher(glossary)
    seen: set[str] = set()
    for path in sorted((ROOT / "sources").glob("*/original.txt")):
        seen |= {m.entry.id for m in matcher.find(normalise(path.read_text(encoding="utf-8")))}
    missing = [e.id for e in glossary if e.id not in seen]
    assert not missing, f"entries that match nothing in the texts: {missing}"


# Folding a whole text at once must give what folding it character by character gives:
# the matcher maps every match back to the text by position.
_FOLDABLE = st.text(
    alphabet=st.sampled_from(list("aZ ‘’“”«»„‑-\t\n\u00a0\u2009İΣσςΟΔßﬁǅ\u0130x."))
    | st.characters(),
    max_size=60,
)


@given(_FOLDABLE)
@example("ΟΔΟΣ")  # a final sigma: str.lower() of the whole word gives ς, of Σ alone σ
@example("İSTANBUL")  # a capital whose lower case is two characters
def test_fold_text_equals_folding_each_character(text: str) -> None:
    assert fold_text(text) == "".join(fold_char(ch) for ch in text)
    assert fold_text(text, case=False) == "".join(fold_char(ch, case=False) for ch in text)
    assert len(fold_text(text)) == len(text)


@given(_FOLDABLE)
@example("ΟΔΟΣ")
@example("İSTANBUL")
def test_citation_fold_keeps_every_position(text: str) -> None:
    each = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_FOLD))
    assert fold(text) == each
