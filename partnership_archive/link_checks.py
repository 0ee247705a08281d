"""Links, images and anchors, judged as the built site will have them (for check.py).

Every Markdown file is checked, also one whose front matter has errors (its links are
then checked for readers of its own language). A link means what ``link_targets``
says, and on the site it leads each reader to the target in the reader's language, so
an anchor must exist in every version a reader can land on. Pure: the model, the text
of every Markdown file and the paths validation found broken in, ``Finding``s out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from html.parser import HTMLParser

import markdown

from .findings import Finding
from .frontmatter import split
from .link_targets import Resolved, Targets, resolve
from .links import Link, html_links, links
from .mirror_status import Translatable
from .model import (
    PARTNERSHIP_FILE,
    PARTNERSHIPS_DIR,
    Archive,
    Document,
    Version,
    repo_path,
    split_language,
)
from .site_sources import Render, generated_pages, site_targets

Texts = Mapping[str, str]
"""File text by repository path: every Markdown file that was read."""

# The extensions that decide which ids a page's HTML has (headings, attr_list, footnotes);
# the rest of mkdocs.yml's list only changes how things look.
ANCHOR_EXTENSIONS = ("toc", "attr_list", "md_in_html", "footnotes", "pymdownx.superfences")


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


@dataclass(frozen=True)
class Site:
    """What the built site will have, and what check.py knows about each page."""

    targets: Targets
    items: Mapping[str, Translatable]
    languages: tuple[str, ...]
    texts: Texts
    unreadable: frozenset[str] = frozenset()
    """Pages (``docs/kb/x``) and partnership folders (``partnerships/p/``) that are
    present but broken: validation reports them already."""
    broken: frozenset[str] = frozenset()
    """Repository paths of the files validation found broken."""
    generated_text: Callable[[str, str], str] | None = field(default=None, compare=False)
    """A generated page's Markdown (site key, language); None: anchors there are not checked."""

    def is_unreadable(self, key: str) -> bool:
        path = repo_path(key)
        return any(
            path == u or (u.endswith("/") and f"{path}/".startswith(u)) for u in self.unreadable
        )


@dataclass(frozen=True)
class Linking:
    """The file a link is in: its repository path and text, who reads it, where."""

    path: str
    text: str
    readers: tuple[str, ...]  # the site languages whose readers see this file
    public: bool | None  # None: unknown (its front matter is broken)


def site_of(
    archive: Archive, texts: Texts, broken: Iterable[str] = (), render: Render | None = None
) -> Site:
    items: dict[str, Translatable] = {p.site_key: p for p in archive.knowledge}
    items.update((d.site_key, d) for d in archive.documents)
    generated = _generated_text(archive, render) if render else None
    targets, broken = site_targets(archive), frozenset(broken)
    return Site(targets, items, archive.languages, texts, _unreadable(broken), broken, generated)


def _generated_text(archive: Archive, render: Render) -> Callable[[str, str], str]:
    """Generated pages as the public site has them, each rendered once when asked for."""
    pages = generated_pages(archive.public())

    @cache
    def text(key: str, lang: str) -> str:
        return render(pages[key].template, pages[key].context(lang)) if key in pages else ""

    return text


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


def linking_files(archive: Archive, texts: Texts) -> list[Linking]:
    """Every Markdown file that was read, with its readers; broken ones too."""
    found, seen = [], set()
    for item in [*archive.knowledge, *archive.documents]:
        for version in item.versions.values():
            readers = tuple(shown_in(item, version, archive.languages))
            found.append(Linking(version.path, texts[version.path], readers, is_public(item)))
            seen.add(version.path)
    for path in sorted(set(texts) - seen):
        lang = split_language(path)[1]
        if path.endswith(".md"):
            found.append(Linking(path, texts[path], (lang,) if lang else (), None))
    return found


def check_links(
    archive: Archive, texts: Texts, broken: Iterable[str] = (), render: Render | None = None
) -> list[Finding]:
    """Links from every Markdown file: targets, anchors, attachments, public-to-internal.

    ``render`` renders generated pages' templates, so anchors on them are checked too.
    """
    site = site_of(archive, texts, broken, render)
    findings = []
    for linking in linking_files(archive, texts):
        for link in links(linking.text):
            problem = link_problem(site, linking, link)
            if problem:
                findings.append(Finding(linking.path, link.line, "error", problem))
        for link in html_links(linking.text):
            if resolve(linking.path, link.target, site.targets).kind not in ("external", "here"):
                findings.append(Finding(linking.path, link.line, "error", _html_message(link)))
    return findings


