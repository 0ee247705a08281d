"""Every local link of the built site, checked against the files the build wrote.

MkDocs checks the links of the Markdown it renders, one language build at a time.
Nobody checks what templates, the language selector, the search configuration,
sitemaps and feeds point to, nor links between language builds. This module reads
the finished output: every ``href`` and ``src`` of every HTML and XML file (sitemap
``<loc>`` entries too) and each page's search index, resolved the way a browser
resolves them, against the set of files in the site folder.

Fast by design (a regular expression over bytes, one set lookup per link), as it runs
on every build of archives with thousands of pages. ``broken_links`` is pure: the
caller lists the site's files and hands over their content; ``check_site`` does that
I/O for ``overrides/hooks/verify_links.py`` and the benchmark. The preview's incremental
rebuilds rewrite a few of those thousands of files: given a ``Memo``, ``check_site``
reads again only the files that changed since the last check of the same folder.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

PAGES = (".html", ".xml")  # what is read; sitemap.xml.gz is the same as sitemap.xml
# Attributes as MkDocs, Material and our templates write them (no spaces around "="):
# a plain pattern is more than twice as fast as one that allows for every spelling.
_LINK = re.compile(rb"""(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
_LOC = re.compile(rb"<loc>\s*([^<\s]*)\s*</loc>")
_CONFIG = re.compile(rb'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
_CONFIG_URL = re.compile(rb'"(base|search)"\s*:\s*"([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # the file that links, relative to the site folder (``en/kb/about/index.html``)
    target: str  # the link as written in it
    missing: str  # what the browser would ask for, relative to the site folder ("" if outside)

    def message(self, source: str | None = None) -> str:
        """What a build log says of it; ``source``: the repository file the page shows."""
        made_from = f" (made from {source})" if source else ""
        if not self.missing:
            return (
                f"built site: {self.page}{made_from} links to '{self.target}', "
                "which is outside the site"
            )
        return (
            f"built site: {self.page}{made_from} links to '{self.target}', "
            f"but the site has no {self.missing}"
        )


def broken_links(
    pages: Iterable[tuple[str, bytes]], files: Collection[str], site_url: str | None = None
) -> list[BrokenLink]:
    """The links of ``pages`` (path, content) that lead to no file of ``files``.

    Paths are relative to the site folder, with ``/``. Absolute links and links to
    ``site_url`` count as local: they must stay below the site's own address.
    """
    base = urlsplit(site_url).path if site_url else "/"
    base = base if base.endswith("/") else f"{base}/"
    prefix = site_url.rstrip("/") + "/" if site_url else None
    found = set()
    for page, content in pages:
        folder = posixpath.dirname(page)
        for target in dict.fromkeys(_targets(content, page.endswith(".xml"))):
            missing = _missing(folder, target, files, base, prefix)
            if missing is not None:
                found.add(BrokenLink(page, target, missing))
    return sorted(found)


def _targets(content: bytes, xml: bool) -> Iterator[str]:
    for double, single in _LINK.findall(content):
        raw = (double or single).decode("utf-8", "replace")
        yield html.unescape(raw) if "&" in raw else raw
    for loc in _LOC.findall(content) if xml else ():
        yield html.unescape(loc.decode("utf-8", "replace"))
    config = _CONFIG.search(content)
    if config:  # Material's search: the worker, and the index below the page's base
        urls = {key.decode(): value.decode() for key, value in _CONFIG_URL.findall(config[1])}
        if "search" in urls:
            yield urls["search"]
        if "base" in urls:
            yield posixpath.join(urls["base"], "search/search_index.json")


def _missing(
    folder: str, target: str, files: Collection[str], base: str, prefix: str | None
) -> str | None:
    """What ``target`` in ``folder`` asks for if it is not there; None if fine or not local."""
    if prefix and target.startswith(prefix):
        target = base + target[len(prefix) :]
    if not target or target[0] == "#" or target.startswith("//") or _SCHEME.match(target):
        return None
    path = target.partition("#")[0].partition("?")[0]
    path = unquote(path) if "%" in path else path
    if not path:
        return None
    if path[0] == "/":
        if not path.startswith(base):
            return ""
        wanted = path[len(base) :]
    else:
        wanted = f"{folder}/{path}" if folder else path
    return _lookup(wanted, path[-1] == "/", files)


def _lookup(wanted: str, folder: bool, files: Collection[str]) -> str | None:
    normal = posixpath.normpath(wanted) if wanted else "."
    if normal == ".." or normal.startswith("../"):
        return ""
    index = "index.html" if normal == "." else f"{normal}/index.html"
    if folder or normal == ".":
        return None if index in files else index
    return None if normal in files or index in files else normal


def check_site(
    site: Path, site_url: str | None = None, memo: Memo | None = None
) -> tuple[int, list[BrokenLink]]:
    """Read the built site in ``site``: how many pages were checked, and the broken links.

    With ``memo`` (what the last check of ``site`` found), a file whose size, time and
    inode are those it had then is not read again, while the site has the same files.
    """
    files = set(_files(site))
    pages = sorted(path for path in files if path.endswith(PAGES))
    if memo is None:
        contents = ((path, (site / path).read_bytes()) for path in pages)
        return len(pages), broken_links(contents, files, site_url)
    memo.start(str(site), files, site_url)
    settled = time.time_ns() - _RACY_NS
    found: list[BrokenLink] = []
    for path in pages:
        full = site / path
        status = os.stat(full)
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        known = memo.pages.get(path)
        if known is not None and known[0] == stamp:
            found += known[1]
            continue
        broken = broken_links([(path, full.read_bytes())], files, site_url)
        found += broken
        if status.st_mtime_ns < settled:
            memo.pages[path] = (stamp, broken)
        else:  # it may change again within its time stamp's resolution: read it next time
            memo.pages.pop(path, None)
    return len(pages), sorted(found)


# A file written this recently (nanoseconds) can be rewritten, with the same size, without
# its time stamp changing on file systems that keep coarse times (Git's "racily clean").
_RACY_NS = 3_000_000_000


@dataclass
class Memo:
    """What ``check_site`` found in each file of one site folder, for the next check."""

    site: str = ""
    files: frozenset[str] = frozenset()
    site_url: str | None = None
    pages: dict[str, tuple[tuple[int, int, int], list[BrokenLink]]] = field(default_factory=dict)

    def start(self, site: str, files: Collection[str], site_url: str | None) -> None:
        """A check of ``site`` with these files: what was found elsewhere is forgotten."""
        if (site, site_url) != (self.site, self.site_url) or files != self.files:
            self.site, self.files, self.site_url = site, frozenset(files), site_url
            self.pages.clear()


def _files(site: Path) -> Iterator[str]:
    for current, _, names in os.walk(site):
        folder = Path(current).relative_to(site).as_posix()
        for name in names:
            yield name if folder == "." else f"{folder}/{name}"
