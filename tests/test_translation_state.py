"""Mirror states and the review workflow: a human's translation is never silently stale."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import pytest
from builds import FIXTURES, REPO, SAMPLE, make_project, mkdocs_build, run_script
from site_helpers import page_path, soup

from partnership_archive.fingerprints import content_hash
from partnership_archive.loading import load_archive
from partnership_archive.mirror_status import mirror_state
from partnership_archive.mirrors import mark_reviewed
from partnership_archive.model import Translation, Version

SOURCE = Version("de", "a.de.md", "Titel", None, content_hash("Titel", "Text.\n"))


def mirror(status: str, source_hash: str, text_hash: str, now: str) -> Version:
    record = Translation("de", status, None, source_hash, text_hash)
    return Version("en", "a.en.md", "Title", record, now)


@pytest.mark.parametrize(
    ("status", "source_hash", "text_hash", "now", "state"),
    [
        ("machine", SOURCE.content_hash, "t1", "t1", "machine"),
        ("machine", "old", "t1", "t1", "outdated"),
        ("machine", SOURCE.content_hash, "t1", "t2", "edited"),
        ("machine", "old", "t1", "t2", "stale"),
        ("reviewed", SOURCE.content_hash, "t1", "t2", "reviewed"),
        ("reviewed", "old", "t1", "t1", "stale"),
    ],
)
def test_mirror_state(status, source_hash, text_hash, now, state):
    assert mirror_state(SOURCE, mirror(status, source_hash, text_hash, now)) == state


def test_missing_and_untracked_versions():
    assert mirror_state(SOURCE, None) == "missing"
    assert mirror_state(SOURCE, Version("en", "a.en.md", "Title")) == "original"


def translate_cli(project, *args):
    return run_script("translate.py", project, *args)


def mark_all_reviewed(project):
    """Test setup: every mirror of the fixture reviewed against its current source."""
    archive, _ = load_archive(project, ["de", "en"])
    for item in (*archive.documents, *archive.knowledge):
        for mirror in item.versions.values():
            if mirror.lang != item.source.lang:
                mark_reviewed(project, item.source, mirror, dt.date(2026, 1, 1))


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    mark_all_reviewed(project)
    return project


AGREEMENT = "partnerships/lindau-kivu/agreement"


def test_check_reports_missing_mirrors_and_nothing_else(project):
    result = translate_cli(project, "--check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "partnerships/lindau-kivu/budget.en.md: missing (en)",
        "partnerships/lindau-kivu/contacts.en.md: missing (en)",
        "partnerships/lindau-kivu/minutes/2024-02-01-visit.de.md: missing (de)",
        "6 mirrors checked, 3 need attention",
    ]


def test_check_of_a_reviewed_document_is_clean(project):
    result = translate_cli(project, "--check", f"{AGREEMENT}.de.md")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == ["1 mirror checked, 0 need attention"]


def test_a_source_change_makes_the_reviewed_mirror_stale_and_review_clears_it(project):
    source = project / f"{AGREEMENT}.de.md"
    source.write_text(source.read_text("utf-8") + "\nEin neuer Absatz.\n", "utf-8")
    mirror_file = project / f"{AGREEMENT}.en.md"
    before = mirror_file.read_text("utf-8")

    result = translate_cli(project, "--check", f"{AGREEMENT}.de.md")
    assert result.returncode == 1
    assert f"{AGREEMENT}.en.md: stale (en)" in result.stdout
    assert mirror_file.read_text("utf-8") == before  # reported, never overwritten

    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    page = soup(page_path(build.site, "en", AGREEMENT))
    assert "has changed since" in page.select_one(".archive-stale-translation").get_text()
    assert page.select_one(".archive-machine-translation") is None

    assert translate_cli(project, "--review", f"{AGREEMENT}.en.md").returncode == 0
    assert translate_cli(project, "--mark-reviewed", f"{AGREEMENT}.en.md").returncode == 0
    assert translate_cli(project, "--check", f"{AGREEMENT}.de.md").returncode == 0
    after = mirror_file.read_text("utf-8")
    assert after.split("---", 2)[2] == before.split("---", 2)[2]  # body untouched


def test_a_machine_mirror_shows_a_banner_linking_to_the_original(project):
    mirror_file = project / f"{AGREEMENT}.en.md"
    mirror_file.write_text(
        mirror_file.read_text("utf-8").replace("status: reviewed", "status: machine"), "utf-8"
    )
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    page_file = page_path(build.site, "en", AGREEMENT)
    banner = soup(page_file).select_one(".archive-machine-translation")
    assert "machine-translated from German" in banner.get_text(" ", strip=True)
    link = banner.select_one("a[hreflang=de]")["href"]
    assert (page_file.parent / link / "index.html").resolve() == page_path(
        build.site, "de", AGREEMENT
    )


def test_the_sample_shows_banners_exactly_on_machine_translated_pages(sample_build):
    archive, _ = load_archive(SAMPLE, ["de", "en"])
    machine = {
        page_path(sample_build.site, lang, d.site_key)
        for d in archive.documents
        if d.is_public
        for lang, v in d.versions.items()
        if v.translation and v.translation.status == "machine"
    }
    assert machine, "the sample needs a machine-translated page"
    bannered = {
        path
        for path in sample_build.site.rglob("*.html")
        if soup(path).select_one(".archive-machine-translation")
    }
    assert bannered == machine
    for path in sample_build.site.rglob("*.html"):
        assert soup(path).select_one(".archive-stale-translation") is None, path


def test_the_sample_archive_passes_the_check():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/translate.py"), "--check", "--root", str(SAMPLE)],
        cwd=SAMPLE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_status_page_lists_mirrors_by_state(project):
    shutil.rmtree(project / "site", ignore_errors=True)
    build = mkdocs_build(project)
    status = soup(page_path(build.site, "en", "partnerships/lindau-kivu/translations"))
    sections = {h2.get("id"): h2 for h2 in status.select("article h2")}
    assert set(sections) == {"reviewed", "missing"}
    text = status.select_one("article").get_text(" ", strip=True)
    assert "Partnership agreement" in text and "Minutes of the visit" in text
