"""The one file-writing helper: complete files only, with the permissions plain writes get."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from partnership_archive import atomic


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic.write_text(tmp_path / "index.json", "{}")
    finally:
        os.umask(old)
    assert mode(tmp_path / "index.json") == 0o644  # readable by a web server


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "minutes.de.md"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.read_text("utf-8") == "new"
    assert mode(target) == 0o640


def test_no_temporary_file_is_left_behind(tmp_path):
    atomic.write_text(tmp_path / "a" / "b.md", "text")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.md"]


def test_create_makes_a_new_file_complete(tmp_path):
    old = os.umask(0o022)
    try:
        atomic.create_text(tmp_path / "p" / "partnership.yml", "name: A\n")
    finally:
        os.umask(old)
    target = tmp_path / "p" / "partnership.yml"
    assert target.read_text("utf-8") == "name: A\n" and mode(target) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["partnership.yml"]


def test_create_never_replaces_a_file(tmp_path):
    target = tmp_path / "minutes.de.md"
    target.write_text("my precious minutes", "utf-8")
    with pytest.raises(FileExistsError):
        atomic.create_text(target, "template")
    assert target.read_text("utf-8") == "my precious minutes"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.de.md"]


def test_of_two_runs_creating_one_name_exactly_one_wins(tmp_path):
    """Both runs pass their 'does it exist?' check, then both create (the race new.py had)."""
    target, outcomes, start = tmp_path / "x.de.md", [], threading.Barrier(8)

    def run(number: int) -> None:
        start.wait()
        try:
            atomic.create_text(target, f"run {number}\n")
            outcomes.append(("created", number))
        except FileExistsError:
            outcomes.append(("exists", number))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [number for outcome, number in outcomes if outcome == "created"]
    assert len(winners) == 1 and len(outcomes) == 8
    assert target.read_text("utf-8") == f"run {winners[0]}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.de.md"]
