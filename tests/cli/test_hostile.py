"""The attack pass's reproducers, one each: the message, the exit code and what is on disk after."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import installed, run

WHEN = "2030-12-02 10:00"


def attempt(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """Run 'pumpplan plan' writing to tmp_path/plan.ics; return the code, stdout and stderr."""
    return run("plan", *args, "-o", str(tmp_path / "plan.ics"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["9999-12-28 10:00", "--tz", "UTC"],
            "error: the time 9999-12-28 10:00 is in the year 9999; pumpplan plans between 1900 and 2200\n",
            id="year-9999",
        ),
        pytest.param(
            ["2026-12-07T10:00+25:00", "--tz", "UTC"],
            "error: the time 2026-12-07 10:00 has the UTC offset +25:00; offsets run from -12:00 to +14:00\n",
            id="offset-25h",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--duration", "²"],
            "error: --duration '²' is not a length of time; write e.g. '40m', '1h30m' or '90'\n",
            id="unicode-digit",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--every", "mon", "--count", "٣"],
            "error: --count '٣' is not a whole number; write e.g. --count 6\n",
            id="arabic-digit-count",
        ),
        pytest.param(
            [WHEN, "--tz", "America"],
            "error: unknown time zone 'America'; use an IANA name such as 'America/",
            id="zone-folder",
        ),
        pytest.param(
            [WHEN, "--tz", "Pacifc/Auckland"],
            "error: unknown time zone 'Pacifc/Auckland'; use an IANA name such as 'Pacific/Auckland'",
            id="zone-typo",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--rrule", "FREQ=DAILY;INTERVAL=0;COUNT=3"],
            "error: --rrule 'FREQ=DAILY;INTERVAL=0;COUNT=3': INTERVAL=0 must be a whole number from 1",
            id="interval-0",
        ),
        pytest.param(
            [WHEN, "--tz", "UTC", "--rrule", "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30"],
            "error: --rrule 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30' repeats secondly;",
            id="never-matching-rule",
        ),
        pytest.param(
            [
                WHEN,
                "--tz",
                "UTC",
                "--rrule",
                "FREQ=WEEKLY;COUNT=150",
                "--dump-hours",
                "30d",
                "--pump-every",
                "30m",
                "--session",
                "1m",
            ],
            "error: this plan would hold about 51,955 events, more than 50,000; give fewer infusions, "
            "a shorter --dump-hours or a longer --pump-every\n",
            id="millions-of-events",
        ),
    ],
)
def test_hostile_values_are_one_line_exit_2_and_nothing_written(
    tmp_path: Path, args: list[str], message: str
) -> None:
    """Each used to be a traceback, a wrong plan or a hang; now one line, exit 2, no file."""
    code, out, err = attempt(tmp_path, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("typed", ["utc", "america/chicago"])
def test_a_zone_in_another_case_makes_the_plan(tmp_path: Path, typed: str) -> None:
    """An unambiguous case difference is the right zone, written as IANA spells it."""
    code, _, err = run("plan", WHEN, "--tz", typed, "-f", "json", "-o", str(tmp_path / "plan.json"))
    assert (code, err) == (0, f"wrote {tmp_path / 'plan.json'}\n")
    key = "UTC" if typed == "utc" else "America/Chicago"
    assert f'"timezone": "{key}"' in (tmp_path / "plan.json").read_text(encoding="utf-8")


def test_tz_as_a_path_plans_in_that_zone_not_the_systems() -> None:
    """TZ=/usr/share/zoneinfo/Asia/Tokyo used to plan in /etc/localtime's zone with exit 0."""
    result = installed("plan", WHEN, "-f", "json", env={"TZ": "/usr/share/zoneinfo/Asia/Tokyo"})
    assert result.returncode == 0, result.stderr
    assert '"timezone": "Asia/Tokyo"' in result.stdout
    assert '"start": "2030-12-02T10:00:00+09:00"' in result.stdout


def test_a_tz_posix_rule_is_an_error_naming_tz(tmp_path: Path) -> None:
    """TZ=JST-9 is not silently replaced by another zone: one line naming --tz, exit 2, no file."""
    result = installed("plan", WHEN, "-o", str(tmp_path / "plan.ics"), env={"TZ": "JST-9"})
    assert result.returncode == 2
    assert result.stderr == (
        "error: the TZ setting 'JST-9' is not an IANA time zone name; give the zone with --tz, "
        "e.g. --tz America/Chicago, or set TZ to such a name\n"
    )
    assert list(tmp_path.iterdir()) == []
