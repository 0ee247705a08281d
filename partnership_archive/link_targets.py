"""What a link in the archive points at: one answer for loading, check.py and staging.

Coordinators link the way they see the files: relative to the file they are editing,
by any of the target's file names (``vertrag.md``, ``vertrag.de.md``), which is also
what the Git web editor's preview follows. The site, in turn, has one page per
document and language, reached by the language-neutral name (``vertrag.md``), which
mkdocs-static-i18n resolves to the reader's language. ``resolve`` answers what a link
means; ``Resolved.site_link`` is the form the staging step writes for the site.

A link is read relative to the repository file first. The older site-relative form
(``../partnerships/p/x.md`` from ``docs/kb/``, ``../../kb/x.md`` back from a
partnership) is tried second, so existing pages keep working. Pure: the caller says
what exists (``Targets``); nothing here touches the disk.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Container, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from .links import links
from .model import KNOWLEDGE_DIR, PARTNERSHIPS_DIR, site_folder, split_language

Kind = Literal[
    "external",  # another site, mailto:, tel:
    "here",  # only an anchor (or nothing): this page
    "absolute",  # starts with "/": breaks when the site lives in a subfolder
    "outside",  # leaves the archive (README.md, ../../..)
    "page",  # a document, knowledge page or generated page
    "file",  # an attachment, image or other file next to the pages
    "no-language",  # a page that has no file in the language the link names
    "missing",  # nothing there
]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")
# Characters a file name may have that a Markdown link destination cannot carry as is.
_UNSAFE = re.compile(r"[\s()<>#?%]")


@dataclass(frozen=True)
class Targets:
    """What links can reach, by site path (``partnerships/p/x``, ``kb/about``)."""

    pages: Mapping[str, Collection[str]]
    """Documents and knowledge pages: site key -> the languages that have a file."""
    generated: Collection[str] = frozenset()
    """Site keys of generated pages (overviews, lists): they exist in every language."""
    files: Container[str] = frozenset()
    """Site paths of the files that are not pages."""


@dataclass(frozen=True)
class Resolved:
    """A link's meaning. ``path`` is a page's site key, a file's site path, or what was
    looked for (``missing``: a key if ``is_page``, else a file path)."""

    kind: Kind
    path: str = ""
    lang: str | None = None  # the language the link names (``x.de.md``), if any
    anchor: str | None = None  # decoded, as heading ids are compared
    is_page: bool = False
    generated: bool = False
    suffix: str = ""  # "?query#fragment" exactly as written

    def site_link(self, page: str) -> str:
        """The link as written into the site source ``page`` (a site path such as
        ``partnerships/p/x.en.md``): relative, language-neutral, anchor kept."""
        target = f"{self.path}.md" if self.kind == "page" else self.path
        relative = posixpath.relpath(target, posixpath.dirname(page) or ".")
        return _UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", relative) + self.suffix


def resolve(source: str, target: str, targets: Targets) -> Resolved:
    """What ``target``, written in the repository file ``source``, points at."""
    if _SCHEME.match(target):
        return Resolved("external")
    written, query, fragment = _parts(target)
    anchor = unquote(fragment) if fragment else None
    suffix = (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
    path = unquote(written)
    if not path:
        return Resolved("here", anchor=anchor, suffix=suffix)
    if path.startswith(("/", "\\")):
        return Resolved("absolute", path=path, anchor=anchor, suffix=suffix)
    candidates = _candidates(source, path)
    if not candidates:
        return Resolved("outside", path=path, anchor=anchor, suffix=suffix)
    found = [_lookup(c, path, targets) for c in candidates]
    chosen = next((r for r in found if r.kind in ("page", "file")), None)
    chosen = chosen or next((r for r in found if r.kind == "no-language"), found[0])
    if chosen.kind == "missing" and not _in_archive(source, path):
        chosen = Resolved("outside", path=path)
    return Resolved(
        chosen.kind, chosen.path, chosen.lang, anchor, chosen.is_page, chosen.generated, suffix
    )


def _parts(target: str) -> tuple[str, str, str]:
    """``a.md?x=1#b`` -> (``a.md``, ``x=1``, ``b``)."""
    before, _, fragment = target.partition("#")
    path, _, query = before.partition("?")
    return path, query, fragment


def _candidates(source: str, path: str) -> list[str]:
    """Site paths ``path`` may mean in ``source``: as a repository path, then as a site path."""
    found = []
    in_repo = _site_path(posixpath.normpath(posixpath.join(posixpath.dirname(source), path)))
    if in_repo is not None:
        found.append(in_repo)
    on_site = posixpath.normpath(posixpath.join(posixpath.dirname(site_folder(source)), path))
    if not _leaves(on_site) and on_site not in found:
        found.append(on_site)
    return found


def _site_path(repo: str) -> str | None:
    """Where a repository path is on the site; None if the site does not publish it."""
    if repo.startswith(f"{KNOWLEDGE_DIR}/"):
        return site_folder(repo)
    if repo.startswith(f"{PARTNERSHIPS_DIR}/"):
        return repo
    return None


def _leaves(path: str) -> bool:
    return path == ".." or path.startswith("../")


def _in_archive(source: str, path: str) -> bool:
    """Whether a missing target would at least be inside docs/ or partnerships/."""
    repo = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    return _site_path(repo) is not None


def _lookup(candidate: str, written: str, targets: Targets) -> Resolved:
    if candidate.endswith(".md"):
        key, lang = split_language(candidate)
        if key in targets.generated:
            return Resolved("page", key, lang, is_page=True, generated=True)
        if key not in targets.pages:
            return Resolved("missing", key, lang, is_page=True)
        if lang and lang not in targets.pages[key]:
            return Resolved("no-language", key, lang, is_page=True)
        return Resolved("page", key, lang, is_page=True)
    if candidate in targets.files:
        return Resolved("file", candidate)
    folder_page = f"{candidate}/index"  # a partnership's folder: its overview page
    if not posixpath.splitext(candidate)[1] and folder_page in targets.generated:
        return Resolved("page", folder_page, is_page=True, generated=True)
    return Resolved("missing", candidate)


def site_text(text: str, source: str, targets: Targets) -> str:
    """``text`` of the repository file ``source`` with every link that resolves to a page
    or file written as ``Resolved.site_link``; other links are left for check.py and
    the build to report."""
    page = site_folder(source)
    pieces, done = [], 0
    for link in links(text):
        target = resolve(source, link.target, targets)
        if target.kind not in ("page", "file"):
            continue
        written = target.site_link(page)
        if written != link.target:
            start, end = link.span
            pieces += [text[done:start], written]
            done = end
    return "".join(pieces) + text[done:]