def _html_message(link: Link) -> str:
    return (
        f"HTML link '{link.target}': the build leaves it as written, so on the site it "
        f"leads nowhere; write it as a Markdown link, [text]({link.target})"
    )


def link_problem(site: Site, linking: Linking, link: Link) -> str | None:
    """What is wrong with one link, in a coordinator's words (None: nothing)."""
    target = resolve(linking.path, link.target, site.targets)
    if target.kind == "file":
        return _other_partnership(linking, link, target)
    if target.kind == "external":
        return None
    if target.kind == "here":
        return _anchor_problem(link, target, {linking.path: linking.text}, "on this page")
    if target.kind == "absolute":
        return (
            f"link '{link.target}' starts with '/': write it relative to this file, "
            "as the site may be published in a subfolder"
        )
    if target.kind == "outside":
        return f"broken link '{link.target}': it points outside the archive"
    if target.kind == "missing":
        return _missing(site, link, target)
    if target.kind == "no-language":
        named = repo_path(f"{target.path}.{target.lang}.md")
        if named in site.broken:
            return None  # the file is there, with errors of its own that are reported
        exists = ", ".join(site.items[target.path].versions)
        return (
            f"broken link '{link.target}': there is no {named} (the document exists in "
            f"{exists}; link without the language to reach the reader's language)"
        )
    return _page_problem(site, linking, link, target)


def _other_partnership(linking: Linking, link: Link, target: Resolved) -> str | None:
    """A document's files are those of its own partnership.

    (Another partnership's file is published only with that partnership's documents.)
    """
    parts = linking.path.split("/")
    if parts[0] != PARTNERSHIPS_DIR or len(parts) < 3:
        return None
    own = f"{PARTNERSHIPS_DIR}/{parts[1]}/"
    path = repo_path(target.path)
    if not path.startswith(f"{PARTNERSHIPS_DIR}/") or path.startswith(own):
        return None
    return (
        f"'{link.target}' is a file of another partnership: a document can only use "
        f"files of its own partnership folder; copy the file into {own}files/"
    )


def _missing(site: Site, link: Link, target: Resolved) -> str | None:
    if not target.is_page:
        if site.is_unreadable(target.path):
            return None  # a refused symbolic link: reported already, on this line too
        return f"missing attachment '{link.target}': there is no file {repo_path(target.path)}"
    if site.is_unreadable(target.path):
        return None  # that file's own errors are reported already
    return (
        f"broken link '{link.target}': there is no document {repo_path(target.path)} "
        "in any language"
    )


def _page_problem(site: Site, linking: Linking, link: Link, target: Resolved) -> str | None:
    if target.generated:
        if site.generated_text is None or not target.anchor:
            return None  # overview and list pages exist in every site language
        landing = {
            f"{target.path}.{reader}.md (generated)": site.generated_text(target.path, reader)
            for reader in linking.readers
        }
        return _anchor_problem(link, target, landing)
    page = site.items[target.path]
    if linking.public and not is_public(page):
        return (
            f"public page links to the internal document {repo_path(target.path)} "
            f"('{link.target}'): the public site will not have it; remove the link or make "
            "this page internal"
        )
    landing = dict.fromkeys(shown(page, reader).path for reader in linking.readers)
    return _anchor_problem(link, target, {path: site.texts[path] for path in landing})


def _anchor_problem(
    link: Link, target: Resolved, landing: Mapping[str, str], where: str = ""
) -> str | None:
    """Every version a reader may land on (``landing``: text by path) must have the anchor."""
    if not target.anchor:
        return None
    lacking = [path for path, text in landing.items() if target.anchor not in anchors(text)]
    if not lacking:
        return None
    message = (
        f"broken link '{link.target}': no anchor '#{target.anchor}' "
        f"{where or 'in ' + ', '.join(lacking)}"
    )
    if target.lang and any(split_language(path)[1] != target.lang for path in lacking):
        message += (
            " (a link leads each reader to the version in their language: "
            f"give the heading there the same {{ #{target.anchor} }})"
        )
    return message
