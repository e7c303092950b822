"""Replacing a whole folder (docs/, site/) in one step, so a kill leaves it whole.

A build never writes into the folder it replaces. It fills a staging folder beside it,
``.<name>.<pid>.new`` (for docs/ a clone of the old tree made of hard links, so only the
changed pages cost a write), and then switches the two:

- on Linux with one ``renameat2(RENAME_EXCHANGE)`` system call, which swaps the two names
  atomically: at every instant ``<name>`` is wholly the old tree or wholly the new one;
- elsewhere (or on a file system without it) with a journal kept in the names: the
  finished staging folder is renamed ``.<name>.<pid>.ready``, the old tree
  ``.<name>.<pid>.old``, the ready one ``<name>``. A run killed between the last two
  renames leaves no ``<name>`` at all, and :func:`recover` (which every writer calls
  first) rolls it forward from ``.ready`` — or back from ``.old`` if nothing is ready.

What a killed writer leaves behind carries its process id, so :func:`recover` removes it
only when that process is gone. ``READER_SWAP=rename`` forces the journal (for tests).
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

from reader.core.atomic import alive, fault, signals_held

SWAP_ENV = "READER_SWAP"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STATES = ("new", "ready", "old")


def _renameat2() -> object | None:
    """glibc's ``renameat2``, or None where there is none (not Linux, old libc)."""
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` atomically; False when the system cannot."""
    if _RENAMEAT2 is None or os.environ.get(SWAP_ENV) == "rename":
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # the file system cannot
        return False
    raise OSError(code, os.strerror(code), str(a))


def sibling(target: Path, state: str, pid: int | None = None) -> Path:
    """The name of ``target``'s staging folder in ``state`` (new, ready or old)."""
    return target.with_name(f".{target.name}.{pid or os.getpid()}.{state}")


def leftovers(target: Path) -> dict[str, list[Path]]:
    """Staging folders of ``target`` left by writers that are gone, by state."""
    found: dict[str, list[Path]] = {state: [] for state in _STATES}
    for path in sorted(target.parent.glob(f".{target.name}.*")):
        pid, _, state = path.name[len(target.name) + 2 :].partition(".")
        if state in found and pid.isdigit() and not alive(int(pid)):
            found[state].append(path)
    return found


def recover(target: Path) -> None:
    """Finish or undo what a killed writer left: ``target`` whole again, leftovers gone."""
    found = leftovers(target)
    if not target.exists():
        for path in found["ready"] + found["old"]:  # forward if a new tree was ready
            os.replace(path, target)
            break
    for path in found["new"] + found["ready"] + found["old"]:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed: copy
        shutil.copy2(src, dst)


def start(target: Path, clone: bool) -> Path:
    """A fresh staging folder for ``target``: empty, or (``clone``) holding the same
    files as ``target`` as hard links. Writers must replace a file, never write into one:
    a hard link shares its contents with the live tree."""
    recover(target)
    staging = sibling(target, "new")
    if clone and target.is_dir():
        shutil.copytree(target, staging, symlinks=True, copy_function=_link_or_copy)
    else:
        staging.mkdir()
    return staging


def commit(staging: Path, target: Path) -> None:
    """Put the finished ``staging`` tree in place of ``target`` and remove the old one.
    SIGINT and SIGTERM wait until the switch is done."""
    with signals_held():
        if not target.exists():
            os.replace(staging, target)
            return
        if exchange(staging, target):
            old = staging
            fault("mid-replace")
        else:
            ready, old = sibling(target, "ready"), sibling(target, "old")
            os.replace(staging, ready)
            os.replace(target, old)
            fault("mid-replace")
            os.replace(ready, target)
        shutil.rmtree(old, ignore_errors=True)


def abandon(staging: Path) -> None:
    """Remove a staging folder that will not be committed."""
    shutil.rmtree(staging, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file at ``path`` in a staging tree (replacing any hard
    link there rather than writing through it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    with open(path, "xb") as stream:
        stream.write(data)
