"""Your own archive: start without the sample, link the way coordinators write.

A copy of this repository is turned into a municipality's own archive with
`new.py archive`, exactly as the README says; it must pass check.py and build strictly
while still empty. Then a second partnership and documents in German, English and
Spanish are added as a coordinator writes them (links by file name, typographic
quotes, Windows line endings in one file, a byte-order mark in another), and the real
strict build must have zero broken links in any of the three site languages. The
links are followed with an HTML parser here, not with the build's own link check.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from builds import FIXTURES, REPO, SAMPLE, make_project, mkdocs_build, run_script
from site_helpers import soup

from partnership_archive.fingerprints import content_hash
from partnership_archive.hosts import load_hosts
from partnership_archive.link_targets import resolve
from partnership_archive.links import links
from partnership_archive.loading import load_archive
from partnership_archive.mirrors import title_and_body, with_translation_record
from partnership_archive.site_config import archive_languages
from partnership_archive.site_sources import site_targets

SAMPLE_FOLDER = "partnerships/auental-mlima"
TANGA, ESTELI = "partnerships/bergheim-tanga", "partnerships/bergheim-esteli"
ARCHIVE_FLAGS = (
    "--municipality", "Stadt Bergheim;DE;de;https://www.bergheim.example",
    "--municipality", "Tanga City Council;TZ;en",
    "--since", "2001", "--slug", "bergheim-tanga",
    "--host", "bergheim;https://www.bergheim.example/partnerschaft/;"
    "https://www.bergheim.example/impressum/;https://www.bergheim.example/datenschutz/",
    "--host", "tanga",
)  # fmt: skip


def repository_copy(target: Path) -> Path:
    """What a fresh clone has that the archive uses (the scripts run from this checkout)."""
    project = make_project(target, SAMPLE)
    for name in ("translation.yml", "translation-memory.jsonl"):
        shutil.copy(SAMPLE / name, project / name)
    return project


def new(project: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/new.py"), *args, "--root", str(project)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return run_script("check.py", project)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def started(tmp_path_factory) -> Path:
    project = repository_copy(tmp_path_factory.mktemp("own") / "archive")
    result = new(project, "archive", *ARCHIVE_FLAGS)
    assert result.returncode == 0, result.stderr
    return project


# --- the one command -------------------------------------------------------------------


def test_the_sample_is_set_aside_with_its_hosts_logos_and_memory(started):
    aside = started / "sample-archive"
    assert not (started / SAMPLE_FOLDER).exists()
    assert (aside / SAMPLE_FOLDER / "partnership.yml").is_file()
    assert sorted(p.name for p in (aside / "overrides/assets/logos").iterdir()) == [
        "auental.svg",
        "mlima.svg",
    ]
    assert not (started / "overrides/assets/logos").exists()  # theme files are published
    assert "auental:" in (aside / "hosts.yml").read_text("utf-8")
    memory = (started / "translation-memory.jsonl").read_text("utf-8").splitlines()
    moved = (aside / "translation-memory.jsonl").read_text("utf-8").splitlines()
    original = (SAMPLE / "translation-memory.jsonl").read_text("utf-8").splitlines()
    assert sorted(memory + moved) == sorted(original)  # nothing lost, line by line
    sources = {json.loads(line)["source"].split(".**")[0]: line in memory for line in original}
    assert sources["**Auental, 18. Juni 2021"] is False  # the sample's press release only
    assert sources["**Auf Augenhöhe"] is True  # also in the knowledge base (onboarding)
    assert (
        (SAMPLE / SAMPLE_FOLDER / "press/anniversary-press-release-2021.de.md")
        .read_text("utf-8")
        .count("**Auental, 18. Juni 2021.**")
    )


def test_partnership_and_hosts_are_written(started):
    partnership = (started / TANGA / "partnership.yml").read_text("utf-8")
    assert "name: Stadt Bergheim" in partnership and "since: 2001" in partnership
    hosts = {host.name: host for host in load_hosts(started)}
    assert list(hosts) == ["bergheim", "tanga"]
    assert hosts["bergheim"].default_language == "de"
    assert hosts["bergheim"].privacy_policy == "https://www.bergheim.example/datenschutz/"
    assert (hosts["tanga"].municipality, hosts["tanga"].default_language) == (
        "Tanga City Council",
        "en",
    )


def test_the_empty_archive_passes_check_and_builds_strictly(started, tmp_path):
    result = check(started)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("0 errors, 0 warnings")
    project = shutil.copytree(started, tmp_path / "empty")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    overview = soup(build.site / "partnerships/bergheim-tanga/index.html")
    assert "Bergheim" in overview.title.string
    assert soup(build.site / "index.html").html["lang"] == "de"  # bergheim is the first host


def test_answers_can_be_piped_in(tmp_path):
    project = repository_copy(tmp_path / "archive")
    answers = [
        "Gemeinde Lindau", "DE", "de", "",  # municipality 1, no website
        "Kivu Town", "TZ", "en", "",
        "",  # languages: de,en
        "2015",
        "", "",  # the names in German and English: the default
        "lindau-kivu",
        "lindau", "https://www.lindau.example/partnerschaft/", "", "",  # Lindau's site
        "-",  # Kivu does not publish one
    ]  # fmt: skip
    result = new(project, "archive", stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert [host.name for host in load_hosts(project)] == ["lindau"]
    assert (project / "partnerships/lindau-kivu/partnership.yml").is_file()
    assert check(project).returncode == 0


def test_remove_sample_deletes_it(tmp_path):
    project = repository_copy(tmp_path / "archive")
    result = new(project, "archive", *ARCHIVE_FLAGS, "--remove-sample")
    assert result.returncode == 0, result.stderr
    assert not (project / SAMPLE_FOLDER).exists() and not (project / "sample-archive").exists()
    assert "entries of translation-memory.jsonl that only the sample used" in result.stdout
    kept = (project / "translation-memory.jsonl").read_text("utf-8").splitlines()
    original = (SAMPLE / "translation-memory.jsonl").read_text("utf-8").splitlines()
    assert 0 < len(kept) < len(original) and set(kept) < set(original)
    assert check(project).returncode == 0


def test_an_archive_is_started_only_once(started):
    before = tree(started)
    result = new(started, "archive", *ARCHIVE_FLAGS)
    assert result.returncode == 2
    assert "already has partnerships (bergheim-tanga)" in result.stderr
    assert "Traceback" not in result.stderr and tree(started) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--host", "bergheim"), "--host: give it once per --municipality (2 times)"),
        (("--host", "-", "--host", "-"), "at least one municipality must publish the site"),
        (("--host", "x;not-an-address", "--host", "-"), "--host:"),
        (("--host", "same", "--host", "same"), "two hosts are called 'same'"),
    ],
)
def test_mistakes_change_nothing(tmp_path, extra, message):
    project = repository_copy(tmp_path / "archive")
    before = tree(project)
    flags = [flag for flag in ARCHIVE_FLAGS[:8]]  # the municipalities, since and slug
    result = new(project, "archive", *flags, *extra)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert tree(project) == before


def test_the_knowledge_base_links_no_particular_partnership():
    """Without the sample it must stay correct: the partnership list, never one partnership."""
    # docs/kb/ only: a municipality may well link its own partnership from its home page.
    texts: dict[str, str] = {}
    archive, _ = load_archive(REPO, archive_languages(REPO), texts)
    targets = site_targets(archive)
    linked = {
        (path, link.target)
        for path, text in texts.items()
        if path.startswith("docs/kb/")
        for link in links(text)
        if resolve(path, link.target, targets).path.startswith("partnerships/")
        and resolve(path, link.target, targets).path != "partnerships/index"
    }
    assert linked == set()


# --- a coordinator's documents in three languages --------------------------------------


def write_documents(project: Path) -> None:
    """Copied in as a web editor would save them: one file with CRLF, one with a BOM."""
    for folder in ("bergheim-tanga", "bergheim-esteli"):
        shutil.copytree(FIXTURES / "own-archive" / folder, project / "partnerships" / folder,
                        dirs_exist_ok=True)  # fmt: skip
    minutes = project / TANGA / "protokoll-2024.en.md"
    minutes.write_bytes(minutes.read_bytes().replace(b"\n", b"\r\n"))
    agreement = project / TANGA / "partnerschaftsvertrag.de.md"
    agreement.write_bytes(b"\xef\xbb\xbf" + agreement.read_bytes())
    home = project / "docs/index.de.md"
    home.write_text(
        home.read_text("utf-8")
        + "\nUnser [Vertrag](../partnerships/bergheim-tanga/partnerschaftsvertrag.de.md#zweck).\n",
        "utf-8",
    )


def make_machine_mirror(project: Path) -> None:
    """Record the English agreement as the engine records a current machine translation."""
    archive, _ = load_archive(project, archive_languages(project))
    source = archive.item(f"{TANGA}/partnerschaftsvertrag").versions["de"]
    path = project / TANGA / "partnerschaftsvertrag.en.md"
    text = path.read_text("utf-8")
    record = {
        "from": "de",
        "status": "machine",
        "provider": "libre",
        "date": dt.date(2026, 11, 30),
        "source_hash": source.content_hash,
        "text_hash": content_hash(*title_and_body(text)),
    }
    path.write_text(with_translation_record(text, record), "utf-8")


@pytest.fixture(scope="module")
def three_languages(started, tmp_path_factory):
    project = shutil.copytree(started, tmp_path_factory.mktemp("three") / "archive")
    partnership = (
        "partnership", "--municipality", "Stadt Bergheim;DE;de",
        "--municipality", "Alcaldía de Estelí;NI;es", "--since", "1990",
        "--slug", "bergheim-esteli",
    )  # fmt: skip
    assert new(project, *partnership).returncode == 0
    write_documents(project)
    make_machine_mirror(project)
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert ": error:" not in result.stdout, result.stdout
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def local_links(page: Path) -> list[str]:
    html = soup(page)
    found = [tag.get("href") for tag in html.find_all(href=True)]
    found += [tag.get("src") for tag in html.find_all(src=True)]
    return [url for url in found if not urlsplit(url).scheme and not url.startswith("//")]


def follow(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a browser loads for ``url`` on ``page``, and the fragment it scrolls to."""
    base = "http://site/" + page.relative_to(site).as_posix()
    absolute = urlsplit(urljoin(base, url))
    path = unquote(absolute.path).removeprefix("/")
    target = site / path
    if absolute.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, absolute.fragment


