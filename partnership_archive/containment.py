"""Containment: no file outside the repository, and nothing in ``.git``, reaches the site.

Git stores symbolic links, so anyone who can commit can add
``partnerships/x/files/passwd.txt -> /etc/passwd`` or a folder link to a CI runner's
home. Links into a hidden file or folder of the repository (``.env``, ``.cache``) are
refused too: the archive itself never contains one. Loading asks ``escape`` before it
reads a file or enters a folder, at any depth; what it refuses never enters the model,
so it is never planned, staged, copied, translated or put into the translation memory,
and it is an error for check.py and the build. ``site_sources.sync`` asks again
(``require_inside``) right before it copies, in case anything else ever plans a file.
Links that stay inside the repository are followed like ordinary files and folders.
"""

from __future__ import annotations

import os
from pathlib import Path

GIT_DIR = ".git"


class Escape(Exception):
    """A path that leads outside the repository or into ``.git``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def escape(root: Path, path: Path) -> str | None:
    """Why ``path`` (below ``root``) must not be read, as "leads ..."; None when it may.

    Resolving follows every symbolic link in every part of the path, so a link to a
    link, or a file inside a linked folder, is judged by where it really is.
    """
    base = root.resolve()
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "leads back to itself (a loop of links)"
    if not real.is_relative_to(base):
        return f"leads outside the repository (to {_target(root, path) or real})"
    if real.is_relative_to(base / GIT_DIR):
        return "leads into .git, where Git keeps its own files"
    hidden = next((part for part in real.relative_to(base).parts if part.startswith(".")), None)
    if hidden is not None:  # .env, .cache, .venv: never part of the archive
        return f"leads into {hidden}, a hidden file or folder the archive never uses"
    return None


def require_inside(root: Path, path: Path) -> None:
    """Raise ``Escape`` unless ``path`` really lies inside ``root`` (and outside .git)."""
    reason = escape(root, path)
    if reason is not None:
        raise Escape(f"{path}: refusing to read a file that {reason}")


def _target(root: Path, path: Path) -> str | None:
    """What the first symbolic link on the way from ``root`` to ``path`` says it points at."""
    current = root.absolute()
    try:
        parts = path.absolute().relative_to(current).parts
    except ValueError:
        return None
    for part in parts:
        current = current / part
        if current.is_symlink():
            return os.readlink(current)
    return None
