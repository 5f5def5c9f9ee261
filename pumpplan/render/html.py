"""The nurse's printable handout: one self-contained HTML page, no script, no network."""

from __future__ import annotations

import base64
import re
from datetime import date, datetime, time, timedelta
from functools import cache
from html import escape
from importlib.resources import files

from pumpplan.core.model import Event, EventKind, Plan
from pumpplan.i18n import _, language, p_
from pumpplan.render import RenderOptions, guidance, notices, phrases, stash_phrases
from pumpplan.render import clock as clocks
from pumpplan.render.report import Report, Section

_PHONE = re.compile(r"\b[0-9A-Z]+(?:-[0-9A-Z]+){2,}\b")
ROOMY_DAYS = 7  # up to a week of days fits the page with its times at 12 pt
BLANK = '<span class="blank"></span>'


def mark(kind: EventKind) -> str:
    """Return the word that tells a checklist entry's kind in black and white, without colour."""
    return {
        EventKind.PUMP_KEEP: _("KEEP"),
        EventKind.INFUSION: _("INFUSION"),
        EventKind.PUMP_DUMP: _("discard"),
        EventKind.RESUME: _("BREASTFEED"),
    }[kind]


def legend() -> list[tuple[EventKind, str]]:
    """Return what each mark means."""
    return [
        (EventKind.PUMP_KEEP, _("pump, keep the milk")),
        (EventKind.PUMP_DUMP, _("pump, throw it away")),
        (EventKind.INFUSION, _("infusion")),
        (EventKind.RESUME, _("breastfeeding resumes")),
    ]


def render_html(report: Report, options: RenderOptions) -> str:
    """Render the plan as a printable handout: one page for a typical course, on the printer's paper."""
    plan = report.plan
    body = "\n".join(
        [
            _header(report),
            _resume(report, discreet=options.discreet),
            _about(report),
            _checklist(plan),  # the handout is the whole plan, whatever the command
            _stash(report),
            _notes(report),
            _help(report),
            _write_here(),
            f'<footer class="disclaimer">{escape(phrases.disclaimer())}</footer>',
        ]
    )
    title = f"{phrases.heading()}: {report.patient}" if report.patient else phrases.heading()
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_stylesheet()}{_page_boxes(report)}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


@cache
def _stylesheet() -> str:
    """Return the handout's stylesheet, shipped next to this module."""
    return files(__package__).joinpath("handout.css").read_text(encoding="utf-8")


def _page_boxes(report: Report) -> str:
    """Return the margins every printed page carries: whose plan, the page number, the disclaimer.

    With its own margin boxes, the browser prints none of its own (no file path, no date).
    """
    who = f"{phrases.heading()}: {report.patient}" if report.patient else phrases.heading()
    before, _sep, rest = _("Page {page} of {pages}").partition("{page}")
    between, _sep, after = rest.partition("{pages}")
    number = f"{_css_text(before)} counter(page) {_css_text(between)} counter(pages) {_css_text(after)}"
    return (
        f"@page {{ @top-left {{ content: {_css_text(who)}; }} @bottom-right {{ content: {number}; }}\n"
        f"        @bottom-left {{ content: {_css_text(phrases.disclaimer())}; }} }}\n"
    )


def _css_text(text: str) -> str:
    """Return text as a CSS string that no character of it can end, even '</style>'."""
    return '"' + "".join(ch if ch.isalnum() or ch in " ,.:;'()-" else f"\\{ord(ch):X} " for ch in text) + '"'


def _header(report: Report) -> str:
    """Return the title, the zone, and who the handout is for; blank lines where not given."""
    printed = _dated(report.printed) if report.printed else None
    pairs = ((_("For"), report.patient), (_("Clinic"), report.clinic), (_("Printed"), printed))
    who = "".join(
        f"<div><dt>{escape(label)}</dt><dd>{escape(value) if value else BLANK}</dd></div>"
        for label, value in pairs
    )
    zone = _("All times: {zone}.").format(zone=phrases.zone(report.plan))
    logo = ""
    if report.logo is not None:
        mime, data = report.logo
        alt = escape(report.clinic or _("Clinic logo"))
        logo = f'<img class="logo" alt="{alt}" src="data:{mime};base64,{base64.b64encode(data).decode()}">'
    return (
        f'<header class="top">{logo}<div class="title"><h1>{escape(phrases.heading())}</h1>'
        f'<p class="zone">{escape(zone)}</p></div><dl class="who">{who}</dl></header>'
    )


