"""Building real sites for the tests: a project from this repository and an archive.

Kept out of conftest.py so that test modules import it by a name no other folder
uses (tests/translation has a conftest.py of its own).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Build:
    project: Path
    site: Path
    returncode: int
    output: str


def make_project(target: Path, archive: Path) -> Path:
    """A site project: this repository's configuration and theme, ``archive``'s content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copy(REPO / "hosts.yml", target / "hosts.yml")
    shutil.copytree(
        REPO / "overrides", target / "overrides", ignore=shutil.ignore_patterns("__pycache__")
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
