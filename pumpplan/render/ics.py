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
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from icalendar import TRANSP, Alarm, Calendar
from icalendar import Event as VEvent

from pumpplan.core import storage
from pumpplan.core.model import Event, EventKind, Plan, Window
from pumpplan.i18n import _
from pumpplan.render import RenderOptions, phrases, stash_phrases
from pumpplan.render.report import Report, Section
from pumpplan.render.vtimezone import vtimezone

PRODID = "-//pumpplan//pumpplan//EN"
RESUME_LENGTH = timedelta(minutes=15)
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
UID_DOMAIN = "pumpplan"
PUMPING = frozenset({EventKind.PUMP_KEEP, EventKind.PUMP_DUMP})


class Ring(StrEnum):
    """When an event's reminder rings: before it, to get ready (pumping), or at its very start."""

    NEVER = "never"
    AHEAD = "ahead"  # --alarm before the event: time to get the pump ready
    ON_TIME = "on-time"  # at the start and not a minute before: the resume must not invite an early feed


EVENING = time(20)  # when the milk-storage reminders ring


@dataclass(frozen=True)
class Entry:
    """One calendar event before it is written."""

    title: str
    start: datetime
    end: datetime
    seed: str
    lines: tuple[str, ...]
    category: str
    transparent: bool
    ring: Ring
    # What an on-time reminder says; None to repeat the title.
    ring_text: str | None = None


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
    entries = sorted([*_entries(plan), *_storage_entries(report)], key=lambda e: e.start)
    zone = vtimezone(plan.zone, min(e.start for e in entries), max(e.end for e in entries))
    sequence = sequence_for(stamp)
    zoned = False
    for entry in entries:
        event = _vevent(entry, stamp.astimezone(UTC), sequence, options.alarm, report.patient)
        zoned |= _set_times(event, plan, entry, zoned=zone is not None)
        calendar.add_component(event)
    if zone is not None and zoned:
        calendar.subcomponents.insert(0, zone)
    return bytes(calendar.to_ical())


def calendar_name() -> str:
    """Return the calendar's name, as calendars list it."""
    return _("Breastfeeding plan")


def window_title() -> str:
    """Return the title of the long event that spans a window."""
    return _("No breastfeeding — pump and discard")


def category(kind: EventKind | None) -> str:
    """Return the category of an event of a kind, or of a window (None)."""
    if kind is None:
        return _("No breastfeeding")
    return {
        EventKind.PUMP_KEEP: _("Pumping"),
        EventKind.INFUSION: _("Infusion"),
        EventKind.PUMP_DUMP: _("Pumping"),
        EventKind.RESUME: _("Breastfeeding"),
    }[kind]


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


def _entries(plan: Plan) -> list[Entry]:
    """Return the calendar's events, sorted by start, each window before what starts with it."""
    footer = _footer(plan)
    entries = [_window_entry(plan, window, footer) for window in plan.windows]
    for event, seed in zip(plan.events, _seeds(plan), strict=True):
        entries.append(_event_entry(plan, event, seed))
    return sorted(entries, key=lambda entry: entry.start)


def _seeds(plan: Plan) -> list[str]:
    """Return each event's UID seed: what the event belongs to, not when it is."""
    places: defaultdict[datetime, int] = defaultdict(int)
    seeds = []
    for event in plan.events:
        if event.kind is EventKind.INFUSION:
            seeds.append(f"infusion {_utc(event.start)}")
        elif event.kind is EventKind.RESUME and event.window is not None:
            seeds.append(f"resume {_utc(event.window.start)}")
        elif event.before_infusion and event.infusion is not None:
            seeds.append(f"before {_utc(event.infusion.start)}")
        else:
            key = event.window.start if event.window else event.start
            places[key] += 1
            seeds.append(f"session {_utc(key)} {places[key]}")
    return seeds


