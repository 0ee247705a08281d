"""Parallel text: the original and one translation in two columns, block by block.

Partners use it to check a translation, councils to discuss or sign an agreement in
two languages. Translation keeps the block structure of the source (heading beside
heading, table beside table), so the top-level blocks of the two rendered pages pair
one to one; where they do not (a hand-written mirror), the page says so and shows the
two texts one after the other rather than pairing the wrong blocks.

The view is built from the HTML that MkDocs already rendered for the two versions (in
their own language builds), not by rendering their Markdown a second time: the
parallel page is staged with an empty slot (``slot``), and ``fill`` puts the columns
in once both versions are rendered. All but ``fill_built_pages`` is pure string work.
"""

from __future__ import annotations

import html as entities
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import atomic
from .labels import labels, language_name
from .model import Document

VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)  # fmt: skip
_TAG = re.compile(
    r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S
)
_CLASS = re.compile(r"\bclass=\"([^\"\s]*)")
_ID_LIKE = re.compile(r"\b(id|for)=\"([^\"]*)\"")
_TAB_GROUP = re.compile(r"\bname=\"(__tabbed_[^\"]*)\"")
_FRAGMENT = re.compile(r"\bhref=\"#([^\"]*)\"")
_LOCAL_LINK = re.compile(r"\b(href|src)=\"([^\"]*)\"")
# Not relative: another scheme (mailto:, which Python-Markdown writes as entities), the
# site root, or this page.
_NOT_RELATIVE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#")
_PATH_AND_SUFFIX = re.compile(r"([^?#]*)(.*)", re.S)
_SLOT = re.compile(r"<div class=\"archive-parallel-slot\" data-document=\"([^\"]*)\"></div>")

Render = Callable[[str, dict], str]


@dataclass(frozen=True)
class Block:
    kind: str  # the element, with its first class for div and details: "div.admonition"
    html: str


@dataclass(frozen=True)
class Rendered:
    """A document version as MkDocs rendered it: its page's URL and its content HTML."""

    url: str
    html: str


def html_blocks(html: str) -> list[Block]:
    """The top-level elements of a page's content HTML, in order (comments dropped)."""
    found: list[Block] = []
    depth, start, kind = 0, 0, ""
    for match in _TAG.finditer(html):
        closing, name, attributes = match.groups()
        if name is None:  # a comment
            continue
        name = name.lower()
        if closing:
            depth -= 1
            if depth == 0:
                found.append(Block(kind, html[start : match.end()]))
        elif name in VOID or attributes.rstrip().endswith("/"):
            if depth == 0:
                found.append(Block(name, match.group(0)))
        else:
            if depth == 0:
                start, kind = match.start(), _kind(name, attributes)
            depth += 1
    return found


def _kind(name: str, attributes: str) -> str:
    css = _CLASS.search(attributes) if name in ("div", "details") else None
    return f"{name}.{css.group(1)}" if css else name


def for_column(html: str, lang: str) -> str:
    """A block as it goes into a column: ids, labels, tab groups and in-page links get
    the language as prefix, so the two columns never share an id."""
    html = _ID_LIKE.sub(lambda m: f'{m.group(1)}="{lang}-{m.group(2)}"', html)
    html = _TAB_GROUP.sub(lambda m: f'name="{lang}-{m.group(1)}"', html)
    return _FRAGMENT.sub(lambda m: f'href="#{lang}-{m.group(1)}"', html)


def relocate(html: str, source: str, target: str, folders: Mapping[str, str]) -> str:
    """Rewrite the relative links of content rendered for the page at URL ``source`` so
    that they work on the page at URL ``target``.

    Links to pages stay in the reader's language (the target's language folder); links to
    files (attachments, images) keep their place, which is the same for all languages.
    ``folders`` are the URL folders of the non-default languages.
    """
    source_dir, target_dir = _directory(source), _directory(target)
    if source_dir.count("/") == target_dir.count("/") and _folder(source, folders) == _folder(
        target, folders
    ):
        return html
    target_folder = _folder(target, folders)

    def rewrite(match: re.Match) -> str:
        if _NOT_RELATIVE.match(entities.unescape(match.group(2))):
            return match.group(0)
        path, suffix = _PATH_AND_SUFFIX.match(match.group(2)).groups()
        if not path:
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(source_dir, path))
        if path.endswith("/") or resolved.endswith(".html"):  # a page, not a file
            inner = _without_folder(resolved, folders)
            resolved = posixpath.join(target_folder, inner) if target_folder else inner
        new = posixpath.relpath(resolved, target_dir or ".")
        new += "/" if path.endswith("/") else ""
        return f'{match.group(1)}="{new}{suffix}"'

    return _LOCAL_LINK.sub(rewrite, html)


