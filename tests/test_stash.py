"""The milk stash (issue 5): need per window, the build-up, storage by CDC limits, words and JSON."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from pumpplan.core.model import Plan, Rule
from pumpplan.core.stash import (
    DEFAULT_EXTRA_YIELD_ML,
    DEFAULT_FEED_ML,
    INTAKE_RANGE_ML,
    TYPICAL_INTAKE_ML,
    default_start,
    earliest_start,
    plan_stash,
    published_intake,
)
from pumpplan.core.storage import ReminderKind, Storage, reminders
from pumpplan.errors import InputError
from pumpplan.inputs.volume import Age, AgeUnit, Units
from pumpplan.render.stash_phrases import reminder_text, stash_document, stash_lines
from tests.conftest import make_plan

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


def test_the_mon_wed_fri_course_needs_about_nine_litres(course: Plan) -> None:
    """Two merged windows of 6 days 40 min: about 4.5 L each, about 9 L, 51 bottles of 90 mL each."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25))
    assert [n.window.length for n in stash.needs] == [timedelta(days=6, minutes=40)] * 2
    assert [n.ml for n in stash.needs] == pytest.approx([need_at(SIX_DAYS_40)] * 2)
    assert [n.feeds for n in stash.needs] == [51, 51]  # 4520.8 / 90 = 50.2, rounded up
    lines = stash_lines(stash, course, Units.ML)
    assert "Mon Dec 2 10:00 to Sun Dec 8 10:40 (6 days 40 min): about 4.5 L, 51 bottles of 90 mL." in lines
    assert "In all: about 9 L, 102 bottles of 90 mL." in lines


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
        "To build it, pump 2 extra sessions a day, on top of breastfeeding, from Fri Nov 1 to Sun Dec 1"
    )
    assert any(line.startswith(expected) for line in lines)
    assert "30 mL from one extra session is pumpplan's assumption; plan with what you pump." in lines
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
        "This stash cannot be pumped in time: from Mon Nov 25 to Sun Dec 1, even 3 extra sessions a day "
        "at 30 mL each give about 630 mL of the 9 L needed, 8.4 L short." in text
    )
    assert "The stored milk would run out on Tue Dec 3." in text
    assert all(option in text for option in OPTIONS)


def test_a_single_day_of_pumping_is_named_once(course: Plan) -> None:
    """The day before the first infusion is 'on Sun Dec 1', not 'from Sun Dec 1 to Sun Dec 1'."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 12, 1))
    assert (stash.build_up.start, stash.build_up.end) == (date(2030, 12, 1), date(2030, 12, 1))
    text = "\n".join(stash_lines(stash, course, Units.ML))
    assert "This stash cannot be pumped in time: on Sun Dec 1, even 3 extra sessions a day" in text
    assert "from Sun Dec 1" not in text


def test_no_day_left_before_the_first_infusion_is_all_shortfall(course: Plan) -> None:
    """Starting on the day of the first infusion leaves nothing to pump ahead: all of it is short."""
    stash = plan_stash(course, intake_ml=750, start_pumping=date(2030, 12, 2))
    assert (stash.build_up.days, stash.build_up.sessions_per_day, stash.portions) == (0, 0, ())
    assert stash.build_up.shortfall_ml == pytest.approx(stash.total_ml)
    text = "\n".join(stash_lines(stash, course, Units.OZ))
    assert (
        "There is no day left to pump extra before the first infusion: the 306 oz needed is all short."
        in text
    )
    assert "run out" not in text
    assert all(option in text for option in OPTIONS)


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
    assert "A bottle of 3 oz is pumpplan's assumption; count with your baby's usual feed." in lines


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


def test_an_intake_from_age_states_the_published_range() -> None:
    """From --baby-age, the words give the 750 mL figure, its range and the need across that range."""
    plan = make_plan("2030-12-02 10:00")
    intake, spread = published_intake(Age(3, AgeUnit.MONTHS))
    stash = plan_stash(plan, intake_ml=intake, intake_range=spread, start_pumping=date(2030, 11, 1))
    lines = stash_lines(stash, plan, Units.OZ)
    assert lines[0] == (
        "Milk needed while you do not breastfeed, at about 25 oz a day, the published figure for "
        "babies 1 to 6 months old (range 19 oz to 30 oz a day):"
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
        date(2030, 12, 2),
        date(2030, 12, 2),
    )
    assert stash.portions[0].use_by == date(2030, 12, 2)
    assert frozen.use_by == date(2031, 5, 28)
    lines = stash_lines(stash, plan, Units.ML)
    assert (
        "Fri Nov 29, 600 mL pumped: keep 440 mL in the fridge for Mon Dec 2 (use by Mon Dec 2); "
        "freeze 160 mL that day (by Mon Dec 2 at the latest) for Tue Dec 3, thawed in the fridge on "
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
    assert (
        reminder_text(first, Units.ML) == "Freeze 160 mL of today's pumped milk (by Mon Dec 2 at the latest)"
    )
    assert reminder_text(thaw, Units.ML) == (
        "Thaw 10 mL of frozen milk in the fridge tonight for tomorrow (pumped Sat Nov 30)"
    )


def test_the_storage_words_give_the_cdc_limits(course: Plan) -> None:
    """The storage guidance states PRODUCT.md §5's CDC figures and nothing else."""
    lines = stash_lines(plan_stash(course, intake_ml=750, start_pumping=date(2030, 11, 25)), course, Units.ML)
    assert (
        "Storage (CDC): fresh milk keeps 4 h at room temperature and 4 days in the fridge; frozen, it is "
        "best within 6 months (up to 12 is acceptable). Thaw it in the fridge the night before, use thawed "
        "milk within 24 h and never refreeze it. Use the oldest milk first." in lines
    )


