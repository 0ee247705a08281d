"""What a pure function made of a file's text, kept per path while the text stays the same.

The preview rebuilds the site on every save (``partnership_archive.preview``): the
archive is loaded, checked and staged again from every file, though one changed. A
result computed from a file's text alone (its bounds, its staged text) is kept in a
``TextMemo`` and given back while that file's text is the same; what else a result
depends on (the links' targets) is named with ``depends_on``, and a change of it
forgets everything. Nothing is read from disk here: the caller reads every file as
before, so a result is never older than the text it came from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class TextMemo:
    """Per path: the last text seen (as a digest: the texts themselves would double the
    memory a build holds) and what ``make`` made of it."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[bytes, Any]] = {}
        self._context: Any = None

    def depends_on(self, context: Any) -> None:
        """The results depend on ``context`` (compared with ``==``) too."""
        if context != self._context:
            self._entries.clear()
            self._context = context

    def get(self, path: str, text: str, make: Callable[[str], T]) -> T:
        """``make(text)``, or what it gave the last time ``path`` had this text."""
        digest = _digest(text)
        entry = self._entries.get(path)
        if entry is not None and entry[0] == digest:
            return entry[1]
        value = make(text)
        self._entries[path] = (digest, value)
        return value


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
