"""Related passages: the stemmer, the TF-IDF scoring, the choice of passages, the marker
on the page, the evaluation that justifies the threshold, and the links between texts."""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from collections import Counter
from itertools import permutations

import pytest

from crosslinks_edition import ROOT, edition
from reader.core.model import Annotation, Text, walk_inlines
from reader.emit.related import PAGE, is_marker, item_markdown, split_related
from reader.passes import related
from reader.text.stemming import STOP_WORDS, content_stems, stem, tokens

# Porter (1980), "An algorithm for suffix stripping": the examples of the paper.
_PORTER_TEXT = """
caresses caress  ponies poni  ties ti  caress caress  cats cat  feed feed  agreed agre
plastered plaster  bled bled  motoring motor  sing sing  conflated conflat
troubled troubl  sized size  hopping hop  tanned tan  falling fall  hissing hiss
fizzed fizz  failing fail  filing file  happy happi  sky sky  relational relat
conditional condit  rational ration  valenci valenc  hesitanci hesit  digitizer digit
conformabli conform  radicalli radic  differentli differ  vileli vile
analogousli analog  vietnamization vietnam  predication predic  operator oper
feudalism feudal  decisiveness decis  hopefulness hope  callousness callous
formaliti formal  sensitiviti sensit  sensibiliti sensibl  triplicate triplic
formative form  formalize formal  electriciti electr  electrical electr  hopeful hope
goodness good  revival reviv  allowance allow  inference infer  airliner airlin
gyroscopic gyroscop  adjustable adjust  defensible defens  irritant irrit
replacement replac  adjustment adjust  dependent depend  adoption adopt
homologou homolog  communism commun  activate activ  angulariti angular
homologous homolog  effective effect  bowdlerize bowdler  probate probat  rate rate
cease ceas  controll control  roll roll
"""
PORTER = _PORTER_TEXT.split()