def _resume(report: Report, *, discreet: bool) -> str:
    """Return the final resume time in large type, its scan code, and each break to breastfeed before it."""
    plan = report.plan
    resume = plan.local(plan.resume)
    big = _("{date} at {time}").format(date=_dated(resume), time=phrases.clock(resume))
    breaks = "".join(f"<li>{escape(text)}</li>" for text in phrases.breaks(plan))
    between = escape(_("Before that, you may breastfeed:"))
    label = _("Breastfeeding resumes")
    return (
        f'<section class="resume-panel"><p class="label">{escape(label)}</p>'
        f'<p class="big">{escape(big)}</p>{_scan(report, discreet=discreet)}'
        + (f'<div class="between"><p>{between}</p><ul>{breaks}</ul></div>' if breaks else "")
        + "</section>"
    )


def _scan(report: Report, *, discreet: bool) -> str:
    """Return the code a phone's camera scans to add the resume to its calendar, with how to use it."""
    from pumpplan.render import qr

    caption = escape(_("Scan with your phone's camera to add this to your calendar."))
    code = qr.svg(qr.payload(report, discreet=discreet))
    return f'<figure class="qr">{code}<figcaption>{caption}</figcaption></figure>'


def _about(report: Report) -> str:
    """Return the summary and the rule in plain words."""
    summary = "".join(
        f"<div><dt>{escape(label)}</dt><dd>{'<br>'.join(escape(value) for value in values)}</dd></div>"
        for label, values in phrases.grouped(phrases.summary_lines(report.plan))
    )
    lines = [*phrases.rule_lines(report.plan), *phrases.source_line(report)]
    rule = "".join(f"<li>{escape(line)}</li>" for line in lines)
    titles = escape(_("Summary")), escape(_("The rule"))
    return (
        f'<section class="about"><div><h2>{titles[0]}</h2><dl class="summary">{summary}</dl>'
        f"</div><div><h2>{titles[1]}</h2><ul>{rule}</ul></div></section>"
    )


def _checklist(plan: Plan) -> str:
    """Return the day-by-day table with a box to tick per pumping session."""
    # The legend is the table's header so that every printed page repeats it.
    samples = "".join(f"<li>{_sample(kind)} {escape(meaning)}</li>" for kind, meaning in legend())
    days = list(phrases.by_day(plan))
    rows = "\n".join(_day_row(plan, day, events) for day, events in days)
    title = escape(_("Day by day: tick each box when done"))
    # A short plan leaves the page half empty: its times print larger, easier to read.
    size = " roomy" if len(days) <= ROOMY_DAYS else ""
    return (
        f'<section class="checklist"><h2>{title}</h2>'
        f'<table class="days{size}"><thead><tr><th colspan="2"><ul class="legend">{samples}</ul></th></tr>'
        "</thead>"
        f"<tbody>\n{rows}\n</tbody></table></section>"
    )


def _day_row(plan: Plan, day: date, events: list[Event]) -> str:
    """Return one day's row: its date, when she may breastfeed, and its entries."""
    entries = "".join(_entry(plan, event) for event in events)
    return (
        f'<tr><th scope="row"><span class="date">{escape(phrases.day(day))}</span>'
        f'<span class="feed">{escape(_feeding(plan, day))}</span></th>'
        f'<td><ul class="entries">{entries}</ul></td></tr>'
    )


def _entry(plan: Plan, event: Event) -> str:
    """Return one checklist entry: a box for pumping, then the time and its mark."""
    start = plan.local(event.start).time()
    # On the 12-hour clock the period goes under the time, beside the mark. A discard session's
    # plain box then says 'discard' by itself (the legend shows it), so nine entries fit a row.
    period = clocks.short_period(start)
    small = f'<span class="period">{escape(period)}</span>' if period else ""
    word = "" if period and event.kind is EventKind.PUMP_DUMP else escape(mark(event.kind))
    return (
        f'<li class="{event.kind.value}">{_box(event.kind)}'
        f'<span class="time">{clocks.digits(start)}</span>'
        f'<span class="mark">{" ".join(part for part in (small, word) if part)}</span></li>'
    )


def _sample(kind: EventKind) -> str:
    """Return the legend's sample of an entry of a kind."""
    word = f'<span class="mark">{escape(mark(kind))}</span>'
    return f'<span class="sample {kind.value}">{_box(kind)}{word}</span>'


