"""Hypothesis strategies the property tests share: realistic rules and courses of infusions."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from hypothesis import strategies as st

from pumpplan.core.model import QuietHours, Rule


@st.composite
def rules(draw: st.DrawFn, quiet: bool = True) -> Rule:
    """Draw a realistic rule; the cadence leaves room for the pre-pump and the infusion."""
    infusion = timedelta(minutes=draw(st.integers(20, 60)))
    before = timedelta(minutes=draw(st.integers(15, 60)))
    every = timedelta(minutes=draw(st.integers(120, 240)))
    nights = [None, QuietHours(time(23), time(6)), QuietHours(time(22, 30), time(5))]
    return Rule(
        infusion=infusion,
        pump_before=before,
        dump=timedelta(hours=draw(st.integers(12, 72))),
        pump_every=every,
        session=timedelta(minutes=draw(st.integers(10, 30))),
        quiet=draw(st.sampled_from(nights)) if quiet else None,
    )


@st.composite
def starts(draw: st.DrawFn) -> list[datetime]:
    """Draw up to eight infusion instants, none overlapping the previous one's 60 min."""
    # Hypothesis bounds are naive; the drawn value is made UTC at once.
    bounds = datetime(2030, 1, 1), datetime(2031, 12, 31)  # noqa: DTZ001
    first = draw(st.datetimes(*bounds)).replace(tzinfo=UTC)
    gaps = draw(st.lists(st.integers(60, 6 * 24 * 60), max_size=7))
    times = [first]
    for gap in gaps:
        times.append(times[-1] + timedelta(minutes=gap))
    return [t.replace(second=0, microsecond=0) for t in times]


@st.composite
def odd_rules(draw: st.DrawFn) -> Rule:
    """Draw any rule the command accepts, including ones whose pre-pump and infusion outlast the cadence."""
    every = timedelta(minutes=draw(st.integers(30, 300)))
    return Rule(
        infusion=timedelta(minutes=draw(st.integers(10, 180))),
        pump_before=timedelta(minutes=draw(st.integers(5, 180))),
        dump=timedelta(hours=draw(st.integers(1, 72))),
        pump_every=every,
        session=timedelta(minutes=draw(st.integers(1, int(every / timedelta(minutes=1))))),
        quiet=draw(st.sampled_from([None, QuietHours(time(23), time(6))])),
    )


@st.composite
def courses(draw: st.DrawFn) -> tuple[list[datetime], Rule]:
    """Draw a rule and up to eight infusions: back to back, a few minutes apart, or days apart."""
    rule: Rule = draw(st.one_of(rules(), odd_rules()))
    bounds = datetime(2030, 1, 1), datetime(2031, 12, 31)  # noqa: DTZ001
    times = [draw(st.datetimes(*bounds)).replace(tzinfo=UTC, second=0, microsecond=0)]
    # The gap from one infusion's end to the next one's start.
    pauses = st.one_of(st.just(0), st.integers(1, 19), st.integers(20, 6 * 24 * 60))
    for pause in draw(st.lists(pauses, max_size=7)):
        times.append(times[-1] + rule.infusion + timedelta(minutes=pause))
    return times, rule
