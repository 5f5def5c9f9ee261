"""Fuzz the command line in-process: no traceback, no bug, no raw control or bidi character, no slow run.

Hypothesis draws whole command lines (tests/strategies.py: hostile text, odd zones, dates at the
edges of the years, offsets, RRULEs from their parts) and hostile .ics and clinic.toml files, and
runs each through the Typer app with CliRunner. Every run must end in 0, 1 or 2; an error is one
'error:' line; neither stream may hold a character that acts on a terminal (errors.hidden, but
the line ends and the emoji joiner); and each run must finish within its budget (20 s: the
slowest honest run, a 20,000-event calendar, takes ~10 s), enforced by a timer so that a hang
fails the test instead of stopping it.

PUMPPLAN_FUZZ=long searches 20 times longer (a few minutes), for a run before a release.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pumpplan.cli import main
from pumpplan.errors import hidden
from tests.strategies import calendars, clinic_files, command_lines

LONG = os.environ.get("PUMPPLAN_FUZZ") == "long"
SCALE = 20 if LONG else 1
BUDGET_SECONDS = 20  # one run: a hang fails; the slowest honest run (20,000 events as .ics) takes ~10 s
FUZZ = settings(
    max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
ALLOWED = "\n\r\u200d"  # line ends (CRLF in a calendar) and the joiner emoji need

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "setitimer"), reason="the time budget needs a POSIX timer"
)


class TooSlow(BaseException):
    """A run went over its budget (a BaseException: the command's boundary must not catch it)."""


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Fail the run that takes longer than this, even if it would never end."""

    def expire(signum: int, frame: object) -> None:
        raise TooSlow(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Run:
    """What one run printed and how it ended."""

    exit_code: int
    stdout: str
    stderr: str


def invoke(args: list[str]) -> Run:
    """Run the console script's main() in-process, as from a shell, within the budget.

    Through main() rather than CliRunner.invoke(app): main() is where usage errors become one line.
    """
    saved = sys.argv
    with CliRunner().isolation() as (out, err, _), budget(BUDGET_SECONDS):
        sys.argv = ["pumpplan", *args]
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        finally:
            sys.argv = saved
        return Run(code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))


def check(result: Run, args: list[str]) -> None:
    """Assert what every run must be, whatever it was given (an exception fails the test by itself)."""
    shown = f"pumpplan {args!r}"
    assert result.exit_code in (0, 1, 2), f"{shown} exited {result.exit_code}: {result.stderr}"
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert "Traceback" not in stream, f"{shown}: a traceback on {name}"
        raw = sorted({ch for ch in stream if hidden(ch) and ch not in ALLOWED})
        assert not raw, f"{shown}: raw {raw!r} on {name}"
    if result.exit_code != 0:
        assert result.stderr.startswith("error: "), f"{shown}: {result.stderr!r}"
        assert result.stderr.count("\n") == 1, f"{shown}: {result.stderr!r}"
        assert result.stdout == "", f"{shown}: output with an error"


@FUZZ
@given(command_lines())
def test_any_command_line_ends_in_one_line_or_a_plan(args: list[str]) -> None:
    """Whatever is typed: a plan, or one 'error:' line with exit 1 or 2; never a bug, a hang or an escape."""
    check(invoke(args), args)


@FUZZ
@given(command_lines(), st.one_of(st.sampled_from(["plan.ics", "p.json", "a.md"]), st.text(max_size=40)))
def test_any_output_name_is_written_privately_or_refused_with_nothing_left(
    args: list[str], name: str
) -> None:
    """-o with any name: the file is written mode 600, or nothing at all is left (or help was asked for)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / (name.replace("/", "_").replace("\x00", "_").lstrip(".").strip() or "x")
        full = [*args, "-o", str(target)]
        result = invoke(full)
        check(result, full)
        left = sorted(p.name for p in Path(folder).iterdir())
        if result.exit_code == 0 and not {"--help", "-h", "--version"} & set(args):
            assert left == [target.name]
            assert target.stat().st_mode & 0o777 == 0o600
        else:
            assert left == [], f"pumpplan {full!r} left {left}"


@FUZZ
@given(calendars(), st.sampled_from(["json", "ics", "plain", "markdown", "html"]))
def test_any_calendar_file_is_read_or_refused_in_one_line(data: bytes, fmt: str) -> None:
    """A calendar as someone might send it: the plan, or one line; never a hang, a bug or an escape."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "invite.ics"
        path.write_bytes(data)
        args = ["plan", "--from", str(path), "--tz", "America/Los_Angeles", "-f", fmt]
        check(invoke(args), args)


@FUZZ
@given(clinic_files())
def test_any_clinic_file_is_used_or_refused_in_one_line(data: bytes) -> None:
    """A clinic.toml with any keys and values: the plan with its rule, or one line naming the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clinic.toml"
        path.write_bytes(data)
        args = ["plan", "2030-12-02 10:00", "--tz", "UTC", "--protocol", str(path), "-f", "plain"]
        result = invoke(args)
        check(result, args)
        if result.exit_code != 0:
            assert str(path) in result.stderr
