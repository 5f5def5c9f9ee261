"""The milk stash a plan needs: how much, how to pump it ahead, how to store it. Pure: no I/O, no clock."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pumpplan.core.model import Plan, Window
from pumpplan.core.storage import EPSILON_ML, FREEZER_MONTHS, Portion, add_months, allocate, freezer_use_by
from pumpplan.core.units import Age, AgeUnit
from pumpplan.errors import InputError, Phrase

# Infant intake from 1 to 6 months: about 750 mL (25 oz) a day, range 570-900 mL (KellyMom,
# 'How much expressed milk will my baby need?', checked 2026-11-26; docs/rules.md, Sources).
TYPICAL_INTAKE_ML = 750.0
INTAKE_RANGE_ML = (570.0, 900.0)

# ASSUMPTIONS, not sourced facts (docs/rules.md, Sources). The words call the default yield and bottle
# pumpplan's assumptions; the session cap shows as a number ("even 3 extra sessions a day").
# An extra session on top of full breastfeeding is commonly said to give 1/2 to 2 oz; plan with
# the cautious 1 oz, so that a stash planned on it is not short.
DEFAULT_EXTRA_YIELD_ML = 30.0
# A bottle of 3 oz: 750 mL a day is then about 8 feeds, the 8-10 a day of §5's supply guidance;
# small bottles also waste less of a thawed stash.
DEFAULT_FEED_ML = 90.0
# More than three extra sessions a day, on top of breastfeeding, is hard to keep up for days.
# (--max-extra-sessions could expose it; the CLI does not need to.)
MAX_EXTRA_SESSIONS = 3

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DayNeed:
    """The milk one calendar day of a window takes, pro rata for a partial day."""

    day: date
    ml: float


@dataclass(frozen=True)
class WindowNeed:
    """The milk one no-breastfeeding window takes: its length times the daily intake."""

    window: Window
    ml: float
    feeds: int
    days: tuple[DayNeed, ...]
    range_ml: tuple[float, float] | None = None


@dataclass(frozen=True)
class BuildUp:
    """Extra pumping sessions each day from ``start`` to ``end``, the day before the first infusion."""

    start: date
    end: date
    days: int
    sessions_per_day: int
    max_sessions_per_day: int
    yield_ml: float
    yield_assumed: bool
    expected_ml: float
    shortfall_ml: float

    @property
    def met(self) -> bool:
        """Return whether the build-up covers every window."""
        return self.shortfall_ml <= 0


@dataclass(frozen=True)
class Stash:
    """What a plan needs in stored milk, how to build it up, and how to store it."""

    intake_ml: float
    intake_range_ml: tuple[float, float] | None
    feed_ml: float
    feed_assumed: bool
    needs: tuple[WindowNeed, ...]
    build_up: BuildUp
    portions: tuple[Portion, ...]
    runs_out: date | None

    @property
    def total_ml(self) -> float:
        """Return the milk every window takes together."""
        return sum(need.ml for need in self.needs)

    @property
    def total_feeds(self) -> int:
        """Return the bottles every window takes together."""
        return sum(need.feeds for need in self.needs)

    @property
    def spare_ml(self) -> float:
        """Return the pumped milk no window needs."""
        return sum(p.ml for p in self.portions if p.used is None)


def plan_stash(
    plan: Plan,
    *,
    intake_ml: float,
    start_pumping: date,
    intake_range: tuple[float, float] | None = None,
    feed_ml: float | None = None,
    extra_yield_ml: float | None = None,
    max_extra_sessions: int = MAX_EXTRA_SESSIONS,
) -> Stash:
    """Work out the stash a plan needs, the extra pumping that builds it and how to store it.

    Args:
        plan: the plan whose windows the stash feeds the baby through.
        intake_ml: the baby's daily intake in mL.
        start_pumping: the first day of extra pumping (local date).
        intake_range: the published range of daily intake, when ``intake_ml`` comes from it.
        feed_ml: one bottle; None for the assumed ``DEFAULT_FEED_ML``.
        extra_yield_ml: what one extra session gives; None for the assumed ``DEFAULT_EXTRA_YIELD_ML``.
        max_extra_sessions: the most extra sessions a day the build-up asks for.

    Returns:
        The stash: need per window, build-up, and storage, oldest milk used first.

    Raises:
        InputError: ``start_pumping`` is after the first infusion or too early to keep.
    """
    feed = DEFAULT_FEED_ML if feed_ml is None else feed_ml
    needs = tuple(window_need(w, plan.zone, intake_ml, feed, intake_range) for w in plan.windows)
    _check_start(start_pumping, plan)
    extra = DEFAULT_EXTRA_YIELD_ML if extra_yield_ml is None else extra_yield_ml
    first = plan.local(plan.infusions[0].start).date()
    days = (first - start_pumping).days
    sessions, portions, uncovered = _build_up(start_pumping, days, extra, max_extra_sessions, _demand(needs))
    short = sum(uncovered.values())
    build_up = BuildUp(
        start=start_pumping, end=first - _DAY, days=days, sessions_per_day=sessions,
        max_sessions_per_day=max_extra_sessions, yield_ml=extra, yield_assumed=extra_yield_ml is None,
        expected_ml=days * sessions * extra, shortfall_ml=short if short > EPSILON_ML else 0.0,
    )  # fmt: skip
    runs_out = min((d for d, ml in uncovered.items() if ml > EPSILON_ML), default=None)
    return Stash(intake_ml, intake_range, feed, feed_ml is None, needs, build_up, portions, runs_out)


def _build_up(
    start: date, days: int, extra_ml: float, most: int, demand: Sequence[tuple[date, float]]
) -> tuple[int, tuple[Portion, ...], dict[date, float]]:
    """Return the fewest extra sessions a day (up to ``most``) that cover the need, and the storage."""
    total = sum(ml for _, ml in demand)
    # Start from the plain estimate; milk past its freezer limit can ask for more.
    sessions = min(most, math.ceil(total / (days * extra_ml) - 1e-9)) if days else 0
    while True:
        batches = [(start + i * _DAY, sessions * extra_ml) for i in range(days)]
        portions, uncovered = allocate(batches, demand)
        if sum(uncovered.values()) <= EPSILON_ML or sessions >= most or not days:
            return sessions, portions, uncovered
        sessions += 1


def window_need(
    window: Window,
    zone: ZoneInfo,
    intake_ml: float,
    feed_ml: float,
    intake_range: tuple[float, float] | None = None,
) -> WindowNeed:
    """Return the milk a window takes: its elapsed length in days times the daily intake."""
    fraction = window.length / _DAY
    ml = fraction * intake_ml
    days = tuple(DayNeed(day, share * intake_ml) for day, share in day_shares(window, zone))
    low_high = (fraction * intake_range[0], fraction * intake_range[1]) if intake_range else None
    return WindowNeed(window, ml, math.ceil(ml / feed_ml - 1e-9), days, low_high)


def day_shares(window: Window, zone: ZoneInfo) -> list[tuple[date, float]]:
    """Return each local date a window touches with the fraction of a day (elapsed) it covers there."""
    shares: list[tuple[date, float]] = []
    moment = window.start
    while moment < window.end:
        local = moment.astimezone(zone).date()
        midnight = datetime.combine(local + _DAY, time(), tzinfo=zone).astimezone(UTC)
        stop = min(max(midnight, moment + timedelta(minutes=1)), window.end)
        shares.append((local, (stop - moment) / _DAY))
        moment = stop
    return shares


def published_intake(age: Age | None = None) -> tuple[float, tuple[float, float]]:
    """Return the published daily intake and its range, for a baby 1 to 6 months old.

    Ages are read as a parent says them: 4 weeks is a month old, 26 weeks six months.
    """
    if age is None:
        return TYPICAL_INTAKE_ML, INTAKE_RANGE_ML
    low, high = (1, 6) if age.unit is AgeUnit.MONTHS else (4, 26)
    if not low <= age.amount <= high:
        if age.unit is AgeUnit.MONTHS:
            given = Phrase("{amount} months", amount=f"{age.amount:g}")
        else:
            given = Phrase("{amount} weeks", amount=f"{age.amount:g}")
        raise InputError(
            "--baby-age {age}: pumpplan has published intake figures only for babies 1 to 6 months "
            "old; give how much your baby drinks a day instead, with --intake (in ml or oz)",
            age=given,
        )
    return TYPICAL_INTAKE_ML, INTAKE_RANGE_ML


def default_start(plan: Plan, today: date) -> date:
    """Return when extra pumping can start if the user does not say: today, within the keeping limits."""
    first = plan.local(plan.infusions[0].start).date()
    return min(max(today, earliest_start(plan)), first)


def earliest_start(plan: Plan) -> date:
    """Return the first day whose milk, frozen, still keeps to the first infusion."""
    first = plan.local(plan.infusions[0].start).date()
    day = add_months(first, -FREEZER_MONTHS)
    while freezer_use_by(day) < first:
        day += _DAY
    return day


def _check_start(start: date, plan: Plan) -> None:
    """Refuse a build-up that starts after the first infusion, or too early for its milk to keep."""
    first = plan.local(plan.infusions[0].start).date()
    if start > first:
        raise InputError(
            "--start-pumping {start} is after the first infusion ({first}); give a day before it",
            start=start.isoformat(),
            first=first.isoformat(),
        )
    earliest = earliest_start(plan)
    if start < earliest:
        raise InputError(
            "--start-pumping {start} is more than {months} months before the first infusion. "
            "Frozen milk is best kept no longer; start on {earliest} or later",
            start=start.isoformat(),
            months=FREEZER_MONTHS,
            earliest=earliest.isoformat(),
        )


def _demand(needs: Sequence[WindowNeed]) -> tuple[tuple[date, float], ...]:
    """Return the milk each calendar day takes across every window, by day."""
    totals: dict[date, float] = {}
    for need in needs:
        for day in need.days:
            totals[day.day] = totals.get(day.day, 0.0) + day.ml
    return tuple(sorted(totals.items()))
