"""Fixtures for the translation engine tests: the fake provider server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fake_providers import FakeProviders, serve


@pytest.fixture
def fake() -> Iterator[FakeProviders]:
    with serve() as state:
        yield state
