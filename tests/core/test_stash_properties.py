"""Hypothesis properties of the stash (issue 5): need grows with length and intake; milk keeps."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from pumpplan.core.model import Rule, Window
from pumpplan.core.stash import Stash, earliest_start, plan_stash, window_need
from pumpplan.core.storage import Portion, Storage
from tests.helpers import ZONES, plan_for
from tests.strategies import rules, starts

# Hypothesis bounds are naive; drawn values are made UTC at once.
instants = st.datetimes(datetime(2030, 1, 1), datetime(2031, 12, 31)).map(  # noqa: DTZ001
    lambda t: t.replace(tzinfo=UTC)
)
intakes = st.floats(100, 3000)


@st.composite
def stashes(draw: st.DrawFn) -> Stash:
    """Draw a plan and a stash for it: any intake, yield, session cap and start within the limits."""
    rule: Rule = draw(rules())
    zone: ZoneInfo = draw(st.sampled_from(ZONES))
    plan = plan_for(draw(starts()), rule, zone)
    first = plan.local(plan.infusions[0].start).date()
    start = max(first - timedelta(days=draw(st.integers(0, 200))), earliest_start(plan))
    return plan_stash(
        plan,
        intake_ml=draw(intakes),
        start_pumping=start,
        feed_ml=draw(st.floats(30, 250)),
        extra_yield_ml=draw(st.floats(5, 300)),
        max_extra_sessions=draw(st.integers(1, 5)),
    )


@given(
    start=instants,
    minutes=st.lists(st.integers(1, 30 * 24 * 60), min_size=2, max_size=2),
    intake=intakes,
    zone=st.sampled_from(ZONES),
)
def test_need_grows_monotonically_with_window_length(
    start: datetime, minutes: list[int], intake: float, zone: ZoneInfo
) -> None:
    """A longer window never needs less milk or fewer bottles; its days add up to its need."""
    shorter, longer = (
        window_need(Window(start, start + timedelta(minutes=m), ()), zone, intake, 90)
        for m in sorted(minutes)
    )
    assert shorter.ml <= longer.ml
    assert shorter.feeds <= longer.feeds
    assert math.isclose(sum(d.ml for d in longer.days), longer.ml, rel_tol=1e-9)


@given(
    start=instants,
    minutes=st.integers(1, 30 * 24 * 60),
    intakes=st.lists(intakes, min_size=2, max_size=2),
    zone=st.sampled_from(ZONES),
)
def test_need_grows_monotonically_with_intake(
    start: datetime, minutes: int, intakes: list[float], zone: ZoneInfo
) -> None:
    """A baby who drinks more never needs less milk or fewer bottles, on any day of a window."""
    window = Window(start, start + timedelta(minutes=minutes), ())
    lower, higher = (window_need(window, zone, i, 90) for i in sorted(intakes))
    assert lower.ml <= higher.ml
    assert lower.feeds <= higher.feeds
    assert all(a.ml <= b.ml for a, b in zip(lower.days, higher.days, strict=True))


@given(stash=stashes())
def test_nothing_is_ever_scheduled_to_be_used_past_its_storage_limit(stash: Stash) -> None:
    """Fridge milk is used within 4 days of pumping, frozen within 6 months, thawed the evening before."""
    for portion in stash.portions:
        assert portion.ml > 0
        if portion.used is not None:
            assert portion.pumped < portion.used <= portion.use_by
        if portion.storage is Storage.FRIDGE:
            assert portion.used is not None
            # By the end of use_by, at most 4 days after the earliest moment of the pumping day.
            assert portion.use_by + timedelta(days=1) - portion.pumped <= timedelta(days=4)
            assert (portion.freeze_on, portion.freeze_by, portion.thaw_on) == (None, None, None)
        else:
            assert portion.use_by < portion.pumped + relativedelta(months=6)
            assert portion.freeze_on == portion.pumped
            assert portion.freeze_by is not None
            assert portion.freeze_by + timedelta(days=1) - portion.pumped <= timedelta(days=4)
            if portion.used is not None:
                assert portion.thaw_on == portion.used - timedelta(days=1)
                assert portion.freeze_by <= portion.thaw_on


@given(stash=stashes())
def test_build_up_milk_is_allocated_oldest_first(stash: Stash) -> None:
    """Milk used later is never older than milk used earlier; spare milk is the newest still usable."""
    used = sorted((p for p in stash.portions if p.used is not None), key=lambda p: (p.used, p.pumped))
    assert [p.pumped for p in used] == sorted(p.pumped for p in used)
    for spare in (p for p in stash.portions if p.used is None):
        assert all(spare.pumped >= p.pumped or spare.use_by < _used(p) for p in used)


@given(stash=stashes())
def test_every_pumped_drop_is_either_used_or_spare_and_no_day_gets_more_than_it_needs(stash: Stash) -> None:
    """Portions add up to the build-up's milk; used milk plus the shortfall is the need."""
    build = stash.build_up
    assert math.isclose(sum(p.ml for p in stash.portions), build.expected_ml, rel_tol=1e-9, abs_tol=1e-3)
    used = sum(p.ml for p in stash.portions if p.used is not None)
    assert math.isclose(used + build.shortfall_ml, stash.total_ml, rel_tol=1e-9, abs_tol=1e-3)
    demand: dict[date, float] = {}
    for share in (d for need in stash.needs for d in need.days):
        demand[share.day] = demand.get(share.day, 0.0) + share.ml
    for day, ml in demand.items():
        assert sum(p.ml for p in stash.portions if p.used == day) <= ml + 1e-3
    assert (stash.runs_out is None) == build.met
    assert build.sessions_per_day <= build.max_sessions_per_day


def _used(portion: Portion) -> date:
    """Return the day a used portion is used."""
    assert portion.used is not None
    return portion.used


@given(stash=stashes())
def test_fridge_time_and_thawed_time_never_add_up_past_cdcs_limits(stash: Stash) -> None:
    """Milk for within 4 days stays in the fridge; any other is frozen the day it is pumped.

    Followed as written, no portion spends more than CDC's 4 days unfrozen before the freezer,
    and thawed milk (the evening before) is used the next day, within 24 h of fully thawing.
    """
    from pumpplan.core.storage import FRIDGE_DAYS

    for portion in stash.portions:
        if portion.storage is Storage.FRIDGE:
            assert portion.used is not None
            assert (portion.used - portion.pumped).days < FRIDGE_DAYS
            assert portion.freeze_on is None
            assert portion.thaw_on is None
            continue
        assert portion.freeze_on == portion.freeze_by == portion.pumped  # no fridge days first
        if portion.used is None:
            assert portion.thaw_on is None
            continue
        assert portion.thaw_on is not None
        assert portion.freeze_on < portion.thaw_on  # never thawed before it is frozen
        assert portion.used - portion.thaw_on == timedelta(days=1)
        assert (portion.used - portion.pumped).days >= FRIDGE_DAYS  # frozen only when the fridge won't do
