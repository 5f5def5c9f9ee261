"""The one boundary: any failure is one line on stderr with its exit code, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from pumpplan import __version__
from tests.helpers import installed, run

PLAN = ["plan", "2030-12-02 10:00", "--tz", "UTC"]


def test_an_unexpected_error_is_one_line_asking_for_a_report_without_health_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A bug says so with the version and where, exit 70, and never the exception's text or the times."""

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("Maria Lopez 2030-12-02 10:00")

    monkeypatch.setattr("pumpplan.app.report", broken)
    code, out, err = run(*PLAN, "--name", "Maria Lopez", "-o", str(tmp_path / "plan.ics"))
    assert code == 70
    assert out == ""
    bug = f"error: this is a bug in pumpplan {__version__}, please report it: ValueError at "
    assert re.fullmatch(re.escape(bug) + r"[a-z_/]+\.py:\d+\n", err)
    assert "Maria" not in err
    assert "2030" not in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_closed_standard_output_is_an_error_not_a_silent_success() -> None:
    """'pumpplan … -f ics >&-' used to exit 0 having written nothing: now exit 1, and why."""
    script = installed("--version").args[0]
    result = subprocess.run(
        ["sh", "-c", '"$0" "$@" >&-', script, *PLAN, "-f", "ics"],
        capture_output=False, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "error: standard output is closed; write the plan to a file with -o plan.ics\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_standard_output_is_one_line_exit_1() -> None:
    """Writing to a full device says so in one line, exit 1, no traceback."""
    with open("/dev/full", "w") as full:
        result = installed(*PLAN, "-f", "plain", stdout=full)
    assert result.returncode == 1
    assert result.stderr == "error: cannot write the plan to standard output (the disk is full)\n"


def test_a_closed_pipe_is_one_line_exit_1() -> None:
    """A reader that stops early ('| head -c 0') ends the run in one line, without Python's noise."""
    script = installed("--version").args[0]
    result = subprocess.run(
        ["sh", "-c", '"$0" "$@" | head -c 0', script, *PLAN, "--every", "mon", "--count", "99", "-f", "json"],
        capture_output=True, text=True, timeout=60, check=False, env={**os.environ, "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.stderr in ("", "error: cannot write the plan to standard output (Broken pipe)\n")
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8_gets_the_plan_not_a_traceback(encoding: str) -> None:
    """The plan is printed: click writes UTF-8 to an ASCII stream, Latin-1 shows 'í' as it is."""
    result = installed(
        *PLAN, "-f", "plain", "--lang", "es", env={"PYTHONIOENCODING": encoding}, errors="replace"
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("Plan de lactancia")


def test_arguments_that_are_not_utf8_are_refused_with_their_bytes_shown() -> None:
    """A byte that is not UTF-8 in an argument is named as an escape, exit 2."""
    script = installed("--version").args[0]
    result = subprocess.run(
        [os.fsencode(script), b"plan", b"\xff 10:00", b"--tz", b"UTC"], capture_output=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        b"error: the time '\\udcff 10:00' contains an invisible character (\\udcff); type it without one\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["-o", "\x1b]0;pwned\x07.ics"],
            "error: --output '\\x1b]0;pwned\\x07.ics' contains a control character (\\x1b); "
            "type it without one\n",
            id="osc-title-in-output-name",
        ),
        pytest.param(
            ["--bogus\x1b[2J"],
            "error: No such option: --bogus\\x1b[2J (see 'pumpplan plan --help')\n",
            id="usage",
        ),
    ],
)
def test_terminal_escapes_in_arguments_reach_the_terminal_escaped(
    args: list[str], message: str, tmp_path: Path
) -> None:
    """An escape sequence in a file name or an unknown option is printed as text, never acted on."""
    result = installed(*PLAN, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []


def test_sigterm_leaves_no_traceback() -> None:
    """SIGTERM stops pumpplan as Ctrl-C does: 'aborted', exit 1."""
    script = installed("--version").args[0]
    process = subprocess.Popen(
        [script, *PLAN, "-f", "plain"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1", "PYTHONFAULTHANDLER": ""},
    )  # fmt: skip
    process.terminate()
    _, err = process.communicate(timeout=60)
    assert "Traceback" not in err
    assert process.returncode in (1, 0, -15)
