"""The build orchestrator: every language in a process of its own gives the same site."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from builds import FIXTURES, make_project, run_script
from site_helpers import soup

from partnership_archive.site_build import build_site

ENV = {"ARCHIVE_HOST": "auental", "ARCHIVE_AUDIENCE": "public", "SITE_URL": "", "OFFLINE": "false"}


def files(site):
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fixture", ["basic", "spanish"])  # two languages, three on two cores
def test_the_site_is_the_one_mkdocs_builds_one_language_after_another(tmp_path, fixture):
    project = make_project(tmp_path / "p", FIXTURES / fixture)
    env = {**os.environ, **ENV, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "sequential"]
    assert subprocess.run(command, cwd=project, env=env).returncode == 0
    assert build_site(project, project / "parallel", ENV, jobs=2) == 0
    sequential, orchestrated = project / "sequential", project / "parallel"
    assert files(orchestrated) == files(sequential)
    different = {
        name
        for name in files(sequential)
        if (orchestrated / name).read_bytes() != (sequential / name).read_bytes()
    }
    assert different <= {"sitemap.xml.gz"}  # gzip stores the time
    # One language after another, the last page built used to leak its language links
    # into the other languages' 404 pages (hooks/not_found_page.py): each links the
    # 404 pages of the other languages.
    for name in {name for name in files(sequential) if name.endswith("404.html")}:
        links = {
            a["hreflang"]: a["href"] for a in soup(sequential / name).select("a.md-select__link")
        }
        assert links and set(links.values()) <= {"/404.html", "/en/404.html", "/es/404.html"}
    assert not (project / ".parallel.parts").exists()


def test_a_broken_archive_builds_nothing_and_names_the_file(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    agreement = project / "partnerships/lindau-kivu/agreement.de.md"
    agreement.write_text(agreement.read_text("utf-8").replace("type: agreement", "type: x"))
    result = run_script("build.py", project, "-d", str(project / "site"))
    assert result.returncode == 1
    assert "partnerships/lindau-kivu/agreement.de.md:3: error" in result.stderr
    assert not (project / "site").exists()