def test_the_json_stash_is_millilitres_and_iso_dates(course: Plan) -> None:
    """stash_document survives json and reads back in mL with ISO dates and the plan's offsets."""
    stash = plan_stash(
        course, intake_ml=TYPICAL_INTAKE_ML, intake_range=INTAKE_RANGE_ML, start_pumping=date(2030, 11, 25)
    )
    document = json.loads(json.dumps(stash_document(stash, course)))
    assert document["intake_ml_per_day"] == 750
    assert document["intake_range_ml_per_day"] == [570, 900]
    assert document["total_need_ml"] == 9041.7
    assert [w["start"] for w in document["windows"]] == [
        "2030-12-02T10:00:00-08:00",
        "2030-12-09T10:00:00-08:00",
    ]
    assert [w["feeds"] for w in document["windows"]] == [51, 51]
    assert document["windows"][0]["days"][0] == {"date": "2030-12-02", "need_ml": 437.5}
    build = document["build_up"]
    assert (build["start"], build["end"], build["days"], build["met"]) == (
        "2030-11-25",
        "2030-12-01",
        7,
        False,
    )
    assert (build["extra_sessions_per_day"], build["expected_ml"], build["runs_out"]) == (
        3,
        630,
        "2030-12-03",
    )
    assert build["shortfall_ml"] == 8411.7
    assert document["storage"][0] == {
        "pumped": "2030-11-25", "ml": 90, "storage": "freezer", "used": "2030-12-02", "use_by": "2031-05-24",
        "freeze_on": "2030-11-25", "freeze_by": "2030-11-28", "thaw_on": "2030-12-01",
    }  # fmt: skip
    assert document["limits"]["fridge_days"] == 4
    assert sum(p["ml"] for p in document["storage"]) == pytest.approx(630, abs=0.5)


def test_a_longer_dump_rule_needs_more_milk() -> None:
    """--dump-hours 72 instead of 48: each window a day longer, 750 mL more."""
    short = make_plan("2030-12-02 10:00")
    long = make_plan("2030-12-02 10:00", rule=Rule(dump=timedelta(hours=72)))
    start = date(2030, 11, 25)
    gap = plan_stash(long, intake_ml=750, start_pumping=start).total_ml
    assert gap - plan_stash(short, intake_ml=750, start_pumping=start).total_ml == pytest.approx(750)
