"""A calendar that replaces an earlier one (--replaces), and one that others may see (--discreet)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app
from tests.ics_readers import raw_events, read_ical, read_libical, read_vobject

COURSE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--tz", "America/Los_Angeles"]
MARIA = ["--name", "Maria Lopez"]
HINT = "To replace an earlier plan in your calendar, see --replaces, or delete the old calendar first.\n"
# Words a discreet calendar never shows: the medicine, what is done with the milk, her name.
FORBIDDEN = re.compile(r"ketamin|infusi|spravato|esketamin|medic|discard|desech|maria|lopez", re.IGNORECASE)


def invoke(*args: str) -> tuple[int, bytes, str]:
    """Run pumpplan in-process; return the exit code, stdout as bytes and stderr."""
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


def write(folder: Path, name: str, *args: str) -> bytes:
    """Write a plan's calendar to folder/name and return its bytes."""
    code, _, err = invoke("plan", *args, "-o", str(folder / name))
    assert code == 0, err
    return (folder / name).read_bytes()


def uids(data: bytes) -> list[str]:
    """Return the UIDs of a file's events, in order."""
    return re.findall(r"^UID:(.+)\r$", data.decode(), flags=re.MULTILINE)


def test_a_shorter_course_cancels_what_the_earlier_file_had_and_updates_the_rest(tmp_path: Path) -> None:
    """--count 5 over --count 6: every event of the sixth infusion is cancelled, seen so by two readers."""
    old = write(tmp_path, "old.ics", *COURSE, "--count", "6", *MARIA)
    code, _, err = invoke("plan", *COURSE, "--count", "5", *MARIA, "-o", str(tmp_path / "new.ics"),
                          "--replaces", str(tmp_path / "old.ics"))  # fmt: skip
    assert code == 0, err
    new = (tmp_path / "new.ics").read_bytes()
    alone = write(tmp_path, "alone.ics", *COURSE, "--count", "5", *MARIA)
    gone = set(uids(old)) - set(uids(alone))
    assert len(gone) == 17  # the infusion, its pump, 15 discard sessions
    assert err.endswith(f"cancels 17 events of the earlier plan and updates {len(uids(old)) - 17}. "
                        "Import it into the calendar that holds the earlier plan\n")  # fmt: skip
    for reader, events in raw_events(new).items():
        cancelled = [e for e in events if e["status"] == "CANCELLED"]
        assert {e["uid"] for e in cancelled} == gone, reader
        assert all(e["summary"].startswith("Cancelled: ") and not e["alarms"] for e in cancelled), reader
        assert all(e["status"] is None for e in events if e["uid"] not in gone), reader
    old_sequence = int(re.findall(r"SEQUENCE:(\d+)", old.decode())[0])
    assert all(int(s) > old_sequence for s in re.findall(r"SEQUENCE:(\d+)", new.decode()))
    errors, _ = read_libical(new)
    assert errors == []
    assert len(read_vobject(new)) == len(read_ical(new)) == len(uids(new)) == len(set(uids(new)))


def test_a_longer_window_moves_the_resume_and_its_reminder_instead_of_leaving_it(tmp_path: Path) -> None:
    """--dump-hours 72 over 48: the resume keeps its UID and moves; no resume stays inside the window."""
    write(tmp_path, "old.ics", "2030-12-02 10:00", "--tz", "UTC")
    new = write(tmp_path, "new.ics", "2030-12-02 10:00", "--tz", "UTC", "--dump-hours", "72",
                "--replaces", str(tmp_path / "old.ics"))  # fmt: skip
    resumes = [e for e in raw_events(new)["ical.js"] if e["summary"] == "Resume breastfeeding"]
    assert [(e["start"], e["status"]) for e in resumes] == [("2030-12-05T10:40:00Z", None)]
    early = [e for e in read_ical(new) if e.summary == "Resume breastfeeding" and e.start.day != 5]
    assert early == []


