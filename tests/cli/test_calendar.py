"""The calendar through the command line: -o plan.ics, --format ics, --alarm, and --from files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app
from tests.ics_readers import read_ical, read_vobject

COURSE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", "--tz", "America/Los_Angeles"]


def invoke(*args: str) -> tuple[int, bytes, str]:
    """Run pumpplan in-process; return the exit code, stdout as bytes and stderr."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


def plan_json(*args: str) -> dict[str, object]:
    """Return the JSON plan the arguments give."""
    code, out, err = invoke("plan", *args, "-f", "json")
    assert code == 0, err
    document: dict[str, object] = json.loads(out)
    return document


def instants(document: dict[str, object], key: str) -> list[tuple[datetime, datetime | None]]:
    """Return the (start, end) instants of a JSON plan's infusions or events."""
    items: list[dict[str, str | None]] = document[key]  # type: ignore[assignment]
    return [
        (datetime.fromisoformat(str(i["start"])), datetime.fromisoformat(i["end"]) if i["end"] else None)
        for i in items
    ]


def test_output_ics_is_private_crlf_and_holds_every_event_with_alarms(tmp_path: Path) -> None:
    """-o plan.ics writes an owner-only calendar whose events are the plan's, as a parser reads them."""
    target = tmp_path / "ketamine-plan.ics"
    code, _, err = invoke("plan", *COURSE, "-o", str(target), "--alarm", "15m")
    assert (code, err.splitlines()[0]) == (0, f"wrote {target}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    events = instants(plan_json(*COURSE), "events")
    seen = read_ical(data)
    windows = [e for e in seen if e.summary == "No breastfeeding — pump and discard"]
    assert len(seen) == len(events) + len(windows) == len(events) + 2
    assert sorted(e.start for e in seen if e not in windows) == sorted(start for start, _ in events)
    assert {e.alarms for e in seen if "Pump" in e.summary} == {(-15,)}


def test_no_alarms_and_format_ics_on_stdout() -> None:
    """--format ics prints the calendar itself; --no-alarms leaves out every VALARM."""
    code, out, _ = invoke("plan", *COURSE, "-f", "ics", "--no-alarms")
    assert code == 0
    assert out.count(b"BEGIN:VEVENT") == len(read_vobject(out)) > 0
    assert b"BEGIN:VALARM" not in out
    assert all(e.alarms == () for e in read_vobject(out))


def test_alarm_zero_rings_at_the_start() -> None:
    """--alarm 0 is a reminder at the start of each session."""
    _, out, _ = invoke("plan", *COURSE, "-f", "ics", "--alarm", "0")
    assert {e.alarms for e in read_ical(out) if "Pump" in e.summary} == {(0,)}


def test_installed_command_writes_the_calendar_bytes_unchanged() -> None:
    """The console script's stdout is the .ics with its CRLF line ends, not re-encoded."""
    script = Path(sys.executable).with_name("pumpplan")
    done = subprocess.run(
        [str(script), "plan", *COURSE, "-f", "ics"],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
        check=True,
    )
    assert done.stdout.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert done.stdout.endswith(b"END:VCALENDAR\r\n")


def test_only_the_calendar_imports_icalendar() -> None:
    """Plans in every other format never import icalendar (it is slow to load)."""
    code = (
        "import sys\n"
        "from pumpplan.cli import main\n"
        "sys.argv = ['pumpplan', 'plan', '2030-12-02 10:00', '--tz', 'UTC', '-f', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('icalendar' in sys.modules, file=sys.stderr)\n"
    )
    for fmt, imported in (("json", "False"), ("table", "False"), ("html", "False"), ("ics", "True")):
        done = subprocess.run(
            [sys.executable, "-c", code, fmt], capture_output=True, text=True, timeout=60, check=True
        )
        assert done.stderr.splitlines()[-1] == imported, fmt


def test_from_csv_gives_the_plan_of_the_same_times(tmp_path: Path) -> None:
    """A CSV of start times (one with its own length) plans exactly as the same WHENs do."""
    table = tmp_path / "appointments.csv"
    table.write_text("start,duration\n2030-12-04 10:00,1h\n2030-12-02 10:00,\n", encoding="utf-8")
    from_file = plan_json("--from", str(table), "--tz", "America/Los_Angeles")
    typed = plan_json("2030-12-02 10:00", "2030-12-04 10:00", "--tz", "America/Los_Angeles")
    assert from_file["windows"] != typed["windows"]  # the second infusion lasts 1 h, not 40 min
    durations = [end - start for start, end in instants(from_file, "infusions") if end]
    assert [d.total_seconds() / 60 for d in durations] == [40, 60]


def test_from_ics_reads_the_clinics_invite_with_match(tmp_path: Path) -> None:
    """--from invite.ics --match keeps the matching timed events, in their own zone and length."""
    invite = tmp_path / "clinic-invite.ics"
    invite.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Clinic//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:a@clinic\r\nDTSTAMP:20301101T000000Z\r\n"
        b"DTSTART:20301202T180000Z\r\nDTEND:20301202T184500Z\r\n"
        b"SUMMARY:Ketamine infusion #1\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:b@clinic\r\nDTSTAMP:20301101T000000Z\r\n"
        b"DTSTART:20301203T180000Z\r\nDTEND:20301203T190000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    document = plan_json("--from", str(invite), "--match", "KETAMINE", "--tz", "America/Los_Angeles")
    [(start, end)] = instants(document, "infusions")
    assert start.isoformat() == "2030-12-02T10:00:00-08:00"
    assert end is not None
    assert (end - start).total_seconds() == 45 * 60


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--from", "x.csv", "2030-12-02 10:00"], "either as WHEN or with --from", id="both"),
        pytest.param(["--match", "ketamine", "2030-12-02 10:00"], "add --from FILE.ics", id="match-alone"),
        pytest.param(
            ["--from", "x.csv", "--every", "mon", "--count", "2"], "a --from file lists", id="from-series"
        ),
        pytest.param(["2030-12-02 10:00", "--alarm", "5m", "--no-alarms"], "not both", id="alarm-twice"),
        pytest.param(["2030-12-02 10:00", "--alarm", "2d"], "more than a day ahead", id="alarm-long"),
        pytest.param(["2030-12-02 10:00", "--alarm", "soon"], "--alarm 'soon'", id="alarm-garbage"),
        pytest.param(["--from", "missing.ics"], "missing.ics", id="missing-file"),
        pytest.param(["--from", "notes.txt"], "cannot tell the kind of file", id="from-suffix"),
    ],
)
def test_calendar_options_refuse_bad_input_in_one_line(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Conflicting or bad calendar options end in one line naming the problem, exit 2."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.csv").write_text("start\n2030-12-02 10:00\n", encoding="utf-8")
    code, out, err = invoke("plan", "--tz", "UTC", *args)
    assert (code, out) == (2, b"")
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err
