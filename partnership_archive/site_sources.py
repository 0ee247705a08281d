"""Assembling the site's sources: every page in every site language, as real files.

Why this exists: mkdocs-static-i18n only handles pages whose files lie inside
``docs_dir`` and re-creates every ``File`` from ``docs_dir`` itself, so documents under
``partnerships/`` and generated pages (overviews, pages missing in a language) would
be dropped ("Unhandled file case"). Symlinks are not an option either: Git web
editors and Windows checkouts do not keep them, and generated pages would still be
missing. Instead the build plans the complete set of source files (``plan``, pure)
and mirrors it into a staging folder (``sync``) that becomes ``docs_dir``; i18n and
Material then only ever see ordinary files. Internal documents are never planned,
so nothing of them can reach the output.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import atomic, parallel
from .listings import latest_context, tags_context, timeline_context, topics_context
from .model import PARTNERSHIPS_DIR, Archive, Document, version_path
from .pages import (
    overview_context,
    partnership_list_context,
    self_check_page_context,
    translation_status_context,
)

Render = Callable[[str, dict], str]

# Site-wide generated pages: name (also the template's) -> context function.
LISTINGS = {"latest": latest_context, "tags": tags_context, "topics": topics_context}


@dataclass(frozen=True)
class Copy:
    """A file copied unchanged from the repository."""

    source: str  # relative to the archive root


@dataclass(frozen=True)
class Generated:
    text: str


Planned = Copy | Generated


def generated_keys(archive: Archive) -> set[str]:
    """Site keys of the pages the build generates (links to them are fine)."""
    keys = {f"{PARTNERSHIPS_DIR}/index", *LISTINGS}
    for partnership in archive.partnerships:
        pages = ["index", "timeline", "translations"]
        pages += ["resilience"] if partnership.self_assessment else []
        keys |= {f"{partnership.folder}/{page}" for page in pages}
    keys |= {parallel_key(d) for d in archive.documents if len(d.versions) > 1}
    return keys


def parallel_key(document: Document) -> str:
    """The parallel text page of a document, next to it: ``x`` -> ``x.parallel``."""
    return f"{document.site_key}.parallel"


def plan(archive: Archive, render: Render, read: Callable[[str], str]) -> dict[str, Planned]:
    """Map each site source path to where its content comes from (``read``: file text)."""
    files: dict[str, Planned] = {}
    for page in archive.knowledge:
        for lang in archive.languages:
            shown = page.versions.get(lang) or page.source
            files[version_path(page.site_key, lang)] = Copy(shown.path)
    for document in archive.documents:
        for lang in archive.languages:
            shown = document.versions.get(lang) or document.source
            files[version_path(document.site_key, lang)] = Copy(shown.path)
    for document in archive.documents:
        if len(document.versions) < 2:
            continue
        for lang in archive.languages:  # columns come from the rendered versions (parallel.py)
            files[version_path(parallel_key(document), lang)] = Generated(
                render("parallel.md", parallel.page_context(document, lang))
            )
    for asset in archive.assets:
        files[asset.site_path] = Copy(asset.path)
    for lang in archive.languages:
        context = partnership_list_context(archive, lang)
        files[version_path(f"{PARTNERSHIPS_DIR}/index", lang)] = Generated(
            render("partnership_list.md", context)
        )
        for name, make in LISTINGS.items():
            files[version_path(name, lang)] = Generated(render(f"{name}.md", make(archive, lang)))
        for partnership in archive.partnerships:
            context = overview_context(archive, partnership, lang)
            files[version_path(f"{partnership.folder}/index", lang)] = Generated(
                render("partnership_overview.md", context)
            )
            if partnership.self_assessment:
                context = self_check_page_context(archive, partnership, lang)
                files[version_path(f"{partnership.folder}/resilience", lang)] = Generated(
                    render("resilience.md", context)
                )
            context = timeline_context(archive, partnership, lang)
            files[version_path(f"{partnership.folder}/timeline", lang)] = Generated(
                render("timeline.md", context)
            )
            context = translation_status_context(archive, partnership, lang)
            files[version_path(f"{partnership.folder}/translations", lang)] = Generated(
                render("translation_status.md", context)
            )
    return files


def sync(files: dict[str, Planned], root: Path, target: Path) -> None:
    """Make ``target`` hold exactly the planned files, touching only what changed.

    Writing only changed files keeps ``mkdocs serve`` from rebuilding in a loop and
    keeps repeated builds of a large archive cheap.
    """
    target.mkdir(parents=True, exist_ok=True)
    for rel, item in files.items():
        destination = target / rel
        if isinstance(item, Generated):
            data = item.text.encode("utf-8")
            if not destination.is_file() or destination.read_bytes() != data:
                atomic.write_bytes(destination, data)
        else:
            source = root / item.source
            if not destination.is_file() or not filecmp.cmp(source, destination, shallow=True):
                destination.parent.mkdir(parents=True, exist_ok=True)
                temporary = destination.with_name(f".{destination.name}.tmp")
                shutil.copy2(source, temporary)
                temporary.replace(destination)
    _remove_unplanned(files, target)


def _remove_unplanned(files: dict[str, Planned], target: Path) -> None:
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