def ids_of(page: Path) -> set[str]:
    return {tag["id"] for tag in soup(page).find_all(id=True)}


def test_three_site_languages_from_two_partnerships(three_languages):
    site = three_languages.site
    assert soup(site / "index.html").html["lang"] == "de"
    assert soup(site / "en/index.html").html["lang"] == "en"
    assert soup(site / "es/index.html").html["lang"] == "es"


def test_no_broken_link_in_any_language(three_languages):
    site = three_languages.site
    broken, followed = [], 0
    for page in site_pages(site):
        urls = local_links(page)
        followed += len(urls)
        for url in urls:
            target, fragment = follow(site, page, url)
            if not target.is_file():
                broken.append((page.relative_to(site).as_posix(), url))
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                broken.append((page.relative_to(site).as_posix(), url))
    assert broken == []
    assert followed > 3000  # every page's navigation, selector, assets and text links


def test_feeds_link_to_pages_that_exist(three_languages):
    site = three_languages.site
    for feed in site.rglob("feed.xml"):
        for link in ET.parse(feed).getroot().iter("{http://www.w3.org/2005/Atom}link"):
            target, _ = follow(site, feed, link.get("href"))
            assert target.is_file(), (feed, link.get("href"))


@pytest.mark.parametrize(
    ("lang", "folder", "page_lang"),
    [("de", "", "de"), ("en", "en/", "en"), ("es", "es/", "es")],
)
def test_a_link_by_file_name_leads_to_the_readers_language(
    three_languages, lang, folder, page_lang
):
    """`partnerschaftsvertrag.de.md#zweck` in English minutes, read in each language."""
    site = three_languages.site
    minutes = site / f"{folder}{TANGA}/protokoll-2024/index.html"
    link = next(a for a in soup(minutes).select("article a") if "purpose" in a.get_text())
    target, fragment = follow(site, minutes, link["href"])
    assert target == site / f"{folder}{TANGA}/partnerschaftsvertrag/index.html"
    assert fragment == "zweck" and "zweck" in ids_of(target)
    assert soup(target).html["lang"] == page_lang


