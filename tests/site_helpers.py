"""Small readers for a built site: pages, links, search indexes."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

FOLDERS = {"de": "", "en": "en"}  # as configured in mkdocs.yml


def page_path(site: Path, lang: str, site_key: str) -> Path:
    """The HTML file of a page (directory URLs), e.g. en/partnerships/x/minutes/y/index.html."""
    key = site_key.removesuffix("index").rstrip("/")
    return site.joinpath(FOLDERS[lang], key, "index.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative link on ``page`` points to."""
    href = href.split("#")[0]
    folder = page.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(folder, href))
    path = site / target
    return path / "index.html" if not target.endswith(".html") else path


def language_links(site: Path, page: Path) -> dict[str, Path]:
    """The language selector's targets, by language code."""
    html = soup(page)
    return {
        a["hreflang"]: resolve(site, page, a["href"])
        for a in html.select("a.md-select__link[hreflang]")
    }


def search_index_for(site: Path, page: Path) -> tuple[Path, dict]:
    """The index a page's search worker loads, read back (see ``read_index``).

    The page's ``__config`` names the worker and, in its ``index`` parameter, the language
    folder whose ``search/archive/`` it loads (see partnership_archive/search_index.py).
    """
    config = json.loads(soup(page).select_one("script#__config").string)
    folder = parse_qs(urlsplit(config["search"]).query, keep_blank_values=True)["index"][0]
    return site / folder / "search/archive", read_index(site, folder)


def read_index(site: Path, folder: str) -> dict:
    """A language's index as ``{"config": ..., "docs": [{location, title, text}]}``: the
    settings Material fetches, and every page the worker can find."""
    index = site / folder / "search/archive"
    stub = json.loads((site / folder / "search/search_index.json").read_text("utf-8"))
    chunks = sorted((index / "t").glob("*.js"), key=lambda path: int(path.stem))
    pages = [
        (data["f"][folder] + name, title)
        for data in map(_script, chunks)
        for folder, name, title in data["p"]
    ]
    docs = []
    for number, (location, title) in enumerate(pages):
        details = _script(index / "p" / f"{number}.js")
        text = " ".join(f"{heading} {body}" for _, heading, body in details["s"])
        docs.append({"location": location, "title": title, "text": text})
    return {"config": stub["config"], "docs": docs}


def _script(path: Path):
    """The data of an index file: ``archiveSearch.receive(name, data)``."""
    text = path.read_text("utf-8")
    return json.loads(text[text.index(",") + 1 : text.rindex(")")])


def search(index: dict, query: str) -> list[str]:
    """Locations of page-level entries containing every word of ``query`` (case-insensitive)."""
    words = [w.lower() for w in query.split()]
    hits = []
    for entry in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}").lower()
        if all(word in text for word in words):
            hits.append(entry["location"].split("#")[0])
    return sorted(set(hits))


def document_rows(page: Path) -> list[list[str]]:
    """The cells of the document tables of an overview page (rows that start with a date)."""
    return [
        [cell.get_text(strip=True) for cell in row.select("td")]
        for row in soup(page).select("article table tbody tr")
        if re.match(r"\d{4}-\d{2}-\d{2}", row.td.get_text(strip=True))
    ]
