"""The plan as an iCalendar (.ics) file that Google, Apple and Outlook calendars import.

Times carry the plan's TZID and the file holds a VTIMEZONE for it (see ``vtimezone``), so
every calendar shows them in the plan's zone. Two kinds of time are written in UTC instead
(X-WR-TIMEZONE still names the zone): every time of a zone whose changes follow no yearly
rule, and an event touching the hour that repeats when the clocks go back, where RFC 5545
means the first of the two but readers differ (Mozilla ical.js takes the second). Nothing is
a floating time.

UIDs are stable: each is a hash of what its event belongs to, never of the event's own time,
so exporting a changed plan again moves events in the calendar instead of duplicating them.

- an infusion: its start instant in UTC;
- the pump before an infusion (kept or discarded): that infusion's start;
- a no-breastfeeding window, and the resume at its end: the window's first infusion's start;
- a pump-and-discard session: its window's first infusion's start and its place in the window.

SEQUENCE is the number of seconds from 2020-01-01 UTC to the export's DTSTAMP: a later export
of the same events carries a higher SEQUENCE, so calendars take it as the newer version, and
the same plan exported with the same stamp gives the same bytes. A re-export cannot remove
events that a changed plan no longer has (METHOD:PUBLISH has no way to cancel them).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from icalendar import TRANSP, Alarm, Calendar
from icalendar import Event as VEvent

from pumpplan.core.model import Plan
from pumpplan.i18n import _
from pumpplan.render import RenderOptions, phrases
from pumpplan.render.ics_entries import Entry, Ring, entries
from pumpplan.render.report import Report
from pumpplan.render.vtimezone import vtimezone

PRODID = "-//pumpplan//pumpplan//EN"
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
UID_DOMAIN = "pumpplan"


def render_ics(report: Report, options: RenderOptions) -> bytes:
    """Render a report as an iCalendar file made at ``options.stamp``.

    One event per line of the plan, one per window, and with the stash a reminder at 8 pm
    on each day milk is to be frozen or thawed. The patient's name goes into every UID's
    hash, so that two patients with the same appointments never share an event in a
    calendar that holds both plans.
    """
    stamp = options.stamp
    if stamp is None or stamp.tzinfo is None:
        raise ValueError("the calendar needs an aware stamp: when the export is made")
    plan = report.plan
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=calendar_name())
    calendar.pop("UID")  # Calendar.new makes up a random one; the file must be reproducible
    calendar.add("X-WR-TIMEZONE", plan.zone.key)
    found = entries(report)
    zone = vtimezone(plan.zone, min(e.start for e in found), max(e.end for e in found))
    sequence = sequence_for(stamp)
    zoned = False
    for entry in found:
        event = _vevent(entry, stamp.astimezone(UTC), sequence, options.alarm, report.patient)
        zoned |= _set_times(event, plan, entry, zoned=zone is not None)
        calendar.add_component(event)
    if zone is not None and zoned:
        calendar.subcomponents.insert(0, zone)
    return bytes(calendar.to_ical())


def calendar_name() -> str:
    """Return the calendar's name, as calendars list it."""
    return _("Breastfeeding plan")


def sequence_for(stamp: datetime) -> int:
    """Return the SEQUENCE of an export made at ``stamp``: whole seconds since 2020.

    It stays a 32-bit INTEGER, as RFC 5545 and ical4j (Android) read it, until 2088.
    """
    return min(max(0, int((stamp - SEQUENCE_EPOCH).total_seconds())), 2**31 - 1)


def uid(seed: str, owner: str | None = None) -> str:
    """Return the UID for what an event belongs to, and whose plan it is in."""
    text = seed if owner is None else f"{owner}\n{seed}"
    return f"{hashlib.sha256(text.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


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
    """Give an event its start and end, in the plan's zone where every reader agrees on them.

    Returns:
        Whether the times carry the plan's TZID.
    """
    local = (plan.local(entry.start), plan.local(entry.end))
    if zoned and not any(_repeated(moment) for moment in local):
        event.start, event.end = local
    else:
        event.start, event.end = entry.start.astimezone(UTC), entry.end.astimezone(UTC)
    # icalendar writes UTC-like zones (UTC, Etc/UTC, GMT) with Z, no TZID.
    return "TZID" in event["DTSTART"].params


def _repeated(local: datetime) -> bool:
    """Return whether a local time falls in the hour that repeats when the clocks go back."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