@pytest.mark.parametrize(("word", "expected"), list(zip(PORTER[::2], PORTER[1::2], strict=True)))
def test_porter_examples(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_inflections_of_corpus_words_share_a_stem() -> None:
    for group in (
        ("compatriots", "compatriot"),
        ("integration", "integrating", "integrate"),
        ("countries", "country"),
        ("attractive", "attraction"),
    ):
        assert len({stem(w) for w in group}) == 1, group


def test_tokens_split_hyphens_drop_possessives_digits_and_stop_words() -> None:
    assert tokens("Russia’s post-Soviet policy, 2015") == ["russia", "post", "soviet", "policy"]
    assert content_stems("the Russian World of the compatriots") == [
        "russian",
        "world",
        "compatriot",
    ]
    assert "the" in STOP_WORDS and "russia" not in STOP_WORDS


def test_tfidf_vectors_have_unit_length_and_drop_ubiquitous_features() -> None:
    bags = [Counter({"a": 2, "b": 1}), Counter({"a": 1, "c": 3}), Counter({"a": 1, "b": 1})]
    vectors = related.tfidf(bags, max_df=0.7)
    assert all("a" not in v for v in vectors)  # in every bag: no information
    for v in vectors:
        assert math.isclose(math.sqrt(sum(x * x for x in v.values())), 1.0)


def test_contributions_add_up_to_the_cosine() -> None:
    a, b = {"x": 0.6, "y": 0.8}, {"x": 0.8, "z": 0.6}
    parts = related.contributions(a, b)
    assert parts == [("x", pytest.approx(0.48))]


def _candidate(slug: str, number: int, score: float):
    passage = related.Passage(slug, f"p{number}", number, slug, "", ())
    return passage, score


def test_select_keeps_threshold_top_k_and_one_per_text() -> None:
    candidates = [
        _candidate("a", 1, 0.5),
        _candidate("a", 2, 0.4),
        _candidate("b", 1, 0.3),
        _candidate("c", 1, 0.2),
        _candidate("d", 1, 0.19),
        _candidate("e", 1, 0.05),
    ]
    chosen = related.select(candidates, 0.1, top_k=3, per_text=1)
    assert [(p.slug, p.number) for p, _ in chosen] == [("a", 1), ("b", 1), ("c", 1)]
    assert related.select(candidates, 0.45, top_k=3, per_text=1)[0][0].number == 1
    assert related.select(candidates, 0.6) == []


def test_shared_labels_name_glossary_entries_once() -> None:
    a = related.Passage("a", "p1", 1, "A", "The compatriots abroad", ("compatriots",))
    b = related.Passage("b", "p1", 1, "B", "compatriots living abroad", ("compatriots",))
    parts = [("compatriot", 0.3), ("g:compatriots", 0.2), ("abroad", 0.1)]
    labels = related.shared_labels(parts, a, b, {"compatriots": "compatriots"})
    assert labels == ("compatriots", "abroad")


def test_marker_is_a_short_link_to_the_list_and_the_list_is_literal() -> None:
    target = related.Passage(
        "gussarova-2017",
        "p41",
        41,
        "Gussarova 2017",
        "The main pillar <of> *public* diplomacy",
        ("russian-world",),
    )
    node = related.marker([related.Relation("kosachev-2012#p56", target, 0.3, ("Russian World",))])
    assert is_marker(node)
    inlines, marker = split_related((Text("words"), node), "kosachev-2012", "p56")
    assert inlines == (Text("words"),)
    assert marker.startswith(f" [](../{PAGE}#kosachev-2012-p56){{ .mark .mark--related ")
    assert 'data-count="1"' in marker and "Gussarova" not in marker  # no body in the text
    item = item_markdown(node.children[0])
    assert "[Gussarova 2017, ¶41](texts/gussarova-2017.md#p41)" in item
    assert "&#60;of&#62; &#42;public&#42;" in item  # the snippet is literal text
    assert "shared: Russian World" in item
    assert split_related((Text("words"),)) == ((Text("words"),), "")


# ------------------------------------------------------------------ the real edition


def _links(doc) -> set[str]:
    """The other texts a document links to at passage level (related, see also, disagrees)."""
    found = set()
    for p in doc.paragraphs():
        for node in walk_inlines(p.inlines):
            if isinstance(node, Annotation) and node.kind in ("related", "xref", "disagrees"):
                match = re.fullmatch(r"([a-z0-9-]+)\.md#(p\d+)", node.href)
                if match:
                    found.add(match.group(1))
    return found


def test_every_text_links_to_every_other_text_at_passage_level() -> None:
    docs = {d.meta.slug: d for d in edition().documents}
    missing = [(a, b) for a, b in permutations(docs, 2) if b not in _links(docs[a])]
    assert not missing


def test_related_links_point_to_numbered_paragraphs_of_other_texts() -> None:
    docs = {d.meta.slug: d for d in edition().documents}
    anchors = {slug: {p.anchor for p in d.citable()} for slug, d in docs.items()}
    count = 0
    for slug, doc in docs.items():
        for p in doc.citable():
            if p.inlines and is_marker(p.inlines[-1]):
                for node in p.inlines[-1].children:
                    target, anchor = node.href.removesuffix("").split(".md#")
                    assert target != slug and anchor in anchors[target]
                    count += 1
    assert count == sum(len(v) for v in edition().context.related.values()) > 0


def test_markers_reach_the_text_pages() -> None:
    page = edition().pages["texts/kosachev-2012.md"]
    assert page.count("{ .mark .mark--related ") == sum(
        1 for key in edition().context.related if key.startswith("kosachev-2012#")
    )
    listed = edition().pages[PAGE]
    assert listed.count("{: #kosachev-2012-p") == page.count("{ .mark .mark--related ")


def _evaluation():
    spec = importlib.util.spec_from_file_location(
        "evaluate_related", ROOT / "scripts/evaluate_related.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["evaluate_related"] = module
    spec.loader.exec_module(module)
    return module


def test_configured_threshold_is_the_one_the_evaluation_chooses() -> None:
    evaluation = _evaluation()
    docs = edition().documents
    gold = evaluation.load_gold(ROOT / evaluation.GOLD, evaluation.GOLD, docs)
    assert len(set(gold)) >= 40
    pairs = {frozenset(k.split("#")[0] for k in pair) for pair in gold}
    assert len(pairs) == 10  # every pair of texts is represented
    scores = evaluation.evaluate(docs, gold)
    chosen = evaluation.best(scores)
    assert chosen.threshold == related.THRESHOLD
    assert chosen.recall > 0.2 and chosen.precision > 0.15  # the method finds real pairs
    table = evaluation.report_text(scores, len(set(gold)), len(docs))
    assert "precision@3" in table and f"chosen threshold: {related.THRESHOLD:.2f}" in table


def test_gold_quotations_must_match(tmp_path) -> None:
    evaluation = _evaluation()
    gold = tmp_path / "gold.yml"
    gold.write_text(
        '- a: {text: kosachev-2012, exact: "words nobody wrote"}\n'
        '  b: {text: bezrukov-2018, exact: "The concept of soft power"}\n'
        "  reason: test\n",
        encoding="utf-8",
    )
    from reader.core.diagnostics import DiagnosticError

    with pytest.raises(DiagnosticError) as error:
        evaluation.load_gold(gold, "gold.yml", edition().documents)
    codes = [d.code for d in error.value.diagnostics]
    assert "A010" in codes and all(d.line == 1 for d in error.value.diagnostics)
