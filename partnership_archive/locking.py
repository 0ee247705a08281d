"""One run at a time: an exclusive lock per kind of run, held by the operating system.

Two translation runs would both pay for the same sentences and race on the memory;
two builds share the staging folder ``.cache/site-sources/``. Each kind of run takes
``.cache/<name>.lock`` with ``flock``: the kernel releases it when the process ends,
however it ends (SIGKILL, power cut of a container), so there is never a stale lock
to delete by hand. The file's text (who holds it, since when) only serves the message
the second run prints; it is not the lock.

A child process that must keep the lock after its parent dies (``build.py`` runs
``mkdocs`` in one) inherits the descriptor: ``Lock.fd`` for ``pass_fds``.
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
WHAT = {"translate": "a translation (translate.py)", "build": "a build (build.py)"}


class Locked(Exception):
    """Another run of the same kind holds the lock; the message says which and what to do."""


@dataclass(frozen=True)
class Lock:
    path: Path
    fd: int


def lock_path(root: Path, name: str) -> Path:
    return root / FOLDER / f"{name}.lock"


@contextmanager
def exclusive(root: Path, name: str) -> Iterator[Lock]:
    """Hold the ``name`` lock of the archive at ``root``, or raise ``Locked`` at once."""
    path = lock_path(root, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode(errors="replace")
            raise Locked(_message(root, name, holder)) from None
        _describe(fd)
        yield Lock(path, fd)
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _describe(fd: int) -> None:
    started = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"process {os.getpid()}, started {started}\n".encode(), 0)


def _message(root: Path, name: str, holder: str) -> str:
    who = f" ({holder.strip()})" if holder.strip() else ""
    what = WHAT.get(name, f"a '{name}' run")
    return (
        f"{what} is already running in {root}{who}: wait until it has finished, then run this again"
    )
