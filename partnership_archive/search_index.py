"""One compact, split search index per site language, loaded piece by piece on a search.

Material for MkDocs downloads the whole index (12 MB for a 4,000-page archive) on every
page load and builds a lunr index from it in the browser. Here each language gets its own
index (a German page searches German pages only, and pages shown in their original
language are labelled, e.g. "(Englisch)"), cut into small files that the search worker
(``overrides/assets/javascripts/archive-search.js``, speaking Material's worker protocol,
so Material's search box, results list and keyboard handling stay) loads only when a
reader types a query:

- ``w/<hex>.js``: the words starting with the same three letters (words of two letters:
  the word itself), each with the pages that contain it (see ``build``);
- ``t/<n>.js``: location and title of ``CHUNK`` pages, for the result list (``_titles``);
- ``p/<n>.js``: one page's sections (anchor, heading, text), for the best results' excerpts.

Every file is a script calling ``archiveSearch.receive(name, data)``, so the same files
work on a web server and from ``file://`` (where browsers refuse to fetch, but load
scripts). Words are folded (lower case, no diacritics, ß as ss) exactly as the worker
folds a query.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CHUNK = 200  # pages per title file
SECTION_TEXT = 2000  # characters of a section kept for excerpts
INDEX_FOLDER = "search/archive"  # in each language's folder
WORKER = "assets/javascripts/archive-search.js"

_HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>", re.S)
_PERMALINK = re.compile(r"<a\b[^>]*class=\"headerlink\"[^>]*>.*?</a>", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]")  # combining diacritics, as the worker removes them
_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL
)


@dataclass(frozen=True)
class Section:
    anchor: str  # "" for the text before the first heading
    title: str
    text: str


@dataclass(frozen=True)
class SearchPage:
    location: str  # relative to the language's folder, e.g. "partnerships/x/minutes/y/"
    title: str
    sections: tuple[Section, ...]
    tags: tuple[str, ...] = ()


def fold(text: str) -> str:
    """Lower case without diacritics: "Begrüßung" -> "begrussung" (as the worker folds)."""
    text = text.lower()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.replace("ß", "ss")))


def words(text: str) -> set[str]:
    return {word for word in _WORD.findall(fold(text)) if len(word) > 1}


def plain(fragment: str) -> str:
    """Text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def sections(content: str, title: str) -> tuple[Section, ...]:
    """A page's content HTML cut at its headings (that have ids, as MkDocs gives them)."""
    found, start, anchor, heading = [], 0, "", title
    for match in _HEADING.finditer(content):
        found.append(Section(anchor, heading, plain(content[start : match.start()])))
        anchor, heading = match.group(2), plain(_PERMALINK.sub("", match.group(3)))
        start = match.end()
    found.append(Section(anchor, heading, plain(content[start:])))
    return tuple(s for s in found if s.text or s.anchor)


def search_page(
    location: str, title: str, content: str, label: str | None, tags: Iterable[str] = ()
) -> SearchPage:
    """What the index keeps of one page; ``label`` marks a page shown in another language."""
    shown = f"{title} ({label})" if label else title
    return SearchPage(location, shown, sections(content, title), tuple(tags))


def shard_name(word: str) -> str:
    key = word[:3]
    return "w/" + key.encode("utf-8").hex()


def _postings(ids: Iterable[int]) -> str:
    """Sorted page numbers as base-36 gaps joined by dots: [3, 4, 9] -> "3.1.5"."""
    previous, parts = 0, []
    for number in sorted(set(ids)):
        parts.append(_base36(number - previous))
        previous = number
    return ".".join(parts)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


FREQUENT = 3  # a word this often in a page's text weighs more


def build(pages: list[SearchPage]) -> dict[str, Any]:
    """Every file of one language's index, by name (without ``.js``), as data.

    A word's entry lists the pages that have it in their title, in a heading, often
    (``FREQUENT`` times) in their text, and at all; the worker weighs them in that order.
    """
    where: dict[str, tuple[list[int], ...]] = defaultdict(lambda: ([], [], [], []))
    for number, page in enumerate(pages):
        for word in words(page.title):
            where[word][0].append(number)
        for word in words(" ".join(s.title for s in page.sections if s.anchor)):
            where[word][1].append(number)
        counts = Counter(
            w for s in page.sections for w in _WORD.findall(fold(f"{s.title} {s.text}"))
        )
        for word, count in counts.items():
            if len(word) > 1:
                where[word][3].append(number)
                if count >= FREQUENT:
                    where[word][2].append(number)
    files: dict[str, Any] = defaultdict(dict)
    for word in sorted(where):
        files[shard_name(word)][word] = [_postings(ids) for ids in where[word]]
    for start in range(0, len(pages), CHUNK):
        files[f"t/{start // CHUNK}"] = _titles(pages[start : start + CHUNK])
    for number, page in enumerate(pages):
        files[f"p/{number}"] = {
            "g": list(page.tags),
            "s": [[s.anchor, s.title, s.text[:SECTION_TEXT]] for s in page.sections],
        }
    return dict(files)


def _titles(pages: list[SearchPage]) -> dict[str, list]:
    """Locations and titles of pages; the folders, which most pages share, listed once:
    ``{"f": ["partnerships/x/minutes/"], "p": [[0, "2025-03-12-meeting/", "Protokoll"]]}``."""
    folders: dict[str, int] = {}
    rows = []
    for page in pages:
        cut = page.location.rstrip("/").rfind("/") + 1
        folder = folders.setdefault(page.location[:cut], len(folders))
        rows.append([folder, page.location[cut:], page.title])
    return {"f": list(folders), "p": rows}


def script(name: str, data: Any) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"archiveSearch.receive({json.dumps(name)},{payload})\n"


def stub(lang: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """The tiny ``search_index.json`` Material fetches on page load: settings, no pages."""
    return {"config": {**config, "lang": [lang]}, "docs": []}


def worker_url(base: str, folder: str) -> str:
    """Our worker, told where its language's index is (relative to the site root)."""
    return f"{base}/{WORKER}?index={folder}&chunk={CHUNK}"


def with_search(page_html: str, folder: str) -> str:
    """Point Material's search at this language's folder (``base``) and at our worker."""

    def rewrite(match: re.Match) -> str:
        config = json.loads(match.group(2))
        base = config["base"].rstrip("/")
        # The trailing slash matters: Material resolves "search/search_index.json"
        # against the base like a browser does, and "../en" would lose the "en".
        config["base"] = f"{base}/{folder}/" if folder else f"{base}/"
        config["search"] = worker_url(base, folder)
        text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f"{match.group(1)}{text}{match.group(3)}"

    return _CONFIG_SCRIPT.sub(rewrite, page_html, count=1)
