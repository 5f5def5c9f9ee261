"""Turn infusion appointments into a pumping schedule. Pure: no I/O, no clock."""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from pumpplan.core.model import (
    MAX_NIGHT_GAP,
    Event,
    EventKind,
    Infusion,
    Notice,
    Plan,
    Rule,
    WarningKind,
    Window,
    window_at,
)
from pumpplan.core.notices import notices, rule_notices
from pumpplan.errors import ScheduleError

_MINUTE = timedelta(minutes=1)
# Events that start together are listed in this order: the pump, the infusion, the rest.
_RANK = {kind: rank for rank, kind in enumerate(EventKind)}
_PUMPS = (EventKind.PUMP_KEEP, EventKind.PUMP_DUMP)


def build_plan(
    infusions: Iterable[Infusion], rule: Rule, zone: ZoneInfo, now: datetime | None = None
) -> Plan:
    """Compute the schedule for a course of infusions.

    Args:
        infusions: appointments with aware start times, in any order.
        rule: the clinic's protocol.
        zone: the zone every time in the plan is shown in.
        now: when given, infusions before it are warned about.

    Returns:
        The plan, its times in ``zone`` and its events sorted by start.

    Raises:
        ScheduleError: two infusions start together or one starts before the previous ends.
    """
    # Everything is computed in UTC: Python compares and subtracts datetimes that
    # share a zone by wall-clock time, which is wrong across a DST change.
    ordered = _checked(tuple(Infusion(i.start.astimezone(UTC), i.duration) for i in infusions), zone)
    windows = _merge(ordered, rule)
    pre_pumps = _pre_pumps(ordered, rule)
    events = [*_infusion_events(ordered, pre_pumps, windows, rule), *_resumes(windows)]
    pump_times = sorted(pre_pumps.values())
    anchors = _anchors(windows, pre_pumps)
    starts = [i.start for i in ordered]
    for window, anchor in zip(windows, anchors, strict=True):
        events += [
            Event(EventKind.PUMP_DUMP, t, _session_end(t, rule.session, starts), window=window)
            for t in _dump_times(window, anchor, pump_times, rule, zone)
        ]
    events = _one_at_a_time(sorted(events, key=lambda e: (e.start, _RANK[e.kind])))
    removals = [e.start for e in events if e.kind in _PUMPS]
    gaps = _long_gaps(windows, anchors, removals, rule, zone)
    found = notices(ordered, pre_pumps, windows, zone, now, (*gaps, *rule_notices(rule, ordered[0].start)))
    return Plan(rule, zone, ordered, windows, tuple(events), found)


def _checked(infusions: Sequence[Infusion], zone: ZoneInfo) -> tuple[Infusion, ...]:
    """Sort infusions and reject duplicates and overlaps."""
    if not infusions:
        raise ScheduleError("no infusion times were given; add at least one, e.g. 'Dec 7 10:00'")
    ordered = sorted(infusions, key=lambda i: i.start)
    for before, after in itertools.pairwise(ordered):
        when = after.start.astimezone(zone)
        if after.start == before.start:
            raise ScheduleError(
                "the infusion at {when:%a %b %-d %H:%M} is listed twice; remove the duplicate", when=when
            )
        if after.start < before.end:
            raise ScheduleError(
                "the infusion at {when:%a %b %-d %H:%M} starts before the previous one ends "
                "({end:%H:%M}); check the times or --duration",
                when=when, end=before.end.astimezone(zone),
            )  # fmt: skip
    return tuple(ordered)


def _pre_pumps(infusions: Sequence[Infusion], rule: Rule) -> dict[Infusion, datetime]:
    """Return when to pump before each infusion: pump-before ahead, but not during an earlier one.

    An infusion that follows the previous one back to back gets no pump before it.
    """
    pumps = {
        infusion: _after_infusions(infusion.start - rule.pump_before, rule.session, infusions[:index])
        for index, infusion in enumerate(infusions)
    }
    kept: dict[Infusion, datetime] = {}
    taken: set[datetime] = set()
    for infusion, pump in pumps.items():
        # Two infusions' pumps pushed to the same instant (past the same infusion) are one session.
        if pump < infusion.start and pump not in taken:
            kept[infusion] = pump
            taken.add(pump)
    return kept


def _merge(infusions: Sequence[Infusion], rule: Rule) -> tuple[Window, ...]:
    """Give each infusion its window and merge windows that overlap or touch."""
    windows: list[Window] = []
    for infusion in infusions:
        end = infusion.end + rule.dump
        if windows and infusion.start <= windows[-1].end:
            last = windows.pop()
            windows.append(Window(last.start, max(last.end, end), (*last.infusions, infusion)))
        else:
            windows.append(Window(infusion.start, end, (infusion,)))
    return tuple(windows)


def _infusion_events(
    infusions: Sequence[Infusion],
    pre_pumps: dict[Infusion, datetime],
    windows: Sequence[Window],
    rule: Rule,
) -> list[Event]:
    """Return each infusion and its pre-infusion pump, a dump if it falls in a window."""
    events = [Event(EventKind.INFUSION, i.start, i.end, i, window_at(i.start, windows)) for i in infusions]
    for infusion, pump in pre_pumps.items():
        window = window_at(pump, windows)
        kind = EventKind.PUMP_KEEP if window is None else EventKind.PUMP_DUMP
        events.append(Event(kind, pump, min(pump + rule.session, infusion.start), infusion, window))
    return events


def _resumes(windows: Sequence[Window]) -> list[Event]:
    """Return one resume per merged window, exactly at its end."""
    return [Event(EventKind.RESUME, w.end, None, window=w) for w in windows]


