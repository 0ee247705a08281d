"""Staging: every page as MkDocs reads it reliably, its links language-neutral.

``site_sources.plan`` is pure; here it plans the verdict fixture archive (links by
file name, an image, an attachment) without a build.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from builds import FIXTURES, REPO

from partnership_archive.loading import load_archive
from partnership_archive.memo import TextMemo
from partnership_archive.site_sources import (
    Copy,
    Generated,
    normalised,
    plan,
    staged_texts,
    template_renderer,
)

ROOT = FIXTURES / "verdict"
P = "partnerships/bergheim-tanga"


@pytest.mark.parametrize(
    ("text", "staged"),
    [
        ("\ufeff---\ntitle: A\n---\n\nText.\n", "---\ntitle: A\n---\n\nText.\n"),
        ("---\r\ntitle: A\r\n---\r\n\r\nText.\r\n", "---\ntitle: A\n---\n\nText.\n"),
        ("---\rtitle: A\r---\r\rText.\r", "---\ntitle: A\n---\n\nText.\n"),  # old Mac
        ("\ufeff---\r\ntitle: „A“\r\n---\r\n", "---\ntitle: „A“\n---\n"),
    ],
)
def test_pages_are_staged_without_bom_and_with_lf(text, staged):
    assert normalised(text) == staged


@pytest.fixture(scope="module")
def planned():
    archive, findings = load_archive(ROOT, ["de", "en", "es"])
    assert findings == []

    def read(path: str) -> str:
        return (ROOT / path).read_text("utf-8")

    return plan(archive.public(), template_renderer(REPO / "overrides"), read)


def test_every_language_gets_the_same_text_with_neutral_links(planned):
    minutes = {lang: planned[f"{P}/protokoll-2024.{lang}.md"] for lang in ("de", "en", "es")}
    assert all(isinstance(item, Generated) for item in minutes.values())
    assert minutes["de"] == minutes["en"] == minutes["es"]  # the English original, everywhere
    text = minutes["de"].text
    assert "(partnerschaftsvertrag.md#zweck)" in text
    assert "partnerschaftsvertrag.de.md" not in text


def test_knowledge_pages_link_into_partnerships_from_their_site_folder(planned):
    text = planned["kb/start.en.md"].text
    assert f"(../{P}/partnerschaftsvertrag.md#zweck)" in text


def test_files_are_copied_and_internal_documents_not_planned(planned):
    assert planned[f"{P}/files/unterzeichnung.svg"] == Copy(f"{P}/files/unterzeichnung.svg")
    assert not any("haushalt" in path for path in planned)


def read_verdict(path: str) -> str:
    return (ROOT / path).read_text("utf-8")


def test_a_memo_stages_again_only_what_changed_and_the_same_as_without():
    archive, _ = load_archive(ROOT, ["de", "en", "es"])
    archive = archive.public()
    memo = TextMemo()
    fresh = staged_texts(archive, read_verdict)
    assert staged_texts(archive, read_verdict, memo) == fresh
    made = []
    original = f"{P}/protokoll-2024.en.md"

    def edited(path: str) -> str:
        made.append(path)
        text = read_verdict(path)
        return text + "\nAdded.\n" if path == original else text

    again = staged_texts(archive, edited, memo)
    assert again[original] == fresh[original] + "\nAdded.\n"
    assert {path: text for path, text in again.items() if path != original} == {
        path: text for path, text in fresh.items() if path != original
    }
    assert sorted(made) == sorted(fresh)  # every file is read, as before


def test_a_memo_forgets_when_the_links_targets_change():
    archive, _ = load_archive(ROOT, ["de", "en", "es"])
    archive = archive.public()
    memo = TextMemo()
    before = staged_texts(archive, read_verdict, memo)
    # Without the documents, the knowledge pages' links to them stay as written.
    knowledge_only = replace(archive, documents=())
    staged = staged_texts(knowledge_only, read_verdict, memo)
    assert staged == staged_texts(knowledge_only, read_verdict)
    assert staged["docs/kb/start.en.md"] != before["docs/kb/start.en.md"]
