"""The milk stash through the command line: plan with stash options, the stash command, JSON, .ics."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app
from tests.ics_readers import read_ical

LA = ZoneInfo("America/Los_Angeles")
COURSE = ["2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", "--tz", "America/Los_Angeles"]
HEADING = "Milk to store before the infusions"
NOW = "2030-11-20"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run pumpplan in-process and return exit code, stdout and stderr."""
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    """Return the words of an output on one line, without the table's box drawing."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_plan_shows_the_stash_only_when_a_stash_option_is_given(fmt: str) -> None:
    """--intake adds the need and the build-up to the plan; without it the plan is as before."""
    code, out, err = run("plan", *COURSE, "-f", fmt, "--intake", "750ml", "--start-pumping", NOW)
    assert (code, err) == (0, "")
    out = flat(out)
    assert HEADING in out
    assert "at 750 mL a day" in out
    assert "about 9 L" in out
    assert "extra times a day" in out
    assert "09:00-09:20" in out  # the schedule is still there
    assert "Fridge, 40 °F (4 °C): up to 4 days." not in out  # the day-by-day storage is the stash command's
    _, plain, _ = run("plan", *COURSE, "-f", fmt)
    assert HEADING not in plain


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_stash_command_shows_need_build_up_and_storage_instead_of_the_schedule(fmt: str) -> None:
    """pumpplan stash gives the published intake with its range, the build-up and the storage."""
    code, out, err = run("stash", *COURSE, "-f", fmt, "--start-pumping", NOW, "--units", "ml")
    assert (code, err) == (0, "")
    out = flat(out)
    assert "published figure for babies 1 to 6 months" in out
    assert "570 mL to 900 mL" in out
    assert "Fridge, 40 °F (4 °C): up to 4 days." in out
    assert "freeze" in out
    assert "09:00-09:20" not in out


def test_units_follow_the_locale_unless_given() -> None:
    """An en_US locale measures in ounces; --units ml wins over it."""
    us = {"LANG": "en_US.UTF-8"}
    _, out, _ = run("plan", *COURSE, "-f", "plain", "--intake", "25oz", env=us)
    assert "at 25 oz a day" in out
    _, out, _ = run("plan", *COURSE, "-f", "plain", "--intake", "25oz", "--units", "ml", env=us)
    assert "at 740 mL a day" in out


def test_json_adds_a_stash_object_and_keeps_the_contract() -> None:
    """The stash is an additive key after the pumpplan/1 keys, in mL and ISO dates."""
    code, out, _ = run("plan", *COURSE, "-f", "json", "--intake", "750ml", "--start-pumping", NOW)
    document = json.loads(out)
    assert code == 0
    assert list(document) == [
        "schema",
        "timezone",
        "rule",
        "infusions",
        "windows",
        "events",
        "warnings",
        "disclaimer",
        "rule_source",
        "stash",
    ]
    stash = document["stash"]
    assert stash["intake_ml_per_day"] == 750
    assert [w["start"] for w in stash["windows"]] == [w["start"] for w in document["windows"]]
    assert stash["total_need_ml"] == pytest.approx(sum(w["need_ml"] for w in stash["windows"]), abs=2)
    assert 9000 <= stash["total_need_ml"] <= 9100  # two windows of 6 days 40 min at 750 mL a day
    assert stash["build_up"]["start"] == NOW
    assert stash["build_up"]["met"] is False
    _, out, _ = run("plan", *COURSE, "-f", "json")
    assert "stash" not in json.loads(out)


def test_calendar_carries_freeze_and_thaw_reminders_at_eight_pm() -> None:
    """With a stash, the .ics holds a reminder with an alarm for each day milk is frozen or thawed."""
    args = ["2030-12-02 10:00", "--tz", "America/Los_Angeles", "--intake", "600ml", "--start-pumping", NOW]
    code, out, _ = run("stash", *args, "-f", "json")
    assert code == 0
    portions = json.loads(out)["stash"]["storage"]
    frozen = {p["pumped"] for p in portions if p["storage"] == "freezer"}
    thawed = {p["thaw_on"] for p in portions if p["thaw_on"]}
    assert frozen
    assert thawed
    result = CliRunner().invoke(app, ["stash", *args, "-f", "ics"])
    events = read_ical(result.stdout_bytes)
    freeze = [e for e in events if e.summary.startswith("Freeze")]
    thaw = [e for e in events if e.summary.startswith("Thaw")]
    assert {e.start.astimezone(LA).date().isoformat() for e in freeze} == frozen
    assert {e.start.astimezone(LA).date().isoformat() for e in thaw} == thawed
    assert {e.start.astimezone(LA).time() for e in freeze + thaw} == {time(20)}
    assert {e.alarms for e in freeze + thaw} == {(0,)}  # at 8 pm itself
    plain = CliRunner().invoke(app, ["plan", *args[:3], "-f", "ics"]).stdout_bytes
    assert not [e for e in read_ical(plain) if e.summary.startswith(("Freeze", "Thaw"))]


def test_stash_handout_adds_the_storage_to_the_checklist(tmp_path: Path) -> None:
    """pumpplan stash -o stash.html is the handout with the whole stash, storage day by day too."""
    target = tmp_path / "stash.html"
    code, _, _ = run("stash", *COURSE, "--start-pumping", NOW, "--units", "ml", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert code == 0
    assert HEADING in page
    assert "Fridge, 40 °F (4 °C): up to 4 days." in page
    assert "Mon Dec 2" in page  # the checklist is still there


def test_a_start_that_is_too_late_says_so_with_the_options() -> None:
    """A build-up that cannot be met says how short it is and what to discuss with the provider."""
    _, out, _ = run("stash", *COURSE, "-f", "plain", "--start-pumping", "2030-11-30", "--units", "ml")
    assert "There is not enough time to pump all this milk first." in out
    assert "short" in out
    assert "Formula can make it up, or donor milk from a milk bank." in out
    assert "A shorter time without breastfeeding may be possible" in out


def test_spanish_stash_is_spanish() -> None:
    """--lang es translates the stash section and its storage too."""
    _, out, _ = run("stash", *COURSE, "-f", "plain", "--lang", "es", "--start-pumping", NOW)
    assert "Leche para guardar antes de las infusiones" in out
    assert "Refrigerador, 40 °F (4 °C): hasta 4 días." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["plan", "--intake", "750ml", "--baby-age", "3mo"], "not both", id="intake-and-age"),
        pytest.param(["plan", "--intake", "lots"], "--intake 'lots' is not an amount", id="intake-garbage"),
        pytest.param(["plan", "--intake", "750"], "needs a unit", id="intake-no-unit"),
        pytest.param(["plan", "--intake", "-1oz"], "must be more than zero", id="intake-negative"),
        pytest.param(["plan", "--baby-age", "9mo"], "only for babies 1 to 6 months", id="age-out-of-range"),
        pytest.param(["plan", "--feed-size", "2l"], "is more than 500 mL", id="feed-too-big"),
        pytest.param(["plan", "--feed-size", "0.0001ml"], "is less than 10 mL", id="feed-too-small"),
        pytest.param(["plan", "--intake", "1ml"], "is less than 30 mL", id="intake-too-small"),
        pytest.param(["plan", "--extra-yield", "none"], "--extra-yield 'none'", id="yield-garbage"),
        pytest.param(["plan", "--units", "gallons"], "--units 'gallons' is not known", id="units"),
        pytest.param(
            ["plan", "--start-pumping", "2031-01-01"], "is after the first infusion", id="start-late"
        ),
        pytest.param(["plan", "--start-pumping", "2029-01-01"], "more than 6 months", id="start-early"),
        pytest.param(["plan", "--start-pumping", "someday"], "--start-pumping 'someday'", id="start-bad"),
        pytest.param(["stash", "-f", "csv"], "pumpplan stash writes", id="stash-csv"),
        pytest.param(["stash", "-o", "stash.csv"], "pumpplan stash writes", id="stash-csv-file"),
    ],
)
def test_bad_stash_options_are_one_line_errors(args: list[str], message: str) -> None:
    """Every bad stash value ends in one 'error:' line naming it, exit 2, nothing on stdout."""
    code, out, err = run(*args, "2030-12-02 10:00", "--tz", "UTC")
    assert (code, out) == (2, "")
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert message in err


def test_start_pumping_defaults_to_today_and_accepts_words() -> None:
    """Without --start-pumping the build-up starts today; 'today' and 'tomorrow' are dates too."""
    args = ["plan", "tomorrow 10:00", "--tz", "UTC", "--intake", "750ml", "-f", "json"]
    today = datetime.now(UTC).date()
    starts = [
        json.loads(run(*args, *extra)[1])["stash"]["build_up"]["start"]
        for extra in ([], ["--start-pumping", "today"], ["--start-pumping", "tomorrow"])
    ]
    assert starts == [today.isoformat(), today.isoformat(), (today + timedelta(days=1)).isoformat()]


@pytest.mark.parametrize("command", ["plan", "stash"])
def test_help_offers_exactly_the_formats_and_suffixes_of_the_format_table(command: str) -> None:
    """Both commands' help lists every format and suffix there is, and says the stash writes no CSV."""
    from pumpplan.render import FORMATS, SUFFIXES

    code, out, _ = run(command, "--help", env={"COLUMNS": "200"})
    assert code == 0
    listed = re.search(r"FORMAT\s+(.*?) \(the stash: all but csv\)", flat(out))
    assert listed is not None
    assert {name.strip() for name in re.split(r",| or ", listed[1])} == set(FORMATS)
    suffixes = re.search(r"Write to this file \(([^)]*)\)", flat(out))
    assert suffixes is not None
    assert suffixes[1].split() == list(SUFFIXES)
    assert [name for name, fmt in FORMATS.items() if fmt.events_only] == ["csv"]
