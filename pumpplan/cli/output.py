"""Where a report goes: its format, the screen or a private file, the calendar's reminders."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pumpplan.errors import InputError, Phrase, shown
from pumpplan.i18n import locale_code
from pumpplan.render import DEFAULT_ALARM, FORMATS, SUFFIXES, RenderOptions, render

if TYPE_CHECKING:
    from pumpplan.render.report import Report

LONGEST_ALARM = timedelta(days=1)
# Written where standard output is not a terminal, so that piped text keeps its lines.
PIPE_WIDTH = 100


@dataclass(frozen=True)
class Output:
    """The options that say how and where a report goes."""

    format: str | None
    path: Path | None
    force: bool
    alarm: str | None
    no_alarms: bool
    lang: str | None
    clock: str | None = None
    discreet: bool = False


def output_format(requested: str | None, path: Path | None, *, events: bool = True) -> str:
    """Return the format: the one asked for, else the output file's suffix, else the table.

    ``events`` says whether the report lists the schedule's events; without them (the stash
    command) a format that is only a list of events (CSV) has nothing to show.
    """
    if requested is not None:
        fmt = requested.lower()
        if fmt not in FORMATS:
            raise InputError(
                "--format {value} is not known; use one of {formats}",
                value=shown(requested),
                formats=", ".join(FORMATS),
            )
        if path is not None:
            _check_suffix(path, fmt)
    elif path is not None:
        fmt = _format_for_suffix(path.suffix)
    else:
        fmt = "table"
    if FORMATS[fmt].events_only and not events:
        writes = ", ".join(name for name, f in FORMATS.items() if not f.events_only)
        raise InputError(
            "pumpplan stash writes {formats}, not {format}; for the CSV of the events, "
            "run pumpplan plan with the same options",
            formats=writes,
            format=fmt,
        )
    return fmt


def _check_suffix(path: Path, fmt: str) -> None:
    """Refuse an output name whose suffix says another format than --format ('-f json -o plan.ics')."""
    named = SUFFIXES.get(path.suffix.lower())
    if named is not None and named != fmt and {named, fmt} != {"plain", "table"}:
        suffix = next((s for s, name in SUFFIXES.items() if name == fmt), "")
        raise InputError(
            "--output {file} names a {named} file but --format is {format}; "
            "name it e.g. plan{suffix}, or leave out --format",
            file=shown(path.name),
            named=named,
            format=fmt,
            suffix=suffix,
        )


def _format_for_suffix(suffix: str) -> str:
    """Return the format a file name's suffix asks for."""
    try:
        return SUFFIXES[suffix.lower()]
    except KeyError:
        raise InputError(
            "cannot tell the format from {suffix}; end the file name with one of {suffixes} or add --format",
            suffix=shown(suffix) if suffix else Phrase("'no suffix'"),
            suffixes=" ".join(SUFFIXES),
        ) from None


def clock_hours(text: str | None) -> int | None:
    """Return the clock --clock asks for, 12 or 24; None for the locale's."""
    if text is None:
        return None
    hours = text.strip().lower().removesuffix("h")
    if hours not in {"12", "24"}:
        raise InputError(
            "--clock {value} is not a clock; use 12 (2:00 p.m.) or 24 (14:00)", value=shown(text)
        )
    return int(hours)


def alarm_lead(text: str | None, *, off: bool) -> timedelta | None:
    """Return how long before a pumping session its calendar reminder rings; None for none."""
    from pumpplan.inputs.timeparse import parse_duration

    if off:
        if text is not None:
            raise InputError("give either --alarm or --no-alarms, not both")
        return None
    if text is None:
        return DEFAULT_ALARM
    if re.fullmatch(r"\+?0+\s*(m|min|h|d)?", text.strip().lower(), re.ASCII):  # 0, 00, 0m, 0h
        return timedelta()  # at the event's start
    lead = parse_duration(text, "--alarm")
    if lead > LONGEST_ALARM:
        raise InputError(
            "--alarm {value} is more than a day ahead; give e.g. '10m' or '1h'", value=shown(text)
        )
    return lead


def _pipe_width() -> int:
    """Return the width of piped text: COLUMNS when set, as a terminal's; else PIPE_WIDTH."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH


def emit(
    report: Report, fmt: str, out: Output, *, now: datetime, alarm: timedelta | None, clock: int | None
) -> None:
    """Render the report and print it, or write it to a private file."""
    tty = out.path is None and sys.stdout.isatty()
    options = RenderOptions(
        color=tty and "NO_COLOR" not in os.environ,
        width=shutil.get_terminal_size((PIPE_WIDTH, 24)).columns if tty else _pipe_width(),
        stamp=now.replace(microsecond=0),
        alarm=alarm,
        locale=locale_code(os.environ, "LC_TIME"),
        clock=clock,
        discreet=out.discreet,
    )
    rendered = render(report, fmt, options)
    if out.path is None:
        # Text goes through the terminal's encoding; bytes (the calendar) unchanged: CRLF stays CRLF.
        typer.echo(rendered, nl=False)
    else:
        from pumpplan.files import write_private

        data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
        write_private(out.path, data, force=out.force)
        from pumpplan.i18n import _

        typer.echo(_("wrote {path}").format(path=out.path), err=True)
    if fmt == "ics":
        typer.echo(replacing_note(report), err=True)


def replacing_note(report: Report) -> str:
    """Return the line that says how this calendar replaces an earlier plan's, or what it cancels."""
    from pumpplan.i18n import _, n_

    if not report.earlier:
        return _(
            "To replace an earlier plan in your calendar, see --replaces, or delete the old calendar first."
        )
    from pumpplan.render.replacing import to_cancel

    gone, kept = len(to_cancel(report)), len(report.earlier)
    kept -= gone
    line = n_(
        "cancels {count} event of the earlier plan and updates {kept}. "
        "Import it into the calendar that holds the earlier plan",
        "cancels {count} events of the earlier plan and updates {kept}. "
        "Import it into the calendar that holds the earlier plan",
        gone,
    )
    return line.format(count=gone, kept=kept)
