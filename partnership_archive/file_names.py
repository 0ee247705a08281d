"""File and folder names that every checkout can hold: Windows, macOS and Linux.

Git, GitLab's and GitHub's web editors and Linux accept names that Windows cannot
create (``CON``, ``aux.de.md``, ``Protokoll: Mai.de.md``, a trailing dot) and names
that differ only in upper and lower case (or in how an umlaut is encoded), which
Windows and macOS treat as one file. A colleague's checkout then fails, or one file
silently replaces the other. ``name_problem`` and ``collisions`` find them so
check.py and the build report them with the fix; ``scaffold`` builds new names that
pass them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"{port}{number}" for port in ("com", "lpt") for number in (*range(10), "¹", "²", "³")}
)
"""Device names Windows refuses as a file or folder name, whatever follows the first dot."""
FORBIDDEN = '<>:"|?*\\'
MAX_NAME_BYTES = 255  # Linux and macOS file systems


def name_problem(name: str) -> str | None:
    """What is wrong with one file or folder name, with the fix; None if every system takes it."""
    control = next((ch for ch in name if ord(ch) < 32 or ord(ch) == 127), None)
    if control is not None:
        return (
            f"the name contains an invisible control character (U+{ord(control):04X}): "
            "rename it without it"
        )
    forbidden = sorted({ch for ch in name if ch in FORBIDDEN})
    if forbidden:
        shown = " ".join(forbidden)
        return f"Windows does not allow {shown} in names: rename it, e.g. with '-' instead"
    if name.endswith((".", " ")):
        return "Windows drops a dot or space at the end of a name: rename it without it"
    stem = name.split(".", 1)[0].rstrip(" ").lower()
    if stem in WINDOWS_RESERVED:
        return (
            f"'{stem.upper()}' is a reserved device name on Windows, also with an extension: "
            f"rename it, e.g. {name.replace(name.split('.', 1)[0], f'{stem}-1', 1)}"
        )
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is longer than {MAX_NAME_BYTES} bytes: shorten it"
    return None


def comparable(path: str) -> str:
    """A path as Windows and macOS compare names: case ignored, umlauts composed."""
    return unicodedata.normalize("NFC", path).casefold()


def collisions(paths: Iterable[str]) -> list[tuple[str, str]]:
    """``(path, earlier)`` for each path that names the same file as an earlier one."""
    first: dict[str, str] = {}
    found = []
    for path in sorted(paths):
        key = comparable(path)
        if key in first:
            found.append((path, first[key]))
        else:
            first[key] = path
    return found


def collision_message(path: str, other: str) -> str:
    why = (
        "they ignore upper and lower case"
        if path.casefold() == other.casefold()
        else "they store an accented letter the same way, however it was typed"
    )
    return (
        f"Windows and macOS see this as the same name as {other} ({why}): one of them "
        "would be lost in a checkout; rename one"
    )
