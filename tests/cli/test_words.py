"""Her clock, her numbers and every break to breastfeed, as her locale reads them."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from pumpplan.cli import app

TUE_FRI = ["2030-12-03 10:00", "--every", "tue,fri", "--count", "8", "--tz", "America/Los_Angeles"]


def run(*args: str, lang: str = "C.UTF-8", columns: str | None = None) -> tuple[int, str, str]:
    """Run pumpplan under a locale; return the exit code, stdout and stderr."""
    env = {"LANG": lang, **({"COLUMNS": columns} if columns else {})}
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("lang", "time", "zone"),
    [
        ("en_US.UTF-8", "9:00-9:20 a.m.", "Pacific Time (Los Angeles)"),
        ("en_GB.UTF-8", "09:00-09:20", "Pacific Time (Los Angeles)"),
        ("es_MX.UTF-8", "9:00-9:20 a.m.", "hora del Pacífico (Los Ángeles)"),
        ("es_US.UTF-8", "9:00-9:20 a.m.", "hora del Pacífico (Los Ángeles)"),
    ],
)
def test_times_and_zone_follow_the_locale(lang: str, time: str, zone: str) -> None:
    """en_US, es_MX and es_US read the 12-hour clock; en_GB the 24-hour; the zone as people say it."""
    code, out, _ = run("plan", *TUE_FRI, "-f", "plain", lang=lang)
    assert code == 0
    assert f"  {time} " in out
    assert zone in out


def test_midnight_and_noon_are_named_on_the_12_hour_clock() -> None:
    """'12:00 a.m.' alone is misread: midnight and noon say so."""
    code, out, _ = run("plan", *TUE_FRI, "-f", "plain", lang="en_US.UTF-8")
    assert code == 0
    assert "12:00-12:20 a.m. (midnight)" in out
    assert "12:00-12:20 p.m. (noon)" in out


def test_clock_option_overrides_the_locale_and_refuses_other_clocks() -> None:
    """--clock 24 under en_US gives 14:00; --clock 12 under en_GB gives 2:00 p.m.; --clock 13 is refused."""
    assert "15:00-15:20" in run("plan", *TUE_FRI, "-f", "plain", "--clock", "24", lang="en_US.UTF-8")[1]
    assert "3:00-3:20 p.m." in run("plan", *TUE_FRI, "-f", "plain", "--clock", "12", lang="en_GB.UTF-8")[1]
    code, _, err = run("plan", *TUE_FRI, "--clock", "13")
    assert code == 2
    assert "--clock '13'" in err or "--clock 13" in err


def test_machine_formats_keep_iso_times_under_a_12_hour_locale() -> None:
    """JSON and CSV are unchanged by the locale: ISO times with their offset."""
    code, out, _ = run("plan", *TUE_FRI, "-f", "csv", lang="en_US.UTF-8")
    assert code == 0
    assert "2030-12-03T09:00-08:00" in out
    assert "a.m." not in out


@pytest.mark.parametrize("fmt", ["plain", "markdown", "table", "html"])
@pytest.mark.parametrize("lang", ["en_US.UTF-8", "en_GB.UTF-8", "es_MX.UTF-8", "es_US.UTF-8"])
def test_every_break_to_breastfeed_is_listed_with_its_start_and_end(fmt: str, lang: str) -> None:
    """A Tue/Fri course of 8 has 7 breaks between no-breastfeeding times; each shows in the summary."""
    code, out, _ = run("plan", *TUE_FRI, "-f", fmt, lang=lang)
    assert code == 0
    spanish = lang.startswith("es")
    first = "del jue 5 dic" if spanish else "Thu Dec 5"
    last = "al vie 27 dic" if spanish else "to Fri Dec 27"
    assert first in out
    assert last in out
    breaks = re.findall(r"(?:Dec \d+|\d+ dic)(?: \d{4})? 10:40(?: a\\?\.m\\?\.)? (?:to|al) ", out)
    assert len(breaks) >= 7


def test_a_narrow_terminal_gets_the_plain_layout_and_no_trailing_spaces() -> None:
    """At 60 columns the table is the plain layout; piped text honours COLUMNS and ends no line in a space."""
    code, out, _ = run("plan", *TUE_FRI, "--count", "6", lang="en_US.UTF-8", columns="60")
    assert code == 0
    assert "Rule:" in out
    assert "╭" not in out
    code, wide, _ = run("plan", *TUE_FRI, lang="en_US.UTF-8", columns="120")
    assert "╭" in wide
    assert max(len(line) for line in wide.splitlines()) <= 120
    assert not [line for line in wide.splitlines() if line.endswith(" ")]


def test_spanish_status_line() -> None:
    """Under --lang es the line that names the file written is Spanish."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "plan.txt"
        code, _, err = run("plan", *TUE_FRI, "--lang", "es", "-o", str(target), lang="es_MX.UTF-8")
    assert code == 0
    assert err == f"se guardó {target}\n"


