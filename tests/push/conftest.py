"""Fixtures: a real Radicale and a real Xandikos for the whole session, a fresh calendar per test."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.push.servers import Server, free_port, radicale, xandikos


@pytest.fixture(scope="session", params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Each test that takes a server runs against both, started once for the session."""
    start = radicale if request.param == "radicale" else xandikos
    with start(tmp_path_factory.mktemp(request.param)) as running:
        yield running


@pytest.fixture
def calendar() -> str:
    """A display name no other test uses, so each test gets its own calendar."""
    return f"Breastfeeding plan {uuid.uuid4().hex[:8]}"


@pytest.fixture
def unused_port() -> int:
    """A port on 127.0.0.1 nothing listens on."""
    return free_port()
