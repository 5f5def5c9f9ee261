"""The domain's tests run on a machine whose own zone no plan uses: the engine must never read it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _foreign_machine_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Set the process's local zone to Pacific/Chatham (+12:45/+13:45): a stray astimezone() shows."""
    monkeypatch.setenv("TZ", "Pacific/Chatham")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
