"""Labels: every word of the generated pages, in every language a partnership brings.

A label missing in a site language is a check.py finding naming the file and the key;
the site shows the English word meanwhile, never silently.
"""

from __future__ import annotations

import pytest
from builds import fixture_archive, run_script

from partnership_archive import labels as labels_module
from partnership_archive.findings import Finding
from partnership_archive.labels import label_findings, labels, missing_labels

LANGUAGES = ("de", "en", "es", "fr", "pt", "sw")  # German partners' usual partner languages


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_label(lang):
    assert missing_labels(lang) == []
    assert label_findings([lang]) == []


def test_no_two_languages_share_their_sentences():
    """A block copied from English and never translated would pass the key check."""
    for lang in LANGUAGES[2:]:
        assert labels(lang)["translation_status_intro"] != labels("en")["translation_status_intro"]
        assert labels(lang)["resilience"]["intro"] != labels("en")["resilience"]["intro"]


@pytest.fixture
def own_labels(tmp_path, monkeypatch):
    """labels.yml replaced by a small one for the test."""

    def use(text: str) -> None:
        path = tmp_path / "labels.yml"
        path.write_text(text, "utf-8")
        monkeypatch.setattr(labels_module, "LABELS_FILE", path)
        labels_module._table.cache_clear()
        labels_module.labels.cache_clear()

    yield use
    labels_module._table.cache_clear()
    labels_module.labels.cache_clear()


def test_a_missing_label_is_a_finding_with_file_line_and_key_and_shows_in_english(own_labels):
    own_labels("en:\n  home: Home\n  states:\n    machine: Machine\nde:\n  home: Start\n")
    assert labels("de") == {"home": "Start", "states": {"machine": "Machine"}}
    message = (
        "the site language 'de' has no label 'states.machine': add it to the 'de:' block; "
        "until then its pages show the English words"
    )
    assert label_findings(["de", "en"]) == [
        Finding("partnership_archive/labels.yml", 5, "warning", message)
    ]


def test_check_reports_a_partnership_language_without_labels(tmp_path):
    root = tmp_path / "archive"
    fixture_archive(root)
    config = root / "partnerships/lindau-kivu/partnership.yml"
    config.write_text(
        config.read_text("utf-8").replace("languages: [de, en]", "languages: [de, en, uk]")
    )
    result = run_script("check.py", root)
    expected = (
        "partnership_archive/labels.yml: warning: no labels for the site language 'uk': add a "
        f"'uk:' block (a translated copy of the 'en:' block, {len(missing_labels('uk'))} labels); "
        "until then its generated pages show English words"
    )
    assert expected in result.stdout.splitlines(), result.stdout
    assert result.returncode == 0  # the site builds, in English words for Ukrainian readers
