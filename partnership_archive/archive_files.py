"""Which files of the archive loading may read: contained, portable, each walked once.

``walk`` lists the files below ``docs/`` or a partnership folder in a stable order,
hidden ones skipped. It never follows a symbolic link that leads outside the
repository or into ``.git`` (``containment``): such a link is refused, at any depth,
and reported. Links that stay inside are followed, each folder once, so a link to a
folder above cannot loop. Every name Windows or macOS cannot hold (``file_names``)
is reported too. Everything found goes into one ``Tree`` for the whole archive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .containment import escape
from .file_names import collision_message, collisions, name_problem
from .findings import Finding


@dataclass
class Tree:
    """What walking the archive found besides the files themselves."""

    refused: dict[str, str] = field(default_factory=dict)
    """Repository path of each refused link -> why ("leads outside the repository ...")."""
    findings: list[Finding] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    """Repository path of every file and folder walked, for ``collision_findings``."""

    def is_refused(self, path: str) -> str | None:
        """Why ``path`` (a repository path) is refused, also for a file in a refused folder."""
        for refused, reason in self.refused.items():
            if path == refused or path.startswith(f"{refused}/"):
                return reason
        return None

    def collision_findings(self) -> list[Finding]:
        return [
            Finding(path, None, "error", collision_message(path, other))
            for path, other in collisions(self.names)
        ]


def enter(root: Path, folder: Path, tree: Tree) -> bool:
    """Whether loading may look inside ``folder`` (reported if not)."""
    rel = folder.relative_to(root).as_posix()
    if folder.is_symlink():
        reason = escape(root, folder)
        if reason is not None:
            _refuse(tree, rel, reason)
            return False
        if folder.parent.resolve().is_relative_to(folder.resolve()):
            return False  # a link to a folder above: following it would never end
    _check_name(tree, rel, folder.name)
    return True


def walk(root: Path, folder: Path, tree: Tree) -> list[Path]:
    """The files below ``folder`` (entered already) that may be read.

    Refused links and name problems go to ``tree``.
    """
    files = []
    for current, dirs, names in os.walk(folder, followlinks=True):
        here = Path(current)
        dirs[:] = [d for d in sorted(dirs) if not d.startswith(".") and enter(root, here / d, tree)]
        for name in sorted(names):
            if not name.startswith(".") and _file(root, here / name, tree):
                files.append(here / name)
    return files


def _file(root: Path, path: Path, tree: Tree) -> bool:
    rel = path.relative_to(root).as_posix()
    _check_name(tree, rel, path.name)
    if not path.is_symlink():
        return True
    reason = escape(root, path)
    if reason is None and not path.exists():
        reason = "leads to a file that does not exist"
    if reason is None:
        return True
    _refuse(tree, rel, reason)
    return False


def _refuse(tree: Tree, rel: str, reason: str) -> None:
    tree.refused[rel] = reason
    message = (
        f"this is a symbolic link that {reason}: it is never published or translated; "
        "put the file or folder itself here, or remove the link"
    )
    tree.findings.append(Finding(rel, None, "error", message))


def _check_name(tree: Tree, rel: str, name: str) -> None:
    tree.names.append(rel)
    problem = name_problem(name)
    if problem:
        tree.findings.append(Finding(rel, None, "error", problem))
