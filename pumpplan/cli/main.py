"""The command line: parse the input, build the plan, render it, print or write it."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from pumpplan import __version__
from pumpplan.cli import options as opt
from pumpplan.errors import PumpplanError

if TYPE_CHECKING:
    from pumpplan.app import Request
    from pumpplan.core.model import Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    help="Plan breastfeeding around ketamine infusions: pump and keep, pump and discard, resume.",
    epilog="Not medical advice: confirm every plan with your provider.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pumpplan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Plan breastfeeding around ketamine infusions: pump and keep, pump and discard, resume."""


def _command(*, storage: bool) -> Callable[..., None]:
    """Return the body of the plan command, or with ``storage`` of the stash command.

    Both take the same options; the stash command always works out the milk stash and
    shows its day-by-day storage in place of the schedule.
    """

    def command(
        when: opt.When = None,
        source: opt.FromFile = None,
        match: opt.Match = None,
        tz: opt.Zone = None,
        dayfirst: opt.DayFirst = False,
        duration: opt.Duration = None,
        pump_before: opt.PumpBefore = None,
        dump_hours: opt.DumpHours = None,
        pump_every: opt.PumpEvery = None,
        session: opt.Session = None,
        quiet: opt.Quiet = None,
        protocol: opt.ProtocolFile = None,
        every: opt.Every = None,
        count: opt.Count = None,
        until: opt.Until = None,
        rrule: opt.RRule = None,
        intake: opt.Intake = None,
        baby_age: opt.BabyAge = None,
        feed_size: opt.FeedSize = None,
        units: opt.MilkUnits = None,
        start_pumping: opt.StartPumping = None,
        extra_yield: opt.ExtraYield = None,
        output_format: opt.Format = None,
        output: opt.Output = None,
        force: opt.Force = False,
        alarm: opt.Alarm = None,
        no_alarms: opt.NoAlarms = False,
        name: opt.Name = None,
        clinic: opt.Clinic = None,
        lang: opt.Lang = None,
    ) -> None:
        from pumpplan.app import Request

        wanted = Request(
            when=when or [], source=source, match=match, tz=tz, dayfirst=dayfirst, duration=duration,
            pump_before=pump_before, dump_hours=dump_hours, pump_every=pump_every, session=session,
            quiet=quiet, every=every, count=count, until=until, rrule=rrule, protocol=protocol, name=name,
            clinic=clinic, intake=intake, baby_age=baby_age, feed_size=feed_size, units=units,
            start_pumping=start_pumping, extra_yield=extra_yield,
        )  # fmt: skip
        _run(wanted, Output(output_format, output, force, alarm, no_alarms, lang), storage=storage)

    if storage:  # the same options, but the stash's help must not offer CSV
        command.__annotations__ |= {"output_format": opt.StashFormat, "output": opt.StashOutput}
    return command


plan = app.command(
    "plan",
    help="""Make the pumping and breastfeeding plan for one or more infusions.

    With a milk-stash option it also says how much milk to store first and how to pump it.

    Example: pumpplan plan "2026-12-07 10:00" --every mon,wed,fri --count 6
    """,
)(_command(storage=False))
stash = app.command(
    "stash",
    help="""Work out the milk to store before the infusions: how much, how to pump it, how to keep it.

    Example: pumpplan stash "2026-12-07 10:00" --every mon,thu --count 6 --start-pumping 2026-11-30
    """,
)(_command(storage=True))


@dataclass(frozen=True)
class Output:
    """The options that say how and where a report goes."""

    format: str | None
    path: Path | None
    force: bool
    alarm: str | None
    no_alarms: bool
    lang: str | None


def _run(wanted: Request, out: Output, *, storage: bool) -> None:
    """Check everything, build the report, and print or write it; any error is one line."""
    from pumpplan import app as request

    try:
        _use_language(out.lang)
        fmt = request.output_format(out.format, out.path, stash=storage)
        lead = request.alarm_lead(out.alarm, off=out.no_alarms)
        if out.path is not None:
            from pumpplan.files import check_writable

            check_writable(out.path, force=out.force)
        now = datetime.now(UTC)
        config = Path(typer.get_app_dir("pumpplan"))
        report = request.report(wanted, now, config, storage=storage, environ=os.environ)
        if fmt == "ics":
            from pumpplan.render import render_calendar

            data = render_calendar(report, stamp=now.replace(microsecond=0), alarm=lead)
            _write(data, out.path, force=out.force)
        else:
            _emit(report, fmt, out.path, force=out.force)
    except PumpplanError as error:
        _fail(error)


def _use_language(lang: str | None) -> None:
    """Switch the messages to --lang, or to the locale's language when pumpplan has it."""
    from pumpplan import i18n

    i18n.use(lang.lower() if lang else i18n.from_environment(os.environ))


def _emit(report: Report, fmt: str, output: Path | None, *, force: bool) -> None:
    """Print the rendered report, or write it to a private file."""
    from pumpplan.render import render

    if output is None:
        tty = sys.stdout.isatty()
        color = tty and "NO_COLOR" not in os.environ
        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
        typer.echo(render(report, fmt, color=color, width=width), nl=False)
        return
    _write(render(report, fmt).encode("utf-8"), output, force=force)


def _write(data: bytes, output: Path | None, *, force: bool) -> None:
    """Write bytes to a private file, or to stdout as they are."""
    if output is None:
        typer.echo(data, nl=False)  # bytes go to the binary stream unchanged: CRLF stays CRLF
        return
    from pumpplan.files import write_private

    write_private(output, data, force=force)
    typer.echo(f"wrote {output}", err=True)


def _fail(error: PumpplanError) -> NoReturn:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code) from None


def main() -> None:
    """Run the command line, turning usage errors into one line on stderr."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as error:  # click's usage errors derive from it
        if type(error).__name__ == "NoArgsIsHelpError":  # bare 'pumpplan': the help, not an error
            typer.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        commands = {info.name for info in app.registered_commands}
        command = " ".join(["pumpplan", *(word for word in sys.argv[1:2] if word in commands)])
        typer.echo(f"error: {error.format_message()} (see '{command} --help')", err=True)
        sys.exit(error.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
