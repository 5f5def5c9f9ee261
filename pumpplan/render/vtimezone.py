"""VTIMEZONE components that Outlook, Google, Apple, Thunderbird and libical all read.

icalendar's ``Timezone.from_tzinfo`` lists every change as RDATEs: Outlook reads only yearly
RRULE observances, and Mozilla ical.js put events an hour off in zones written that way (seen
for America/Santiago and Asia/Jerusalem in 2030-31). So the zone's changes around the plan are found in
zoneinfo and written as one yearly rule per kind of change ("the second Sunday of March at
02:00"), each checked to give exactly every change from the year before the plan to the year
after it. A zone whose changes follow no such rule there (it changed its rules, or they follow a
lunar calendar) gets no VTIMEZONE: its times are then best written in UTC.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_STEP = timedelta(hours=12)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One change of a zone's UTC offset."""

    at: datetime  # the instant, in UTC
    before: timedelta
    after: timedelta
    name: str

    @property
    def wall(self) -> datetime:
        """Return the naive local time the change happens at, by the clock before it."""
        return (self.at + self.before).replace(tzinfo=None)

    @property
    def forward(self) -> bool:
        """Return whether the clocks go forward: the start of daylight time, as Outlook sees it.

        Not zoneinfo's ``dst()``: Europe/Dublin's summer time is its standard time, and its
        winter a negative daylight saving, which would leave it no STANDARD observance.
        """
        return self.after > self.before


def vtimezone(zone: ZoneInfo, first: datetime, last: datetime) -> Timezone | None:
    """Return a VTIMEZONE right from the year before ``first`` to the year after ``last``, if one can be."""
    begin = datetime(first.astimezone(UTC).year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last.astimezone(UTC).year + 2, 1, 1, tzinfo=UTC)
    changes = offset_changes(zone, begin, end)
    component = Timezone()
    component.add("TZID", zone.key)
    if not changes:
        component.add_component(_fixed(zone, begin))
        return component
    groups: dict[tuple[timedelta, timedelta, str], list[Change]] = defaultdict(list)
    for change in changes:
        groups[change.before, change.after, change.name].append(change)
    # Outlook wants one STANDARD and one DAYLIGHT; more kinds of change mean the rules moved.
    if sorted(group[0].forward for group in groups.values()) != [False, True]:
        return None
    years = range(begin.year, end.year)
    for group in groups.values():
        observance = _yearly(group, years)
        if observance is None:
            return None
        component.add_component(observance)
    return component


def offset_changes(zone: ZoneInfo, begin: datetime, end: datetime) -> list[Change]:
    """Return every change of the zone's UTC offset between two instants."""
    changes = []
    moment = begin
    while moment < end:
        following = moment + _STEP
        if _offset(following, zone) != _offset(moment, zone):
            changes.append(_change(zone, moment, following))
        moment = following
    return changes


def _offset(moment: datetime, zone: ZoneInfo) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset


def _change(zone: ZoneInfo, low: datetime, high: datetime) -> Change:
    """Find the instant the offset changes between two instants, to the second."""
    while high - low > timedelta(seconds=1):
        middle = low + timedelta(seconds=(high - low) // timedelta(seconds=2))
        if _offset(middle, zone) == _offset(low, zone):
            low = middle
        else:
            high = middle
    return Change(high, _offset(low, zone), _offset(high, zone), high.astimezone(zone).tzname() or "")


def _fixed(zone: ZoneInfo, begin: datetime) -> TimezoneStandard:
    """Return the one observance of a zone whose offset does not change."""
    observance = TimezoneStandard()
    observance.DTSTART = begin.replace(tzinfo=None)
    observance.TZOFFSETFROM = observance.TZOFFSETTO = _offset(begin, zone)
    observance.add("TZNAME", begin.astimezone(zone).tzname() or zone.key)
    return observance


def _yearly(changes: list[Change], years: range) -> TimezoneStandard | TimezoneDaylight | None:
    """Return the observance whose yearly rule gives exactly these changes, or None if none does."""
    first = changes[0]
    walls = [c.wall for c in changes]
    month, clock, weekday = first.wall.month, first.wall.time(), first.wall.weekday()
    if [w.year for w in walls] != list(years):
        return None
    if any((w.month, w.time(), w.weekday()) != (month, clock, weekday) for w in walls):
        return None
    nth = _nth(walls)
    if nth is None:
        return None
    observance = TimezoneDaylight() if first.forward else TimezoneStandard()
    observance.DTSTART = first.wall
    observance.TZOFFSETFROM = first.before
    observance.TZOFFSETTO = first.after
    observance.add("TZNAME", first.name)
    observance.add("RRULE", vRecur(freq="YEARLY", bymonth=month, byday=f"{nth}{_WEEKDAYS[weekday]}"))
    return observance


def _nth(walls: list[datetime]) -> int | None:
    """Return n for 'the n-th weekday of the month' (-1: the last) that fits every day, if one does."""
    if all(w.day > calendar.monthrange(w.year, w.month)[1] - 7 for w in walls):
        return -1
    counts = {(w.day - 1) // 7 + 1 for w in walls}
    return counts.pop() if len(counts) == 1 else None
