"""Files as coordinators' editors write them, and files written to hurt: bounded, precise.

The fixtures in ``tests/fixtures/input/`` are written byte for byte as an editor
saves them (a byte-order mark and CRLF from Windows Notepad, CR from an old Mac,
Windows-1252 "ANSI", UTF-16 "Unicode", a tab-indented list). Each is dropped into a
small archive and ``scripts/check.py`` runs on it in a subprocess with a time limit
and a memory limit, so a broken bound fails the test instead of hanging it or
eating the machine's memory. Measurements live in ``benchmarks/hostile_input.py``.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from builds import FIXTURES, REPO, make_project, mkdocs_build

from partnership_archive import limits, source_text
from partnership_archive.frontmatter import split
from partnership_archive.loading import load_archive
from partnership_archive.memo import TextMemo

INPUT = FIXTURES / "input"
FOLDER = "partnerships/lindau-kivu"
MEMORY = 1024**3  # address space for one check.py run: far above what it needs (~40 MB)


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def archive_with(target: Path, files: dict[str, bytes]) -> Path:
    """The basic fixture archive beside this repository's mkdocs.yml, plus ``files``."""
    for folder in ("docs", "partnerships"):
        shutil.copytree(FIXTURES / "basic" / folder, target / folder)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for rel, data in files.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_bytes(data)
    return target


