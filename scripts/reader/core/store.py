"""Blobs of the on-disk build cache: one pickled value per content-addressed key.

The keys are digests of everything that computed a value (:mod:`reader.core.record`),
so an entry found is always the one a fresh computation would give: a text's parse,
its passes' result, the verdict of the conservation check on a page's HTML.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from reader.core.atomic import temp_name
from reader.core.record import CACHE


class Store:
    """Pickled values under ``.cache/reader/<kind>/<key>.pickle``, written atomically.

    Only this build's own pickles are read back; a damaged or unreadable entry counts as
    missing (the value is computed again and the entry rewritten)."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under ``key``, or None."""
        try:
            with self._path(kind, key).open("rb") as file:
                return pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` (replacing any entry of that key)."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = temp_name(path)
            temp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(temp, path)
        except OSError:
            return  # a cache that cannot be written only costs time
