"""Input that cannot mislead, through the command line: years, the locale's date order, titles, options.

Where the reading depends on today, the dates are computed from the real today in Los Angeles.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import calendar, run, today

LA = ["--tz", "America/Los_Angeles"]


def starts(out: str) -> list[str]:
    """Return the infusions' starts of a JSON plan, as 'YYYY-MM-DDTHH:MM'."""
    return [i["start"][:16] for i in json.loads(out)["infusions"]]


def typed(day: date) -> str:
    """Return a date as she types it without a year, 'Nov 24'."""
    return f"{day:%b} {day.day}"


def shown(day: date) -> str:
    """Return a day as the plain output shows it: 'Tue Nov 24', with its year outside this one."""
    return f"{day:%a %b} {day.day}" + (f" {day.year}" if day.year != today().year else "")


# --- a date without a year is the nearest one -------------------------------------------------


def test_a_date_that_just_passed_stays_in_this_year_with_the_past_warning() -> None:
    """Two days ago, typed without a year, is two days ago: the plan warns it is in the past."""
    past = today() - timedelta(days=2)
    code, out, err = run("plan", f"{typed(past)} 10am", *LA, "-f", "json")
    assert (code, err) == (0, "")
    assert starts(out) == [f"{past:%Y-%m-%d}T10:00"]
    assert any("in the past" in warning for warning in json.loads(out)["warnings"])


def test_the_plain_plan_of_a_recent_date_shows_its_true_weekday() -> None:
    """'I had my infusion on Tuesday': the day shown is that day, with its real weekday."""
    past = today() - timedelta(days=2)
    code, out, _ = run("plan", f"{typed(past)} 10am", *LA, "-f", "plain")
    assert code == 0
    assert f"Infusions:             1, on {shown(past)} 10:00" in out
    assert "infusion is in the past" in out


@pytest.mark.parametrize("days", [-150, -40, 40, 150])
def test_a_date_within_half_a_year_either_way_keeps_its_year(days: int) -> None:
    """A date 40 or 150 days away, back or ahead, is read in that date's year, not pushed a year on."""
    day = today() + timedelta(days=days)
    code, out, _ = run("plan", f"{typed(day)} 10:00", *LA, "-f", "json")
    assert code == 0
    assert starts(out) == [f"{day:%Y-%m-%d}T10:00"]


def test_yesterday_and_last_weekday_are_in_the_past() -> None:
    """'yesterday 10:00' and 'last <weekday> 10:00' plan an infusion already had."""
    now = today()
    code, out, _ = run("plan", "yesterday 10:00", *LA, "-f", "json")
    assert code == 0
    assert starts(out) == [f"{now - timedelta(days=1):%Y-%m-%d}T10:00"]
    weekday = f"{now:%A}".lower()
    code, out, _ = run("plan", f"last {weekday} 10:00", *LA, "-f", "json")
    assert code == 0
    assert starts(out) == [f"{now - timedelta(days=7):%Y-%m-%d}T10:00"]


# --- everyday phrasings -----------------------------------------------------------------------


def test_next_weekday_and_a_time_after_the_day_mean_the_next_one() -> None:
    """'next monday 10am', '10am monday' and 'mon 10am' are the same next Monday, never today."""
    now = today()
    monday = now + timedelta(days=(0 - now.weekday() - 1) % 7 + 1)
    for words in (["next monday 10am"], ["10am monday"], ["mon 10am"], ["10am", "monday"]):
        code, out, err = run("plan", *words, *LA, "-f", "json")
        assert (code, err) == (0, ""), words
        assert starts(out) == [f"{monday:%Y-%m-%d}T10:00"], words


def test_tomorrow_noon_and_quiet_hours_in_am_pm() -> None:
    """'tomorrow noon' is 12:00 tomorrow; --quiet 11pm-6am is 23:00-06:00."""
    tomorrow = today() + timedelta(days=1)
    code, out, err = run("plan", "tomorrow noon", "--quiet", "11pm-6am", *LA, "-f", "plain")
    assert (code, err) == (0, "")
    assert f"\n{shown(tomorrow)}\n" in out
    assert "12:00-12:40    Ketamine infusion" in out
    assert "At night, from 23:00 to 06:00" in out


def test_a_time_without_a_day_still_says_what_to_add() -> None:
    """'10am' alone has no date: the message suggests a day word, exit 2."""
    code, out, err = run("plan", "10am", *LA)
    assert (code, out) == (2, "")
    assert "'10am' has no date; write e.g. 'tomorrow 10am'" in err


# --- her locale's order of day and month ------------------------------------------------------


SPANISH_DAYS = ("lun", "mar", "mié", "jue", "vie", "sáb", "dom")


def test_numeric_dates_follow_a_mexican_locale_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG=es_MX: 3/4 is 3 April, and stderr says, in Spanish, how it was read and the other way."""
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    year = today().year + 1
    code, out, err = run("plan", f"3/4/{year} 10:00", *LA, "-f", "json")
    assert code == 0
    assert starts(out) == [f"{year}-04-03T10:00"]
    april, march = SPANISH_DAYS[date(year, 4, 3).weekday()], SPANISH_DAYS[date(year, 3, 4).weekday()]
    assert err == (
        f"se leyó '3/4/{year}' como {april} 3 abr {year} (primero el día, como se escriben las fechas en "
        f"su configuración regional es_MX); con --monthfirst se lee como {march} 4 mar {year}\n"
    )


def test_numeric_dates_follow_a_us_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG=en_US: 3/4 is March 4, said on stderr."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    year = today().year + 1
    code, out, err = run("plan", f"3/4/{year} 10:00", *LA, "-f", "json")
    assert code == 0
    assert starts(out) == [f"{year}-03-04T10:00"]
    assert "(month first, as your locale en_US writes dates); --dayfirst reads it as" in err


def test_monthfirst_overrides_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """--monthfirst reads 3/4 as March 4 even in a day-first locale; both flags at once are refused."""
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    year = today().year + 1
    code, out, err = run("plan", f"3/4/{year} 10:00", "--monthfirst", *LA, "-f", "json")
    assert code == 0
    assert starts(out) == [f"{year}-03-04T10:00"]
    assert "(--monthfirst)" in err
    code, out, err = run("plan", f"3/4/{year} 10:00", "--monthfirst", "--dayfirst", *LA)
    assert (code, out) == (2, "")
    assert err == "error: give either --dayfirst or --monthfirst, not both\n"


def test_babel_is_imported_only_for_a_numeric_date() -> None:
    """A plan typed with words or ISO dates never loads Babel; one with 3/4/2030 does."""
    code = (
        "import sys\n"
        "from pumpplan.cli import main\n"
        "sys.argv = ['pumpplan', 'plan', sys.argv[1], '--tz', 'UTC', '-f', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('babel' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "LANG": "en_GB.UTF-8"}
    for when, imported in (
        ("2030-12-02 10:00", "False"),
        ("Dec 2 10:00", "False"),
        ("3/4/2030 10:00", "True"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, when],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env=env,
        )
        assert done.stderr.strip().splitlines()[-1] == imported, when


# --- a calendar's other appointments ----------------------------------------------------------

INFUSION = "SUMMARY:Ketamine infusion\nDTSTART:2030070{d}T170000Z\nDURATION:PT{m}M\n"
VISIT = "SUMMARY:Pediatrician\nDTSTART:20300710T170000Z\nDURATION:PT30M\n"


def invite(tmp_path: Path, *events: str) -> str:
    """Write an invite with CRLF line ends and return its path."""
    path = tmp_path / "invite.ics"
    path.write_bytes(calendar(*events).replace("\n", "\r\n").encode())
    return str(path)


def test_a_calendar_with_another_appointment_is_refused_with_its_titles(tmp_path: Path) -> None:
    """A pediatrician's visit is not planned as an infusion: exit 2 with the titles, counts and a --match."""
    path = invite(tmp_path, *(INFUSION.format(d=d, m=40) for d in (1, 3, 5)), VISIT)
    code, out, err = run("plan", "--from", path, *LA)
    assert (code, out) == (2, "")
    assert err == (
        "error: 'invite.ics' holds appointments with 2 different titles: 'Ketamine infusion' (3), "
        "'Pediatrician' (1); only infusions belong in the plan: pick them by title, "
        "e.g. --match 'Ketamine infusion'\n"
    )


