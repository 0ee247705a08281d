"""The archive's health beyond single files: links, anchors, attachments, look-alikes, mirrors.

``validation`` judges each file on its own and stops the build on its errors; the
checks here look *across* files, as ``scripts/check.py`` reports them. Everything is
pure: the model from ``loading.load_archive``, the text of every version in it and
validation's own findings in, ``Finding``s out. Reading files is the script's job.

Links are written as the site sees them: ``docs/kb/x.de.md`` is the page ``kb/x``,
``partnerships/p/y.de.md`` the page ``partnerships/p/y``, and ``y.md`` (no language)
means "this document in the reader's language".
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown

from .findings import Finding
from .frontmatter import YamlProblem, load_yaml, split
from .links import Link, links
from .mirror_status import Translatable, report
from .model import (
    KNOWLEDGE_DIR,
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
    Archive,
    Document,
    Version,
    site_folder,
    split_language,
)
from .site_sources import generated_keys

Texts = Mapping[str, str]
"""File text by repository path, for every version in the model."""

# The extensions that decide which ids a page's HTML has (headings, attr_list, footnotes);
# the rest of mkdocs.yml's list only changes how things look.
ANCHOR_EXTENSIONS = ("toc", "attr_list", "md_in_html", "footnotes", "pymdownx.superfences")


def check(archive: Archive, texts: Texts, validation: Sequence[Finding]) -> list[Finding]:
    """Every cross-file finding; ``validation`` tells which files are already reported broken."""
    broken = {f.path for f in validation if f.level == "error"}
    return [
        *check_links(archive, texts, broken),
        *check_look_alikes(archive, texts),
        *check_mirrors(archive, texts),
    ]


# --- Reading links out of Markdown --------------------------------------------------


# --- Anchors ------------------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)


@lru_cache(maxsize=1024)
def anchors(text: str) -> frozenset[str]:
    """Ids a link can jump to, as Python-Markdown renders the page.

    Rendering (rather than re-implementing heading rules) gets explicit ``{ #id }``
    attributes, the toc extension's default ``slugify`` and its ``_1`` suffixes for
    repeated headings exactly as the site will have them.
    """
    block = split(text)
    html = markdown.markdown(block.body if block else text, extensions=list(ANCHOR_EXTENSIONS))
    parser = _Ids()
    parser.feed(html)
    return frozenset(parser.ids)


# --- What a link can point at -------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """The pages and files the built site will have, by site path (no language suffix)."""

    pages: Mapping[str, Translatable]
    generated: frozenset[str]
    files: frozenset[str]
    languages: tuple[str, ...]
    texts: Texts
    unreadable: frozenset[str] = frozenset()
    """Pages (``docs/kb/x``) and partnership folders (``partnerships/p/``) that are
    present but broken: validation reports them already."""

    def is_unreadable(self, key: str) -> bool:
        path = repo_path(key)
        return any(
            path == u or (u.endswith("/") and f"{path}/".startswith(u)) for u in self.unreadable
        )


def site_of(archive: Archive, texts: Texts, broken: Iterable[str] = ()) -> Site:
    pages: dict[str, Translatable] = {p.site_key: p for p in archive.knowledge}
    pages.update((d.site_key, d) for d in archive.documents)
    generated = generated_keys(archive)
    files = frozenset(asset.site_path for asset in archive.assets)
    return Site(pages, frozenset(generated), files, archive.languages, texts, _unreadable(broken))


def _unreadable(broken: Iterable[str]) -> frozenset[str]:
    """Pages as ``split_language`` keys; other files and folders (a refused link, a
    broken partnership.yml's folder) as a prefix ending in ``/``."""
    keys = set()
    for path in broken:
        if path.endswith(".md"):
            keys.add(split_language(path)[0])
        else:
            keys.add(path.removesuffix(PARTNERSHIP_FILE).rstrip("/") + "/")
    return frozenset(keys)


def repo_path(site_path: str) -> str:
    """Where a site path's file lives in the repository (the inverse of ``site_folder``)."""
    if site_path.startswith(f"{PARTNERSHIPS_DIR}/"):
        return site_path
    return f"{KNOWLEDGE_DIR}/{site_path}"


def is_public(item: Translatable) -> bool:
    """Knowledge pages are always published; documents when marked public."""
    return not isinstance(item, Document) or item.is_public


def shown_in(item: Translatable, version: Version, languages: Iterable[str]) -> list[str]:
    """Languages whose readers see ``version``: its own, plus those the source stands in for."""
    if version.lang != item.source.lang:
        return [version.lang]
    return [version.lang, *(lang for lang in languages if lang not in item.versions)]


def shown(item: Translatable, lang: str) -> Version:
    return item.versions.get(lang) or item.source


# --- Checking links -----------------------------------------------------------------


def check_links(archive: Archive, texts: Texts, broken: Iterable[str] = ()) -> list[Finding]:
    """Links from every version: targets, anchors, attachments, public-to-internal."""
    site = site_of(archive, texts, broken)
    findings = []
    for item in [*archive.knowledge, *archive.documents]:
        for version in item.versions.values():
            for link in links(texts[version.path]):
                problem = link_problem(site, item, version, link)
                if problem:
                    findings.append(Finding(version.path, link.line, "error", problem))
    return findings


def link_problem(site: Site, item: Translatable, version: Version, link: Link) -> str | None:
    """What is wrong with one link of ``version``, in a coordinator's words (None: nothing)."""
    if link.is_external:
        return None
    if not link.path:
        return _anchor_problem(site, link, [version], "on this page")
    if link.path.startswith("/"):
        return (
            f"link '{link.target}' starts with '/': write it relative to this file, "
            "as the site may be published in a subfolder"
        )
    here = posixpath.dirname(site_folder(version.path))
    target = posixpath.normpath(posixpath.join(here, link.path))
    if target.startswith("../") or target == "..":
        return f"broken link '{link.target}': it points outside the archive"
    if not target.endswith(".md"):
        return _attachment_problem(site, item, link, target)
    return _page_problem(site, item, version, link, target)


def _attachment_problem(site: Site, item: Translatable, link: Link, target: str) -> str | None:
    """A file must exist, and a document's files are those of its own partnership.

    (Another partnership's file is published only with that partnership's documents.)
    """
    own = f"{PARTNERSHIPS_DIR}/{item.partnership}/" if isinstance(item, Document) else None
    if own and target.startswith(f"{PARTNERSHIPS_DIR}/") and not target.startswith(own):
        return (
            f"'{link.target}' is a file of another partnership: a document can only use "
            f"files of its own partnership folder; copy the file into {own}files/"
        )
    if target in site.files or site.is_unreadable(target):
        return None  # an unreadable one (a refused link) is reported already
    return f"missing attachment '{link.target}': there is no file {repo_path(target)}"


def _page_problem(
    site: Site, item: Translatable, version: Version, link: Link, target: str
) -> str | None:
    key, lang = split_language(target)
    if key in site.generated:
        return None  # overview and translation pages exist in every site language
    page = site.pages.get(key)
    if page is None:
        if site.is_unreadable(key):
            return None  # that file's own errors are reported already
        return f"broken link '{link.target}': there is no document {repo_path(key)} in any language"
    if lang and lang not in page.versions:
        return (
            f"broken link '{link.target}': there is no {repo_path(target)} "
            f"(the document exists in {', '.join(page.versions)}; "
            "link without the language to reach the reader's language)"
        )
    if is_public(item) and not is_public(page):
        return (
            f"public page links to the internal document {repo_path(key)} ('{link.target}'): "
            "the public site will not have it; remove the link or make this page internal"
        )
    readers = [lang] if lang else shown_in(item, version, site.languages)
    return _anchor_problem(site, link, [shown(page, reader) for reader in readers])


def _anchor_problem(
    site: Site, link: Link, targets: list[Version], where: str | None = None
) -> str | None:
    """Every version a reader may land on must have the anchor (ids differ per language)."""
    paths = dict.fromkeys(v.path for v in targets)
    lacking = [p for p in paths if link.anchor and link.anchor not in anchors(site.texts[p])]
    if not lacking:
        return None
    place = where or f"in {', '.join(lacking)}"
    return f"broken link '{link.target}': no anchor '#{link.anchor}' {place}"


# --- Look-alikes: duplicate titles, same type on the same day ---------------------


def check_look_alikes(archive: Archive, texts: Texts) -> list[Finding]:
    """Warnings for documents that look like copies someone forgot to change."""
    findings = []
    for partnership in archive.partnerships:
        documents = archive.documents_of(partnership.slug)
        findings += _same_titles(documents, texts)
        findings += _same_type_and_date(documents, texts)
    return findings


def _same_titles(documents: list[Document], texts: Texts) -> list[Finding]:
    groups: dict[tuple[str, str], list[Version]] = defaultdict(list)
    for document in documents:
        for version in document.versions.values():
            groups[(version.lang, " ".join(version.title.casefold().split()))].append(version)
    findings = []
    for versions in groups.values():
        first, *others = sorted(versions, key=lambda v: v.path)
        for version in others:
            line = meta_line(texts[version.path], "title")
            message = (
                f"the title '{version.title}' is also used by {first.path}: "
                "give each document its own title"
            )
            findings.append(Finding(version.path, line, "warning", message))
    return findings


def _same_type_and_date(documents: list[Document], texts: Texts) -> list[Finding]:
    groups: dict[tuple, list[Document]] = defaultdict(list)
    for document in documents:
        groups[(document.type, document.date)].append(document)
    findings = []
    for group in groups.values():
        first, *others = sorted(group, key=lambda d: d.source.path)
        for document in others:
            path = document.source.path
            message = (
                f"{first.source.path} is also a '{document.type}' document dated "
                f"{document.date.isoformat()}: is one of the dates wrong, or is it a copy?"
            )
            findings.append(Finding(path, meta_line(texts[path], "date"), "warning", message))
    return findings


def meta_line(text: str, key: str) -> int | None:
    """The file line of a front matter key, so a warning points where to edit."""
    block = split(text)
    if block is None:
        return None
    try:
        _, lines = load_yaml(block.yaml_text, block.first_line)
    except YamlProblem:
        return None
    return lines.get((key,))


# --- Mirrors ------------------------------------------------------------------------


def check_mirrors(archive: Archive, texts: Texts) -> list[Finding]:
    """Missing, stale and outdated mirrors, as ``mirror_status`` judges them.

    Missing knowledge pages are left to ``scripts/translate.py``: a partnership that
    adds a site language would otherwise flood the report. An orphan mirror's missing
    source is already a validation warning, so it is not reported again here.
    """
    findings = []
    for row in report(archive):
        if row.state == "missing" and isinstance(row.document, Document):
            if not _claimed_source(row.document, row.lang):
                findings.append(_missing(row.document, row.path, row.lang))
        elif row.state in ("stale", "outdated"):
            findings.append(_changed_source(row.document, row.path, row.state, texts))
    return findings


def _claimed_source(document: Document, lang: str) -> bool:
    return any(v.translation and v.translation.source == lang for v in document.versions.values())


def _missing(document: Document, path: str, lang: str) -> Finding:
    message = (
        f"no version in '{lang}' ({path}): readers in that language see the "
        f"'{document.source.lang}' original"
    )
    return Finding(document.source.path, None, "warning", message)


def _changed_source(item: Translatable, path: str, state: str, texts: Texts) -> Finding:
    source = item.source.path
    if state == "stale":
        message = (
            f"stale mirror: {source} changed after this translation was checked; compare "
            f"them, then run 'python scripts/translate.py --mark-reviewed {path}'"
        )
    else:
        message = (
            f"outdated machine translation: {source} changed after it was translated; "
            "translate it again"
        )
    return Finding(path, meta_line(texts[path], "translation"), "warning", message)
