"""How a date is read: the nearest year, the locale's order of day and month, day words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pumpplan.errors import InputError
from pumpplan.inputs.dates import NEAREST, Reading, locale_order, nearest
from pumpplan.inputs.timeparse import parse_date, parse_quiet, parse_times
from tests.helpers import LA

# Thursday 26 November 2026, 09:00 in Los Angeles.
NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("month", "day", "expected"),
    [
        pytest.param(11, 24, date(2026, 11, 24), id="two-days-ago-is-this-year"),
        pytest.param(1, 5, date(2027, 1, 5), id="january-in-november-is-next-year"),
        pytest.param(6, 1, date(2026, 6, 1), id="june-is-this-years-past"),
        pytest.param(5, 26, date(2027, 5, 26), id="half-a-year-either-way-the-future-wins"),
        pytest.param(2, 29, None, id="no-leap-day-within-half-a-year"),
    ],
)
def test_a_date_without_a_year_is_the_nearest_one(month: int, day: int, expected: date | None) -> None:
    """Last year's, this year's or next year's: whichever is within half a year of today."""
    assert nearest(month, day, TODAY) == expected


@given(
    today=st.dates(date(2001, 1, 1), date(2098, 12, 31)),
    typed=st.dates(date(2000, 1, 1), date(2000, 12, 31)),  # 2000 is a leap year: Feb 29 too
)
def test_no_date_typed_without_a_year_lands_over_half_a_year_from_today(today: date, typed: date) -> None:
    """Whatever the day and month typed, the date read is within 183 days of today, or refused."""
    now = datetime(today.year, today.month, today.day, 20, tzinfo=UTC)  # noon in Los Angeles
    text = f"{typed:%b} {typed.day} 10:00"
    if nearest(typed.month, typed.day, today) is None:  # only a leap day can have no year near
        assert (typed.month, typed.day) == (2, 29)
        with pytest.raises(InputError, match="add the year"):
            parse_times([text], LA, now)
        return
    read = parse_times([text], LA, now)[0].date()
    assert (read.month, read.day) == (typed.month, typed.day)
    assert abs(read - today) <= NEAREST


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param(["yesterday 10:00"], "2026-11-25T10:00", id="yesterday"),
        pytest.param(["last tue 9:30"], "2026-11-24T09:30", id="last-weekday"),
        pytest.param(["last thursday 9:30"], "2026-11-19T09:30", id="last-todays-weekday-is-a-week-ago"),
        pytest.param(["next monday 10am"], "2026-11-30T10:00", id="next-weekday"),
        pytest.param(["thu 10am"], "2026-12-03T10:00", id="bare-todays-weekday-is-next-week"),
        pytest.param(["10am monday"], "2026-11-30T10:00", id="time-before-the-day"),
        pytest.param(["10am", "monday"], "2026-11-30T10:00", id="time-and-day-as-two-words"),
        pytest.param(["tomorrow noon"], "2026-11-27T12:00", id="noon"),
        pytest.param(["tomorrow", "noon"], "2026-11-27T12:00", id="noon-as-a-second-word"),
        pytest.param(["Dec 3 midnight"], "2026-12-03T00:00", id="midnight-starts-its-day"),
        pytest.param(["Nov 24 10am"], "2026-11-24T10:00", id="date-just-past-stays-this-year"),
    ],
)
def test_everyday_phrasings(words: list[str], expected: str) -> None:
    """Day words before or after the time, and noon and midnight, read as people mean them."""
    assert f"{parse_times(words, LA, NOW)[0]:%Y-%m-%dT%H:%M}" == expected


def test_until_takes_day_words_and_the_nearest_year() -> None:
    """--until 'last fri', 'yesterday', 'Jan 5' and 'Nov 1' read as the nearest such day."""
    assert parse_date("last fri", "--until", TODAY) == date(2026, 11, 20)
    assert parse_date("yesterday", "--until", TODAY) == date(2026, 11, 25)
    assert parse_date("Jan 5", "--until", TODAY) == date(2027, 1, 5)
    assert parse_date("Nov 1", "--until", TODAY) == date(2026, 11, 1)


