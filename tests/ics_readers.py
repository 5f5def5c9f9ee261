"""Independent readers of .ics files, each reduced to the same view of the events it sees.

Mozilla ical.js (Thunderbird), libical (Evolution), the strict ``ical`` parser and vobject
each resolve every TZID with the calendar's own VTIMEZONE, so a wrong VTIMEZONE shows up as
events at the wrong instant.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
ICALJS = HERE / "icaljs"
SYSTEM_PYTHON = Path("/usr/bin/python3")


@dataclass(frozen=True, order=True)
class Seen:
    """One event as a reader sees it: instants in UTC, alarm lead times in minutes."""

    start: datetime
    end: datetime
    summary: str
    alarms: tuple[int, ...]
    zone: str


def missing(reason: str) -> None:
    """Skip a test whose reader is not installed, or fail it when CI promised every reader."""
    if os.environ.get("PUMPPLAN_REQUIRE_READERS"):
        pytest.fail(f"PUMPPLAN_REQUIRE_READERS is set but {reason}")
    pytest.skip(reason)


def minutes(lead: timedelta) -> int:
    """Return a (negative) alarm trigger in whole minutes."""
    return int(lead / timedelta(minutes=1))


def _utc(text: str) -> datetime:
    """Parse '20300308T170000Z' or '2030-03-08T17:00:00Z' as a UTC datetime."""
    for pattern in ("%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise AssertionError(f"not a UTC time: {text!r}")


def _trigger(text: str) -> int:
    """Return an RFC 5545 duration such as '-PT10M' or '-P0DT0H10M0S' in minutes."""
    from icalendar import vDuration

    return minutes(vDuration.from_ical(text))


def _from_json(events: list[dict[str, Any]]) -> list[Seen]:
    """Return the events a checker script printed as JSON, sorted."""
    return sorted(
        Seen(
            _utc(e["start"]),
            _utc(e["end"]),
            e["summary"],
            tuple(_trigger(a["trigger"]) for a in e["alarms"]),
            e["startZone"],
        )
        for e in events
    )


@functools.cache
def icaljs_ready() -> bool:
    """Return whether node and the pinned ical.js are installed."""
    return shutil.which("node") is not None and (ICALJS / "node_modules" / "ical.js").is_dir()


def read_icaljs(data: bytes) -> tuple[dict[str, object], list[Seen]]:
    """Read with Mozilla ical.js; return the calendar's properties and its events."""
    result = _icaljs(data)
    return result, _from_json(result.pop("events"))


def _icaljs(data: bytes) -> dict[str, Any]:
    """Return what the ical.js checker prints of a file: the calendar's properties and raw events."""
    if not icaljs_ready():
        missing("node or tests/icaljs/node_modules is missing: run 'npm ci' in tests/icaljs")
    done = subprocess.run(
        ["node", str(ICALJS / "check.mjs")], input=data, capture_output=True, check=True, timeout=60
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def raw_events(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Return each event as ical.js and as libical read it: uid, summary, description, status, alarms..."""
    return {"ical.js": _icaljs(data)["events"], "libical": _libical(data)["events"]}


@functools.cache
def libical_ready() -> bool:
    """Return whether the system Python can load libical through GObject introspection."""
    if not SYSTEM_PYTHON.exists():
        return False
    probe = "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"
    return subprocess.run([str(SYSTEM_PYTHON), "-c", probe], capture_output=True).returncode == 0


def read_libical(data: bytes) -> tuple[list[str], list[Seen]]:
    """Read with libical; return its RFC 5545 restriction errors and the events."""
    result = _libical(data)
    return result["errors"], _from_json(result["events"])


def libical_itip_errors(data: bytes) -> list[str]:
    """Return what libical finds against iTIP's rules (RFC 5546), which METHOD brings in."""
    errors: list[str] = _libical(data)["itip"]
    return errors


def _libical(data: bytes) -> dict[str, Any]:
    """Return what the libical checker prints of a file: restriction errors, zones and raw events."""
    if not libical_ready():
        missing("libical is missing: apt-get install python3-gi gir1.2-ical-3.0")
    script = HERE / "libical_check.py"
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(script)], input=data, capture_output=True, check=True, timeout=60
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def read_ical(data: bytes) -> list[Seen]:
    """Read with the strict ``ical`` parser, times resolved by the file's own VTIMEZONE."""
    from ical.calendar_stream import IcsCalendarStream
    from ical.timezone import IcsTimezoneInfo

    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    # ical swaps a known TZID for Python's zoneinfo; re-reading the wall time with the file's
    # VTIMEZONE makes the VTIMEZONE itself the thing under test. ical applies an observance only
    # from its RRULE or RDATE onsets, so a zone that never changes (one STANDARD, Google's form
    # for Asia/Kolkata) would read as UTC: there ical's zoneinfo stays.
    zones = {
        tz.tz_id: IcsTimezoneInfo.from_timezone(tz)
        for tz in calendar.timezones
        if any(o.rrule for o in [*tz.standard, *tz.daylight])
    }

    def instant(moment: datetime) -> tuple[datetime, str]:
        key = getattr(moment.tzinfo, "key", None)
        if key in zones:
            return moment.replace(tzinfo=zones[key]).astimezone(UTC), key
        assert moment.tzinfo is not None, f"{moment} is a floating time"
        return moment.astimezone(UTC), key or "UTC"

    seen = []
    for event in calendar.events:
        (start, zone), (end, _) = instant(event.dtstart), instant(event.dtend)
        alarms = tuple(minutes(a.trigger) for a in event.alarm if isinstance(a.trigger, timedelta))
        seen.append(Seen(start, end, event.summary or "", alarms, zone))
    return sorted(seen)


def read_vobject(data: bytes) -> list[Seen]:
    """Read with vobject, validating every component; its zones come from the file's VTIMEZONE."""
    import vobject

    calendar = vobject.readOne(data.decode("utf-8"), validate=True)
    seen = []
    for event in calendar.vevent_list:
        start, end = event.dtstart.value, event.dtend.value
        alarms = tuple(minutes(a.trigger.value) for a in getattr(event, "valarm_list", []))
        zone = getattr(start.tzinfo, "_tzid", None) or ("UTC" if start.utcoffset() == timedelta() else "?")
        seen.append(Seen(start.astimezone(UTC), end.astimezone(UTC), event.summary.value, alarms, zone))
    return sorted(seen)
