"""The site's languages follow its partnerships: a Spanish-speaking partner adds Spanish."""

from __future__ import annotations

import pytest
from builds import FIXTURES, make_project, mkdocs_build
from site_helpers import read_index, search, soup

from partnership_archive.site_config import site_languages


def test_partnership_languages_extend_the_configured_ones():
    assert site_languages(["de", "en"], ["de", "es", "en", "uk"]) == ["de", "en", "es", "uk"]


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("es"), FIXTURES / "spanish")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build


def test_spanish_pages_exist_for_every_document(spanish_build):
    es = spanish_build.site / "es"
    acta = soup(es / "partnerships/lindau-esteli/acta-2024/index.html")
    assert acta.html["lang"] == "es"
    assert acta.select_one(".archive-fallback") is None
    agreement = soup(es / "partnerships/lindau-kivu/agreement/index.html")
    note = agreement.select_one(".archive-fallback").get_text(" ", strip=True)
    assert "no está disponible en español" in note and "alemán" in note


def test_spanish_has_its_own_search_index(spanish_build):
    index = read_index(spanish_build.site, "es")
    assert index["config"]["lang"] == ["es"]
    assert search(index, "techo de la escuela") == ["partnerships/lindau-esteli/acta-2024/"]
    german = read_index(spanish_build.site, "")
    assert search(german, "techo de la escuela") == ["partnerships/lindau-esteli/acta-2024/"]
    assert "Acta de la reunión (Spanisch)" in {d["title"] for d in german["docs"]}


def test_the_language_selector_offers_spanish(spanish_build):
    page = soup(spanish_build.site / "partnerships/lindau-esteli/acta-2024/index.html")
    assert {a["hreflang"] for a in page.select("a.md-select__link")} == {"de", "en", "es"}


def test_a_swahili_partnership_builds_a_swahili_site(tmp_path):
    project = make_project(tmp_path / "sw", FIXTURES / "basic")
    folder = project / "partnerships/lindau-kivu"
    config = folder / "partnership.yml"
    config.write_text(config.read_text("utf-8").replace("[de, en]", "[de, en, sw]"), "utf-8")
    (folder / "habari.sw.md").write_text(
        "---\ntitle: Habari za mradi\ntype: report\ndate: 2024-07-01\n---\n\n"
        "Visima vitatu vimechimbwa.\n",
        "utf-8",
    )
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    page = soup(build.site / "sw/partnerships/lindau-kivu/habari/index.html")
    assert page.html["lang"] == "sw"
    assert page.select_one('input[name="query"]')["placeholder"] == "Tafuta"
