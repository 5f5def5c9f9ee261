"""The .ics export: read back by four independent parsers, every event where the plan has it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pumpplan import i18n
from pumpplan.core.model import EventKind, Plan
from pumpplan.render import phrases
from pumpplan.render.ics import sequence_for
from pumpplan.render.ics_entries import RESUME_LENGTH, window_title
from pumpplan.render.vtimezone import offset_changes, vtimezone
from tests.helpers import ics, make_plan
from tests.ics_readers import Seen, libical_itip_errors, read_ical, read_icaljs, read_libical, read_vobject

STAMP = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)


def plan_at(zone: str, *starts: str) -> Plan:
    """Return the plan for infusions at wall-clock times such as '2030-03-08 10:00' in a zone."""
    return make_plan(*starts, zone=ZoneInfo(zone))


PLANS = {
    # The window crosses the spring change (winter -> summer time) on Sun Mar 10 2030.
    "los-angeles-spring": lambda: plan_at("America/Los_Angeles", "2030-03-08 10:00"),
    # A session falls at 01:30 PDT on Sun Nov 3 2030, in the hour the clocks repeat.
    "los-angeles-fall-repeated-hour": lambda: plan_at("America/Los_Angeles", "2030-11-01 11:30"),
    "los-angeles-winter-and-summer": lambda: plan_at(
        "America/Los_Angeles", "2030-01-07 09:00", "2030-07-08 09:00"
    ),
    "berlin-spring": lambda: plan_at("Europe/Berlin", "2030-03-29 09:00"),
    "berlin-autumn": lambda: plan_at("Europe/Berlin", "2030-10-25 09:00"),
    "kolkata-mon-wed-fri": lambda: plan_at(
        "Asia/Kolkata",
        *[f"2030-12-{d:02d} 10:00" for d in (2, 4, 6, 9, 11, 13)],
    ),
    # Sydney's summer is Europe's winter: its changes are in April and October.
    "sydney-autumn": lambda: plan_at("Australia/Sydney", "2030-04-05 10:00"),
    # Santiago's rules follow no n-th-weekday pattern in these years: times go out in UTC.
    "santiago-utc-fallback": lambda: plan_at("America/Santiago", "2030-04-04 10:00"),
    "utc": lambda: plan_at("UTC", "2030-07-01 10:00"),
}


def expected(plan: Plan, alarm: timedelta | None = timedelta(minutes=10)) -> list[tuple[object, ...]]:
    """Return what a reader should see: every event and window, from the plan alone."""

    def rings(kind: EventKind) -> tuple[int, ...]:
        """Pumping rings ``alarm`` ahead; the resume at its instant, never before; an infusion never."""
        if alarm is None or kind is EventKind.INFUSION:
            return ()
        return (0,) if kind is EventKind.RESUME else (-round(alarm / timedelta(minutes=1)),)

    rows = [
        (e.start, e.end or e.start + RESUME_LENGTH, phrases.title(e.kind), rings(e.kind)) for e in plan.events
    ]
    rows += [(w.start, w.end, window_title(), ()) for w in plan.windows]
    return sorted(rows, key=lambda row: (row[0], row[1], str(row[2])))


def seen(events: list[Seen]) -> list[tuple[object, ...]]:
    """Return a reader's events in the shape of ``expected``."""
    return sorted(((e.start, e.end, e.summary, e.alarms) for e in events), key=lambda r: (r[0], r[1], r[2]))


@pytest.fixture(params=sorted(PLANS), name="plan")
def fixture_plan(request: pytest.FixtureRequest) -> Plan:
    """Each plan of the table above."""
    builder: Callable[[], Plan] = PLANS[request.param]
    return builder()


def test_icaljs_sees_every_event_at_its_instant(plan: Plan) -> None:
    """Mozilla ical.js finds each event, window and alarm at the plan's instants, zones resolved."""
    calendar, events = read_icaljs(ics(plan, stamp=STAMP))
    assert seen(events) == expected(plan)
    assert {e.zone for e in events} <= {plan.zone.key, "UTC"}
    assert calendar["method"] == "PUBLISH"
    assert calendar["version"] == "2.0"
    assert calendar["prodid"]
    assert calendar["name"] == "Breastfeeding plan"
    assert calendar["timezone"] == plan.zone.key


def test_libical_sees_every_event_and_no_rfc_error(plan: Plan) -> None:
    """libical resolves every time with the file's VTIMEZONE and finds no RFC 5545 violation."""
    errors, events = read_libical(ics(plan, stamp=STAMP))
    assert errors == []
    assert seen(events) == expected(plan)


