"""What every page of the three-language site says, read from the HTML it is built of:
the words of each language, the `lang` of what is in another one, the title first, the
notes under it. The site is tests/test_site_audit.py's (the sample plus
tests/fixtures/reader, built by scripts/build.py); the browser tests see the same pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from partnership_archive.labels import labels, language_name

FOLDERS = {"de": "", "en": "en/", "es": "es/"}
MACHINE = {  # machine translations of the fixture, by the language they are shown in
    "de": "partnerships/weidenfeld-santa-lucia/actas/2025-02-14-comision/",
    "en": "en/partnerships/talbach-nyota/aktionsplan-2025/",
}


def read(site: Path, address: str) -> BeautifulSoup:
    path = site / address / "index.html" if not address.endswith(".html") else site / address
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def pages(reader_site) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(reader_site).as_posix(): BeautifulSoup(
            path.read_text("utf-8"), "html.parser"
        )
        for path in sorted(reader_site.rglob("*.html"))
    }


def language_of(element) -> str:
    return element.find_parent(attrs={"lang": True}).get("lang") if element.parent else ""


def test_a_language_named_in_the_readers_language_is_not_marked_as_another(pages):
    """ "Englisch" on a German page is German: `lang="en"` would have it read as English."""
    wrong = []
    for name, page in pages.items():
        lang = page.html["lang"]
        names = {language_name(code, lang) for code in FOLDERS}
        for element in page.select("article [lang], .md-select [lang]"):
            text = element.get_text(" ", strip=True)
            if element["lang"] != lang and text in names:
                wrong.append(f"{name}: <{element.name} lang={element['lang']}>{text}")
    assert not wrong, "\n".join(wrong[:20])


def test_the_language_selector_names_each_language_in_itself(pages):
    for page in pages.values():
        links = page.select("a.md-select__link")
        assert [(a["lang"], a.get_text(strip=True)) for a in links] == [
            ("de", "Deutsch"),
            ("en", "English"),
            ("es", "Español"),
        ]
        assert all(a["lang"] == a["hreflang"] for a in links)


def test_every_page_skips_to_its_title(pages):
    for name, page in pages.items():
        skip = page.select_one("a.md-skip")
        assert skip is not None and skip["href"] == "#__title", name
        target = page.select("#__title")
        assert [element.name for element in target] == ["h1"], name
        assert target[0].get_text(strip=True), name


@pytest.mark.parametrize("lang", MACHINE)
def test_a_machine_translation_says_so_under_its_title_before_anything_else(reader_site, lang):
    article = read(reader_site, MACHINE[lang]).select_one("article")
    first = [child for child in article.find_all(recursive=False) if child.name != "a"][:3]
    assert [child.name for child in first] == ["h1", "div", "dl"]
    notice = first[1]
    assert "archive-machine-translation" in notice["class"] and "warning" in notice["class"]
    assert notice.select_one(".admonition-title").get_text() == labels(lang)["states"]["machine"]
    assert notice.a["hreflang"]  # to the original


def test_the_facts_say_side_by_side_once(pages):
    for name, page in pages.items():
        for pair in page.select(".archive-facts > div"):
            assert pair.dt.get_text(strip=True) != pair.dd.get_text(strip=True), name
    facts = (
        pages[f"{MACHINE['en']}index.html"].select_one(".archive-facts").get_text(" ", strip=True)
    )
    assert facts.endswith(
        "Available in German (original), English · Compare the versions side by side"
    )


def generated(site: Path, lang: str, page: str) -> BeautifulSoup:
    return read(site, f"{FOLDERS[lang]}{page}").select_one("article")


def test_spanish_generated_pages_are_in_spanish(reader_site):
    words = labels("es")
    status = generated(reader_site, "es", "partnerships/weidenfeld-santa-lucia/translations/")
    headings = [h2.get_text(strip=True).rstrip("¶") for h2 in status.select("h2")]
    assert headings and set(headings) <= set(words["states"].values())
    assert status.find("p", string=words["translation_status_intro"])
    resilience = generated(reader_site, "es", "partnerships/weidenfeld-santa-lucia/resilience/")
    parts = [h2.get_text(strip=True).rstrip("¶") for h2 in resilience.select("h2")]
    assert parts[0] == words["resilience"]["summary"]
    assert parts[1:] == [
        "1. Unidos de forma sostenible",
        "2. Anclados de forma sostenible",
        "3. En intercambio sostenible",
        "4. Seguir siendo sostenibles",
    ]
    # trait texts exist in German and English only: marked as English
    assert resilience.select("td span[lang=en]")


@pytest.mark.parametrize("lang", ["de", "es"])
@pytest.mark.parametrize(
    "page", ["latest/", "tags/", "topics/", "partnerships/", "partnerships/talbach-nyota/"]
)
def test_generated_pages_use_no_english_words_in_another_language(reader_site, lang, page):
    """(Before every label existed in Spanish, the Spanish site fell back to English.)
    Phrases only: a single English word may be a name ("Kivu Town")."""
    english = {
        key: text
        for key, text in labels("en").items()
        if isinstance(text, str) and " " in text and labels(lang)[key] != text
    }
    article = generated(reader_site, lang, page).get_text(" ")
    assert [key for key, text in english.items() if text in article] == []


def test_topics_are_listed_once_and_never_as_ids(reader_site):
    german = generated(reader_site, "de", "topics/")
    topics = [h2.get_text(strip=True).rstrip("¶") for h2 in german.select("h2")]
    assert topics.count("Jugendaustausch") == 1 and "Fairer Handel" in topics
    assert not [topic for topic in topics if re.fullmatch(r"[a-z]+(-[a-z]+)+|[a-z]+", topic)]
    spanish = generated(reader_site, "es", "partnerships/talbach-nyota/")
    listed = [
        (li.get_text(strip=True), li.span and li.span["lang"])
        for li in spanish.select("#topics + ul li")
    ]
    assert listed == [("Jugendaustausch", "de"), ("Fairer Handel", "de")]


@pytest.mark.parametrize("lang", FOLDERS)
def test_each_language_has_a_page_not_found_in_its_words(reader_site, lang):
    page = read(reader_site, f"{FOLDERS[lang]}404.html")
    assert page.html["lang"] == lang
    assert page.h1.get_text() == labels(lang)["not_found_title"]
    assert page.select_one("article a")["href"] == f"/partnerschaft/{FOLDERS[lang]}"
    links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
    assert links == {code: f"/partnerschaft/{folder}404.html" for code, folder in FOLDERS.items()}


def test_no_page_makes_material_fetch_a_sitemap_that_is_not_there(reader_site, pages):
    """Material fetches sitemap.xml next to every <link rel="alternate"> of a page."""
    for name, page in pages.items():
        for link in page.select("head link[rel=alternate]"):
            assert not link.has_attr("hreflang"), name  # translations: sitemaps list them
            target = (reader_site / name).parent / link["href"]
            assert target.resolve().with_name("sitemap.xml").is_file(), (name, link["href"])
    for folder in ("en", "es"):
        index = (reader_site / folder / "sitemap.xml").read_text("utf-8")
        assert "<url>" not in index and f"sitemap-{folder}.xml" in index


def test_the_header_speaks_the_pages_language(pages):
    """A language a partnership brings gets its site name and switch words from labels.yml
    (German and English have theirs in mkdocs.yml)."""
    for name, page in pages.items():
        lang = page.html["lang"]
        site_name = page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True)
        assert site_name == labels(lang)["site_name"], name
        toggles = [option["aria-label"] for option in page.select("input.md-option[aria-label]")]
        assert toggles == [labels(lang)["dark_mode"], labels(lang)["light_mode"]], name
