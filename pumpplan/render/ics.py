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
the same plan exported with the same stamp gives the same bytes. A re-export alone cannot remove
events that a changed plan no longer has; with the earlier file (--replaces) it carries each of
them again as STATUS:CANCELLED with a higher SEQUENCE, no reminder and "Cancelled" in its title.

The events are written here as text, not through icalendar's objects: at 1,000 infusions
(20,000 events) icalendar took 9 s and 300 MiB, this about a second. The bytes are the ones
icalendar writes (property order, TEXT escaping, 75-octet folding), which a test checks
against icalendar on a corpus of plans; icalendar still writes the VTIMEZONE and the few
values that are the same for every event (the TZID parameter, the alarm's TRIGGER).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import vDDDTypes, vDuration

from pumpplan.i18n import _
from pumpplan.render import RenderOptions, phrases
from pumpplan.render.ics_entries import Entry, Ring, entries, escape, uid, utc
from pumpplan.render.replacing import cancelled_description, cancelled_title, to_cancel
from pumpplan.render.report import PastEvent, Report
from pumpplan.render.typography import tidy
from pumpplan.render.vtimezone import vtimezone

PRODID = "-//pumpplan//pumpplan//EN"
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
# RFC 5545 folds lines longer than 75 octets; icalendar keeps each piece under that.
FOLD = 74


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
    found = entries(report, discreet=options.discreet)
    zone = vtimezone(plan.zone, min(e.start for e in found), max(e.end for e in found))
    writer = _Writer(report, stamp, options.alarm, zoned=zone is not None)
    events = b"".join([writer.event(entry) for entry in found])
    events += b"".join([writer.cancel(past, discreet=options.discreet) for past in to_cancel(report, found)])
    name = calendar_name(discreet=options.discreet)
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{escape(PRODID)}",
        # Kept although libical's iTIP check wants an ORGANIZER with it: see the README's calendar section.
        "METHOD:PUBLISH",
        f"NAME:{escape(name)}",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{escape(plan.zone.key)}",
    ]
    timezone = bytes(zone.to_ical()) if zone is not None and writer.used_tzid else b""
    return b"".join([lines(head), timezone, events, b"END:VCALENDAR\r\n"])


def calendar_name(*, discreet: bool = False) -> str:
    """Return the calendar's name, as calendars list it."""
    return _("Feeding plan") if discreet else _("Breastfeeding plan")


def sequence_for(stamp: datetime) -> int:
    """Return the SEQUENCE of an export made at ``stamp``: whole seconds since 2020.

    It stays a 32-bit INTEGER, as RFC 5545 and ical4j (Android) read it, until 2088.
    """
    return min(max(0, int((stamp - SEQUENCE_EPOCH).total_seconds())), 2**31 - 1)


def fold(line: str) -> bytes:
    """Return one content line in UTF-8, folded into pieces of at most 74 octets as icalendar folds.

    A piece never ends inside a character, nor (as icalendar avoids) on a backslash or caret
    that starts an escape.
    """
    data = line.encode()
    if len(data) <= FOLD:
        return data
    pieces = []
    start = 0
    while len(data) - start > FOLD:
        end = start + FOLD
        while data[end] & 0xC0 == 0x80:  # inside a multibyte character: break before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def lines(content: Iterable[str]) -> bytes:
    """Return content lines folded, each ended by CRLF."""
    return b"".join(fold(line) + b"\r\n" for line in content)


