"""Validation: a coordinator's mistake gets a message naming file, line and the fix."""

from __future__ import annotations

import shutil

import pytest
from builds import FIXTURES, make_project, mkdocs_build

from partnership_archive import schema
from partnership_archive.validation import read_partnership, read_version

PATH = "partnerships/p/minutes.de.md"


def check_document(text: str, lang: str = "de"):
    _, _, findings = read_version(PATH, lang, text, schema.DocumentMeta, ("de", "en"))
    return [(f.line, f.level, f.message) for f in findings]


GOOD = """---
title: Protokoll
type: minutes
date: 2025-03-12
---
Text.
"""


def test_a_valid_document_has_no_findings():
    assert check_document(GOOD) == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (GOOD.replace("title: Protokoll\n", ""), 2, "'title' is missing"),
        (
            GOOD.replace("type: minutes", "type: protocol"),
            3,
            "'type': 'protocol' is not allowed; use one of: agreement, council-resolution, "
            "strategy, action-plan, minutes, report, contacts, funding, evaluation, other",
        ),
        (
            GOOD.replace("2025-03-12", "12.03.2025"),
            4,
            "'date': '12.03.2025' is not a date in the form YYYY-MM-DD (for example 2025-03-12)",
        ),
        (
            GOOD.replace("2025-03-12", "2025-02-30"),
            4,
            "'date': '2025-02-30' is not a date in the form YYYY-MM-DD (for example 2025-03-12)",
        ),
        (
            GOOD.replace("date: 2025-03-12", "date: 2025-03-12\nvisibility: secret"),
            5,
            "'visibility': 'secret' is not allowed; use one of: public, internal",
        ),
        (
            GOOD.replace("title: Protokoll", "title: [Protokoll"),
            2,
            "the '[' on this line starts a list that is not closed: end it with ']', or put a "
            "value that starts with '[' in quotes",
        ),
        ("Just text, no front matter.\n", 1, "no front matter"),
    ],
    ids=[
        "missing-title",
        "unknown-type",
        "bad-date-format",
        "impossible-date",
        "bad-visibility",
        "invalid-yaml",
        "no-front-matter",
    ],
)
def test_invalid_front_matter_names_the_line_and_the_fix(text, line, message):
    (found_line, level, found_message), *_ = check_document(text)
    assert level == "error"
    assert found_line == line
    assert found_message.startswith(message)


def test_a_language_the_partnership_does_not_have():
    ((line, level, message),) = check_document(GOOD, lang="fr")
    assert level == "error"
    assert "written in 'fr'" in message and "de, en" in message


def test_an_unknown_key_is_a_warning_that_names_the_known_ones():
    ((line, level, message),) = check_document(GOOD.replace("type:", "tgas: [x]\ntype:"))
    assert (line, level) == (3, "warning")
    assert message.startswith("unknown key 'tgas'")


PARTNERSHIP = (FIXTURES / "basic/partnerships/lindau-kivu/partnership.yml").read_text("utf-8")


def check_partnership(text: str):
    _, findings = read_partnership("partnerships/p/partnership.yml", "p", text)
    return [(f.line, f.message) for f in findings]


def test_the_fixture_partnership_is_valid():
    assert check_partnership(PARTNERSHIP) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "languages: [de, en]",
            "languages: [de, eng]",
            12,
            "'languages': 'eng' is not a language code",
        ),
        (
            "languages: [de, en]",
            "languages: [de]",
            12,
            "a partnership needs at least two languages",
        ),
        (
            "    country: TZ",
            "    country: Tansania",
            9,
            "'country': 'Tansania' is not a country code",
        ),
        (
            "    municipality: Kivu Town",
            "    municipality: Kivu",
            25,
            "'Kivu' is not one of the municipalities",
        ),
        (
            "since: 2015",
            "since: seit 2015",
            13,
            "'since': 'seit 2015' is not a year: write the year in four digits, e.g. 1998",
        ),
        (
            "    email: erika@lindau.example",
            "    email: erika",
            21,
            "'email': 'erika' is not an e-mail address",
        ),
    ],
)
def test_invalid_partnership_file_names_the_line(old, new, line, message):
    assert old in PARTNERSHIP
    (found_line, found_message), *_ = check_partnership(PARTNERSHIP.replace(old, new))
    assert (found_line, found_message[: len(message)]) == (line, message)


def test_source_and_mirror_must_agree(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    mirror = project / "partnerships/lindau-kivu/agreement.en.md"
    mirror.write_text(mirror.read_text("utf-8").replace("2015-05-01", "2015-06-01"), "utf-8")
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert (
        "partnerships/lindau-kivu/agreement.en.md: error: 'date' is 2015-06-01 here" in build.output
    )


def test_the_build_stops_on_invalid_front_matter_without_a_traceback(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    shutil.copy(FIXTURES / "invalid/bad-date.de.md", project / "partnerships/lindau-kivu/")
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert (
        "partnerships/lindau-kivu/bad-date.de.md:4: error: 'date': '1. März 2025' is not a date "
        "in the form YYYY-MM-DD" in build.output
    )
    assert "Traceback" not in build.output
    assert not (project / "site" / "index.html").exists()
