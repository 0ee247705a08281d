"""One verdict: whatever stops `mkdocs build --strict`, check.py reports first, with file and line.

Each case plants one kind of defect in a clean archive written as a coordinator writes
one (tests/fixtures/verdict: links by file name, typographic quotes, an attachment, an
image, an internal document), then runs the real check.py and a real strict build on
it. They must agree: check.py exits 1 naming exactly the planted places, and the build
fails; on the clean archive both pass.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from builds import FIXTURES, REPO, make_project, mkdocs_build

P = "partnerships/bergheim-tanga"
AGREEMENT, MIRROR = f"{P}/partnerschaftsvertrag.de.md", f"{P}/partnerschaftsvertrag.en.md"
MINUTES = f"{P}/protokoll-2024.en.md"


@dataclass(frozen=True)
class Edit:
    path: str
    old: str | None  # None: a new file with the text ``new``
    new: str


@dataclass(frozen=True)
class Defect:
    edits: tuple[Edit, ...]
    expected: tuple[tuple[str, str], ...]
    """(file, a text on the line) of each place check.py must name, and nothing else."""


def one(path: str, old: str | None, new: str, *also: tuple[str, str], marker: str = "") -> Defect:
    """One edit; check.py must name the line of ``marker`` (default: the new text's)."""
    marker = marker or (new.splitlines()[0] if old is not None else new.splitlines()[1])
    return Defect((Edit(path, old, new),), ((path, marker), *also))


DEFECTS = {
    "link to a document that does not exist": one(
        MINUTES, "(partnerschaftsvertrag.de.md#zweck)", "(partnerschafts-vertrag.de.md#zweck)"
    ),
    "anchor that no version has": one(
        MINUTES, "(partnerschaftsvertrag.de.md#zweck)", "(partnerschaftsvertrag.de.md#ziel)"
    ),
    # The link names the German file, but English readers land on the English mirror.
    "anchor missing in the version a reader lands on": one(
        MIRROR,
        "## Purpose { #zweck }",
        "## Purpose { #purpose }",
        (MINUTES, "[agreement's purpose]"),
        ("docs/kb/start.en.md", "[partnership agreement]"),
        (MIRROR, "see [above](#zweck)"),
        marker="see [above](#zweck)",
    ),
    "anchor on a generated page": one(MINUTES, "(index.md#documents)", "(index.md#dokumente)"),
    "image that does not exist": one(AGREEMENT, "unterzeichnung.svg)", "unterzeichnung.png)"),
    "attachment that does not exist": one(
        AGREEMENT,
        "  - file: files/vertrag-unterschrieben.pdf",
        "  - file: files/vertrag-unterschrieben-2001.pdf",
    ),
    # Validation rejects the file; its links are still checked, in the same run.
    "front matter error and a broken link in the same file": Defect(
        (
            Edit(AGREEMENT, "type: agreement", "type: vertrag"),
            Edit(AGREEMENT, "und die [Laufzeit](#laufzeit)", "und die [Laufzeit](#dauer)"),
        ),
        ((AGREEMENT, "type: vertrag"), (AGREEMENT, "[Laufzeit](#dauer)")),
    ),
    "unknown front matter key": one(
        AGREEMENT, "type: agreement\n", "type: agreement\nvisiblity: internal\n", marker="visiblity"
    ),
    "invalid YAML in front matter": one(
        MINUTES, "title: Minutes of the steering group", "title: Minutes: the steering group"
    ),
    "invalid YAML in partnership.yml": one(
        f"{P}/partnership.yml", "  de: Partnerschaft Bergheim", "  de: Partnerschaft: Bergheim"
    ),
    "document in a language the partnership does not have": one(
        f"{P}/note.fr.md", None, "---\ntitle: Note\ntype: other\ndate: 2024-04-01\n---\n\nSalut.\n"
    ),
    "public document linking an internal one": one(
        MINUTES, "again.\n", "again, with the [budget](haushalt.de.md).\n"
    ),
    "HTML link the build does not adjust": one(
        AGREEMENT, "## Laufzeit", '<a href="protokoll-2024.en.md">Protokoll</a>\n\n## Laufzeit'
    ),
    "link that starts with a slash": one(
        MINUTES, "(index.md#documents)", "(/partnerships/bergheim-tanga/index.md)"
    ),
    "link outside the archive": one(MINUTES, "(index.md#documents)", "(../../README.md)"),
    # translate --provider pseudo: for trying the workflow, never published.
    "pseudo-translation": one(
        f"{P}/protokoll-2024.de.md",
        None,
        "---\ntranslation: {from: en, status: machine, provider: pseudo}\ntitle: ⟪de⟫ Ṁîñûţéš\n"
        "type: minutes\ndate: 2024-03-12\n---\n\n⟪de⟫ Ţĥé ĝŕöûþ.\n",
    ),
}


def plant(project: Path, defect: Defect) -> None:
    for edit in defect.edits:
        path = project / edit.path
        if edit.old is None:
            path.write_text(edit.new, "utf-8")
            continue
        text = path.read_text("utf-8")
        assert text.count(edit.old) == 1, (edit.path, edit.old)
        path.write_text(text.replace(edit.old, edit.new), "utf-8")


def line_of(project: Path, path: str, marker: str) -> int:
    lines = (project / path).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if marker in line)


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts/check.py"), "--root", str(project)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def stopping_places(output: str) -> set[tuple[str, int]]:
    """Where check.py says the build stops: errors, and validation's warnings if it says so."""
    places = set()
    for path, line, level in re.findall(r"^(\S+?):(\d+): (error|warning): ", output, re.M):
        if level == "error" or "the site build stops on" in output:
            places.add((path, int(line)))
    return places


def test_the_clean_archive_passes_both(tmp_path):
    project = make_project(tmp_path / "clean", FIXTURES / "verdict")
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("0 errors, ")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_check_and_the_strict_build_agree(name, tmp_path):
    defect = DEFECTS[name]
    project = make_project(tmp_path / "archive", FIXTURES / "verdict")
    plant(project, defect)
    expected = {(path, line_of(project, path, marker)) for path, marker in defect.expected}

    result = check(project)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert stopping_places(result.stdout) == expected, result.stdout

    build = mkdocs_build(project)
    assert build.returncode != 0, f"the strict build published it:\n{build.output}"
