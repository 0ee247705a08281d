"""Segmentation round trips: only human text changes, structure and anchors survive.

Every ``fixtures/segments/<case>.md`` is segmented, pseudo-translated (``shout``)
and written back; ``<case>.expected.md`` shows the result a reader can check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pseudo_translation import SHOUTED, shout, shout_segment
from rendering import body_html, skeleton

from partnership_archive.frontmatter import split
from partnership_archive.translation.segments import SegmentError, TranslationRejected, segmentation
from partnership_archive.translation.segments import segment as segment_with
from partnership_archive.translation.structure import MarkdownStack, read_markdown_config, stack_for
from partnership_archive.translation.writeback import apply as apply_to
from partnership_archive.translation.writeback import render

FIXTURES = Path(__file__).parent / "fixtures" / "segments"
SITE = stack_for(Path(__file__).resolve().parents[2] / "mkdocs.yml")
CASES = sorted(p for p in FIXTURES.glob("*.md") if not p.name.endswith(".expected.md"))


def site_html(text: str) -> str:
    return body_html(text, SITE)


def segment(text: str):
    return segment_with(text, SITE)


def apply(text: str, translations: dict[str, str]) -> str:
    return apply_to(text, segment(text), translations)


def mirror_of(source: str) -> str:
    return apply(source, {seg.key: shout_segment(seg) for seg in segment(source)})


def without_segments(source: str) -> str:
    """The source with every segment cut out; a heading's new anchor stays (it is wanted)."""
    pieces, position = [], 0
    for seg in segment(source):
        pieces += [source[position : seg.start], seg.suffix]
        position = seg.end
    return "".join(pieces) + source[position:]


@pytest.fixture(params=CASES, ids=lambda p: p.stem)
def source(request: pytest.FixtureRequest) -> str:
    return request.param.read_text(encoding="utf-8")


def test_expected_mirror(source: str, request: pytest.FixtureRequest) -> None:
    expected = request.node.callspec.params["source"].with_suffix(".expected.md")
    assert mirror_of(source) == expected.read_text(encoding="utf-8")


def test_everything_but_segments_is_byte_identical(source: str) -> None:
    assert "«" not in source
    assert SHOUTED.sub("", mirror_of(source)) == without_segments(source)


def test_rendered_structure_and_heading_ids_survive(source: str) -> None:
    original, mirror = site_html(source), site_html(mirror_of(source))
    assert skeleton(mirror).tags == skeleton(original).tags


def test_code_is_never_translated(source: str) -> None:
    original, mirror = site_html(source), site_html(mirror_of(source))
    assert skeleton(mirror).code == skeleton(original).code


@pytest.mark.parametrize("case", [p for p in CASES if split(p.read_text())], ids=lambda p: p.stem)
def test_front_matter_keeps_everything_but_the_title(case: Path) -> None:
    source = case.read_text(encoding="utf-8")
    front, mirrored = split(source), split(mirror_of(source))
    before, after = yaml.safe_load(front.yaml_text), yaml.safe_load(mirrored.yaml_text)
    assert after.pop("title") == shout(before.pop("title"))
    assert after == before


def kinds(text: str) -> list[tuple[str, str]]:
    return [(seg.kind, seg.text) for seg in segment(text)]


def test_code_html_and_markers_are_not_segments() -> None:
    texts = " ".join(seg.text for seg in segment((FIXTURES / "code.md").read_text()))
    for never in ("nie übersetzen", "kein Hinweis", "kein Reiter", "eingerückter", "HTML-Block"):
        assert never not in texts
    assert "Markdown in HTML wird übersetzt." in texts


def test_segment_kinds() -> None:
    text = (
        '---\ntitle: Titel\n---\n\n# Kopf\n\n!!! note "Hinweis"\n    Text.\n\n'
        '=== "Reiter"\n\n    Inhalt.\n\n| A |\n|---|\n| b |\n\n*[X]: Erklärung\n'
    )
    assert kinds(text) == [
        ("title", "Titel"),
        ("heading", "Kopf"),
        ("admonition_title", "Hinweis"),
        ("paragraph", "Text."),
        ("tab_label", "Reiter"),
        ("paragraph", "Inhalt."),
        ("table_cell", "A"),
        ("table_cell", "b"),
        ("abbreviation", "Erklärung"),
    ]