class _Writer:
    """Writes one VEVENT per entry, with what every event of the calendar shares worked out once."""

    def __init__(self, report: Report, stamp: datetime, alarm: timedelta | None, *, zoned: bool) -> None:
        self.plan = report.plan
        self.owner = report.patient
        self.alarm = alarm
        self.stamp = f"DTSTAMP:{utc(stamp)}"
        # Above the earlier file's (--replaces), even when made in the same second or by a clock behind.
        self.number = max([sequence_for(stamp), *(past.sequence + 1 for past in report.earlier)])
        self.sequence = f"SEQUENCE:{self.number}"
        self.tzid = _tzid(self.plan.zone) if zoned else None
        self.used_tzid = False
        self.ahead = _("{title} in {lead}")
        # Most events share their description with others of their window: tidied once each.
        self.descriptions: dict[tuple[str, ...], str] = {}
        self.lead = "" if alarm is None else phrases.span(alarm)
        self.triggers = {on_time: _trigger(on_time, alarm) for on_time in (True, False)}

    def event(self, entry: Entry) -> bytes:
        """Return one VEVENT without its times, with its display alarm if it has one."""
        content = [
            "BEGIN:VEVENT",
            f"SUMMARY:{escape(entry.title)}",
            *self._times(entry),
            self.stamp,
            f"UID:{escape(uid(entry.seed, self.owner))}",
            self.sequence,
            f"CATEGORIES:pumpplan,{escape(entry.category)}" if entry.category else "CATEGORIES:pumpplan",
            f"DESCRIPTION:{self._description(entry.lines)}",
            f"TRANSP:{'TRANSPARENT' if entry.transparent else 'OPAQUE'}",
        ]
        if self.alarm is not None and entry.ring is not Ring.NEVER:
            on_time = entry.ring is Ring.ON_TIME or not self.alarm
            text = entry.ring_text or entry.title
            if not on_time:
                text = self.ahead.format(title=entry.title, lead=self.lead)
            content += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(text)}"]
            content += [f"TRIGGER:{self.triggers[on_time]}", "END:VALARM"]
        content.append("END:VEVENT")
        return lines(content)

    def cancel(self, past: PastEvent, *, discreet: bool) -> bytes:
        """Return the cancellation of an earlier event: same UID, a higher SEQUENCE, no reminder."""
        content = [
            "BEGIN:VEVENT",
            f"SUMMARY:{escape(cancelled_title(past.summary, discreet=discreet))}",
            f"DTSTART:{utc(past.start)}",
            f"DTEND:{utc(past.end)}",
            self.stamp,
            f"UID:{escape(past.uid)}",
            self.sequence,
            "CATEGORIES:pumpplan",
            f"DESCRIPTION:{escape(cancelled_description())}",
            "STATUS:CANCELLED",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
        return lines(content)

    def _description(self, text: tuple[str, ...]) -> str:
        """Return a description's lines as one escaped TEXT value, tidied as every human text is."""
        written = self.descriptions.get(text)
        if written is None:
            written = self.descriptions[text] = escape(tidy("\n".join(text)))
        return written

    def _times(self, entry: Entry) -> tuple[str, str]:
        """Return DTSTART and DTEND, in the plan's zone where every reader agrees on them."""
        local = (self.plan.local(entry.start), self.plan.local(entry.end))
        if self.tzid is not None and not any(_repeated(moment) for moment in local):
            self.used_tzid = True
            start, end = local
            return f"DTSTART;{self.tzid}:{start:%Y%m%dT%H%M%S}", f"DTEND;{self.tzid}:{end:%Y%m%dT%H%M%S}"
        return f"DTSTART:{utc(entry.start)}", f"DTEND:{utc(entry.end)}"


def _tzid(zone: ZoneInfo) -> str | None:
    """Return the TZID parameter icalendar gives times in a zone, None for a zone it writes as UTC."""
    parameters = vDDDTypes(datetime(2000, 1, 1, tzinfo=zone)).params.to_ical()
    return parameters.decode() or None


def _trigger(on_time: bool, alarm: timedelta | None) -> str:
    """Return a reminder's TRIGGER: at the event's start, or ``alarm`` before it."""
    lead = timedelta() if on_time or alarm is None else -alarm
    return bytes(vDuration(lead).to_ical()).decode()  # type: ignore[no-untyped-call]


def _repeated(local: datetime) -> bool:
    """Return whether a local time falls in the hour that repeats when the clocks go back."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
