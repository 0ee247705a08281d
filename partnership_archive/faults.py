"""Test-only fault injection: die at a named point, exactly like a killed CI job.

The interruption tests must stop a run at precise places (before the first mirror,
half-way through writing one, while the memory is saved) instead of sleeping and
hoping. Code marks such a place with ``reached("write x.en.md")``; nothing happens
unless the environment variable ``ARCHIVE_KILL_AT`` names it::

    ARCHIVE_KILL_AT='write *.de.md@2'   # SIGKILL half-way through writing the 2nd German file

The value is a shell-style pattern for the point's name, optionally ``@N`` for the
N-th time a matching point is reached (default: the first). The process then sends
itself SIGKILL: no ``finally``, no ``atexit``, no flush, as when a runner is stopped.
Never set it outside tests.
"""

from __future__ import annotations

import fnmatch
import os
import signal

VARIABLE = "ARCHIVE_KILL_AT"

_passed = 0  # matching points reached so far in this process


def reached(point: str) -> None:
    """Die here if ``ARCHIVE_KILL_AT`` names this point (and this is the N-th time)."""
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    pattern, _, count = wanted.partition("@")
    if not fnmatch.fnmatchcase(point, pattern):
        return
    global _passed
    _passed += 1
    if _passed == int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)