def _directory(url: str) -> str:
    return url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)


def _folder(url: str, folders: Mapping[str, str]) -> str:
    first = url.split("/", 1)[0]
    return first if first in folders.values() and "/" in url else ""


def _without_folder(path: str, folders: Mapping[str, str]) -> str:
    first, _, rest = path.partition("/")
    return rest if first in folders.values() and rest else path


def pair_for(document: Document, lang: str) -> tuple[str, str] | None:
    """(left, right) languages of the parallel view a reader of ``lang`` gets."""
    if len(document.versions) < 2:
        return None
    original = document.source.lang
    if lang != original and lang in document.versions:
        return original, lang
    return original, next(code for code in document.versions if code != original)


def slot(site_key: str) -> str:
    """The placeholder a staged parallel page carries until ``fill`` puts the columns in."""
    return f'<div class="archive-parallel-slot" data-document="{site_key}"></div>'


def page_context(document: Document, lang: str) -> dict[str, Any]:
    """What the staged parallel page of ``document`` shows a reader of ``lang``."""
    l10n = labels(lang)
    return {
        "l": l10n,
        "title": f"{document.title(lang)} ({l10n['parallel_view']})",
        "document_link": f"{document.key.rsplit('/', 1)[-1]}.md",
        "slot": slot(document.site_key),
        # Changes with either version, so an incremental rebuild rebuilds the view too.
        "versions": " ".join(f"{code}:{v.content_hash}" for code, v in document.versions.items()),
    }


def columns_context(
    lang: str, left: tuple[str, list[Block]], right: tuple[str, list[Block]]
) -> dict[str, Any]:
    """The two columns of a parallel view in ``lang``: ``left``/``right`` are (language,
    blocks), paired row by row when their blocks are of the same kinds."""
    (left_lang, left_blocks), (right_lang, right_blocks) = left, right
    aligned = [b.kind for b in left_blocks] == [b.kind for b in right_blocks]
    l10n = labels(lang)

    def column(blocks: list[Block], code: str) -> list[str]:
        return [for_column(block.html, code) for block in blocks]

    lefts, rights = column(left_blocks, left_lang), column(right_blocks, right_lang)
    return {
        "l": l10n,
        "left": {"lang": left_lang, "name": language_name(left_lang, lang), "blocks": lefts},
        "right": {"lang": right_lang, "name": language_name(right_lang, lang), "blocks": rights},
        "aligned": aligned,
        "rows": list(zip(lefts, rights, strict=False)) if aligned else [],
    }


@dataclass(frozen=True)
class Waiting:
    """A built parallel page whose slot still waits for the rendered versions."""

    site_key: str
    lang: str  # the reader's language
    pair: tuple[str, str]  # (left, right) languages
    url: str  # the page's URL, from the site root
    path: str  # its HTML file


def fill(
    page_html: str,
    page: Waiting,
    versions: Mapping[str, Rendered],
    folders: Mapping[str, str],
    render: Render,
) -> str:
    """The parallel page with its slot filled from the rendered ``versions`` (by language)."""
    sides = []
    for code in page.pair:
        version = versions[code]
        html = relocate(version.html, version.url, page.url, folders)
        sides.append((code, html_blocks(html)))
    columns = render("parallel_columns.html", columns_context(page.lang, sides[0], sides[1]))
    return page_html.replace(slot(page.site_key), columns, 1)


def slot_key(page_html: str) -> str | None:
    """The document whose columns a built parallel page still waits for, if any."""
    match = _SLOT.search(page_html)
    return match.group(1) if match else None


def fill_built_pages(
    waiting: list[Waiting],
    rendered: Mapping[tuple[str, str], Rendered],
    folders: Mapping[str, str],
    render: Render,
) -> list[Waiting]:
    """Fill the built pages in ``waiting`` whose versions are all ``rendered`` (by site key
    and language); the I/O edge of this module. Returns the pages that still wait."""
    still = []
    for page in waiting:
        versions = {code: rendered.get((page.site_key, code)) for code in page.pair}
        if None in versions.values():
            still.append(page)
            continue
        path = Path(page.path)
        atomic.write_text(path, fill(path.read_text("utf-8"), page, versions, folders, render))
    return still
