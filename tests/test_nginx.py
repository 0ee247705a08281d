"""The nginx configuration in deploy/nginx/ serves the built site under a sub-path.

A real nginx on 127.0.0.1 serves the sample archive, built with a ``site_url`` under
``/partnerschaft/``, through the unchanged snippet (only its ``alias`` points at the
build). Pages, assets, both search indexes and the 404 page are fetched through it,
as a browser would: relative URLs are resolved against the page's URL, and the search
index is found the way Material's JavaScript finds it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from builds import SAMPLE, make_project, mkdocs_build
from nginx_server import SUB_PATH, serving, world_readable_folder

ENGLISH_DOCUMENT = "en/partnerships/auental-mlima/minutes/2025-03-12-steering-group/"


@dataclass
class Server:
    site: Path
    base: str  # http://127.0.0.1:<port>/partnerschaft/
    http: requests.Session

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.http.get(urljoin(self.base, url), timeout=10, **kwargs)


def with_site_url(config: Path, site_url: str) -> None:
    """Set ``site_url`` in a copied mkdocs.yml, replacing one the file may already have."""
    text, found = re.subn(r"^site_url:.*$", f"site_url: {site_url}", config.read_text(), flags=re.M)
    config.write_text(text if found else f"site_url: {site_url}\n{text}")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """The sample site behind a real nginx (see nginx_server), built with a ``site_url``
    under the snippet's sub-path."""
    workspace = world_readable_folder("partnership-nginx-")
    try:
        project = make_project(workspace / "project", SAMPLE)
        with_site_url(project / "mkdocs.yml", f"https://example.org{SUB_PATH}")
        build = mkdocs_build(project)
        assert build.returncode == 0, build.output
        prefix = workspace / "nginx"
        prefix.mkdir()
        with serving(build.site, prefix) as base, requests.Session() as http:
            yield Server(build.site, base, http)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def html_of(response: requests.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def page(server: Server, url: str, lang: str) -> requests.Response:
    response = server.get(url)
    assert response.status_code == 200, f"{response.url}: {response.status_code}"
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert html_of(response).html["lang"] == lang
    return response


def search_index_url(response: requests.Response) -> str:
    """Where Material loads the search index from, computed as its JavaScript does:
    ``new URL("search/search_index.json", new URL(config.base, location))``."""
    config = html_of(response).select_one("script#__config").string
    base = re.search(r'"base":\s*"([^"]*)"', config).group(1)
    return urljoin(urljoin(response.url, base), "search/search_index.json")


def test_german_home_page_is_served_at_the_sub_path(server):
    response = page(server, "", "de")
    assert response.content == (server.site / "index.html").read_bytes()


def test_english_document_page_is_served(server):
    response = page(server, ENGLISH_DOCUMENT, "en")
    assert response.content == (server.site / ENGLISH_DOCUMENT / "index.html").read_bytes()


@pytest.mark.parametrize("url", ["", ENGLISH_DOCUMENT])
def test_css_and_javascript_of_a_page_load(server, url):
    response = page(server, url, "de" if url == "" else "en")
    html = html_of(response)
    assets = {
        **{a["href"]: "text/css" for a in html.select('link[rel="stylesheet"]')},
        **{s["src"]: "application/javascript" for s in html.select("script[src]")},
    }
    assert len(assets) >= 3, assets
    for href, content_type in assets.items():
        url = urljoin(response.url, href)
        asset = server.get(url)
        assert asset.status_code == 200, f"{href} -> {url}: {asset.status_code}"
        assert asset.headers["Content-Type"] == f"{content_type}; charset=utf-8"
        on_disk = server.site / urlsplit(url).path.removeprefix(SUB_PATH)
        assert asset.content == on_disk.read_bytes(), href


@pytest.mark.parametrize(
    ("url", "lang", "index"),
    [
        ("", "de", "search/search_index.json"),
        (ENGLISH_DOCUMENT, "en", "en/search/search_index.json"),
    ],
)
def test_each_language_loads_its_own_search_index(server, url, lang, index):
    location = search_index_url(page(server, url, lang))
    assert location == server.base + index, (
        "the page's search would load another language's index: Material resolves "
        "'search/search_index.json' against __config.base, so a base without a trailing "
        "slash ('../en') loses its last segment"
    )
    response = server.get(location)
    on_disk = server.site / index
    assert response.status_code == 200, (
        f"{location}: {response.status_code}; the web server's user must be able to read "
        f"{index} (its mode is {on_disk.stat().st_mode & 0o777:o})"
    )
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["config"]["lang"] == [lang]
    # The index itself: script files the search worker loads when a reader searches.
    titles = server.get(urljoin(location, "archive/t/0.js"))
    assert titles.status_code == 200
    assert titles.headers["Content-Type"] == "application/javascript; charset=utf-8"
    assert titles.headers["Content-Encoding"] == "gzip"
    assert titles.content == (server.site / index).parent.joinpath("archive/t/0.js").read_bytes()


def test_unknown_path_gets_the_sites_404_page(server):
    response = server.get("en/partnerships/no-such-partnership/")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.content == (server.site / "404.html").read_bytes()
    assert response.headers["Cache-Control"] == "no-cache"
    # Its links are absolute (from site_url), so its stylesheets load at any depth.
    stylesheets = html_of(response).select('link[rel="stylesheet"]')
    assert stylesheets
    for link in stylesheets:
        url = urljoin(response.url, link["href"])
        assert server.get(url).status_code == 200, f"404 page: {link['href']} -> {url}"


@pytest.mark.parametrize(
    ("url", "target"),
    [("/partnerschaft", "/partnerschaft/"), ("en/kb/about", "/partnerschaft/en/kb/about/")],
)
def test_urls_without_trailing_slash_redirect(server, url, target):
    """Served under the slash-less URL, the pages' relative links would break."""
    response = server.get(url, allow_redirects=False)
    assert (response.status_code, response.headers["Location"]) == (301, target)


def test_only_hashed_assets_are_cached_for_long(server):
    home = page(server, "", "de")
    assert home.headers["Cache-Control"] == "no-cache"
    bundle = html_of(home).select_one('script[src*="bundle."]')["src"]
    cached = server.get(urljoin(home.url, bundle)).headers["Cache-Control"]
    assert cached == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("url", ["", "no-such-page/"])
def test_security_headers_allow_only_this_host(server, url):
    headers = server.get(url).headers
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    # Material's inline scripts need 'unsafe-inline'; no source may name another host.
    assert not [value for value in policy.values() if re.search(r"https?:|\*", value)]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
