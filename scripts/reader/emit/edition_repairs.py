"""The "Repairs" section of the edition page: every kind of repair the build made, how
often in each text, and real examples taken from the build logs.

The examples are the logs' own records (:class:`~reader.parse.document.BuildLog`): the
character rules' line diffs, the hyphenation decisions with their evidence, the rejoined
paragraphs with their source lines, the footnote blocks set aside and the relocated
blocks. A rule that changed nothing in this edition is not listed.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Mapping

from reader.core.model import Document
from reader.emit.inline import escape_text
from reader.inputs.sources import Source
from reader.parse.document import BuildLog
from reader.repair import CHARACTER_RULES, ENCODING_RULES
from reader.repair.furniture import set_aside_footnote_blocks
from reader.repair.page_furniture import remove_page_furniture
from reader.repair.paragraphs import rejoin_cut_paragraphs, unwrap_hard_wrapped_lines

EXAMPLES = 3  # examples shown per kind of repair
SNIPPET = 8  # words of context shown from a source line


def code(text: str, *, spaces: bool = True) -> str:
    """Inline code that shows ``text`` exactly (with ``spaces``, spaces made visible as ␣).

    >>> print(code("** a"))
    <code>\\*\\*␣a</code>
    """
    shown = text.replace(" ", "␣") if spaces else text
    return f"<code>{escape_text(shown)}</code>"  # Markdown reads between inline tags


def _change(detail: str) -> str:
    """A logged line change ``'before' → 'after'`` as two code spans with an arrow."""
    before, arrow, after = detail.partition(" → ")
    return f"{code(before)} → {code(after)}" if arrow else code(detail)


def _summary(rule: Callable) -> str:
    """The first sentence of a rule's docstring."""
    doc = (rule.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(doc.split())


def _label(doc: Document) -> str:
    return doc.meta.short_title or doc.meta.citation_label


def _counts(per_text: Mapping[str, int], docs: Mapping[str, Document]) -> str:
    parts = [f"{escape_text(_label(docs[slug]))} ×{n}" for slug, n in per_text.items() if n]
    return "How often: " + ", ".join(parts) + "."


def _line(source: Source | None, number: int) -> str:
    if source is None or number < 1:
        return ""
    lines = source.text.split("\n")
    return lines[number - 1] if number <= len(lines) else ""


def _head(text: str) -> str:
    words = text.split()
    return " ".join(words[:SNIPPET]) + (" …" if len(words) > SNIPPET else "")


def _tail(text: str) -> str:
    words = text.split()
    return ("… " if len(words) > SNIPPET else "") + " ".join(words[-SNIPPET:])


def _end_of_part(source: Source | None, first: int, second: int, notes: set[int]) -> int:
    """The last line of the paragraph's first part: the last line, before ``second``, of
    a run of lines that is not a footnote block set aside."""
    n = second - 1
    while n > first:
        while n > first and not _line(source, n).strip():
            n -= 1
        end = n
        while n > first and _line(source, n - 1).strip():
            n -= 1
        if n not in notes:
            return end
        n -= 1
    return first


def _section(title: str, anchor: str, what: str, counts: str, examples: list[str]) -> list[str]:
    lines = [f"### {title} {{ #{anchor} }}", "", what, "", counts, ""]
    if examples:
        lines += [f"- {e}" for e in examples]
        lines += ["{: .repair-examples }", ""]
    return lines


def _character_rules(
    documents: list[Document], logs: Mapping[str, BuildLog], docs: Mapping[str, Document]
) -> list[str]:
    lines: list[str] = []
    for rule in (*ENCODING_RULES, remove_page_furniture, *CHARACTER_RULES):
        name = rule.__name__
        per_text = {
            d.meta.slug: sum(1 for r in logs[d.meta.slug].repairs if r.rule == name)
            for d in documents
            if d.meta.slug in logs
        }
        if not any(per_text.values()):
            continue
        examples = []
        for slug, count in per_text.items():
            first = next((r for r in logs[slug].repairs if r.rule == name and r.line), None)
            if count and first is not None:
                examples.append(
                    f"{escape_text(_label(docs[slug]))}, source line {first.line}: "
                    f"{_change(first.detail)}"
                )
            if len(examples) == EXAMPLES:  # the first ones only are shown
                break
        title = name.replace("_", " ").capitalize()
        lines += _section(
            title,
            f"rule-{name.replace('_', '-')}",
            f"{escape_text(_summary(rule))} (rule `{name}`)",
            _counts(per_text, docs),
            examples[:EXAMPLES],
        )
    return lines


def _hyphenation(
    documents: list[Document], logs: Mapping[str, BuildLog], docs: Mapping[str, Document]
) -> list[str]:
    lines: list[str] = []
    for join, title, anchor, what in (
        (
            True,
            "Words hyphenated at line ends, joined",
            "hyphenation-joined",
            "A word split across two lines with a hyphen is joined when the texts themselves "
            "spell it whole (the corpus evidence) or a word list knows it.",
        ),
        (
            False,
            "Hyphens at line ends, kept",
            "hyphenation-kept",
            "A hyphen at a line end is kept when it belongs to the word (a compound, "
            "a borrowed phrase); the evidence is shown.",
        ),
    ):
        per_text = {
            d.meta.slug: sum(1 for _, x in logs[d.meta.slug].hyphenation if x.join == join)
            for d in documents
        }
        if not any(per_text.values()):
            continue
        examples = (  # the first ones only are shown: not one string per joined word
            f"{code(x.left + '-')} / {code(x.right)} → {code(x.result)} "
            f"({escape_text(x.evidence)}; {escape_text(_label(docs[slug]))}, source line {n})"
            for slug in per_text
            for n, x in logs[slug].hyphenation
            if x.join == join
        )
        lines += _section(
            title,
            anchor,
            what + f" (rule `{unwrap_hard_wrapped_lines.__name__}`)",
            _counts(per_text, docs),
            list(itertools.islice(examples, EXAMPLES)),
        )
    return lines


def _block_rules(
    documents: list[Document],
    logs: Mapping[str, BuildLog],
    sources: Mapping[str, Source],
    docs: Mapping[str, Document],
) -> list[str]:
    lines: list[str] = []
    per_text = {d.meta.slug: len(logs[d.meta.slug].rejoined) for d in documents}
    if any(per_text.values()):
        examples = []
        for slug in per_text:
            for first, second in logs[slug].rejoined[:1]:
                source = sources.get(slug)
                end = _end_of_part(source, first, second, set(logs[slug].footnote_blocks))
                examples.append(
                    f"{escape_text(_label(docs[slug]))}, source lines {end} and {second}: "
                    f"{code(_tail(_line(source, end)), spaces=False)} ⏎ "
                    f"{code(_head(_line(source, second)), spaces=False)} — one paragraph"
                )
        lines += _section(
            "Paragraphs cut by page and column breaks, rejoined",
            "rule-rejoin-cut-paragraphs",
            f"{escape_text(_summary(rejoin_cut_paragraphs))} A paragraph is "
            "rejoined when the first part does not end a sentence and the "
            "next begins in lower case (rule `rejoin_cut_paragraphs`).",
            _counts(per_text, docs),
            examples[:EXAMPLES],
        )
    per_text = {d.meta.slug: len(logs[d.meta.slug].footnote_blocks) for d in documents}
    if any(per_text.values()):
        examples = (
            f"{escape_text(_label(docs[slug]))}, source line {n}: "
            f"“{escape_text(_head(_line(sources.get(slug), n)))}”"
            for slug in per_text
            for n in logs[slug].footnote_blocks[:2]
        )
        lines += _section(
            "Footnote texts set aside from page bottoms",
            "rule-set-aside-footnote-blocks",
            f"{escape_text(_summary(set_aside_footnote_blocks))} The notes are "
            "moved to the end of the page, linked both ways with their markers, "
            "and the paragraph they cut is rejoined (rule "
            "`set_aside_footnote_blocks`).",
            _counts(per_text, docs),
            list(itertools.islice(examples, EXAMPLES)),
        )
    moved = [
        (slug, region, why)
        for slug in (d.meta.slug for d in documents)
        for region, why in logs[slug].relocated
    ]
    if moved:
        examples = [
            f"{escape_text(_label(docs[slug]))}: the {escape_text(region.role)} — "
            f"{escape_text(why)} "
            f"(declared in `sources/{slug}/meta.yml`, line {region.declared_at})"
            for slug, region, why in moved
        ]
        counts = Counter(slug for slug, _, _ in moved)
        lines += _section(
            "Blocks that interrupted the text, relocated",
            "relocated",
            "An author box or a note that a page break set in the middle of "
            "a paragraph is moved where it belongs, as declared in the text's "
            "`meta.yml`; the page marks it as moved and says from where.",
            _counts(counts, docs),
            examples,
        )
    return lines


def render_repairs(
    documents: list[Document], logs: Mapping[str, BuildLog], sources: Mapping[str, Source]
) -> list[str]:
    """The repairs section: each kind of repair made, with counts and examples."""
    docs = {d.meta.slug: d for d in documents}
    present = [d for d in documents if d.meta.slug in logs]
    lines = [
        "## Repairs made by the build { #repairs }",
        "",
        "Each kind of damage the extractions did, the rule that repairs it, how often "
        "it acted in each text, and examples from the build's own log (line numbers "
        "are those of the file received; ␣ marks a space, ⏎ a break).",
        "",
    ]
    lines += _character_rules(present, logs, docs)
    lines += _hyphenation(present, logs, docs)
    lines += _block_rules(present, logs, sources, docs)
    return lines
