"""The plan's values: each event knows its infusion and window; the plan answers where and when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pumpplan.core.model import EventKind, Plan, window_at
from tests.helpers import SIX, at, make_plan

DAY = timedelta(days=1)


def test_every_event_knows_its_window_and_infusion(course: Plan) -> None:
    """Infusions and dumps lie in their window, keeps in none, each resume ends its window."""
    for event in course.events:
        match event.kind:
            case EventKind.RESUME:
                assert event.window is not None
                assert event.window.end == event.start
            case EventKind.PUMP_KEEP:
                assert event.window is None
                assert event.before_infusion
            case _:
                assert event.window is not None
                assert event.window.contains(event.start)
        if event.kind is EventKind.INFUSION:
            assert event.infusion is not None
            assert event.infusion.start == event.start
        if event.before_infusion:
            assert event.infusion is not None
            assert event.end is not None
            assert event.end <= event.infusion.start


def test_the_pump_before_a_later_infusion_of_a_merged_window_is_a_dump_of_that_window(course: Plan) -> None:
    """Wednesday's pump falls in Monday's window: it is discarded, and belongs to Wednesday's infusion."""
    wednesday = course.infusions[1]
    (pump,) = [e for e in course.events if e.before_infusion and e.infusion == wednesday]
    assert pump.kind is EventKind.PUMP_DUMP
    assert pump.window == course.windows[0]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param("2030-12-02 09:59", None, id="before"),
        pytest.param("2030-12-02 10:00", 0, id="start-included"),
        pytest.param("2030-12-08 10:39", 0, id="inside"),
        pytest.param("2030-12-08 10:40", None, id="end-excluded"),
        pytest.param("2030-12-10 00:00", 1, id="second"),
        pytest.param("2030-12-16 00:00", None, id="after"),
    ],
)
def test_window_at_finds_the_window_an_instant_is_in(course: Plan, moment: str, expected: int | None) -> None:
    """A window holds its start and not its end."""
    found = course.window_at(at(moment))
    assert found == (None if expected is None else course.windows[expected])
    assert window_at(at(moment), course.windows) == found


def test_free_spans_are_what_no_window_covers_and_agree_with_a_scan(course: Plan) -> None:
    """Day by day, the free spans are the minutes no window covers, checked minute by minute."""
    day = at("2030-12-01 00:00").astimezone(UTC)
    while day < at("2030-12-17 00:00"):
        spans = course.free_spans(day, day + DAY)
        for minute in range(0, 24 * 60, 7):
            moment = day + timedelta(minutes=minute)
            free = any(begin <= moment < end for begin, end in spans)
            assert free == (course.window_at(moment) is None)
        day += DAY


def test_free_spans_of_an_interval_between_windows_is_the_whole_interval() -> None:
    """Between two windows the whole interval is free; inside one, nothing is."""
    plan = make_plan(*SIX[:1], SIX[3])
    start, end = at("2030-12-05 00:00"), at("2030-12-06 00:00")
    assert plan.free_spans(start, end) == [(start, end)]
    assert plan.free_spans(at("2030-12-02 12:00"), at("2030-12-03 12:00")) == []


def test_warnings_between_includes_both_ends(course: Plan) -> None:
    """A warning that starts exactly at either end of the interval is included."""
    notice = course.warnings[0]
    assert notice in course.warnings_between(notice.start, notice.start)
    assert notice not in course.warnings_between(
        notice.start + timedelta(minutes=1), datetime.max.replace(tzinfo=UTC)
    )
