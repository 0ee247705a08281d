"""One run at a time: an exclusive lock per kind of run, held by the operating system.

Two translation runs would both pay for the same sentences and race on the memory;
two builds share the staging folder ``.cache/site-sources/``. Each kind of run takes
``.cache/<name>.lock`` with ``flock``: the kernel releases it when the process ends,
however it ends (SIGKILL, power cut of a container), so there is never a stale lock
to delete by hand. The file's text (who holds it, since when) only serves the message
the second run prints; it is not the lock.

A child process that must keep the lock after its parent dies (a build runs
``mkdocs`` in several) inherits the descriptors: ``held()`` for ``pass_fds``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

FOLDER = ".cache"
# Which command holds a lock: the build lock also covers the preview (same staging).
WHAT = {
    "translate": "partnership-archive translate",
    "build": "partnership-archive build",
    "serve": "partnership-archive serve",
}
_held: set[int] = set()  # descriptors of the locks this process holds


class Locked(Exception):
    """Another run of the same kind holds the lock; the message says which and what to do."""

    def __init__(self, root: Path, holder: str) -> None:
        self.root, self.holder = root, holder
        super().__init__(
            f"another run is using {root} ({holder or 'no details'}): "
            "wait until it has finished, then run this again"
        )


@dataclass(frozen=True)
class Lock:
    path: Path
    fd: int


def lock_path(root: Path, name: str) -> Path:
    return root / FOLDER / f"{name}.lock"


@contextmanager
def exclusive(root: Path, name: str, purpose: str = "") -> Iterator[Lock]:
    """Hold the ``name`` lock of the archive at ``root``, or raise ``Locked`` at once.

    ``purpose`` (a key of ``WHAT``, default ``name``) is what a second run is told."""
    path = lock_path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace")
            raise Locked(root, holder.strip()) from None
        _describe(fd, WHAT.get(purpose or name, purpose or name))
        _held.add(fd)
        yield Lock(path, fd)
    finally:
        _held.discard(fd)
        os.close(fd)  # closing the last descriptor releases the lock


def held() -> tuple[int, ...]:
    """The lock descriptors a child process keeps (``subprocess``'s ``pass_fds``)."""
    return tuple(sorted(_held))


def _describe(fd: int, what: str) -> None:
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{what}, process {os.getpid()}, started {started}\n".encode(), 0)
