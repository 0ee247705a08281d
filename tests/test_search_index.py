"""One search index per language, as pure functions on Material's index format."""

from __future__ import annotations

import json
import re

from partnership_archive.search_index import for_language, label_titles, with_search_base

MERGED = {
    "config": {"lang": ["de", "en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]},
    "docs": [
        {"location": "", "title": "Startseite", "text": "Willkommen"},
        {"location": "partnerships/x/", "title": "Partnerschaft", "text": "Wasser"},
        {"location": "en/", "title": "Home", "text": "Welcome"},
        {"location": "en/partnerships/x/#topics", "title": "Topics", "text": "Water"},
        {"location": "es/", "title": "Inicio", "text": "Bienvenida"},
    ],
}
FOLDERS = {"de": "", "en": "en", "es": "es"}


def test_default_language_keeps_its_own_entries_only():
    index = for_language(MERGED, "de", FOLDERS)
    assert [d["location"] for d in index["docs"]] == ["", "partnerships/x/"]
    assert index["config"]["lang"] == ["de"]
    assert index["config"]["separator"] == MERGED["config"]["separator"]


def test_other_language_entries_are_relative_to_their_folder():
    index = for_language(MERGED, "en", FOLDERS)
    assert [d["location"] for d in index["docs"]] == ["", "partnerships/x/#topics"]
    assert index["config"]["lang"] == ["en"]


def test_a_language_without_stemmer_keeps_the_configured_ones():
    index = for_language(MERGED, "es", FOLDERS)
    assert [d["title"] for d in index["docs"]] == ["Inicio"]
    assert index["config"]["lang"] == ["de", "en"]


PAGE = (
    '<p>x</p><script id="__config" type="application/json">'
    '{"base": "../..", "features": [], "search": "../../assets/search.js", '
    '"translations": {"x": "a <b> & c"}}</script><script>other</script>'
)


def test_search_base_points_at_the_language_folder():
    rewritten = with_search_base(PAGE, "en")
    payload = re.search(r'id="__config" type="application/json">(.*?)</script>', rewritten).group(1)
    config = json.loads(payload)
    assert config["base"] == "../../en/"
    assert config["search"] == "../../assets/search.js"
    assert config["translations"]["x"] == "a <b> & c"
    assert "<b>" not in payload
    assert rewritten.endswith("<script>other</script>")


def test_pages_in_their_original_language_are_labelled():
    labelled = label_titles(MERGED, {"partnerships/x/": "Englisch"})
    titles = [d["title"] for d in labelled["docs"]]
    assert titles[1] == "Partnerschaft (Englisch)"
    assert titles[0] == "Startseite" and titles[3] == "Topics"