@pytest.mark.parametrize(
    ("lang", "zone", "name"),
    [
        ("en_US.UTF-8", "Europe/London", "United Kingdom Time (London)"),
        ("es_MX.UTF-8", "Europe/London", "hora de Reino Unido (Londres)"),
        ("es_US.UTF-8", "Asia/Kolkata", "hora de India (Kolkata)"),
        ("es_MX.UTF-8", "Etc/UTC", "UTC"),
        ("en_GB.UTF-8", "UTC", "UTC"),
    ],
)
def test_a_zone_named_after_its_country_is_not_called_summer_time(lang: str, zone: str, name: str) -> None:
    """London in December is not 'hora de verano'; UTC is written 'UTC', not 'Etc/UTC'."""
    code, out, _ = run("plan", "2030-12-02 10:00", "--tz", zone, "-f", "plain", lang=lang)
    assert code == 0
    assert re.search(rf"(Time zone|Zona horaria): +{re.escape(name)}\n", out)
    assert "verano" not in out


def test_a_sentence_that_ends_on_a_time_ends_with_one_full_stop() -> None:
    """'… until 11:00 a.m..' was a slip: a.m. ends the sentence too; the calendar says it the same way."""
    args = ["plan", "2030-12-02 10:00", "2030-12-04 11:00", "--tz", "America/Los_Angeles"]
    for fmt in ("plain", "markdown", "table", "html", "ics"):
        code, out, _ = run(*args, "-f", fmt, lang="en_US.UTF-8")
        assert code == 0
        assert "a.m.." not in out.replace("\r\n ", "")
        assert "p.m.." not in out.replace("\r\n ", "")
    assert "11:00 a.m. You may prefer" in run(*args, "-f", "plain", lang="en_US.UTF-8")[1]


def test_spanish_says_la_una_not_las_una() -> None:
    """'a las 1:00' is wrong Spanish: one o'clock takes 'la', every other hour 'las'."""
    code, out, _ = run(
        "plan", "2030-12-02 12:20", "--tz", "America/Los_Angeles", "-f", "html", lang="es_MX.UTF-8"
    )
    assert code == 0
    assert re.search(r"\bla 1:\d\d", out)
    assert not re.search(r"\blas 0?1:\d\d", out)
    assert re.search(r"\blas (?!0?1:)\d{1,2}:\d\d", out)


def test_the_calendar_descriptions_use_her_clock() -> None:
    """The .ics is read on her phone: its descriptions write 10:40 a.m. under en_US, 10:40 under en_GB."""
    args = ["plan", "2030-12-02 10:00", "--tz", "America/Los_Angeles", "-f", "ics"]
    us = run(*args, lang="en_US.UTF-8")[1].replace("\r\n ", "")
    gb = run(*args, lang="en_GB.UTF-8")[1].replace("\r\n ", "")
    assert "10:40 a.m." in us
    assert "10:40 a.m." not in gb
    assert "10:40" in gb