def test_soft_breaks_are_joined_and_hard_breaks_kept() -> None:
    [seg] = segment("> eins\n> zwei  \n> drei\\\n> vier\n")
    assert seg.text == "eins zwei  \ndrei\\\nvier"
    assert seg.breaks == ("> ", "> ")
    assert apply("> eins\n> zwei  \n> drei\\\n> vier\n", {seg.key: "A  \nB\\\nC"}) == (
        "> A  \n> B\\\n> C\n"
    )


def test_segments_without_letters_are_skipped() -> None:
    assert segment("`code`\n\n| 12 | `x` |\n|---|---|\n\n<https://example.org>\n") == []


def test_heading_ids_are_those_of_the_site() -> None:
    text = "# Ärger & Öl\n\n## Ärger & Öl\n\n## Eigen { #arger-ol_1 }\n\n## Ärger & Öl\n"
    mirror = mirror_of(text)
    ids = [line.split("#")[-1].rstrip(" }") for line in mirror.splitlines()]
    assert ids == ["arger-ol", "", "arger-ol_2", "", "arger-ol_1", "", "arger-ol_3"]
    assert re.findall(r'<h\d id="([^"]+)"', site_html(text)) == [i for i in ids if i]


def test_heading_attribute_list_without_id_gets_the_id() -> None:
    text = "## Titel { .wichtig }\n"
    [seg] = segment(text)
    assert apply(text, {seg.key: "Title"}) == "## Title { #titel .wichtig }\n"


def test_tasklist_marker_is_not_part_of_the_segment() -> None:
    [seg] = segment("- [x] Erledigt\n")
    assert (seg.text, seg.key) == ("Erledigt", "1:7")


@pytest.mark.parametrize(
    ("translation", "written"),
    [
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
    ],
)
def test_translation_cannot_open_a_block(translation: str, written: str) -> None:
    assert apply("Text.\n", {"1:1": translation}) == f"{written}\n"


def test_table_cell_translation_pipes_are_escaped() -> None:
    text = "| A |\n|---|\n| b |\n"
    assert apply(text, {"3:3": "x | y"}) == "| A |\n|---|\n| x \\| y |\n"


@pytest.mark.parametrize(
    ("source", "translation", "written"),
    [
        ('title: "Alt"', 'Say "hi"', 'title: "Say \\"hi\\""'),
        ("title: 'Alt'", "It's", "title: 'It''s'"),
        ("title: Alt", "Plain: no", 'title: "Plain: no"'),
        ("title: Alt # note", "New", "title: New # note"),
    ],
)
def test_title_keeps_valid_yaml(source: str, translation: str, written: str) -> None:
    text = f"---\n{source}\n---\n"
    result = apply(text, {segment(text)[0].key: translation})
    assert result == f"---\n{written}\n---\n"
    assert yaml.safe_load(split(result).yaml_text)["title"] == translation


def test_multiline_and_non_text_titles_are_not_segments() -> None:
    assert segment("---\ntitle: >\n  Folded\nsub: x\n---\n") == []
    assert segment("---\ntitle: 2024\n---\n") == []


@pytest.mark.parametrize(
    ("text", "translation"),
    [("# Kopf\n", "A\nB"), ("Text.\n", "A  \nB"), ("Text.\n", "   ")],
)
def test_structure_breaking_translations_are_rejected(text: str, translation: str) -> None:
    with pytest.raises(TranslationRejected, match="segment 1:"):
        render(segment(text)[0], translation)


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(SegmentError, match="no segment with key 9:9"):
        apply("Text.\n", {"9:9": "x"})


def test_missing_translation_keeps_the_source() -> None:
    assert apply("# Kopf\n\nText.\n", {"3:1": "Text EN."}) == "# Kopf\n\nText EN.\n"


def test_block_type_keywords_are_never_sent() -> None:
    header = re.compile(r"^[ :]*(?:!!!|\?\?\?)\+? *(\w+)", re.MULTILINE)
    for case in CASES:
        text = case.read_text(encoding="utf-8")
        keywords = set(header.findall(text))
        words = {w for seg in segment(text) for w in re.findall(r"\w+", seg.text)}
        assert not keywords & words, case.name


