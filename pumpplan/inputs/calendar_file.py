"""Appointments read from an iCalendar (.ics) file: a clinic's invite or a calendar's export.

Repeating events are expanded in wall-clock time as RFC 5545 says (RRULE, RDATE, EXDATE, and
RECURRENCE-ID for moved or cancelled instances); cancelled events are left out. A time with
no zone (a floating time) is read in the plan's zone.
"""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from icalendar import Calendar, vRecur
from icalendar import Event as VEvent
from icalendar.error import GloballyUniqueTZIDGuessed

from pumpplan.errors import InputError, shown
from pumpplan.inputs.series import check_rule, expand
from pumpplan.inputs.timeparse import localize
from pumpplan.inputs.zones import FIRST_YEAR, LAST_YEAR

LONGEST = timedelta(hours=12)
LONGEST_READ = 10.0  # seconds for all of a file's repeats; one rule takes milliseconds
# What icalendar and dateutil raise on a malformed file, found by fuzzing real exports: besides
# ValueError, e.g. AttributeError for a doubled VALUE parameter, TypeError for a PERIOD mixing
# zones or an RRULE without FREQ, and OSError for a TZID that names a folder of zones ('Mexico').
MALFORMED = (ValueError, TypeError, AttributeError, KeyError, IndexError, OSError)
# What in a library's message is about its code, not the file: signatures, reprs, paths.
_INTERNALS = re.compile(r"__\w+__|\w+\.\w+\(|site-packages|/usr/|\\\\|Traceback")
# A time zone defined in the file is expanded by icalendar from its observances' rules: one that
# changes every second, minute, hour, day or week runs for minutes and gigabytes (391 bytes did).
_TZID = re.compile(r"TZID[=:]\"?([^\";:]*)", re.IGNORECASE)
LONGEST_TZID = 200  # Mozilla's '/mozilla.org/20070129_1/America/Argentina/Buenos_Aires' is 51
_OBSERVANCE_RULE = re.compile(r"^RRULE:.*?FREQ=(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY)", re.IGNORECASE)


@dataclass(frozen=True)
class Occurrence:
    """One appointment found in the file; ``length`` is None when the file gives none."""

    start: datetime
    length: timedelta | None
    title: str


@dataclass(frozen=True)
class Start:
    """An event's start as written: a wall-clock time and its zone (None: floating)."""

    wall: datetime
    zone: tzinfo | None


def read_calendar(
    text: str, where: str, *, zone: ZoneInfo, match: str | None, limit: int
) -> list[Occurrence]:
    """Return the appointments of a calendar file, refusing more than ``limit`` of them."""
    if text.upper().count("BEGIN:VEVENT") > limit:
        raise InputError(f"{where} holds more than {limit} events; export only the clinic's appointments")
    with warnings.catch_warnings():
        # Thunderbird's and Evolution's TZIDs ("/mozilla.org/.../Europe/Berlin") end in the zone's name.
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        events = _events(text, where)
        if not any(not _cancelled(e) for e in events):
            raise InputError(f"{where} has no events; export the calendar with the infusion appointments")
        found = _occurrences(events, where, zone, match, limit)
    if len(found) > limit:
        raise InputError(f"{where} holds more than {limit} appointments; --match the infusion events")
    if not found and match is not None:
        titles = list(dict.fromkeys(shown(_title(e), 30) for e in events))
        listed = ", ".join(titles[:5]) + (", …" if len(titles) > 5 else "")
        raise InputError(f"no event in {where} has {shown(match)} in its title; its events are {listed}")
    if not found:
        raise InputError(f"every event in {where} is cancelled or excluded; export the current appointments")
    return found


def _events(text: str, where: str) -> list[VEvent]:
    """Return the events of the file's calendars, or say why it is not a calendar."""
    if "BEGIN:VCALENDAR" not in text.upper():
        raise InputError(f"{where} is not an iCalendar file; export the appointments from a calendar as .ics")
    _check_zones(text, where)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
        events = [e for c in calendars for e in c.walk("VEVENT") if isinstance(e, VEvent)]
    except MALFORMED as error:
        raise InputError(f"{where} is not a readable calendar ({_reason(error)}); export it again") from None
    if not calendars:
        raise InputError(f"{where} is cut off: it has no END:VCALENDAR; export or download it again")
    return events


