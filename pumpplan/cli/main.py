"""The command line: read the options, make the report, print or write it; every error one line."""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

# Typer 0.29 carries its own Click; its unknown-option error is only reachable here.
from typer._click.core import Context
from typer._click.exceptions import NoSuchOption
from typer.core import TyperCommand

from pumpplan.cli import options as opt
from pumpplan.cli.boundary import boundary, prepare_streams, say, silence_stdout
from pumpplan.cli.output import Output, alarm_lead, clock_hours, emit, output_format
from pumpplan.cli.usage import RootOption, usage_line
from pumpplan.errors import InputError, OutputError, reject_control_chars
from pumpplan.files import reason

if TYPE_CHECKING:
    from pumpplan.app import Request
    from pumpplan.cli.push import Server
    from pumpplan.render.report import Report

DISCLAIMER = "Not medical advice: check every plan with your clinic."
# The options of 'pumpplan' itself, which a command does not take.
ROOT_OPTIONS = ("--version",)
app = typer.Typer(
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    # Locals hold appointment times: health information, never to be printed.
    pretty_exceptions_show_locals=False,
    help="Plan breastfeeding around ketamine infusions: pump and keep, pump and discard, resume.",
    epilog=DISCLAIMER,
)
PLAN_HELP = """Make the pumping and breastfeeding plan for one or more infusions.

With a milk-stash option it also says how much milk to store first and how to pump it.

Example: pumpplan plan "2026-12-07 10:00" --every mon,wed,fri --count 6
"""
PUSH_HELP = """Put the plan into a CalDAV calendar (iCloud, Nextcloud, Fastmail...) and keep it equal to it.

A changed plan updates its events and deletes the ones it no longer has, so no old reminder stays.
Only this plan's events are ever changed. The password comes from PUMPPLAN_CALDAV_PASSWORD, the
system keyring or a prompt, never from the command line.

Example: pumpplan push "2026-12-07 10:00" --every mon,wed,fri --count 6 --url https://dav.example.org/
"""
STASH_HELP = """Work out the milk to store before the infusions: how much, how to pump it, how to keep it.

Example: pumpplan stash "2026-12-07 10:00" --every mon,thu --count 6 --start-pumping 2026-11-30
"""


@app.callback(invoke_without_command=True)
def root(
    context: typer.Context,
    version: opt.Version = False,
) -> None:
    """Plan breastfeeding around ketamine infusions: pump and keep, pump and discard, resume."""
    if context.invoked_subcommand is None:  # bare 'pumpplan': the help, as a usage error
        typer.echo(context.get_help(), err=True)
        raise typer.Exit(2)


def command(
    context: typer.Context,
    when: opt.When = None,
    source: opt.FromFile = None,
    match: opt.Match = None,
    tz: opt.Zone = None,
    dayfirst: opt.DayFirst = False,
    monthfirst: opt.MonthFirst = False,
    duration: opt.Duration = None,
    pump_before: opt.PumpBefore = None,
    dump_hours: opt.DumpHours = None,
    pump_every: opt.PumpEvery = None,
    session: opt.Session = None,
    quiet: opt.Quiet = None,
    protocol: opt.ProtocolFile = None,
    no_protocol: opt.NoProtocol = False,
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
    replaces: opt.Replaces = None,
    discreet: opt.Discreet = False,
    name: opt.Name = None,
    clinic: opt.Clinic = None,
    lang: opt.Lang = None,
    clock: opt.Clock = None,
    url: opt.Url = None,
    user: opt.User = None,
    calendar: opt.CalendarName = None,
    dry_run: opt.DryRun = False,
    yes: opt.Yes = False,
) -> None:
    """Make the plan: print or write it (plan), the milk in detail (stash), or into a calendar (push)."""
    from pumpplan.app import Request

    wanted = Request(
        when=when or [], source=source, match=match, tz=tz, dayfirst=dayfirst, monthfirst=monthfirst,
        duration=duration,
        pump_before=pump_before, dump_hours=dump_hours, pump_every=pump_every, session=session,
        quiet=quiet, every=every, count=count, until=until, rrule=rrule, protocol=protocol,
        no_protocol=no_protocol, name=name,
        clinic=clinic, intake=intake, baby_age=baby_age, feed_size=feed_size, units=units,
        start_pumping=start_pumping, extra_yield=extra_yield, replaces=replaces,
    )  # fmt: skip
    # '-o -' is the screen, as for most commands that write files.
    path = None if output is not None and str(output) == "-" else output
    out = Output(output_format, path, force, alarm, no_alarms, lang, clock, discreet=discreet)
    with boundary():
        if context.info_name == "push":
            from pumpplan.cli.push import Server

            _push(wanted, out, Server(url, user, calendar, dry_run, yes))
        else:
            _run(wanted, out, stash=context.info_name == "stash")


class Command(TyperCommand):
    """One of the commands sharing ``command``: it takes only its own options.

    It also suggests, for an unknown option, only options spelt nearly the same.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Keep the options this command takes; the function's defaults stand for the others."""
        super().__init__(*args, **kwargs)
        unused = FILE_OPTIONS if self.name == "push" else SERVER_OPTIONS
        self.params = [param for param in self.params if param.name not in unused]

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        """Parse the arguments; an unknown option names its near misses, or where it belongs."""
        try:
            return super().parse_args(ctx, args)
        except NoSuchOption as error:
            name = error.option_name
            if name in ROOT_OPTIONS:
                raise RootOption(name, ctx) from None
            near = _near(name, [o for p in self.get_params(ctx) for o in (*p.opts, *p.secondary_opts)])
            raise NoSuchOption(name, possibilities=near, ctx=ctx) from None


