"""The plan command through its real interfaces: CliRunner and the installed program."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan import __version__
from pumpplan.cli import app

COURSE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", "--tz", "America/Los_Angeles"]


def run(*args: str) -> tuple[int, str, str]:
    """Run pumpplan in-process and return exit code, stdout and stderr."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_table_shows_schedule_summary_rule_warnings_and_disclaimer() -> None:
    """The default table has every part a patient needs, and no colour codes off a terminal."""
    code, out, err = run("plan", *COURSE)
    assert (code, err) == (0, "")
    for text in (
        "Mon Dec 2",
        "09:00-09:20",
        "Pump and keep the milk",
        "Ketamine infusion",
        "Pump and discard",
        "Resume breastfeeding",
        "Sun Dec 15 2030 10:40",
        "12 days 1 h 20 min",
        "96 times",
        "48 h after it ends",
        "join up",
        "Not medical advice",
    ):
        assert text in out
    assert "\x1b[" not in out


def test_json_follows_the_pumpplan_1_contract() -> None:
    """JSON has the documented keys, ISO times with offsets in the plan's zone, events sorted."""
    code, out, _ = run(
        "plan", "2030-12-02 10:00", "2030-12-04 10:00", "--tz", "America/Los_Angeles", "-f", "json"
    )
    document = json.loads(out)
    assert code == 0
    keys = ["schema", "timezone", "rule", "infusions", "windows", "events", "warnings"]
    assert list(document) == [*keys, "disclaimer", "rule_source"]
    assert document["disclaimer"].startswith("Not medical advice")
    assert document["rule_source"] == {"clinic": None, "citation": None}
    assert document["schema"] == "pumpplan/1"
    assert document["timezone"] == "America/Los_Angeles"
    assert document["rule"] == {
        "infusion_minutes": 40,
        "pump_before_minutes": 60,
        "dump_hours": 48,
        "pump_every_minutes": 180,
        "session_minutes": 20,
    }
    assert document["infusions"][0] == {
        "start": "2030-12-02T10:00:00-08:00",
        "end": "2030-12-02T10:40:00-08:00",
    }
    assert document["windows"] == [{"start": "2030-12-02T10:00:00-08:00", "end": "2030-12-06T10:40:00-08:00"}]
    events = document["events"]
    assert [e["start"] for e in events] == sorted(e["start"] for e in events)
    assert {e["kind"] for e in events} == {"pump-keep", "infusion", "pump-dump", "resume"}
    assert events[-1] == {
        "kind": "resume",
        "start": "2030-12-06T10:40:00-08:00",
        "end": None,
        "title": "Resume breastfeeding",
    }
    assert len(document["warnings"]) == 1
    assert "join up" in document["warnings"][0]


def test_dump_hours_and_other_rule_options_reach_the_json() -> None:
    """Rule options take effect and are reported in the rule block."""
    code, out, _ = run(
        "plan",
        "2030-12-02 10:00",
        "--tz",
        "UTC",
        "-f",
        "json",
        "--dump-hours",
        "24",
        "--duration",
        "1h",
        "--pump-before",
        "30",
        "--pump-every",
        "2h",
        "--session",
        "15m",
    )
    document = json.loads(out)
    assert code == 0
    assert document["rule"] == {
        "infusion_minutes": 60,
        "pump_before_minutes": 30,
        "dump_hours": 24,
        "pump_every_minutes": 120,
        "session_minutes": 15,
    }
    assert document["windows"][0]["end"] == "2030-12-03T11:00:00+00:00"


