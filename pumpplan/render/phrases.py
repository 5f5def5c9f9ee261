"""The plan in plain words, in the language in use, shared by every human output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from itertools import groupby

from pumpplan.core.model import MAX_NIGHT_GAP, Event, EventKind, Notice, Plan, WarningKind
from pumpplan.core.units import Units, format_volume
from pumpplan.i18n import _, language, n_, p_
from pumpplan.render.report import Report

# The year of the report's printing date while it renders: a day of any other year shows its year.
_this_year: ContextVar[int | None] = ContextVar("this_year", default=None)


def heading() -> str:
    """Return the title every output starts with."""
    return _("Breastfeeding plan around ketamine infusions")


def disclaimer() -> str:
    """Return the one-line disclaimer every human output ends with."""
    return _("Not medical advice: check this plan with your clinic.")


def title(kind: EventKind) -> str:
    """Return what an event asks the mother to do."""
    # Asked once per event (20,000 times for 1,000 infusions): the titles are looked up once per
    # language, and the language can change while pumpplan runs (i18n.use), so it is the key.
    titles = _TITLES.get(language())
    if titles is None:
        titles = _TITLES[language()] = {
            EventKind.PUMP_KEEP: _("Pump and keep the milk (before the infusion)"),
            EventKind.INFUSION: _("Ketamine infusion"),
            EventKind.PUMP_DUMP: _("Pump and discard the milk"),
            EventKind.RESUME: _("Resume breastfeeding"),
        }
    return titles[kind]


_TITLES: dict[str, dict[EventKind, str]] = {}


def milk(kind: EventKind) -> str:
    """Return what to do with the milk at an event, in a word or two."""
    return {
        EventKind.PUMP_KEEP: _("keep"),
        EventKind.INFUSION: _("no breastfeeding"),
        EventKind.PUMP_DUMP: _("discard"),
        EventKind.RESUME: _("breastfeed"),
    }[kind]


def span(length: timedelta) -> str:
    """Return a length of time as '6 days 40 min', '48 h' or '1 h 30 min'."""
    minutes = round(length.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours_, minutes = divmod(minutes, 60)
    parts = [n_("{count} day", "{count} days", days).format(count=days)] if days else []
    parts += [_("{count} h").format(count=hours_)] if hours_ else []
    parts += [_("{count} min").format(count=minutes)] if minutes or not parts else []
    return " ".join(parts)


def hours(length: timedelta) -> str:
    """Return a length in hours when whole, '48 h', else as ``span`` does."""
    if length % timedelta(hours=1) == timedelta():
        return _("{count} h").format(count=length // timedelta(hours=1))
    return span(length)


def weekday(moment: datetime | date) -> str:
    """Return the short weekday name, 'Mon'."""
    names = (
        p_("weekday", "Mon"), p_("weekday", "Tue"), p_("weekday", "Wed"), p_("weekday", "Thu"),
        p_("weekday", "Fri"), p_("weekday", "Sat"), p_("weekday", "Sun"),
    )  # fmt: skip
    return names[moment.weekday()]


def month(moment: datetime | date) -> str:
    """Return the short month name, 'Dec'."""
    names = (
        p_("month", "Jan"), p_("month", "Feb"), p_("month", "Mar"), p_("month", "Apr"),
        p_("month", "May"), p_("month", "Jun"), p_("month", "Jul"), p_("month", "Aug"),
        p_("month", "Sep"), p_("month", "Oct"), p_("month", "Nov"), p_("month", "Dec"),
    )  # fmt: skip
    return names[moment.month - 1]


@contextmanager
def printed_on(printed: date | None) -> Iterator[None]:
    """Show the year of every day outside the year of ``printed`` (the report's) while rendering."""
    token = _this_year.set(printed.year if printed else None)
    try:
        yield
    finally:
        _this_year.reset(token)


def day(moment: datetime | date, *, year: bool | None = None) -> str:
    """Return 'Mon Dec 7', with its year when not this one, 'Fri Jan 7 2028' (or 'lun 7 dic').

    ``year`` True or False always or never shows it; None shows it outside the printing year.
    """
    this = _this_year.get()
    if year is None:
        year = this is not None and moment.year != this
    parts = {"weekday": weekday(moment), "month": month(moment), "day": moment.day}
    if year:
        return _("{weekday} {month} {day} {year}").format(**parts, year=moment.year)
    return _("{weekday} {month} {day}").format(**parts)


def volume(ml: float, units: Units) -> str:
    """Return an amount of milk as a parent writes it, '4.5 L', with the language's decimal sign."""
    # Translators: the sign between whole and decimal parts, as in 4.5 L; a comma in Spanish.
    return format_volume(ml, units, p_("decimal sign", "."))


def clock(moment: datetime) -> str:
    """Return '09:30'."""
    return f"{moment:%H:%M}"


def when(moment: datetime) -> str:
    """Return 'Mon Dec 7 09:30' ('Fri Jan 7 2028 09:30' outside the printing year)."""
    return f"{day(moment)} {clock(moment)}"


def rule_lines(plan: Plan) -> list[str]:
    """Return the rule that was applied, in plain words."""
    rule = plan.rule
    lengths = sorted({infusion.duration for infusion in plan.infusions}) or [rule.infusion]
    if len(lengths) > 1:  # read from a calendar, each appointment with its own length
        keep = _(
            "Pump and keep the milk {before} before each infusion (infusions last {shortest} to {longest})."
        ).format(before=span(rule.pump_before), shortest=span(lengths[0]), longest=span(lengths[-1]))
    else:
        keep = _(
            "Pump and keep the milk {before} before each infusion (an infusion lasts {infusion})."
        ).format(before=span(rule.pump_before), infusion=span(lengths[0]))
    lines = [
        keep,
        _(
            "Do not breastfeed from the start of an infusion until {dump} after it ends; "
            "meanwhile pump every {every} and discard that milk."
        ).format(dump=hours(rule.dump), every=span(rule.pump_every)),
        _("Breastfeeding resumes when that time is up; windows that overlap merge into one."),
    ]
    if rule.quiet:
        lines.append(
            _("At night ({start}-{end}) fewer sessions, never more than {gap} apart.").format(
                start=f"{rule.quiet.start:%H:%M}",
                end=f"{rule.quiet.end:%H:%M}",
                gap=span(max(rule.pump_every, MAX_NIGHT_GAP)),
            )
        )
    return lines


def header_lines(report: Report) -> list[tuple[str, str]]:
    """Return who the plan is for and the clinic, as (label, value) pairs, where given."""
    pairs = [(_("For"), report.patient), (_("Clinic"), report.clinic)]
    return [(label, value) for label, value in pairs if value]


def source_line(report: Report) -> list[str]:
    """Return the line naming the protocol the clinic cites, if it cites one."""
    return [_("Clinic protocol: {source}.").format(source=report.source)] if report.source else []


def summary_lines(plan: Plan) -> list[tuple[str, str]]:
    """Return the summary as (label, value) pairs."""
    first = plan.local(plan.infusions[0].start)
    count = len(plan.infusions)
    infusions = f"1 ({when(first)})"
    if count > 1:
        last = plan.local(plan.infusions[-1].start)
        infusions = _("{count} ({first} to {last})").format(count=count, first=day(first), last=day(last))
    windows = len(plan.windows)
    without = span(plan.time_without_breastfeeding)
    if windows > 1:
        without = _(
            "{length} in {windows} windows, of the {course} from the first infusion to the last resume"
        ).format(length=without, windows=windows, course=span(plan.resume - plan.infusions[0].start))
    dumps, keeps = plan.count(EventKind.PUMP_DUMP), plan.count(EventKind.PUMP_KEEP)
    return [
        (_("Infusions"), infusions),
        (_("No breastfeeding"), without),
        (_("Pump and discard"), n_("{count} session", "{count} sessions", dumps).format(count=dumps)),
        (
            _("Pump and keep"),
            n_("{count} session, before infusions", "{count} sessions, before infusions", keeps).format(
                count=keeps
            ),
        ),
        (_("Breastfeeding resumes"), when(plan.local(plan.resume))),
    ]


def warning(notice: Notice, plan: Plan) -> str:
    """Return one warning in plain words."""
    start = plan.local(notice.start)
    end = plan.local(notice.end) if notice.end else start
    length = span(notice.end - notice.start) if notice.end else ""
    match notice.kind:
        case WarningKind.MERGED:
            return _(
                "The windows of {count} infusions overlap and merge into one: no breastfeeding for "
                "{length}, {start} to {end}; the pumps before the later infusions are discarded."
            ).format(count=notice.infusions, length=length, start=when(start), end=when(end))
        case WarningKind.SHORT_GAP:
            return _(
                "Only {length} to breastfeed between {start} and {end}; you may prefer to pump and keep then."
            ).format(length=length, start=when(start), end=when(end))
        case WarningKind.CLOCK_CHANGE:
            return _(
                "The clocks change on {start} during a window; it still lasts real hours, "
                "so breastfeeding resumes at {end} by the new clock time."
            ).format(start=when(start), end=when(end))
        case WarningKind.PAST:
            return n_(
                "{count} infusion is in the past (from {start}); check the dates.",
                "{count} infusions are in the past (from {start}); check the dates.",
                notice.infusions,
            ).format(count=notice.infusions, start=when(start))
        case WarningKind.PUMP_IN_WINDOW:
            return _(
                "The pump at {start} before the infusion at {time} falls inside the previous window: "
                "discard that milk."
            ).format(start=when(start), time=clock(end))
        case WarningKind.LONG_GAP:
            return _(
                "No time to pump from {start} to {end} ({length}): an infusion is in the way. "
                "Pump as soon as you can."
            ).format(start=when(start), end=when(end), length=length)
        case WarningKind.SHORT_RULE:
            return _(
                "The time without breastfeeding is set to {length} after each infusion. The usual is 48 h. "
                "Check that this is what your clinic told you."
            ).format(length=hours(plan.rule.dump))


def warnings(plan: Plan) -> list[str]:
    """Return every warning of the plan in plain words."""
    return [warning(notice, plan) for notice in plan.warnings]


def by_day(plan: Plan) -> Iterator[tuple[date, list[Event]]]:
    """Yield the plan's events grouped by local calendar day."""
    for key, events in groupby(plan.events, key=lambda e: plan.local(e.start).date()):
        yield key, list(events)
