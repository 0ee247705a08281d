"""The one way this project writes files: to a temporary file, then rename.

A reader (a web server, a build, a coordinator's editor) sees either the old file
or the new one, never half of it, even when the process is killed mid-write (the
interruption tests kill it there: ``faults``).
``create_text`` makes a new file the same way but never replaces one: of two runs
that create the same name at once, one wins and the other gets ``FileExistsError``.
"""

from __future__ import annotations

import glob
import os
import stat
import tempfile
import threading
from pathlib import Path

from . import faults

_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The mode the file would have if written plainly: its old one, else 0o666 - umask.

    ``mkstemp`` creates files readable by their owner only; a web server serving the
    site, or a colleague's account, could then not read what we wrote.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _temporary(path: Path, data: bytes) -> str:
    """A complete temporary file next to ``path``, with the mode ``path`` would get."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data[: len(data) // 2])
            handle.flush()
            faults.reached(f"write {path.name}")  # tests: killed half-way through
            handle.write(data[len(data) // 2 :])
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def leftovers(path: Path) -> list[Path]:
    """Temporary files a writer of ``path`` killed mid-write left next to it.

    Only whoever holds the lock for writing ``path`` may remove them (another writer's
    temporary file looks the same).
    """
    return sorted(path.parent.glob(f".{glob.escape(path.name)}.????????.tmp"))


def write_bytes(path: Path, data: bytes) -> None:
    tmp = _temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def create_text(path: Path, text: str) -> None:
    """Create ``path`` complete, or raise ``FileExistsError`` and leave it alone.

    A hard link to the finished temporary file fails if the name exists, so the new
    file appears whole and an existing one is never replaced. Where the file system
    has no hard links, an exclusive open does the same, without the whole-file part.
    """
    tmp = _temporary(path, text.encode("utf-8"))
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        with open(path, "x", encoding="utf-8") as handle:  # no hard links here
            handle.write(text)
    finally:
        Path(tmp).unlink(missing_ok=True)