def test_only_her_pumpplan_events_are_cancelled_never_anyone_elses(tmp_path: Path) -> None:
    """A file holding her plan, another patient's and a dentist visit: only hers are touched."""
    maria = write(tmp_path, "maria.ics", *COURSE, "--count", "2", *MARIA)
    ana = write(tmp_path, "ana.ics", *COURSE, "--count", "2", "--name", "Ana Ruiz")
    dentist = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\nUID:d@dentist\r\n"
               b"DTSTAMP:20301101T000000Z\r\nDTSTART:20301203T180000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
               b"END:VCALENDAR\r\n")  # fmt: skip
    (tmp_path / "both.ics").write_bytes(maria + ana + dentist)
    both = str(tmp_path / "both.ics")
    new = write(tmp_path, "new.ics", *COURSE, "--count", "1", *MARIA, "--replaces", both)
    cancelled = {e["uid"] for e in raw_events(new)["libical"] if e["status"] == "CANCELLED"}
    assert cancelled
    assert cancelled <= set(uids(maria))
    assert not cancelled & set(uids(ana))


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        pytest.param("", ["--replaces", "gone.ics"], "--replaces 'gone.ics' does not exist", id="missing"),
        pytest.param("folder", ["--replaces", "old"], "is a folder", id="folder"),
        pytest.param(
            "fifo", ["--replaces", "pipe.ics"], "is not a file but a device, a pipe or a socket", id="fifo"
        ),
        pytest.param("binary", ["--replaces", "old.ics"], "is not a text file", id="binary"),
        pytest.param("notes", ["--replaces", "old.ics"], "is not an iCalendar file", id="not-calendar"),
        pytest.param("dentist", ["--replaces", "old.ics"], "holds no event pumpplan", id="not-pumpplan"),
        pytest.param("other", ["--replaces", "old.ics"], "none of its 20 pumpplan events", id="other-name"),
        pytest.param("other", ["--replaces", "old.ics", "-f", "json"], "save it as .ics", id="not-ics"),
    ],
)
def test_a_wrong_earlier_file_is_one_line_naming_it_and_the_fix(
    setup: str, args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing, special, binary, foreign or other patient's file: one line, exit 2, nothing written."""
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "old.ics"
    if setup == "folder":
        (tmp_path / "old").mkdir()
    elif setup == "fifo":
        os.mkfifo(tmp_path / "pipe.ics")
    elif setup == "binary":
        old.write_bytes(b"BEGIN:VCALENDAR\0\0")
    elif setup == "notes":
        old.write_text("shopping list", encoding="utf-8")
    elif setup == "dentist":
        old.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    elif setup == "other":
        write(tmp_path, "old.ics", "2030-12-02 10:00", "--tz", "UTC", "--name", "Ana Ruiz")
    code, out, err = invoke("plan", "2030-12-02 10:00", "--tz", "UTC", "-f", "ics", *args)
    assert (code, out) == (2, b"")
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err


def test_every_calendar_written_says_how_to_replace_an_earlier_plan(tmp_path: Path) -> None:
    """After an .ics, to a file or the screen, one line on stderr points to --replaces; not after others."""
    target = tmp_path / "plan.ics"
    assert (
        invoke("plan", "2030-12-02 10:00", "--tz", "UTC", "-o", str(target))[2] == f"wrote {target}\n" + HINT
    )
    assert invoke("plan", "2030-12-02 10:00", "--tz", "UTC", "-f", "ics")[2] == HINT
    assert invoke("plan", "2030-12-02 10:00", "--tz", "UTC", "-f", "json")[2] == ""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_discreet_calendar_names_no_medicine_no_milk_fate_and_no_patient(tmp_path: Path, lang: str) -> None:
    """--discreet: every title, description, category and reminder, as two readers see them, is neutral."""
    old = write(tmp_path, "old.ics", *COURSE, "--count", "6", *MARIA, "--intake", "750ml", "--lang", lang)
    new = write(tmp_path, "new.ics", *COURSE, "--count", "5", *MARIA, "--intake", "750ml", "--lang", lang,
                "--discreet", "--replaces", str(tmp_path / "old.ics"))  # fmt: skip
    assert FORBIDDEN.search(old.decode())  # the ordinary calendar does say them
    for reader, events in raw_events(new).items():
        assert any(e["status"] == "CANCELLED" for e in events), reader
        for event in events:
            words = [event["summary"], event["description"], *[a["description"] for a in event["alarms"]]]
            words += event.get("categories", [])
            assert not [w for w in words if FORBIDDEN.search(w or "")], (reader, words)
    summaries = {e.summary for e in read_vobject(new)}
    if lang == "en":
        assert {"Pump", "Appointment", "Feeding OK", "Pump only", "Cancelled"} <= summaries
