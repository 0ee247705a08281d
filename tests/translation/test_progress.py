"""Progress of a translation run: a bar on a terminal, plain lines in CI and when piped;
a summary table at the end either way."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from builds import fixture_archive
from cli_output import summary_row

from partnership_archive.translation.segments import segment
from partnership_archive.translation.structure import stack_for

PROGRAM = Path(sys.executable).with_name("partnership-archive")
MIRRORS = [
    "partnerships/lindau-kivu/budget.en.md",
    "partnerships/lindau-kivu/contacts.en.md",
    "partnerships/lindau-kivu/minutes/2024-02-01-visit.de.md",
]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    return fixture_archive(tmp_path / "archive")


def sources(root: Path) -> list:
    """The segments of the three originals (none has a link, code or name to mask)."""
    stack = stack_for(root / "mkdocs.yml")
    originals = [path.replace(".en.md", ".de.md") for path in MIRRORS[:2]]
    originals.append(MIRRORS[2].replace(".de.md", ".en.md"))
    return [s for path in originals for s in segment((root / path).read_text("utf-8"), stack)]


def environment(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    return {**env, "LANG": "C.UTF-8", "LC_ALL": "", **extra}


def on_terminal(root: Path, env: dict) -> str:
    """Everything the program wrote to a (pseudo-)terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(PROGRAM), "translate", "--provider", "pseudo", "--root", str(root)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the program ended: the terminal is closed
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, output.decode("utf-8", "replace")
    return output.decode("utf-8", "replace")


def test_a_terminal_gets_a_progress_bar(archive):
    output = on_terminal(archive, environment(TERM="xterm-256color"))
    assert "━" in output  # the bar, drawn by rich
    assert "\x1b[" in output  # redrawn in place
    assert "[1/3]" not in output
    assert summary_row(output.replace("\r", ""), "Mirrors written") == "3"


def test_ci_gets_plain_lines_even_on_a_terminal(archive):
    output = on_terminal(archive, environment(TERM="xterm-256color", CI="true"))
    assert "━" not in output
    lines = output.replace("\r", "").splitlines()
    assert [f"[{n}/3] {path}" for n, path in enumerate(MIRRORS, 1)] == [
        line for line in lines if line.startswith("[")
    ]


def test_a_pipe_gets_plain_lines_and_the_summary(archive):
    result = subprocess.run(
        [str(PROGRAM), "translate", "--provider", "pseudo", "--root", str(archive)],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"[{n}/3] {p}" for n, p in enumerate(MIRRORS, 1)]
    assert "\x1b[" not in result.stdout + result.stderr
    segments = sources(archive)
    rows = ["Mirrors written", "Segments from the memory", "Segments sent", "Characters sent"]
    expected = ["3", "0", str(len(segments)), str(sum(len(s.text) for s in segments))]
    assert [summary_row(result.stdout, row) for row in rows] == expected
    assert summary_row(result.stdout, "Requests") == "0"
    assert summary_row(result.stdout, "Time").endswith(" s")


def test_the_summary_in_german(archive):
    result = subprocess.run(
        [str(PROGRAM), "translate", "--provider", "pseudo", "--root", str(archive)],
        capture_output=True,
        text=True,
        env=environment(LANG="de_DE.UTF-8"),
        timeout=120,
    )
    assert (
        result.stdout.splitlines()[0]
        == "3 Übersetzungen zu schreiben, in Deutsch (de), Englisch (en)."
    )
    assert summary_row(result.stdout, "Übersetzungen geschrieben") == "3"
    characters = sum(len(s.text) for s in sources(archive))
    assert summary_row(result.stdout, "Zeichen gesendet") == f"{characters:,}".replace(",", ".")
