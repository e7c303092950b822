"""scripts/blind_round.py: the next round of blind judging lists exactly the links shown
by default that the blind list does not judge, in files a reader can fill in and the
evaluation can load."""

from __future__ import annotations

from pathlib import Path

from crosslinks_edition import ROOT, edition
from test_related import _script

ROUND = "# ---- blind judged shown, sixth round"


def _blind_round():
    _script("related_gold")
    _script("evaluate_related")
    return _script("blind_round")


def test_a_round_lists_the_shown_links_the_blind_list_leaves_unjudged(tmp_path: Path) -> None:
    script = _blind_round()
    docs, context = edition().documents, edition().context
    assert script.unjudged_shown(docs, context) == []  # the list judges every shown link
    whole = (ROOT / "scripts/evaluation/related-gold-blind.yml").read_text(encoding="utf-8")
    assert ROUND in whole
    before = tmp_path / "blind.yml"
    before.write_text(whole[: whole.index(ROUND)], encoding="utf-8")
    pairs = script.unjudged_shown(docs, context, before)
    removed = script.load_gold(ROOT / script.BLIND, script.BLIND, docs, half="blind")[
        -27:
    ]  # the round left out above
    run = script.Run(docs, script.related.WEIGHTS, context)
    expected = {frozenset(run.unit[k] for k in j.keys) for j in removed}
    assert {frozenset((a.key, b.key)) for a, b in pairs} == expected
    to_judge, passages = script.round_files(docs, pairs)
    assert to_judge.count("judged: TODO") == passages.count("=== link ") == len(expected)
    filled = tmp_path / "to-judge.yml"
    filled.write_text(to_judge, encoding="utf-8")
    assert "still to judge" in script.check(filled, docs)[0]
    filled.write_text(
        to_judge.replace("judged: TODO", "judged: related").replace("reason: TODO", "reason: x"),
        encoding="utf-8",
    )
    assert (
        script.check(filled, docs)[0]
        == f"{len(expected)} pairs: {len(expected)} related, 0 unrelated"
    )