def test_csv_has_one_row_per_event() -> None:
    """CSV reads back with a header and a row per event."""
    code, out, _ = run("plan", "2030-12-02 10:00", "--tz", "Europe/Berlin", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert rows[0] == {
        "date": "2030-12-02",
        "weekday": "Monday",
        "start": "2030-12-02T09:00+01:00",
        "end": "2030-12-02T09:20+01:00",
        "kind": "pump-keep",
        "milk": "keep",
        "title": "Pump and keep the milk (before the infusion)",
    }
    assert rows[-1]["kind"] == "resume"
    assert rows[-1]["end"] == ""
    assert len(rows) == 19


@pytest.mark.parametrize(("fmt", "marker"), [("plain", "Rule:"), ("markdown", "| Day | Time |")])
def test_plain_and_markdown_show_rule_summary_and_disclaimer(fmt: str, marker: str) -> None:
    """Plain text and Markdown carry the same parts as the table."""
    code, out, _ = run("plan", *COURSE, "-f", fmt)
    assert code == 0
    for text in (
        marker,
        "Resume breastfeeding",
        "Sun Dec 15 2030 10:40",
        "Not medical advice",
        "join up",
    ):
        assert text in out


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("plan.json", lambda text: json.loads(text)["schema"] == "pumpplan/1"),
        ("plan.csv", lambda text: text.startswith("date,weekday,start")),
        ("plan.md", lambda text: text.startswith("# Breastfeeding plan")),
        ("plan.txt", lambda text: text.startswith("Breastfeeding plan")),
    ],
)
def test_output_file_format_follows_its_suffix(tmp_path: Path, name: str, check: object) -> None:
    """-o picks the format from the suffix and writes an owner-only file."""
    target = tmp_path / name
    code, out, err = run("plan", *COURSE, "-o", str(target))
    assert (code, out) == (0, "")
    assert f"wrote {target}" in err
    assert check(target.read_text(encoding="utf-8"))  # type: ignore[operator]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_existing_file_is_kept_without_force_and_replaced_with_it(tmp_path: Path) -> None:
    """An existing file is never overwritten unless --force is given."""
    target = tmp_path / "plan.json"
    target.write_text("precious", encoding="utf-8")
    code, _, err = run("plan", *COURSE, "-o", str(target))
    assert code == 1
    assert err == f"error: {target} already exists; add --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "precious"
    code, _, _ = run("plan", *COURSE, "-o", str(target), "--force")
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "pumpplan/1"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_explicit_format_with_a_neutral_name_is_written(tmp_path: Path) -> None:
    """--format json -o plan (no suffix) writes JSON; a contradicting suffix is refused (test_hostile)."""
    target = tmp_path / "plan"
    assert run("plan", *COURSE, "-f", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "pumpplan/1"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(["banana"], 2, "error: cannot read 'banana' as a date and time", id="garbage"),
        pytest.param(
            ["Feb 30 2030 10:00"], 2, "error: cannot read 'Feb 30 2030 10:00'", id="impossible-date"
        ),
        pytest.param(
            ["2030-12-02 10:00", "--tz", "Mars/Base"], 2, "unknown time zone 'Mars/Base'", id="zone"
        ),
        pytest.param(
            ["2030-12-02 10:00", "--duration", "0"], 2, "--duration '0' must be more than zero", id="zero"
        ),
        pytest.param(["2030-12-02 10:00", "--pump-every", "-3h"], 2, "must be more than zero", id="negative"),
        pytest.param(
            ["2030-12-02 10:00", "--dump-hours", "lots"], 2, "is not a length of time", id="garbage-hours"
        ),
        pytest.param(["2030-12-02 10:00", "2030-12-02 10:00"], 2, "is listed twice", id="duplicate"),
        pytest.param(
            ["2030-12-02 10:00", "2030-12-02 10:20"], 2, "starts before the previous one ends", id="overlap"
        ),
        pytest.param(["2030-12-02 10:00", "-f", "pdf"], 2, "--format 'pdf' is not known", id="format"),
        pytest.param(["2030-12-02 10:00\x07"], 2, "contains a control character", id="control"),
        pytest.param(["2030-12-02 10:00", "--count", "3"], 2, "--count and --until need --every", id="count"),
        pytest.param(
            ["2030-12-02 10:00", "--every", "mon", "--count", "0"], 2, "--count '0' must be", id="count-0"
        ),
        pytest.param(["2030-12-02 10:00", "--every", "mon"], 2, "needs an end", id="endless"),
        pytest.param(["2030-03-10 02:30", "--tz", "America/Los_Angeles"], 2, "does not exist", id="dst-gap"),
        pytest.param(
            ["2030-11-03 01:30", "--tz", "America/Los_Angeles"], 2, "happens twice", id="dst-repeat"
        ),
        pytest.param(["2030-12-02 10:00", "--pump-every", "10m"], 2, "under 30 minutes", id="cadence"),
        pytest.param(
            ["2030-12-02 10:00", "--duration", "9" * 30 + "d"], 2, "longer than 30 days", id="huge-days"
        ),
        pytest.param(["2030-12-02 10:00", "--quiet", "late"], 2, "--quiet 'late'", id="quiet"),
        pytest.param(["2030-12-02 10:00", "-o", "plan.pdf"], 2, "cannot tell the format", id="suffix"),
        pytest.param(["2030-12-02 10:00", "-o", "/nonexistent/dir/p.json"], 1, "does not exist", id="folder"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_the_right_exit_code(
    args: list[str], code: int, message: str
) -> None:
    """Every bad value ends in one 'error:' line naming it, exit 2 (input) or 1 (files), no output."""
    exit_code, out, err = run("plan", "--tz", "UTC", *args)
    assert exit_code == code
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err


def test_version_and_help() -> None:
    """--version prints the version; every command has help with an example."""
    assert run("--version")[:2] == (0, f"pumpplan {__version__}\n")
    code, out, _ = run("--help")
    assert code == 0
    assert "plan" in out
    assert "Not medical advice" in out
    code, out, _ = run("plan", "--help")
    assert code == 0
    for option in (
        "--tz",
        "--every",
        "--rrule",
        "--dump-hours",
        "--quiet",
        "--format",
        "--output",
        "--force",
    ):
        assert option in out
    assert "Example: pumpplan plan" in out


def pumpplan_command() -> list[str]:
    """Return the installed console script next to this interpreter."""
    script = Path(sys.executable).with_name("pumpplan")
    assert script.exists(), "pumpplan is not installed in this environment"
    return [str(script)]


def subprocess_run(command: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command with a fixed zone and no colour."""
    env = {**os.environ, "TZ": "America/New_York", "NO_COLOR": "1"}
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, timeout=60, check=False)


def test_installed_command_makes_a_plan_in_the_system_zone() -> None:
    """The console script runs a plan, taking the zone from TZ."""
    result = subprocess_run(pumpplan_command(), "plan", "2030-12-02 10:00", "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["timezone"] == "America/New_York"


def test_python_dash_m_works() -> None:
    """python -m pumpplan is the same program."""
    result = subprocess_run([sys.executable, "-m", "pumpplan"], "--version")
    assert (result.returncode, result.stdout) == (0, f"pumpplan {__version__}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan", "2030-12-02 10:00", "--bogus"],
            "error: No such option: --bogus (see 'pumpplan plan --help')\n",
        ),
        (
            ["stash", "2030-12-02 10:00", "--bogus"],
            "error: No such option: --bogus (see 'pumpplan stash --help')\n",
        ),
        (
            ["plan"],
            "error: give the infusion start times, e.g. pumpplan plan '2026-12-07 10:00', or a file with",
        ),
        (
            ["plan", "mon 10:00", "--tz", "UTC", "--every", "mon", "--count", "many"],
            "error: --count 'many' is not a whole",
        ),
        (["plna"], "error: No such command 'plna'."),
    ],
)
def test_usage_errors_are_one_line_without_traceback(args: list[str], message: str) -> None:
    """Typer's own usage errors are also one line on stderr, exit 2."""
    result = subprocess_run(pumpplan_command(), *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_bare_command_shows_the_help_not_an_error() -> None:
    """'pumpplan' alone prints the help as it is, exit 2 like any usage slip."""
    result = subprocess_run(pumpplan_command())
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: pumpplan [OPTIONS] COMMAND")
    assert "error:" not in result.stderr
    assert "stash" in result.stderr


def test_errors_never_show_a_traceback_or_write_a_file(tmp_path: Path) -> None:
    """A failing run prints no traceback and leaves no file behind."""
    result = subprocess_run(
        pumpplan_command(), "plan", "2030-12-02 10:00", "--tz", "Nowhere", "-o", str(tmp_path / "p.json")
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["plan", "stash", "push"])
def test_the_app_of_one_command_says_what_the_whole_app_says(name: str) -> None:
    """Built alone to start faster, a command has the same help and makes the same plan."""
    from pumpplan.cli.main import only

    alone = only([name])
    assert [info.name for info in alone.registered_commands] == [name]
    runner = CliRunner()
    run = [name, "2030-12-02 10:00", "--tz", "UTC", *(["--dry-run"] if name == "push" else ["-f", "json"])]
    for args in ([name, "--help"], run, [name, "--bogus"]):
        whole, one = runner.invoke(app, args), runner.invoke(alone, args)
        assert (one.exit_code, one.stdout, one.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
    assert only(["--version"]) is only([]) is only(["plans"]) is app
