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

Every page is staged as text the way MkDocs reads it reliably (no byte-order mark, LF
line endings) and with its links in the site's language-neutral form (see
``link_targets``): ``vertrag.de.md#zweck`` becomes ``vertrag.md#zweck``, which
mkdocs-static-i18n resolves to the reader's language in originals, fallback copies,
mirrors and parallel views alike. A page is staged the same in every language (all
languages of a page share its folder), so each file is rewritten once.
"""

from __future__ import annotations

import filecmp
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import jinja2

from . import atomic, parallel
from .containment import require_inside
from .link_targets import Targets, site_text
from .listings import latest_context, tags_context, timeline_context, topics_context
from .memo import TextMemo
from .model import PARTNERSHIPS_DIR, Archive, Document, version_path
from .pages import (
    md_text,
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


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build writes from a template (``overrides/hooks/<template>``) in
    every site language; ``context`` gives the template's context for a language."""

    template: str
    context: Callable[[str], dict]


def generated_pages(archive: Archive) -> dict[str, GeneratedPage]:
    """Every generated page by site key. A parallel view is staged with an empty slot
    that ``parallel.fill`` fills from the two versions' rendered HTML."""
    pages = {
        f"{PARTNERSHIPS_DIR}/index": GeneratedPage(
            "partnership_list.md", partial(partnership_list_context, archive)
        ),
        **{
            name: GeneratedPage(f"{name}.md", partial(make, archive))
            for name, make in LISTINGS.items()
        },
    }
    for partnership in archive.partnerships:
        folder = partnership.folder
        for page, template, make in (
            ("index", "partnership_overview.md", overview_context),
            ("timeline", "timeline.md", timeline_context),
            ("translations", "translation_status.md", translation_status_context),
            ("resilience", "resilience.md", self_check_page_context),
        ):
            if page != "resilience" or partnership.self_assessment:
                pages[f"{folder}/{page}"] = GeneratedPage(
                    template, partial(make, archive, partnership)
                )
    for document in archive.documents:
        if len(document.versions) > 1:
            pages[parallel_key(document)] = GeneratedPage(
                "parallel.md", partial(parallel.page_context, document)
            )
    return pages


def generated_keys(archive: Archive) -> set[str]:
    """Site keys of the pages the build generates (links to them are fine)."""
    return set(generated_pages(archive))


def template_renderer(custom_dir: Path) -> Render:
    """The generated pages' templates rendered as the build renders them, for tools
    that do not run MkDocs (check.py looks up anchors in generated pages)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(custom_dir), auto_reload=False)
    env.filters["md"] = md_text

    def render(template: str, context: dict) -> str:
        return env.get_template(f"hooks/{template}").render(**context)

    return render


def site_targets(archive: Archive) -> Targets:
    """What links can reach on the site built from ``archive``."""
    items = (*archive.knowledge, *archive.documents)
    return Targets(
        pages={item.site_key: frozenset(item.versions) for item in items},
        generated=frozenset(generated_keys(archive)),
        files=frozenset(asset.site_path for asset in archive.assets),
    )


def normalised(text: str) -> str:
    """No byte-order mark, LF line endings: MkDocs' front matter pattern misses CRLF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def staged_texts(
    archive: Archive, read: Callable[[str], str], memo: TextMemo | None = None
) -> dict[str, str]:
    """Every version's text as staged, by repository path (``memo``: kept from the last
    staging, see ``partnership_archive.memo``)."""
    targets = site_targets(archive)
    memo = TextMemo() if memo is None else memo
    memo.depends_on(targets)

    def staged(path: str) -> str:
        return memo.get(path, read(path), lambda text: site_text(normalised(text), path, targets))

    return {
        version.path: staged(version.path)
        for item in (*archive.knowledge, *archive.documents)
        for version in item.versions.values()
    }


def parallel_key(document: Document) -> str:
    """The parallel text page of a document, next to it: ``x`` -> ``x.parallel``."""
    return f"{document.site_key}.parallel"


def plan(
    archive: Archive, render: Render, read: Callable[[str], str], memo: TextMemo | None = None
) -> dict[str, Planned]:
    """Map each site source path to where its content comes from (``read``: file text;
    ``memo``: see ``staged_texts``)."""
    files: dict[str, Planned] = {}
    staged = staged_texts(archive, read, memo)
    for item in (*archive.knowledge, *archive.documents):
        for lang in archive.languages:
            shown = item.versions.get(lang) or item.source
            files[version_path(item.site_key, lang)] = Generated(staged[shown.path])
    for asset in archive.assets:
        files[asset.site_path] = Copy(asset.path)
    for key, page in generated_pages(archive).items():
        for lang in archive.languages:
            files[version_path(key, lang)] = Generated(render(page.template, page.context(lang)))
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
            require_inside(root, source)  # loading refused such links; never copy one
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
