"""Zones: any case of an IANA name, the system's from TZ or /etc/localtime, anything else one clear line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from dateutil.tz import tzoffset

from pumpplan.errors import InputError
from pumpplan.inputs.zones import check_moment, load_zone, system_zone_name


@pytest.mark.parametrize(
    ("typed", "key"),
    [("utc", "UTC"), ("america/chicago", "America/Chicago"), ("EUROPE/BERLIN", "Europe/Berlin")],
)
def test_a_name_in_another_case_is_the_zone_it_names(typed: str, key: str) -> None:
    """An unambiguous case difference is accepted as the right zone."""
    assert load_zone(typed).key == key


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param(
            "America",
            "unknown time zone 'America'; use an IANA name such as 'America/",
            id="folder-of-zones",
        ),
        pytest.param(
            "Pacific", "unknown time zone 'Pacific'; use an IANA name such as '", id="folder-pacific"
        ),
        pytest.param(
            "Amrica/Chicago",
            "unknown time zone 'Amrica/Chicago'; use an IANA name such as 'America/Chicago'",
            id="typo",
        ),
        pytest.param("../../etc/passwd", "unknown time zone '../../etc/passwd'", id="path"),
        pytest.param("a/" * 2000 + "b", "unknown time zone 'a/a/a/", id="deeply-nested"),
        pytest.param("x" * 5000, "unknown time zone 'xxxx", id="very-long"),
        pytest.param("zone.tab", "unknown time zone 'zone.tab'", id="not-a-zone-file"),
    ],
)
def test_an_unknown_zone_is_one_line_naming_the_closest(typed: str, message: str) -> None:
    """A folder, a typo, a path or an absurd name ends in one message with the closest IANA zones."""
    with pytest.raises(InputError) as caught:
        load_zone(typed)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("tz", "key"),
    [
        ("/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"),
        (":Asia/Tokyo", "Asia/Tokyo"),
        (":/usr/share/zoneinfo/America/Chicago", "America/Chicago"),
    ],
)
def test_tz_as_a_path_names_its_zone(monkeypatch: pytest.MonkeyPatch, tz: str, key: str) -> None:
    """TZ=/usr/share/zoneinfo/Asia/Tokyo is Asia/Tokyo: it used to fall back to /etc/localtime."""
    monkeypatch.setenv("TZ", tz)
    assert system_zone_name() == key
    assert load_zone(None).key == key


@pytest.mark.parametrize("tz", ["JST-9", "EST5EDT,M3.2.0,M11.1.0", "/tmp/not-a-zone", "a/" * 2000])
def test_a_tz_that_is_set_but_unusable_is_an_error_naming_tz(
    monkeypatch: pytest.MonkeyPatch, tz: str
) -> None:
    """A POSIX rule or a stray path in TZ is an error that says to give --tz, never a silent other zone."""
    monkeypatch.setenv("TZ", tz)
    with pytest.raises(InputError, match="is not an IANA time zone name; give the zone with --tz"):
        load_zone(None)


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        pytest.param(
            datetime(2026, 12, 7, 10, tzinfo=tzoffset(None, 25 * 3600)),
            "the time 2026-12-07 10:00 has the UTC offset +25:00; offsets run from -12:00 to +14:00",
            id="offset-25h",
        ),
        pytest.param(
            datetime(2026, 12, 7, 10, tzinfo=tzoffset(None, -24 * 3600)),
            "the time 2026-12-07 10:00 has the UTC offset -24:00",
            id="offset-minus-24h",
        ),
        pytest.param(
            datetime(9999, 12, 28, 10, tzinfo=UTC),
            "the time 9999-12-28 10:00 is in the year 9999; pumpplan plans between 1900 and 2200",
            id="year-9999",
        ),
        pytest.param(
            datetime(1, 1, 1, 10, tzinfo=timezone(timedelta(hours=1))),
            "the time 0001-01-01 10:00 is in the year 1",
            id="year-1",
        ),
    ],
)
def test_times_outside_the_years_or_offsets_a_plan_can_hold_are_refused(
    moment: datetime, message: str
) -> None:
    """Years 1900-2200 and offsets under 18 h pass; others are one message instead of an overflow."""
    with pytest.raises(InputError) as caught:
        check_moment(moment, "the time")
    assert str(caught.value).startswith(message)


def test_times_inside_the_range_pass() -> None:
    """The first and last years and a +14:00 offset are kept."""
    for moment in (
        datetime(1900, 1, 1, tzinfo=UTC),
        datetime(2200, 12, 31, tzinfo=timezone(timedelta(hours=14))),
    ):
        assert check_moment(moment, "the time") is moment
