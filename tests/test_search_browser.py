"""Search as a reader uses it: a real Chromium types into the header's search box on the
site served over HTTP, and we read the results it shows and the files it fetched."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser import chromium, search, served

VISIT = "partnerships/lindau-kivu/minutes/2024-02-01-visit/"  # written in English only


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def paths(base: str, found) -> list[str]:
    return [urlsplit(link).path.removeprefix(urlsplit(base).path) for link, _ in found.results]


@pytest.mark.parametrize(
    ("page", "query", "folder", "hit"),
    [
        ("partnerships/auental-mlima/", "Trinkwasser", "", "partnerships/auental-mlima/"),
        ("en/partnerships/auental-mlima/", "boreholes", "en/", "en/partnerships/auental-mlima/"),
    ],
)
def test_search_finds_pages_of_the_readers_language_only(
    sample_build, browser, page, query, folder, hit
):
    with served(sample_build.site) as base:
        found = search(browser, base + page, query)
    found_paths = paths(base, found)
    assert found_paths, found.meta
    assert any(path.startswith(hit) for path in found_paths), found_paths
    for path in found_paths:
        assert path.startswith(folder) and (folder or not path.startswith("en/")), path


def test_a_result_shown_in_its_original_language_says_so(basic_build, browser):
    with served(basic_build.site) as base:
        german = search(browser, base + "partnerships/lindau-kivu/", "boreholes")
        english = search(browser, base + "en/partnerships/lindau-kivu/", "boreholes")
    assert ("/" + VISIT, "Minutes of the visit (Englisch)") in [
        (urlsplit(link).path, title) for link, title in german.results
    ]
    assert [title for _, title in english.results] == ["Minutes of the visit"]


def test_a_word_is_found_by_its_beginning_whatever_its_case(basic_build, browser):
    with served(basic_build.site) as base:
        found = search(browser, base + "partnerships/lindau-kivu/", "ZISTERNE")
    assert [title for _, title in found.results] == ["Protokoll der Sitzung"]


def test_nothing_of_the_index_loads_before_a_reader_searches(sample_build, browser):
    with served(sample_build.site) as base:
        found = search(browser, base + "en/", "water")
    assert not [url for url in found.fetched_before if "/search/archive/" in url]
    stub = (sample_build.site / "en/search/search_index.json").stat().st_size
    assert stub < 1000, "the index Material fetches on page load must stay a stub"
    archive = [url for url in found.fetched_for_search if "/search/archive/" in url]
    assert archive and all(url.startswith(base + "en/search/archive/") for url in archive)
