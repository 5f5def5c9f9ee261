"""Appointments read from calendar files others wrote, from tables, and from bad files of every kind."""

from __future__ import annotations

import errno
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from pumpplan.core.limits import MOST_INFUSIONS
from pumpplan.core.model import Infusion
from pumpplan.errors import InputError, ReadError
from pumpplan.inputs.appointments import read_appointments
from pumpplan.inputs.dates import Reading
from tests.helpers import calendar, ics, make_plan

# icalendar ships real exports (Google, Thunderbird, Etar, Evolution) and broken files: read in place.
EXAMPLES = Path(icalendar.__file__).parent / "tests" / "calendars"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2030, 1, 1, tzinfo=UTC)
DEFAULT = timedelta(minutes=40)


def read(path: Path, *, match: str | None = None, zone: ZoneInfo = BERLIN) -> list[Infusion]:
    """Read appointments with the default 40-minute length."""
    return read_appointments(path, zone=zone, match=match, duration=DEFAULT, now=NOW)


def utc(infusions: list[Infusion]) -> list[tuple[str, int]]:
    """Return each infusion as its UTC start and its length in minutes, sorted."""
    return sorted(
        (f"{i.start.astimezone(UTC):%Y-%m-%d %H:%M:%S}", i.duration // timedelta(minutes=1))
        for i in infusions
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write a file with CRLF line ends, as calendars export them."""
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


# --- real calendars written by other programs -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("alarm_google_future.ics", [("2024-10-04 18:15:00", 45)], id="google-utc"),
        pytest.param("alarm_thunderbird_future.ics", [("2024-10-23 14:00:00", 60)], id="thunderbird-london"),
        pytest.param("alarm_etar_future.ics", [("2024-10-05 12:00:00", 60)], id="etar-tzid-start-utc-end"),
        pytest.param(
            "issue_313_globally_unique_tzid.ics",
            [("2020-04-26 12:00:00", 60), ("2020-04-26 17:00:00", 60), ("2020-04-26 18:00:00", 60)],
            id="evolution-and-lightning-vendor-tzids",
        ),
        pytest.param(
            "rfc_7265_appendix_example_2_ical.ics",
            [
                ("2006-01-02 17:00:00", 60),
                ("2006-01-02 20:00:00", 120),
                ("2006-01-03 17:00:00", 60),
                ("2006-01-04 19:00:00", 60),
                ("2006-01-05 17:00:00", 60),
                ("2006-01-06 17:00:00", 60),
            ],
            id="rfc7265-daily-rdate-period-and-moved-instance",
        ),
        pytest.param(
            "period_with_timezone.ics",
            [
                ("2023-09-20 19:00:00", 120),
                ("2023-10-18 19:00:00", 120),
                ("2023-11-15 20:00:00", 120),
                ("2023-12-13 20:00:00", 180),
                ("2024-01-17 20:00:00", 120),
                ("2024-02-21 20:00:00", 120),
                ("2024-03-20 19:00:00", 120),
                ("2024-04-17 19:00:00", 120),
                ("2024-05-15 19:00:00", 120),
            ],
            id="vancouver-monthly-exdate-rdate-across-dst",
        ),
        pytest.param(
            "issue_722_timezone_transition_ambiguity.ics",
            [
                ("2024-03-02 20:00:00", 40),
                ("2024-05-04 19:00:01", 40),
                ("2024-05-04 22:00:01", 40),
                ("2024-08-02 22:00:00", 40),
            ],
            id="custom-vtimezone-only-in-the-file",
        ),
        pytest.param(
            "issue_1081_event_with_rrule.ics", [(f"2025-01-{d:02d} 10:00:00", 40) for d in range(1, 11)]
        ),
    ],
)
def test_reads_real_calendar_exports(name: str, expected: list[tuple[str, int]]) -> None:
    """Events of real exports come out at their instants and lengths, series expanded (every title)."""
    assert utc(read(EXAMPLES / name, match="")) == expected


def test_match_picks_events_by_title_ignoring_case() -> None:
    """--match keeps only events whose title contains the text, in any case."""
    found = read(EXAMPLES / "issue_313_globally_unique_tzid.ics", match="mozilla LIGHTNING")
    assert utc(found) == [("2020-04-26 18:00:00", 60)]


def test_no_matching_event_names_the_titles_there_are() -> None:
    """A --match that finds nothing says so and lists the titles the file has."""
    with pytest.raises(
        InputError, match=r"no event in .* has 'ketamine' in its title; its events are 'libical"
    ):
        read(EXAMPLES / "issue_313_globally_unique_tzid.ics", match="ketamine")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "example.ics", r"'New Year's Day': it is an all-day event on Sat Jan 1 2022", id="all-day"
        ),
        pytest.param(
            "x_location.ics",
            r"'Daily Sync': it repeats without end; end the series in the calendar, or --match",
            id="endless-series",
        ),
        pytest.param(
            "issue_722_missing_VTIMEZONE_custom.ics", r"time zone 'CUSTOM_tzid' is unknown", id="no-vtz"
        ),
        pytest.param("broken_dtstart.ics", r"its DTSTART 'INVALID-DATE' cannot be read", id="broken-start"),
        pytest.param("big_bad_calendar.ics", r"is cut off: it has no END:VCALENDAR", id="cut-off"),
        pytest.param("issue_104_broken_calendar.ics", r"is not a readable calendar", id="bad-line"),
        pytest.param("parsing_error_in_UTC_offset.ics", r"is not a readable calendar", id="bad-offset"),
        pytest.param("fuzz_testcase_0_char_in_component_name.ics", r"is not a text file", id="nul-byte"),
        pytest.param("issue_1050_timezone_only_calendar.ics", r"has no events", id="only-a-timezone"),
        pytest.param("empty.ics", r"has no events", id="empty-calendar"),
        pytest.param("timezoned.ics", r"'artsprint 2012': it lasts more than 12 hours", id="days-long"),
        pytest.param("pacific_fiji.ics", r"has more than one DTSTART", id="two-starts"),
        pytest.param("issue_1081_invalid_rrule_freq.ics", r"'Test Event': invalid 'FREQ'", id="bad-rrule"),
    ],
)
def test_real_broken_or_unsuitable_calendars_get_one_clear_line(name: str, message: str) -> None:
    """Each broken or unsuitable example file gives one line naming the file and the problem."""
    with pytest.raises(InputError, match=message) as caught:
        read(EXAMPLES / name)
    assert "\n" not in str(caught.value)
    assert name[:40] in str(caught.value)


def test_our_own_export_reads_back_as_the_infusions(tmp_path: Path) -> None:
    """pumpplan's .ics, read with --match 'ketamine infusion', gives back the plan's infusions."""
    plan = make_plan("2030-03-29 09:00", "2030-04-01 09:00", zone=BERLIN)
    path = tmp_path / "plan.ics"
    path.write_bytes(ics(plan, stamp=NOW))
    assert utc(read(path, match="ketamine infusion")) == utc(list(plan.infusions))


# --- calendar files made here ---------------------------------------------------------------


def test_floating_time_is_read_in_the_plan_zone(tmp_path: Path) -> None:
    """A time without zone or Z is the plan zone's wall-clock time."""
    path = write(tmp_path, "a.ics", calendar("SUMMARY:Infusion\nDTSTART:20300708T100000\n"))
    assert utc(read(path)) == [("2030-07-08 08:00:00", 40)]
    assert utc(read(path, zone=ZoneInfo("Asia/Kolkata"))) == [("2030-07-08 04:30:00", 40)]


def test_floating_time_in_the_spring_gap_is_an_error(tmp_path: Path) -> None:
    """02:30 on the night Berlin's clocks skip that hour is refused, naming the time."""
    path = write(tmp_path, "gap.ics", calendar("SUMMARY:Infusion\nDTSTART:20300331T023000\n"))
    with pytest.raises(InputError, match=r"'Infusion': 2030-03-31 02:30 does not exist in Europe/Berlin"):
        read(path)


def test_floating_time_in_the_repeated_hour_is_an_error(tmp_path: Path) -> None:
    """02:30 on the night Berlin's clocks go back happens twice and is refused."""
    path = write(tmp_path, "twice.ics", calendar("SUMMARY:Infusion\nDTSTART:20301027T023000\n"))
    with pytest.raises(InputError, match=r"2030-10-27 02:30 happens twice in Europe/Berlin"):
        read(path)


def test_length_comes_from_dtend_duration_or_the_default(tmp_path: Path) -> None:
    """DTEND gives the length, else DURATION, else --duration; a zero length means none given."""
    path = write(
        tmp_path,
        "lengths.ics",
        calendar(
            "SUMMARY:a\nDTSTART:20300701T080000Z\nDTEND:20300701T085000Z\n",
            "SUMMARY:b\nDTSTART:20300702T080000Z\nDURATION:PT1H15M\n",
            "SUMMARY:c\nDTSTART:20300703T080000Z\n",
            "SUMMARY:d\nDTSTART:20300704T080000Z\nDTEND:20300704T080000Z\n",
        ),
    )
    assert [m for _, m in utc(read(path, match=""))] == [50, 75, 40, 40]


def test_dtend_in_another_zone_gives_elapsed_length(tmp_path: Path) -> None:
    """A start in Berlin and an end in UTC give the real elapsed length."""
    path = write(
        tmp_path,
        "zones.ics",
        calendar("SUMMARY:a\nDTSTART;TZID=Europe/Berlin:20300701T100000\nDTEND:20300701T083000Z\n"),
    )
    assert utc(read(path)) == [("2030-07-01 08:00:00", 30)]


def test_all_day_event_is_refused_with_its_title_and_date(tmp_path: Path) -> None:
    """An all-day event is not an appointment: the error names it and its date."""
    path = write(tmp_path, "day.ics", calendar("SUMMARY:Ketamine day\nDTSTART;VALUE=DATE:20300708\n"))
    with pytest.raises(InputError, match=r"'Ketamine day': it is an all-day event on Mon Jul 8 2030"):
        read(path)


def test_all_day_events_that_do_not_match_are_left_alone(tmp_path: Path) -> None:
    """With --match, an all-day holiday in the same export does not stop the reading."""
    path = write(
        tmp_path,
        "mixed.ics",
        calendar(
            "SUMMARY:Holiday\nDTSTART;VALUE=DATE:20300708\n", "SUMMARY:Infusion\nDTSTART:20300709T080000Z\n"
        ),
    )
    assert utc(read(path, match="infusion")) == [("2030-07-09 08:00:00", 40)]


def test_weekly_series_keeps_its_wall_clock_time_across_dst(tmp_path: Path) -> None:
    """A weekly 10:00 Berlin series stays at 10:00 local after the clocks change; UNTIL is inclusive."""
    path = write(
        tmp_path,
        "weekly.ics",
        calendar(
            "SUMMARY:Infusion\nDTSTART;TZID=Europe/Berlin:20300318T100000\n"
            "RRULE:FREQ=WEEKLY;UNTIL=20300408T080000Z\n"
        ),
    )
    assert utc(read(path)) == [
        ("2030-03-18 09:00:00", 40),
        ("2030-03-25 09:00:00", 40),
        ("2030-04-01 08:00:00", 40),
        ("2030-04-08 08:00:00", 40),
    ]


def test_cancelled_events_and_instances_are_left_out(tmp_path: Path) -> None:
    """A cancelled event, an EXDATE and a cancelled instance (RECURRENCE-ID) drop those times."""
    series = "SUMMARY:Infusion\nDTSTART:20300701T080000Z\nRRULE:FREQ=DAILY;COUNT=4\nEXDATE:20300702T080000Z\n"
    text = calendar(series, "SUMMARY:Infusion\nDTSTART:20300710T080000Z\nSTATUS:CANCELLED\n")
    cancelled = "BEGIN:VEVENT\nUID:0@test\nDTSTAMP:20300101T000000Z\nRECURRENCE-ID:20300703T080000Z\n"
    cancelled += "DTSTART:20300703T080000Z\nSTATUS:CANCELLED\nSUMMARY:Infusion\nEND:VEVENT\n"
    path = write(tmp_path, "cancel.ics", text.replace("END:VCALENDAR", cancelled + "END:VCALENDAR"))
    assert utc(read(path)) == [("2030-07-01 08:00:00", 40), ("2030-07-04 08:00:00", 40)]


def test_endless_series_is_refused(tmp_path: Path) -> None:
    """A daily series without end is refused rather than read forever."""
    path = write(
        tmp_path, "endless.ics", calendar("SUMMARY:Infusion\nDTSTART:20300701T080000Z\nRRULE:FREQ=DAILY\n")
    )
    with pytest.raises(
        InputError, match="it repeats without end; end the series in the calendar, or --match"
    ):
        read(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            b"Dear patient,\r\nyour infusion is on Monday.\r\n", "is not an iCalendar file", id="letter"
        ),
        pytest.param(b"", "is not an iCalendar file", id="empty"),
        pytest.param(bytes(range(256)) * 4, "is not a text file", id="binary"),
        pytest.param(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "is not a text file", id="png"),
        pytest.param(
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n",
            "has no events",
            id="no-events",
        ),
    ],
)
def test_files_that_are_not_calendars_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    """Letters, binaries and empty calendars give one clear line, never a traceback."""
    path = tmp_path / "invite.ics"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read(path)


