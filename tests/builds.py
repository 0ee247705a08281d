"""Building real sites for the tests: a project from this repository and an archive.

Kept out of conftest.py so that test modules import it by a name no other folder
uses (tests/translation has a conftest.py of its own).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SET_ASIDE = REPO / "sample-archive"
# Two more partnerships as new coordinators write them (one de/en, one de/es), added to
# the sample for what a reader sees: the site then has three languages.
READER = FIXTURES / "reader"


def _sample_root() -> Path:
    """The bundled sample archive: this repository while it has the sample; once
    `new.py archive` has set the sample aside, a copy that puts it back together, so the
    developers' tests (which the pipelines run) keep their fixture."""
    if not (SET_ASIDE / "partnerships/auental-mlima").is_dir():
        return REPO
    root = Path(tempfile.mkdtemp(prefix="sample-archive-"))
    atexit.register(shutil.rmtree, root, True)
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(SET_ASIDE / "partnerships", root / "partnerships")
    shutil.copytree(REPO / "overrides", root / "overrides", ignore=skip)
    shutil.copytree(SET_ASIDE / "overrides", root / "overrides", dirs_exist_ok=True)
    for name in ("mkdocs.yml", "translation.yml"):
        shutil.copy(REPO / name, root / name)
    shutil.copy(SET_ASIDE / "hosts.yml", root / "hosts.yml")
    memory = [REPO / "translation-memory.jsonl", SET_ASIDE / "translation-memory.jsonl"]
    lines = sorted(line for path in memory for line in path.read_text("utf-8").splitlines())
    (root / "translation-memory.jsonl").write_text("".join(f"{x}\n" for x in lines), "utf-8")
    return root


SAMPLE = _sample_root()


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str


def make_project(target: Path, archive: Path) -> Path:
    """A site project: this repository's configuration, the sample's hosts and theme
    (with their logos), ``archive``'s content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(SAMPLE / "hosts.yml", target / "hosts.yml")
    shutil.copytree(
        SAMPLE / "overrides", target / "overrides", ignore=shutil.ignore_patterns("__pycache__")
    )
    for folder in ("docs", "partnerships"):
        if (archive / folder).is_dir():
            shutil.copytree(archive / folder, target / folder)
    return target


def mkdocs_build(project: Path) -> Build:
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(project, site, result.returncode, result.stdout + result.stderr)


def run_script(
    script: str, root: Path, *args: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``scripts/<script>`` on the archive at ``root``, as a coordinator would."""
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), "--root", str(root), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def reader_project(target: Path) -> Path:
    """The sample archive plus the partnerships of ``READER``."""
    project = make_project(target, SAMPLE)
    shutil.copytree(READER / "partnerships", project / "partnerships", dirs_exist_ok=True)
    return project


def site_build(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    """``scripts/build.py`` as the pipelines run it (every language in its own process)."""
    return run_script("build.py", project, "-d", str(site), *args)


def fixture_archive(root: Path, name: str = "basic") -> Path:
    """A copy of ``tests/fixtures/<name>`` with this repository's ``mkdocs.yml``: an archive
    the commands can run on."""
    shutil.copytree(FIXTURES / name, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root
