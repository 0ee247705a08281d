"""The offline copy in a real headless Chromium, opened from file:// without a server.

Material's search runs in a web worker, which browsers refuse to start from file://;
the bundled iframe-worker shim stands in for it, and the archive's index files are
scripts, which load from file:// where fetching would not. Searching on a German page
must give German pages, on an English page English ones.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from browser import chromium, search
from builds import REPO, SAMPLE, make_project


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


@pytest.mark.parametrize(
    ("page", "query", "folder"),
    [
        ("partnerships/auental-mlima/index.html", "Trinkwasser", ""),
        ("en/partnerships/auental-mlima/index.html", "boreholes", "en/"),
    ],
)
def test_search_works_from_file_and_stays_in_the_language(offline_site, page, query, folder):
    with chromium() as browser:
        found = search(browser, (offline_site / page).as_uri(), query)
    assert found.results, f"no search results: {found.meta}"
    root = offline_site.as_uri() + "/"
    for link, _ in found.results:
        relative = link.removeprefix(root)
        assert relative.startswith(folder) and (folder or not relative.startswith("en/")), link
