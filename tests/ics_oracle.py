"""The calendar as icalendar's object model writes it: the oracle the .ics text writer is checked against.

This is how ``pumpplan/render/ics.py`` wrote the file before it wrote the text itself (too
slow at a thousand infusions); it reuses the same entries, UIDs, SEQUENCE and VTIMEZONE.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import TRANSP, Alarm, Calendar
from icalendar import Event as VEvent

from pumpplan.core.model import Plan
from pumpplan.i18n import _
from pumpplan.render import RenderOptions, phrases
from pumpplan.render.ics import PRODID, calendar_name, sequence_for, uid
from pumpplan.render.ics_entries import Entry, Ring, entries
from pumpplan.render.report import Report
from pumpplan.render.vtimezone import vtimezone


def icalendar_ics(report: Report, options: RenderOptions) -> bytes:
    """Return the report's calendar as icalendar serializes it."""
    stamp = options.stamp
    assert stamp is not None
    plan = report.plan
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=calendar_name())
    calendar.pop("UID")  # Calendar.new makes up a random one
    calendar.add("X-WR-TIMEZONE", plan.zone.key)
    found = entries(report)
    zone = vtimezone(plan.zone, min(e.start for e in found), max(e.end for e in found))
    zoned = False
    for entry in found:
        event = _vevent(entry, stamp.astimezone(UTC), sequence_for(stamp), options.alarm, report.patient)
        zoned |= _set_times(event, plan, entry, zoned=zone is not None)
        calendar.add_component(event)
    if zone is not None and zoned:
        calendar.subcomponents.insert(0, zone)
    return bytes(calendar.to_ical())


def _vevent(
    entry: Entry, stamp: datetime, sequence: int, alarm: timedelta | None, owner: str | None
) -> VEvent:
    """Return one VEVENT without its times, with its display alarm if it has one."""
    event = VEvent.new(
        uid=uid(entry.seed, owner),
        stamp=stamp,
        sequence=sequence,
        summary=entry.title,
        description="\n".join(entry.lines),
        categories=["pumpplan", entry.category],
        transparency=TRANSP.TRANSPARENT if entry.transparent else TRANSP.OPAQUE,
    )
    if alarm is None or entry.ring is Ring.NEVER:
        return event
    if entry.ring is Ring.ON_TIME or not alarm:
        text, trigger = entry.ring_text or entry.title, timedelta()
    else:
        text, trigger = _("{title} in {lead}").format(title=entry.title, lead=phrases.span(alarm)), -alarm
    event.add_component(Alarm.new_display(description=text, trigger=trigger))
    return event


def _set_times(event: VEvent, plan: Plan, entry: Entry, *, zoned: bool) -> bool:
    """Give an event its start and end; return whether they carry the plan's TZID."""
    local = (plan.local(entry.start), plan.local(entry.end))
    if zoned and not any(_repeated(moment) for moment in local):
        event.start, event.end = local
    else:
        event.start, event.end = entry.start.astimezone(UTC), entry.end.astimezone(UTC)
    return "TZID" in event["DTSTART"].params


def _repeated(local: datetime) -> bool:
    """Return whether a local time falls in the hour that repeats when the clocks go back."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
