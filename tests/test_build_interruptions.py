"""build.py killed half-way through staging, and two builds at once.

Two builds share the staging folder ``.cache/site-sources/``: the second one stops at
once with one line. A build killed (SIGKILL, ``partnership_archive.faults``) while it
writes the staging folder leaves the archive untouched, and the next build produces
the same staging folder and the same site, byte for byte, as a build never stopped.
"""

from __future__ import annotations

from pathlib import Path

from builds import FIXTURES, make_project, run_script

from partnership_archive import locking
from partnership_archive.faults import VARIABLE


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def sources(project: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(project).items() if not k.startswith((".cache/", "site/"))}


def build(project: Path, kill_at: str = "") -> int:
    site = project / "site"
    return run_script("build.py", project, "-d", str(site), env={VARIABLE: kill_at}).returncode


def test_a_build_killed_while_staging_leaves_the_archive_and_the_rebuild_converges(tmp_path):
    reference = make_project(tmp_path / "reference", FIXTURES / "basic")
    assert build(reference) == 0
    project = make_project(tmp_path / "project", FIXTURES / "basic")
    before = sources(project)

    # mkdocs dies half-way through writing the fifth staged page: build.py reports failure
    assert build(project, kill_at="write *.md@5") == 1
    assert sources(project) == before
    staged = tree(project / ".cache/site-sources")
    assert (
        4
        <= len([name for name in staged if not name.startswith(".")])
        < len(tree(reference / ".cache/site-sources"))
    )

    assert build(project) == 0
    assert sources(project) == before
    assert tree(project / ".cache/site-sources") == tree(reference / ".cache/site-sources")
    assert tree(project / "site") == tree(reference / "site")


def test_a_second_build_stops_at_once_with_one_line(tmp_path):
    project = make_project(tmp_path / "project", FIXTURES / "basic")
    with locking.exclusive(project, "build"):
        result = run_script("build.py", project, "-d", str(project / "site"))
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: another run is using {project} (partnership-archive build, ")
    assert line.endswith("wait until it has finished, then run this again")
    assert not (project / "site").exists() and not (project / ".cache/site-sources").exists()
