"""Review means a person looked: only mirrors, only after they were shown, never pseudo-text.

A machine mirror is made by ``translate`` against the loopback provider, then the review
commands run as a coordinator runs them: piped (no terminal) and on a real terminal (a
pseudo-terminal), where the program asks before it marks anything.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from builds import fixture_archive, run_script

from partnership_archive.loading import load_archive
from partnership_archive.mirror_status import mirror_state

VISIT = "partnerships/lindau-kivu/minutes/2024-02-01-visit"  # English original
PROGRAM = Path(sys.executable).with_name("partnership-archive")


@pytest.fixture
def archive(tmp_path: Path, fake) -> Path:
    """The basic fixture with a machine mirror: the visit minutes in German."""
    root = tmp_path / "archive"
    fixture_archive(root)
    options = {"endpoint": fake.url, "timeout": 2, "attempts": 1, "backoff": 0}
    config = {"provider": "libre", "memory": "memory.jsonl", "providers": {"libre": options}}
    (root / "translation.yml").write_text(yaml.safe_dump(config), "utf-8")
    result = translate(root, VISIT + ".en.md")
    assert result.returncode == 0, result.stderr
    assert state(root, VISIT, "de") == "machine"
    return root


def translate(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_script("translate.py", root, *args, env={"CI": "true", "LANG": "C.UTF-8"})


def review(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PROGRAM), "review", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": ""},
    )


def state(root: Path, key: str, lang: str) -> str:
    archive, _ = load_archive(root, ["de", "en"])
    item = next(i for i in (*archive.documents, *archive.knowledge) if i.site_key == key)
    return mirror_state(item.source, item.versions.get(lang))


def test_marking_the_original_marks_nothing_and_names_its_mirrors(archive):
    result = translate(archive, "--mark-reviewed", f"{VISIT}.en.md")
    assert result.returncode == 2
    assert (
        f"{VISIT}.en.md is an original; its mirrors are {VISIT}.de.md. Name the mirror, "
        "or pick it with --to de."
    ) in result.stderr
    assert state(archive, VISIT, "de") == "machine"


def test_a_folder_is_refused(archive):
    result = translate(archive, "--mark-reviewed", "partnerships")
    assert result.returncode == 2
    assert "partnerships is a folder: name the mirror files to review one by one" in result.stderr
    assert state(archive, VISIT, "de") == "machine"


def test_a_mirror_not_shown_cannot_be_marked_without_a_terminal(archive):
    result = translate(archive, "--mark-reviewed", f"{VISIT}.de.md")
    assert result.returncode == 1
    assert "it has not been shown since it (or its original) last changed" in result.stdout
    assert state(archive, VISIT, "de") == "machine"


def test_a_mirror_shown_in_its_language_can_be_marked_afterwards(archive):
    shown = review(archive, f"{VISIT}.de.md")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == f"== {VISIT}.de.md (machine; original: {VISIT}.en.md, English)"
    assert "-- The mirror as it reads now (German):" in lines
    mirror = (archive / f"{VISIT}.de.md").read_text("utf-8").splitlines()
    assert [line.split(" | ", 1)[1] for line in lines if " | " in line] == mirror
    assert lines[-1] == (
        f"When the mirror is right: partnership-archive review --mark-reviewed {VISIT}.de.md"
    )
    assert state(archive, VISIT, "de") == "machine"  # showing alone marks nothing

    marked = review(archive, "--mark-reviewed", f"{VISIT}.de.md")
    assert marked.returncode == 0, marked.stdout
    assert marked.stdout.strip() == f"{VISIT}.de.md: marked as reviewed"
    assert state(archive, VISIT, "de") == "reviewed"


def test_a_mirror_changed_after_it_was_shown_is_refused(archive):
    assert review(archive, f"{VISIT}.de.md").returncode == 0
    mirror = archive / f"{VISIT}.de.md"
    mirror.write_text(mirror.read_text("utf-8") + "\nNachträglich ergänzt.\n", "utf-8")
    refused = review(archive, "--mark-reviewed", f"{VISIT}.de.md")
    assert refused.returncode == 1
    assert "has not been shown since it (or its original) last changed" in refused.stdout
    assert state(archive, VISIT, "de") == "edited"


def test_the_original_with_to_names_its_mirror(archive):
    shown = review(archive, f"{VISIT}.en.md", "--to", "de")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"== {VISIT}.de.md (machine;")
    wrong = review(archive, f"{VISIT}.en.md", "--to", "fr")
    assert wrong.returncode == 2
    assert f"{VISIT}.en.md has mirrors in de only; choose one with --to." in wrong.stderr


def test_a_pseudo_translation_can_never_be_marked_reviewed(archive):
    (archive / f"{VISIT}.de.md").unlink()
    (archive / "memory.jsonl").unlink()  # else the memory answers all: no pseudo-text at all
    assert translate(archive, "--provider", "pseudo", f"{VISIT}.en.md").returncode == 0
    assert state(archive, VISIT, "de") == "pseudo"
    assert review(archive, f"{VISIT}.de.md").returncode == 0
    refused = review(archive, "--mark-reviewed", f"{VISIT}.de.md")
    assert refused.returncode == 1
    assert "is a pseudo-translation: it cannot be reviewed" in refused.stdout
    mirror = archive / f"{VISIT}.de.md"
    mirror.write_text(mirror.read_text("utf-8").replace("status: machine", "status: reviewed"))
    assert state(archive, VISIT, "de") == "pseudo"  # a hand-written claim changes nothing


def on_terminal(root: Path, answer: str, *args: str, env: dict) -> tuple[int, str]:
    """Run ``review`` on a pseudo-terminal; type ``answer`` at the question."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(PROGRAM), "review", "--root", str(root), *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "LC_ALL": "", "PAGER": "cat", "TERM": "dumb", **env},
    )
    os.close(follower)
    output, deadline, answered = b"", time.monotonic() + 60, False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the program ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
        if not answered and output.rstrip().endswith(b"/N]"):  # the question: answer it
            os.write(leader, answer.encode() + b"\n")
            answered = True
        if process.poll() is not None and not ready:
            break
    os.close(leader)
    return process.wait(timeout=30), output.decode("utf-8", "replace")


def test_on_a_terminal_review_asks_before_it_marks(archive):
    code, output = on_terminal(archive, "n", f"{VISIT}.de.md", env={"LANG": "C.UTF-8"})
    assert code == 0, output
    assert f"Have you read {VISIT}.de.md and is it right? Mark it as reviewed? [y/N]" in output
    assert state(archive, VISIT, "de") == "machine"

    code, output = on_terminal(archive, "ja", f"{VISIT}.de.md", env={"LANG": "de_DE.UTF-8"})
    assert code == 0, output
    assert "Als geprüft markieren? [j/N]" in output
    assert f"{VISIT}.de.md: als geprüft markiert" in output
    assert state(archive, VISIT, "de") == "reviewed"
