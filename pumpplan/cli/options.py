"""The command-line options, declared once so that every command shares them.

Each default in the help is read from where the code takes it (``Rule()``, the stash's
assumptions, the format table, the calendar's alarm), so the help cannot drift from it.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from pumpplan import __version__
from pumpplan.core.model import Rule
from pumpplan.core.stash import DEFAULT_EXTRA_YIELD_ML, DEFAULT_FEED_ML, TYPICAL_INTAKE_ML
from pumpplan.core.units import Units, duration_text, format_volume
from pumpplan.push import DEFAULT_CALENDAR
from pumpplan.render import DEFAULT_ALARM, FORMATS, SUFFIXES

RULE = "Rule (the clinic's protocol)"
SERIES = "Repeating course"
STASH = "Milk stash"
OUTPUT = "Output"


DEFAULT = Rule()


def _text(metavar: str, help: str, panel: str | None = None) -> Any:
    """Return a text option with its metavar, help and help panel."""
    return typer.Option(metavar=metavar, help=help, rich_help_panel=panel)


def _length(span: timedelta) -> str:
    """Return a default length as the help shows it: '[default: 40m]'."""
    return f"[default: {duration_text(span)}]"


def _ml(ml: float) -> str:
    return format_volume(ml, Units.ML)


def _or(names: list[str]) -> str:
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"pumpplan {__version__}")
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
]


When = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="WHEN",
        help="Infusion start times: '2026-12-07 10:00', 'Dec 7 10am', 'mon 9:30', 'tomorrow 9:30'.",
        show_default=False,
    ),
]
FromFile = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="FILE",
        help="Read the infusions from a calendar (.ics) or a table (.csv with a start[,duration] header).",
    ),
]
Match = Annotated[
    str | None, _text("TEXT", "With --from FILE.ics: only events whose title holds this, e.g. ketamine.")
]
Zone = Annotated[
    str | None, _text("ZONE", "IANA time zone, e.g. America/Chicago. [default: this computer's]")
]
DayFirst = Annotated[
    bool, typer.Option("--dayfirst", help="Read 07/12/2026 as 7 December. [default: the locale's order]")
]
MonthFirst = Annotated[
    bool, typer.Option("--monthfirst", help="Read 07/12/2026 as July 12. [default: the locale's order]")
]
Duration = Annotated[
    str | None, _text("DURATION", f"Length of each infusion. {_length(DEFAULT.infusion)}", RULE)
]
PumpBefore = Annotated[
    str | None,
    _text("DURATION", f"Pump and keep this long before each infusion. {_length(DEFAULT.pump_before)}", RULE),
]
DumpHours = Annotated[
    str | None,
    _text(
        "HOURS",
        "No breastfeeding until this long after an infusion ends (bare number: hours). "
        f"[default: {DEFAULT.dump // timedelta(hours=1):g}]",
        RULE,
    ),
]
PumpEvery = Annotated[
    str | None,
    _text("DURATION", f"Pump and discard this often meanwhile. {_length(DEFAULT.pump_every)}", RULE),
]
Session = Annotated[
    str | None, _text("DURATION", f"Length of one pumping session. {_length(DEFAULT.session)}", RULE)
]
Quiet = Annotated[
    str | None,
    _text("HH:MM-HH:MM", "Thin night sessions in these hours, never over 5 h apart, e.g. 23:00-06:00.", RULE),
]
ProtocolFile = Annotated[
    Path | None,
    typer.Option(
        "--protocol",
        metavar="FILE",
        help="The clinic's settings (TOML). [default: clinic.toml in the user config folder, if there]",
        rich_help_panel=RULE,
    ),
]
NoProtocol = Annotated[
    bool,
    typer.Option("--no-protocol", help="Ignore clinic.toml in the user config folder.", rich_help_panel=RULE),
]
Every = Annotated[
    str | None, _text("DAYS", "Repeat on these weekdays from the first WHEN, e.g. mon,wed,fri.", SERIES)
]
Count = Annotated[str | None, _text("N", "Number of infusions in the --every course.", SERIES)]
Until = Annotated[str | None, _text("DATE", "Last day of the --every course, e.g. 2026-12-31.", SERIES)]
RRule = Annotated[
    str | None,
    _text("RULE", "RFC 5545 rule from the first WHEN, e.g. 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6'.", SERIES),
]
Intake = Annotated[
    str | None,
    _text(
        "AMOUNT",
        f"What your baby drinks a day, e.g. 750ml or 25oz. [default: the published {_ml(TYPICAL_INTAKE_ML)}]",
        STASH,
    ),
]
BabyAge = Annotated[
    str | None,
    _text("AGE", "Your baby's age, e.g. 3mo or 10w, for the published daily intake (1-6 months).", STASH),
]
FeedSize = Annotated[
    str | None, _text("AMOUNT", f"One bottle, e.g. 90ml or 3oz. [default: {_ml(DEFAULT_FEED_ML)}]", STASH)
]
MilkUnits = Annotated[str | None, _text("UNITS", "ml or oz. [default: oz in the US locale, else ml]", STASH)]
StartPumping = Annotated[
    str | None,
    _text("DATE", "First day of extra pumping to build the stash, e.g. 2026-11-30. [default: today]", STASH),
]
ExtraYield = Annotated[
    str | None,
    _text(
        "AMOUNT",
        "Milk one extra pumping session gives you, e.g. 30ml or 1oz. "
        f"[default: {_ml(DEFAULT_EXTRA_YIELD_ML)}]",
        STASH,
    ),
]


Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"{_or(list(FORMATS))} (the stash: all but csv). [default: table, or from -o's suffix]",
        rich_help_panel=OUTPUT,
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help=f"Write to this file ({' '.join(SUFFIXES)}) instead of the screen; - for the screen.",
        rich_help_panel=OUTPUT,
    ),
]
Force = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it exists.", rich_help_panel=OUTPUT)
]
Alarm = Annotated[
    str | None,
    _text(
        "DURATION",
        f"Calendar reminder this long before each pumping session; the resume rings at its time. "
        f"{_length(DEFAULT_ALARM)}",
        OUTPUT,
    ),
]
Replaces = Annotated[
    Path | None,
    typer.Option(
        "--replaces",
        metavar="FILE",
        help="The .ics of an earlier plan: the new calendar cancels its events that are gone.",
        rich_help_panel=OUTPUT,
    ),
]
Discreet = Annotated[
    bool,
    typer.Option(
        "--discreet",
        help="Calendar in neutral words (Pump, Appointment, Feeding OK) for a calendar others see.",
        rich_help_panel=OUTPUT,
    ),
]
NoAlarms = Annotated[
    bool, typer.Option("--no-alarms", help="Calendar events without reminders.", rich_help_panel=OUTPUT)
]
Clock = Annotated[
    str | None,
    _text(
        "12|24",
        "The clock of the human outputs: 12 (2:00 p.m.) or 24 (14:00). [default: the locale's]",
        OUTPUT,
    ),
]
Name = Annotated[str | None, _text("TEXT", "Patient's name, for the printed handout.", OUTPUT)]
Clinic = Annotated[
    str | None, _text("TEXT", "Clinic name and phone, e.g. 'Westside Infusion, 555-0100'.", OUTPUT)
]
Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of the plan: en or es. [default: from the locale]",
        rich_help_panel=OUTPUT,
    ),
]

SERVER = "Calendar server (pumpplan push)"
Url = Annotated[
    str | None,
    typer.Option(
        "--url",
        metavar="URL",
        envvar="PUMPPLAN_CALDAV_URL",
        help="The CalDAV server, e.g. https://caldav.icloud.com/ (or PUMPPLAN_CALDAV_URL).",
        rich_help_panel=SERVER,
        show_envvar=False,
    ),
]
User = Annotated[
    str | None,
    typer.Option(
        "--user",
        metavar="NAME",
        envvar="PUMPPLAN_CALDAV_USER",
        help="Your user name there (or PUMPPLAN_CALDAV_USER). The password comes from "
        "PUMPPLAN_CALDAV_PASSWORD, the system keyring, or a prompt: never from the command line.",
        rich_help_panel=SERVER,
        show_envvar=False,
    ),
]
CalendarName = Annotated[
    str | None,
    _text(
        "NAME", f"The calendar to keep the plan in, made if missing. [default: {DEFAULT_CALENDAR}]", SERVER
    ),
]
DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="List what would be created, updated and deleted; change nothing.",
                 rich_help_panel=SERVER),
]  # fmt: skip
Yes = Annotated[
    bool, typer.Option("--yes", help="Delete the plan's old events without asking.", rich_help_panel=SERVER)
]