def test_strict_ical_parser_reads_the_vtimezone_right(plan: Plan) -> None:
    """The strict ``ical`` parser accepts the file and its VTIMEZONE gives the plan's instants."""
    assert seen(read_ical(ics(plan, stamp=STAMP))) == expected(plan)


def test_vobject_validates_and_reads_every_event(plan: Plan) -> None:
    """vobject validates every component and reads the events at the plan's instants."""
    assert seen(read_vobject(ics(plan, stamp=STAMP))) == expected(plan)


def test_no_alarms_when_alarm_is_none() -> None:
    """With alarms off, no reader finds an alarm and the file has no VALARM."""
    plan = PLANS["berlin-spring"]()
    data = ics(plan, stamp=STAMP, alarm=None)
    assert b"VALARM" not in data
    assert seen(read_vobject(data)) == expected(plan, alarm=None)


def test_alarm_lead_time_is_the_one_asked_for() -> None:
    """A 30-minute lead time gives TRIGGER:-PT30M on every pumping session; the resume rings on time."""
    plan = PLANS["berlin-spring"]()
    data = ics(plan, stamp=STAMP, alarm=timedelta(minutes=30))
    pumping = plan.count(EventKind.PUMP_KEEP) + plan.count(EventKind.PUMP_DUMP)
    assert data.count(b"TRIGGER:-PT30M\r\n") == pumping
    assert data.count(b"TRIGGER:P0D\r\n") == plan.count(EventKind.RESUME) == 1
    assert data.count(b"ACTION:DISPLAY\r\n") == pumping + 1
    assert seen(read_ical(data)) == expected(plan, alarm=timedelta(minutes=30))


def test_same_plan_and_stamp_give_the_same_bytes() -> None:
    """Exporting the same plan with the same stamp twice gives identical files."""
    first = ics(PLANS["kolkata-mon-wed-fri"](), stamp=STAMP)
    assert ics(PLANS["kolkata-mon-wed-fri"](), stamp=STAMP) == first


def test_dtstamp_is_the_stamp_on_every_event() -> None:
    """Every VEVENT carries DTSTAMP equal to the stamp passed in, in UTC."""
    plan = PLANS["berlin-autumn"]()
    data = ics(plan, stamp=STAMP)
    assert data.count(b"DTSTAMP:20300102T030405Z\r\n") == data.count(b"BEGIN:VEVENT") > 0


def uids(data: bytes) -> list[str]:
    """Return the UIDs of a file's events, in order."""
    return re.findall(r"^UID:(.+)\r$", data.decode(), flags=re.MULTILINE)


def test_uids_are_unique_and_carry_the_domain() -> None:
    """Every event has its own UID ending in @pumpplan."""
    found = uids(ics(PLANS["kolkata-mon-wed-fri"](), stamp=STAMP))
    assert len(found) == len(set(found)) > 0
    assert all(re.fullmatch(r"[0-9a-f]{32}@pumpplan", uid) for uid in found)


def test_a_later_export_keeps_uids_and_raises_sequence() -> None:
    """Exporting again later gives the same UIDs with a higher SEQUENCE, so calendars update."""
    plan = PLANS["berlin-spring"]()
    later = STAMP + timedelta(days=1)
    first, second = ics(plan, stamp=STAMP), ics(plan, stamp=later)
    assert uids(first) == uids(second)
    assert f"SEQUENCE:{sequence_for(STAMP)}\r\n".encode() in first
    assert f"SEQUENCE:{sequence_for(later)}\r\n".encode() in second
    assert sequence_for(later) > sequence_for(STAMP)


def test_adding_an_infusion_keeps_the_uids_of_what_stays() -> None:
    """A later infusion added to the course leaves the first infusion's events' UIDs as they were."""
    alone = plan_at("Europe/Berlin", "2030-05-06 09:00")
    course = plan_at("Europe/Berlin", "2030-05-06 09:00", "2030-05-08 09:00")
    before, after = uids(ics(alone, stamp=STAMP)), uids(ics(course, stamp=STAMP))
    # Window, infusion, its pump and the resume (now later) keep their UIDs; sessions keep theirs by place.
    assert set(before) <= set(after)
    assert len(after) > len(before)


def test_moving_an_infusion_changes_its_uid() -> None:
    """A different appointment is a different event: its UID differs."""
    first = uids(ics(plan_at("Europe/Berlin", "2030-05-06 09:00"), stamp=STAMP))
    moved = uids(ics(plan_at("Europe/Berlin", "2030-05-06 10:00"), stamp=STAMP))
    assert not set(first) & set(moved)


