"""The per-language search index, as pure functions: pages in, index files out."""

from __future__ import annotations

import json
import re

from partnership_archive.search_index import (
    SearchPage,
    build,
    fold,
    script,
    search_page,
    sections,
    shard_name,
    with_search,
)

CONTENT = (
    '<p>Vorwort zur <a href="x/">Wasserversorgung</a>.</p>'
    '<h2 id="agenda">Tagesordnung<a class="headerlink" href="#agenda" title="Permanent link">'
    "&para;</a></h2><p>Begrüßung &amp; Bericht</p>"
    '<h3 id="top-2">TOP 2</h3><table><tr><td>Pumpen</td></tr></table>'
)


def test_a_page_is_cut_into_sections_at_its_headings():
    found = sections(CONTENT, "Protokoll")
    assert [(s.anchor, s.title, s.text) for s in found] == [
        ("", "Protokoll", "Vorwort zur Wasserversorgung ."),
        ("agenda", "Tagesordnung", "Begrüßung & Bericht"),
        ("top-2", "TOP 2", "Pumpen"),
    ]


def test_words_are_folded_as_a_reader_types_them():
    assert fold("Begrüßung ÄRGER Café") == "begrussung arger cafe"


def test_a_page_shown_in_its_original_language_is_labelled():
    page = search_page("x/", "Minutes of the visit", "<p>Text</p>", "Englisch")
    assert page.title == "Minutes of the visit (Englisch)"
    assert search_page("y/", "Protokoll", "<p>Text</p>", None).title == "Protokoll"


def pages() -> list[SearchPage]:
    return [
        search_page("a/", "Wasser", "<p>Pumpen und Brunnen</p>", None),
        search_page("b/", "Schulen", CONTENT, None),
        search_page("c/", "Bericht", "<p>Wasser, Wasser, Wasser</p>", None),
    ]


def postings(text: str) -> list[int]:
    """Decode a posting list as the worker does: base-36 gaps."""
    ids, current = [], 0
    for gap in text.split(".") if text else []:
        current += int(gap, 36)
        ids.append(current)
    return ids


def test_each_word_lists_the_pages_by_where_it_stands():
    files = build(pages())
    title, heading, often, anywhere = files[shard_name("wasser")]["wasser"]
    assert postings(title) == [0]
    assert postings(heading) == []
    assert postings(often) == [2]  # three times in its text
    assert postings(anywhere) == [0, 2]
    assert postings(files[shard_name("tagesordnung")]["tagesordnung"][1]) == [1]
    # words of three letters or more share a file by their first three letters
    assert shard_name("wasserversorgung") == shard_name("wasser") == "w/" + b"was".hex()
    assert "wasserversorgung" in files[shard_name("wasser")]


def test_titles_and_sections_are_files_of_their_own():
    files = build(pages())
    assert files["t/0"] == {
        "f": [""],
        "p": [[0, "a/", "Wasser"], [0, "b/", "Schulen"], [0, "c/", "Bericht"]],
    }
    nested = build([search_page(f"x/y/{n}/", f"T{n}", "", None) for n in "ab"] + pages()[:1])
    assert nested["t/0"] == {
        "f": ["x/y/", ""],
        "p": [[0, "a/", "Ta"], [0, "b/", "Tb"], [1, "a/", "Wasser"]],
    }
    assert files["p/1"]["s"][1] == ["agenda", "Tagesordnung", "Begrüßung & Bericht"]


def test_an_index_file_is_a_script_that_hands_over_its_data():
    text = script("t/0", [["a/", "Wasser </script>"]])
    match = re.fullmatch(r'archiveSearch\.receive\("t/0",(.*)\)\n', text, re.S)
    assert json.loads(match.group(1)) == [["a/", "Wasser </script>"]]


PAGE = (
    '<p>x</p><script id="__config" type="application/json">'
    '{"base": "../..", "features": [], "search": "../../assets/search.js", '
    '"translations": {"x": "a <b> & c"}}</script><script>other</script>'
)


def config_of(html: str) -> tuple[dict, str]:
    payload = re.search(r'id="__config" type="application/json">(.*?)</script>', html).group(1)
    return json.loads(payload), payload


def test_search_points_at_the_language_folder_and_the_archive_worker():
    config, payload = config_of(with_search(PAGE, "en"))
    assert config["base"] == "../../en/"
    assert config["search"] == "../../assets/javascripts/archive-search.js?index=en&chunk=200"
    assert config["translations"]["x"] == "a <b> & c"
    assert "<b>" not in payload
    assert with_search(PAGE, "en").endswith("<script>other</script>")
    default, _ = config_of(with_search(PAGE, ""))
    assert default["base"] == "../../"
    assert default["search"].endswith("archive-search.js?index=&chunk=200")