def _box(kind: EventKind) -> str:
    """Return the tick box of a pumping session; other entries have none."""
    pumping = kind in (EventKind.PUMP_KEEP, EventKind.PUMP_DUMP)
    return '<span class="box" aria-hidden="true"></span>' if pumping else ""


def _feeding(plan: Plan, day: date) -> str:
    """Return when she may breastfeed on a local day: 'No breastfeeding', 'Breastfeed until 10:00'..."""
    start = datetime.combine(day, time(), tzinfo=plan.zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=plan.zone)
    spans = plan.free_spans(start, end)
    if not spans:
        return _("No breastfeeding")
    if spans == [(start, end)]:
        return _("Breastfeeding all day")
    times = ", ".join(_span_words(plan, begin, finish, start, end) for begin, finish in spans)
    return _("Breastfeed {times}").format(times=times)


def _span_words(plan: Plan, begin: datetime, finish: datetime, start: datetime, end: datetime) -> str:
    """Return a free span of a day as 'until 10:00', 'from 10:40' or '10:40-16:00'."""
    # Spanish says 'hasta la 1:00' but 'hasta las 2:00': one o'clock has its own messages.
    if begin == start:
        time = phrases.clock(plan.local(finish))
        words = p_("one o'clock", "until {time}") if _one_oclock(time) else _("until {time}")
        return words.format(time=time)
    if finish == end:
        time = phrases.clock(plan.local(begin))
        words = p_("one o'clock", "from {time}") if _one_oclock(time) else _("from {time}")
        return words.format(time=time)
    return clocks.clock_range(plan.local(begin).time(), plan.local(finish).time())


def _one_oclock(time: str) -> bool:
    """Return whether a time as shown is in the hour of one: '1:20 p.m.' or '01:20', not '13:20'."""
    return time.startswith(("1:", "01:"))


def _stash(report: Report) -> str:
    """Return the milk the windows need and how to pump it ahead, when the report has a stash."""
    if not report.shows(Section.STASH):
        return ""
    items = "".join(f"<li>{escape(line)}</li>" for line in stash_phrases.report_lines(report))
    return f'<section class="stash"><h2>{escape(stash_phrases.heading())}</h2><ul>{items}</ul></section>'


def _notes(report: Report) -> str:
    """Return the storage guidance and the plan's warnings."""
    rows = "".join(
        f"<div><dt>{escape(place)}</dt><dd>{escape(how)}</dd></div>"
        for place, how in guidance.storage_guidance()
    )
    title, source = escape(_("Storing the milk you keep")), escape(guidance.storage_source())
    notes = [f'<div class="storage"><h2>{title}</h2><dl>{rows}</dl><p class="source">{source}</p></div>']
    if report.plan.warnings:
        items = "".join(f"<li>{escape(text)}</li>" for text in notices.warnings(report.plan))
        note = escape(_("Please note"))
        notes.append(f'<div class="warnings"><h2>{note}</h2><ul>{items}</ul></div>')
    return f'<section class="notes">{"".join(notes)}</section>'


def _help(report: Report) -> str:
    """Return whose rule this is and why, and where to find help: short lines, kind in tone."""
    blocks = (
        (_("About this plan"), guidance.about_lines(report, printed=True), "about-plan"),
        (_("Why wait?"), guidance.why_lines(), "why"),
        (_("Help is there"), guidance.support_lines(report), "support"),
    )
    parts = []
    for title, lines, css in blocks:
        items = "".join(f"<li>{_unbroken_numbers(escape(line))}</li>" for line in lines)
        parts.append(f'<div class="{css}"><h2>{escape(title)}</h2><ul>{items}</ul></div>')
    return f'<section class="help">{"".join(parts)}</section>'


def _write_here() -> str:
    """Return a space with ruled lines for her notes, or the nurse's: questions, changes, a phone number."""
    lines = '<div class="line"></div>' * 5
    title = escape(_("Notes"))
    return f'<section class="write"><h2>{title}</h2>{lines}</section>'


def _unbroken_numbers(text: str) -> str:
    """Keep a phone number such as 1-833-852-6262 on one line: a number broken at a hyphen is misread."""
    return _PHONE.sub(lambda match: f'<span class="nowrap">{match[0]}</span>', text)


def _dated(moment: date) -> str:
    """Return 'Sun Dec 15, 2030'."""
    return _("{date}, {year}").format(date=phrases.day(moment, year=False), year=moment.year)