def test_two_patients_with_the_same_appointments_share_no_uid() -> None:
    """The patient's name is part of every UID, so one calendar can hold two such plans."""
    plan = plan_at("Europe/Berlin", "2030-05-06 09:00")
    maria = uids(ics(plan, stamp=STAMP, owner="Maria Lopez"))
    assert uids(ics(plan, stamp=STAMP + timedelta(days=1), owner="Maria Lopez")) == maria
    assert not set(maria) & set(uids(ics(plan, stamp=STAMP, owner="Ana Ruiz")))
    assert not set(maria) & set(uids(ics(plan, stamp=STAMP)))
    assert b"Maria" not in ics(plan, stamp=STAMP, owner="Maria Lopez")


def test_windows_are_transparent_and_sessions_opaque() -> None:
    """Each window is one TRANSPARENT event; pumping sessions and infusions are OPAQUE."""
    plan = PLANS["kolkata-mon-wed-fri"]()
    text = ics(plan, stamp=STAMP).decode()
    blocks = text.split("BEGIN:VEVENT")[1:]
    windows = [b for b in blocks if f"SUMMARY:{window_title()}" in b]
    assert len(windows) == len(plan.windows) == 2
    assert all("TRANSP:TRANSPARENT" in b for b in windows)
    sessions = [b for b in blocks if "SUMMARY:Pump" in b or "SUMMARY:Ketamine" in b]
    assert len(sessions) == len(plan.events) - plan.count(EventKind.RESUME)
    assert all("TRANSP:OPAQUE" in b for b in sessions)


def test_descriptions_say_what_to_do_with_the_milk() -> None:
    """Each event states the milk's fate and the disclaimer; each window states the rule too."""
    plan = PLANS["berlin-spring"]()
    events = descriptions(ics(plan, stamp=STAMP))
    for summary, description in events:
        flat = description.replace("\n", " ")
        assert phrases.disclaimer() in flat
        kind = next((k for k in EventKind if phrases.title(k) == summary), None)
        if kind is None:
            assert summary == window_title()
            assert all(line in flat for line in phrases.rule_lines(plan))
        else:
            assert f"Milk: {phrases.milk(kind)}." in flat
    assert len(events) == len(plan.events) + len(plan.windows)


def descriptions(data: bytes) -> list[tuple[str, str]]:
    """Return (summary, description) pairs as vobject unescapes them."""
    import vobject

    calendar = vobject.readOne(data.decode(), validate=True)
    return [(e.summary.value, e.description.value) for e in calendar.vevent_list]


def test_lines_end_in_crlf_and_fold_at_75_octets() -> None:
    """Every line ends in CRLF and none is longer than 75 octets."""
    data = ics(PLANS["berlin-spring"](), stamp=STAMP)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75


def test_no_time_is_floating() -> None:
    """Every DTSTART and DTEND of an event carries a TZID or is in UTC."""
    for name, builder in PLANS.items():
        text = ics(builder(), stamp=STAMP).decode().replace("\r\n ", "")
        lines = text.split("END:VTIMEZONE")[-1].split("\r\n")
        times = [line for line in lines if re.match(r"DT(START|END)[;:]", line)]
        assert times, name
        assert all(";TZID=" in t or t.endswith("Z") for t in times), name


def test_vtimezone_uses_yearly_rules_not_date_lists() -> None:
    """Los Angeles and Berlin get yearly RRULE observances that Outlook reads, never RDATE lists."""
    for name in ("los-angeles-spring", "berlin-autumn"):
        text = ics(PLANS[name](), stamp=STAMP).decode()
        zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
        assert zone.count("RRULE:FREQ=YEARLY") == 2, name
        assert "RDATE" not in zone, name
    berlin = ics(PLANS["berlin-autumn"](), stamp=STAMP).decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in berlin
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in berlin


def test_zone_without_changes_has_one_standard_observance() -> None:
    """Asia/Kolkata's VTIMEZONE is a single STANDARD at +0530."""
    text = ics(PLANS["kolkata-mon-wed-fri"](), stamp=STAMP).decode()
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
    assert zone.count("BEGIN:STANDARD") == 1
    assert "BEGIN:DAYLIGHT" not in zone
    assert "TZOFFSETTO:+0530" in zone


def test_irregular_zone_is_written_in_utc_without_vtimezone() -> None:
    """A zone whose changes fit no yearly rule gets UTC times and no VTIMEZONE, but X-WR-TIMEZONE."""
    text = ics(PLANS["santiago-utc-fallback"](), stamp=STAMP).decode()
    assert "BEGIN:VTIMEZONE" not in text
    assert "TZID=" not in text
    assert "X-WR-TIMEZONE:America/Santiago\r\n" in text


def test_utc_plan_has_z_times_and_no_vtimezone() -> None:
    """A plan in UTC writes its times with Z and adds no VTIMEZONE nobody uses."""
    text = ics(PLANS["utc"](), stamp=STAMP).decode()
    assert "BEGIN:VTIMEZONE" not in text
    assert "DTSTART:20300701T100000Z\r\n" in text


