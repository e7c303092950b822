"""Each repair rule on its own: fixture pairs (in → out) and negatives (must not change).

Fixtures live in tests/fixtures/repair/<rule>/. Character rules are ``str -> str``;
chunk rules are run through the profile named before ``--`` in the fixture's name.
``pytest --update-goldens`` rewrites the expected files from the current output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.profiles import PROFILES
from reader.parse.classify import classify
from reader.repair import characters
from reader.repair.chunks import split_chunks
from reader.repair.furniture import set_aside_footnote_blocks
from reader.repair.hyphenation import Lexicon
from reader.repair.layout import read_layout, rejoin_by_layout, split_at_layout
from reader.repair.page_furniture import remove_page_furniture
from reader.repair.paragraphs import rejoin_cut_paragraphs, unwrap_hard_wrapped_lines

FIXTURES = Path(__file__).parent / "fixtures" / "repair"
LEXICON = Lexicon.from_texts(
    p.read_text(encoding="utf-8") for p in (Path(__file__).parents[1] / "sources").glob("*/*.txt")
)


def rejoin_cut_paragraphs_rule(text: str, profile_name: str) -> tuple[str, int]:
    """Run the chunk pipeline up to rejoining; return the text and the number of joins."""
    profile = PROFILES[profile_name]
    chunks = classify(split_chunks(characters.mark_furniture_lines(text)), profile)
    if profile.footnote_blocks:
        chunks, _ = set_aside_footnote_blocks(chunks)
    chunks = [unwrap_hard_wrapped_lines(c, LEXICON)[0] for c in chunks]
    joined, joins = rejoin_cut_paragraphs(chunks, LEXICON, wrapped=profile.hard_wrapped)
    return "\n\n".join(c.text for c in joined) + "\n", len(joins)


def layout_rule(text: str) -> tuple[str, int]:
    """Run the pdf profile's chunk pipeline; return the text and the number of page
    furniture lines removed, chunks split and breaks bridged."""
    profile = PROFILES["pdf"]
    cleared = remove_page_furniture(text)
    layout = read_layout(cleared)
    for rule in (characters.mark_furniture_lines, *CHARACTER_RULES.values()):
        cleared = rule(cleared)
    chunks = split_chunks(cleared)
    split = split_at_layout(chunks, layout)
    classified, _ = set_aside_footnote_blocks(classify(split, profile), across_pages=False)
    unwrapped = [unwrap_hard_wrapped_lines(c, LEXICON)[0] for c in classified]
    joined, joins = rejoin_by_layout(classified, unwrapped, LEXICON, layout)
    furniture = sum(
        1
        for a, b in zip(text.split("\n"), remove_page_furniture(text).split("\n"), strict=True)
        if a != b and b == "\f"
    )
    changes = furniture + len(split) - len(chunks) + len(joins)
    return "\n\n".join(c.text for c in joined) + "\n", changes


CHARACTER_RULES = {
    name: getattr(characters, name)
    for name in (
        "strip_byte_order_mark",
        "normalise_newlines",
        "mark_furniture_lines",
        "strip_trailing_spaces",
        "collapse_doubled_spaces",
        "strip_stray_leading_spaces",
    )
}


def _cases(kind: str) -> list[Path]:
    suffix = ".in.txt" if kind == "pair" else ".txt"
    return sorted(
        p
        for p in FIXTURES.rglob("*.txt")
        if (kind == "pair" and p.name.endswith(".in.txt"))
        or (kind == "negative" and "negative-" in p.name and p.name.endswith(suffix))
    )


def _run(rule: str, case: Path, text: str) -> tuple[str, int]:
    if rule in CHARACTER_RULES:
        out = CHARACTER_RULES[rule](text)
        return out, int(out != text)
    if rule == "remove_page_furniture":
        out = remove_page_furniture(text)
        return out, int(out != text)
    if rule in ("split_at_layout", "rejoin_by_layout"):
        return layout_rule(text)
    profile = case.name.split("--", 1)[0]
    return rejoin_cut_paragraphs_rule(text, profile)


@pytest.mark.parametrize("case", _cases("pair"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_repairs_fixture(case: Path, update_goldens: bool) -> None:
    text = case.read_bytes().decode("utf-8")
    expected_path = case.with_name(case.name.replace(".in.txt", ".out.txt"))
    out, changes = _run(case.parent.name, case, text)
    if update_goldens:
        expected_path.write_bytes(out.encode("utf-8"))
    assert out == expected_path.read_bytes().decode("utf-8")
    assert changes, "the fixture should exercise the rule"


@pytest.mark.parametrize("case", _cases("negative"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_leaves_negative_fixture_alone(case: Path) -> None:
    text = case.read_bytes().decode("utf-8")
    _, changes = _run(case.parent.name, case, text)
    assert changes == 0


@pytest.mark.parametrize("rule", sorted(CHARACTER_RULES))
def test_character_rule_is_idempotent_on_the_corpus(rule: str) -> None:
    fn = CHARACTER_RULES[rule]
    for path in (Path(__file__).parents[1] / "sources").glob("*/original.txt"):
        once = fn(path.read_text(encoding="utf-8"))
        assert fn(once) == once


def test_every_rule_has_a_fixture_and_a_negative() -> None:
    rules = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert (
        set(CHARACTER_RULES)
        | {
            "rejoin_cut_paragraphs",
            "remove_page_furniture",
            "split_at_layout",
            "rejoin_by_layout",
        }
        <= rules
    )
    for rule in rules:
        names = [p.name for p in (FIXTURES / rule).iterdir()]
        assert any(n.endswith(".in.txt") for n in names), rule
        assert any("negative-" in n for n in names), rule
