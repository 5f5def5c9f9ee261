"""Push plans to a real Radicale and a real Xandikos and read them back with a time-range REPORT.

A write costs a real server some 15-25 ms (Xandikos commits each one to git), so the brief's plan
(108 events) and its changes are pushed once, in one test, and the other cases use a 2-infusion
plan (37 events).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from pumpplan.push.sync import Change, ServerError, SyncConflict, SyncResult, sync
from tests.push.servers import (
    BASE,
    Server,
    events_of,
    everything,
    json_shapes,
    plan,
    radicale,
    server_events,
    shape,
)

PLAN_ID = "Ana Example"
# The changes of the brief, each pushed on top of the one before.
STEPS = [
    ("--dump-hours 72", [*BASE, "--dump-hours", "72"]),
    ("infusions at 11:00", ["2030-12-02 11:00", *BASE[1:], "--dump-hours", "72"]),
    ("--count 5", ["2030-12-02 11:00", *BASE[1:4], "5", *BASE[5:], "--dump-hours", "72"]),
]
# Another patient's plan in the same calendar, and an event of the user's own.
OTHER = ["2030-12-10 14:00", "--tz", "Europe/Berlin"]
LUNCH = datetime(2030, 12, 4, 20, 0, tzinfo=UTC)  # inside the plan's first window
SMALL = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "2", "--tz", "America/Los_Angeles"]
SMALLER = [*SMALL[:4], "1", *SMALL[5:]]  # drops the second infusion: deletes, and moves the resume


def push(server: Server, calendar: str, ics: bytes, plan_id: str = PLAN_ID, **options: object) -> SyncResult:
    return sync(ics, plan_id, server.url, calendar=calendar, username=server.username, **options)


def counts(result: SyncResult) -> tuple[int, int, int]:
    return len(result.created), len(result.updated), len(result.deleted)


def etags(server: Server, calendar: str) -> dict[str, str | None]:
    return {url: etag for url, (_, etag) in everything(server, calendar).items()}


def assert_server_is(server: Server, calendar: str, ics: bytes, keep: dict[str, icalendar.Event]) -> None:
    """The calendar holds exactly the plan's events and the kept ones: 0 missing, 0 extra."""
    expected = events_of(ics)
    found = server_events(server, calendar)
    for uid, event in keep.items():
        assert shape(found.pop(uid)) == shape(event), f"{event['SUMMARY']} was changed"
    missing, extra = sorted(set(expected) - set(found)), sorted(set(found) - set(expected))
    assert (missing, extra) == ([], []), "missing, extra"
    for uid, event in expected.items():
        assert shape(found[uid]) == shape(event), uid  # title, start, end, alarms
        assert str(found[uid]["X-PUMPPLAN-PLAN"]) == PLAN_ID
    # Nothing stale: no "Resume breastfeeding" inside a no-breastfeeding window.
    windows = [
        (e["DTSTART"].dt, e["DTEND"].dt) for e in found.values() if "No breastfeeding" in str(e["SUMMARY"])
    ]
    resumes = [e["DTSTART"].dt for e in found.values() if str(e["SUMMARY"]) == "Resume breastfeeding"]
    assert not [r for r in resumes if any(start < r < end for start, end in windows)]


