"""Edge cases on a miniature archive (tests/fixtures/basic): missing languages, internal data."""

from __future__ import annotations

import pytest
from site_helpers import (
    document_rows,
    language_links,
    page_path,
    resolve,
    search,
    search_index_for,
    soup,
)

VISIT = "partnerships/lindau-kivu/minutes/2024-02-01-visit"  # written in English only


def test_a_document_missing_in_a_language_shows_its_original_with_a_note(basic_build):
    page = page_path(basic_build.site, "de", VISIT)
    html = soup(page)
    assert html.html["lang"] == "de"
    note = html.select_one(".archive-fallback").get_text(" ", strip=True)
    assert "nicht auf Deutsch" in note and "Englisch" in note
    original = html.select_one('div[lang="en"]')
    assert "boreholes near the market" in original.get_text()


def test_the_original_itself_has_no_note(basic_build):
    html = soup(page_path(basic_build.site, "en", VISIT))
    assert html.select_one(".archive-fallback") is None
    assert "boreholes" in html.select_one("article").get_text()


def test_language_selector_on_a_fallback_page(basic_build):
    german = page_path(basic_build.site, "de", VISIT)
    assert language_links(basic_build.site, german)["en"] == page_path(
        basic_build.site, "en", VISIT
    )


def test_overview_names_the_languages_a_document_exists_in(basic_build):
    overview = page_path(basic_build.site, "de", "partnerships/lindau-kivu/index")
    rows = {cells[1]: cells[2] for cells in document_rows(overview)}
    assert rows == {
        "Partnerschaftsvertrag": "Deutsch (Original), Englisch",
        "Minutes of the visit": "Englisch (Original)",
        "Protokoll der Sitzung": "Deutsch (Original), Englisch",
        "Ansprechpersonen": "Deutsch (Original)",
    }


def test_only_public_contacts_are_published(basic_build):
    overview = soup(page_path(basic_build.site, "en", "partnerships/lindau-kivu/index")).get_text()
    assert "Erika Publik" in overview
    everything = b"".join(p.read_bytes() for p in basic_build.site.rglob("*") if p.is_file())
    assert b"Geheim Person" not in everything and b"geheim@kivu" not in everything


def test_internal_document_marker_appears_nowhere(basic_build):
    for path in basic_build.site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"QX7-VERTRAULICH" not in data, path
            assert b"Vertrauliche Haushaltsplanung" not in data, path


def test_search_from_an_english_page_finds_english_text(basic_build):
    page = page_path(basic_build.site, "en", "partnerships/lindau-kivu/agreement")
    _, index = search_index_for(basic_build.site, page)
    assert search(index, "drinking water wells") == ["partnerships/lindau-kivu/agreement/"]
    assert search(index, "Trinkwasserbrunnen") == []


def test_search_from_a_german_page_finds_german_text(basic_build):
    page = page_path(basic_build.site, "de", "partnerships/lindau-kivu/agreement")
    _, index = search_index_for(basic_build.site, page)
    assert search(index, "Trinkwasserbrunnen") == ["partnerships/lindau-kivu/agreement/"]
    assert search(index, "drinking water wells") == []


def test_search_labels_a_page_shown_in_its_original_language(basic_build):
    page = page_path(basic_build.site, "de", VISIT)
    _, index = search_index_for(basic_build.site, page)
    titles = {e["title"] for e in index["docs"] if e["location"] == f"{VISIT}/"}
    assert titles == {"Minutes of the visit (Englisch)"}


AGREEMENT = "partnerships/lindau-kivu/agreement"


@pytest.mark.parametrize(
    ("lang", "title"), [("de", "Signiertes Original"), ("en", "Signed original")]
)
def test_attachments_are_listed_with_type_and_size(basic_build, lang, title):
    page = page_path(basic_build.site, lang, AGREEMENT)
    items = soup(page).select("article h2#attachments + ul li")
    assert [item.get_text(" ", strip=True) for item in items] == [f"{title} (PDF, 1 kB)"]
    target = resolve(basic_build.site, page, items[0].a["href"]).parent
    assert target.name == "agreement-signed.pdf" and target.read_bytes().startswith(b"%PDF-")


def test_the_overview_counts_attachments(basic_build):
    overview = page_path(basic_build.site, "en", "partnerships/lindau-kivu/index")
    counts = {cells[1]: cells[3] for cells in document_rows(overview)}
    assert counts["Partnership agreement"] == "1"
    assert counts["Minutes of the visit"] == ""


def test_attachments_and_photos_of_internal_things_are_not_published(basic_build):
    files = {p.name for p in basic_build.site.rglob("*") if p.is_file()}
    assert "agreement-signed.pdf" in files and "erika.svg" in files
    assert "budget-QX7.csv" not in files
    assert "geheim.svg" not in files  # the photo of a contact not marked public


def test_contact_cards_show_public_people_only(basic_build):
    page = soup(page_path(basic_build.site, "de", "partnerships/lindau-kivu/contacts"))
    cards = page.select(".archive-contact")
    assert [card.strong.get_text() for card in cards] == ["Erika Publik"]
    assert cards[0].img["alt"] == "Foto von Erika Publik"
    overview = soup(page_path(basic_build.site, "en", "partnerships/lindau-kivu/index"))
    assert [c.strong.get_text() for c in overview.select(".archive-contact")] == ["Erika Publik"]
    everything = b"".join(p.read_bytes() for p in basic_build.site.rglob("*") if p.is_file())
    assert b"Heimlich Privat" not in everything and b"heimlich@lindau" not in everything


def test_each_language_has_its_own_404_page_and_the_root_one_is_the_default(basic_build):
    root = soup(basic_build.site / "404.html")
    english = soup(basic_build.site / "en/404.html")
    assert root.html["lang"] == "de" and english.html["lang"] == "en"
    assert root.h1.get_text() == "Seite nicht gefunden"
    assert english.h1.get_text() == "Page not found"
    assert root.select_one("article a")["href"] == "/"  # its language's home
    assert english.select_one("article a")["href"] == "/en/"
    for page in (root, english):  # the language selector leads to the other 404 page
        links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link")}
        assert links == {"de": "/404.html", "en": "/en/404.html"}
        assert page.select_one("a.md-skip")["href"] == "#__title" == f"#{page.h1['id']}"
        # (Material would fetch a sitemap.xml next to each language link in the head.)
        assert page.select("link[hreflang]") == []
