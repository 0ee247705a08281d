"""Which documents a command works on: the archive, loaded once, and the paths named.

Paths are files or folders of the archive, given relative to the current folder (as
a shell completes them) or to the archive's root.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import errors
from ..loading import load_archive
from ..mirror_status import Translatable
from ..model import Archive
from ..site_config import archive_languages
from .common import USAGE, Stop
from .messages import t


def load(root: Path) -> Archive:
    """The archive; its errors (``path:line: error: ...``) stop the command."""
    try:
        languages = archive_languages(root)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise Stop(t("site_settings_unreadable", path=root / "mkdocs.yml", error=error)) from None
    archive, findings = load_archive(root, languages)
    if errors(findings):
        raise Stop("\n".join([*(str(f) for f in errors(findings)), t("archive_has_errors")]))
    return archive


def resolve_paths(paths: tuple[Path, ...], root: Path) -> list[Path]:
    """Each path made absolute: from the current folder, else from the archive root."""
    resolved = []
    for path in paths:
        here, there = path.resolve(), (root / path).resolve()
        found = here if here.exists() else there
        if not found.exists():
            raise Stop(t("no_such_path", path=path), USAGE)
        resolved.append(found)
    return resolved


def under(path: Path, targets: list[Path]) -> bool:
    return any(path == t or t in path.parents for t in targets)


def selected(archive: Archive, root: Path, targets: list[Path]) -> list[Translatable]:
    """Documents and pages with a version at or below one of ``targets`` (default: all)."""
    items: list[Translatable] = [*archive.documents, *archive.knowledge]
    if not targets:
        return items
    return [
        item
        for item in items
        if any(under((root / v.path).resolve(), targets) for v in item.versions.values())
    ]
