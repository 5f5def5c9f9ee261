"""Text to times, durations, quiet hours and zones (docs/rules.md, Input)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from pumpplan.core.model import QuietHours
from pumpplan.errors import InputError
from pumpplan.inputs.series import every, from_rrule, weekdays
from pumpplan.inputs.timeparse import localize, parse_date, parse_duration, parse_quiet, parse_times
from pumpplan.inputs.zones import load_zone
from tests.helpers import BERLIN, LA

# Tuesday 24 November 2026, 09:00 in Los Angeles.
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "bare", "expected"),
    [
        ("40m", "minutes", timedelta(minutes=40)),
        ("1h", "minutes", timedelta(hours=1)),
        ("1h30m", "minutes", timedelta(minutes=90)),
        ("2d", "hours", timedelta(days=2)),
        ("90", "minutes", timedelta(minutes=90)),
        ("48", "hours", timedelta(hours=48)),
        (" 1H 30M ", "minutes", timedelta(minutes=90)),
        ("45min", "minutes", timedelta(minutes=45)),
    ],
)
def test_durations_take_units_or_a_bare_number(text: str, bare: str, expected: timedelta) -> None:
    """'40m', '1h30m', '2d' and bare numbers (minutes, or hours for --dump-hours) parse."""
    assert parse_duration(text, "--x", bare=bare) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "must be more than zero"),
        ("-5", "must be more than zero"),
        ("-1h", "must be more than zero"),
        ("0h0m", "must be more than zero"),
        ("soon", "is not a length of time"),
        ("1.5h", "is not a length of time"),
        ("", "is not a length of time"),
        ("h", "is not a length of time"),
        ("99999999d", "longer than 30 days"),
        ("40m\x1b", "control character"),
    ],
)
def test_bad_durations_are_refused_with_the_value_named(text: str, message: str) -> None:
    """Zero, negative, garbage and absurd durations raise with a message naming the value."""
    with pytest.raises(InputError, match=message) as raised:
        parse_duration(text, "--duration")
    assert "--duration" in str(raised.value)


def test_quiet_hours_parse_and_wrap_midnight() -> None:
    """'23:00-06:00' covers 23:30 and 05:59 but not 06:00 or 22:59."""
    quiet = parse_quiet("23:00-06:00")
    assert quiet == QuietHours(time(23), time(6))
    assert quiet.contains(time(23, 30))
    assert quiet.contains(time(5, 59))
    assert not quiet.contains(time(6))
    assert not quiet.contains(time(22, 59))


@pytest.mark.parametrize("text", ["23-06", "23:00", "25:00-06:00", "06:00-06:00", "night"])
def test_bad_quiet_hours_are_refused(text: str) -> None:
    """Quiet hours must be two different valid HH:MM times."""
    with pytest.raises(InputError, match="--quiet"):
        parse_quiet(text)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(["2026-12-07 10:00"], ["2026-12-07T10:00:00-08:00"], id="iso"),
        pytest.param(["Dec 7 10am"], ["2026-12-07T10:00:00-08:00"], id="month-name-no-year"),
        pytest.param(["Jan 5 10am"], ["2027-01-05T10:00:00-08:00"], id="passed-date-means-next-year"),
        pytest.param(["mon 9:30"], ["2026-11-30T09:30:00-08:00"], id="weekday-means-next-one"),
        pytest.param(["tue 9:30"], ["2026-12-01T09:30:00-08:00"], id="todays-weekday-means-next-week"),
        pytest.param(["Monday", "9:30am"], ["2026-11-30T09:30:00-08:00"], id="weekday-and-time-as-two-words"),
        pytest.param(["tomorrow", "9:30"], ["2026-11-25T09:30:00-08:00"], id="tomorrow-two-words"),
        pytest.param(["today 14:00"], ["2026-11-24T14:00:00-08:00"], id="today"),
        pytest.param(["2026-12-07T10:00-05:00"], ["2026-12-07T10:00:00-05:00"], id="explicit-offset"),
        pytest.param(["2026-12-07 10:00Z"], ["2026-12-07T10:00:00+00:00"], id="utc"),
        pytest.param(
            ["Dec 7 10:00", "Dec 9 10:00"],
            ["2026-12-07T10:00:00-08:00", "2026-12-09T10:00:00-08:00"],
            id="two",
        ),
        pytest.param(["Mon Dec 7 2026 10:00"], ["2026-12-07T10:00:00-08:00"], id="weekday-and-date-agree"),
    ],
)
def test_start_times_in_the_forms_people_write(words: list[str], expected: list[str]) -> None:
    """dateutil forms, weekday names, today/tomorrow and explicit offsets all parse."""
    assert [t.isoformat() for t in parse_times(words, LA, NOW)] == expected


def test_dayfirst_reads_day_before_month() -> None:
    """--dayfirst reads 07/12/2026 as 7 December; without it, July 12."""
    assert parse_times(["07/12/2026 10:00"], LA, NOW, dayfirst=True)[0].month == 12
    assert parse_times(["07/12/2026 10:00"], LA, NOW)[0].month == 7


def test_dayfirst_leaves_iso_dates_alone() -> None:
    """ISO dates are year-month-day whatever --dayfirst says."""
    assert (
        parse_times(["2026-12-07 10:00"], LA, NOW, dayfirst=True)[0].isoformat()
        == "2026-12-07T10:00:00-08:00"
    )


@pytest.mark.parametrize(
    ("words", "message"),
    [
        pytest.param(["banana"], "cannot read 'banana'", id="garbage"),
        pytest.param(["Feb 30 2027 10:00"], "cannot read", id="impossible-date"),
        pytest.param(["2026-12-07 25:00"], "cannot read", id="impossible-hour"),
        pytest.param(["Dec 7"], "has no time of day", id="no-time"),
        pytest.param(["tomorrow"], "has no time of day", id="tomorrow-alone"),
        pytest.param(["10:00"], "has no date", id="no-date"),
        pytest.param(["Tue Dec 7 2026 10:00"], "names two different days", id="weekday-disagrees"),
        pytest.param(["tue 8 10:00"], "names a day and part of a date", id="weekday-and-a-day-number"),
        pytest.param(["tomorrow 2027 10:00"], "names a day and part of a date", id="day-word-and-a-year"),
        pytest.param(["mon dec 10:00"], "names a day and part of a date", id="weekday-and-a-month"),
        pytest.param(["2026-03-08 02:30"], "does not exist in America/Los_Angeles", id="skipped-by-dst"),
        pytest.param(["2026-11-01 01:30"], "happens twice in America/Los_Angeles", id="repeated-by-dst"),
        pytest.param(["Dec 7\n10:00"], "control character", id="control-character"),
        pytest.param(["1h" + "9" * 40], "cannot read", id="decimal-overflow"),
    ],
)
def test_bad_start_times_are_errors_naming_the_value(words: list[str], message: str) -> None:
    """Garbage, missing parts and DST-skipped or repeated times are errors, never guesses."""
    with pytest.raises(InputError, match=message):
        parse_times(words, LA, NOW)


def test_skipped_time_error_suggests_an_offset() -> None:
    """The error for a time DST skips shows a time with its offset to type instead."""
    with pytest.raises(InputError, match=r"'2026-03-08T03:30-07:00'"):
        parse_times(["2026-03-08 02:30"], LA, NOW)


def test_repeated_time_error_offers_both_offsets() -> None:
    """The error for a time DST repeats names both offsets."""
    with pytest.raises(InputError, match=r"-07:00.*first.*-08:00.*second"):
        parse_times(["2026-11-01 01:30"], LA, NOW)


def test_zones_by_iana_name_and_unknown_zones() -> None:
    """--tz takes IANA names; unknown or malicious names are one clear error."""
    assert load_zone("Europe/Berlin").key == "Europe/Berlin"
    for name in ("Mars/Olympus", "../../etc/passwd", "PST8PDT/x"):
        with pytest.raises(InputError, match="unknown time zone"):
            load_zone(name)


def test_default_zone_is_the_system_zone_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --tz, TZ's IANA name is used."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    assert load_zone(None).key == "Asia/Kolkata"


def test_missing_system_zone_asks_for_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    """If no IANA name can be found for the system zone, the error asks for --tz."""
    monkeypatch.setattr("pumpplan.inputs.zones.system_zone_name", lambda: None)
    with pytest.raises(InputError, match="--tz"):
        load_zone(None)


def test_until_dates_without_a_year_are_the_next_one() -> None:
    """--until 'Dec 31' is this year's; 'Jan 3' next year's."""
    today = NOW.date()
    assert parse_date("Dec 31", "--until", today).isoformat() == "2026-12-31"
    assert parse_date("Jan 3", "--until", today).isoformat() == "2027-01-03"


def test_every_builds_a_weekly_course_keeping_wall_clock_time() -> None:
    """--every mon,wed,fri --count 6 gives six 10:00 infusions, across a DST change too."""
    first = parse_times(["2026-10-19 10:00"], BERLIN, NOW)[0]
    course = every(first, weekdays("mon,wed,fri"), BERLIN, 6, None)
    assert [f"{t:%a %d %H:%M%z}" for t in course] == [
        "Mon 19 10:00+0200",
        "Wed 21 10:00+0200",
        "Fri 23 10:00+0200",
        "Mon 26 10:00+0100",
        "Wed 28 10:00+0100",
        "Fri 30 10:00+0100",
    ]


def test_every_until_ends_on_that_day() -> None:
    """--until includes infusions on that day and none after."""
    first = parse_times(["2026-12-07 10:00"], LA, NOW)[0]
    course = every(first, weekdays("MO,TH"), LA, None, parse_date("2026-12-17", "--until", NOW.date()))
    assert [t.day for t in course] == [7, 10, 14, 17]


@pytest.mark.parametrize(
    ("days", "count", "message"),
    [
        ("mon,funday", 3, "'funday' is not a weekday"),
        ("tue", 3, "not one of tue"),
        ("mon", None, "needs an end"),
    ],
)
def test_bad_series_are_errors(days: str, count: int | None, message: str) -> None:
    """Unknown weekdays, a first day off the pattern and a course with no end are refused."""
    first = parse_times(["2026-12-07 10:00"], LA, NOW)[0]
    with pytest.raises(InputError, match=message):
        every(first, weekdays(days), LA, count, None)


def test_rrule_expands_from_the_first_time() -> None:
    """--rrule 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6' anchors at the first WHEN."""
    first = parse_times(["2026-12-07 10:00"], LA, NOW)[0]
    course = from_rrule(first, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=6", LA)
    assert [t.day for t in course] == [7, 9, 11, 14, 16, 18]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("FREQ=SOMETIMES", "is not a recurrence rule"),
        ("FREQ=DAILY", "repeats without end; end it with COUNT=6"),
        ("FREQ=DAILY;COUNT=5001", "more than 5000 infusions"),
        ("DTSTART:20261207T100000\nRRULE:FREQ=DAILY;COUNT=2", "control character"),
        ("FREQ=DAILY;COUNT=2;DTSTART=20261207T100000", "remove DTSTART"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20261231T000000", "has both COUNT and UNTIL; keep one of them"),
    ],
)
def test_bad_rrules_are_errors(text: str, message: str) -> None:
    """Unreadable, endless and DTSTART-carrying rules are refused."""
    first = parse_times(["2026-12-07 10:00"], LA, NOW)[0]
    with pytest.raises(InputError, match=message):
        from_rrule(first, text, LA)


