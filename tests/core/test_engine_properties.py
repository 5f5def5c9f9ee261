"""Hypothesis properties: the invariants of docs/rules.md hold for any course and rule."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from pumpplan.core.engine import allowed_gap
from pumpplan.core.model import EventKind, Rule, WarningKind
from tests.helpers import ZONES, plan_for
from tests.strategies import courses, rules, starts

PUMPS = (EventKind.PUMP_KEEP, EventKind.PUMP_DUMP)


common = given(times=starts(), rule=rules(), zone=st.sampled_from(ZONES))
edges = given(course=courses(), zone=st.sampled_from(ZONES))


@common
def test_every_window_covers_its_infusions_and_windows_never_touch(
    times: list[datetime], rule: Rule, zone: ZoneInfo
) -> None:
    """Each window runs from its first infusion to dump-hours after its last ends; windows are apart."""
    plan = plan_for(times, rule, zone)
    assert sum(len(w.infusions) for w in plan.windows) == len(times)
    for window in plan.windows:
        assert window.start == window.infusions[0].start
        assert window.end == max(i.end + rule.dump for i in window.infusions)
    assert all(a.end < b.start for a, b in zip(plan.windows, plan.windows[1:], strict=False))


@common
def test_no_keep_inside_a_window_and_no_dump_outside_one(
    times: list[datetime], rule: Rule, zone: ZoneInfo
) -> None:
    """Milk pumped inside a window is always discarded; outside, never."""
    plan = plan_for(times, rule, zone)
    for event in plan.events:
        inside = any(w.contains(event.start) for w in plan.windows)
        if event.kind is EventKind.PUMP_KEEP:
            assert not inside
        if event.kind is EventKind.PUMP_DUMP:
            assert inside


@common
def test_one_resume_per_window_exactly_at_its_end(times: list[datetime], rule: Rule, zone: ZoneInfo) -> None:
    """Resumes and window ends are the same instants, one each."""
    plan = plan_for(times, rule, zone)
    resumes = [e.start for e in plan.events if e.kind is EventKind.RESUME]
    assert resumes == [w.end for w in plan.windows]


@common
def test_every_infusion_has_one_pre_pump_before_it(times: list[datetime], rule: Rule, zone: ZoneInfo) -> None:
    """A pump starts pump-before ahead of each infusion (or as the one before ends), ending by it.

    Only an infusion that follows another back to back has no room for one.
    """
    plan = plan_for(times, rule, zone)
    for previous, infusion in zip((None, *plan.infusions), plan.infusions, strict=False):
        due = infusion.start - rule.pump_before
        if previous is not None and previous.start <= due < previous.end:
            due = previous.end
        pre = [e for e in plan.events if e.kind in PUMPS and e.start == due]
        if due < infusion.start:
            assert len(pre) == 1
            assert pre[0].end is not None
            assert pre[0].end <= infusion.start
        else:
            assert pre == []


@common
def test_cadence_is_never_broken_until_resume(times: list[datetime], rule: Rule, zone: ZoneInfo) -> None:
    """From the last milk removal before a window to its resume, no gap exceeds the allowed step.

    The step is --pump-every, or up to 5 h into quiet hours, plus any time spent in an infusion.
    """
    plan = plan_for(times, rule, zone)
    for index, window in enumerate(plan.windows):
        first = min(
            e.start for e in plan.events if e.kind in PUMPS and e.start >= window.start - rule.pump_before
        )
        previous_end = plan.windows[index - 1].end if index else None
        begin = max(first, previous_end) if previous_end else first
        removals = sorted(
            {begin, window.end}
            | {e.start for e in plan.events if e.kind in PUMPS and begin <= e.start < window.end}
        )
        for a, b in itertools.pairwise(removals):
            # Time in the infusion chair is the one thing that may stretch a gap.
            chair = sum(
                (min(b, i.end) - max(a, i.start) for i in plan.infusions if i.start < b and a < i.end),
                timedelta(),
            )
            assert b - a <= allowed_gap(a, rule, zone) + chair, (a, b)


@common
def test_no_session_during_an_infusion(times: list[datetime], rule: Rule, zone: ZoneInfo) -> None:
    """Nobody is asked to pump while the infusion runs."""
    plan = plan_for(times, rule, zone)
    for event in plan.events:
        if event.kind in PUMPS:
            assert not any(i.start <= event.start < i.end for i in plan.infusions)


@common
def test_events_are_sorted_by_start(times: list[datetime], rule: Rule, zone: ZoneInfo) -> None:
    """The schedule reads in time order."""
    plan = plan_for(times, rule, zone)
    assert [e.start for e in plan.events] == sorted(e.start for e in plan.events)


@settings(max_examples=50)
@given(times=starts(), rule=rules(quiet=False))
def test_plans_are_identical_across_zones_in_elapsed_time(times: list[datetime], rule: Rule) -> None:
    """Without quiet hours, the same instants give the same plan in every zone."""
    plans = [plan_for(times, rule, zone) for zone in ZONES]
    events = [[(e.kind, e.start, e.end) for e in p.events] for p in plans]
    assert events[0] == events[1] == events[2]


def overlaps(start: datetime, end: datetime, others: list[tuple[datetime, datetime]]) -> bool:
    """Return whether a span shares any instant with one of others."""
    return any(a < end and start < b for a, b in others)


@edges
def test_no_kept_milk_anywhere_near_a_window_and_no_pump_during_an_infusion(
    course: tuple[list[datetime], Rule], zone: ZoneInfo
) -> None:
    """A kept pump's whole span lies outside every window; no pump's span overlaps an infusion.

    Drawn with back-to-back infusions, gaps of a few minutes and rules the command accepts.
    """
    times, rule = course
    plan = plan_for(times, rule, zone)
    windows = [(w.start, w.end) for w in plan.windows]
    infusions = [(i.start, i.end) for i in plan.infusions]
    for event in plan.events:
        if event.kind in PUMPS:
            assert event.end is not None
            assert not overlaps(event.start, event.end, infusions), event
        if event.kind is EventKind.PUMP_KEEP:
            assert event.end is not None
            assert not overlaps(event.start, event.end, windows), event
        if event.kind is EventKind.PUMP_DUMP:
            assert plan.window_at(event.start) is not None


@edges
def test_every_gap_longer_than_the_cadence_is_warned_about(
    course: tuple[list[datetime], Rule], zone: ZoneInfo
) -> None:
    """From each window's last removal before it to its resume, a gap over the step is a named warning."""
    times, rule = course
    plan = plan_for(times, rule, zone)
    warned = {(n.start, n.end) for n in plan.warnings if n.kind is WarningKind.LONG_GAP}
    removals = sorted(e.start for e in plan.events if e.kind in PUMPS)
    for index, window in enumerate(plan.windows):
        before = [t for t in removals if t < window.start]
        begin = before[-1] if before else window.start
        if index:
            begin = max(begin, plan.windows[index - 1].end)
        inside = sorted({begin, *(t for t in removals if begin <= t < window.end), window.end})
        for a, b in itertools.pairwise(inside):
            if b - a > allowed_gap(a, rule, zone):
                assert (a, b) in warned, (a, b)