def _event_entry(plan: Plan, event: Event, seed: str) -> Entry:
    """Return the calendar entry for one event of the plan."""
    window = event.window if event.kind is not EventKind.RESUME else None
    until = phrases.when(plan.local(window.end)) if window else ""
    milk = _("Milk: {milk}.").format(milk=phrases.milk(event.kind))
    return Entry(
        title=phrases.title(event.kind),
        start=event.start,
        end=event.end or event.start + RESUME_LENGTH,
        seed=seed,
        lines=(_advice(event.kind, until), milk, "", phrases.disclaimer()),
        category=category(event.kind),
        transparent=event.kind is EventKind.RESUME,
        ring=_ring(event.kind),
        ring_text=_("You can breastfeed again now.") if event.kind is EventKind.RESUME else None,
    )


def _window_entry(plan: Plan, window: Window, footer: list[str]) -> Entry:
    """Return the long, transparent event that spans one window; it alone states the rule."""
    start, end = plan.local(window.start), plan.local(window.end)
    lines = [
        _("No breastfeeding from {start} until {end} ({length}).").format(
            start=phrases.when(start), end=phrases.when(end), length=phrases.span(window.length)
        ),
        _(
            "Pump about every {every} meanwhile and discard that milk, to keep up the supply; "
            "each session is its own event."
        ).format(every=phrases.span(plan.rule.pump_every)),
        *_window_warnings(plan, window),
    ]
    return Entry(
        title=window_title(),
        start=window.start,
        end=window.end,
        seed=f"window {_utc(window.start)}",
        lines=(*lines, "", *footer),
        category=category(None),
        transparent=True,
        ring=Ring.NEVER,
    )


def _storage_entries(report: Report) -> list[Entry]:
    """Return the evening reminders to freeze a day's milk or thaw the next day's, with the stash."""
    if report.stash is None or not report.shows(Section.STASH):
        return []
    guidance = tuple(stash_phrases.storage_lines(report.stash, report.units)[:1])
    return [
        _task_entry(report.plan, reminder, stash_phrases.reminder_text(reminder, report.units), guidance)
        for reminder in storage.reminders(report.stash.portions)
    ]


def _task_entry(plan: Plan, reminder: storage.Reminder, title: str, lines: tuple[str, ...]) -> Entry:
    """Return the short evening event that reminds of one milk-storage task."""
    start = datetime.combine(reminder.day, EVENING, tzinfo=plan.zone).astimezone(UTC)
    return Entry(
        title=title,
        start=start,
        end=start + RESUME_LENGTH,
        seed=f"task {reminder.kind.value} {reminder.day.isoformat()}",
        lines=(*lines, "", phrases.disclaimer()),
        category=_("Milk storage"),
        transparent=True,
        ring=Ring.ON_TIME,
    )


def _ring(kind: EventKind) -> Ring:
    """Return when an event's reminder rings: pumping ahead, the resume on time, an infusion never."""
    if kind in PUMPING:
        return Ring.AHEAD
    return Ring.ON_TIME if kind is EventKind.RESUME else Ring.NEVER


def _advice(kind: EventKind, until: str) -> str:
    """Return one sentence saying what to do at an event and until when."""
    match kind:
        case EventKind.PUMP_KEEP:
            keep = _("Pump and keep this milk: it is from before the infusion.")
            return f"{keep} {phrases.fresh_milk_keeps()}"
        case EventKind.INFUSION:
            return _("Ketamine infusion. No breastfeeding from its start until {until}.").format(until=until)
        case EventKind.PUMP_DUMP:
            return _("Pump and discard this milk. No breastfeeding until {until}.").format(until=until)
        case EventKind.RESUME:
            return _("The time without breastfeeding is over: breastfeed again, and keep the milk you pump.")


def _window_warnings(plan: Plan, window: Window) -> list[str]:
    """Return the plan's warnings that concern one window."""
    notices = plan.warnings_between(window.start - plan.rule.pump_before, window.end)
    return [_("Note: {warning}").format(warning=phrases.warning(notice, plan)) for notice in notices]


def _footer(plan: Plan) -> list[str]:
    """Return the rule and the disclaimer, the end of a window's description."""
    return [_("Rule:"), *phrases.rule_lines(plan), "", phrases.disclaimer()]


def _utc(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"
