"""The milk stash in plain words: need, build-up, storage and the calendar's reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pumpplan.core.model import Plan
from pumpplan.core.stash import (
    DEFAULT_EXTRA_YIELD_ML,
    DEFAULT_FEED_ML,
    plan_stash,
    published_intake,
)
from pumpplan.core.storage import ReminderKind, Storage, reminders
from pumpplan.core.units import Age, AgeUnit, Units
from pumpplan.render.stash_phrases import reminder_text
from tests.helpers import make_plan, stash_lines

TWO_DAYS_40 = 2 + 40 / 1440  # the days of one window: 48 h after a 40-minute infusion
SIX_DAYS_40 = 6 + 40 / 1440  # a week's Mon/Wed/Fri windows, merged


def need_at(days: float, intake: float = 750) -> float:
    """Return the milk a window of some (fractional) days takes at an intake."""
    return days * intake


OPTIONS = ("Formula can make it up", "donor milk from a milk bank", "A shorter time without breastfeeding")


def test_the_mon_wed_fri_course_needs_about_nine_litres(course: Plan) -> None:
    """Two merged windows of 6 days 40 min: about 4.5 L each, about 9 L, 51 bottles of 90 mL each."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25))
    assert [n.window.length for n in stash.needs] == [timedelta(days=6, minutes=40)] * 2
    assert [n.ml for n in stash.needs] == pytest.approx([need_at(SIX_DAYS_40)] * 2)
    assert [n.feeds for n in stash.needs] == [51, 51]  # 4520.8 / 90 = 50.2, rounded up
    lines = stash_lines(stash, course, Units.ML)
    assert "Mon Dec 2 10:00 to Sun Dec 8 10:40 (6 days 40 min): about 4.5 L, 51 bottles of 90 mL." in lines
    assert "In all: about 9 L, 102 bottles of 90 mL." in lines


def test_a_build_up_that_can_be_met_asks_for_the_fewest_sessions() -> None:
    """1.5 L over 31 days at 30 mL a session: 2 extra sessions a day (1 would give only 930 mL)."""
    plan = make_plan("2030-12-02 10:00")
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 1))
    build = stash.build_up
    assert (build.days, build.sessions_per_day, build.met) == (31, 2, True)
    assert (build.expected_ml, build.shortfall_ml, stash.runs_out) == (31 * 2 * 30, 0, None)
    assert build.end == date(2030, 12, 1)
    assert stash.spare_ml == pytest.approx(31 * 60 - need_at(TWO_DAYS_40))
    lines = stash_lines(stash, plan, Units.ML)
    expected = (
        "To store it, pump 2 extra times a day, on top of breastfeeding, from Fri Nov 1 to Sun Dec 1. "
        "That gives about 1.9 L, at 30 mL each time."
    )
    assert any(line.startswith(expected) for line in lines)
    assert "This plan assumes 30 mL each extra time you pump; plan with what you really get." in lines
    assert not any("formula" in line for line in lines)


def test_a_start_too_late_says_plainly_it_cannot_be_met_with_the_shortfall_and_options(course: Plan) -> None:
    """A week of 3 extra sessions at 30 mL gives 630 mL of 9 L: 8.4 L short, and the three options."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25))
    build = stash.build_up
    assert (build.days, build.sessions_per_day, build.met) == (7, 3, False)
    assert build.shortfall_ml == pytest.approx(2 * need_at(SIX_DAYS_40) - 630)
    assert stash.runs_out == date(2030, 12, 3)
    text = "\n".join(stash_lines(stash, course, Units.ML))
    assert (
        "There is not enough time to pump all this milk first. Pumping 3 extra times a day, from Mon Nov 25 "
        "to Sun Dec 1, gives about 630 mL at 30 mL each time. That is 8.4 L less than the 9 L needed." in text
    )
    assert "The stored milk would run out on Tue Dec 3." in text
    assert all(option in text for option in OPTIONS)


def test_a_single_day_of_pumping_is_named_once(course: Plan) -> None:
    """The day before the first infusion is 'on Sun Dec 1', not 'from Sun Dec 1 to Sun Dec 1'."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 12, 1))
    assert (stash.build_up.start, stash.build_up.end) == (date(2030, 12, 1), date(2030, 12, 1))
    text = "\n".join(stash_lines(stash, course, Units.ML))
    assert "Pumping 3 extra times a day, on Sun Dec 1, gives about" in text
    assert "from Sun Dec 1" not in text


