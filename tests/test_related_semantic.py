"""The embedding experiment of issue 18 (``scripts/evaluate_semantic.py``): its stored
vectors (one file per model), its ways of combining scores, the table it prints, and the
reading of all-mpnet-base-v2's split archive (``scripts/joined_parts.py``)."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import itertools
import json
import re
import sys
import zipfile
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
    for name in ("related_gold", "evaluate_related", "semantic_vectors"):
        if name not in sys.modules:
            _script(name)
    return _script("evaluate_semantic")


def _run(semantic):
    docs = edition().documents
    return semantic.Run(docs, related.WEIGHTS, edition().context)


def _vectors_file(tmp_path, semantic, items, model="test model", name="vectors.json"):
    units = {
        semantic.key_of(model, p.text): {"unit": p.key, "mean": [1.0, 0.0], "whole": [0.0, 1.0]}
        for p in items
    }
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
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


def test_the_mpnet_vectors_missing_or_stale_are_findings_with_their_own_command(
    tmp_path,
) -> None:
    semantic = _semantic()
    items = _run(semantic).items
    found, (missing,) = semantic.stored_vectors(tmp_path, "mpnet", items)
    assert found == {}
    assert str(missing) == (
        "scripts/evaluation/related-embeddings-mpnet.json: E005 error: no stored sentence "
        "embeddings of mpnet: the file is missing — run make evaluate-semantic MODEL=mpnet"
    )
    _vectors_file(tmp_path, semantic, items, "mpnet model", semantic.VECTORS["mpnet"])
    found, problems = semantic.stored_vectors(tmp_path, "mpnet", items)
    assert problems == [] and set(found) == {p.key for p in items}
    edited = [replace(items[1], text=items[1].text + " More.")]
    found, (stale,) = semantic.stored_vectors(tmp_path, "mpnet", items[:1] + edited + items[2:])
    assert items[1].key not in found and items[1].key in stale.message
    assert str(stale).startswith(f"{semantic.VECTORS['mpnet']}: E005 error: no stored ")
    assert stale.hint == "run make evaluate-semantic MODEL=mpnet"
    (tmp_path / semantic.VECTORS["minilm"]).write_text("{not json", encoding="utf-8")
    _, (broken,) = semantic.stored_vectors(tmp_path, "minilm", items)
    assert "the file is not a vectors file" in broken.message
    assert broken.hint == "run make evaluate-semantic"


@pytest.mark.parametrize(
    ("model", "size", "name"),
    [("minilm", 384, "all-MiniLM-L6-v2"), ("mpnet", 768, "all-mpnet-base-v2")],
)
def test_the_stored_vectors_are_keyed_by_model_and_text(model, size, name) -> None:
    semantic = _semantic()
    items = _run(semantic).items
    path = ROOT / semantic.VECTORS[model]
    found, stale = semantic.load_vectors(path, items)
    assert len(found) >= 0.9 * len(items), stale  # a few units may have been edited since
    assert f"sentence-transformers/{name} (" in json.loads(path.read_text())["model"]
    vector = next(iter(found.values()))
    assert len(vector["mean"]) == len(vector["whole"]) == size
    assert abs(sum(x * x for x in vector["mean"]) - 1) < 1e-4  # unit length, so dot = cosine
    assert semantic.key_of("a", "text") != semantic.key_of("b", "text")


def test_the_makefile_writes_each_model_s_vectors_where_the_evaluation_reads_them() -> None:
    semantic = _semantic()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    written = dict(re.findall(r"^SEMANTIC_VECTORS_(\w+) := (\S+)$", makefile, re.MULTILINE))
    assert written == semantic.VECTORS


def _split_archive(tmp_path, cuts):
    """A zip of a model-like folder, split at the byte offsets ``cuts`` into pieces."""
    files = {"m/config.json": b'{"a": 1}', "m/1_Pooling/config.json": b"{}", "m/desktop.ini": b"x"}
    files["m/model.safetensors"] = bytes(range(256)) * 64
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    whole = buffer.getvalue()
    bounds = [0, *cuts, len(whole)]
    pieces = []
    for i, (start, end) in enumerate(itertools.pairwise(bounds)):
        pieces.append(tmp_path / f"m.zip.{i + 1:03d}")
        pieces[-1].write_bytes(whole[start:end])
    return files, whole, pieces


def test_joined_parts_read_the_pieces_as_one_archive_and_unpack_the_folder(tmp_path) -> None:
    joined_parts = _script("joined_parts")
    files, whole, pieces = _split_archive(tmp_path, [7, 5000, 5001])
    joined = joined_parts.JoinedParts(pieces)
    assert joined.read() == whole and joined.tell() == len(whole)
    joined.seek(-10, io.SEEK_END)
    assert joined.read(100) == whole[-10:]
    joined.seek(3)
    assert joined.read(10) == whole[3:13]  # across the first piece's end
    written = joined_parts.unpack(joined_parts.JoinedParts(pieces), "m/", tmp_path / "out")
    names = {p.relative_to(tmp_path / "out").as_posix() for p in written}
    assert names == {"config.json", "1_Pooling/config.json", "model.safetensors"}  # no .ini
    for name in names:
        assert (tmp_path / "out" / name).read_bytes() == files[f"m/{name}"]
    weights = tmp_path / "out" / "model.safetensors"
    assert joined_parts.sha256_of(weights) == hashlib.sha256(weights.read_bytes()).hexdigest()


def test_a_damaged_piece_fails_its_member_s_check(tmp_path) -> None:
    joined_parts = _script("joined_parts")
    files, whole, pieces = _split_archive(tmp_path, [3000])
    at = whole.index(files["m/model.safetensors"]) + 5000 - 3000  # in the second piece
    damaged = bytearray(pieces[1].read_bytes())
    damaged[at] ^= 0xFF
    pieces[1].write_bytes(bytes(damaged))
    with pytest.raises(zipfile.BadZipFile):
        joined_parts.unpack(joined_parts.JoinedParts(pieces), "m/", tmp_path / "out")


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


def _judged_run():
    """The semantic module, a lexical run, the gold list, and its judged unit pairs."""
    semantic = _semantic()
    run = _run(semantic)
    evaluation = sys.modules["evaluate_related"]
    gold = evaluation.load_gold(ROOT / evaluation.GOLD, evaluation.GOLD, edition().documents)
    return semantic, run, gold, run.judged(gold, "all")


def test_separation_is_the_share_of_related_over_unrelated_pairs() -> None:
    semantic, run, gold, truth = _judged_run()

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
    # the configured bands, or where their strong band is withheld the setting withheld
    shown = related.BANDS.shows_strong
    bands = related.BANDS if shown else evaluation.choose_bands(run, gold).best
    lexical_name = "lexical (current)" if shown else "lexical (withheld)"
    assert names[:3] == [lexical_name, "whole (embeddings)", "mean (embeddings)"]
    assert names[3].startswith("mean + ") and names[4].startswith("lexical, mean >= ")
    configured = run.scores(gold, "test", bands)
    lexical = lines[2].split()
    assert float(lexical[2]) == bands.strong and int(lexical[3]) == bands.mutual
    assert configured.judged > 0
    assert f"{configured.precision:5.3f}" in lines[2] and f"{configured.recall:5.3f}" in lines[2]
    assert lines[-1].startswith("a random sample of 20 strong links of 'mean'")


def test_the_best_test_precision_along_the_curve_is_read_at_each_threshold() -> None:
    semantic, run, gold, truth = _judged_run()

    def oracle(a: str, b: str) -> float:
        return 1.0 if truth.get(frozenset((a, b))) else 0.01

    ranked = semantic.rescored(run, oracle)
    line = semantic.best_on_curve("oracle", ranked, gold, (0.005, 0.5))
    assert line.startswith("oracle: best test precision along the curve (>= 10 judged")
    assert ": 1.000 (" in line and line.endswith("at 0.50, mutual 0")
    nothing = semantic.best_on_curve("oracle", ranked, gold, (2.0,))
    assert nothing == "oracle: no threshold shows 10 judged test links"
