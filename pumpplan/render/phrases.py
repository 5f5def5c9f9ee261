"""The plan in plain words, in the language in use, shared by every human output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, timedelta
from itertools import groupby

from pumpplan.core.model import MAX_NIGHT_GAP, Event, EventKind, Plan
from pumpplan.core.units import Units, format_volume
from pumpplan.i18n import _, language, month, n_, weekday
from pumpplan.render import clock as clocks
from pumpplan.render.conventions import current, zone_name
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


def listing(items: list[str]) -> str:
    """Return 'Monday, Wednesday and Friday'."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


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
    """Return an amount of milk as a parent writes it, '4.5 L', with her locale's decimal sign."""
    return format_volume(ml, units, current().decimal)


def clock(moment: datetime) -> str:
    """Return '9:30 a.m.' or '09:30', as her locale (or --clock) reads the time."""
    return clocks.clock(moment.time())


def when(moment: datetime) -> str:
    """Return 'Mon Dec 7 9:30 a.m.' ('Fri Jan 7 2028 09:30' outside the printing year)."""
    return f"{day(moment)} {clock(moment)}"


def times(plan: Plan, event: Event) -> str:
    """Return when an event happens: '9:00-9:20 a.m.', or its start alone for the resume."""
    start = plan.local(event.start)
    if event.end is None:
        return clock(start)
    return clocks.clock_range(start.time(), plan.local(event.end).time())


def zone(plan: Plan) -> str:
    """Return the plan's zone as people say it, 'Pacific Time (Los Angeles)'."""
    return zone_name(plan.zone)


def rule_lines(plan: Plan) -> list[str]:
    """Return the rule that was applied, in plain words."""
    rule = plan.rule
    lengths = sorted({infusion.duration for infusion in plan.infusions}) or [rule.infusion]
    if len(lengths) > 1:  # read from a calendar, each appointment with its own length
        lasts = _("Your infusions last {shortest} to {longest}.").format(
            shortest=span(lengths[0]), longest=span(lengths[-1])
        )
    else:
        lasts = _("An infusion lasts {infusion}.").format(infusion=span(lengths[0]))
    lines = [
        _("Pump {before} before each infusion, and keep that milk.").format(before=span(rule.pump_before)),
        lasts,
        _("Do not breastfeed from the start of an infusion until {dump} after it ends.").format(
            dump=hours(rule.dump)
        ),
        _("During that time, pump every {every} and discard the milk.").format(every=span(rule.pump_every)),
        _("Then you may breastfeed again."),
        _("When infusions are close together, the times without breastfeeding join up."),
    ]
    if rule.quiet:
        lines.append(
            _("At night, from {start} to {end}, pump less often: at most {gap} apart.").format(
                start=clocks.clock(rule.quiet.start),
                end=clocks.clock(rule.quiet.end),
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
    """Return the summary as (label, value) pairs; a label '' continues the one above (the breaks)."""
    first = plan.local(plan.infusions[0].start)
    count = len(plan.infusions)
    infusions = _("1, on {when}").format(when=when(first))
    if count > 1:
        last = plan.local(plan.infusions[-1].start)
        infusions = _("{count}, from {first} to {last}").format(count=count, first=day(first), last=day(last))
    without = span(plan.time_without_breastfeeding)
    if len(plan.windows) > 1:
        without = _("{length} in total").format(length=without)
    dumps, keeps = plan.count(EventKind.PUMP_DUMP), plan.count(EventKind.PUMP_KEEP)
    return [
        (_("Infusions"), infusions),
        (_("Time zone"), zone(plan)),
        (_("No breastfeeding"), without),
        (_("Pump and discard"), n_("once", "{count} times", dumps).format(count=dumps)),
        (
            _("Pump and keep"),
            n_("once, before the infusion", "{count} times, before the infusions", keeps).format(count=keeps),
        ),
        *((_("You may breastfeed") if i == 0 else "", text) for i, text in enumerate(breaks(plan))),
        (_("Breastfeeding resumes"), when(plan.local(plan.resume))),
    ]


def grouped(pairs: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """Return (label, values) pairs, each label '' joined to the label above it."""
    groups: list[tuple[str, list[str]]] = []
    for label, value in pairs:
        if label or not groups:
            groups.append((label, [value]))
        else:
            groups[-1][1].append(value)
    return groups


def breaks(plan: Plan) -> list[str]:
    """Return each time she may breastfeed between two no-breastfeeding times, with its start and end."""
    if len(plan.windows) < 2:
        return []
    spans = plan.free_spans(plan.windows[0].end, plan.windows[-1].start)
    return [
        _("{start} to {end}").format(start=when(plan.local(begin)), end=when(plan.local(end)))
        for begin, end in spans
    ]


def by_day(plan: Plan) -> Iterator[tuple[date, list[Event]]]:
    """Yield the plan's events grouped by local calendar day."""
    for key, events in groupby(plan.events, key=lambda e: plan.local(e.start).date()):
        yield key, list(events)
