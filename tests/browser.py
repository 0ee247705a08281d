"""A real headless Chromium for the tests, driven by Playwright (the system's Chromium)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's hosts.
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@dataclass
class Search:
    """What a reader sees after typing a query, and what the browser fetched."""

    meta: str
    results: list[tuple[str, str]]  # (link, title) of each result page
    fetched_before: list[str] = field(default_factory=list)  # URLs loaded with the page
    fetched_for_search: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    _installed()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@asynccontextmanager
async def async_chromium() -> AsyncIterator:
    """The same browser for Playwright's async API (many pages at a time)."""
    from playwright.async_api import async_playwright

    _installed()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


def _installed() -> None:
    assert Path(CHROMIUM).is_file(), "Chromium is missing: apt-get install chromium (.ci/run does)"


def search(browser, url: str, query: str) -> Search:
    """Open ``url``, type ``query`` into the header's search box key by key, read the results."""
    page = browser.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    before = list(fetched)
    page.focus("input[name=query]")
    page.keyboard.type(query, delay=30)
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.match(/\\d|kein|no /i)"
    )
    page.wait_for_load_state("networkidle")
    results = [
        (a.get_attribute("href"), a.query_selector("h1").inner_text())
        for a in page.query_selector_all("li.md-search-result__item > a:first-child")
    ]
    meta = page.inner_text(".md-search-result__meta")
    page.close()
    return Search(meta, results, before, fetched[len(before) :])


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site on a real HTTP server on 127.0.0.1; yields its address."""
    handler = partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass
