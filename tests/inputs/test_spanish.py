"""Dates and times typed in Spanish, read as a clinic's Spanish-speaking patient means them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pumpplan.errors import InputError
from pumpplan.inputs.dates import Reading
from pumpplan.inputs.series import weekdays
from pumpplan.inputs.spanish import in_english
from pumpplan.inputs.timeparse import parse_date, parse_time
from tests.helpers import LA, run

# Thursday 26 November 2026, 18:00 in Los Angeles.
NOW = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
SPANISH = Reading(spanish=True)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        pytest.param("lunes 10:00", "2026-11-30 10:00", id="weekday"),
        pytest.param("Miércoles 9:30", "2026-12-02 09:30", id="accent-and-capital"),
        pytest.param("mié 9:30", "2026-12-02 09:30", id="abbreviated"),
        pytest.param("7 dic 10:00", "2026-12-07 10:00", id="day-month"),
        pytest.param("7 de diciembre a las 10", "2026-12-07 10:00", id="with-de-and-a-las"),
        pytest.param("mañana 9:30", "2026-11-27 09:30", id="tomorrow"),
        pytest.param("hoy 20:00", "2026-11-26 20:00", id="today"),
        pytest.param("ayer 10:00", "2026-11-25 10:00", id="yesterday"),
        pytest.param("el viernes a las 3 de la tarde", "2026-11-27 15:00", id="afternoon"),
        pytest.param("jueves 7 de la mañana", "2026-12-03 07:00", id="morning-not-tomorrow"),
        pytest.param("lunes pasado 10:00", "2026-11-23 10:00", id="last-monday"),
        pytest.param("próximo martes mediodía", "2026-12-01 12:00", id="next-tuesday-noon"),
        pytest.param("mar 10:00", "2026-12-01 10:00", id="mar-is-martes-in-spanish"),
        pytest.param("8 mar 2027 10:00", "2027-03-08 10:00", id="mar-after-a-day-is-marzo"),
        pytest.param("8 de mar 10:00", "2027-03-08 10:00", id="de-mar-is-marzo"),
    ],
)
def test_a_spanish_day_and_time_is_read_as_meant(typed: str, meant: str) -> None:
    """Spanish weekdays, months and day words mean what a Spanish speaker means by them."""
    assert parse_time(typed, LA, NOW, dayfirst=SPANISH) == datetime.fromisoformat(meant).replace(tzinfo=LA)


def test_spanish_words_are_only_read_when_the_plan_is_in_spanish() -> None:
    """In English 'mar 10' is still March 10: Spanish words apply to a Spanish plan only."""
    assert parse_time("mar 10 10:00", LA, NOW).month == 3


def test_the_translation_leaves_what_it_does_not_know() -> None:
    """Digits, offsets and unknown words pass through unchanged, for the reader's own errors."""
    assert in_english("2026-12-07T10:00-08:00") == "2026-12-07t10:00-08:00"
    assert in_english("banana 10:00") == "banana 10:00"


@pytest.mark.parametrize("typed", ["lun,mie,vie", "lun,mié,vie", "LUNES, MIÉRCOLES, VIERNES", "mon,wed,fri"])
def test_every_takes_spanish_weekdays(typed: str) -> None:
    """--every lun,mie,vie is Monday, Wednesday and Friday, as mon,wed,fri is."""
    assert weekdays(typed) == [0, 2, 4]


def test_a_spanish_plan_through_the_command() -> None:
    """'pumpplan plan "lunes 10:00" --every lun,mie,vie --count 3 --lang es' plans three infusions."""
    code, out, err = run(
        "plan", "lunes 10:00", "--every", "lun,mie,vie", "--count", "3", "--tz", "America/Los_Angeles",
        "--lang", "es", "-f", "csv",
    )  # fmt: skip
    assert code == 0, err
    assert out.count(",infusion,") == 3


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("31 dic", date(2026, 12, 31)), ("viernes", date(2026, 11, 27)), ("hoy", date(2026, 11, 26))],
)
def test_a_spanish_date_is_read_for_until_and_start_pumping(typed: str, meant: date) -> None:
    """--until '31 dic' and --start-pumping 'viernes' read as the times do, in a Spanish plan."""
    assert parse_date(typed, "--until", date(2026, 11, 26), dayfirst=SPANISH) == meant


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        pytest.param("mañana 25:00", "'mañana 25:00' as a date", id="cannot-read"),
        pytest.param("mañana dic", "write e.g. 'mañana 10:00'", id="day-without-time"),
        pytest.param("lunes pasado dic", "write e.g. 'lunes 10:00'", id="last-weekday"),
    ],
)
def test_a_message_quotes_her_spanish_not_the_english_it_was_read_as(typed: str, said: str) -> None:
    """The error shows 'mañana', as she typed it, never the 'tomorrow' it was read as."""
    with pytest.raises(InputError) as caught:
        parse_time(typed, LA, NOW, dayfirst=SPANISH)
    assert said in str(caught.value)
    assert "tomorrow" not in str(caught.value)
    assert "monday" not in str(caught.value)
