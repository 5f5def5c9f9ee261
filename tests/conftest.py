"""Shared helpers: plans built from wall-clock times in a zone."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings

from pumpplan.core.engine import build_plan
from pumpplan.core.model import Infusion, Plan, Rule

# HYPOTHESIS_PROFILE=thorough runs the properties 20 times longer, for a search before a release.
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

LA = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
ZONES = [LA, BERLIN, KOLKATA]


def at(text: str, zone: ZoneInfo = LA) -> datetime:
    """Return a wall-clock time such as '2030-12-02 10:00' in a zone."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def make_plan(
    *times: str, zone: ZoneInfo = LA, rule: Rule | None = None, now: datetime | None = None
) -> Plan:
    """Build the plan for infusions starting at the given wall-clock times."""
    rule = rule or Rule()
    return build_plan([Infusion(at(t, zone), rule.infusion) for t in times], rule, zone, now)


@pytest.fixture(autouse=True)
def _own_config_and_language(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the tester's own clinic.toml and language out of every test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def course() -> Plan:
    """Return the common Mon/Wed/Fri course of six infusions at 10:00 in Los Angeles."""
    return make_plan(
        "2030-12-02 10:00",
        "2030-12-04 10:00",
        "2030-12-06 10:00",
        "2030-12-09 10:00",
        "2030-12-11 10:00",
        "2030-12-13 10:00",
    )


def minutes(n: float) -> timedelta:
    """Return n minutes."""
    return timedelta(minutes=n)
