"""Shared fixtures: real `mkdocs build --strict` runs of real archives in temp dirs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    """The bundled sample archive, built exactly as a municipality would build it."""
    project = make_project(tmp_path_factory.mktemp("sample"), REPO)
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def basic_build(tmp_path_factory) -> Build:
    """A miniature archive with the edge cases: a document in one language only, internal data."""
    project = make_project(tmp_path_factory.mktemp("basic"), FIXTURES / "basic")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    return build
