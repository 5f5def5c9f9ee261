"""What the calendar holds, before it is written: one entry per event, window and storage reminder.

Each entry has its title, its times, what it belongs to (the seed of its UID: see ``ics``),
its description and when its reminder rings. The words come from ``phrases``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from pumpplan.core import storage
from pumpplan.core.model import Event, EventKind, Plan, Window
from pumpplan.i18n import _
from pumpplan.render import phrases, stash_phrases
from pumpplan.render.guidance import about_lines, fresh_milk_keeps, storage_sentences, storage_source
from pumpplan.render.notices import warning as notice_text
from pumpplan.render.report import Report, Section

UID_DOMAIN = "pumpplan"
# In icalendar's order, which matters: a literal \N is a newline, and no escape is escaped twice.
_ESCAPES = (
    ("\\N", "\n"), ("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\n", "\\n"), ("\r", "\\n"),
)  # fmt: skip
RESUME_LENGTH = timedelta(minutes=15)
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
    # The title of a discreet calendar (--discreet), which others may see: no medicine, no name.
    neutral: str = ""


def uid(seed: str, owner: str | None = None) -> str:
    """Return the UID for what an event belongs to, and whose plan it is in."""
    text = seed if owner is None else f"{owner}\n{seed}"
    return f"{hashlib.sha256(text.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


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


def neutral_title(kind: EventKind | None) -> str:
    """Return the discreet title of an event of a kind, or of a window (None)."""
    if kind is None:
        return _("Pump only")
    return {
        EventKind.PUMP_KEEP: _("Pump"),
        EventKind.INFUSION: _("Appointment"),
        EventKind.PUMP_DUMP: _("Pump"),
        EventKind.RESUME: _("Feeding OK"),
    }[kind]


def private_details() -> str:
    """Return the one line a discreet event says: where the details are."""
    return _("Details are in your printed plan.")


def entries(report: Report, *, discreet: bool = False) -> list[Entry]:
    """Return every entry of a report's calendar, sorted by start; ``discreet`` for neutral words."""
    found = sorted([*_plan_entries(report), *_storage_entries(report)], key=lambda e: e.start)
    return [_discreet(report.plan, entry) for entry in found] if discreet else found


def _discreet(plan: Plan, entry: Entry) -> Entry:
    """Return an entry in words others may read: neutral title, no rule, no medicine, no warnings."""
    lines = [private_details()]
    if entry.category == category(None):  # a window: how often to pump, and until when
        every, end = phrases.span(plan.rule.pump_every), phrases.when(plan.local(entry.end))
        lines.insert(0, _("Pump about every {every} until {end}.").format(every=every, end=end))
    title = entry.neutral or entry.title
    return replace(entry, title=title, lines=tuple(lines), category="", ring_text=None)


def _plan_entries(report: Report) -> list[Entry]:
    """Return the calendar's events, the windows first.

    entries() sorts them by start; the sort is stable, so a window comes before what starts with it.
    """
    plan, footer = report.plan, _footer(report)
    entries = [_window_entry(plan, window, footer) for window in plan.windows]
    for event, seed in zip(plan.events, _seeds(plan), strict=True):
        entries.append(_event_entry(plan, event, seed))
    return entries


def _seeds(plan: Plan) -> list[str]:
    """Return each event's UID seed: what the event belongs to, not when it is."""
    places: defaultdict[datetime, int] = defaultdict(int)
    seeds = []
    for event in plan.events:
        if event.kind is EventKind.INFUSION:
            seeds.append(f"infusion {utc(event.start)}")
        elif event.kind is EventKind.RESUME and event.window is not None:
            seeds.append(f"resume {utc(event.window.start)}")
        elif event.before_infusion and event.infusion is not None:
            seeds.append(f"before {utc(event.infusion.start)}")
        else:
            key = event.window.start if event.window else event.start
            places[key] += 1
            seeds.append(f"session {utc(key)} {places[key]}")
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
        neutral=neutral_title(event.kind),
    )


def _window_entry(plan: Plan, window: Window, footer: list[str]) -> Entry:
    """Return the long, transparent event that spans one window; it alone states the rule."""
    start, end = plan.local(window.start), plan.local(window.end)
    lines = [
        _("No breastfeeding from {start} until {end} ({length}).").format(
            start=phrases.when(start), end=phrases.when(end), length=phrases.span(window.length)
        ),
        _(
            "Meanwhile, pump about every {every} and discard that milk, to keep up your supply. "
            "Each time you pump has its own event in your calendar."
        ).format(every=phrases.span(plan.rule.pump_every)),
        *_window_warnings(plan, window),
    ]
    return Entry(
        title=window_title(),
        start=window.start,
        end=window.end,
        seed=f"window {utc(window.start)}",
        lines=(*lines, "", *footer),
        category=category(None),
        transparent=True,
        ring=Ring.NEVER,
        neutral=neutral_title(None),
    )


def _storage_entries(report: Report) -> list[Entry]:
    """Return the evening reminders to freeze a day's milk or thaw the next day's, with the stash."""
    if report.stash is None or not report.shows(Section.STASH):
        return []
    guidance = (*storage_sentences(), storage_source())
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
            return f"{keep} {fresh_milk_keeps()}"
        case EventKind.INFUSION:
            return _("Ketamine infusion. No breastfeeding from its start until {until}.").format(until=until)
        case EventKind.PUMP_DUMP:
            return _("Pump and discard this milk. No breastfeeding until {until}.").format(until=until)
        case EventKind.RESUME:
            return _("The time without breastfeeding is over: breastfeed again, and keep the milk you pump.")


def _window_warnings(plan: Plan, window: Window) -> list[str]:
    """Return the plan's warnings that concern one window."""
    notices = plan.warnings_between(window.start - plan.rule.pump_before, window.end)
    return [_("Note: {warning}").format(warning=notice_text(notice, plan)) for notice in notices]


def _footer(report: Report) -> list[str]:
    """Return the rule, whose it is, and the disclaimer: the end of a window's description."""
    rule = [*phrases.rule_lines(report.plan), *phrases.source_line(report), *about_lines(report)]
    return [_("Rule:"), *rule, "", phrases.disclaimer()]


def utc(moment: datetime) -> str:
    """Return an instant as the calendar writes it in UTC, '20261207T180000Z'."""
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def escape(text: str) -> str:
    """Return a TEXT value escaped as RFC 5545 and icalendar write it: backslash, ; , and newlines."""
    for old, new in _ESCAPES:
        if old in text:
            text = text.replace(old, new)
    return text
