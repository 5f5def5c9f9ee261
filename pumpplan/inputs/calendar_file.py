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
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from icalendar import Calendar, vRecur
from icalendar import Event as VEvent
from icalendar.error import GloballyUniqueTZIDGuessed

from pumpplan.errors import InputError, Phrase, shown
from pumpplan.inputs.calendar_event import (
    MALFORMED,
    Start,
    aware,
    cancelled,
    checked_length,
    instant,
    length_of,
    moved,
    reason,
    shown_title,
    start_of,
    title,
    uid,
)
from pumpplan.inputs.series import HOW_OFTEN, check_rule, expand

LONGEST_READ = 10.0  # seconds for all of a file's repeats; one rule takes milliseconds
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


def read_calendar(
    text: str, where: str, *, zone: ZoneInfo, match: str | None, limit: int
) -> list[Occurrence]:
    """Return the appointments of a calendar file, refusing more than ``limit`` of them."""
    if text.upper().count("BEGIN:VEVENT") > limit:
        raise InputError(
            "{file} holds more than {limit} events; export only the clinic's appointments",
            file=where,
            limit=limit,
        )
    with warnings.catch_warnings():
        # Thunderbird's and Evolution's TZIDs ("/mozilla.org/.../Europe/Berlin") end in the zone's name.
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        events = _events(text, where)
        if not any(not cancelled(e) for e in events):
            raise InputError(
                "{file} has no events; export the calendar with the infusion appointments", file=where
            )
        found = _occurrences(events, where, zone, match, limit)
    if len(found) > limit:
        raise InputError(
            "{file} holds more than {limit} appointments; --match the infusion events",
            file=where,
            limit=limit,
        )
    if not found and match is not None:
        titles = list(dict.fromkeys(shown(title(e), 30) for e in events))
        listed = ", ".join(titles[:5]) + (", …" if len(titles) > 5 else "")
        raise InputError(
            "no event in {file} has {value} in its title; its events are {titles}",
            file=where, value=shown(match), titles=listed,
        )  # fmt: skip
    if not found:
        raise InputError(
            "every event in {file} is cancelled or excluded; export the current appointments", file=where
        )
    return found


def _events(text: str, where: str) -> list[VEvent]:
    """Return the events of the file's calendars, or say why it is not a calendar."""
    if "BEGIN:VCALENDAR" not in text.upper():
        raise InputError(
            "{file} is not an iCalendar file; export the appointments from a calendar as .ics", file=where
        )
    _check_zones(text, where)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
        events = [e for c in calendars for e in c.walk("VEVENT") if isinstance(e, VEvent)]
    except MALFORMED as error:
        raise InputError(
            "{file} is not a readable calendar ({reason}); export it again",
            file=where,
            reason=reason(error),
        ) from None
    if not calendars:
        raise InputError(
            "{file} is cut off: it has no END:VCALENDAR; export or download it again", file=where
        )
    return events


def _check_zones(text: str, where: str) -> None:
    """Refuse, before parsing, a zone that changes more often than monthly or whose name is absurd."""
    inside = False
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():  # unfold the continuation lines first
        word = line.strip().upper()
        for name in _TZID.findall(line):  # icalendar recurses on each '/' of a name it looks up
            if len(name) > LONGEST_TZID or name.count("/") > 8:
                raise InputError(
                    "{file} names a time zone {value} that is no zone; export it again",
                    file=where, value=shown(name, 40),
                )  # fmt: skip
        if word in ("BEGIN:VTIMEZONE", "END:VTIMEZONE"):
            inside = word.startswith("BEGIN")
        elif inside and _OBSERVANCE_RULE.match(word):
            freq = word.partition("FREQ=")[2].partition(";")[0]
            raise InputError(
                "{file} defines a time zone whose clocks change {often}; export the calendar again",
                file=where, often=HOW_OFTEN[freq],
            )  # fmt: skip


def _occurrences(
    events: list[VEvent], where: str, zone: ZoneInfo, match: str | None, limit: int
) -> list[Occurrence]:
    """Expand every matching event; a moved or cancelled instance replaces the series' own."""
    replaced = {(uid(e), instant(e, "RECURRENCE-ID", zone)) for e in events if moved(e)}
    found: list[Occurrence] = []
    deadline = time.monotonic() + LONGEST_READ
    for event in events:
        if time.monotonic() > deadline:  # each rule's search is bounded; thousands of them, too
            raise InputError(
                "{file} has too many repeating events to read; export only the infusions", file=where
            )
        if cancelled(event) or (match is not None and match.casefold() not in title(event).casefold()):
            continue
        try:
            occurrences = _expand(event, zone, limit)
        except InputError as error:
            raise InputError(
                "in {file}, the event {title}: {reason}",
                file=where,
                title=shown_title(event),
                reason=error,
            ) from None
        except MALFORMED as error:  # the libraries', about a value they could not use
            raise InputError(
                "in {file}, the event {title}: {reason}",
                file=where,
                title=shown_title(event),
                reason=reason(error),
            ) from None
        found += [
            o for o in occurrences if moved(event) or (uid(event), o.start.astimezone(UTC)) not in replaced
        ]
        if len(found) > limit:
            break
    return found


def _expand(event: VEvent, zone: ZoneInfo, limit: int) -> list[Occurrence]:
    """Return every instance of one event, its series expanded."""
    start = start_of(event)
    length = length_of(event, start, zone)
    walls = {start.wall: length} if moved(event) else _walls(event, start, length, limit)
    return [Occurrence(aware(wall, start.zone, zone), span, title(event)) for wall, span in walls.items()]


def _walls(
    event: VEvent, start: Start, length: timedelta | None, limit: int
) -> dict[datetime, timedelta | None]:
    """Return the wall-clock starts of a series and their lengths: DTSTART, RRULE, RDATE, less EXDATE."""
    walls: dict[datetime, timedelta | None] = {start.wall: length}
    for recur in event.rrules:
        text = _rule_text(_floating_until(recur, start))
        check_rule(text, Phrase("its RRULE {rule}", rule=shown(text)))
        rule = rrulestr(f"RRULE:{text}", dtstart=start.wall)
        if not isinstance(rule, rrule):
            raise InputError("its RRULE holds more than one rule; fix the event")
        walls.update(
            dict.fromkeys(
                expand(
                    rule,
                    limit,
                    # Translators: the calendar event a message is about, as in 'it repeats without end'.
                    Phrase("it"),
                    Phrase("end the series in the calendar, or --match only the infusion events"),
                ),
                length,
            )
        )
    for moment, end in event.rdates:  # an RDATE period gives its instance its own length
        walls[_wall(moment, start)] = checked_length(end - moment) if isinstance(end, datetime) else length
    excluded = {_wall(moment, start) for moment in event.exdates if isinstance(moment, datetime)}
    days = {moment for moment in event.exdates if not isinstance(moment, datetime)}
    kept = {w: span for w, span in sorted(walls.items()) if w not in excluded and w.date() not in days}
    if len(kept) > limit:
        raise InputError(
            "it repeats more than {limit} times; give the series an end, or --match others", limit=limit
        )
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
        raise InputError(
            "its RDATE, EXDATE or UNTIL {value} is not a date; fix the event", value=shown(str(moment))
        )
    if not isinstance(moment, datetime):
        return datetime.combine(moment, start.wall.time())
    if moment.tzinfo is None or start.zone is None:
        return moment.replace(tzinfo=None)
    return moment.astimezone(start.zone).replace(tzinfo=None)
