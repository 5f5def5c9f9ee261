"""One renderer per output format; each turns a Report into text, or the calendar into bytes."""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module

from pumpplan.core.model import Report
from pumpplan.errors import InputError, shown

# format -> (module, function); imported on use so that --help stays fast.
RENDERERS = {
    "table": ("table", "render_table"),
    "plain": ("text", "render_plain"),
    "markdown": ("text", "render_markdown"),
    "csv": ("text", "render_csv"),
    "json": ("text", "render_json"),
    "html": ("html", "render_html"),
}
CALENDAR = "ics"
FORMATS = (*RENDERERS, CALENDAR)
SUFFIXES = {
    ".txt": "plain",
    ".md": "markdown",
    ".csv": "csv",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".ics": CALENDAR,
}


def check_format(name: str) -> str:
    """Return a known format name, or raise naming the choices."""
    if name not in FORMATS:
        raise InputError(f"--format {shown(name)} is not known; use one of {', '.join(FORMATS)}")
    return name


def format_for_suffix(suffix: str) -> str:
    """Return the format a file name's suffix asks for."""
    try:
        return SUFFIXES[suffix.lower()]
    except KeyError:
        known = " ".join(SUFFIXES)
        raise InputError(
            f"cannot tell the format from {shown(suffix or 'no suffix')}; "
            f"end the file name with one of {known} or add --format"
        ) from None


def render(report: Report, name: str, *, color: bool = False, width: int = 100) -> str:
    """Render a report in the named format."""
    if check_format(name) == CALENDAR:
        raise ValueError("the calendar is bytes: use render_calendar")
    module, function = RENDERERS[name]
    renderer = getattr(import_module(f"pumpplan.render.{module}"), function)
    if name == "table":
        return str(renderer(report, color=color, width=width))
    return str(renderer(report))


def render_calendar(report: Report, *, stamp: datetime, alarm: timedelta | None) -> bytes:
    """Render a report as an .ics file made at ``stamp``, with its milk-storage reminders.

    It imports icalendar only now.
    """
    from pumpplan.render.ics import Task, render_ics

    tasks: list[Task] = []
    if report.stash is not None:
        from pumpplan.core import storage
        from pumpplan.render import stash_phrases

        guidance = stash_phrases.storage_lines(report.stash, report.units)[:1]
        tasks = [
            Task(
                f"{reminder.kind.value} {reminder.day.isoformat()}",
                reminder.day,
                stash_phrases.reminder_text(reminder, report.units),
                tuple(guidance),
            )
            for reminder in storage.reminders(report.stash.portions)
        ]
    return render_ics(report.plan, stamp=stamp, alarm=alarm, owner=report.patient, tasks=tasks)
