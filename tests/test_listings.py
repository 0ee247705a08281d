"""Latest documents, tags, topics, timelines and feeds, on the built sample site."""

from __future__ import annotations

import posixpath
from xml.etree import ElementTree as ET

import pytest
from builds import SAMPLE
from site_helpers import FOLDERS, page_path, resolve, soup

from partnership_archive.listings import newest_first, tag_anchor
from partnership_archive.loading import load_archive

ARCHIVE, _ = load_archive(SAMPLE, ["de", "en"])
PUBLIC = ARCHIVE.public()
ATOM = "{http://www.w3.org/2005/Atom}"


def linked_pages(site, page) -> list:
    return [resolve(site, page, a["href"]) for a in soup(page).select("article td a[href]")]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_latest_documents_newest_first_across_partnerships(sample_build, lang):
    page = page_path(sample_build.site, lang, "latest")
    documents = [p for p in linked_pages(sample_build.site, page) if "/partnerships/" in str(p)]
    expected = [
        page_path(sample_build.site, lang, d.site_key) for d in newest_first(PUBLIC.documents)
    ]
    overviews = {
        page_path(sample_build.site, lang, f"{p.folder}/index") for p in PUBLIC.partnerships
    }
    assert [p for p in documents if p not in overviews] == expected


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_tag_lists_its_public_documents(sample_build, lang):
    page_file = page_path(sample_build.site, lang, "tags")
    page = soup(page_file)
    for tag in sorted({t for d in PUBLIC.documents for t in d.tags}):
        heading = page.select_one(f"h2#{tag_anchor(tag)}")
        assert heading is not None and heading.get_text(strip=True).rstrip("¶") == tag
        table = heading.find_next("table")
        linked = {
            resolve(sample_build.site, page_file, a["href"])
            for a in table.select("td:nth-of-type(2) a")
        }
        assert linked == {
            page_path(sample_build.site, lang, d.site_key)
            for d in PUBLIC.documents
            if tag in d.tags
        }
    internal_tags = {t for d in ARCHIVE.documents if not d.is_public for t in d.tags} - {
        t for d in PUBLIC.documents for t in d.tags
    }
    for tag in internal_tags:
        assert page.select_one(f"h2#{tag_anchor(tag)}") is None


def test_timeline_has_milestones_and_documents_by_year(sample_build):
    partnership = PUBLIC.partnerships[0]
    page = soup(page_path(sample_build.site, "en", f"{partnership.folder}/timeline"))
    years = [h2.get_text(strip=True).rstrip("¶") for h2 in page.select("article h2")]
    expected = sorted(
        {d.date.year for d in PUBLIC.documents} | {m.date.year for m in partnership.milestones},
        reverse=True,
    )
    assert years == [str(y) for y in expected]
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Milestone: Partnership agreement signed in Auental" in text


def test_topics_link_to_the_partnerships(sample_build):
    page_file = page_path(sample_build.site, "de", "topics")
    topics = [h.get_text(strip=True).rstrip("¶") for h in soup(page_file).select("article h2")]
    assert "Trinkwasser" in topics


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_language_has_an_atom_feed_of_its_public_documents(sample_build, lang):
    folder = FOLDERS[lang]
    feed_file = sample_build.site.joinpath(folder, "feed.xml")
    feed = ET.parse(feed_file).getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        d.title(lang) for d in newest_first(PUBLIC.documents)
    ]
    for entry in entries:  # links are relative to the feed's folder
        href = entry.find(f"{ATOM}link").get("href")
        target = sample_build.site.joinpath(folder, href, "index.html")
        assert target.is_file(), href
    page = soup(page_path(sample_build.site, lang, PUBLIC.documents[0].site_key))
    link = page.select_one('link[type="application/atom+xml"]')["href"]
    page_folder = page_path(sample_build.site, lang, PUBLIC.documents[0].site_key).parent
    assert (page_folder / link).resolve() == feed_file.resolve()
    assert posixpath.basename(link) == "feed.xml"