def test_push_then_each_change_on_top_keeps_the_calendar_equal_to_the_plan(
    server: Server, calendar: str
) -> None:
    other = plan(*OTHER)
    assert counts(push(server, calendar, other, plan_id="Other patient")) == (len(events_of(other)), 0, 0)
    lunch = server.calendar(calendar).save_event(
        dtstart=LUNCH, dtend=LUNCH.replace(hour=21), summary="Lunch with Mum", uid="lunch@phone"
    )
    kept = events_of(other) | events_of(lunch.data)
    untouched = etags(server, calendar)

    # 1. The brief's plan: 108 events, equal to the .ics and to the JSON.
    ics = plan(*BASE)
    first = push(server, calendar, ics)
    assert first.summary() == "108 created, 0 updated, 0 deleted"
    assert_server_is(server, calendar, ics, kept)
    planned = events_of(ics)
    found = {uid: e for uid, e in server_events(server, calendar).items() if uid in planned}
    # The .ics holds one event per JSON event and one per no-breastfeeding window.
    assert sorted(shape(e)[:3] for e in found.values()) == json_shapes(plan(*BASE, fmt="json"))
    alarmed = Counter(str(e["SUMMARY"]) for e in found.values() if e.walk("VALARM"))
    assert sum(alarmed.values()) == 100  # all but the 6 infusions and the 2 windows
    assert "Ketamine infusion" not in alarmed
    assert alarmed["Resume breastfeeding"] == 2
    for data, _ in everything(server, calendar).values():  # one event per resource, its zone, no METHOD
        if next(iter(events_of(data))) in found:
            parsed = icalendar.Calendar.from_ical(data)
            assert len(parsed.walk("VEVENT")) == 1
            assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["America/Los_Angeles"]
            assert "METHOD" not in parsed

    # 2. Each change on top of the last.
    for label, args in STEPS:
        ics = plan(*args)
        result = push(server, calendar, ics)
        assert result.changes, label
        assert_server_is(server, calendar, ics, kept)
    assert "Ketamine infusion" in {change.title for change in result.deleted}  # --count 5
    assert len(result.deleted) == 17

    # 3. The same plan again (new DTSTAMP and SEQUENCE): nothing written, not one ETag changed.
    before = etags(server, calendar)
    again = push(server, calendar, plan(*STEPS[-1][1]))
    assert counts(again) == (0, 0, 0)
    assert again.unchanged == len(events_of(ics))
    assert etags(server, calendar) == before
    # 4. The other patient's plan and the user's own event were never touched.
    assert {url: before[url] for url in untouched} == untouched


def test_dry_run_writes_nothing_and_lists_the_changes(server: Server, calendar: str) -> None:
    seen: list[Change] = []
    first = push(server, calendar, plan(*SMALL), dry_run=True, progress=seen.append)
    assert first.dry_run
    assert counts(first) == (37, 0, 0)
    assert not seen
    assert not server.has_calendar(calendar), "a dry run made the calendar"
    infusions = [c.start for c in first.created if c.title == "Ketamine infusion"]
    assert sorted(infusions) == [datetime(2030, 12, 2, 18, tzinfo=UTC), datetime(2030, 12, 4, 18, tzinfo=UTC)]

    push(server, calendar, plan(*SMALL))
    before = everything(server, calendar)
    dry = push(server, calendar, plan(*SMALLER), dry_run=True)
    assert dry.deleted
    assert everything(server, calendar) == before
    real = push(server, calendar, plan(*SMALLER), progress=seen.append)
    assert (real.created, real.updated, real.deleted) == (dry.created, dry.updated, dry.deleted)
    assert seen == list(real.changes)
    assert_server_is(server, calendar, plan(*SMALLER), {})


def edit_on_phone(server: Server, calendar: str, title: str) -> tuple[str, str]:
    """Change the last event with this title on the server, as a calendar app would; return UID, data."""
    objects = server.calendar(calendar).search(event=True, expand=False)
    chosen = max(
        (o for o in objects if str(o.icalendar_component["SUMMARY"]) == title),
        key=lambda o: o.icalendar_component["DTSTART"].dt,
    )
    chosen.icalendar_component["DESCRIPTION"] = "Moved by the nurse on the phone"
    chosen.save(increase_seqno=False)
    uid = str(chosen.icalendar_component["UID"])
    return uid, by_uid(server, calendar)[uid]


def by_uid(server: Server, calendar: str) -> dict[str, str]:
    return {next(iter(events_of(data))): data for data, _ in everything(server, calendar).values()}


