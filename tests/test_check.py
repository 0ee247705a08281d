"""scripts/check.py: one fixture archive per kind of finding, and the exact lines it prints.

Each case in ``tests/fixtures/check/<case>/`` is a complete miniature archive; the test
copies it next to this repository's mkdocs.yml and runs the real command on it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builds import FIXTURES, REPO, SAMPLE

from partnership_archive.link_checks import anchors
from partnership_archive.links import links

CHECK = REPO / "scripts" / "check.py"
P = "partnerships/lindau-kivu"

CASES = {
    "schema": (
        1,
        # Validation's own errors. Broken files are left out of the model; links to them
        # (and to the broken partnership's pages) are not reported a second time.
        "partnerships/kivu-lindau/partnership.yml:12: error: 'since': 'soon' is not a year: "
        "write the year in four digits, e.g. 1998",
        f"{P}/minutes.de.md:4: error: 'date': '12.03.2025' is not a date in the form "
        "YYYY-MM-DD (for example 2025-03-12)",
        "2 errors, 0 warnings in 8 files",
    ),
    "broken-link": (
        1,
        "docs/index.de.md:7: error: broken link 'partnerships/kivu-lindau/index.md': "
        "there is no document partnerships/kivu-lindau/index in any language",
        f"{P}/agreement.de.md:12: error: broken link 'minutes/missing.md': "
        f"there is no document {P}/minutes/missing in any language",
        f"{P}/agreement.de.md:12: error: broken link 'minutes/2023-06-01-meeting.fr.md': "
        f"there is no {P}/minutes/2023-06-01-meeting.fr.md (the document exists in de, en; "
        "link without the language to reach the reader's language)",
        f"{P}/agreement.de.md:14: error: broken link '../../../README.md': "
        "it points outside the archive",
        f"{P}/agreement.de.md:14: error: link '/partnerships/lindau-kivu/index.md' starts "
        "with '/': write it relative to this file, as the site may be published in a subfolder",
        f"{P}/agreement.de.md:26: error: broken link 'minutes/2024-02-01-visit.md': "
        f"there is no document {P}/minutes/2024-02-01-visit in any language",
        "6 errors, 0 warnings in 7 files",
    ),
    "missing-anchor": (
        1,
        f"{P}/action-plan.de.md:10: error: broken link 'strategy.md#nowhere': "
        f"no anchor '#nowhere' in {P}/strategy.de.md",
        f"{P}/action-plan.de.md:10: error: broken link '#unten': no anchor '#unten' on this page",
        f"{P}/action-plan.en.md:7: error: broken link 'strategy.md#ziele-fur-2025': "
        f"no anchor '#ziele-fur-2025' in {P}/strategy.en.md",
        # Named in German, but English readers are taken to the English strategy.
        f"{P}/action-plan.en.md:7: error: broken link 'strategy.de.md#ziele-fur-2025': "
        f"no anchor '#ziele-fur-2025' in {P}/strategy.en.md (a link leads each reader to "
        "the version in their language: give the heading there the same { #ziele-fur-2025 })",
        # English readers see this German-only note, and its link then leads to strategy.en.md.
        f"{P}/note.de.md:7: error: broken link 'strategy.md#ziele-fur-2025': "
        f"no anchor '#ziele-fur-2025' in {P}/strategy.en.md",
        f"{P}/note.de.md: warning: no version in 'en' ({P}/note.en.md): "
        "readers in that language see the 'de' original",
        "5 errors, 1 warning in 6 files",
    ),
    "missing-attachment": (
        1,
        "docs/index.de.md:5: error: missing attachment 'images/logo.png': "
        "there is no file docs/images/logo.png",
        f"{P}/agreement.de.md:9: error: missing attachment 'files/signed.pdf': "
        f"there is no file {P}/files/signed.pdf",
        f"{P}/agreement.en.md:7: error: missing attachment 'files/signed%20original.pdf': "
        f"there is no file {P}/files/signed original.pdf",
        "3 errors, 0 warnings in 5 files",
    ),
    "internal-link": (
        1,
        "docs/index.de.md:5: error: public page links to the internal document "
        f"{P}/budget ('partnerships/lindau-kivu/budget.md'): the public site will not "
        "have it; remove the link or make this page internal",
        f"{P}/agreement.de.md:7: error: public page links to the internal document "
        f"{P}/budget ('budget.md'): the public site will not have it; remove the link or "
        "make this page internal",
        f"{P}/agreement.en.md:7: error: public page links to the internal document "
        f"{P}/budget ('budget.de.md'): the public site will not have it; remove the link or "
        "make this page internal",
        "3 errors, 0 warnings in 7 files",
    ),
    "duplicate-title": (
        0,
        f"{P}/minutes.de.md:2: warning: the title 'Protokoll' is also used by "
        f"{P}/agreement.de.md: give each document its own title",
        "0 errors, 1 warning in 5 files",
    ),
    "same-type-and-date": (
        0,
        f"{P}/minutes/2023-07-01-visit.de.md:4: warning: {P}/minutes/2023-06-01-meeting.de.md "
        "is also a 'minutes' document dated 2023-06-01: is one of the dates wrong, "
        "or is it a copy?",
        "0 errors, 1 warning in 5 files",
    ),
    "missing-mirror": (
        0,
        f"{P}/minutes/2024-02-01-visit.en.md: warning: no version in 'de' "
        f"({P}/minutes/2024-02-01-visit.de.md): readers in that language see the 'en' original",
        "0 errors, 1 warning in 4 files",
    ),
    "stale-mirror": (
        0,
        f"{P}/agreement.en.md:5: warning: stale mirror: {P}/agreement.de.md changed after "
        "this translation was checked; compare them and mark it reviewed: "
        f"'partnership-archive review {P}/agreement.en.md'",
        "0 errors, 1 warning in 3 files",
    ),
    "outdated-mirror": (
        0,
        f"{P}/agreement.en.md:5: warning: outdated machine translation: {P}/agreement.de.md "
        "changed after it was translated; translate it again",
        "0 errors, 1 warning in 3 files",
    ),
    "orphan-mirror": (
        1,
        # Validation's warning, once: no second "no version in 'de'" for the same problem.
        # The build logs validation's warnings, so the strict build stops on it: exit 1.
        f"{P}/agreement.en.md: warning: this mirror says it was translated from 'de', "
        "but there is no agreement.de.md",
        "0 errors, 1 warning in 2 files; the site build stops on 1 warning too",
    ),
}


def archive_copy(case: str, target: Path) -> Path:
    """A fixture archive beside this repository's mkdocs.yml (which names the site languages)."""
    shutil.copytree(FIXTURES / "check" / case, target, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def run_check(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_fixture_has_a_case():
    assert sorted(p.name for p in (FIXTURES / "check").iterdir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture_archive_gives_exactly_these_lines(case, tmp_path):
    code, *lines = CASES[case]
    result = run_check("--root", archive_copy(case, tmp_path), cwd=tmp_path)
    assert (result.stdout.splitlines(), result.stderr) == (lines, "")
    assert result.returncode == code


def test_strict_makes_warnings_fail(tmp_path):
    result = run_check("--strict", "--root", archive_copy("duplicate-title", tmp_path))
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning in 5 files"
    assert result.returncode == 1


def test_the_bundled_sample_archive_is_healthy():
    result = run_check("--root", SAMPLE)
    assert re.fullmatch(r"0 errors, 0 warnings in \d+ files\n", result.stdout), result.stdout
    assert result.returncode == 0


def test_unknown_option_is_a_usage_error():
    result = run_check("--fix")
    assert result.returncode == 2
    assert "No such option '--fix'" in result.stderr


def test_an_archive_root_without_mkdocs_yml_is_a_usage_error(tmp_path):
    result = run_check("--root", tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{tmp_path.resolve() / 'mkdocs.yml'}: cannot read")
    assert result.stdout == ""


# Pure helpers the command relies on, without a subprocess.


def test_links_keep_the_line_where_a_multi_line_link_starts():
    text = "---\ntitle: T\n---\n[a long\nlink text](x.md) and\n~~~\n[code](y.md)\n~~~\n"
    assert [(link.line, link.target) for link in links(text)] == [(4, "x.md")]


def test_anchors_follow_python_markdown():
    text = "# Ziele für 2025\n\n# Ziele für 2025\n\n## Wasser { #goal-water }\n"
    assert anchors(text) == {"ziele-fur-2025", "ziele-fur-2025_1", "goal-water"}
