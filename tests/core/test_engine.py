"""The schedule engine: the rule of docs/rules.md, case by case."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from pumpplan.core.engine import build_plan
from pumpplan.core.model import EventKind, Infusion, Notice, Plan, QuietHours, Rule, WarningKind
from pumpplan.errors import ScheduleError
from tests.helpers import BERLIN, KOLKATA, LA, at, make_plan, minutes


def local_times(plan: Plan, kind: EventKind) -> list[str]:
    """Return the local 'MM-DD HH:MM' of every event of a kind."""
    return [f"{plan.local(e.start):%m-%d %H:%M}" for e in plan.events if e.kind is kind]


def schedule(plan: Plan) -> list[tuple[str, str, str | None]]:
    """Return every event as (kind, local 'MM-DD HH:MM' start, local 'HH:MM' end or None)."""
    return [
        (e.kind.value, f"{plan.local(e.start):%m-%d %H:%M}", e.end and f"{plan.local(e.end):%H:%M}")
        for e in plan.events
    ]


def pre_pumps(plan: Plan) -> list[tuple[str, str, str | None, str]]:
    """Return each pre-infusion pump as (kind, local start, local end, the infusion's local start)."""
    return [
        (*row, f"{plan.local(e.infusion.start):%H:%M}")
        for e, row in zip(plan.events, schedule(plan), strict=True)
        if e.before_infusion and e.infusion is not None
    ]


def every(first: str, step: timedelta, count: int, zone: ZoneInfo = LA) -> list[str]:
    """Return count local 'MM-DD HH:MM' times from first, step apart in elapsed time."""
    start = at(first, zone).astimezone(UTC)
    return [f"{(start + n * step).astimezone(zone):%m-%d %H:%M}" for n in range(count)]


def kinds(plan: Plan) -> list[WarningKind]:
    """Return the kinds of the plan's warnings."""
    return [n.kind for n in plan.warnings]


def test_single_infusion_follows_the_default_rule() -> None:
    """One infusion: keep at -60 min, discard every 3 h, resume 48 h after the end."""
    plan = make_plan("2030-12-02 10:00")
    assert local_times(plan, EventKind.PUMP_KEEP) == ["12-02 09:00"]
    assert local_times(plan, EventKind.INFUSION) == ["12-02 10:00"]
    dumps = local_times(plan, EventKind.PUMP_DUMP)
    assert dumps[0] == "12-02 12:00"
    assert dumps[-1] == "12-04 09:00"
    assert len(dumps) == 16
    assert local_times(plan, EventKind.RESUME) == ["12-04 10:40"]
    assert plan.windows[0].length == timedelta(hours=48, minutes=40)
    assert plan.warnings == ()


def test_mon_wed_fri_course_merges_each_week_into_one_window(course: Plan) -> None:
    """Six infusions Mon/Wed/Fri make two windows of 6 days 40 min, resumes on Sundays."""
    assert [
        (f"{course.local(w.start):%a %H:%M}", f"{course.local(w.end):%a %H:%M}") for w in course.windows
    ] == [
        ("Mon 10:00", "Sun 10:40"),
        ("Mon 10:00", "Sun 10:40"),
    ]
    assert all(w.length == timedelta(days=6, minutes=40) for w in course.windows)
    assert local_times(course, EventKind.PUMP_KEEP) == ["12-02 09:00", "12-09 09:00"]
    assert local_times(course, EventKind.RESUME) == ["12-08 10:40", "12-15 10:40"]
    assert kinds(course) == [WarningKind.MERGED, WarningKind.MERGED]
    assert course.time_without_breastfeeding == timedelta(days=12, hours=1, minutes=20)


def test_pre_infusion_pump_inside_a_merged_window_is_discarded(course: Plan) -> None:
    """The pumps before Wednesday's and Friday's infusions fall in Monday's window: discard."""
    wednesday = next(e for e in course.events if course.local(e.start) == at("2030-12-04 09:00"))
    assert wednesday.kind is EventKind.PUMP_DUMP


@pytest.mark.parametrize(
    ("zone", "start", "resume", "offsets"),
    [
        pytest.param(
            LA, "2030-03-09 10:00", "2030-03-11 11:40", ("-08:00", "-07:00"), id="LA-spring-forward"
        ),
        pytest.param(LA, "2030-11-02 10:00", "2030-11-04 09:40", ("-07:00", "-08:00"), id="LA-fall-back"),
        pytest.param(
            BERLIN, "2030-03-30 10:00", "2030-04-01 11:40", ("+01:00", "+02:00"), id="Berlin-spring"
        ),
        pytest.param(
            BERLIN, "2030-10-26 10:00", "2030-10-28 09:40", ("+02:00", "+01:00"), id="Berlin-autumn"
        ),
    ],
)
def test_windows_count_real_hours_across_a_clock_change(
    zone: object, start: str, resume: str, offsets: tuple[str, str]
) -> None:
    """48 h across a DST change is 48 real hours: the wall-clock resume moves by an hour."""
    plan = make_plan(start, zone=zone)  # type: ignore[arg-type]
    end = plan.local(plan.resume)
    assert f"{end:%Y-%m-%d %H:%M}" == resume
    assert plan.resume - plan.infusions[0].start == timedelta(hours=48, minutes=40)
    assert (plan.local(plan.infusions[0].start).isoformat()[-6:], end.isoformat()[-6:]) == offsets
    assert kinds(plan) == [WarningKind.CLOCK_CHANGE]


def test_dump_sessions_stay_three_real_hours_apart_across_a_clock_change() -> None:
    """Across spring-forward, sessions stay 3 elapsed hours apart though the clock jumps."""
    plan = make_plan("2030-03-09 10:00")
    dumps = [e.start for e in plan.events if e.kind is EventKind.PUMP_DUMP]
    assert {b - a for a, b in itertools.pairwise(dumps)} == {timedelta(hours=3)}


def test_windows_that_touch_merge() -> None:
    """An infusion starting exactly when the previous window ends joins that window."""
    plan = make_plan("2030-12-02 10:00", "2030-12-04 10:40")
    assert len(plan.windows) == 1
    assert local_times(plan, EventKind.RESUME) == ["12-06 11:20"]
    assert kinds(plan) == [WarningKind.MERGED]


def test_short_gap_between_windows_is_warned_and_its_pre_pump_discarded() -> None:
    """A gap under 2 h is warned about; a pre-infusion pump inside the earlier window is a dump."""
    plan = make_plan("2030-12-02 10:00", "2030-12-04 11:30")
    assert len(plan.windows) == 2
    assert local_times(plan, EventKind.PUMP_KEEP) == ["12-02 09:00"]
    pre_pump = next(e for e in plan.events if plan.local(e.start) == at("2030-12-04 10:30"))
    assert pre_pump.kind is EventKind.PUMP_DUMP
    assert kinds(plan) == [WarningKind.PUMP_IN_WINDOW, WarningKind.SHORT_GAP]


def test_long_gap_between_windows_has_no_warning_and_keeps_the_pre_pump() -> None:
    """Windows three days apart stay separate, each with its keep, resume and no warning."""
    plan = make_plan("2030-12-02 10:00", "2030-12-06 10:00")
    assert local_times(plan, EventKind.PUMP_KEEP) == ["12-02 09:00", "12-06 09:00"]
    assert local_times(plan, EventKind.RESUME) == ["12-04 10:40", "12-08 10:40"]
    assert plan.warnings == ()


def test_order_of_appointments_does_not_matter() -> None:
    """Appointments may come in any order; the plan is the same."""
    times = ["2030-12-02 10:00", "2030-12-04 14:00", "2030-12-09 08:30", "2030-12-13 10:00"]
    shuffled = times[:]
    random.Random(7).shuffle(shuffled)
    assert make_plan(*shuffled) == make_plan(*times)


@pytest.mark.parametrize(
    ("times", "message"),
    [
        pytest.param(
            ("2030-12-02 10:00", "2030-12-02 10:00"),
            "the infusion at Mon Dec 2 10:00 is listed twice; remove the duplicate",
            id="duplicate",
        ),
        pytest.param(
            ("2030-12-02 10:00", "2030-12-02 10:30"),
            "the infusion at Mon Dec 2 10:30 starts before the previous one ends (10:40); "
            "check the times or --duration",
            id="overlap",
        ),
        pytest.param((), "no infusion times were given; add at least one, e.g. 'Dec 7 10:00'", id="none"),
    ],
)
def test_impossible_courses_are_errors(times: tuple[str, ...], message: str) -> None:
    """Duplicates, overlaps and empty courses are refused with a message in the plan's zone."""
    with pytest.raises(ScheduleError) as error:
        make_plan(*times)
    assert str(error.value) == message


def test_back_to_back_infusions_are_allowed() -> None:
    """An infusion may start the minute the previous one ends."""
    plan = make_plan("2030-12-02 10:00", "2030-12-02 10:40")
    assert len(plan.windows) == 1


def test_custom_rule_changes_every_part_of_the_plan() -> None:
    """Duration, pre-pump, dump hours, cadence and session length all take effect."""
    rule = Rule(
        infusion=minutes(60),
        pump_before=minutes(30),
        dump=timedelta(hours=24),
        pump_every=minutes(120),
        session=minutes(15),
    )
    plan = make_plan("2030-12-02 10:00", rule=rule)
    assert local_times(plan, EventKind.PUMP_KEEP) == ["12-02 09:30"]
    assert local_times(plan, EventKind.RESUME) == ["12-03 11:00"]
    dumps = [e for e in plan.events if e.kind is EventKind.PUMP_DUMP]
    assert plan.local(dumps[0].start).strftime("%H:%M") == "11:30"
    assert all(e.end is not None and e.end - e.start == minutes(15) for e in dumps)


def test_a_short_final_gap_is_balanced_not_left_as_a_double_pump() -> None:
    """A session is not put minutes before the resume: the last two gaps are shared."""
    rule = Rule(dump=timedelta(hours=24, minutes=20))
    plan = make_plan("2030-12-02 10:00", rule=rule)
    removals = [e.start for e in plan.events if e.kind in (EventKind.PUMP_DUMP, EventKind.RESUME)]
    gaps = [b - a for a, b in itertools.pairwise(removals)]
    assert min(gaps) >= timedelta(hours=1)
    assert max(gaps) <= timedelta(hours=3)


def test_quiet_hours_thin_night_sessions_but_never_leave_five_hours() -> None:
    """With quiet hours 23:00-06:00, fewer night sessions, none over 5 h apart, one after midnight."""
    rule = Rule(quiet=QuietHours(time(23), time(6)))
    quiet = make_plan("2030-12-02 10:00", rule=rule)
    loud = make_plan("2030-12-02 10:00")
    night = [t for t in local_times(quiet, EventKind.PUMP_DUMP) if t[6:] < "06:00" or t[6:] >= "23:00"]
    loud_night = [t for t in local_times(loud, EventKind.PUMP_DUMP) if t[6:] < "06:00" or t[6:] >= "23:00"]
    assert len(night) < len(loud_night)
    assert any("00:00" <= t[6:] < "06:00" for t in night if t.startswith("12-03"))
    starts = [e.start for e in quiet.events if e.kind is not EventKind.INFUSION]
    assert max(b - a for a, b in itertools.pairwise(starts)) <= timedelta(hours=5)


def test_infusions_in_the_past_are_warned_about() -> None:
    """Given now, infusions before it are counted in one warning."""
    now = at("2030-12-05 00:00").astimezone(UTC)
    plan = make_plan("2030-12-02 10:00", "2030-12-04 10:00", "2030-12-09 10:00", now=now)
    past = [n for n in plan.warnings if n.kind is WarningKind.PAST]
    assert [n.infusions for n in past] == [2]


def test_no_warning_for_future_infusions() -> None:
    """Infusions after now draw no past warning."""
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert make_plan("2030-12-02 10:00", now=now).warnings == ()


def test_zone_without_dst_never_warns_about_clock_changes() -> None:
    """Asia/Kolkata keeps one offset all year."""
    plan = make_plan("2030-03-30 10:00", "2030-10-26 10:00", zone=KOLKATA)
    assert WarningKind.CLOCK_CHANGE not in kinds(plan)


def test_explicit_offsets_are_honoured_as_instants() -> None:
    """An infusion given with a UTC offset keeps its instant, in UTC, and shows in the plan's zone."""
    start = datetime.fromisoformat("2030-12-02T10:00-05:00")
    plan = build_plan([Infusion(start, minutes(40))], Rule(), LA)
    assert plan.infusions[0].start == datetime(2030, 12, 2, 15, tzinfo=UTC)
    assert plan.infusions[0].start.tzinfo is UTC
    assert plan.local(plan.infusions[0].start).strftime("%H:%M") == "07:00"


def test_the_whole_plan_of_one_short_window_event_by_event() -> None:
    """Keep 60 min before, the infusion, one dump 3 h after the keep, resume; the plan keeps its rule.

    The resume falls exactly 3 h after that dump: a gap of exactly pump-every needs no other session.
    """
    rule = Rule(dump=timedelta(hours=4, minutes=20))
    plan = make_plan("2030-12-02 10:00", rule=rule)
    assert schedule(plan) == [
        ("pump-keep", "12-02 09:00", "09:20"),
        ("infusion", "12-02 10:00", "10:40"),
        ("pump-dump", "12-02 12:00", "12:20"),
        ("resume", "12-02 15:00", None),
    ]
    assert plan.warnings == (Notice(WarningKind.SHORT_RULE, at("2030-12-02 10:00")),)
    assert plan.rule is rule


@pytest.mark.parametrize(
    ("dump", "tail", "resume"),
    [
        pytest.param(timedelta(hours=46, minutes=20), [], "12-04 09:00", id="resume-exactly-3h-after"),
        pytest.param(timedelta(hours=47, minutes=20), ["12-04 09:00"], "12-04 10:00", id="1h-before-kept"),
        pytest.param(timedelta(hours=47, minutes=10), ["12-04 07:55"], "12-04 09:50", id="50min-halved"),
        pytest.param(timedelta(hours=47, minutes=11), ["12-04 07:56"], "12-04 09:51", id="halved-rounded-up"),
    ],
)
def test_the_last_session_is_moved_halfway_only_when_under_a_third_of_the_cadence_before_resume(
    dump: timedelta, tail: list[str], resume: str
) -> None:
    """Sessions every 3 h from the keep; one due under 1 h before the resume moves halfway (to the minute)."""
    plan = make_plan("2030-12-02 10:00", rule=Rule(dump=dump))
    dumps = [f"{plan.local(e.start):%m-%d %H:%M:%S}" for e in plan.events if e.kind is EventKind.PUMP_DUMP]
    expected = every("2030-12-02 12:00", timedelta(hours=3), 15) + tail
    assert dumps == [f"{t}:00" for t in expected]
    assert local_times(plan, EventKind.RESUME) == [resume]
    assert plan.warnings == ()


NIGHT = QuietHours(time(23), time(6))


@pytest.mark.parametrize(
    ("start", "rule", "dumps", "resume"),
    [
        pytest.param(
            "2030-12-02 10:00",
            Rule(quiet=NIGHT),
            [
                *every("2030-12-02 12:00", timedelta(hours=3), 4),
                "12-03 02:00",
                "12-03 06:00",
                *every("2030-12-03 09:00", timedelta(hours=3), 5),
                "12-04 02:00",
                "12-04 06:00",
                "12-04 09:00",
            ],
            "12-04 10:40",
            id="default-rule-5h-then-wake",
        ),
        pytest.param(
            "2030-12-02 22:30",
            Rule(pump_every=timedelta(hours=2), dump=timedelta(hours=3, minutes=26), quiet=NIGHT),
            ["12-03 00:03"],
            "12-03 02:36",
            id="halfway-into-the-night",
        ),
        pytest.param(
            "2030-12-02 02:30",
            Rule(pump_every=timedelta(hours=2), dump=timedelta(hours=3, minutes=26), quiet=NIGHT),
            ["12-02 06:00"],
            "12-02 06:36",
            id="halfway-would-leave-over-2h-after-the-night",
        ),
        pytest.param(
            "2030-12-02 02:00",
            Rule(pump_every=timedelta(hours=2, minutes=45), dump=timedelta(hours=3, minutes=50), quiet=NIGHT),
            ["12-02 03:45"],
            "12-02 06:30",
            id="halfway-leaves-exactly-the-cadence",
        ),
        pytest.param(
            "2030-12-02 21:45",
            Rule(dump=timedelta(hours=4, minutes=5), quiet=QuietHours(time(23, 30), time(1))),
            ["12-03 01:00"],
            "12-03 02:30",
            id="wake-after-midnight",
        ),
        pytest.param(
            "2030-12-02 22:00",
            Rule(dump=timedelta(hours=2, minutes=20), quiet=NIGHT),
            [],
            "12-03 01:00",
            id="4h-across-the-night-needs-no-session",
        ),
    ],
)
def test_quiet_hours_move_a_night_session_to_the_wake_or_to_5h(
    start: str, rule: Rule, dumps: list[str], resume: str
) -> None:
    """A session due in the quiet hours moves to their end, at most 5 h after the last; halfway if it fits.

    The moved sessions, like every time in a plan, are kept in UTC.
    """
    plan = make_plan(start, rule=rule)
    assert all(e.start.tzinfo is UTC for e in plan.events)
    assert local_times(plan, EventKind.PUMP_KEEP) == [f"{at(start) - rule.pump_before:%m-%d %H:%M}"]
    assert local_times(plan, EventKind.PUMP_DUMP) == dumps
    assert local_times(plan, EventKind.RESUME) == [resume]
    assert [n.kind for n in plan.warnings if n.kind is not WarningKind.SHORT_RULE] == []


@pytest.mark.parametrize(
    ("times", "rule", "pumps"),
    [
        pytest.param(
            ("2030-12-02 10:00", "2030-12-02 10:40"),
            Rule(pump_before=timedelta(minutes=30)),
            [("pump-keep", "12-02 09:30", "09:50", "10:00")],
            id="back-to-back-gets-none",
        ),
        pytest.param(
            ("2030-12-02 10:00", "2030-12-02 10:41", "2030-12-02 11:01"),
            Rule(infusion=timedelta(minutes=20)),
            [("pump-keep", "12-02 09:00", "09:20", "10:00"), ("pump-dump", "12-02 10:20", "10:40", "10:41")],
            id="two-pushed-to-one-instant",
        ),
        pytest.param(
            ("2030-12-02 10:00", "2030-12-02 12:50", "2030-12-02 13:36"),
            Rule(pump_before=timedelta(hours=3), dump=timedelta(minutes=5)),
            [("pump-keep", "12-02 07:00", "07:20", "10:00"), ("pump-dump", "12-02 10:40", "11:00", "12:50")],
            id="one-instant-for-two-windows",
        ),
    ],
)
def test_pre_infusion_pumps_pushed_past_an_infusion(
    times: tuple[str, ...], rule: Rule, pumps: list[tuple[str, str, str, str]]
) -> None:
    """A pump pushed onto its own infusion's start is dropped; two pushed to one instant are one session."""
    assert pre_pumps(make_plan(*times, rule=rule)) == pumps


def test_a_window_after_a_short_break_counts_its_cadence_from_the_resume() -> None:
    """Its pre-pump falls in the earlier window (a dump, warned); its next session is 3 h after the resume."""
    plan = make_plan("2030-12-02 10:00", "2030-12-04 11:30")
    second = [e for e in plan.events if e.kind is EventKind.PUMP_DUMP and e.window is plan.windows[1]]
    assert [f"{plan.local(e.start):%m-%d %H:%M}" for e in second] == every(
        "2030-12-04 13:40", timedelta(hours=3), 16
    )
    assert plan.warnings == (
        Notice(WarningKind.PUMP_IN_WINDOW, at("2030-12-04 10:30"), at("2030-12-04 11:30")),
        Notice(WarningKind.SHORT_GAP, at("2030-12-04 10:40"), at("2030-12-04 11:30")),
    )


@pytest.mark.parametrize(
    ("times", "kwargs", "warnings"),
    [
        pytest.param(("2030-12-02 10:00", "2030-12-04 12:40"), {}, (), id="break-of-exactly-2h-is-not-short"),
        pytest.param(
            ("2030-12-02 10:00",), {"rule": Rule(dump=timedelta(hours=24))}, (), id="window-of-24h-is-usual"
        ),
        pytest.param(
            ("2030-12-02 10:00",),
            {"rule": Rule(dump=timedelta(hours=23, minutes=59))},
            (Notice(WarningKind.SHORT_RULE, at("2030-12-02 10:00")),),
            id="window-under-24h-is-short",
        ),
        pytest.param(
            ("2030-12-02 10:00", "2030-12-04 10:00"),
            {"now": at("2030-12-04 10:00")},
            (
                Notice(WarningKind.PAST, at("2030-12-02 10:00"), infusions=1),
                Notice(WarningKind.MERGED, at("2030-12-02 10:00"), at("2030-12-06 10:40"), 2),
            ),
            id="past-counts-from-the-first-not-the-one-now",
        ),
        pytest.param(
            ("2030-12-01 10:00", "2030-12-02 10:00", "2030-12-09 10:00"),
            {"now": at("2030-12-05 00:00")},
            (
                Notice(WarningKind.PAST, at("2030-12-01 10:00"), infusions=2),
                Notice(WarningKind.MERGED, at("2030-12-01 10:00"), at("2030-12-04 10:40"), 2),
            ),
            id="two-past",
        ),
        pytest.param(
            ("2030-03-09 10:00",),
            {},
            (
                Notice(
                    WarningKind.CLOCK_CHANGE, datetime(2030, 3, 10, 10, tzinfo=UTC), at("2030-03-11 11:40")
                ),
            ),
            id="clock-change-at-its-instant",
        ),
        pytest.param(
            ("2030-10-26 10:00",),
            {"zone": BERLIN},
            (
                Notice(
                    WarningKind.CLOCK_CHANGE,
                    datetime(2030, 10, 27, 1, tzinfo=UTC),
                    at("2030-10-28 09:40", BERLIN),
                ),
            ),
            id="clock-change-berlin-autumn",
        ),
    ],
)
def test_warnings_say_what_when(
    times: tuple[str, ...], kwargs: dict[str, object], warnings: tuple[Notice, ...]
) -> None:
    """Each warning has its kind, its exact instants and count; boundaries draw none."""
    assert make_plan(*times, **kwargs).warnings == warnings  # type: ignore[arg-type]


def test_merged_windows_warn_with_their_span_and_count(course: Plan) -> None:
    """A Mon/Wed/Fri week is one merged window of three infusions, Monday 10:00 to Sunday 10:40."""
    assert course.warnings == (
        Notice(WarningKind.MERGED, at("2030-12-02 10:00"), at("2030-12-08 10:40"), 3),
        Notice(WarningKind.MERGED, at("2030-12-09 10:00"), at("2030-12-15 10:40"), 3),
    )


def test_a_session_cut_short_by_the_next_windows_infusion_ends_as_it_starts() -> None:
    """A session 15 min before the next window's infusion lasts until the next pump, not its 20 min.

    With so odd a rule the next infusion's pump falls in this window; the sessions never overlap.
    """
    rule = Rule(pump_before=minutes(5), pump_every=minutes(30), dump=timedelta(hours=1, minutes=42))
    plan = make_plan("2030-12-02 10:00", "2030-12-02 12:25", rule=rule)
    assert [row for row in schedule(plan) if row[1] < "12-02 12:25"] == [
        ("pump-keep", "12-02 09:55", "10:00"),
        ("infusion", "12-02 10:00", "10:40"),
        ("pump-dump", "12-02 10:40", "11:00"),
        ("pump-dump", "12-02 11:10", "11:30"),
        ("pump-dump", "12-02 11:40", "12:00"),
        ("pump-dump", "12-02 12:10", "12:20"),
        ("pump-dump", "12-02 12:20", "12:25"),
        ("resume", "12-02 12:22", None),
    ]


def test_a_session_pushed_onto_the_next_pre_pump_is_that_pump() -> None:
    """The 10:00 session, pushed past the infusion to 10:40, is the next pre-pump there: one session."""
    rule = Rule(pump_every=minutes(60), dump=minutes(120))
    plan = make_plan("2030-12-02 10:00", "2030-12-02 11:10", rule=rule)
    assert schedule(plan) == [
        ("pump-keep", "12-02 09:00", "09:20"),
        ("infusion", "12-02 10:00", "10:40"),
        ("pump-dump", "12-02 10:40", "11:00"),
        ("infusion", "12-02 11:10", "11:50"),
        ("pump-dump", "12-02 11:50", "12:10"),
        ("pump-dump", "12-02 12:50", "13:10"),
        ("resume", "12-02 13:50", None),
    ]
    assert plan.warnings == (
        Notice(WarningKind.LONG_GAP, at("2030-12-02 09:00"), at("2030-12-02 10:40")),
        Notice(WarningKind.SHORT_RULE, at("2030-12-02 10:00")),
        Notice(WarningKind.MERGED, at("2030-12-02 10:00"), at("2030-12-02 13:50"), 2),
        Notice(WarningKind.LONG_GAP, at("2030-12-02 10:40"), at("2030-12-02 11:50")),
    )
