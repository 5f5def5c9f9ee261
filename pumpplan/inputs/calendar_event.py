"""One event of a calendar file: its start, its length and its properties, each checked.

A problem is said of the event as 'it' ('it ends before it starts'); the calendar's reader
says which file and which event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pumpplan.errors import InputError, Phrase, shown
from pumpplan.inputs.timeparse import localize
from pumpplan.inputs.zones import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from icalendar import Event as VEvent

LONGEST = timedelta(hours=12)
# What icalendar and dateutil raise on a malformed file, found by fuzzing real exports: besides
# ValueError, e.g. AttributeError for a doubled VALUE parameter, TypeError for a PERIOD mixing
# zones or an RRULE without FREQ, and OSError for a TZID that names a folder of zones ('Mexico').
MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError, OSError)
# What in a library's message is about its code, not the file: signatures, reprs, paths.
_INTERNALS = re.compile(r"__\w+__|\w+\.\w+\(|site-packages|/usr/|\\\\|Traceback")


@dataclass(frozen=True)
class Start:
    """An event's start as written: a wall-clock time and its zone (None: floating)."""

    wall: datetime
    zone: tzinfo | None


def moved(event: VEvent) -> bool:
    """Return whether an event moves or cancels one instance of a series."""
    return "RECURRENCE-ID" in event


def uid(event: VEvent) -> str:
    return str(event.get("UID", ""))


def start_of(event: VEvent) -> Start:
    """Return the event's start, refusing all-day events and unknown zones."""
    value = property_value(event, "DTSTART")
    if value is None:
        raise InputError("it has no start time (DTSTART); fix or leave out that event")
    if not isinstance(value, datetime) and isinstance(value, date):
        raise InputError(
            "it is an all-day event on {day:%a %b %-d %Y}, not an appointment with a time; "
            "give the infusion times, or --match the infusion events",
            day=value,
        )
    if not isinstance(value, datetime):
        raise InputError(
            "its start time (DTSTART) {value} is not a date and time; fix the event", value=shown(str(value))
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputError(
            "it starts in the year {year}; pumpplan plans between {first} and {last}",
            year=value.year, first=FIRST_YEAR, last=LAST_YEAR,
        )  # fmt: skip
    tzid = getattr(event["DTSTART"], "params", {}).get("TZID")
    if value.tzinfo is None and tzid is not None:
        raise InputError("its time zone {value} is unknown and not in the file", value=shown(str(tzid)))
    return Start(value.replace(tzinfo=None), value.tzinfo)


def length_of(event: VEvent, start: Start, zone: ZoneInfo) -> timedelta | None:
    """Return how long the appointment lasts, from DTEND or DURATION, if the file says."""
    end, duration = property_value(event, "DTEND"), property_value(event, "DURATION")
    if isinstance(end, datetime):
        length = aware(end.replace(tzinfo=None), end.tzinfo, zone) - aware(start.wall, start.zone, zone)
    elif end is not None:
        raise InputError("its end (DTEND) is not a date and time; fix the event")
    elif isinstance(duration, timedelta):
        length = duration
    elif duration is not None:
        raise InputError("its length (DURATION) is not a length of time; fix the event")
    else:
        return None
    return checked_length(length)


def checked_length(length: timedelta) -> timedelta | None:
    """Return an appointment's length, None for none at all, refusing one no infusion has."""
    if length < timedelta():
        raise InputError("it ends before it starts; fix the event")
    if length > LONGEST:
        raise InputError("it lasts more than 12 hours, too long for an infusion; --match the infusion events")
    return length or None


def aware(wall: datetime, written: tzinfo | None, zone: ZoneInfo) -> datetime:
    """Return a wall-clock time in its zone; a floating one in the plan's zone, if it exists there."""
    if written is None:
        return localize(wall, zone)
    if isinstance(written, ZoneInfo):  # a time its zone skips or repeats: refused, as when typed
        return localize(wall, written)
    return wall.replace(tzinfo=written)


def instant(event: VEvent, name: str, zone: ZoneInfo) -> datetime | None:
    """Return a date-time property as a UTC instant, None if it is a date or broken."""
    try:
        value = property_value(event, name)
        if isinstance(value, datetime):
            return aware(value.replace(tzinfo=None), value.tzinfo, zone).astimezone(UTC)
    except InputError:
        pass
    return None


def property_value(event: VEvent, name: str) -> object:
    """Return a property's value (a datetime, date or timedelta), None if it is absent."""
    prop = event.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        raise InputError("it has more than one {name}; fix the event", name=name)
    try:
        return getattr(prop, "dt", prop)
    except MALFORMED:  # icalendar keeps a value it cannot parse and raises on use
        raise InputError(
            "its {name} {value} cannot be read; fix the event", name=name, value=shown(str(prop))
        ) from None


def cancelled(event: VEvent) -> bool:
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def title(event: VEvent) -> str:
    return str(event.get("SUMMARY", "")) or "(no title)"


def shown_title(event: VEvent) -> str | Phrase:
    """Return an event's title quoted for a message, or words that say it has none."""
    title = str(event.get("SUMMARY", ""))
    return shown(title) if title else Phrase("'(no title)'")


def reason(error: BaseException) -> str | Phrase:
    """Return the first line of a library's complaint about a value (its own English), never its internals."""
    lines = str(error).strip().splitlines()
    if not isinstance(error, ValueError) or not lines or _INTERNALS.search(lines[0]):
        return Phrase("a value that cannot be read")
    return shown(lines[0], 120)[1:-1]
