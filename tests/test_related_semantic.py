"""The embedding experiment of issue 18 (``scripts/evaluate_semantic.py``): its stored
vectors, its ways of combining scores, and the table it prints."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace

import pytest

from crosslinks_edition import ROOT, edition
from reader.passes import related


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / f"scripts/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _semantic():
    if "evaluate_related" not in sys.modules:
        _script("evaluate_related")
    return _script("evaluate_semantic")


def _run(semantic):
    docs = edition().documents
    return semantic.Run(docs, related.WEIGHTS, edition().context)


def _vectors_file(tmp_path, semantic, items, model="test model"):
    units = {
        semantic.key_of(model, p.text): {"unit": p.key, "mean": [1.0, 0.0], "whole": [0.0, 1.0]}
        for p in items
    }
    path = tmp_path / "vectors.json"
    path.write_text(json.dumps({"model": model, "units": units}), encoding="utf-8")
    return path


def test_a_unit_whose_text_changed_has_no_vector_and_is_reported(tmp_path) -> None:
    semantic = _semantic()
    items = _run(semantic).items
    path = _vectors_file(tmp_path, semantic, items)
    found, stale = semantic.load_vectors(path, items)
    assert stale == [] and set(found) == {p.key for p in items}
    edited = [replace(items[0], text=items[0].text + " More.")]
    found, stale = semantic.load_vectors(path, edited + items[1:])
    assert stale == [items[0].key] and items[0].key not in found
    (finding,) = semantic.stale_diagnostics(stale)
    line = str(finding)
    assert line.startswith(f"{semantic.EMBEDDINGS}: E005 error: ") and items[0].key in line
    assert line.endswith("— run make evaluate-semantic")


def test_the_stored_vectors_are_keyed_by_model_and_text() -> None:
    semantic = _semantic()
    items = _run(semantic).items
    found, stale = semantic.load_vectors(ROOT / semantic.EMBEDDINGS, items)
    assert len(found) >= 0.9 * len(items), stale  # a few units may have been edited since
    vector = next(iter(found.values()))
    assert len(vector["mean"]) == len(vector["whole"]) == 384
    assert abs(sum(x * x for x in vector["mean"]) - 1) < 1e-4  # unit length, so dot = cosine
    assert semantic.key_of("a", "text") != semantic.key_of("b", "text")


def test_combinations_weigh_and_gate_a_pair_score() -> None:
    semantic = _semantic()
    first = {("a", "b"): 0.5, ("a", "c"): 0.2}
    second = {("a", "b"): 0.1, ("a", "c"): 0.3}
    one, two = (lambda a, b: first[(a, b)]), (lambda a, b: second[(a, b)])
    assert semantic.weighted(one, two, 2.0)("a", "b") == pytest.approx(0.7)
    assert semantic.weighted(one, two, 2.0)("a", "c") == pytest.approx(0.8)
    gate = semantic.at_least(one, 0.3)
    assert gate("a", "b") and not gate("a", "c")


def test_rescored_ranks_every_pair_of_other_texts_and_keeps_only_what_the_gate_lets() -> None:
    semantic = _semantic()
    run = _run(semantic)
    index = {p.key: i for i, p in enumerate(run.items)}

    def score(a: str, b: str) -> float:
        return 1 / (1 + abs(index[a] - index[b]))

    everything = semantic.rescored(run, score)
    gated = semantic.rescored(run, score, lambda a, b: (index[a] + index[b]) % 2 == 0)
    for key, candidates in everything.scored.items():
        values = [s for _, s in candidates]
        assert values == sorted(values, reverse=True) and len(values) == semantic.KEPT
        assert all(t.slug != key.split("#")[0] for t, _ in candidates)
        assert all((index[key] + index[t.key]) % 2 == 0 for t, _ in gated.scored[key])
    assert everything.best == related.best_by_text(everything.scored)
    assert run.scored is not everything.scored  # the lexical run is left as it was


def test_separation_is_the_share_of_related_over_unrelated_pairs() -> None:
    semantic = _semantic()
    run = _run(semantic)
    evaluation = sys.modules["evaluate_related"]
    gold = evaluation.load_gold(ROOT / evaluation.GOLD, evaluation.GOLD, edition().documents)
    truth = run.judged(gold, "all")

    def oracle(a: str, b: str) -> float:
        return float(truth[frozenset((a, b))])

    assert semantic.separation(run, gold, "all", oracle, "") == 1.0
    assert semantic.separation(run, gold, "all", lambda a, b: 0.0, "shown") == 0.5


@pytest.mark.slow
def test_the_report_tunes_each_method_on_dev_and_matches_the_configured_lexical_row() -> None:
    semantic = _semantic()
    evaluation = sys.modules["evaluate_related"]
    run = _run(semantic)
    gold = evaluation.load_gold(ROOT / evaluation.GOLD, evaluation.GOLD, edition().documents)
    vectors, stale = semantic.load_vectors(ROOT / semantic.EMBEDDINGS, run.items)
    if stale:
        pytest.skip("the stored vectors are stale: make evaluate-semantic")
    lines = semantic.report(run, vectors, gold, with_curve=False).splitlines()
    names = [line.split("  ")[1].strip() for line in lines[2:7]]
    assert names[:3] == ["lexical (current)", "whole (embeddings)", "mean (embeddings)"]
    assert names[3].startswith("mean + ") and names[4].startswith("lexical, mean >= ")
    configured = run.scores(gold, "test", related.BANDS)
    lexical = lines[2].split()
    assert float(lexical[2]) == related.BANDS.strong and int(lexical[3]) == related.BANDS.mutual
    assert f"{configured.precision:5.3f}" in lines[2] and f"{configured.recall:5.3f}" in lines[2]
    assert lines[-1].startswith("a random sample of 20 strong links of 'mean'")
