"""The command line: read the options, make the report, print or write it; every error one line."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from pumpplan import __version__
from pumpplan.cli import options as opt
from pumpplan.cli.output import Output, alarm_lead, emit, output_format
from pumpplan.errors import InputError, OutputError, PumpplanError, reject_control_chars, shown, visible

if TYPE_CHECKING:
    from pumpplan.app import Request

# What a bug in pumpplan exits with (BSD's EX_SOFTWARE): neither bad input (2) nor a file problem (1).
BUG = 70
DISCLAIMER = "Not medical advice: confirm every plan with your provider."
app = typer.Typer(
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
    name: opt.Name = None,
    clinic: opt.Clinic = None,
    lang: opt.Lang = None,
) -> None:
    """Make the plan (``pumpplan plan``), or the milk stash in detail (``pumpplan stash``)."""
    from pumpplan.app import Request

    wanted = Request(
        when=when or [], source=source, match=match, tz=tz, dayfirst=dayfirst, duration=duration,
        pump_before=pump_before, dump_hours=dump_hours, pump_every=pump_every, session=session,
        quiet=quiet, every=every, count=count, until=until, rrule=rrule, protocol=protocol,
        no_protocol=no_protocol, name=name,
        clinic=clinic, intake=intake, baby_age=baby_age, feed_size=feed_size, units=units,
        start_pumping=start_pumping, extra_yield=extra_yield,
    )  # fmt: skip
    out = Output(output_format, output, force, alarm, no_alarms, lang)
    with boundary():
        _run(wanted, out, stash=context.info_name == "stash")


# Two commands with the same options: the stash shows the milk in detail instead of the schedule.
app.command("plan", help=PLAN_HELP, epilog=DISCLAIMER)(command)
app.command("stash", help=STASH_HELP, epilog=DISCLAIMER)(command)


def _run(wanted: Request, out: Output, *, stash: bool) -> None:
    """Check everything, make the report with the sections the command shows, print or write it."""
    from pumpplan import app as orchestrator
    from pumpplan.render.report import Section

    _use_language(out.lang)
    if out.path is not None:  # first: a folder or a device is a file problem whatever its name says
        from pumpplan.files import check_writable

        reject_control_chars(str(out.path), "--output")
        check_writable(out.path, force=out.force)
    elif sys.stdout is None:  # started with standard output closed ('>&-'): nothing would be seen
        raise OutputError("standard output is closed; write the plan to a file with -o plan.ics")
    fmt = output_format(out.format, out.path, events=not stash)
    _check_suffix(out, fmt)
    lead = alarm_lead(out.alarm, off=out.no_alarms)
    if stash:
        sections = frozenset({Section.STASH, Section.STORAGE})
    else:
        sections = frozenset({Section.SCHEDULE, *([Section.STASH] if wanted.asks_for_stash else [])})
    now = datetime.now(UTC)
    config = Path(typer.get_app_dir("pumpplan"))
    report = orchestrator.report(wanted, now, config, sections, environ=os.environ)
    try:
        emit(report, fmt, out, now=now, alarm=lead)
    except OSError as error:  # a full disk, a closed pipe: files.py reports its own
        _silence_stdout()
        raise OutputError(
            f"cannot write the plan to standard output ({error.strerror or 'failed'})"
        ) from None


def _check_suffix(out: Output, fmt: str) -> None:
    """Refuse an output name whose suffix says another format than --format ('-f json -o plan.ics')."""
    from pumpplan.render import SUFFIXES

    if out.path is None or out.format is None:
        return
    named = SUFFIXES.get(out.path.suffix.lower())
    if named is not None and named != fmt and {named, fmt} != {"plain", "table"}:
        suffix = next((s for s, name in SUFFIXES.items() if name == fmt), "")
        raise InputError(
            f"--output {shown(out.path.name)} names a {named} file but --format is {fmt}; "
            f"name it e.g. plan{suffix}, or leave out --format"
        )


def _use_language(lang: str | None) -> None:
    """Switch the messages to --lang, or to the locale's language when pumpplan has it."""
    from pumpplan import i18n

    i18n.use(lang.lower() if lang else i18n.from_environment(os.environ))


@contextlib.contextmanager
def boundary() -> Iterator[None]:
    """Turn any error into one line and its exit code: 2 input, 1 files, 70 a bug in pumpplan.

    The one place that catches every exception. A bug's line names its kind and where in pumpplan
    it happened, never its text or a traceback: those can hold appointment times and names.
    """
    try:
        yield
    except PumpplanError as error:
        _fail(error)
    except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
        raise  # how the command line ends a run or reports a usage slip: not a bug
    except Exception as error:  # the one boundary; see the docstring
        _say(f"error: this is a bug in pumpplan {__version__}, please report it: {_where(error)}")
        raise typer.Exit(BUG) from None


def _where(error: BaseException) -> str:
    """Return the error's kind and the last line of pumpplan it passed: 'KeyError at core/x.py:3'."""
    package = f"{os.sep}pumpplan{os.sep}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if package in f.filename]
    if not frames:
        return type(error).__name__
    place = frames[-1].filename.rpartition(package)[2]
    return f"{type(error).__name__} at {place}:{frames[-1].lineno}"


def _fail(error: PumpplanError) -> NoReturn:
    """Print the one line an error is, and exit with its code: 2 for input, 1 for files."""
    _say(f"error: {error}")
    raise typer.Exit(error.exit_code) from None


def _say(line: str) -> None:
    """Print one line on stderr, hidden characters escaped; a closed or full stderr is let be."""
    with contextlib.suppress(OSError):
        typer.echo(visible(line), err=True)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _prepare_streams() -> None:
    """Let a terminal that is not UTF-8 show what it can; stop on SIGTERM and SIGHUP as on Ctrl-C."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # Ctrl-C removes a half-written temporary file on the way out; so do these two.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.default_int_handler)


def main() -> None:
    """Run the command line, turning usage errors into one line on stderr."""
    _prepare_streams()
    try:
        with boundary():
            code = app(standalone_mode=False)
    except typer.TyperException as error:  # the usage errors derive from it
        commands = {info.name for info in app.registered_commands}
        command = " ".join(["pumpplan", *(word for word in sys.argv[1:2] if word in commands)])
        _say(f"error: {error.format_message()} (see '{command} --help')")
        sys.exit(error.exit_code)
    except typer.Abort:
        _say("aborted")
        sys.exit(1)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
