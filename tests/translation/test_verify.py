"""A mirror is rendered and compared before it is written; what breaks it stays in the source.

The translations here come straight from a (bad) memory, so nothing escaped them: the
check alone must keep them out.
"""

from __future__ import annotations

from pathlib import Path

from rendering import body_html, skeleton

from partnership_archive.translation.segments import segment
from partnership_archive.translation.structure import stack_for
from partnership_archive.translation.verify import check_mirror

SITE = stack_for(Path(__file__).resolve().parents[2] / "mkdocs.yml")
SOURCE = """---
title: Protokoll
---

# Sitzung

Erster Absatz.

Zweiter Absatz mit **Betonung**.

- Punkt eins
- Punkt zwei

| Spalte |
|--------|
| Wert   |
"""
GOOD = {
    "2:8": "Minutes",
    "5:3": "Meeting",
    "7:1": "First paragraph.",
    "9:1": "Second paragraph with **emphasis**.",
    "11:3": "Item one",
    "12:3": "Item two",
    "14:3": "Column",
    "16:3": "Value",
}


def tags(text: str) -> list[tuple]:
    return skeleton(body_html(text, SITE)).tags


def check(translations: dict[str, str], refused: dict[str, str] | None = None):
    return check_mirror(SOURCE, segment(SOURCE, SITE), translations, SITE, refused)


def test_a_good_translation_is_written_in_full() -> None:
    checked = check(GOOD)
    assert checked.kept == () and checked.untranslated == []
    assert "# Meeting { #sitzung }" in checked.text and "| Value  |" not in checked.text
    assert tags(checked.text) == tags(SOURCE)


def test_translations_that_change_the_structure_stay_in_the_source_language() -> None:
    bad = {
        **GOOD,
        "7:1": "First <script>alert(1)</script> paragraph.",
        "9:1": "Second paragraph with **emphasis.",
        "12:3": "Item two\n\n!!! danger",
    }
    checked = check(bad)
    assert [(k.segment.line, k.segment.text) for k in checked.kept] == [
        (7, "Erster Absatz."),
        (9, "Zweiter Absatz mit **Betonung**."),
        (12, "Punkt zwei"),
    ]
    assert checked.untranslated == [7, 9, 12]
    assert "the translation <script>" in checked.kept[0].reason
    assert "2 line breaks, source has 0" in checked.kept[2].reason
    assert tags(checked.text) == tags(SOURCE)
    assert "Erster Absatz." in checked.text and "Item one" in checked.text


def test_a_title_that_could_be_markup_stays_in_the_source_language() -> None:
    checked = check({**GOOD, "2:8": "Minutes <img src=x onerror=alert(1)>"})
    assert [(k.segment.line, k.reason) for k in checked.kept] == [
        (2, "the title contains '<', which a page would read as markup")
    ]
    assert "title: Protokoll\n" in checked.text


def test_refused_answers_stay_in_the_source_language_with_their_reason() -> None:
    checked = check(GOOD, refused={"11:3": "the provider's answer was refused (lost a tag)"})
    assert [(k.segment.line, k.reason) for k in checked.kept] == [
        (11, "the provider's answer was refused (lost a tag)")
    ]
    assert "- Punkt eins\n- Item two\n" in checked.text
