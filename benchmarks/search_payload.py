#!/usr/bin/env python3
"""Search payload in a real browser: bytes fetched on page load and for a first query.

    python benchmarks/search_payload.py --pages 4000 --stock

Generates an archive (benchmarks/archive_generator.py), builds it with
``scripts/build.py`` (and, with ``--stock``, the stock setup of build_bench.py), serves
each site on 127.0.0.1 and opens a German document page in headless Chromium (Playwright,
the system's Chromium). It counts every response the page loads by itself, then types a
query key by key into the header's search box, as a reader does, and counts what that
fetches until the results are shown. Sizes are the response bodies as served and as
gzip would send them (level 6, what nginx's configuration in deploy/ is close to).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from archive_generator import generate  # noqa: E402
from browser import chromium, served  # noqa: E402
from build_bench import project, stock_project  # noqa: E402

QUERIES = ("Brunnen", "Haushaltsplan")


def fetched(page, action) -> list[tuple[str, int, int]]:
    """(URL, bytes, gzipped bytes) of every response while ``action`` runs."""
    bodies: list = []

    def finished(request) -> None:
        bodies.append(request)

    page.on("requestfinished", finished)
    action()
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", finished)
    out = []
    for request in bodies:
        response = request.response()
        body = response.body() if response and response.ok else b""
        out.append((request.url, len(body), len(gzip.compress(body, 6)) if body else 0))
    return out


def total(rows, part: str = "") -> tuple[int, int, int]:
    chosen = [r for r in rows if part in r[0]]
    return len(chosen), sum(r[1] for r in chosen), sum(r[2] for r in chosen)


def measure(browser, url: str, query: str) -> dict:
    page = browser.new_page()
    loaded = fetched(page, lambda: page.goto(url))
    start = time.perf_counter()

    def search() -> None:
        page.focus("input[name=query]")
        page.keyboard.type(query, delay=60)
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta').textContent.match(/\\d|Kein/)",
            timeout=120_000,
        )

    searched = fetched(page, search)
    seconds = time.perf_counter() - start
    meta = page.inner_text(".md-search-result__meta")
    page.close()
    return {"load": loaded, "search": searched, "seconds": seconds, "meta": meta}


def kb(value: int) -> str:
    return f"{value / 1000:,.0f} KB" if value >= 10_000 else f"{value / 1000:,.1f} KB"


def report(name: str, result: dict, query: str) -> None:
    n, size, packed = total(result["load"])
    sn, ssize, spacked = total(result["load"], "/search/")
    maps = total(result["load"], "sitemap")
    q, qsize, qpacked = total(result["search"])
    print(
        f"| {name} | {query} | {n} files, {kb(size)} ({kb(packed)} gz), of it search "
        f"{kb(ssize)} ({kb(spacked)} gz) in {sn} files, sitemaps {kb(maps[1])} | "
        f"{q} files, {kb(qsize)} ({kb(qpacked)} gz) | {result['seconds']:.1f} s | "
        f"{result['meta']} |"
    )


def build(root: Path, stock: bool) -> Path:
    site = root / "built"
    if stock:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    else:
        command = [sys.executable, str(REPO / "scripts/build.py"), "--root", str(root)]
        command += ["-d", str(site), "--site-url", ""]
    subprocess.run(command, cwd=root, check=True, capture_output=True)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stock", action="store_true", help="also the stock setup")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        generate(base / "archive", args.pages, args.seed)
        setups = {"project": base / "project"}
        project(base / "archive", setups["project"])
        if args.stock:
            setups["stock"] = base / "stock"
            stock_project(base / "archive", setups["stock"])
        sites = {name: build(root, name == "stock") for name, root in setups.items()}
        print(f"\n{args.pages} document pages, a German document page, query typed key by key\n")
        print("| setup | query | page load | first search | typing to results | results |")
        print("|---|---|---|---|---:|---|")
        with chromium() as browser:
            for name, site in sites.items():
                folder = site / "partnerships/auental-mlima/minutes"
                minutes = sorted(p for p in folder.iterdir() if ".parallel" not in p.name)
                page = minutes[len(minutes) // 2].relative_to(site).as_posix() + "/"
                with served(site) as address:
                    for query in QUERIES:
                        report(name, measure(browser, address + page, query), query)


if __name__ == "__main__":
    main()
