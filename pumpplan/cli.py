"""The command line: parse the input, build the plan, render it, print or write it."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pumpplan import __version__
from pumpplan.errors import PumpplanError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    help="Plan breastfeeding around ketamine infusions: pump and keep, pump and discard, resume.",
    epilog="Not medical advice: confirm every plan with your provider.",
)

RULE = "Rule (the clinic's protocol)"
SERIES = "Repeating course"
OUTPUT = "Output"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pumpplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Plan breastfeeding around ketamine infusions: pump and keep, pump and discard, resume."""


@app.command()
def plan(
    when: Annotated[
        list[str],
        typer.Argument(
            metavar="WHEN",
            help="Infusion start times: '2026-12-07 10:00', 'Dec 7 10am', 'mon 9:30', 'tomorrow 9:30'.",
            show_default=False,
        ),
    ],
    tz: Annotated[
        str | None,
        typer.Option(metavar="ZONE", help="IANA time zone, e.g. America/Chicago. [default: this computer's]"),
    ] = None,
    dayfirst: Annotated[bool, typer.Option("--dayfirst", help="Read 07/12/2026 as 7 December.")] = False,
    duration: Annotated[
        str, typer.Option(metavar="DURATION", help="Length of each infusion.", rich_help_panel=RULE)
    ] = "40m",
    pump_before: Annotated[
        str,
        typer.Option(
            metavar="DURATION", help="Pump and keep this long before each infusion.", rich_help_panel=RULE
        ),
    ] = "60m",
    dump_hours: Annotated[
        str,
        typer.Option(
            metavar="HOURS",
            help="No breastfeeding until this long after an infusion ends (bare number: hours).",
            rich_help_panel=RULE,
        ),
    ] = "48",
    pump_every: Annotated[
        str,
        typer.Option(metavar="DURATION", help="Pump and discard this often meanwhile.", rich_help_panel=RULE),
    ] = "3h",
    session: Annotated[
        str, typer.Option(metavar="DURATION", help="Length of one pumping session.", rich_help_panel=RULE)
    ] = "20m",
    quiet: Annotated[
        str | None,
        typer.Option(
            metavar="HH:MM-HH:MM",
            help="Thin night sessions in these hours, never over 5 h apart, e.g. 23:00-06:00.",
            rich_help_panel=RULE,
        ),
    ] = None,
    every: Annotated[
        str | None,
        typer.Option(
            metavar="DAYS",
            help="Repeat on these weekdays from the first WHEN, e.g. mon,wed,fri.",
            rich_help_panel=SERIES,
        ),
    ] = None,
    count: Annotated[
        str | None,
        typer.Option(metavar="N", help="Number of infusions in the --every course.", rich_help_panel=SERIES),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="Last day of the --every course, e.g. 2026-12-31.", rich_help_panel=SERIES
        ),
    ] = None,
    rrule: Annotated[
        str | None,
        typer.Option(
            metavar="RULE",
            help="RFC 5545 rule from the first WHEN, e.g. 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6'.",
            rich_help_panel=SERIES,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="table, plain, markdown, csv or json. [default: table, or from -o's suffix]",
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to this file (.txt .md .csv .json) instead of the screen.",
            rich_help_panel=OUTPUT,
            dir_okay=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists.", rich_help_panel=OUTPUT)
    ] = False,
) -> None:
    """Make the pumping and breastfeeding plan for one or more infusions.

    Example: pumpplan plan "2026-12-07 10:00" --every mon,wed,fri --count 6
    """
    from pumpplan import request

    try:
        wanted = request.Request(
            when=when,
            tz=tz,
            dayfirst=dayfirst,
            duration=duration,
            pump_before=pump_before,
            dump_hours=dump_hours,
            pump_every=pump_every,
            session=session,
            quiet=quiet,
            every=every,
            count=count,
            until=until,
            rrule=rrule,
        )
        fmt = request.output_format(output_format, output)
        if output is not None:
            from pumpplan.files import check_writable

            check_writable(output, force=force)
        result = request.build(wanted, now=datetime.now(UTC))
        _emit(result, fmt, output, force=force)
    except PumpplanError as error:
        _fail(error)


def _emit(result: object, fmt: str, output: Path | None, *, force: bool) -> None:
    """Print the rendered plan, or write it to a private file."""
    from pumpplan.render import render

    if output is None:
        tty = sys.stdout.isatty()
        color = tty and "NO_COLOR" not in os.environ
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
        typer.echo(render(result, fmt, color=color, width=width), nl=False)  # type: ignore[arg-type]
        return
    from pumpplan.files import write_private

    write_private(output, render(result, fmt).encode("utf-8"), force=force)  # type: ignore[arg-type]
    typer.echo(f"wrote {output}", err=True)


def _fail(error: PumpplanError) -> NoReturn:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code) from None


def main() -> None:
    """Run the command line, turning usage errors into one line on stderr."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as error:  # click's usage errors derive from it
        command = " ".join(sys.argv[1:2]) if sys.argv[1:2] == ["plan"] else ""
        hint = f"pumpplan {command} --help".replace("  ", " ")
        typer.echo(f"error: {error.format_message()} (see '{hint}')", err=True)
        sys.exit(error.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
