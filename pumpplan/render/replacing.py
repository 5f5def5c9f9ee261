"""Which events of an earlier calendar are this plan's, and which of them the new plan no longer has.

A UID is a hash of the patient's name and what the event belongs to (see ``ics_entries.uid``), so
an event is hers exactly when its UID is the hash of her name with one of the seeds its own times
allow: nobody else's events, nor another patient's plan in the same file, are ever cancelled.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from pumpplan.core.storage import ReminderKind
from pumpplan.i18n import _
from pumpplan.render.ics_entries import Entry, entries, uid, utc
from pumpplan.render.report import PastEvent, Report


def hers(events: Sequence[PastEvent], owner: str | None, zone: ZoneInfo) -> list[PastEvent]:
    """Return the events whose UIDs pumpplan made for this patient's plan (``owner``: her --name)."""

    def made(seed: str) -> str:
        return uid(seed, owner)

    infusions = sorted(e.start for e in events if e.uid == made(f"infusion {utc(e.start)}"))
    windows = {e.end: e.start for e in events if e.uid == made(f"window {utc(e.start)}")}
    sessions = _sessions(events, windows, made)
    found = []
    for event in events:
        at = utc(event.start)
        seeds = [f"infusion {at}", f"window {at}", f"session {at} 1"]
        day = event.start.astimezone(zone).date()
        seeds += [f"task {kind.value} {day + timedelta(days=d)}" for kind in ReminderKind for d in (-1, 0, 1)]
        later = bisect.bisect_left(infusions, event.start)
        seeds += [f"before {utc(start)}" for start in infusions[later : later + 2]]
        if event.start in windows:
            seeds.append(f"resume {utc(windows[event.start])}")
        if event.uid in sessions or event.uid in {made(seed) for seed in seeds}:
            found.append(event)
    return found


def _sessions(
    events: Sequence[PastEvent], windows: dict[datetime, datetime], made: Callable[[str], str]
) -> set[str]:
    """Return the UIDs the pump-and-discard sessions of each window could have: one per place in it."""
    starts = sorted(e.start for e in events)  # counted by bisection: not every event per window
    found = set()
    for end, start in windows.items():
        inside = bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)
        found |= {made(f"session {utc(start)} {place}") for place in range(1, inside + 1)}
    return found


def to_cancel(report: Report, made: Sequence[Entry] | None = None) -> list[PastEvent]:
    """Return her earlier events that the new calendar does not have, by UID.

    ``made`` are the new calendar's entries, when the caller has them already.
    """
    if not report.earlier:
        return []
    kept = {uid(entry.seed, report.patient) for entry in (entries(report) if made is None else made)}
    return sorted((e for e in report.earlier if e.uid not in kept), key=lambda e: (e.start, e.uid))


def cancelled_title(summary: str, *, discreet: bool) -> str:
    """Return the title of a cancelled event: what it was, unless the calendar is discreet."""
    if discreet or not summary:
        return _("Cancelled")
    return _("Cancelled: {title}").format(title=summary)


def cancelled_description() -> str:
    """Return what a cancelled event says."""
    return _("This event is from an earlier plan and no longer applies.")