def test_what_a_calendar_gave_is_said(tmp_path: Path) -> None:
    """With --match, stderr names the count, the title and the file of the infusions read."""
    path = invite(tmp_path, INFUSION.format(d=1, m=40), INFUSION.format(d=3, m=40), VISIT)
    code, out, err = run("plan", "--from", path, "--match", "ketamine", *LA, "-f", "json")
    assert code == 0
    assert err == "read 2 infusions titled 'Ketamine infusion' from 'invite.ics'\n"
    assert len(json.loads(out)["infusions"]) == 2


# --- conventions ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["-h"], ["plan", "-h"], ["stash", "-h"]])
def test_h_is_help(args: list[str]) -> None:
    """-h shows the help, as --help does."""
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert out.startswith("Usage: ")
    assert "-h, --help" in out


def test_version_after_a_command_says_where_it_belongs() -> None:
    """'plan --version' says --version is pumpplan's own, and suggests no unrelated option."""
    code, out, err = run("plan", "--version")
    assert (code, out) == (2, "")
    assert "--version belongs to pumpplan itself, not to a command: type 'pumpplan --version'" in err
    assert "--duration" not in err


def test_a_misspelt_option_suggests_the_one_meant_only() -> None:
    """'--quite' suggests --quiet, not options that merely share letters."""
    code, out, err = run("plan", "tomorrow 10:00", "--quite", "23:00-06:00")
    assert (code, out) == (2, "")
    assert "No such option: --quite (Possible options: --quiet)" in err


def test_output_dash_writes_to_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-o - prints the plan in --format (default the table) and writes no file named '-'."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run("plan", "2030-12-02 10:00", *LA, "-o", "-", "-f", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["schema"] == "pumpplan/1"
    code, out, err = run("plan", "2030-12-02 10:00", *LA, "-o", "-")
    assert (code, err) == (0, "")
    assert "Breastfeeding plan around ketamine infusions" in out
    assert list(tmp_path.iterdir()) == []


def test_count_and_until_together_are_refused() -> None:
    """--count and --until both end a course: give one."""
    args = ["2030-12-02 10:00", "--every", "mon", "--count", "3", "--until", "2030-12-31", *LA]
    code, out, err = run("plan", *args)
    assert (code, out) == (2, "")
    assert err == "error: give either --count or --until to end the course, not both\n"


def test_until_before_the_first_infusion_names_both_dates() -> None:
    """--until before the first infusion says both days, not merely that the series is empty."""
    code, out, err = run("plan", "2030-12-02 10:00", "--every", "mon", "--until", "2030-11-30", *LA)
    assert (code, out) == (2, "")
    assert err == (
        "error: --until Sat Nov 30 2030 is before the first infusion, Mon Dec 2 2030; "
        "give the day of the last infusion\n"
    )


# --- what every output shows ---------------------------------------------------------------


def test_every_output_shows_the_year_of_a_day_outside_this_one() -> None:
    """A plan next year shows the year on each day; this year's days show none."""
    year = today().year + 1
    code, out, _ = run("plan", f"{year}-03-04 10:00", *LA, "-f", "plain")
    assert code == 0
    assert f"Infusions:             1, on Thu Mar 4 {year} 10:00" in out
    assert f"\nThu Mar 4 {year}\n" in out
    code, out, _ = run("plan", "2030-03-04 10:00", *LA, "-f", "csv")
    assert "2030-03-04" in out


def test_the_rule_line_gives_the_lengths_the_calendar_gave(tmp_path: Path) -> None:
    """The rule says the infusions' own length (1 h, not the default 40 min), or their range."""
    path = invite(tmp_path, INFUSION.format(d=1, m=60), INFUSION.format(d=3, m=60))
    code, out, _ = run("plan", "--from", path, *LA, "-f", "plain")
    assert code == 0
    assert "An infusion lasts 1 h." in out
    path = invite(tmp_path, INFUSION.format(d=1, m=40), INFUSION.format(d=3, m=60))
    code, out, _ = run("plan", "--from", path, *LA, "-f", "plain")
    assert code == 0
    assert "Your infusions last 40 min to 1 h." in out
