"""A hostile or compromised provider cannot put anything on the site but text.

A fixture archive written the way a coordinator writes (typographic quotes, Windows
line endings, an admonition, a table, tabs, a footnote, an image) is translated by
the loopback server while it injects markup into every answer: into English through
Google's endpoint (``⟦n⟧``: the payload arrives as plain text, with a leading ``# ``),
into French through LibreTranslate (HTML: the payload arrives as raw tags). Then the
real site is built with ``mkdocs build --strict`` and every page, search index and
feed it produced is searched for anything the provider created.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from builds import FIXTURES, make_project, mkdocs_build, run_script

PAYLOAD = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> [x](javascript:alert(2)) '
    "![x](http://other.host/p.png) !!! danger {: onclick=alert(3) } &lt;b&gt; “curled”"
)
MINUTES = "partnerships/auental-mbeya/minutes/2025-03-12-lenkungsgruppe"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from fake_providers import serve  # the fake server of tests/translation

    project = make_project(tmp_path_factory.mktemp("hostile"), FIXTURES / "translation")
    with serve() as fake:
        options = {"endpoint": fake.url, "timeout": 2, "attempts": 1}
        settings = {"provider": "libre", "memory": "memory.jsonl"}
        settings["providers"] = {"libre": options, "google": options}
        (project / "translation.yml").write_text(yaml.safe_dump(settings), "utf-8")
        fake.faults.inject_text, fake.faults.prepend = PAYLOAD, "# "
        english = run_script("translate.py", project, "--provider", "google", "--to", "en")
        fake.faults.inject_text, fake.faults.prepend = "", ""
        fake.faults.inject = PAYLOAD.replace("&lt;b&gt;", "<b>")
        french = run_script("translate.py", project, "--provider", "libre", "--to", "fr")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return project, build.site, english, french


def test_translate_reports_what_it_kept_and_exits_1(hostile_site) -> None:
    _, _, english, french = hostile_site
    for result in (english, french):
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        kept = [line for line in result.stderr.splitlines() if " kept in German in " in line]
        assert kept, result.stderr
    # The English titles could be markup: refused, kept in German, at their line.
    [title] = [
        line for line in english.stderr.splitlines() if line.startswith(f"{MINUTES}.de.md:2:")
    ]
    assert title.startswith(f"{MINUTES}.de.md:2: kept in German in {MINUTES}.en.md: ")
    assert "the title contains '<', which a page would read as markup" in title
    assert "the provider's answer was refused (text 1: unexpected tag <script>" in french.stderr


def test_plain_text_payloads_are_translated_and_shown_literally(hostile_site) -> None:
    _, site, _, _ = hostile_site
    page = BeautifulSoup((site / "en" / MINUTES / "index.html").read_text("utf-8"), "html.parser")
    text = page.select_one("article").get_text()
    assert '<script>alert("x")</script> <img src=x onerror=alert(1)>' in text
    assert "[x](javascript:alert(2)) ![x](http://other.host/p.png) !!! danger" in text
    assert "&lt;b&gt;" in text  # an entity stays the characters it was sent as
    assert "# (en)" in text  # a leading "# " did not make a heading


def test_no_page_of_the_site_holds_an_element_or_attribute_a_provider_created(
    hostile_site,
) -> None:
    _, site, _, _ = hostile_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30 and (site / "en" / MINUTES / "index.html") in pages
    assert (site / "en" / f"{MINUTES}.parallel" / "index.html") in pages  # the parallel view
    for page in pages:
        assert_inert(BeautifulSoup(page.read_text("utf-8"), "html.parser"), page)
    for document in (MINUTES, "partnerships/auental-mbeya/vertrag"):
        german = headings(site / document / "index.html")
        assert headings(site / "en" / document / "index.html") == german  # no "# " made one
        assert headings(site / "fr" / document / "index.html") == german


def headings(page: Path) -> list[str]:
    html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [h.name for h in html.select("article :is(h1, h2, h3, h4, h5, h6)")]


def test_search_indexes_and_feeds_hold_no_markup_a_provider_created(hostile_site) -> None:
    _, site, _, _ = hostile_site
    indexes = sorted(site.rglob("search_index.json"))
    assert indexes
    for index in indexes:
        for entry in json.loads(index.read_text("utf-8"))["docs"]:
            for field in ("title", "text"):
                assert_inert(BeautifulSoup(entry[field], "html.parser"), f"{index}: {entry}")
    feeds = sorted(site.rglob("*.xml"))
    assert [f for f in feeds if f.name != "sitemap.xml"]
    for feed in feeds:
        for element in ElementTree.parse(feed).iter():
            if element.text and "<" in element.text:  # HTML content of an entry, escaped
                assert_inert(BeautifulSoup(element.text, "html.parser"), feed)


def assert_inert(html: BeautifulSoup, where: object) -> None:
    """Nothing of the payload became an element or an attribute."""
    for element in html.find_all(True):
        for name, value in element.attrs.items():
            values = " ".join(value) if isinstance(value, list) else str(value)
            assert not name.startswith("on"), (where, element)
            assert not values.strip().lower().startswith("javascript:"), (where, element)
            assert "other.host" not in values, (where, element)
        assert "danger" not in element.get("class", []), (where, element)
        if element.name == "script":
            assert "alert" not in (element.string or "") + element.get("src", ""), where
        if element.name == "img":
            assert element.get("src") != "x", (where, element)
        if element.name == "b":
            assert "&lt;" not in element.get_text(), (where, element)
    assert not re.search(r"<script>alert", str(html).replace("&lt;script&gt;", "")), where


def test_incomplete_mirrors_say_so_on_the_page_the_status_page_and_in_check(hostile_site):
    project, site, _, _ = hostile_site
    page = BeautifulSoup((site / "fr" / MINUTES / "index.html").read_text("utf-8"), "html.parser")
    banner = page.select_one(".archive-incomplete-translation")
    assert banner is not None and "langue d’origine (allemand)" in banner.get_text()
    status = site / "partnerships/auental-mbeya/translations/index.html"
    group = BeautifulSoup(status.read_text("utf-8"), "html.parser").select_one("#incomplete")
    table = group.find_next("table")
    assert [th.get_text() for th in table.select("th")][-1] == (
        "Noch nicht übersetzte Zeilen des Originals"
    )
    record = yaml.safe_load((project / f"{MINUTES}.fr.md").read_text("utf-8").split("---")[1])
    lines = ", ".join(map(str, record["translation"]["untranslated"]))
    assert any(row.select("td")[-1].get_text() == lines for row in table.select("tbody tr"))
    check = run_script("translate.py", project, "--check")
    assert check.returncode == 1
    assert f"{MINUTES}.fr.md: incomplete (fr): lines {lines} of {MINUTES}.de.md" in check.stdout