def test_definitions_holding_blocks_are_segmented_as_python_markdown_reads_them() -> None:
    text = (FIXTURES / "definition_blocks.md").read_text(encoding="utf-8")
    assert kinds(text)[:6] == [
        ("term", "Vertrag"),
        ("admonition_title", 'Der „Vertrag"'),
        ("definition", "Ein Hinweis in der Definition."),
        ("term", "Liste"),
        ("definition", "Einleitung der Definition."),
        ("list_item", "Erster Punkt"),
    ]


def test_titles_with_quotes_inside_survive() -> None:
    text = (FIXTURES / "titles_with_quotes.md").read_text(encoding="utf-8")
    titles = re.findall(r'class="admonition-title">([^<]*)<', site_html(mirror_of(text)))
    assert titles == [shout('Der „Vertrag"'), shout("„Geld“ und ‚Zeit‘")]
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", site_html(mirror_of(text)))
    assert labels == [shout("„Plan“ & Ziele").replace("&", "&amp;"), shout('Zweiter „Reiter"')]


def test_windows_line_endings_are_kept() -> None:
    source = (FIXTURES / "windows_line_endings.md").read_bytes().decode()
    mirror = mirror_of(source)
    assert "\n" not in mirror.replace("\r\n", "") and mirror.count("\r\n") > 5


def test_reference_definitions_and_comments_are_not_segments() -> None:
    texts = [seg.text for seg in segment((FIXTURES / "links_and_images.md").read_text())]
    assert not [t for t in texts if "example.org/kurz" in t or "Titel des Berichts" in t]
    texts = [seg.text for seg in segment((FIXTURES / "comments_and_breaks.md").read_text())]
    assert not [t for t in texts if "nie übersetzen" in t]


def test_a_sentence_inside_raw_html_is_not_mistaken_for_the_same_sentence_as_text() -> None:
    text = '<div class="kasten">\nDer Brunnen ist fertig.\n</div>\n\nDer Brunnen ist fertig.\n'
    assert [seg.line for seg in segment(text)] == [5]


def test_text_that_cannot_be_placed_in_the_source_is_listed_with_its_line() -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus" / "pymdown-extensions"
    stack = MarkdownStack(read_markdown_config(corpus / "markdown.yml"))
    text = "Vorher.\n\n> ```\n> Kein Code\n\n> Auch kein Code\n> ```\n"
    # pymdownx.quotes: two blockquotes, so no fence is closed; the lines look like code
    found = segmentation(text, stack)
    assert [seg.text for seg in found.segments] == ["Vorher."]
    assert found.unplaced == [3, 6]


def test_a_heading_that_ends_with_a_hash_keeps_it_beside_its_new_anchor() -> None:
    """attr_list drops a heading's trailing '#' before ``{ #id }``: "C#" must stay "C#"."""
    source = "## Kurs für C# ##\n"
    [seg] = segment(source)
    assert (seg.text, seg.suffix) == ("Kurs für C#", " { #kurs-fur-c }")
    mirror = apply(source, {seg.key: "Course in C#"})
    assert mirror == "## Course in C\\# { #kurs-fur-c } ##\n"
    assert '<h2 id="kurs-fur-c">Course in C#<a' in site_html(mirror)


def test_a_translation_that_lost_a_hard_break_is_rejected_not_a_crash() -> None:
    """Found by Hypothesis: one line back for a text with a break raised ValueError."""
    source = "Erste Zeile  \nzweite Zeile\n"
    [seg] = segment(source)
    assert seg.breaks == ("",)
    with pytest.raises(TranslationRejected, match="0 line breaks, source has 1"):
        render(seg, "First line second line")


def test_an_unchanged_heading_with_its_own_attributes_gets_one_attribute_list() -> None:
    """Found by Hypothesis: the source's ``{wichtig}`` stayed next to the new ``{ #id }``."""
    source = "# 12 Brunnen {wichtig}\n"
    [seg] = segment(source)
    mirror = apply(source, {seg.key: seg.text})
    assert mirror == "# 12 Brunnen { #12-brunnen wichtig }\n"
    assert site_html(mirror) == site_html(source)
