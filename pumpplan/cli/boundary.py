"""The one boundary where every error becomes one line with its exit code, and the streams it writes."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from typing import NoReturn

import typer

from pumpplan import __version__
from pumpplan.errors import PumpplanError, visible

BUG = 70  # EX_SOFTWARE: an error in pumpplan itself, never the user's


@contextlib.contextmanager
def boundary() -> Iterator[None]:
    """Turn any error into one line and its exit code: 2 input, 1 files, 70 a bug in pumpplan.

    The one place that catches every exception. A bug's line names its kind and where in pumpplan
    it happened, never its text or a traceback: those can hold appointment times and names.
    """
    try:
        yield
    except PumpplanError as error:
        fail(error)
    except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
        raise  # how the command line ends a run or reports a usage slip: not a bug
    except Exception as error:  # the one boundary; see the docstring
        from pumpplan.i18n import _

        # Translators: {where} names a kind of Python error and a line of code, e.g. 'KeyError at app.py:3'.
        line = _("error: this is a bug in pumpplan {version}, please report it: {where}")
        say(line.format(version=__version__, where=_where(error)))
        raise typer.Exit(BUG) from None


def _where(error: BaseException) -> str:
    """Return the error's kind and the last line of pumpplan it passed: 'KeyError at core/x.py:3'."""
    package = f"{os.sep}pumpplan{os.sep}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if package in f.filename]
    if not frames:
        return type(error).__name__
    place = frames[-1].filename.rpartition(package)[2]
    return f"{type(error).__name__} at {place}:{frames[-1].lineno}"


def fail(error: PumpplanError) -> NoReturn:
    """Print the one line an error is, and exit with its code: 2 for input, 1 for files."""
    from pumpplan.i18n import _, dated

    # Translators: the first word of every error line; the message after it is translated on its own.
    say(_("error: {message}").format(message=error.text(_, dated)))
    raise typer.Exit(error.exit_code) from None


def say(line: str) -> None:
    """Print one line on stderr, hidden characters escaped; a closed or full stderr is let be."""
    with contextlib.suppress(OSError):
        typer.echo(visible(line), err=True)


def silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def prepare_streams() -> None:
    """Let a terminal that is not UTF-8 show what it can; stop on SIGTERM and SIGHUP as on Ctrl-C."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # Ctrl-C removes a half-written temporary file on the way out; so do these two.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.default_int_handler)
