"""Shared fixtures: real `mkdocs build --strict` runs of real archives in temp dirs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from builds import FIXTURES, SAMPLE, Build, make_project, mkdocs_build, reader_project, site_build
from nginx_server import serving, world_readable_folder


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Build:
    """The bundled sample archive, built exactly as a municipality would build it."""
    project = make_project(tmp_path_factory.mktemp("sample"), SAMPLE)
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


@pytest.fixture(scope="session")
def reader_site() -> Iterator[Path]:
    """The sample plus two partnerships of new coordinators (de/en, de/es: the site is
    German, English and Spanish), built by scripts/build.py for the first host, in a
    folder nginx can read."""
    workspace = world_readable_folder("partnership-reader-")
    try:
        project = reader_project(workspace / "project")
        site = workspace / "site"
        result = site_build(project, site)
        assert result.returncode == 0, result.stdout + result.stderr
        yield site
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


@pytest.fixture(scope="session")
def reader_server(reader_site: Path) -> Iterator[str]:
    """That site behind a real nginx with deploy/nginx/'s configuration; its address."""
    prefix = reader_site.parent / "nginx"
    prefix.mkdir()
    with serving(reader_site, prefix) as base:
        yield base
