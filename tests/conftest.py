"""Fixtures for every test: no tester's own settings, and the common course."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from pumpplan import i18n
from pumpplan.core.model import Plan
from tests.helpers import SIX, make_plan

if TYPE_CHECKING:
    from tests.push.servers import Server

# HYPOTHESIS_PROFILE=thorough runs the properties 20 times longer, for a search before a release.
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _own_config_and_language(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep the tester's own clinic.toml and language, and any test's language, out of every test.

    The messages' language is the process's: a command run in-process with --lang es leaves it
    Spanish, so every test starts, and ends, in English.
    """
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME", "COLUMNS"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture
def course() -> Plan:
    """Return the common Mon/Wed/Fri course of six infusions at 10:00 in Los Angeles."""
    return make_plan(*SIX)


@pytest.fixture(scope="session", params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real CalDAV server on 127.0.0.1, each of Radicale and Xandikos, started once for the session."""
    from tests.push.servers import radicale, xandikos

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
    from tests.push.servers import free_port

    return free_port()
