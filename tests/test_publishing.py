"""Publishing: hosts with their own default language, public and internal builds, offline.

The leak test plants unique markers in every place internal content can hide
(tests/fixtures/leaks: an internal document, its mirror, attachment, linked file and
tag, contacts not marked public and their photo) and proves that no byte sequence of
any marker reaches any file of a public build, compressed files included.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from builds import FIXTURES, make_project, run_script
from site_helpers import soup

MARKERS = [
    "LEAK-TITLE-7Q", "LEAK-MIRROR-TITLE-7Q", "LEAK-BODY-7Q", "LEAK-MIRROR-7Q", "leak-tag-7q",
    "LEAK-ATTACHMENT-TITLE-7Q", "LEAK-FILE-7Q", "leak-attachment-7q", "LEAK-LINKED-7Q",
    "leak-linked-7q", "LEAK-PHOTO-7Q", "leak-photo-7q", "LEAK-PERSON-7Q", "leak-7q@kivu",
    "LEAK-CONTACT-7Q", "leak-contact-7q",
]  # fmt: skip


def build_py(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_script("build.py", project, *args)


def every_byte(site: Path):
    """(name, content) of every file of a build, compressed ones also unpacked."""
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            yield str(path.relative_to(site)), data
            if path.suffix == ".gz":
                yield f"{path}:unpacked", gzip.decompress(data)
            if path.suffix == ".zip":
                with zipfile.ZipFile(path) as bundle:
                    for name in bundle.namelist():
                        yield f"{path}:{name}", name.encode() + b"\n" + bundle.read(name)


def markers_in(site: Path) -> set[str]:
    found = set()
    for name, data in every_byte(site):
        text = name.encode().lower() + b"\n" + data.lower()
        found |= {m for m in MARKERS if m.lower().encode() in text}
    return found


@pytest.fixture(scope="module")
def leaks_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("leaks"), FIXTURES / "leaks")


@pytest.mark.parametrize("host", ["auental", "mlima"])
def test_a_public_build_contains_no_byte_of_internal_content(leaks_project, host, tmp_path):
    site = tmp_path / "site"
    result = build_py(leaks_project, "--host", host, "--audience", "public", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file()
    assert markers_in(site) == set()


def test_an_offline_public_zip_contains_no_internal_content(leaks_project, tmp_path):
    site = tmp_path / "offline"
    result = build_py(leaks_project, "--offline", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert markers_in(tmp_path) == set()  # the folder and the zip next to it


def test_an_internal_build_has_internal_documents_with_a_badge(leaks_project, tmp_path):
    site = tmp_path / "internal"
    result = build_py(leaks_project, "--audience", "internal", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert {"LEAK-BODY-7Q", "LEAK-MIRROR-7Q", "LEAK-FILE-7Q", "LEAK-PERSON-7Q"} <= markers_in(site)
    page = soup(site / "partnerships/lindau-kivu/secret-plan/index.html")
    assert (
        page.select_one(".archive-internal-badge").get_text(strip=True)
        == "Intern: nicht öffentlich"
    )
    public_page = soup(site / "partnerships/lindau-kivu/agreement/index.html")
    assert public_page.select_one(".archive-internal-badge") is None


@pytest.mark.parametrize(
    ("host", "default", "other"), [("auental", "de", "en"), ("mlima", "en", "de")]
)
def test_each_host_opens_in_its_own_language_with_its_legal_links(
    leaks_project, tmp_path, host, default, other
):
    site = tmp_path / host
    assert build_py(leaks_project, "--host", host, "-d", str(site)).returncode == 0
    home, second = soup(site / "index.html"), soup(site / other / "index.html")
    assert home.html["lang"] == default and second.html["lang"] == other
    footer = {a.get_text(strip=True): a["href"] for a in home.select(".md-copyright a")}
    expected = {
        "auental": {
            "Impressum": "https://www.auental.example/impressum/",
            "Datenschutz": "https://www.auental.example/datenschutz/",
        },
        "mlima": {
            "Legal notice": "https://www.mlima.example/legal-notice/",
            "Privacy policy": "https://www.mlima.example/privacy/",
        },
    }[host]
    assert footer == expected
    assert home.select_one(".md-logo img")["src"] == f"assets/logos/{host}.svg"
    canonical = home.select_one('link[rel="canonical"]')["href"]
    assert canonical.startswith(
        {
            "auental": "https://www.auental.example/partnerschaft/",
            "mlima": "https://www.mlima.example/partnership/",
        }[host]
    )


def test_an_unknown_host_is_refused(leaks_project):
    result = build_py(leaks_project, "--host", "atlantis")
    assert result.returncode == 2
    assert "unknown host 'atlantis'; hosts.yml has: auental, mlima" in result.stderr


RESOURCE = re.compile(
    r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="([^"]+)"|'
    r'<link\b[^>]*\bhref="([^"]+)"'
)


def test_offline_pages_load_nothing_from_another_host(leaks_project, tmp_path):
    site = tmp_path / "offline"
    assert build_py(leaks_project, "--offline", "-d", str(site)).returncode == 0
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        for match in RESOURCE.finditer(html):
            url = match.group(1) or match.group(2)
            if 'rel="canonical"' in match.group(0) or "hreflang" in match.group(0):
                continue
            assert not re.match(r"^(https?:)?//", url), f"{page}: {url}"
    assert (site / "search/search_index.js").is_file() and (
        site / "en/search/search_index.js"
    ).is_file()


def test_edit_links_lead_to_the_source_file_in_the_web_editor(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    env = {"REPO_URL": "https://gitlab.example/auental/archiv", "EDIT_URI": "-/edit/main/"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    base = "https://gitlab.example/auental/archiv/-/edit/main/"
    cases = {
        "en/partnerships/lindau-kivu/agreement/index.html":
            "partnerships/lindau-kivu/agreement.en.md",
        # shown in its original language: editing means editing the original
        "partnerships/lindau-kivu/minutes/2024-02-01-visit/index.html":
            "partnerships/lindau-kivu/minutes/2024-02-01-visit.en.md",
        "en/index.html": "docs/index.en.md",
    }  # fmt: skip
    for page, source in cases.items():
        link = soup(project / "site" / page).select_one("a.md-content__button")
        assert link["href"] == base + source, page


def test_all_hosts_build_side_by_side_with_an_index(leaks_project, tmp_path):
    target = tmp_path / "public"
    result = build_py(
        leaks_project, "--all-hosts", "-d", str(target), "--site-url-base", "https://p.example/a/"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert soup(target / "auental/index.html").html["lang"] == "de"
    assert soup(target / "mlima/index.html").html["lang"] == "en"
    canonical = soup(target / "mlima/index.html").select_one('link[rel="canonical"]')["href"]
    assert canonical == "https://p.example/a/mlima/"
    links = {a["href"]: a.get_text() for a in soup(target / "index.html").select("a")}
    assert links == {"auental/": "Stadt Auental", "mlima/": "Mlima Town Council"}
    assert markers_in(target) == set()