def check(root: Path) -> tuple[int, list[str]]:
    """check.py's exit code and its error lines, run within time and memory bounds."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/check.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_bounded,
    )
    assert result.stderr == ""
    return result.returncode, [line for line in result.stdout.splitlines() if ": error: " in line]


def check_fixture(tmp_path: Path, name: str) -> tuple[int, list[str]]:
    return check(archive_with(tmp_path, {f"{FOLDER}/{name}": (INPUT / name).read_bytes()}))


CASES = {
    "billion-laughs.de.md": "10: error: the aliases here ('*a4' and those before it) repeat "
    "more than 100,000 values and characters: write the values out instead of repeating "
    "them with '&' and '*'",
    "bom-crlf-bad-date.de.md": "4: error: 'date': '14.05.2024' is not a date in the form "
    "YYYY-MM-DD (for example 2025-03-12)",
    "cr-only-bad-date.de.md": "4: error: 'date': '2024-04-31' is not a date in the form "
    "YYYY-MM-DD (for example 2025-03-12)",
    "deep-list.de.md": "27: error: lists, quotes or indented blocks are nested 21 levels deep "
    "here, more than 20: use fewer levels (four spaces of indentation are one level)",
    "deep-quote.de.md": "7: error: lists, quotes or indented blocks are nested 30 levels deep "
    "here, more than 20: use fewer levels (four spaces of indentation are one level)",
    "duplicate-keys.de.md": "5: error: 'title' is written twice in the same place (first on "
    "line 2): keep one of them, or merge the two values",
    "empty.de.md": "1: error: the file is empty: it needs front matter (a '---' line, 'title: "
    "...', 'type: ...', 'date: ...', a closing '---' line), then the text",
    "latin1.de.md": "2: error: the file is not saved as UTF-8: this line has the byte 0xFC, "
    "which is 'ü' in Windows-1252 (Latin-1); open it and save it again with the encoding "
    "'UTF-8' (then check the accents and umlauts)",
    "not-a-mapping.de.md": "2: error: expected 'key: value' lines (such as 'title: ...'), "
    "found a list",
    "tabs.de.md": "7: error: this line is indented with a tab: use spaces, not tabs, to "
    "indent (most editors have a setting 'indent using spaces')",
    "utf16.de.md": "1: error: the file is saved as UTF-16 ('Unicode'): open it and save it "
    "again with the encoding 'UTF-8'",
}


def test_every_input_fixture_has_a_case():
    valid = {"bom-crlf.de.md", "yaml-words.de.md"}
    assert sorted(p.name for p in INPUT.iterdir()) == sorted({*CASES, *valid})


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_file_is_one_error_with_its_line_and_the_fix(name, tmp_path):
    code, errors = check_fixture(tmp_path, name)
    assert (code, errors) == (1, [f"{FOLDER}/{name}:{CASES[name]}"])


@pytest.mark.parametrize("name", ["bom-crlf.de.md", "yaml-words.de.md"])
def test_windows_line_endings_a_byte_order_mark_and_yaml_1_1_words_are_fine(name, tmp_path):
    assert check_fixture(tmp_path, name) == (0, [])


def test_a_windows_file_builds_with_its_title_and_text(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    for name in ("bom-crlf.de.md", "yaml-words.de.md"):
        shutil.copy(INPUT / name, project / FOLDER / name)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    page = BeautifulSoup(
        (build.site / FOLDER / "bom-crlf/index.html").read_text("utf-8"), "html.parser"
    )
    assert page.find("h1").get_text(strip=True).startswith("Sitzung")
    assert "Die Lenkungsgruppe hat getagt." in page.get_text()
    assert "title:" not in page.get_text()  # the front matter was read, not shown
    words = BeautifulSoup(
        (build.site / FOLDER / "yaml-words/index.html").read_text("utf-8"), "html.parser"
    )
    assert words.title.get_text().startswith("yes ")  # not "True"


# --- Size and shape: generated here, as nobody would commit them --------------------------


def front_matter(title: str = "Groß") -> str:
    return f"---\ntitle: {title}\ntype: report\ndate: 2024-06-01\n---\n\n"


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    text = front_matter() + ("Ein Satz über Wasser und Schulen. " * 30 + "\n\n") * 2200
    code, errors = check(archive_with(tmp_path, {f"{FOLDER}/gross.de.md": text.encode()}))
    assert (code, errors) == (
        1,
        [
            f"{FOLDER}/gross.de.md: error: the file has 2.2 MB, more than the 2.0 MB a file "
            "may have (extra: archive_limits: max_document_size in mkdocs.yml): split it into "
            "several documents, or attach large tables and scans as files"
        ],
    )


def test_the_size_limit_is_set_in_mkdocs_yml_for_check_and_build(tmp_path):
    text = front_matter() + "Ein Absatz.\n\n" * 20_000  # 260,000 bytes: 254 KB
    root = archive_with(tmp_path / "a", {f"{FOLDER}/gross.de.md": text.encode()})
    config = root / "mkdocs.yml"
    setting = "max_document_size: 2 MB"
    assert setting in config.read_text("utf-8")
    config.write_text(
        config.read_text("utf-8").replace(setting, "max_document_size: 200 KB"), "utf-8"
    )
    code, errors = check(root)
    assert code == 1 and errors[0].startswith(f"{FOLDER}/gross.de.md: error: the file has 254 KB")
    project = make_project(tmp_path / "b", root)
    shutil.copy(config, project / "mkdocs.yml")
    build = mkdocs_build(project)
    assert build.returncode == 1
    assert f"{FOLDER}/gross.de.md: error: the file has 254 KB, more than the 200 KB" in build.output


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "Wasser " * 2000 + "\n",
            7,
            "this line has 14,000 characters, more than 10,000: break it into shorter lines "
            "or paragraphs",
        ),
        (
            "Intro.\n\n" + "[Brunnen](files/a.pdf) in `Kivu` *gebaut*.\n" * 1500,
            9,
            "the paragraph that starts here has more than 50,000 characters: separate "
            "paragraphs with an empty line",
        ),
        (
            "[" * 25 + "x" + "]" * 25 + "\n",
            7,
            "'[' is nested 25 levels deep here, more than 20: close each '[' with ']', or "
            "write \\[ for a bracket that is part of the text",
        ),
        (
            "*" * 2000 + "fett" + "*" * 2000 + "\n",
            7,
            "more than 100 '*' or '_' in a row: write \\* or \\_ for ones that are part of the "
            "text, or put a line of them on a line of its own",
        ),
        (
            "".join(f"*[A{i}]: Abkürzung {i}\n" for i in range(101)),
            107,
            "more than 100 abbreviations ('*[ABC]: ...' lines): keep the ones readers need",
        ),
    ],
    ids=["long-line", "long-paragraph", "nested-brackets", "emphasis-run", "abbreviations"],
)
def test_text_that_would_make_rendering_slow_or_crash_is_an_error(tmp_path, body, line, message):
    text = front_matter() + body
    code, errors = check(archive_with(tmp_path, {f"{FOLDER}/bericht.de.md": text.encode()}))
    assert (code, errors) == (1, [f"{FOLDER}/bericht.de.md:{line}: error: {message}"])


def test_a_partnership_file_over_the_limits_is_an_error_and_nothing_else(tmp_path):
    config = (FIXTURES / "basic" / FOLDER / "partnership.yml").read_text("utf-8")
    text = config.replace("since: 2015", "since: 2015\ndescription: " + "x" * 20_000)
    code, errors = check(archive_with(tmp_path, {f"{FOLDER}/partnership.yml": text.encode()}))
    assert (code, errors) == (
        1,
        [
            f"{FOLDER}/partnership.yml:14: error: this line has 20,013 characters, more than "
            "10,000: break it into shorter lines or paragraphs"
        ],
    )


def test_the_build_stops_on_a_billion_laughs_with_the_same_message(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "basic")
    shutil.copy(INPUT / "billion-laughs.de.md", project / FOLDER)
    build = subprocess.run(  # as builds.mkdocs_build, but bounded like check.py above
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_bounded_build,
    )
    assert build.returncode == 1
    message = CASES["billion-laughs.de.md"].removeprefix("10: error: ")
    assert f"  {FOLDER}/billion-laughs.de.md:10: error: {message}" in build.stderr
    assert "Traceback" not in build.stderr


def _bounded_build() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * MEMORY, 2 * MEMORY))


# --- The pure parts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"---\ntitle: T\n---\nA\nB\n",
        b"---\r\ntitle: T\r\n---\r\nA\r\nB\r\n",
        b"---\rtitle: T\r---\rA\rB\r",
        b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nA\r\nB\r\n",
    ],
    ids=["lf", "crlf", "cr", "bom-crlf"],
)
def test_every_line_ending_gives_the_same_text_and_lines(data):
    text = source_text.decode(data)
    assert text == "---\ntitle: T\n---\nA\nB\n"
    block = split(data.decode("utf-8"))  # split() accepts them undecoded too
    assert (block.yaml_text.strip(), block.first_line, block.body_first_line) == ("title: T", 2, 4)
    assert block.body.splitlines() == ["A", "B"]


def test_a_form_feed_does_not_shift_the_lines_after_it():
    block = split("---\ntitle: T\n---\nSeite 1\x0cSeite 2\n[x](y.md)\n")
    assert block.body_first_line == 4 and block.body.count("\n") == 2


def test_the_line_of_a_bad_byte_counts_crlf_and_cr_lines_once():
    with pytest.raises(source_text.Unreadable) as raised:
        source_text.decode(b"a\r\nb\rc\nd \xe4\n")
    assert raised.value.line == 4


def test_sizes_are_written_as_a_file_manager_shows_them():
    assert limits.parse_size("2 MB") == 2 * 1024 * 1024
    assert limits.parse_size("500 KB") == 500 * 1024
    assert limits.parse_size(1000) == 1000
    with pytest.raises(ValueError, match="'zwei' is not a size; write it like 2 MB"):
        limits.parse_size("zwei")


def test_real_documents_are_within_every_bound():
    for path in [*REPO.glob("docs/**/*.md"), *REPO.glob("partnerships/**/*.md")]:
        text = source_text.read(path)
        assert limits.markdown_problems(text, 1) == [], path


def test_loading_again_with_a_memo_finds_what_loading_afresh_finds(tmp_path):
    """The preview loads the archive on every save, keeping each file's bounds."""
    root = archive_with(tmp_path, {})
    path = root / FOLDER / "bericht.de.md"
    memo = TextMemo()
    for body in ("Text.\n", "[" * 25 + "x" + "]" * 25 + "\n", "Text.\n"):
        path.write_text(front_matter() + body, "utf-8")
        again = load_archive(root, ["de", "en"], memo=memo)
        assert again == load_archive(root, ["de", "en"])
        assert any("nested 25 levels" in str(finding) for finding in again[1]) == ("[" in body)