def _anchors(windows: Sequence[Window], pre_pumps: dict[Infusion, datetime]) -> list[datetime]:
    """Return where each window's cadence starts: the last milk removal before it.

    That is its first pre-infusion pump, or the previous resume if that came later.
    """
    anchors = []
    for index, window in enumerate(windows):
        first = pre_pumps.get(window.infusions[0], window.start)
        anchors.append(max(first, windows[index - 1].end) if index else first)
    return anchors


def _dump_times(
    window: Window, start: datetime, pump_times: Sequence[datetime], rule: Rule, zone: ZoneInfo
) -> list[datetime]:
    """Return the pump-and-dump times that keep the cadence inside one window.

    The cadence runs from ``start`` through every pre-infusion pump inside the window,
    to the resume at its end.
    """
    fixed = pump_times[bisect_right(pump_times, start) : bisect_left(pump_times, window.end)]
    anchors = [start, *fixed, window.end]
    times: list[datetime] = []
    for begin, finish in itertools.pairwise(anchors):
        times += _fill(begin, finish, window, rule, zone)
    return times  # inside the window: _fill starts no session before it, nor at or after its end


def _fill(begin: datetime, finish: datetime, window: Window, rule: Rule, zone: ZoneInfo) -> list[datetime]:
    """Return session times strictly between two milk removals, no gap over the allowed step."""
    times: list[datetime] = []
    t = begin
    too_close = rule.pump_every / 3  # a session this near the next removal is moved to halfway
    while finish - t > allowed_gap(t, rule, zone):
        following = _next_session(t, rule, zone)
        if finish - following < too_close:
            following = _balanced(t, finish, following, rule, zone)
        # Never before the window (that milk would be kept, and the session dropped), never in an infusion.
        following = _after_infusions(max(following, window.start), rule.session, window.infusions)
        if following >= finish:  # pushed onto the next removal itself: that one is the session
            break
        times.append(following)
        t = following
    return times


def allowed_gap(moment: datetime, rule: Rule, zone: ZoneInfo) -> timedelta:
    """Return the longest gap allowed after a milk removal at ``moment``.

    It is ``pump_every``, stretched up to five hours when the next regular
    session would fall in the quiet hours.
    """
    regular = moment + rule.pump_every
    if rule.quiet and rule.quiet.contains(regular.astimezone(zone).time()):
        return max(rule.pump_every, MAX_NIGHT_GAP)
    return rule.pump_every


def _next_session(moment: datetime, rule: Rule, zone: ZoneInfo) -> datetime:
    """Return the next regular session, pushed to the end of the quiet hours if it falls in them."""
    regular = moment + rule.pump_every
    quiet = rule.quiet
    if quiet is None or not quiet.contains(regular.astimezone(zone).time()):
        return regular
    local = regular.astimezone(zone).replace(tzinfo=None)
    wake = datetime.combine(local.date(), quiet.end)
    if wake <= local:
        wake += timedelta(days=1)
    longest = moment + max(rule.pump_every, MAX_NIGHT_GAP)
    return min(wake.replace(tzinfo=zone).astimezone(UTC), longest)


def _balanced(begin: datetime, finish: datetime, regular: datetime, rule: Rule, zone: ZoneInfo) -> datetime:
    """Move a session that would fall just before the next removal to halfway, if allowed."""
    half = (finish - begin) / 2
    middle = begin + (half // _MINUTE + (half % _MINUTE > timedelta())) * _MINUTE
    fits = middle - begin <= allowed_gap(begin, rule, zone)
    if fits and finish - middle <= allowed_gap(middle, rule, zone):
        return middle
    return regular


def _after_infusions(moment: datetime, length: timedelta, infusions: Sequence[Infusion]) -> datetime:
    """Move a session whose span would overlap an infusion (or back-to-back ones) to its end."""
    while True:
        # The last infusion that starts before the session would end; earlier ones end earlier still.
        index = bisect_left(infusions, moment + length, key=lambda i: i.start) - 1
        if index < 0 or infusions[index].end <= moment:
            return moment
        moment = infusions[index].end


def _one_at_a_time(events: list[Event]) -> list[Event]:
    """End a pumping session when the next one starts: with odd rules two could overlap."""
    pumps = [i for i, e in enumerate(events) if e.kind in _PUMPS]
    for this, following in itertools.pairwise(pumps):
        end, start = events[this].end, events[following].start
        if end is not None and end > start:
            events[this] = replace(events[this], end=start)
    return events


def _session_end(start: datetime, length: timedelta, starts: Sequence[datetime]) -> datetime:
    """Return when a session ends: after its length, or when the next infusion starts, if sooner.

    ``starts`` are the infusions' starts in order: a bisect with a key would call it some
    300,000 times for a thousand infusions.
    """
    index = bisect_right(starts, start)
    if index < len(starts) and starts[index] < start + length:
        return starts[index]
    return start + length


def _long_gaps(
    windows: Sequence[Window],
    anchors: Sequence[datetime],
    removals: Sequence[datetime],
    rule: Rule,
    zone: ZoneInfo,
) -> list[Notice]:
    """Return each stretch of a window's cadence longer than the allowed step: no room was left to pump."""
    gaps = []
    for window, anchor in zip(windows, anchors, strict=True):
        inside = removals[bisect_left(removals, anchor) : bisect_left(removals, window.end)]
        # The anchor is a removal too: a pump, or the previous resume's feed.
        for begin, finish in itertools.pairwise(sorted({anchor, *inside, window.end})):
            if finish - begin > allowed_gap(begin, rule, zone):
                gaps.append(Notice(WarningKind.LONG_GAP, begin, finish))
    return gaps