def test_quiet_hours_in_am_pm() -> None:
    """'11pm-6am' and '11 pm - 6 am' are the quiet hours 23:00-06:00."""
    assert parse_quiet("11pm-6am") == parse_quiet("11 pm - 6 am") == parse_quiet("23:00-06:00")


@pytest.mark.parametrize(
    ("lang", "dayfirst", "why"),
    [
        ("es_MX.UTF-8", True, "day first, as your locale es_MX writes dates"),
        ("en_GB.UTF-8", True, "day first, as your locale en_GB writes dates"),
        ("de_DE.UTF-8", True, "day first, as your locale de_DE writes dates"),
        ("en_US.UTF-8", False, "month first, as your locale en_US writes dates"),
        ("ja_JP.UTF-8", False, "month first, as your locale ja_JP writes dates"),
        ("C.UTF-8", False, "month first: no locale is set"),
        ("xx_YY", False, "month first: the locale 'xx_YY' is unknown"),
    ],
)
def test_the_locale_gives_the_order_of_day_and_month(lang: str, dayfirst: bool, why: str) -> None:
    """CLDR's short date pattern of the locale says whether the day comes first."""
    order, said = locale_order({"LANG": lang})
    assert (order, str(said)) == (dayfirst, why)


def test_lc_all_and_lc_time_win_over_lang() -> None:
    """LC_ALL, then LC_TIME, then LANG, as the C library reads them."""
    assert locale_order({"LANG": "en_US.UTF-8", "LC_TIME": "en_GB.UTF-8"})[0] is True
    assert locale_order({"LC_ALL": "en_US.UTF-8", "LC_TIME": "en_GB.UTF-8"})[0] is False


def test_an_ambiguous_numeric_date_is_noted_with_its_other_reading() -> None:
    """3/4/2027 under es_MX is 3 April, and the note says so and how to read it the other way."""
    reading = Reading(environ={"LANG": "es_MX.UTF-8"})
    assert f"{parse_times(['3/4/2027 10:00'], LA, NOW, dayfirst=reading)[0]:%Y-%m-%d}" == "2027-04-03"
    assert [str(note) for note in reading.notes] == [
        "read '3/4/2027' as Sat Apr 3 2027 (day first, as your locale es_MX writes dates); "
        "--monthfirst reads it as Thu Mar 4 2027"
    ]


@pytest.mark.parametrize("text", ["13/4/2027 10:00", "4/4/2027 10:00", "2027-03-04 10:00", "Mar 4 10:00"])
def test_a_date_that_reads_one_way_only_gets_no_note(text: str) -> None:
    """A day over 12, the same number twice, ISO and month names leave nothing to say."""
    reading = Reading(environ={"LANG": "es_MX.UTF-8"})
    parse_times([text], LA, NOW, dayfirst=reading)
    assert reading.notes == []


def test_the_locale_is_looked_up_only_for_a_numeric_date() -> None:
    """Without a date in digits the reading never asks the locale (nor imports Babel for it)."""
    reading = Reading(environ={"LANG": "es_MX.UTF-8"})
    parse_times(["Dec 7 10:00", "tomorrow 9:30"], LA, NOW, dayfirst=reading)
    assert reading._order is None


def test_the_flag_wins_over_the_locale() -> None:
    """--monthfirst reads 3/4/2027 as March 4 even where the locale writes the day first."""
    reading = Reading(dayfirst=False, environ={"LANG": "es_MX.UTF-8"})
    assert parse_times(["3/4/2027 10:00"], LA, NOW, dayfirst=reading)[0].month == 3
    assert [str(note) for note in reading.notes] == [
        "read '3/4/2027' as Thu Mar 4 2027 (--monthfirst); --dayfirst reads it as Sat Apr 3 2027"
    ]


def test_a_day_word_and_a_date_must_agree() -> None:
    """'yesterday Dec 7 10:00' names two days."""
    with pytest.raises(InputError, match="names two different days"):
        parse_times(["yesterday Dec 7 10:00"], LA, NOW)


def test_days_ahead_stay_ahead() -> None:
    """A bare weekday is never today and never in the past."""
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        moment = parse_times([f"{name} 10:00"], LA, NOW)[0]
        assert timedelta(0) < moment.date() - TODAY <= timedelta(days=7)
