"""The bundled sample archive, built with `mkdocs build --strict`: what a reader gets."""

from __future__ import annotations

import html
import re

import pytest
from builds import SAMPLE
from site_helpers import (
    FOLDERS,
    language_links,
    page_path,
    resolve,
    search,
    search_index_for,
    soup,
)

from partnership_archive.loading import load_archive
from partnership_archive.model import version_path

LANGUAGES = ("de", "en")
ARCHIVE, FINDINGS = load_archive(SAMPLE, LANGUAGES)
PUBLIC = [d for d in ARCHIVE.documents if d.is_public]
INTERNAL = [d for d in ARCHIVE.documents if not d.is_public]


def test_sample_archive_is_valid_and_complete():
    assert FINDINGS == []
    assert len(ARCHIVE.partnerships) >= 1
    types = {d.type for d in ARCHIVE.documents}
    assert len(ARCHIVE.documents) >= 8 and len(types) == 10
    assert INTERNAL, "the sample needs an internal document"
    assert {d.source.lang for d in ARCHIVE.documents} == set(LANGUAGES), "sources in both languages"
    assert all(set(d.languages) == set(LANGUAGES) for d in ARCHIVE.documents), "every mirror exists"


def test_build_is_clean(sample_build):
    assert "WARNING" not in sample_build.output
    assert "Unhandled file case" not in sample_build.output


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_document_has_a_page_in_every_language(sample_build, lang):
    missing = [
        d.site_key for d in PUBLIC if not page_path(sample_build.site, lang, d.site_key).is_file()
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_declare_their_language(sample_build, lang):
    for document in PUBLIC:
        page = soup(page_path(sample_build.site, lang, document.site_key))
        assert page.html["lang"] == lang
        assert document.title(lang) in page.title.string


def test_language_selector_leads_to_the_same_document(sample_build):
    site = sample_build.site
    for document in PUBLIC:
        german = page_path(site, "de", document.site_key)
        english = page_path(site, "en", document.site_key)
        assert language_links(site, german)["en"] == english
        assert language_links(site, english)["de"] == german


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_lists_exactly_the_partnerships_documents(sample_build, lang):
    site = sample_build.site
    for partnership in ARCHIVE.partnerships:
        overview = page_path(site, lang, f"{partnership.folder}/index")
        rows = soup(overview).select("article table tbody tr")
        linked = {
            resolve(site, overview, a["href"])
            for row in rows
            for a in row.select("td a[href]")
            if not a["href"].startswith(("http", "mailto"))
        }
        expected = {
            page_path(site, lang, d.site_key) for d in PUBLIC if d.partnership == partnership.slug
        }
        assert linked == expected


def test_overview_groups_by_type_newest_first(sample_build):
    overview = page_path(sample_build.site, "en", f"{ARCHIVE.partnerships[0].folder}/index")
    for table in soup(overview).select("article table"):
        dates = [row.td.get_text() for row in table.select("tbody tr")]
        if dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0]):
            assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_documents_in_the_readers_language_only(sample_build, lang):
    site = sample_build.site
    some_page = page_path(site, lang, PUBLIC[0].site_key)
    index_file, index = search_index_for(site, some_page)
    assert index_file.parent.parent == site.joinpath(FOLDERS[lang]).resolve() or (
        index_file.parent.parent == site.joinpath(FOLDERS[lang])
    )
    assert index["config"]["lang"] == [lang]
    located = {resolve(site, index_file.parent.parent / "x", e["location"]) for e in index["docs"]}
    for path in located:
        assert soup(path).html["lang"] == lang, f"{path} is not a {lang} page"
    for document in PUBLIC:
        hits = search(index, document.title(lang))
        target = page_path(site, lang, document.site_key)
        assert any(resolve(site, index_file.parent.parent / "x", hit) == target for hit in hits)


RESOURCE_ATTRIBUTES = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
    "source": "src",
    "embed": "src",
    "object": "data",
    "link": "href",
}
NOT_LOADED_LINKS = {"alternate", "canonical", "prev", "next"}


def test_no_page_loads_anything_from_another_host(sample_build):
    foreign = []
    for path in sample_build.site.rglob("*.html"):
        for tag_name, attribute in RESOURCE_ATTRIBUTES.items():
            for tag in soup(path).find_all(tag_name):
                if tag_name == "link" and NOT_LOADED_LINKS & set(tag.get("rel", [])):
                    continue
                url = tag.get(attribute, "")
                if re.match(r"^(https?:)?//", url):
                    foreign.append(f"{path}: <{tag_name} {attribute}={url}>")
    for path in sample_build.site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", path.read_text("utf-8")):
            foreign.append(f"{path}: url({url})")
    assert foreign == []


def _phrases(text: str) -> list[str]:
    """Distinctive pieces of a file's text: cells and lines of ten characters or more."""
    body = text.split("\n---\n", 1)[-1]
    pieces = re.split(r"\s*\|\s*|\n", body)
    return [p.strip(" -*#") for p in pieces if len(p.strip(" -*#")) >= 10]


