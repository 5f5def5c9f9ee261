"""The plan in plain English words, shared by every human output."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import groupby

from pumpplan.engine import MAX_NIGHT_GAP
from pumpplan.model import Event, EventKind, Notice, Plan, Report, WarningKind

DISCLAIMER = (
    "Not medical advice: pumpplan applies your clinic's protocol; confirm this plan with your provider."
)
TITLES = {
    EventKind.PUMP_KEEP: "Pump and keep the milk (before the infusion)",
    EventKind.INFUSION: "Ketamine infusion",
    EventKind.PUMP_DUMP: "Pump and discard the milk",
    EventKind.RESUME: "Resume breastfeeding",
}
MILK = {
    EventKind.PUMP_KEEP: "keep",
    EventKind.INFUSION: "no breastfeeding",
    EventKind.PUMP_DUMP: "discard",
    EventKind.RESUME: "breastfeed",
}


def span(length: timedelta) -> str:
    """Return a length of time as '6 days 40 min', '48 h' or '1 h 30 min'."""
    minutes = round(length.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{minutes} min"] if minutes or not parts else []
    return " ".join(parts)


def hours(length: timedelta) -> str:
    """Return a length in hours when whole, '48 h', else as ``span`` does."""
    if length % timedelta(hours=1) == timedelta():
        return f"{length // timedelta(hours=1)} h"
    return span(length)


def day(moment: datetime | date) -> str:
    """Return 'Mon Dec 7'."""
    return f"{moment:%a %b} {moment.day}"


def clock(moment: datetime) -> str:
    """Return '09:30'."""
    return f"{moment:%H:%M}"


def when(moment: datetime) -> str:
    """Return 'Mon Dec 7 09:30'."""
    return f"{day(moment)} {clock(moment)}"


def rule_lines(plan: Plan) -> list[str]:
    """Return the rule that was applied, in plain words."""
    rule = plan.rule
    lines = [
        f"Pump and keep the milk {span(rule.pump_before)} before each infusion "
        f"(an infusion lasts {span(rule.infusion)}).",
        f"Do not breastfeed from the start of an infusion until {hours(rule.dump)} after it "
        f"ends; meanwhile pump every {span(rule.pump_every)} and discard that milk.",
        "Breastfeeding resumes when that time is up; windows that overlap merge into one.",
    ]
    if rule.quiet:
        lines.append(
            f"At night ({rule.quiet.start:%H:%M}-{rule.quiet.end:%H:%M}) fewer sessions, "
            f"never more than {span(max(rule.pump_every, MAX_NIGHT_GAP))} apart."
        )
    return lines


def header_lines(report: Report) -> list[tuple[str, str]]:
    """Return who the plan is for and the clinic, as (label, value) pairs, where given."""
    pairs = [("For", report.patient), ("Clinic", report.clinic)]
    return [(label, value) for label, value in pairs if value]


def source_line(report: Report) -> list[str]:
    """Return the line naming the protocol the clinic cites, if it cites one."""
    return [f"Clinic protocol: {report.source}."] if report.source else []


def summary_lines(plan: Plan) -> list[tuple[str, str]]:
    """Return the summary as (label, value) pairs."""
    first = plan.local(plan.infusions[0].start)
    count = len(plan.infusions)
    infusions = f"1 ({when(first)})"
    if count > 1:
        infusions = f"{count} ({day(first)} to {day(plan.local(plan.infusions[-1].start))})"
    windows = len(plan.windows)
    without = span(plan.time_without_breastfeeding)
    if windows > 1:
        course = span(plan.resume - plan.infusions[0].start)
        without += f" in {windows} windows, of the {course} from the first infusion to the last resume"
    return [
        ("Infusions", infusions),
        ("No breastfeeding", without),
        ("Pump and discard", plural(plan.count(EventKind.PUMP_DUMP), "session")),
        ("Pump and keep", plural(plan.count(EventKind.PUMP_KEEP), "session") + ", before infusions"),
        ("Breastfeeding resumes", when(plan.local(plan.resume))),
    ]


def plural(number: int, noun: str) -> str:
    """Return '1 session' or '3 sessions'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def warning(notice: Notice, plan: Plan) -> str:
    """Return one warning in plain words."""
    start = plan.local(notice.start)
    end = plan.local(notice.end) if notice.end else start
    match notice.kind:
        case WarningKind.MERGED:
            return (
                f"The windows of {notice.infusions} infusions overlap and merge into one: "
                f"no breastfeeding for {span(notice.end - notice.start if notice.end else timedelta())}, "
                f"{when(start)} to {when(end)}; the pumps before the later infusions are discarded."
            )
        case WarningKind.SHORT_GAP:
            return (
                f"Only {span(end - start)} to breastfeed between {when(start)} and {when(end)}; "
                "you may prefer to pump and keep then."
            )
        case WarningKind.CLOCK_CHANGE:
            return (
                f"The clocks change on {when(start)} during a window; it still lasts real hours, "
                f"so breastfeeding resumes at {when(end)} by the new clock time."
            )
        case WarningKind.PAST:
            return (
                f"{notice.infusions} infusion{'s are' if notice.infusions > 1 else ' is'} in the past "
                f"(from {when(start)}); check the dates."
            )
        case WarningKind.PUMP_IN_WINDOW:
            return (
                f"The pump at {when(start)} before the infusion at {clock(end)} falls inside the "
                "previous window: discard that milk."
            )


def warnings(plan: Plan) -> list[str]:
    """Return every warning of the plan in plain words."""
    return [warning(notice, plan) for notice in plan.warnings]


def by_day(plan: Plan) -> Iterator[tuple[date, list[Event]]]:
    """Yield the plan's events grouped by local calendar day."""
    for key, events in groupby(plan.events, key=lambda e: plan.local(e.start).date()):
        yield key, list(events)
