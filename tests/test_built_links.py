"""Broken links never publish silently: every local href/src of the built site is checked.

``built_links`` is tested on small hand-made sites; the hook on real strict builds,
with defects MkDocs itself does not see (a theme template, a feed, a language folder).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from builds import FIXTURES, make_project, mkdocs_build, run_script

from partnership_archive.built_links import BrokenLink, Memo, broken_links, check_site

FILES = {
    "index.html",
    "en/index.html",
    "kb/about/index.html",
    "en/kb/about/index.html",
    "assets/stylesheets/main.css",
    "partnerships/p/files/signed original.pdf",
    "search/search_index.json",
    "assets/javascripts/workers/search.js",
    "sitemap.xml",
}


def page(body: str) -> bytes:
    return f"<!doctype html><html><head></head><body>{body}</body></html>".encode()


def broken(path: str, body: str, site_url: str | None = None) -> list[tuple[str, str]]:
    return [(b.target, b.missing) for b in broken_links([(path, page(body))], FILES, site_url)]


@pytest.mark.parametrize(
    "body",
    [
        '<a href="../../">home</a> <a href="../../en/kb/about/">English</a>',
        '<a href="../about/#why">same page, other anchor</a> <a href="#top">top</a>',
        "<link rel='stylesheet' href='../../assets/stylesheets/main.css'>",
        '<a href="../../partnerships/p/files/signed%20original.pdf">PDF</a>',
        '<a href="../about">a folder without its slash</a>',
        '<a href="https://example.org/x/">elsewhere</a> <a href="//cdn.example/x.js">cdn</a>',
        '<a href="&#109;&#97;&#105;&#108;&#116;&#111;&#58;a&#64;b.example">obfuscated mail</a>',
        '<a href="tel:+49123">phone</a> <img src="data:image/png;base64,AAAA">',
        '<a href="/">the root</a> <a href="/en/kb/about/?q=1">absolute, with a query</a>',
    ],
)
def test_links_that_resolve(body):
    assert broken("kb/about/index.html", body) == []


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ('<a href="../missing/">x</a>', [("../missing/", "kb/missing/index.html")]),
        ('<img src="photo.jpg">', [("photo.jpg", "kb/about/photo.jpg")]),
        # A language selector entry for a language that was never built.
        ('<a href="../../es/kb/about/" hreflang="es">Español</a>', [("../../es/kb/about/", "es/kb/about/index.html")]),  # noqa: E501
        # Markdown that reached the site unconverted.
        ('<a href="vertrag.de.md#zweck">Vertrag</a>', [("vertrag.de.md#zweck", "kb/about/vertrag.de.md")]),  # noqa: E501
        ('<a href="../../../../etc/passwd">out</a>', [("../../../../etc/passwd", "")]),
    ],
)  # fmt: skip
def test_links_that_do_not(body, found):
    assert broken("kb/about/index.html", body) == found


def test_absolute_links_stay_below_the_sites_address():
    body = '<a href="/partnerschaft/en/">ok</a> <a href="/en/">outside the sub-path</a>'
    assert broken("index.html", body, "https://www.bergheim.example/partnerschaft/") == [
        ("/en/", "")
    ]


def test_full_addresses_of_the_site_itself_are_checked():
    body = (
        '<link rel="canonical" href="https://www.bergheim.example/partnerschaft/kb/about/">'
        '<link rel="alternate" href="https://www.bergheim.example/partnerschaft/es/">'
    )
    assert broken("kb/about/index.html", body, "https://www.bergheim.example/partnerschaft/") == [
        ("https://www.bergheim.example/partnerschaft/es/", "es/index.html")
    ]


def test_sitemap_entries_are_checked():
    sitemap = b"<urlset><url><loc>./</loc></url><url><loc>en/gone/</loc></url></urlset>"
    assert broken_links([("sitemap.xml", sitemap)], FILES) == [
        BrokenLink("sitemap.xml", "en/gone/", "en/gone/index.html")
    ]


def test_a_page_must_find_its_search_index():
    config = (
        '<script id="__config" type="application/json">{"base": "../../en/", '
        '"search": "../../assets/javascripts/workers/search.js"}</script>'
    )
    assert broken("kb/about/index.html", config) == [
        ("../../en/search/search_index.json", "en/search/search_index.json")
    ]


# --- checking again with a memo (the preview's incremental rebuilds) ------------------


def settle(*paths):
    """Give files a time a minute ago: long enough for a memo to trust their stamps."""
    past = time.time_ns() - 60 * 10**9
    for path in paths:
        os.utime(path, ns=(past, past))


def targets(site, memo=None):
    return [(b.page, b.target) for b in check_site(site, None, memo)[1]]


def test_a_memo_finds_what_a_full_check_finds(tmp_path):
    site = tmp_path / "site"
    (site / "kb").mkdir(parents=True)
    home, about = site / "index.html", site / "kb/index.html"
    home.write_bytes(page('<a href="kb/">kb</a>'))
    about.write_bytes(page('<a href="../">home</a>'))
    settle(home, about)
    memo = Memo()
    assert check_site(site, None, memo) == (2, [])
    about.write_bytes(page('<a href="../gone/">gone</a>'))  # rewritten by a rebuild
    assert targets(site, memo) == targets(site) == [("kb/index.html", "../gone/")]
    about.unlink()  # a file fewer: the link to it from an unchanged page is broken now
    assert targets(site, memo) == targets(site) == [("index.html", "kb/")]


def test_a_memo_trusts_settled_stamps_and_forgets_when_the_files_change(tmp_path):
    site = tmp_path / "site"
    (site / "kb").mkdir(parents=True)
    home = site / "index.html"
    (site / "kb/index.html").write_bytes(page(""))
    home.write_bytes(page('<a href="kb/">kb</a>'))
    settle(home)
    memo = Memo()
    assert targets(site, memo) == []
    stamp = home.stat()
    home.write_bytes(page('<a href="xx/">kb</a>'))  # same size, time and inode
    os.utime(home, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert targets(site, memo) == []  # not read again
    (site / "style.css").write_bytes(b"")  # another file: everything is read again
    assert targets(site, memo) == [("index.html", "xx/")]


def test_a_memo_reads_a_file_written_just_now_again(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    home = site / "index.html"
    home.write_bytes(page('<a href="#a">a</a>'))
    memo = Memo()
    assert targets(site, memo) == []
    stamp = home.stat()
    home.write_bytes(page('<a href="b/">b</a>'))  # within a coarse time stamp's resolution
    os.utime(home, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert targets(site, memo) == [("index.html", "b/")]


# --- the hook, on real strict builds ---------------------------------------------------


def with_a_broken_theme_link(project: Path) -> Path:
    """The project with a link to a missing page in its theme, so on every page."""
    template = project / "overrides/main.html"
    text = template.read_text("utf-8")
    template.write_text(
        text.replace("{% block content %}", '{% block content %}<a href="../gone/">x</a>', 1),
        "utf-8",
    )
    return project


def test_a_broken_link_from_the_theme_fails_the_strict_build(tmp_path):
    project = with_a_broken_theme_link(make_project(tmp_path / "p", FIXTURES / "verdict"))
    build = mkdocs_build(project)
    assert build.returncode != 0
    warnings = re.findall(r"WARNING - +archive: built site: (.+)", build.output)
    assert (
        "kb/start/index.html (made from docs/kb/start.de.md) links to '../gone/', "
        "but the site has no kb/gone/index.html" in warnings
    )
    # Every language is checked once, after the last one was built.
    assert "en/kb/start/index.html (made from docs/kb/start.en.md) links to '../gone/', " in (
        "\n".join(warnings)
    )
    assert len(warnings) == len(set(warnings))


def test_a_broken_link_from_the_theme_fails_build_py_too(tmp_path):
    """build.py builds each language in its own process and checks the assembled site."""
    project = with_a_broken_theme_link(make_project(tmp_path / "p", FIXTURES / "verdict"))
    site = tmp_path / "site"
    result = run_script("build.py", project, "-d", str(site))
    assert result.returncode != 0
    assert (
        "built site: kb/start/index.html links to '../gone/', "
        "but the site has no kb/gone/index.html" in result.stderr
    )
    assert "built site: en/kb/start/index.html links to '../gone/'" in result.stderr
    assert not site.exists()  # nothing is published


def test_the_clean_sample_site_has_no_broken_link(sample_build):
    assert "built site:" not in sample_build.output
    assert re.search(r"Checked the links of \d+ pages of the built site", sample_build.output)


def test_an_offline_copy_has_no_broken_link(tmp_path):
    """Offline pages end in .html; the feeds and the sitemap had links for directory URLs."""
    project = make_project(tmp_path / "p", FIXTURES / "verdict")
    result = run_script("build.py", project, "--offline", "-d", str(tmp_path / "offline"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "built site:" not in result.stderr
    feed = (tmp_path / "offline/en/feed.xml").read_text("utf-8")
    assert 'href="partnerships/bergheim-tanga/protokoll-2024.html"' in feed
    assert "None" not in (tmp_path / "offline/sitemap.xml").read_text("utf-8")
