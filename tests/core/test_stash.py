"""The milk stash (issue 5): need per window, the build-up, storage by CDC limits, words and JSON."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pumpplan.core.model import Plan, Rule
from pumpplan.core.stash import (
    default_start,
    earliest_start,
    plan_stash,
    published_intake,
)
from pumpplan.core.units import Age, AgeUnit
from pumpplan.errors import InputError
from tests.helpers import make_plan

DAY = timedelta(days=1)
MON_THU = tuple(f"2030-12-{d:02} 10:00" for d in (2, 5, 9, 12, 16, 19))
OPTIONS = ("formula top-ups", "donor milk from a milk bank", "a shorter no-breastfeeding rule")


def need_at(days: float, intake: float = 750) -> float:
    """Return the milk a window of some (fractional) days takes at an intake."""
    return days * intake


SIX_DAYS_40 = 6 + 40 / 1440
TWO_DAYS_40 = 2 + 40 / 1440


@pytest.mark.parametrize(
    ("times", "windows", "each", "total"),
    [
        pytest.param(("2030-12-02 10:00",), 1, need_at(TWO_DAYS_40), need_at(TWO_DAYS_40), id="one"),
        pytest.param(MON_THU, 6, need_at(TWO_DAYS_40), need_at(6 * TWO_DAYS_40), id="mon-thu-six"),
    ],
)
def test_need_is_window_length_times_daily_intake(
    times: tuple[str, ...], windows: int, each: float, total: float
) -> None:
    """Each window needs its elapsed length in days times 750 mL; the total adds them up."""
    stash = plan_stash(make_plan(*times), intake_ml=750, start_pumping=date(2030, 11, 25))
    assert [n.ml for n in stash.needs] == pytest.approx([each] * windows)
    assert stash.total_ml == pytest.approx(total)


def test_each_day_of_a_window_takes_its_share_pro_rata(course: Plan) -> None:
    """Mon from 10:00 takes 14/24 of a day, Tue to Sat a whole day, Sun to 10:40 its share."""
    days = plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25)).needs[0].days
    assert [d.day for d in days] == [date(2030, 12, 2) + i * DAY for i in range(7)]
    assert [d.ml for d in days] == pytest.approx([437.5, 750, 750, 750, 750, 750, 750 * 640 / 1440])


def test_need_counts_real_hours_across_a_clock_change() -> None:
    """A window over the November DST change lasts 48 h 40 min of real time and needs that much milk."""
    plan = make_plan("2030-11-02 10:00")  # clocks go back on Sun Nov 3 in Los Angeles
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 10, 20))
    assert stash.needs[0].ml == pytest.approx(need_at(TWO_DAYS_40))
    assert sum(d.ml for d in stash.needs[0].days) == pytest.approx(stash.needs[0].ml)


@pytest.mark.parametrize(
    ("start", "message"),
    [
        pytest.param(date(2030, 12, 3), "--start-pumping 2030-12-03 is after the first infusion", id="after"),
        pytest.param(
            date(2030, 6, 2),
            "2030-06-02 is more than 6 months .* start on 2030-06-03 or later",
            id="six-months",
        ),
    ],
)
def test_a_start_after_the_course_or_too_early_to_keep_is_refused(start: date, message: str) -> None:
    """A start after the first infusion, or so early its milk passes 6 months frozen, is an input error."""
    with pytest.raises(InputError, match=message):
        plan_stash(make_plan("2030-12-02 10:00"), intake_ml=750, start_pumping=start)


def test_the_earliest_start_keeps_its_milk_frozen_to_the_first_infusion() -> None:
    """Milk pumped on the earliest start day is still within 6 months on the first infusion's day."""
    plan = make_plan("2030-12-02 10:00")
    assert earliest_start(plan) == date(2030, 6, 3)
    stash = plan_stash(plan, intake_ml=750, start_pumping=earliest_start(plan))
    assert stash.portions[0].used == date(2030, 12, 2)
    assert stash.portions[0].use_by == date(2030, 12, 2)


@pytest.mark.parametrize(
    ("today", "start"),
    [
        pytest.param(date(2030, 11, 20), date(2030, 11, 20), id="today"),
        pytest.param(date(2030, 1, 1), date(2030, 6, 3), id="not-before-six-months"),
        pytest.param(date(2030, 12, 10), date(2030, 12, 2), id="not-after-the-first-infusion"),
    ],
)
def test_the_default_start_is_today_within_the_limits(today: date, start: date) -> None:
    """Without --start-pumping the build-up starts today, moved inside what can be kept and used."""
    assert default_start(make_plan("2030-12-02 10:00"), today) == start


@pytest.mark.parametrize(
    "age",
    [
        Age(1, AgeUnit.MONTHS),
        Age(3, AgeUnit.MONTHS),
        Age(6, AgeUnit.MONTHS),
        Age(4, AgeUnit.WEEKS),
        Age(26, AgeUnit.WEEKS),
    ],
)
def test_ages_from_one_to_six_months_use_the_published_intake(age: Age) -> None:
    """1 to 6 months (4 to 26 weeks as parents count them): about 750 mL a day, range 570-900 mL."""
    assert published_intake(age) == (750, (570, 900))


@pytest.mark.parametrize(
    "age",
    [Age(2, AgeUnit.WEEKS), Age(0.5, AgeUnit.MONTHS), Age(7, AgeUnit.MONTHS), Age(27, AgeUnit.WEEKS)],
)
def test_ages_without_a_published_figure_ask_for_the_intake(age: Age) -> None:
    """Outside 1-6 months pumpplan invents no figure: it asks for --intake."""
    with pytest.raises(InputError, match=r"only for babies 1 to 6 months old; .* with --intake"):
        published_intake(age)


def test_a_longer_dump_rule_needs_more_milk() -> None:
    """--dump-hours 72 instead of 48: each window a day longer, 750 mL more."""
    short = make_plan("2030-12-02 10:00")
    long = make_plan("2030-12-02 10:00", rule=Rule(dump=timedelta(hours=72)))
    start = date(2030, 11, 25)
    gap = plan_stash(long, intake_ml=750, start_pumping=start).total_ml
    assert gap - plan_stash(short, intake_ml=750, start_pumping=start).total_ml == pytest.approx(750)