def test_no_day_left_before_the_first_infusion_is_all_shortfall(course: Plan) -> None:
    """Starting on the day of the first infusion leaves nothing to pump ahead: all of it is short."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 12, 2))
    assert (stash.build_up.days, stash.build_up.sessions_per_day, stash.portions) == (0, 0, ())
    assert stash.build_up.shortfall_ml == pytest.approx(stash.total_ml)
    text = "\n".join(stash_lines(stash, course, Units.OZ))
    assert (
        "There is no day left to pump extra before the first infusion. "
        "None of the 306 oz needed can be stored first." in text
    )
    assert "run out" not in text
    assert all(option in text for option in OPTIONS)


def test_a_measured_extra_yield_is_not_called_an_assumption() -> None:
    """--extra-yield given: the plan uses it and drops the assumption sentence."""
    plan = make_plan("2030-12-02 10:00")
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 25), extra_yield_ml=90, feed_ml=120)
    assert (stash.build_up.yield_ml, stash.build_up.yield_assumed, stash.feed_assumed) == (90, False, False)
    assert stash.build_up.sessions_per_day == 3  # 1520.8 mL / (7 days x 90 mL) = 2.4
    assert not any("assumption" in line for line in stash_lines(stash, plan, Units.ML))


def test_the_assumed_defaults_are_named() -> None:
    """Without --feed-size and --extra-yield the stash uses the labelled assumptions and says so."""
    plan = make_plan("2030-12-02 10:00")
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 25))
    assert (stash.feed_ml, stash.build_up.yield_ml) == (DEFAULT_FEED_ML, DEFAULT_EXTRA_YIELD_ML)
    lines = stash_lines(stash, plan, Units.OZ)
    assert "This plan assumes bottles of 3 oz; plan with what your baby usually drinks." in lines


def test_an_intake_from_age_states_the_published_range() -> None:
    """From --baby-age, the words give the 750 mL figure, its range and the need across that range."""
    plan = make_plan("2030-12-02 10:00")
    intake, spread = published_intake(Age(3, AgeUnit.MONTHS))
    stash = plan_stash(plan, intake_ml=intake, intake_range=spread, start_pumping=date(2030, 11, 1))
    lines = stash_lines(stash, plan, Units.OZ)
    assert lines[0] == (
        "Milk needed while you do not breastfeed, at about 25 oz a day. "
        "That is the published figure for babies 1 to 6 months (19 oz to 30 oz a day):"
    )
    assert stash.needs[0].range_ml == pytest.approx((570 * TWO_DAYS_40, 900 * TWO_DAYS_40))
    assert "In all: about 51 oz (39 oz to 62 oz), 17 bottles of 3 oz." in lines


def test_storage_puts_milk_in_the_fridge_only_while_it_keeps_and_freezes_the_rest() -> None:
    """Three days of 600 mL before a Monday: each day's milk goes to the fridge within 3 days, else frozen."""
    plan = make_plan("2030-12-02 10:00")  # needs 437.5, 750 and 333.3 mL on Dec 2, 3 and 4
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 29), extra_yield_ml=200)
    rows = [(p.pumped.day, p.used.day if p.used else None, p.storage, round(p.ml, 1)) for p in stash.portions]
    assert rows == [
        (29, 2, Storage.FRIDGE, 437.5),
        (29, 3, Storage.FREEZER, 162.5),
        (30, 3, Storage.FRIDGE, 587.5),
        (30, 4, Storage.FREEZER, 12.5),
        (1, 4, Storage.FRIDGE, 320.8),
        (1, None, Storage.FREEZER, 279.2),
    ]
    frozen = stash.portions[1]
    assert (frozen.freeze_on, frozen.freeze_by, frozen.thaw_on) == (
        date(2030, 11, 29),
        date(2030, 11, 29),  # frozen the day it is pumped: no fridge days before the freezer
        date(2030, 12, 2),
    )
    assert stash.portions[0].use_by == date(2030, 12, 2)
    assert frozen.use_by == date(2031, 5, 28)
    lines = stash_lines(stash, plan, Units.ML)
    assert (
        "Fri Nov 29, 600 mL pumped: keep 440 mL in the fridge for Mon Dec 2 (use by Mon Dec 2); "
        "freeze 160 mL the same day for Tue Dec 3, thawed in the fridge on "
        "the evening of Mon Dec 2." in lines
    )
    assert (
        "Sun Dec 1, 600 mL pumped: keep 320 mL in the fridge for Wed Dec 4 (use by Wed Dec 4); "
        "freeze 280 mL that day as spare (best used by Sat May 31)." in lines
    )


def test_reminders_freeze_each_days_milk_and_thaw_the_evening_before() -> None:
    """Calendar reminders: freeze on the pumping day, thaw the evening before the day of use."""
    plan = make_plan("2030-12-02 10:00")
    stash = plan_stash(plan, intake_ml=750, start_pumping=date(2030, 11, 29), extra_yield_ml=200)
    found = [(r.kind, r.day.day, round(r.ml, 1)) for r in reminders(stash.portions)]
    assert found == [
        (ReminderKind.FREEZE, 29, 162.5),
        (ReminderKind.FREEZE, 30, 12.5),
        (ReminderKind.FREEZE, 1, 279.2),
        (ReminderKind.THAW, 2, 162.5),
        (ReminderKind.THAW, 3, 12.5),
    ]
    first, *_, thaw = reminders(stash.portions)
    assert reminder_text(first, Units.ML) == "Freeze 160 mL of today's pumped milk tonight"
    assert reminder_text(thaw, Units.ML) == (
        "Thaw 10 mL of frozen milk in the fridge tonight for tomorrow (pumped Sat Nov 30)"
    )


def test_the_storage_words_give_the_cdc_limits(course: Plan) -> None:
    """The storage guidance states the CDC figures of docs/rules.md and nothing else."""
    lines = stash_lines(plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25)), course, Units.ML)
    for sentence in (
        "Room temperature, up to 77 °F (25 °C): up to 4 hours.",
        "Fridge, 40 °F (4 °C): up to 4 days. Milk you will not use within 4 days: freeze it the day you "
        "pump it.",
        "Freezer, 0 °F (-18 °C) or colder: best within 6 months; up to 12 months is acceptable.",
        "Thawed milk: up to 24 hours in the fridge, counted from when it is fully thawed; 1 to 2 hours at "
        "room temperature. Never refreeze it.",
        "After a feed: use what is left within 2 hours, then throw it away.",
        "Always: label each bag with the day you pumped it. Never thaw or warm milk in a microwave.",
        "Thaw frozen milk in the fridge the evening before. Use the oldest milk first.",
        "Source: CDC, Proper Storage and Preparation of Breast Milk.",
    ):
        assert sentence in lines
