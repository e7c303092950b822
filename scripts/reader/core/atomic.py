"""Safe replacement of generated files: temporary names, held signals, leftovers, faults,
and the diagnostic for a write that fails (disk full, read-only).

``reader build`` and ``reader site`` stage everything under temporary names first and only
then swap it in. Three things keep that swap whole:

- :func:`signals_held` blocks SIGINT and SIGTERM (``signal.pthread_sigmask``) for the few
  ``os.replace`` calls of the swap; a Ctrl-C that arrives then takes effect right after it.
- temporary names carry the writer's process id (:func:`temp_name`), so leftovers of a run
  that was killed (SIGKILL, power loss) are recognised and removed by the next run
  (:func:`stale_temps`) without touching the files of a build that is still running.
- :func:`fault` is the one test hook: ``READER_FAULT=<point>`` raises at a named point,
  ``READER_FAULT=<point>:sleep=<seconds>`` stalls there (after printing
  ``reader: fault point <point>`` to stderr) so a test can interrupt the build at that
  exact moment. Points: ``after-generate``, ``before-replace``, ``mid-replace`` (build) and
  ``before-swap`` (site).
"""

from __future__ import annotations

import errno
import os
import re
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.diagnostics import Diagnostic

FAULT_ENV = "READER_FAULT"
HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp$")


def fault(point: str) -> None:
    """Raise or stall at ``point`` when ``$READER_FAULT`` names it (for tests only)."""
    name, _, action = os.environ.get(FAULT_ENV, "").partition(":")
    if name != point:
        return
    print(f"reader: fault point {point}", file=sys.stderr, flush=True)
    if action.startswith("sleep"):
        time.sleep(float(action.partition("=")[2] or 60))
        return
    raise RuntimeError(f"fault injected at '{point}' by ${FAULT_ENV}")


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM in this thread until the block ends (they are delivered
    then). Python runs signal handlers in the main thread, so a writer in another thread
    is never interrupted by them anyway."""
    if not hasattr(signal, "pthread_sigmask"):  # not POSIX: nothing to hold
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def temp_name(target: Path) -> Path:
    """The temporary name under which ``target`` is staged: ``.<name>.<pid>.tmp``."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def alive(pid: int) -> bool:
    """Whether the process ``pid`` is running (this one always is)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def stale_temps(folder: Path, pattern: str = ".*.tmp") -> list[Path]:
    """Temporary files under ``folder`` left by writers that are no longer running."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob(pattern)):
        match = _TEMP.match(path.name)
        if match and path.is_file() and not alive(int(match["pid"])):
            found.append(path)
    return found


def stale_dirs(parent: Path, prefix: str) -> list[Path]:
    """Folders ``<prefix><pid>.<anything>`` in ``parent`` whose writer is no longer
    running (staging folders of an interrupted ``reader site``)."""
    found = []
    for path in sorted(parent.glob(f"{prefix}*")):
        pid = path.name[len(prefix) :].split(".", 1)[0]
        if path.is_dir() and pid.isdigit() and not alive(int(pid)):
            found.append(path)
    return found


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) through a temporary file and ``os.replace``,
    so an interrupted write leaves the old file whole (for lock files and the like)."""
    temp = temp_name(path)
    try:
        temp.write_bytes(text.encode("utf-8"))
        with signals_held():
            os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def check_writable(folder: Path) -> None:
    """Raise OSError (EROFS or EACCES) unless ``folder`` (when it exists) and its parent
    can be written: both are renamed when a tree is swapped."""
    for path in (folder, folder.parent):
        if path.exists() and not os.access(path, os.W_OK):
            statvfs = os.statvfs(path)
            code = errno.EROFS if statvfs.f_flag & os.ST_RDONLY else errno.EACCES
            raise OSError(code, os.strerror(code), str(path))


#: What to do about each way writing the edition fails.
_REMEDY = {
    errno.ENOSPC: "free some disk space and run the build again",
    errno.EDQUOT: "free some space within your disk quota and run the build again",
    errno.EROFS: "the file system is mounted read-only; build in a writable copy",
    errno.EACCES: "make the folder writable (chmod u+w) or build in a copy you own",
    errno.EPERM: "make the folder writable (chmod u+w) or build in a copy you own",
}


def write_failure(exc: OSError, what: str, code: str = "D005") -> Diagnostic:
    """The diagnostic for a failed write of ``what`` (docs/, site/ …): the system's
    reason, the file it names and the remedy; the old tree is kept whole."""
    where = exc.filename or what
    reason = exc.strerror or exc.__class__.__name__
    return Diagnostic(
        code,
        f"cannot write {what} ({reason}: {where}); {what} was left as it was",
        what,
        hint=_REMEDY.get(exc.errno or 0, "fix the file system problem and run the build again"),
    )
