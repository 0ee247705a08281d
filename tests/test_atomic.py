"""The one file-writing helper: complete files only, with the permissions plain writes get."""

from __future__ import annotations

import os
import stat

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