def test_mirrors_fallbacks_and_the_parallel_view_link_to_the_readers_language(three_languages):
    site = three_languages.site
    # The English machine mirror: its link to the Spanish minutes stays in English.
    mirror = site / f"en/{TANGA}/partnerschaftsvertrag/index.html"
    assert soup(mirror).select_one(".archive-machine, .admonition, [class*=machine]") is not None
    acta = next(a for a in soup(mirror).select("article a") if "Estelí" in a.get_text())
    assert follow(site, mirror, acta["href"])[0] == site / f"en/{ESTELI}/acta-2024/index.html"
    # The Spanish fallback copy of the German agreement, and of the English minutes.
    fallback = site / f"es/{TANGA}/partnerschaftsvertrag/index.html"
    minutes = next(a for a in soup(fallback).select("article a") if a.get_text() == "Protokoll")
    assert follow(site, fallback, minutes["href"]) == (
        site / f"es/{TANGA}/protokoll-2024/index.html",
        "decisions",
    )
    # The parallel view, read in Spanish: both columns lead to Spanish pages.
    parallel = site / f"es/{TANGA}/partnerschaftsvertrag.parallel/index.html"
    hrefs = [a["href"] for a in soup(parallel).select(".archive-parallel__cell a[href]")]
    targets = {follow(site, parallel, href)[0].relative_to(site).parts[0] for href in hrefs}
    assert hrefs and targets == {"es"}


def test_windows_line_endings_and_a_byte_order_mark_are_read(three_languages):
    staged = three_languages.project / ".cache/site-sources"
    for lang in ("de", "en", "es"):
        for name in ("protokoll-2024", "partnerschaftsvertrag"):
            data = (staged / TANGA / f"{name}.{lang}.md").read_bytes()
            assert data.startswith(b"---\n") and b"\r" not in data, (name, lang)
    german = soup(three_languages.site / f"{TANGA}/partnerschaftsvertrag/index.html")
    assert (
        german.select_one("article h1").get_text(strip=True).startswith("„Partnerschaftsvertrag“")
    )
    assert (
        "Decisions"
        in soup(three_languages.site / f"en/{TANGA}/protokoll-2024/index.html")
        .select_one("article h2")
        .get_text()
    )