def test_series_through_a_skipped_hour_is_an_error() -> None:
    """A daily 02:30 course that meets spring-forward names the missing time."""
    first = parse_times(["2026-03-06 02:30"], LA, NOW)[0]
    with pytest.raises(InputError, match="2026-03-08 02:30 does not exist"):
        from_rrule(first, "FREQ=DAILY;COUNT=3", LA)


@given(hs.datetimes(datetime(1000, 1, 1), datetime(2999, 12, 31)), hs.sampled_from("T "))  # noqa: DTZ001 (wall clock)
def test_an_iso_time_read_without_dateutil_is_what_dateutil_reads(moment: datetime, separator: str) -> None:
    """'2030-12-02 10:00' skips dateutil (slow to import); read both ways it is the same instant."""
    from dateutil import parser

    text = moment.strftime(f"%Y-%m-%d{separator}%H:%M")
    expected = localize_or_none(parser.parse(text), LA)
    assert localize_or_none(datetime.fromisoformat(text), LA) == expected
    if expected is None:  # a time the clocks skip or repeat: refused either way
        with pytest.raises(InputError, match="the clocks"):
            parse_times([text], LA, NOW)
    else:
        assert parse_times([text], LA, NOW) == [expected]


def test_a_day_that_does_not_exist_in_iso_is_refused_as_before() -> None:
    """'2030-02-30 10:00' is no date: dateutil's message, the ISO path no help."""
    with pytest.raises(InputError, match="cannot read '2030-02-30 10:00' as a date and time"):
        parse_times(["2030-02-30 10:00"], LA, NOW)


def localize_or_none(naive: datetime, zone: ZoneInfo) -> datetime | None:
    """Return the wall-clock time in a zone, or None if the clocks skip or repeat it."""
    try:
        return localize(naive, zone)
    except InputError:
        return None
