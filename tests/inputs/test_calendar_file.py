"""A calendar someone sent her cannot hang pumpplan, move a time silently or reach the terminal raw."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pumpplan.errors import InputError
from pumpplan.inputs.appointments import read_appointments
from tests.helpers import LA, invite, minutes

NOW = datetime(2030, 1, 1, tzinfo=UTC)


def zone_changing(freq: str) -> str:
    """Return a VTIMEZONE whose one observance repeats at this frequency."""
    return (
        "BEGIN:VTIMEZONE\nTZID:Custom\nBEGIN:STANDARD\nDTSTART:19700101T000000\n"
        f"RRULE:FREQ={freq}\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nEND:STANDARD\nEND:VTIMEZONE\n"
    )


def read(tmp_path: Path, data: bytes) -> object:
    """Read the file as the command does, in Los Angeles."""
    path = tmp_path / "invite.ics"
    path.write_bytes(data)
    return read_appointments(path, zone=LA, match=None, duration=minutes(40), now=NOW)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            invite("SUMMARY:K\nDTSTART;TZID=Custom:20301202T100000\n", zones=zone_changing("MINUTELY")),
            "'invite.ics' defines a time zone whose clocks change minutely; export the calendar again",
            id="vtimezone-minutely-took-157s-1.7GB",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART;TZID=Custom:20301202T100000\n", zones=zone_changing("SECONDLY")),
            "defines a time zone whose clocks change secondly",
            id="vtimezone-secondly-ran-out-of-memory",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART:20301202T100000Z\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\n"),
            "the event 'K': its RRULE 'FREQ=SECONDLY;BYMONTHDAY=30;BYMONTH=2' repeats secondly",
            id="never-matching-rule-took-10s",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART:20301202T100000Z\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=2\n"),
            "names no day that exists",
            id="february-30",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART;TZID=" + "a/" * 2000 + "b:20301202T100000\n"),
            "'invite.ics' names a time zone 'a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a…' that is no zone",
            id="2000-level-tzid-was-a-recursion-error",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART:99991231T100000Z\n"),
            "the event 'K': it starts in the year 9999; pumpplan plans between 1900 and 2200",
            id="year-9999",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART;TZID=America/Los_Angeles:20300310T023000\n"),
            "the event 'K': 2030-03-10 02:30 does not exist in America/Los_Angeles: the clocks skip",
            id="dst-gap-was-resolved-silently",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART:20301202T100000Z\nRRULE:FREQ=DAILY;COUNT=2;X-A=\x1b[2J\n"),
            "unknown parameter 'X-A'",
            id="escape-in-rrule",
        ),
        pytest.param(
            invite("SUMMARY:K\nDTSTART:20301202T100000Z\nRRULE:COUNT=2\n"),
            "the event 'K': ",
            id="rrule-without-freq",
        ),
    ],
)
def test_a_hostile_calendar_is_one_message_at_once(tmp_path: Path, data: bytes, message: str) -> None:
    """Each is refused in well under a second, its message free of raw controls and library internals."""
    began = time.monotonic()
    with pytest.raises(InputError) as caught:
        read(tmp_path, data)
    assert time.monotonic() - began < 2
    text = str(caught.value)
    assert message in text
    assert "\x1b" not in text
    for internal in ("__init__", "datetime.datetime(", "site-packages", "Traceback"):
        assert internal not in text


def test_a_utf16_calendar_is_read(tmp_path: Path) -> None:
    """A UTF-16 .ics with its byte-order mark was 'not a text file'; it is read."""
    data = invite("SUMMARY:K\nDTSTART:20301202T180000Z\n").decode().encode("utf-16")
    found = read(tmp_path, data)
    assert [i.start.astimezone(UTC) for i in found] == [datetime(2030, 12, 2, 18, tzinfo=UTC)]  # type: ignore[attr-defined]