def _near(name: str, options: Sequence[str]) -> list[str]:
    """Return the options spelt nearly like ``name`` ('--dayfrist': '--dayfirst'), not merely alike."""
    from difflib import get_close_matches  # only after a mistyped option

    return get_close_matches(name, [o for o in options if o.startswith("--")], n=3, cutoff=0.8)


# Three commands with the plan's options: the stash shows the milk in detail instead of the
# schedule; push sends the plan to a calendar server instead of a file.
SERVER_OPTIONS = frozenset({"url", "user", "calendar", "dry_run", "yes"})
FILE_OPTIONS = frozenset({"output_format", "output", "force", "clinic", "clock"})
app.command("plan", cls=Command, help=PLAN_HELP, epilog=DISCLAIMER)(command)
app.command("stash", cls=Command, help=STASH_HELP, epilog=DISCLAIMER)(command)
app.command("push", cls=Command, help=PUSH_HELP, epilog=DISCLAIMER)(command)


def _run(wanted: Request, out: Output, *, stash: bool) -> None:
    """Check everything, make the report with the sections the command shows, print or write it."""
    _use_language(out.lang)
    if out.path is not None:  # first: a folder or a device is a file problem whatever its name says
        from pumpplan.files import check_writable

        reject_control_chars(str(out.path), "--output")
        check_writable(out.path, force=out.force)
    elif sys.stdout is None:  # started with standard output closed ('>&-'): nothing would be seen
        raise OutputError("standard output is closed; write the plan to a file with -o plan.ics")
    fmt = output_format(out.format, out.path, events=not stash)
    clock = clock_hours(out.clock)  # checked before the plan is made, like every option
    if wanted.replaces is not None and fmt != "ics":
        raise InputError(
            "--replaces cancels events in a calendar, but this plan comes out as {format}; "
            "save it as .ics (-o plan.ics)",
            format=fmt,
        )
    lead = alarm_lead(out.alarm, off=out.no_alarms)
    now = datetime.now(UTC)
    report = _report(wanted, now, stash=stash)
    try:
        emit(report, fmt, out, now=now, alarm=lead, clock=clock)
    except OSError as error:  # a full disk, a closed pipe: files.py reports its own
        silence_stdout()
        raise OutputError(
            "cannot write the plan to standard output ({reason})", reason=reason(error)
        ) from None


def _push(wanted: Request, out: Output, server: Server) -> None:
    """Make the plan and its calendar, and keep the server's calendar equal to it."""
    from pumpplan.cli.push import push
    from pumpplan.render import RenderOptions, render

    _use_language(out.lang)
    lead = alarm_lead(out.alarm, off=out.no_alarms)
    now = datetime.now(UTC)
    report = _report(wanted, now, stash=False)
    options = RenderOptions(stamp=now.replace(microsecond=0), alarm=lead, discreet=out.discreet)
    calendar = render(report, "ics", options)
    assert isinstance(calendar, bytes)  # the calendar format is bytes, CRLF as written
    push(report, calendar, server)


def _report(wanted: Request, now: datetime, *, stash: bool) -> Report:
    """Make the report with the sections the command shows, and say how her input was read."""
    from pumpplan import app as orchestrator
    from pumpplan.render.report import Section

    if stash:
        sections = frozenset({Section.STASH, Section.STORAGE})
    else:
        sections = frozenset({Section.SCHEDULE, *([Section.STASH] if wanted.asks_for_stash else [])})
    report = orchestrator.report(
        wanted, now, Path(typer.get_app_dir("pumpplan")), sections, environ=os.environ
    )
    from pumpplan.i18n import _, dated

    for note in report.notes:  # how her input was read, before the plan that follows from it
        typer.echo(note.text(_, dated), err=True)
    return report


def _use_language(lang: str | None) -> None:
    """Switch the messages to --lang, or to the locale's language when pumpplan has it."""
    from pumpplan import i18n

    i18n.use(lang.lower() if lang else i18n.from_environment(os.environ))


def only(first: Sequence[str]) -> typer.Typer:
    """Return the app with only the command the arguments name, else the whole app.

    Typer builds every command it holds before it runs one: the three commands share some forty
    options, and building the two not run was a twentieth of the time of 'pumpplan plan'.
    """
    named = [info for info in app.registered_commands if list(first) == [info.name]]
    if not named:
        return app
    one = copy.copy(app)
    one.registered_commands = named
    return one


def main() -> None:
    """Run the command line, turning usage errors into one line on stderr."""
    prepare_streams()
    try:
        with boundary():
            code = only(sys.argv[1:2])(standalone_mode=False)
    except typer.TyperException as error:  # the usage errors derive from it
        commands = {info.name or "" for info in app.registered_commands}
        say(usage_line(error, sys.argv[1:], os.environ, commands))
        sys.exit(error.exit_code)
    except typer.Abort:
        from pumpplan.i18n import _

        say(_("aborted"))
        sys.exit(1)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
