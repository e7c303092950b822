"""The stored sentence embeddings of issue 18's experiment (``scripts/evaluate_semantic.py``):
which file holds which model's vectors, how a unit's vectors are keyed, and the findings
when a file is missing or a unit's vectors are stale.

``scripts/embed_units.py --model NAME`` writes :data:`VECTORS` ``[NAME]``; each unit's
vectors sit under :func:`key_of` its text and the model's name and version (the file's
``model``), so a unit whose text has changed since has none.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from reader.core.diagnostics import Diagnostic
from reader.passes.related_units import Passage

DEFAULT = "minilm"
VECTORS = {
    "minilm": "scripts/evaluation/related-embeddings.json",  # all-MiniLM-L6-v2, 384 numbers
    "mpnet": "scripts/evaluation/related-embeddings-mpnet.json",  # all-mpnet-base-v2, 768
}
EMBEDDINGS = VECTORS[DEFAULT]


def key_of(model: str, text: str) -> str:
    """The key of one unit's vectors (as ``scripts/embed_units.py`` makes it)."""
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:20]


def remake(model: str = DEFAULT) -> str:
    """The command that makes ``model``'s vectors again."""
    return "run make evaluate-semantic" + ("" if model == DEFAULT else f" MODEL={model}")


def load_vectors(path: Path, items: list[Passage]) -> tuple[dict[str, dict], list[str]]:
    """Unit key -> its stored vectors, and the units that have none for their text."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stored, out, stale = data["units"], {}, []
    for p in items:
        found = stored.get(key_of(data["model"], p.text))
        if found is None:
            stale.append(p.key)
        else:
            out[p.key] = found
    return out, stale


def stale_diagnostics(stale: list[str], model: str = DEFAULT) -> list[Diagnostic]:
    """One finding per unit without a vector for its present text (nothing is scored)."""
    message = "no stored sentence embedding for the present text of {}"
    return [
        Diagnostic("E005", message.format(k), VECTORS[model], hint=remake(model)) for k in stale
    ]


def stored_vectors(
    root: Path, model: str, items: list[Passage]
) -> tuple[dict[str, dict], list[Diagnostic]]:
    """``model``'s vectors of ``items``, or the findings that stop the scoring: the file
    missing or unreadable (one finding), or units without vectors (one each)."""
    path = root / VECTORS[model]
    try:
        vectors, stale = load_vectors(path, items)
    except (OSError, ValueError, KeyError, TypeError) as error:
        reason = "missing" if isinstance(error, FileNotFoundError) else "not a vectors file"
        message = f"no stored sentence embeddings of {model}: the file is {reason}"
        return {}, [Diagnostic("E005", message, VECTORS[model], hint=remake(model))]
    return vectors, stale_diagnostics(stale, model)