def _public_sources() -> str:
    """Everything the public may read anyway: public documents and knowledge pages."""
    versions = [v for d in PUBLIC for v in d.versions.values()]
    versions += [v for page in ARCHIVE.knowledge for v in page.versions.values()]
    return "\n".join((SAMPLE / v.path).read_text("utf-8") for v in versions)


def test_internal_documents_leave_no_trace_in_the_public_site(sample_build):
    # The internal text: every cell and line, except what public documents say too
    # (a public minutes page may well name a person who is also on the contact list).
    public = _public_sources()
    secrets = set()
    for document in INTERNAL:
        for version in document.versions.values():
            secrets.add(version.title)
            secrets.update(_phrases((SAMPLE / version.path).read_text("utf-8")))
    secrets = {s for s in secrets if s not in public}
    for partnership in ARCHIVE.partnerships:
        secrets.update(c.email for c in partnership.contacts if not c.public and c.email)
    for marker in ("Mobilnummer privat", "private mobile number"):
        assert any(marker in s for s in secrets), f"the sample's internal marker {marker!r}"
    variants = {v for s in secrets for v in (s, html.escape(s), html.escape(s, quote=False))}
    leaks = []
    for path in sample_build.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            leaks += [f"{path}: {v!r}" for v in variants if v.encode("utf-8") in data]
    assert leaks == []


def test_internal_document_files_are_not_even_staged(sample_build):
    staged = sample_build.project / ".cache" / "site-sources"
    for document in INTERNAL:
        for lang in LANGUAGES:
            assert not (staged / version_path(document.site_key, lang)).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sidebar_leads_to_overviews_not_to_every_document(sample_build, lang):
    site = sample_build.site
    page = page_path(site, lang, PUBLIC[0].site_key)
    sidebar = {
        resolve(site, page, a["href"]) for a in soup(page).select("nav.md-nav--primary a[href]")
    }
    documents = {page_path(site, lang, d.site_key) for d in PUBLIC}
    overviews = {page_path(site, lang, f"{p.folder}/index") for p in ARCHIVE.partnerships}
    knowledge = {page_path(site, lang, k.site_key) for k in ARCHIVE.knowledge}
    assert sidebar & documents == set()
    assert overviews <= sidebar
    assert knowledge <= sidebar


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_resilience_self_check_is_rendered_from_partnership_yml(sample_build, lang):
    partnership = ARCHIVE.partnerships[0]
    page_file = page_path(sample_build.site, lang, f"{partnership.folder}/resilience")
    page = soup(page_file)
    rows = page.select("article table tbody tr")
    assert len(rows) == 20  # every trait, assessed or not
    assessed = {k for k, v in partnership.self_assessment.items() if v.get("status")}
    assert len(assessed) == 10
    overview = page_path(sample_build.site, lang, f"{partnership.folder}/index")
    links = {
        resolve(sample_build.site, overview, a["href"]) for a in soup(overview).select("article a")
    }
    assert page_file in links
    # the chart needs no script: the page has exactly the scripts every page has
    assert len(page.select("script")) == len(soup(overview).select("script"))
    assert not page.select("article script")


def test_health_check_and_build_agree_on_the_generated_pages(sample_build):
    from partnership_archive.site_sources import generated_keys

    staged = sample_build.project / ".cache/site-sources"
    built = {
        str(path.relative_to(staged)).rsplit(".", 2)[0]
        for path in staged.rglob("*.md")
        if path.name.endswith(".de.md")
    }
    documents = {d.site_key for d in PUBLIC} | {k.site_key for k in ARCHIVE.knowledge}
    assert built - documents == generated_keys(ARCHIVE.public())


@pytest.mark.parametrize(
    ("lang", "name"), [("de", "Partnerschaftsarchiv"), ("en", "Partnership archive")]
)
def test_the_home_page_title_is_the_site_name_once(sample_build, lang, name):
    assert soup(page_path(sample_build.site, lang, "index")).title.string == name


def test_sitemap_xml_is_a_small_index_of_one_sitemap_per_language(sample_build):
    """Material fetches sitemap.xml on every page load: it must not list every page."""
    site = sample_build.site
    index = (site / "sitemap.xml").read_text("utf-8")
    assert "<url>" not in index and len(index) < 1000
    assert re.findall(r"<loc>([^<]*)</loc>", index) == ["sitemap-de.xml", "sitemap-en.xml"]
    english = (site / "sitemap-en.xml").read_text("utf-8")
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in (site / "en").rglob("index.html")}
    assert set(re.findall(r"<loc>([^<]*)</loc>", english)) == pages
    agreement = "en/partnerships/auental-mlima/agreements/partnership-agreement/"
    entry = re.search(rf"<url><loc>{agreement}</loc>(.*?)</url>", english).group(1)
    assert (
        'hreflang="de" href="partnerships/auental-mlima/agreements/partnership-agreement/"' in entry
    )
