"""Shared fixtures: real `mkdocs build --strict` runs of real archives in temp dirs."""

from __future__ import annotations

import pytest
from builds import FIXTURES, SAMPLE, Build, make_project, mkdocs_build


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