@edges
def test_resume_is_never_before_its_time(course: tuple[list[datetime], Rule], zone: ZoneInfo) -> None:
    """Each resume is dump-hours after the last infusion of its window ends, never earlier."""
    times, rule = course
    plan = plan_for(times, rule, zone)
    for event in plan.events:
        if event.kind is EventKind.RESUME:
            assert event.window is not None
            assert event.start >= max(i.end for i in event.window.infusions) + rule.dump


@edges
def test_no_two_pumping_sessions_start_together(course: tuple[list[datetime], Rule], zone: ZoneInfo) -> None:
    """Sessions pushed past the same infusion become one: she is never asked to pump twice at once."""
    times, rule = course
    plan = plan_for(times, rule, zone)
    starts = [e.start for e in plan.events if e.kind in PUMPS]
    assert len(starts) == len(set(starts))


@edges
def test_every_instant_of_a_plan_is_in_utc(course: tuple[list[datetime], Rule], zone: ZoneInfo) -> None:
    """The plan keeps its times in UTC, whatever the plan's zone, the input's offsets or the machine's."""
    times, rule = course
    plan = plan_for([t.astimezone(zone) for t in times], rule, zone)
    instants = [
        *(t for i in plan.infusions for t in (i.start, i.end)),
        *(t for w in plan.windows for t in (w.start, w.end)),
        *(t for e in plan.events for t in (e.start, e.end) if t is not None),
        *(t for n in plan.warnings for t in (n.start, n.end) if t is not None),
    ]
    assert all(t.tzinfo is UTC for t in instants)


@edges
def test_she_never_pumps_twice_at_once(course: tuple[list[datetime], Rule], zone: ZoneInfo) -> None:
    """Pumping sessions never overlap: each ends by the time the next one starts."""
    times, rule = course
    plan = plan_for(times, rule, zone)
    spans = [(e.start, e.end) for e in plan.events if e.kind in PUMPS]
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end is not None
        assert end <= start