def _check_zones(text: str, where: str) -> None:
    """Refuse, before parsing, a zone that changes more often than monthly or whose name is absurd."""
    inside = False
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():  # unfold the continuation lines first
        word = line.strip().upper()
        for name in _TZID.findall(line):  # icalendar recurses on each '/' of a name it looks up
            if len(name) > LONGEST_TZID or name.count("/") > 8:
                raise InputError(
                    f"{where} names a time zone {shown(name, 40)} that is no zone; export it again"
                )
        if word in ("BEGIN:VTIMEZONE", "END:VTIMEZONE"):
            inside = word.startswith("BEGIN")
        elif inside and _OBSERVANCE_RULE.match(word):
            freq = word.partition("FREQ=")[2].partition(";")[0].lower()
            raise InputError(
                f"{where} defines a time zone whose clocks change {freq}; export the calendar again"
            )


def _occurrences(
    events: list[VEvent], where: str, zone: ZoneInfo, match: str | None, limit: int
) -> list[Occurrence]:
    """Expand every matching event; a moved or cancelled instance replaces the series' own."""
    replaced = {(_uid(e), _instant(e, "RECURRENCE-ID", zone)) for e in events if _moved(e)}
    found: list[Occurrence] = []
    deadline = time.monotonic() + LONGEST_READ
    for event in events:
        if time.monotonic() > deadline:  # each rule's search is bounded; thousands of them, too
            raise InputError(f"{where} has too many repeating events to read; export only the infusions")
        if _cancelled(event) or (match is not None and match.casefold() not in _title(event).casefold()):
            continue
        try:
            occurrences = _expand(event, zone, limit)
        except InputError as error:
            raise InputError(f"in {where}, the event {shown(_title(event))}: {error}") from None
        except MALFORMED as error:  # the libraries', about a value they could not use
            raise InputError(f"in {where}, the event {shown(_title(event))}: {_reason(error)}") from None
        found += [
            o for o in occurrences if _moved(event) or (_uid(event), o.start.astimezone(UTC)) not in replaced
        ]
        if len(found) > limit:
            break
    return found


def _expand(event: VEvent, zone: ZoneInfo, limit: int) -> list[Occurrence]:
    """Return every instance of one event, its series expanded."""
    start = _start(event)
    length = _length(event, start, zone)
    walls = {start.wall: length} if _moved(event) else _walls(event, start, length, limit)
    return [Occurrence(_aware(wall, start.zone, zone), span, _title(event)) for wall, span in walls.items()]


def _moved(event: VEvent) -> bool:
    """Return whether an event moves or cancels one instance of a series."""
    return "RECURRENCE-ID" in event


def _uid(event: VEvent) -> str:
    return str(event.get("UID", ""))