def test_truncated_calendar_is_refused(tmp_path: Path) -> None:
    """A download cut off half way is reported as cut off."""
    whole = ics(make_plan("2030-07-01 10:00", zone=BERLIN), stamp=NOW)
    path = tmp_path / "cut.ics"
    path.write_bytes(whole[: whole.index(b"\r\n", len(whole) // 2) + 2])  # half way, at a line's end
    with pytest.raises(InputError, match="is cut off"):
        read(path)


def test_ten_megabytes_of_events_are_refused_before_parsing(tmp_path: Path) -> None:
    """A 10 MB calendar is refused at once for its size."""
    event = "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20300701T080000Z\r\nSUMMARY:Meeting\r\nEND:VEVENT\r\n"
    path = tmp_path / "huge.ics"
    path.write_text("BEGIN:VCALENDAR\r\n" + event * (10_000_000 // len(event)) + "END:VCALENDAR\r\n")
    with pytest.raises(InputError, match="is larger than 5 MB"):
        read(path)


def test_more_events_than_the_limit_are_refused(tmp_path: Path) -> None:
    """A small file with over 5000 events is refused before it is parsed."""
    event = "BEGIN:VEVENT\r\nDTSTART:20300701T080000Z\r\nEND:VEVENT\r\n"
    path = tmp_path / "many.ics"
    path.write_text("BEGIN:VCALENDAR\r\n" + event * (MOST_INFUSIONS + 1) + "END:VCALENDAR\r\n")
    with pytest.raises(InputError, match="holds more than 5000 events"):
        read(path)


def test_wrong_suffix_is_refused(tmp_path: Path) -> None:
    """A file that is neither .ics nor .csv is refused by its name."""
    path = write(tmp_path, "invite.txt", calendar("DTSTART:20300701T080000Z\n"))
    with pytest.raises(InputError, match=r"--from 'invite.txt': cannot tell the kind of file"):
        read(path)


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    """A path that does not exist, or is a folder, is an input error (exit 2)."""
    with pytest.raises(InputError, match="does not exist") as caught:
        read(tmp_path / "nowhere.ics")
    assert caught.value.exit_code == 2
    folder = tmp_path / "folder.ics"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read(folder)


def test_unreadable_file_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk error while reading is an I/O error (exit 1) naming the file."""
    path = write(tmp_path, "a.ics", calendar("DTSTART:20300701T080000Z\n"))

    def failing(*args: object, **kwargs: object) -> object:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("pumpplan.files.os.set_blocking", failing)  # after the open, before the read
    with pytest.raises(ReadError, match=r"cannot read --from '.*a.ics': Input/output error") as caught:
        read(path)
    assert caught.value.exit_code == 1


# --- tables ---------------------------------------------------------------------------------


def read_csv(tmp_path: Path, text: str) -> list[Infusion]:
    """Read a .csv of appointments in Berlin."""
    path = tmp_path / "appointments.csv"
    path.write_text(text, encoding="utf-8")
    return read(path)


def test_csv_with_start_and_optional_duration(tmp_path: Path) -> None:
    """Rows give a start and, if they want, their own length; blank and # lines are skipped."""
    text = "start,duration\n2030-07-01 10:00,1h\n\n# a note\n2030-07-03 10:00,\n"
    assert utc(read_csv(tmp_path, text)) == [("2030-07-01 08:00:00", 60), ("2030-07-03 08:00:00", 40)]


def test_csv_from_a_spreadsheet_with_bom_and_start_only(tmp_path: Path) -> None:
    """A UTF-8 BOM (Excel) and a start-only header are fine; relative words use now."""
    found = read_csv(tmp_path, "\ufeffStart\r\ntomorrow 9:30\r\n")
    assert utc(found) == [("2030-01-02 08:30:00", 40)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "start\n2030-07-01 10:00\nnot a date\n", r"line 3: cannot read 'not a date'", id="bad-start"
        ),
        pytest.param(
            "start,duration\n2030-07-01 10:00,0\n", r"line 2: the duration '0' must be more", id="bad-len"
        ),
        pytest.param("start\n2030-03-31 02:30\n", r"line 2: 2030-03-31 02:30 does not exist", id="dst-gap"),
        pytest.param(
            "start\n2030-07-01 10:00,40m\n", r"line 2: .* has more cells than the header", id="extra"
        ),
        pytest.param("when\n2030-07-01 10:00\n", r"line 1 must be the header 'start'", id="bad-header"),
        pytest.param("2030-07-01 10:00\n", r"line 1 must be the header", id="no-header"),
        pytest.param("", r"line 1 must be the header .* found nothing", id="empty"),
        pytest.param("start,duration\n", r"lists no appointments", id="header-only"),
    ],
)
def test_bad_csv_names_the_line(tmp_path: Path, text: str, message: str) -> None:
    """A bad row or header gives one line naming the file and the line number."""
    with pytest.raises(InputError, match=message):
        read_csv(tmp_path, text)


def test_match_with_csv_is_refused(tmp_path: Path) -> None:
    """--match filters calendar titles; with a .csv it is an error, not silently ignored."""
    path = tmp_path / "a.csv"
    path.write_text("start\n2030-07-01 10:00\n")
    with pytest.raises(InputError, match="--match picks calendar events"):
        read(path, match="x")


def test_reading_a_csv_does_not_import_icalendar() -> None:
    """Loading the appointments module and reading a table leave icalendar unimported (fast --help)."""
    code = (
        "import sys, pumpplan.inputs.appointments, pumpplan.render; "
        "assert 'icalendar' not in sys.modules, 'icalendar was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- a calendar's other appointments ----------------------------------------------------------


def mixed(tmp_path: Path) -> Path:
    """Write an invite of three ketamine infusions and a pediatrician's visit."""
    infusion = "SUMMARY:Ketamine infusion\nDTSTART:2030070{d}T080000Z\nDURATION:PT40M\n"
    visit = "SUMMARY:Pediatrician\nDTSTART:20300710T080000Z\nDURATION:PT30M\n"
    return write(tmp_path, "invite.ics", calendar(*(infusion.format(d=d) for d in (1, 3, 5)), visit))


def test_events_of_more_than_one_title_are_refused_with_titles_counts_and_a_match(tmp_path: Path) -> None:
    """A pediatrician's visit is not an infusion: without --match, the titles and counts are listed."""
    with pytest.raises(
        InputError,
        match=r"'invite.ics' holds appointments with 2 different titles: 'Ketamine infusion' \(3\), "
        r"'Pediatrician' \(1\); .* e.g. --match 'Ketamine infusion'",
    ):
        read(mixed(tmp_path))


def test_match_picks_the_infusions_and_the_reading_says_what_was_read(tmp_path: Path) -> None:
    """With --match the infusions are read, and the note names their count, title and file."""
    reading = Reading()
    found = read_appointments(
        mixed(tmp_path), zone=BERLIN, match="ketamine", duration=DEFAULT, now=NOW, dayfirst=reading
    )
    assert len(found) == 3
    notes = [str(note) for note in reading.notes]
    assert notes == ["read 3 infusions titled 'Ketamine infusion' from 'invite.ics'"]


def test_a_table_says_how_many_infusions_it_gave(tmp_path: Path) -> None:
    """A .csv has no titles; the note says how many rows were read."""
    path = tmp_path / "a.csv"
    path.write_text("start\n2030-07-01 10:00\n", encoding="utf-8")
    reading = Reading()
    read_appointments(path, zone=BERLIN, match=None, duration=DEFAULT, now=NOW, dayfirst=reading)
    assert [str(note) for note in reading.notes] == ["read 1 infusion from 'a.csv'"]
