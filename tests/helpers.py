"""Builders the tests share: plans from wall-clock times, reports rendered through the one interface."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from pumpplan.cli import app
from pumpplan.core.engine import build_plan
from pumpplan.core.model import Infusion, Plan, Rule
from pumpplan.core.stash import Stash
from pumpplan.core.units import Units
from pumpplan.render import DEFAULT_ALARM, RenderOptions, render
from pumpplan.render import stash_phrases as words
from pumpplan.render.report import Report

LA = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
ZONES = [LA, BERLIN, KOLKATA]
STAMP = datetime(2030, 11, 1, 12, 0, tzinfo=UTC)
# The common Mon/Wed/Fri course of six infusions at 10:00.
SIX = ("2030-12-02 10:00", "2030-12-04 10:00", "2030-12-06 10:00", "2030-12-09 10:00", "2030-12-11 10:00",
       "2030-12-13 10:00")  # fmt: skip


def at(text: str, zone: ZoneInfo = LA) -> datetime:
    """Return a wall-clock time such as '2030-12-02 10:00' in a zone."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def minutes(n: float) -> timedelta:
    """Return n minutes."""
    return timedelta(minutes=n)


def make_plan(
    *times: str, zone: ZoneInfo = LA, rule: Rule | None = None, now: datetime | None = None
) -> Plan:
    """Build the plan for infusions starting at the given wall-clock times."""
    rule = rule or Rule()
    return build_plan([Infusion(at(t, zone), rule.infusion) for t in times], rule, zone, now)


def plan_for(times: list[datetime], rule: Rule, zone: ZoneInfo) -> Plan:
    """Build the plan for infusions at the given instants."""
    return build_plan([Infusion(t, rule.infusion) for t in times], rule, zone)


def text(report: Report, fmt: str, **options: object) -> str:
    """Render a report in a text format through the renderers' one interface."""
    out = render(report, fmt, RenderOptions(**options))  # type: ignore[arg-type]
    assert isinstance(out, str)
    return out


def ics(
    plan: Plan, *, stamp: datetime = STAMP, alarm: timedelta | None = DEFAULT_ALARM, owner: str | None = None
) -> bytes:
    """Render a plan's calendar, as the command does, through the renderers' one interface."""
    out = render(Report(plan, patient=owner), "ics", RenderOptions(stamp=stamp, alarm=alarm))
    assert isinstance(out, bytes)
    return out


def stash_lines(stash: Stash, plan: Plan, units: Units) -> list[str]:
    """Return the whole stash in sentences: the need, the build-up and the storage."""
    return [
        *words.need_lines(stash, plan, units),
        *words.build_up_lines(stash, units),
        *words.storage_lines(stash, units),
    ]


def with_paper(page: str, paper: str) -> str:
    """Return a handout fixed to a paper size ('letter' or 'A4'), as a printer set to it prints."""
    return page.replace("</style>", f"@page {{ size: {paper}; }}\n</style>", 1)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run pumpplan in-process, with some environment variables, and return exit code, stdout, stderr."""
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def calendar(*events: str) -> str:
    """Return a calendar holding the given VEVENT bodies."""
    body = "".join(
        f"BEGIN:VEVENT\nUID:{n}@test\nDTSTAMP:20300101T000000Z\n{e}END:VEVENT\n" for n, e in enumerate(events)
    )
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n"


def today(zone: ZoneInfo = LA) -> date:
    """Return today's date in a zone, waiting out the last half-minute of a day so a test sees one day."""
    now = datetime.now(zone)
    if now.hour == 23 and now.minute == 59 and now.second >= 30:
        time.sleep(61 - now.second)
    return datetime.now(zone).date()


def printing_tool(name: str, package: str) -> str:
    """Return a tool's path; skip without it, or fail when CI promised the browser and its tools."""
    import os
    import shutil

    import pytest

    found = shutil.which(name)
    if found is None and os.environ.get("PUMPPLAN_REQUIRE_BROWSER"):
        pytest.fail(f"PUMPPLAN_REQUIRE_BROWSER is set but {name} is not installed: apt-get install {package}")
    if found is None:
        pytest.skip(f"{name} is not installed: apt-get install {package}")
    return found


def print_to_pdf(chromium: str, page: Path, pdf: Path, profile: Path) -> None:
    """Print a page to PDF with a headless browser, without its headers or footers; kill it if it hangs."""
    import os
    import signal
    import subprocess

    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(),
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # a page that hangs the browser must not outlive the test
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 0, f"chromium failed on {page.name}: {errors}"


def installed(
    *args: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script in a fresh process, with no colour and a fixed zone unless given."""
    script = Path(sys.executable).with_name("pumpplan")
    environ = {**os.environ, "TZ": "America/New_York", "NO_COLOR": "1", **(env or {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, "timeout": 60, **kwargs}
    return subprocess.run([str(script), *args], env=environ, check=False, **streams)


def invite(*events: str, zones: str = "") -> bytes:
    """Return a calendar file (CRLF, as exported) holding time-zone definitions and VEVENT bodies."""
    body = "".join(
        f"BEGIN:VEVENT\nUID:{n}@test\nDTSTAMP:20300101T000000Z\n{e}END:VEVENT\n" for n, e in enumerate(events)
    )
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{zones}{body}END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()
