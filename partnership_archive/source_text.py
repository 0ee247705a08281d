"""Reading a file a coordinator wrote: size checked first, then decoded as its editor saved it.

Windows editors write a UTF-8 byte-order mark and CRLF line endings, old Mac
editors CR; all of that is fine and comes back as plain text with ``\\n`` (line
numbers stay those of the editor). A file saved as Latin-1/Windows-1252 or UTF-16
is one precise problem, naming the line of the first byte that is not UTF-8 and
what to do, instead of garbage or a second, false finding. A file over the size
limit is never read into memory.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .limits import Limits, size_problem

SAVE_AS_UTF8 = "open it and save it again with the encoding 'UTF-8'"


class Unreadable(Exception):
    """A file that cannot be used as text, with the line to look at (if any)."""

    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


def read(path: Path, limits: Limits | None = None) -> str:
    """The text of ``path`` with ``\\n`` line endings and no byte-order mark."""
    try:
        size = path.stat().st_size
        problem = size_problem(size, limits or Limits())
        if problem:
            raise Unreadable(None, problem)
        return decode(path.read_bytes())
    except OSError as error:
        raise Unreadable(None, f"cannot be read: {error.strerror}") from None


def decode(data: bytes) -> str:
    """UTF-8 text (with or without a byte-order mark) as text with ``\\n`` line endings."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise Unreadable(1, f"the file is saved as UTF-16 ('Unicode'): {SAVE_AS_UTF8}")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable(_line_at(data, error.start), _not_utf8(data, error.start)) from None
    return normalize_newlines(text)


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_at(data: bytes, offset: int) -> int:
    """The editor's line number of a byte offset (CRLF, CR and LF each end one line)."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _not_utf8(data: bytes, offset: int) -> str:
    byte = data[offset : offset + 1]
    guess = byte.decode("cp1252", errors="replace")
    known = guess.isprintable() and guess != "\ufffd"
    meaning = f", which is '{guess}' in Windows-1252 (Latin-1)" if known else ""
    return (
        f"the file is not saved as UTF-8: this line has the byte 0x{byte.hex().upper()}"
        f"{meaning}; {SAVE_AS_UTF8} (then check the accents and umlauts)"
    )