def test_an_event_edited_elsewhere_is_never_overwritten(server: Server, calendar: str) -> None:
    push(server, calendar, plan(*SMALL))
    uid, edited = edit_on_phone(server, calendar, "Resume breastfeeding")
    before = everything(server, calendar)
    with pytest.raises(SyncConflict) as caught:  # SMALLER ends the window sooner: it would be updated
        push(server, calendar, plan(*SMALLER))
    message = str(caught.value)
    assert caught.value.exit_code == 1
    assert "'Resume breastfeeding' on Fri Dec 6 10:40 was changed in the calendar" in message
    assert "nothing was written" in message
    assert "\n" not in message
    assert everything(server, calendar) == before
    assert by_uid(server, calendar)[uid] == edited
    # A dry run lists the conflict instead of raising.
    assert [(c.action, c.uid) for c in push(server, calendar, plan(*SMALLER), dry_run=True).conflicts] == [
        ("update", uid)
    ]


def test_an_edit_racing_the_push_gets_a_412_and_the_error_says_what_was_done(
    server: Server, calendar: str
) -> None:
    push(server, calendar, plan(*SMALL))
    planned = push(server, calendar, plan(*SMALLER), dry_run=True)
    edits: list[str] = []

    def phone_edits_the_resume(change: Change) -> None:
        if not edits:  # after the first write, before the push reaches the resume
            edits.append(edit_on_phone(server, calendar, "Resume breastfeeding")[1])

    with pytest.raises(SyncConflict) as caught:
        push(server, calendar, plan(*SMALLER), progress=phone_edits_the_resume)
    done = caught.value.done
    assert 0 < len(done.changes) < len(planned.changes)
    assert f"done before stopping: {done.summary()}" in str(caught.value)
    assert "'Resume breastfeeding' on Fri Dec 6 10:40" in str(caught.value)
    assert edits[0] in by_uid(server, calendar).values(), "the phone's edit was overwritten"


def test_connection_refused_is_one_line_without_the_password(unused_port: int) -> None:
    with pytest.raises(ServerError) as caught:
        sync(
            plan(*SMALL), PLAN_ID, f"http://127.0.0.1:{unused_port}/", username="nurse", password="s3cret-pw"
        )
    message = str(caught.value)
    assert caught.value.exit_code == 1
    assert (
        message
        == f"Cannot connect to the CalDAV server at http://127.0.0.1:{unused_port}/: Connection refused"
    )
    assert caught.value.__suppress_context__


def test_a_server_lost_in_the_middle_of_a_push_is_reported_with_what_was_done(tmp_path: Path) -> None:
    with radicale(tmp_path) as server:

        def server_goes_away(change: Change) -> None:
            server.process.terminate()
            server.process.wait()

        with pytest.raises(ServerError) as caught:
            push(server, "Breastfeeding plan", plan(*SMALL), progress=server_goes_away)
    assert str(caught.value) == (
        f"Cannot connect to the CalDAV server at {server.url}: Connection refused; "
        "the push stopped, done before stopping: 1 created, 0 updated, 0 deleted"
    )


def test_a_wrong_password_is_one_line_without_the_password(tmp_path: Path) -> None:
    with radicale(tmp_path, htpasswd="nurse:right-pw") as server:
        with pytest.raises(ServerError) as caught:
            sync(plan(*SMALL), PLAN_ID, server.url, username="nurse", password="wrong-pw")
        assert sync(plan(*SMALL), PLAN_ID, server.url, username="nurse", password="right-pw").created
    message = str(caught.value)
    assert caught.value.exit_code == 1
    assert "check the user and app password" in message
    assert "wrong-pw" not in message
    assert "\n" not in message
    assert caught.value.__suppress_context__


def test_a_wrong_path_or_https_to_a_plain_server_is_one_line(server: Server) -> None:
    wrong = {
        server.url + "no/such/place/": "(404): check the URL",
        server.url.replace("http://", "https://"): "Cannot make a secure (TLS) connection",
    }
    for url, expected in wrong.items():
        with pytest.raises(ServerError) as caught:
            sync(plan(*SMALL), PLAN_ID, url, username=server.username, password="s3cret-pw", dry_run=True)
        assert expected in str(caught.value)
        assert "\n" not in str(caught.value)
        assert "s3cret-pw" not in str(caught.value)