def test_naive_stamp_is_refused() -> None:
    """A DTSTAMP must be an instant: a naive stamp is a programming error."""
    with pytest.raises(ValueError, match="aware"):
        ics(PLANS["utc"](), stamp=STAMP.replace(tzinfo=None))


def test_repeated_hour_session_is_written_in_utc() -> None:
    """The session at 01:30 PDT on the night the clocks go back is written in UTC, not as 01:30."""
    text = ics(PLANS["los-angeles-fall-repeated-hour"](), stamp=STAMP).decode()
    assert "DTSTART:20301103T083000Z\r\n" in text
    assert "20301103T013000" not in text


def test_offset_changes_finds_both_changes_of_a_year() -> None:
    """Los Angeles changes at 10:00 UTC on Mar 10 and 09:00 UTC on Nov 3, 2030."""
    changes = offset_changes(
        ZoneInfo("America/Los_Angeles"), datetime(2030, 1, 1, tzinfo=UTC), datetime(2031, 1, 1, tzinfo=UTC)
    )
    assert [c.at for c in changes] == [
        datetime(2030, 3, 10, 10, tzinfo=UTC),
        datetime(2030, 11, 3, 9, tzinfo=UTC),
    ]
    walls = [f"{c.wall:%Y-%m-%d %H:%M}" for c in changes]
    assert walls == ["2030-03-10 02:00", "2030-11-03 02:00"]  # local time before each change


def test_vtimezone_is_none_for_a_zone_that_changes_its_rules() -> None:
    """America/Santiago in 2030 gets no VTIMEZONE: no n-th weekday rule fits its changes."""
    moment = datetime(2030, 4, 4, tzinfo=UTC)
    assert vtimezone(ZoneInfo("America/Santiago"), moment, moment) is None


@pytest.fixture
def spanish() -> Iterator[None]:
    """Speak Spanish for one test, then English again."""
    i18n.use("es")
    yield
    i18n.use("en")


@pytest.mark.usefixtures("spanish")
def test_spanish_export_reads_back_and_keeps_the_uids() -> None:
    """In Spanish every reader sees the Spanish titles at the same instants, and the UIDs do not change."""
    plan = PLANS["berlin-spring"]()
    data = ics(plan, stamp=STAMP)
    assert "SUMMARY:Extraer la leche y desecharla" in data.decode()
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert seen(read_vobject(data)) == expected(plan)
    assert seen(read_icaljs(data)[1]) == expected(plan)
    spanish_uids = uids(data)
    i18n.use("en")
    assert uids(ics(plan, stamp=STAMP)) == spanish_uids


def test_the_pump_before_a_back_to_back_infusion_gets_its_infusions_uid() -> None:
    """Infusions at 10:00 and 11:00: the 11:00 infusion's pump, moved past the first, is 'before' 11:00."""
    from pumpplan.render.ics import uid

    plan = plan_at("America/Los_Angeles", "2030-12-02 10:00", "2030-12-02 11:00")
    second = plan.infusions[1]
    (pump,) = [e for e in plan.events if e.before_infusion and e.infusion == second]
    assert pump.start == plan.infusions[0].end  # moved out of the 10:00 infusion
    found = uids(ics(plan, stamp=STAMP))
    assert uid(f"before {second.start.astimezone(UTC):%Y%m%dT%H%M%SZ}") in found


@pytest.mark.parametrize("lead", [timedelta(minutes=10), timedelta(hours=1), timedelta()])
def test_the_resume_rings_at_the_resume_and_says_she_can_breastfeed_now(lead: timedelta) -> None:
    """Whatever the pumping lead, the resume's reminder rings at its instant, never before it."""
    plan = PLANS["los-angeles-fall-repeated-hour"]()
    (resume,) = [e for e in read_ical(ics(plan, alarm=lead)) if e.summary == phrases.title(EventKind.RESUME)]
    assert resume.alarms == (0,)
    assert resume.start == plan.resume
    text = ics(plan, alarm=lead).decode().replace("\r\n ", "")
    assert "DESCRIPTION:You can breastfeed again now.\r\nTRIGGER:P0D" in text


def test_libicals_only_itip_objection_to_method_publish_is_the_missing_organizer() -> None:
    """With METHOD:PUBLISH libical applies RFC 5546 and wants an ORGANIZER, and nothing else.

    The README says why the file keeps METHOD:PUBLISH anyway; this pins that it is the one objection.
    """
    errors = libical_itip_errors(ics(PLANS["berlin-spring"](), stamp=STAMP))
    assert len(errors) == 1
    assert "Failed iTIP restrictions for ORGANIZER property" in errors[0]
