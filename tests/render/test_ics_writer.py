"""The .ics text writer gives the very bytes icalendar's object model gives, on a corpus of plans."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as hs
from icalendar.parser.string import _escape_char, _foldline

from pumpplan import i18n
from pumpplan.core.model import Plan, QuietHours, Rule
from pumpplan.core.stash import plan_stash
from pumpplan.render import RenderOptions, render
from pumpplan.render.ics import escape, fold
from pumpplan.render.report import Report, Section
from tests.helpers import SIX, make_plan, minutes
from tests.ics_oracle import icalendar_ics

STAMP = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)


def plan_at(zone: str, *starts: str, rule: Rule | None = None) -> Plan:
    """Return the plan for infusions at wall-clock times in a zone."""
    return make_plan(*starts, zone=ZoneInfo(zone), rule=rule)


def with_stash(plan: Plan) -> Report:
    """Return a plan's report with the milk stash, whose storage reminders are calendar events."""
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 25))
    return Report(plan, stash=stash, sections=frozenset({Section.SCHEDULE, Section.STASH}))


REPORTS: dict[str, Callable[[], Report]] = {
    "six-in-los-angeles": lambda: Report(make_plan(*SIX)),
    # A session in the hour the clocks repeat: its times are written in UTC.
    "repeated-hour": lambda: Report(plan_at("America/Los_Angeles", "2030-11-01 11:30")),
    "spring-forward": lambda: Report(plan_at("Europe/Berlin", "2030-03-29 09:00")),
    # No yearly rule fits Santiago's changes: no VTIMEZONE, every time in UTC.
    "santiago-utc-fallback": lambda: Report(
        plan_at("America/Santiago", "2030-04-04 10:00", "2030-09-05 10:00")
    ),
    "utc": lambda: Report(plan_at("UTC", "2030-01-07 10:00", "2030-01-09 10:00")),
    "etc-utc": lambda: Report(plan_at("Etc/UTC", "2030-01-07 10:00")),
    "fixed-offset": lambda: Report(plan_at("Etc/GMT+5", "2030-01-07 10:00")),
    "kolkata": lambda: Report(plan_at("Asia/Kolkata", "2030-06-03 08:00", "2030-06-04 08:00")),
    "quiet-nights": lambda: Report(
        make_plan(*SIX, rule=Rule(quiet=QuietHours(time(23), time(6)), pump_every=minutes(120)))
    ),
    "merged-windows-and-warnings": lambda: Report(make_plan("2030-12-02 10:00", "2030-12-03 10:00")),
    "stash-storage-reminders": lambda: with_stash(make_plan(*SIX)),
    # Owners with TEXT's special characters: they go into the UIDs' hashes.
    "odd-owner": lambda: Report(make_plan(*SIX[:2]), patient="Ana; Ruiz, \\ y\nnueva línea"),
}
ALARMS = [timedelta(minutes=10), None, timedelta(), timedelta(hours=1, minutes=30), timedelta(days=1)]


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Write in each language pumpplan has, English again afterwards."""
    i18n.use(request.param)
    yield request.param
    i18n.use("en")


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize("alarm", ALARMS, ids=str)
@pytest.mark.parametrize("name", REPORTS)
def test_the_writer_gives_icalendars_bytes(name: str, alarm: timedelta | None) -> None:
    """Every plan of the corpus, in both languages and with every kind of alarm, is icalendar's bytes."""
    report = REPORTS[name]()
    options = RenderOptions(stamp=STAMP, alarm=alarm)
    assert render(report, "ics", options) == icalendar_ics(report, options)


def test_the_corpus_holds_what_it_is_for() -> None:
    """The corpus has UTC times beside zoned ones, no VTIMEZONE, reminders, folded multibyte text."""
    options = RenderOptions(stamp=STAMP)
    calendars = {name: render(build(), "ics", options) for name, build in REPORTS.items()}
    assert isinstance(repeated := calendars["repeated-hour"], bytes)
    assert b"DTSTART;TZID=" in repeated
    assert re.search(rb"DTSTART:\d{8}T\d{6}Z", repeated)
    assert b"BEGIN:VTIMEZONE" not in calendars["santiago-utc-fallback"]
    assert b"BEGIN:VTIMEZONE" not in calendars["utc"]
    assert b"Milk storage" in calendars["stash-storage-reminders"]
    i18n.use("es")
    try:
        spanish = render(REPORTS["six-in-los-angeles"](), "ics", options)
    finally:
        i18n.use("en")
    assert isinstance(spanish, bytes)
    pieces = spanish.split(b"\r\n")
    assert any(not piece.isascii() for piece in pieces if piece.startswith(b" "))


@given(hs.text(hs.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_escaping_is_icalendars(value: str) -> None:
    """Any text, backslashes, ; , \\N and every kind of line end included, escapes as icalendar escapes it."""
    assert escape(value) == _escape_char(value)


TEXT_AND_ESCAPES = hs.text(
    hs.one_of(hs.sampled_from(["\\", "^", ";", ",", "é", "—", "😀", "a"]), hs.characters(codec="utf-8")),
    max_size=400,
).filter(lambda line: "\n" not in line and "\r" not in line)


@given(TEXT_AND_ESCAPES)
def test_folding_is_icalendars(line: str) -> None:
    """Any line, multibyte characters and escapes at the fold points included, folds as icalendar folds it."""
    assert fold(line) == _foldline(line).encode()
