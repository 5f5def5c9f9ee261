"""The calendar of an earlier plan (--replaces): the events pumpplan wrote in it, to cancel those now gone.

Only pumpplan's own events (a UID ending in @pumpplan) are read; whose plan each is, the
renderer decides from its UID. Times are read as instants: the cancellations are written in UTC.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as VEvent
from icalendar.error import GloballyUniqueTZIDGuessed

from pumpplan.errors import InputError, shown
from pumpplan.files import read_regular
from pumpplan.inputs.appointments import MAX_BYTES
from pumpplan.inputs.calendar_event import MALFORMED, cancelled, reason, uid

OWN_DOMAIN = "@pumpplan"


@dataclass(frozen=True)
class PastEvent:
    """One event pumpplan wrote in the earlier file, as it was written."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    sequence: int


def read_earlier(path: Path) -> tuple[list[PastEvent], int]:
    """Return pumpplan's events in an earlier calendar that are not already cancelled, and how many others.

    Raises:
        InputError: the file is missing, not a regular text file, too large, or not a calendar.
        ReadError: the file cannot be read (permissions, a disk error).
    """
    where = shown(path.name)
    text = _text(_load(path), where)
    if "BEGIN:VCALENDAR" not in text.upper():
        raise InputError(
            "--replaces {file} is not an iCalendar file; give the .ics of the earlier plan", file=where
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        try:
            calendars = Calendar.from_ical(text, multiple=True)
            events = [e for c in calendars for e in c.walk("VEVENT") if isinstance(e, VEvent)]
            found = [_past(e) for e in events if uid(e).endswith(OWN_DOMAIN)]
        except MALFORMED as error:
            raise InputError(
                "--replaces {file} is not a readable calendar ({reason}); give the file pumpplan wrote",
                file=where, reason=reason(error),
            ) from None  # fmt: skip
    if not calendars:
        raise InputError(
            "--replaces {file} is cut off: it has no END:VCALENDAR; give the whole file", file=where
        )
    mine = [event for event in found if event is not None]
    return mine, len(events) - len(found)


def _past(event: VEvent) -> PastEvent | None:
    """Return one of pumpplan's events, or None when it is cancelled already or has no instant."""
    if cancelled(event):
        return None
    start, end = _instant(event, "DTSTART"), _instant(event, "DTEND")
    if start is None:
        return None  # pumpplan writes no all-day or floating time: this event is not one it wrote
    sequence = event.get("SEQUENCE", 0)
    return PastEvent(
        uid=uid(event),
        start=start,
        end=end if end is not None and end > start else start,
        summary=" ".join(str(event.get("SUMMARY", "")).split())[:200],
        sequence=sequence if isinstance(sequence, int) and sequence >= 0 else 0,
    )


def _instant(event: VEvent, name: str) -> datetime | None:
    """Return a DTSTART or DTEND in UTC, or None when it is missing, a date or a floating time."""
    if name not in event:
        return None
    value = event.decoded(name)
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None
    return value.astimezone(UTC)


def _load(path: Path) -> bytes:
    """Return the file's bytes, refusing a missing, special, unreadable or oversized file."""
    where = shown(str(path), limit=200)
    data = read_regular(path, MAX_BYTES, f"--replaces {where}")
    if len(data) > MAX_BYTES:
        raise InputError(
            "--replaces {file} is larger than {size} MB; give the .ics pumpplan wrote",
            file=where, size=MAX_BYTES // 2**20,
        )  # fmt: skip
    return data


def _text(data: bytes, where: str) -> str:
    """Decode a text file, refusing binary data."""
    if b"\0" in data:
        raise InputError("--replaces {file} is not a text file; give the .ics file itself", file=where)
    return data.decode("utf-8-sig", errors="replace")