def _start(event: VEvent) -> Start:
    """Return the event's start, refusing all-day events and unknown zones."""
    value = _value(event, "DTSTART")
    if value is None:
        raise InputError("it has no start time (DTSTART); fix or leave out that event")
    if not isinstance(value, datetime) and isinstance(value, date):
        raise InputError(
            f"it is an all-day event on {value:%a %b %-d %Y}, not an appointment with a time; "
            "give the infusion times, or --match the infusion events"
        )
    if not isinstance(value, datetime):
        raise InputError(
            f"its start time (DTSTART) {shown(str(value))} is not a date and time; fix the event"
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InputError(
            f"it starts in the year {value.year}; pumpplan plans between {FIRST_YEAR} and {LAST_YEAR}"
        )
    tzid = getattr(event["DTSTART"], "params", {}).get("TZID")
    if value.tzinfo is None and tzid is not None:
        raise InputError(f"its time zone {shown(str(tzid))} is unknown and not in the file")
    return Start(value.replace(tzinfo=None), value.tzinfo)


def _length(event: VEvent, start: Start, zone: ZoneInfo) -> timedelta | None:
    """Return how long the appointment lasts, from DTEND or DURATION, if the file says."""
    end, duration = _value(event, "DTEND"), _value(event, "DURATION")
    if isinstance(end, datetime):
        length = _aware(end.replace(tzinfo=None), end.tzinfo, zone) - _aware(start.wall, start.zone, zone)
    elif end is not None:
        raise InputError("its end (DTEND) is not a date and time; fix the event")
    elif isinstance(duration, timedelta):
        length = duration
    elif duration is not None:
        raise InputError("its length (DURATION) is not a length of time; fix the event")
    else:
        return None
    return _checked(length)


def _checked(length: timedelta) -> timedelta | None:
    """Return an appointment's length, None for none at all, refusing one no infusion has."""
    if length < timedelta():
        raise InputError("it ends before it starts; fix the event")
    if length > LONGEST:
        raise InputError("it lasts more than 12 hours, too long for an infusion; --match the infusion events")
    return length or None


def _walls(
    event: VEvent, start: Start, length: timedelta | None, limit: int
) -> dict[datetime, timedelta | None]:
    """Return the wall-clock starts of a series and their lengths: DTSTART, RRULE, RDATE, less EXDATE."""
    walls: dict[datetime, timedelta | None] = {start.wall: length}
    for recur in event.rrules:
        text = _rule_text(_floating_until(recur, start))
        check_rule(text, f"its RRULE {shown(text)}")
        rule = rrulestr(f"RRULE:{text}", dtstart=start.wall)
        if not isinstance(rule, rrule):
            raise InputError("its RRULE holds more than one rule; fix the event")
        walls.update(
            dict.fromkeys(
                expand(
                    rule, limit, "it", "end the series in the calendar, or --match only the infusion events"
                ),
                length,
            )
        )
    for moment, end in event.rdates:  # an RDATE period gives its instance its own length
        walls[_wall(moment, start)] = _checked(end - moment) if isinstance(end, datetime) else length
    excluded = {_wall(moment, start) for moment in event.exdates if isinstance(moment, datetime)}
    days = {moment for moment in event.exdates if not isinstance(moment, datetime)}
    kept = {w: span for w, span in sorted(walls.items()) if w not in excluded and w.date() not in days}
    if len(kept) > limit:
        raise InputError(f"it repeats more than {limit} times; give the series an end, or --match others")
    return kept


def _rule_text(recur: vRecur) -> str:
    return bytes(recur.to_ical()).decode()  # type: ignore[no-untyped-call]


def _floating_until(recur: vRecur, start: Start) -> vRecur:
    """Return the rule with its UNTIL in the start's wall-clock time, as the expansion runs."""
    if "UNTIL" not in recur:
        return recur
    fixed = vRecur(recur)
    until = recur["UNTIL"][0]
    fixed["UNTIL"] = [_wall(until, start)]
    return fixed


def _wall(moment: object, start: Start) -> datetime:
    """Return a date or time of the series as a wall-clock time of its start's zone."""
    if not isinstance(moment, date):
        raise InputError(f"its RDATE, EXDATE or UNTIL {shown(str(moment))} is not a date; fix the event")
    if not isinstance(moment, datetime):
        return datetime.combine(moment, start.wall.time())
    if moment.tzinfo is None or start.zone is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(start.zone).replace(tzinfo=None)


def _aware(wall: datetime, written: tzinfo | None, zone: ZoneInfo) -> datetime:
    """Return a wall-clock time in its zone; a floating one in the plan's zone, if it exists there."""
    if written is None:
        return localize(wall, zone)
    if isinstance(written, ZoneInfo):  # a time its zone skips or repeats: refused, as when typed
        return localize(wall, written)
    return wall.replace(tzinfo=written)


def _instant(event: VEvent, name: str, zone: ZoneInfo) -> datetime | None:
    """Return a date-time property as a UTC instant, None if it is a date or broken."""
    try:
        value = _value(event, name)
        if isinstance(value, datetime):
            return _aware(value.replace(tzinfo=None), value.tzinfo, zone).astimezone(UTC)
    except InputError:
        pass
    return None


def _value(event: VEvent, name: str) -> object:
    """Return a property's value (a datetime, date or timedelta), None if it is absent."""
    prop = event.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        raise InputError(f"it has more than one {name}; fix the event")
    try:
        return getattr(prop, "dt", prop)
    except MALFORMED:  # icalendar keeps a value it cannot parse and raises on use
        raise InputError(f"its {name} {shown(str(prop))} cannot be read; fix the event") from None


def _cancelled(event: VEvent) -> bool:
    return str(event.get("STATUS", "")).upper() == "CANCELLED"


def _title(event: VEvent) -> str:
    return str(event.get("SUMMARY", "")) or "(no title)"


def _reason(error: BaseException) -> str:
    """Return the first line of a library's complaint about a value, never its internals."""
    lines = str(error).strip().splitlines()
    if not isinstance(error, ValueError) or not lines or _INTERNALS.search(lines[0]):
        return "a value that cannot be read"
    return shown(lines[0], 120)[1:-1]
