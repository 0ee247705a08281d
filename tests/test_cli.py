"""The command-line program: one installed program, help with examples, one set of exit
codes, and everything it says in the user's language (German and English)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builds import REPO, fixture_archive

from partnership_archive.cli import messages
from partnership_archive.cli.messages import catalogue, language, number, t

PROGRAM = Path(sys.executable).with_name("partnership-archive")
COMMANDS = ["new", "check", "translate", "review", "build", "serve"]
ENGLISH = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
GERMAN = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "de_DE.UTF-8"}


def program(*args: str, env: dict | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PROGRAM), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **ENGLISH, **(env or {})},
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return fixture_archive(tmp_path / "archive")


# --- one program ---------------------------------------------------------------------


def test_the_installed_program_lists_its_commands_in_the_order_of_the_work():
    result = program("--help")
    assert result.returncode == 0, result.stderr
    listed = re.findall(r"^  (\w+)  ", result.stdout.split("Commands:")[1], re.MULTILINE)
    assert listed == COMMANDS


def test_python_dash_m_runs_the_same_program():
    result = subprocess.run(
        [sys.executable, "-m", "partnership_archive", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "translate" in result.stdout


@pytest.mark.parametrize(
    "command",
    [*([c] for c in COMMANDS), ["new", "archive"], ["new", "partnership"], ["new", "document"]],
)
def test_every_command_has_help_with_examples_and_exit_codes(command):
    result = program(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Examples:" in result.stdout and "Exit codes:" in result.stdout
    assert f"partnership-archive {' '.join(command)}" in result.stdout


def test_scripts_are_thin_wrappers_without_path_edits():
    for script in sorted((REPO / "scripts").glob("*.py")):
        text = script.read_text("utf-8")
        assert "sys.path" not in text, script.name
        assert len(text.splitlines()) < 20, f"{script.name} should only call the command"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--fix"],
        ["translate", "--to"],
        ["translate", "--check", "--dry-run"],
        ["translate", "--to", "xx"],
        ["review", "nowhere.en.md"],
        ["build", "--host", "atlantis"],
        ["new", "document", "--partnership", "lindau-kivu"],
        ["new", "document", "--partnership", "nowhere", "--type", "minutes", "--lang", "de",
         "--title", "x"],
    ],
)  # fmt: skip
def test_wrong_usage_and_unknown_names_exit_2_everywhere(archive, args):
    result = program(*args, "--root", str(archive))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_what_needs_attention_exits_1_everywhere(archive):
    assert program("check", "--root", str(archive)).returncode == 0  # warnings only
    assert program("translate", "--check", "--root", str(archive)).returncode == 1
    (archive / "partnerships/lindau-kivu/agreement.de.md").write_text("no front matter")
    assert program("check", "--root", str(archive)).returncode == 1


def test_new_refusals_are_usage_errors_and_change_nothing(archive):
    first = program("new", "document", "--partnership", "lindau-kivu", "--type", "minutes",
                    "--lang", "de", "--title", "Sitzung", "--date", "2025-03-12",
                    "--root", str(archive))  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = program("new", "document", "--partnership", "lindau-kivu", "--type", "minutes",
                    "--lang", "de", "--title", "Sitzung", "--date", "2025-03-12",
                    "--root", str(archive))  # fmt: skip
    assert again.returncode == 2
    assert "already exists; nothing was changed" in again.stderr


# --- the user's language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_GB.UTF-8"}, "de"),
        ({"LC_ALL": "", "LC_MESSAGES": "de_CH", "LANG": "en_US"}, "de"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "sw_TZ.UTF-8"}, "en"),  # no Swahili catalogue yet: English
        ({}, "en"),
    ],
)
def test_the_language_comes_from_the_environment_as_in_posix(environ, expected):
    assert language(environ) == expected


def test_both_languages_say_the_same_things():
    english, german = catalogue()["en"], catalogue()["de"]
    assert set(german) - {"click"} == set(english)  # Click's words: German only
    for key, text in english.items():
        if key == "click":
            continue
        forms = text.values() if isinstance(text, dict) else [text]
        wanted = {field for form in forms for field in re.findall(r"{(\w+)", form)}
        german_forms = german[key].values() if isinstance(german[key], dict) else [german[key]]
        found = {field for form in german_forms for field in re.findall(r"{(\w+)", form)}
        assert found == wanted, key


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [("en", "1 mirror", "2 mirrors"), ("de", "1 Übersetzung", "2 Übersetzungen")],
)
def test_plurals_follow_the_count(lang, one, two):
    assert t("mirrors", count=1, in_language=lang) == one
    assert t("mirrors", count=2, in_language=lang) == two
    assert t("need_attention", count=1, in_language=lang) != t(
        "need_attention", count=2, in_language=lang
    ).replace("2", "1")
    one_segment = t("segments_of", count=1, todo=1, in_language=lang)
    assert one_segment == {"en": "1 of 1 segment", "de": "1 von 1 Abschnitt"}[lang]


def test_numbers_are_written_as_the_language_writes_them():
    assert (number(1020, "en"), number(1020, "de")) == ("1,020", "1.020")


def test_help_and_usage_errors_in_german():
    help_text = program("check", "--help", env=GERMAN).stdout
    assert "Aufruf: partnership-archive check" in help_text
    assert "Optionen:" in help_text and "Beispiele:" in help_text
    assert "Rückgabewerte" in help_text
    wrong = program("new", "document", "--type", "minute", env=GERMAN)
    assert wrong.returncode == 2
    assert "Fehler: Ungültiger Wert für '--type': 'minute' ist keiner der Werte" in wrong.stderr


def test_a_summary_in_each_language(archive):
    english = program("check", "--root", str(archive))
    german = program("check", "--root", str(archive), env=GERMAN)
    assert english.stdout.splitlines()[-1] == "0 errors, 6 warnings in 10 files"
    assert german.stdout.splitlines()[-1] == "0 Fehler, 6 Warnungen in 10 Dateien"


def test_a_message_missing_in_german_is_english(monkeypatch):
    table = {"en": {"only_here": "English only"}, "de": {}}
    monkeypatch.setattr(messages, "catalogue", lambda: table)
    assert t("only_here", in_language="de") == "English only"
