"""The offline copy in a real headless Chromium, opened from file:// without a server.

Material's search runs in a web worker, which browsers refuse to start from file://;
the bundled iframe-worker shim makes it work. Searching on a German page must give
German pages, on an English page English ones.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from builds import REPO, SAMPLE, make_project

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("offline"), SAMPLE)
    site = project / "offline"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts/build.py"),
            "--root",
            str(project),
            "--offline",
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def rendered(page: Path, query: str, profile: Path) -> BeautifulSoup:
    """The page's DOM after Chromium ran its scripts, with Material's search opened."""
    assert Path(CHROMIUM).is_file(), "Chromium is missing: apt-get install chromium (.ci/run does)"
    command = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=15000",
        "--dump-dom", f"{page.as_uri()}?q={query}",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return BeautifulSoup(result.stdout, "html.parser")


@pytest.mark.parametrize(
    ("page", "query", "folder"),
    [
        ("partnerships/auental-mlima/index.html", "Trinkwasser", ""),
        ("en/partnerships/auental-mlima/index.html", "boreholes", "en/"),
    ],
)
def test_search_works_from_file_and_stays_in_the_language(
    offline_site, tmp_path, page, query, folder
):
    dom = rendered(offline_site / page, query, tmp_path / "profile")
    links = [a["href"] for a in dom.select("a.md-search-result__link")]
    assert links, "no search results"
    root = offline_site.as_uri() + "/"
    for link in links:
        relative = link.removeprefix(root)
        assert relative.startswith(folder) and (folder or not relative.startswith("en/")), link
